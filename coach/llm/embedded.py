"""The embedded model: one llama.cpp model in-process, served to litellm as the custom provider `local/...`.

This package is the only place that imports litellm or llama_cpp.
"""
from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import coach  # noqa: F401  (offline switches before litellm is imported)
from coach import assets
from coach.llm.queue import BudgetExceeded, ModelQueue
from coach.settings import Settings

import litellm  # noqa: E402
from litellm import CustomLLM  # noqa: E402
from litellm.types.utils import GenericStreamingChunk, ModelResponse  # noqa: E402

litellm.telemetry = False
litellm.suppress_debug_info = True
litellm.drop_params = True

LOCAL_PROVIDER = "local"
STOP_TOKENS = ["<|im_end|>", "<|im_start|>", "<|endoftext|>"]
_SPECIAL = re.compile(r"<\|[^|<>]{0,40}\|>|<\||\|>")


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
        self.queue = ModelQueue()

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
                 stop: Sequence[str] | None, seed: int | None = None, *, purpose: str = "persona",
                 deadline: float | None = None, expect_tokens: int | None = None) -> Iterator[str]:
        """Stream the continuation. With a deadline (time.monotonic()), raise BudgetExceeded when the queue or the
        prompt cannot fit, or when the generation is still running at the deadline."""
        tokens = self.llm.tokenize(chatml(messages).encode("utf-8"), add_bos=False, special=True)
        expect = min(max_tokens, expect_tokens or max_tokens)
        rates = self.queue.rates
        with self.queue.slot(purpose, rates.seconds(self._new_tokens(tokens), expect), deadline):
            new = self._new_tokens(tokens)  # what the cache holds now that it is our turn
            own = rates.seconds(new, expect)
            self.queue.extend(own)
            if deadline is not None and time.monotonic() + own > deadline:
                self.queue.refuse("prompt", load=False)
                raise BudgetExceeded("prompt", f"{new} prompt tokens to read")
            yield from self._run(tokens, new, max_tokens, temperature, stop, seed, deadline)

    def prefill(self, messages: Sequence[dict[str, str]], chunk: int = 64,
                busy: Callable[[], bool] | None = None) -> int:
        """Read the beginning of a conversation's next prompt (system prompt and history) into the model's cache
        while the model is idle, so the next turn reads only its new words. Works in small chunks at the lowest
        priority and gives way as soon as anyone else wants the model, or `busy()` says the app has other work
        (the cores are better spent on it). Returns the tokens read."""
        text = chatml(messages)
        text = text[: -len("<|im_start|>assistant\n")] if text.endswith("<|im_start|>assistant\n") else text
        tokens = self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)
        read = 0
        while self.queue.idle() and not (busy and busy()):
            with self.queue.slot("prefill", chunk / self.queue.rates.prompt_tps, None):
                cached = self.llm.longest_token_prefix(self.llm._input_ids.tolist(), tokens)
                if cached >= len(tokens):
                    break
                self.llm.n_tokens = cached  # eval() drops the cache after this point
                part = tokens[cached: cached + chunk]
                t0 = time.monotonic()
                self.llm.eval(part)
                self.queue.rates.update(len(part), time.monotonic() - t0, 0, 0.0)
                read += len(part)
        self.queue.counts["prefill_tokens"] += read
        return read

    def _new_tokens(self, tokens: Sequence[int]) -> int:
        cached = self.llm.longest_token_prefix(self.llm._input_ids.tolist(), tokens)
        return len(tokens) - cached

    def _run(self, tokens: Sequence[int], new: int, max_tokens: int, temperature: float,
             stop: Sequence[str] | None, seed: int | None, deadline: float | None) -> Iterator[str]:
        t0 = time.monotonic()
        first: float | None = None
        n = 0
        stream = self.llm.create_completion(
            list(tokens), max_tokens=max_tokens, temperature=temperature, top_p=0.9, repeat_penalty=1.1,
            stop=list(STOP_TOKENS) + list(stop or []), stream=True, seed=seed if seed is not None else -1,
        )
        try:
            for chunk in stream:
                now = time.monotonic()
                if first is None:
                    first = now
                n += 1
                if deadline is not None and now > deadline:
                    self.queue.refuse("cut")
                    raise BudgetExceeded("cut", f"{n} tokens in {now - t0:.1f} s")
                piece = chunk["choices"][0].get("text") or ""
                if piece:
                    yield piece
        finally:
            stream.close()  # stops llama.cpp at once when the consumer or the deadline ends the stream
            end = time.monotonic()
            if first is not None:
                self.queue.rates.update(new, first - t0, n - 1, end - first)
            self.queue.counts["served"] += 1


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

    @staticmethod
    def _budget(kwargs: dict) -> dict[str, Any]:
        """Purpose, deadline and expected length, handed over by the gateway in litellm's metadata."""
        meta = (kwargs.get("litellm_params") or {}).get("metadata") or {}
        return {"purpose": meta.get("purpose") or "persona", "deadline": meta.get("deadline"),
                "expect_tokens": meta.get("expect_tokens")}

    def completion(self, model: str, messages: list, api_base: str, custom_prompt_dict: dict,
                   model_response: ModelResponse, print_verbose: Any, encoding: Any, api_key: Any,
                   logging_obj: Any, optional_params: dict, *args: Any, **kwargs: Any) -> ModelResponse:
        em = EmbeddedModel.get(self.settings)
        p = self._params(optional_params)
        if isinstance(p["stop"], str):
            p["stop"] = [p["stop"]]
        text = "".join(em.generate(messages, p["max_tokens"], p["temperature"], p["stop"], p["seed"], **self._budget(kwargs)))
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
        for piece in em.generate(messages, p["max_tokens"], p["temperature"], p["stop"], p["seed"], **self._budget(kwargs)):
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
