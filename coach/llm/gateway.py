"""The gateway: every model call, with timeouts, retries, the embedded fallback and the call log."""
from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import litellm

from coach.llm.budget import count_tokens
from coach.llm.queue import BUDGET_MARK, BudgetExceeded, ProviderGate
from coach.llm.embedded import LOCAL_PROVIDER, STOP_TOKENS, EmbeddedModel, chatml, register_local_provider
from coach.llm.router import TEXT_COMPLETION, build_router
from coach.settings import Settings
from coach.store import LlmCallRecord, Store


log = logging.getLogger("coach.llm")


class LLMUnavailable(RuntimeError):
    """Every model the gateway tried (the configured one and the fallback) failed."""


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
        self._prefill_lock = threading.Lock()
        self._prefill_next: tuple[Callable[[], Sequence[dict[str, str]]], Callable[[], bool] | None] | None = None
        self._prefill_running = False
        self.router, self.routed = build_router(settings)
        self._gates: dict[str, ProviderGate] = {}

    # ---------------------------------------------------------- helpers
    def _kwargs(self, model: str, max_tokens: int, temperature: float, stop: Sequence[str] | None,
                mock_response: str | None, seed: int | None, purpose: str = "persona",
                deadline: float | None = None, expect_tokens: int | None = None) -> dict[str, Any]:
        kw: dict[str, Any] = {"model": model, "max_tokens": max_tokens, "temperature": temperature}
        if stop:
            kw["stop"] = list(stop)
        if seed is not None:
            kw["seed"] = seed
        if mock_response is not None:
            kw["mock_response"] = mock_response
        if _is_local(model):  # the embedded model's queue serves by purpose and keeps the deadline
            kw["metadata"] = {"purpose": purpose, "deadline": deadline, "expect_tokens": expect_tokens}
        else:
            kw["timeout"] = self.settings.llm_timeout
            kw["num_retries"] = self.settings.llm_retries
            if deadline is not None:  # a provider gets what is left of the budget, and no retry
                kw["timeout"] = max(0.1, min(self.settings.llm_timeout, deadline - time.monotonic()))
                kw["num_retries"] = 0
            if self.settings.api_base:
                kw["api_base"] = self.settings.api_base
            if self.settings.api_key:
                kw["api_key"] = self.settings.api_key
        return kw

    def _call(self, messages: Sequence[dict[str, str]], stream: bool, kw: dict[str, Any]) -> Any:
        """litellm (or the Router over several model servers); a `text-completion-openai/` model gets the ChatML
        prompt on /v1/completions, so a small served model continues a forced start like the embedded one."""
        model = kw["model"]
        routed = self.router is not None and model in self.routed
        if routed:  # the Router's deployments carry the servers, keys and retries
            for k in ("api_base", "api_key", "num_retries"):
                kw.pop(k, None)
        if model.startswith(TEXT_COMPLETION):  # litellm sends a lone message's content as the raw prompt
            messages = [{"role": "user", "content": chatml(messages)}]
            kw["stop"] = list(STOP_TOKENS) + list(kw.get("stop") or [])
        kw["messages"] = list(messages)
        fn = self.router.completion if routed else litellm.completion
        if stream:
            kw["stream_options"] = {"include_usage": True}
        if stream:
            kw["stream"] = True
        return fn(**kw)

    def _gate(self, model: str, deadline: float | None) -> Any:
        """With a deadline, a provider model's admission gate; nothing for the embedded model (it has its queue)."""
        from contextlib import nullcontext
        if deadline is None or _is_local(model):
            return nullcontext()
        if model not in self._gates:
            servers = len(self.settings.model_servers) if model in self.routed else 0
            self._gates[model] = ProviderGate(servers or self.settings.provider_concurrency)
        return self._gates[model].slot()

    def _gate_result(self, model: str, ok: bool) -> None:
        if model in self._gates:
            self._gates[model].result(ok)

    def _candidates(self, model: str, purpose: str, fallback: bool = True) -> list[str]:
        """The requested model, then the fallback — except for the judge: the embedded 0.5B model would be a
        different and unreliable judge, so a failing judge fails and the deterministic result stands — and
        when the caller has its own (fallback=False: the persona's checked bank line)."""
        fb = self.settings.fallback_model
        return [model] + ([fb] if fallback and fb and fb != model and purpose != "judge" else [])

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
                 seed: int | None = None, deadline: float | None = None) -> Completion:
        """One reply. With a deadline, see `stream`."""
        requested = model or self.model_for(purpose)
        t0 = time.perf_counter()
        errors: list[str] = []
        for i, candidate in enumerate(self._candidates(requested, purpose)):
            try:
                resp = self._call(messages, False, self._kwargs(candidate, max_tokens, temperature, stop,
                                                                mock_response, seed, purpose, deadline))
            except Exception as exc:  # noqa: BLE001 - any provider failure triggers the fallback
                errors.append(f"{candidate}: {type(exc).__name__}: {str(exc)[:300]}")
                if deadline is not None and (BUDGET_MARK in str(exc) or time.monotonic() >= deadline):
                    failed = Completion(text="", requested_model=requested, resolved_model="",
                                        duration_ms=int((time.perf_counter() - t0) * 1000), error="; ".join(errors))
                    self._log(failed, session_id, purpose, stream=False)
                    raise BudgetExceeded(_budget_reason(str(exc)), str(exc)[:200]) from exc
                continue
            usage = getattr(resp, "usage", None)
            c = Completion(
                text=_text(resp.choices[0]), requested_model=requested,
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
               seed: int | None = None, deadline: float | None = None,
               expect_tokens: int | None = None, fallback: bool = True) -> StreamHandle:
        """Stream text pieces. Falls back when a model fails before its first piece.

        `deadline` (time.monotonic()): the embedded model refuses or cuts a generation that cannot finish in
        time, and a provider gets only the time left; either raises BudgetExceeded, with no fallback (the
        caller has its own answer ready)."""
        requested = model or self.model_for(purpose)
        handle = StreamHandle(iter(()))

        def run() -> Iterator[str]:
            t0 = time.perf_counter()
            errors: list[str] = []
            for i, candidate in enumerate(self._candidates(requested, purpose, fallback)):
                first: float | None = None
                pieces: list[str] = []
                usage: Any = None
                resolved = candidate
                try:
                    with self._gate(candidate, deadline):
                        kw = self._kwargs(candidate, max_tokens, temperature, stop, mock_response, seed, purpose,
                                          deadline, expect_tokens)
                        resp = self._call(messages, True, kw)
                        for chunk in resp:
                            resolved = _resolved(candidate, getattr(chunk, "model", None))
                            if getattr(chunk, "usage", None):
                                usage = chunk.usage
                            if not chunk.choices:
                                continue
                            piece = _piece(chunk.choices[0])
                            if piece:
                                if first is None:
                                    first = time.perf_counter()
                                pieces.append(piece)
                                yield piece
                    self._gate_result(candidate, True)
                except Exception as exc:  # noqa: BLE001
                    errors.append(f"{candidate}: {type(exc).__name__}: {str(exc)[:300]}")
                    if BUDGET_MARK not in str(exc):
                        self._gate_result(candidate, False)
                    if deadline is not None and (BUDGET_MARK in str(exc) or time.monotonic() >= deadline):
                        c = Completion(text="".join(pieces), requested_model=requested, resolved_model=resolved,
                                       duration_ms=int((time.perf_counter() - t0) * 1000), error="; ".join(errors))
                        self._log(c, session_id, purpose, stream=True)
                        handle.result = c
                        raise BudgetExceeded(_budget_reason(str(exc)), str(exc)[:200]) from exc
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

    def prefill(self, build: Callable[[], Sequence[dict[str, str]]], purpose: str = "persona",
                busy: Callable[[], bool] | None = None) -> None:
        """In the background, let the embedded model read a conversation's beginning (from `build()`) while it is
        idle and `busy()` is false, so the next call reads only the new words. Only the latest request waits;
        providers: nothing."""
        if not _is_local(self.model_for(purpose)):
            return
        with self._prefill_lock:
            self._prefill_next = (build, busy)
            if self._prefill_running:
                return
            self._prefill_running = True
        threading.Thread(target=self._prefill_loop, daemon=True, name="coach-prefill").start()

    def _prefill_loop(self) -> None:
        while True:
            with self._prefill_lock:
                job, self._prefill_next = self._prefill_next, None
                if job is None:
                    self._prefill_running = False
                    return
            build, busy = job
            if not self._calm(busy):
                continue
            try:
                em = EmbeddedModel.get(self.settings)
                if em.queue.idle():
                    em.prefill(build(), busy=busy)
            except Exception as exc:  # noqa: BLE001 - a cache warm-up must never break anything
                log.warning("prefill skipped: %s: %s", type(exc).__name__, exc)

    def _calm(self, busy: Callable[[], bool] | None, patience: float = 10.0) -> bool:
        """Wait (a little) until the app has no other work; False when a newer request came or it stayed busy."""
        t0 = time.monotonic()
        while busy is not None and busy():
            if self._prefill_next is not None or time.monotonic() - t0 > patience:
                return False
            time.sleep(0.25)
        return self._prefill_next is None

    async def acomplete(self, messages: Sequence[dict[str, str]], **kwargs: Any) -> Completion:
        return await asyncio.to_thread(self.complete, messages, **kwargs)


def _text(choice: Any) -> str:
    message = getattr(choice, "message", None)
    return (getattr(message, "content", None) if message is not None else getattr(choice, "text", None)) or ""


def _piece(choice: Any) -> str:
    """A streamed piece: a chat delta, or a text completion's text."""
    delta = getattr(choice, "delta", None)
    if delta is not None:
        return getattr(delta, "content", None) or ""
    if isinstance(choice, dict):
        return choice.get("text") or ""
    return getattr(choice, "text", None) or ""


def _budget_reason(message: str) -> str:
    for reason in ("queue", "long", "prompt", "cut", "busy"):
        if f"{BUDGET_MARK}: {reason}" in message:
            return reason
    return "timeout"


def _resolved(candidate: str, reported: str | None) -> str:
    if _is_local(candidate):
        return candidate
    if reported and "/" not in reported and "/" in candidate:
        return f"{candidate.split('/', 1)[0]}/{reported}"
    return reported or candidate


def new_session_id() -> str:
    return str(uuid.uuid4())
