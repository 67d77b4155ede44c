"""The one gateway to every language model: litellm, with the embedded model as a custom provider.

- `local/<name>` runs the embedded GGUF in-process with llama-cpp-python (one model object per
  process), registered with litellm through `custom_provider_map` (`embedded.py`).
- Any other model string (`openai/gpt-4o-mini`, `anthropic/...`, `ollama/...`, `openai/<name>` with an
  api base for vLLM or any OpenAI-compatible server) goes to litellm as it is.
- Timeouts and retries; on failure the configured fallback (the embedded model) answers and the
  resolved model is recorded. Every call is logged to the store in one transaction (`gateway.py`).
- Token counting and history budgets (`budget.py`); one generation at a time, by priority, with a latency
  budget per request (`queue.py`).
This package is the only place that imports litellm or llama_cpp.
"""
from __future__ import annotations

import coach  # noqa: F401  (offline switches before litellm is imported)
from coach.llm.budget import count_tokens, fit_messages
from coach.llm.embedded import (
    LOCAL_PROVIDER,
    STOP_TOKENS,
    EmbeddedModel,
    LocalProvider,
    chatml,
    neutralise,
    register_local_provider,
)
from coach.llm.queue import BudgetExceeded, ModelQueue
from coach.llm.gateway import Completion, Gateway, LLMUnavailable, StreamHandle, new_session_id
from coach.settings import EMBEDDED_MODEL

__all__ = [
    "EMBEDDED_MODEL", "BudgetExceeded", "Completion", "ModelQueue", "EmbeddedModel", "Gateway", "LLMUnavailable", "StreamHandle",
    "chatml", "count_tokens", "fit_messages", "neutralise",
    "LOCAL_PROVIDER", "STOP_TOKENS", "LocalProvider", "new_session_id", "register_local_provider",
]
