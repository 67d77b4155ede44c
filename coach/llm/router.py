"""Several model servers for one model name: a litellm Router (retries on the other server, cooldown of a dead one).

`COACH_MODEL_SERVERS=http://10.0.0.5:8080/v1,http://10.0.0.6:8080/v1` puts every server behind the persona and
advisor model names; a server that fails is cooled down and the request retried on another. Model strings:
- `openai/<alias>`: chat completions (a model that composes from instructions);
- `text-completion-openai/<alias>`: raw completions with the ChatML prompt, for a small model served by
  llama-cpp-python's server (or vLLM): it keeps the embedded model's recipe — a forced start it continues.
"""
from __future__ import annotations

from typing import Any

from coach.settings import Settings

TEXT_COMPLETION = "text-completion-openai/"
SMALL_PREFIXES = ("local/", TEXT_COMPLETION)


def is_small(model: str) -> bool:
    """A model that adapts bank lines from a forced start (the embedded one, or the same served over HTTP)."""
    return model.startswith(SMALL_PREFIXES)


def build_router(settings: Settings) -> tuple[Any, set[str]] | tuple[None, set[str]]:
    """The Router over settings.model_servers for the persona and advisor models (None without servers)."""
    if not settings.model_servers:
        return None, set()
    from litellm import Router
    names = {m for m in (settings.persona_model, settings.advisor_model) if not m.startswith("local/")}
    model_list = [{"model_name": name, "litellm_params": {"model": name, "api_base": base,
                                                          "api_key": settings.api_key or "sk-local"}}
                  for name in sorted(names) for base in settings.model_servers]
    router = Router(model_list=model_list, num_retries=max(1, settings.llm_retries), allowed_fails=0,
                    cooldown_time=30, retry_after=0, timeout=settings.llm_timeout, routing_strategy="simple-shuffle")
    return router, names
