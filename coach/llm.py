"""The one gateway to every language model: litellm, with the embedded model as a custom provider.

- `local/<name>` runs the embedded GGUF in-process with llama-cpp-python (one model object per
  process), registered with litellm through `custom_provider_map`.
- Any other model string (`openai/gpt-4o-mini`, `anthropic/...`, `ollama/...`, `openai/<name>` with an
  api base for vLLM or any OpenAI-compatible server) goes to litellm as it is.
- Timeouts and retries; on failure the configured fallback (the embedded model) answers and the
  resolved model is recorded. Every call is logged to the store in one transaction.
This is the only module that imports litellm or llama_cpp.
"""
from __future__ import annotations

import asyncio
import re
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import coach  # noqa: F401  (offline switches before litellm is imported)
from coach import assets
from coach.settings import EMBEDDED_MODEL, Settings
from coach.store import LlmCallRecord, Store

import litellm  # noqa: E402
from litellm import CustomLLM  # noqa: E402
from litellm.types.utils import GenericStreamingChunk, ModelResponse  # noqa: E402

litellm.telemetry = False
litellm.suppress_debug_info = True
litellm.drop_params = True

LOCAL_PROVIDER = "local"
STOP_TOKENS = ["<|im_end|>", "<|im_start|>", "<|endoftext|>"]
_SPECIAL = re.compile(r"<\|[^|<>]{0,40}\|>|<\||\|>")


class LLMUnavailable(RuntimeError):
    """Every model the gateway tried (the configured one and the fallback) failed."""


def neutralise(text: str) -> str:
    """Defuse chat-template tokens in user-supplied text so they cannot open a new role."""
    return _SPECIAL.sub(lambda m: m.group(0).replace("<|", "<\u2009|").replace("|>", "|\u2009>"), text)


def chatml(messages: Sequence[dict[str, str]]) -> str:
    """Qwen's ChatML prompt. A final assistant message is a forced prefix: the model continues it."""
    parts = []
    for i, m in enumerate(messages):
        content = neutralise(str(m.get("content") or ""))
        role = m.get("role", "user")
        if role not in ("system", "user", "assistant"):
            role = "user"
        if i == len(messages) - 1 and role == "assistant":
            parts.append(f"<|im_start|>assistant\n{content}")
            return "".join(parts)
        parts.append(f"<|im_start|>{role}\n{content}<|im_end|>\n")
    parts.append("<|im_start|>assistant\n")
    return "".join(parts)


# ---------------------------------------------------------------- the embedded model

class EmbeddedModel:
    """One llama.cpp model object per process, loaded on first use; generation is serialised."""

    _instance: "EmbeddedModel | None" = None
    _class_lock = threading.Lock()

    def __init__(self, model_dir: Path, n_ctx: int, n_threads: int):
        from llama_cpp import Llama

        t0 = time.perf_counter()
        path = assets.chat_model_path(model_dir)
        self.llm = Llama(model_path=str(path), n_ctx=n_ctx, n_threads=n_threads, n_threads_batch=n_threads,
                         n_batch=256, verbose=False, use_mmap=True)
        self.load_seconds = time.perf_counter() - t0
        self.path = path
        self.lock = threading.Lock()

    @classmethod
    def get(cls, settings: Settings) -> "EmbeddedModel":
        with cls._class_lock:
            if cls._instance is None:
                cls._instance = cls(settings.resolved_model_dir, settings.n_ctx, settings.n_threads)
            return cls._instance

    @classmethod
    def loaded(cls) -> bool:
        return cls._instance is not None

    def count_tokens(self, text: str) -> int:
        return len(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def generate(self, messages: Sequence[dict[str, str]], max_tokens: int, temperature: float,
                 stop: Sequence[str] | None, seed: int | None = None) -> Iterator[str]:
        prompt = chatml(messages)
        with self.lock:
            for chunk in self.llm.create_completion(
                prompt, max_tokens=max_tokens, temperature=temperature, top_p=0.9, repeat_penalty=1.1,
                stop=list(STOP_TOKENS) + list(stop or []), stream=True, seed=seed if seed is not None else -1,
            ):
                piece = chunk["choices"][0].get("text") or ""
                if piece:
                    yield piece


class LocalProvider(CustomLLM):
    """litellm custom provider `local/...`: the embedded model, in-process."""

    def __init__(self, settings: Settings):
        super().__init__()
        self.settings = settings

    def _params(self, optional_params: dict) -> dict[str, Any]:
        return {
            "max_tokens": int(optional_params.get("max_tokens") or optional_params.get("max_completion_tokens") or 128),
            "temperature": float(optional_params.get("temperature", 0.7)),
            "stop": optional_params.get("stop") or None,
            "seed": optional_params.get("seed"),
        }

    def completion(self, model: str, messages: list, api_base: str, custom_prompt_dict: dict,
                   model_response: ModelResponse, print_verbose: Any, encoding: Any, api_key: Any,
                   logging_obj: Any, optional_params: dict, *args: Any, **kwargs: Any) -> ModelResponse:
        em = EmbeddedModel.get(self.settings)
        p = self._params(optional_params)
        if isinstance(p["stop"], str):
            p["stop"] = [p["stop"]]
        text = "".join(em.generate(messages, p["max_tokens"], p["temperature"], p["stop"], p["seed"]))
        prompt_tokens = em.count_tokens(chatml(messages))
        completion_tokens = em.count_tokens(text)
        model_response.choices[0].message.content = text  # type: ignore[union-attr]
        model_response.choices[0].finish_reason = "stop"
        model_response.model = f"{LOCAL_PROVIDER}/{model}"
        model_response.usage = litellm.Usage(prompt_tokens=prompt_tokens, completion_tokens=completion_tokens,  # type: ignore[attr-defined]
                                             total_tokens=prompt_tokens + completion_tokens)
        return model_response

    def streaming(self, model: str, messages: list, api_base: str, custom_prompt_dict: dict,
                  model_response: ModelResponse, print_verbose: Any, encoding: Any, api_key: Any,
                  logging_obj: Any, optional_params: dict, *args: Any, **kwargs: Any) -> Iterator[GenericStreamingChunk]:
        em = EmbeddedModel.get(self.settings)
        p = self._params(optional_params)
        if isinstance(p["stop"], str):
            p["stop"] = [p["stop"]]
        pieces: list[str] = []
        for piece in em.generate(messages, p["max_tokens"], p["temperature"], p["stop"], p["seed"]):
            pieces.append(piece)
            yield GenericStreamingChunk(text=piece, is_finished=False, finish_reason="", usage=None, index=0, tool_use=None)
        prompt_tokens = em.count_tokens(chatml(messages))
        completion_tokens = em.count_tokens("".join(pieces))
        yield GenericStreamingChunk(
            text="", is_finished=True, finish_reason="stop", index=0, tool_use=None,
            usage={"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                   "total_tokens": prompt_tokens + completion_tokens},
        )

    async def acompletion(self, *args: Any, **kwargs: Any) -> ModelResponse:
        return await asyncio.to_thread(self.completion, *args, **kwargs)

    async def astreaming(self, *args: Any, **kwargs: Any) -> AsyncIterator[GenericStreamingChunk]:
        queue: asyncio.Queue = asyncio.Queue()
        loop = asyncio.get_running_loop()
        done = object()

        def run() -> None:
            try:
                for chunk in self.streaming(*args, **kwargs):
                    loop.call_soon_threadsafe(queue.put_nowait, chunk)
            except Exception as exc:  # noqa: BLE001 - handed to the consumer
                loop.call_soon_threadsafe(queue.put_nowait, exc)
            finally:
                loop.call_soon_threadsafe(queue.put_nowait, done)

        threading.Thread(target=run, daemon=True).start()
        while True:
            item = await queue.get()
            if item is done:
                return
            if isinstance(item, Exception):
                raise item
            yield item


def register_local_provider(settings: Settings) -> None:
    handler = LocalProvider(settings)
    others = [p for p in (litellm.custom_provider_map or []) if p.get("provider") != LOCAL_PROVIDER]
    litellm.custom_provider_map = others + [{"provider": LOCAL_PROVIDER, "custom_handler": handler}]
    # litellm keeps its own registry of custom providers; refresh it
    from litellm.utils import custom_llm_setup
    custom_llm_setup()


# ---------------------------------------------------------------- the gateway

@dataclass
class Completion:
    text: str
    requested_model: str
    resolved_model: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    duration_ms: int = 0
    first_token_ms: int | None = None
    fallback: bool = False
    error: str | None = None


@dataclass
class StreamHandle:
    """Iterate for text pieces; `result` is filled when the stream ends (and the call is logged)."""
    _iter: Iterator[str]
    result: Completion | None = None
    _pieces: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[str]:
        for piece in self._iter:
            self._pieces.append(piece)
            yield piece

    @property
    def text(self) -> str:
        return "".join(self._pieces)


def _is_local(model: str) -> bool:
    return model.startswith(LOCAL_PROVIDER + "/")


class Gateway:
    """Every model call goes through here. Services receive a Gateway; tests hand them mocks."""

    def __init__(self, settings: Settings, store: Store | None = None):
        self.settings = settings
        self.store = store
        register_local_provider(settings)

    # ---------------------------------------------------------- helpers
    def _kwargs(self, model: str, max_tokens: int, temperature: float, stop: Sequence[str] | None,
                mock_response: str | None, seed: int | None) -> dict[str, Any]:
        kw: dict[str, Any] = {"model": model, "max_tokens": max_tokens, "temperature": temperature}
        if stop:
            kw["stop"] = list(stop)
        if seed is not None:
            kw["seed"] = seed
        if mock_response is not None:
            kw["mock_response"] = mock_response
        if not _is_local(model):
            kw["timeout"] = self.settings.llm_timeout
            kw["num_retries"] = self.settings.llm_retries
            if self.settings.api_base:
                kw["api_base"] = self.settings.api_base
            if self.settings.api_key:
                kw["api_key"] = self.settings.api_key
        return kw

    def _candidates(self, model: str, purpose: str) -> list[str]:
        """The requested model, then the fallback — except for the judge: the embedded 0.5B model would be a
        different and unreliable judge, so a failing judge fails and the deterministic result stands."""
        fb = self.settings.fallback_model
        return [model] + ([fb] if fb and fb != model and purpose != "judge" else [])

    def _log(self, c: Completion, session_id: str | None, purpose: str | None, stream: bool) -> None:
        if self.store is None or not self.settings.log_llm_calls:
            return
        self.store.log_llm_call(LlmCallRecord(
            requested_model=c.requested_model, resolved_model=c.resolved_model or None,
            prompt_tokens=c.prompt_tokens, completion_tokens=c.completion_tokens, duration_ms=c.duration_ms,
            session_id=session_id, purpose=purpose, first_token_ms=c.first_token_ms, stream=stream,
            fallback=c.fallback, error=c.error,
        ))

    def model_for(self, purpose: str) -> str:
        return self.settings.model_for(purpose)

    def token_counter(self, purpose: str) -> Callable[[str], int]:
        """The embedded model counts with its own tokenizer (exact, and no extra memory); providers with tiktoken."""
        if _is_local(self.model_for(purpose)):
            em = EmbeddedModel.get(self.settings)
            return em.count_tokens
        return count_tokens

    # ---------------------------------------------------------- calls
    def complete(self, messages: Sequence[dict[str, str]], *, purpose: str = "persona", model: str | None = None,
                 session_id: str | None = None, max_tokens: int = 128, temperature: float = 0.7,
                 stop: Sequence[str] | None = None, mock_response: str | None = None,
                 seed: int | None = None) -> Completion:
        requested = model or self.model_for(purpose)
        t0 = time.perf_counter()
        errors: list[str] = []
        for i, candidate in enumerate(self._candidates(requested, purpose)):
            try:
                resp = litellm.completion(messages=list(messages),
                                          **self._kwargs(candidate, max_tokens, temperature, stop, mock_response, seed))
            except Exception as exc:  # noqa: BLE001 - any provider failure triggers the fallback
                errors.append(f"{candidate}: {type(exc).__name__}: {str(exc)[:300]}")
                continue
            usage = getattr(resp, "usage", None)
            c = Completion(
                text=resp.choices[0].message.content or "", requested_model=requested,
                resolved_model=_resolved(candidate, getattr(resp, "model", None)),
                prompt_tokens=getattr(usage, "prompt_tokens", None), completion_tokens=getattr(usage, "completion_tokens", None),
                duration_ms=int((time.perf_counter() - t0) * 1000), fallback=i > 0,
                error="; ".join(errors) or None,
            )
            self._log(c, session_id, purpose, stream=False)
            return c
        failed = Completion(text="", requested_model=requested, resolved_model="",
                            duration_ms=int((time.perf_counter() - t0) * 1000), error="; ".join(errors))
        self._log(failed, session_id, purpose, stream=False)
        raise LLMUnavailable(failed.error or "no model answered")

    def stream(self, messages: Sequence[dict[str, str]], *, purpose: str = "persona", model: str | None = None,
               session_id: str | None = None, max_tokens: int = 128, temperature: float = 0.7,
               stop: Sequence[str] | None = None, mock_response: str | None = None,
               seed: int | None = None) -> StreamHandle:
        """Stream text pieces. Falls back when a model fails before its first piece."""
        requested = model or self.model_for(purpose)
        handle = StreamHandle(iter(()))

        def run() -> Iterator[str]:
            t0 = time.perf_counter()
            errors: list[str] = []
            for i, candidate in enumerate(self._candidates(requested, purpose)):
                first: float | None = None
                pieces: list[str] = []
                usage: Any = None
                resolved = candidate
                try:
                    resp = litellm.completion(messages=list(messages), stream=True, stream_options={"include_usage": True},
                                              **self._kwargs(candidate, max_tokens, temperature, stop, mock_response, seed))
                    for chunk in resp:
                        resolved = _resolved(candidate, getattr(chunk, "model", None))
                        if getattr(chunk, "usage", None):
                            usage = chunk.usage
                        if not chunk.choices:
                            continue
                        piece = chunk.choices[0].delta.content or ""
                        if piece:
                            if first is None:
                                first = time.perf_counter()
                            pieces.append(piece)
                            yield piece
                except Exception as exc:  # noqa: BLE001
                    errors.append(f"{candidate}: {type(exc).__name__}: {str(exc)[:300]}")
                    if pieces:  # failed mid-stream: no silent switch of voice; report it
                        c = Completion(text="".join(pieces), requested_model=requested, resolved_model=resolved,
                                       duration_ms=int((time.perf_counter() - t0) * 1000), fallback=i > 0,
                                       error="; ".join(errors))
                        self._log(c, session_id, purpose, stream=True)
                        handle.result = c
                        raise LLMUnavailable(c.error or "stream failed") from exc
                    continue
                c = Completion(
                    text="".join(pieces), requested_model=requested, resolved_model=resolved,
                    prompt_tokens=getattr(usage, "prompt_tokens", None) if usage else None,
                    completion_tokens=getattr(usage, "completion_tokens", None) if usage else None,
                    duration_ms=int((time.perf_counter() - t0) * 1000),
                    first_token_ms=int((first - t0) * 1000) if first else None, fallback=i > 0,
                    error="; ".join(errors) or None,
                )
                self._log(c, session_id, purpose, stream=True)
                handle.result = c
                return
            failed = Completion(text="", requested_model=requested, resolved_model="",
                                duration_ms=int((time.perf_counter() - t0) * 1000), error="; ".join(errors))
            self._log(failed, session_id, purpose, stream=True)
            handle.result = failed
            raise LLMUnavailable(failed.error or "no model answered")

        handle._iter = run()
        return handle

    async def acomplete(self, messages: Sequence[dict[str, str]], **kwargs: Any) -> Completion:
        return await asyncio.to_thread(self.complete, messages, **kwargs)


def _resolved(candidate: str, reported: str | None) -> str:
    if _is_local(candidate):
        return candidate
    if reported and "/" not in reported and "/" in candidate:
        return f"{candidate.split('/', 1)[0]}/{reported}"
    return reported or candidate


# ---------------------------------------------------------------- token budgets

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


def new_session_id() -> str:
    return str(uuid.uuid4())


__all__ = [
    "EMBEDDED_MODEL", "Completion", "EmbeddedModel", "Gateway", "LLMUnavailable", "StreamHandle",
    "chatml", "count_tokens", "fit_messages", "neutralise",
]
