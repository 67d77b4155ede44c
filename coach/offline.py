"""Offline switches, set before any third-party library is imported.

Culture Coach never reaches a model hub, a cost map or an analytics endpoint at run time.
These are defaults: an explicit environment value wins.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

_DEFAULTS = {
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",   # litellm otherwise fetches its cost map at import
    "LITELLM_LOG": "ERROR",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",      # without it an offline Gradio process does not exit
    "ANONYMIZED_TELEMETRY": "False",          # chromadb telemetry
    "DO_NOT_TRACK": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


def _litellm_tokenizer_dir() -> str | None:
    """litellm ships the cl100k/o200k tiktoken files; tiktoken cannot download them here."""
    spec = importlib.util.find_spec("litellm")
    if not spec or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "litellm_core_utils" / "tokenizers"
    return str(path) if path.is_dir() else None


def apply() -> None:
    for key, value in _DEFAULTS.items():
        os.environ.setdefault(key, value)
    if "TIKTOKEN_CACHE_DIR" not in os.environ:
        tok = _litellm_tokenizer_dir()
        if tok:
            os.environ["TIKTOKEN_CACHE_DIR"] = tok
            os.environ.setdefault("CUSTOM_TIKTOKEN_CACHE_DIR", tok)  # stops litellm overriding it
