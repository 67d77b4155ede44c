"""Token budgets: counting tokens and fitting a conversation history into a context window."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache


@lru_cache(maxsize=1)
def _encoding():
    import tiktoken
    return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    """Token count with tiktoken's cl100k (a close, model-independent estimate)."""
    return len(_encoding().encode(text, disallowed_special=()))


def fit_messages(fixed: Sequence[dict[str, str]], history: Sequence[dict[str, str]], budget: int,
                 reserve: int = 0, counter: Callable[[str], int] | None = None) -> tuple[list[dict[str, str]], int]:
    """Keep the fixed messages and the most recent history that fits `budget - reserve` tokens.

    Returns the kept history (oldest first) and how many older messages were dropped, so the caller
    can replace them with a summary.
    """
    count = counter or count_tokens
    used = sum(count(m["content"]) + 4 for m in fixed) + reserve
    kept: list[dict[str, str]] = []
    for m in reversed(history):
        cost = count(m["content"]) + 4
        if used + cost > budget:
            break
        kept.append(m)
        used += cost
    kept.reverse()
    return kept, len(history) - len(kept)
