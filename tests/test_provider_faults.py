"""A provider that fails, over real HTTP: 429, 5xx and a timeout from a local fake OpenAI-compatible server.
The gateway retries, then falls back, and records it; the persona keeps its checked bank line and the salesperson
is told politely; the judge fails cleanly (the deterministic debrief stands)."""
from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import Counter

import pytest

from coach.llm import Gateway, LLMUnavailable
from coach.settings import load_settings
from tests.conftest import free_port

HITS: Counter[str] = Counter()


def _completion(model: str, text: str) -> dict:
    return {"id": "x", "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}}


def _app():
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse, StreamingResponse
    from starlette.routing import Route

    async def chat(request):
        body = await request.json()
        model = body["model"]
        HITS[model] += 1
        if model == "fail-429":
            return JSONResponse({"error": {"message": "rate limited", "type": "rate_limit"}}, status_code=429)
        if model == "fail-503":
            return JSONResponse({"error": {"message": "overloaded", "type": "server_error"}}, status_code=503)
        if model == "slow":
            await asyncio.sleep(5)
        if body.get("stream"):
            async def gen():
                for k, word in enumerate(["Thank ", "you, ", "noted."]):
                    if model == "drop" and k == 2:  # the server dies in the middle of the reply
                        raise ConnectionResetError("model server killed")
                    chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": model,
                             "choices": [{"index": 0, "delta": {"content": word}, "finish_reason": None}]}
                    yield f"data: {json.dumps(chunk)}\n\n"
                end = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": model,
                       "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                yield f"data: {json.dumps(end)}\n\n"
                yield "data: [DONE]\n\n"
            return StreamingResponse(gen(), media_type="text/event-stream")
        return JSONResponse(_completion(model, "Thank you, noted."))

    return Starlette(routes=[Route("/v1/chat/completions", chat, methods=["POST"])])


@pytest.fixture(scope="module")
def fake_provider():
    import uvicorn
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/v1"
    server.should_exit = True
    thread.join(5)


def _gateway(base: str, tmp_path, store, model: str, fallback: str | None, timeout: float = 10) -> Gateway:
    s = load_settings(env={}, data_dir=str(tmp_path), persona_model=f"openai/{model}", judge_model=f"openai/{model}",
                      fallback_model=fallback or "none", api_base=base, api_key="sk-fake", llm_retries=1,
                      llm_timeout=timeout)
    return Gateway(s, store)


@pytest.mark.parametrize("model,error", [("fail-429", "RateLimit"), ("fail-503", "ServiceUnavailable")])
def test_retry_then_fallback_is_recorded(fake_provider, tmp_path, store, model, error):
    gw = _gateway(fake_provider, tmp_path, store, model, fallback="openai/ok")
    before = HITS[model]
    c = gw.complete([{"role": "user", "content": "hello"}], session_id=f"f-{model}")
    assert c.text == "Thank you, noted." and c.fallback and c.resolved_model.endswith("ok")
    assert HITS[model] - before >= 2, "one retry before the fallback"
    [row] = store.llm_calls(f"f-{model}")
    assert row.fallback and error.lower() in (row.error or "").lower()


def test_a_provider_timeout_falls_back_in_time(fake_provider, tmp_path, store):
    gw = _gateway(fake_provider, tmp_path, store, "slow", fallback="openai/ok", timeout=1)
    t0 = time.monotonic()
    text = "".join(gw.stream([{"role": "user", "content": "hello"}], session_id="f-slow"))
    assert text == "Thank you, noted." and time.monotonic() - t0 < 4.5
    [row] = store.llm_calls("f-slow")
    assert row.fallback and "timeout" in (row.error or "").lower()


def test_the_judge_does_not_fall_back(fake_provider, tmp_path, store):
    gw = _gateway(fake_provider, tmp_path, store, "fail-503", fallback="openai/ok")
    with pytest.raises(LLMUnavailable):
        gw.complete([{"role": "user", "content": "score this"}], purpose="judge")


def test_the_persona_keeps_its_bank_line_and_the_salesperson_is_told(fake_provider, tmp_path, store, registry):
    from coach.roleplay import RolePlay
    gw = _gateway(fake_provider, tmp_path, store, "fail-503", fallback="openai/ok")
    rp = RolePlay(registry, store, gateway=gw, realiser="model")
    sid = rp.start("sa-utility-smart-meter-supply", home="US")
    t = rp.turn(sid, "Good morning, thank you for receiving us.")
    text = t.text()
    assert text and t.result.source == "bank" and "model unavailable" in t.result.guard_reasons
    assert t.result.notice and "rehearsal continues" in t.result.notice
    assert not any(c.resolved_model and c.resolved_model.endswith("/ok") for c in store.llm_calls(sid)), \
        "no second model for the persona: its checked bank line is the fallback"
    assert [x.status for x in store.turns(sid)] == ["complete", "complete"]


def test_a_model_server_dying_mid_reply_leaves_the_bank_line(fake_provider, tmp_path, store, registry):
    from coach.roleplay import RolePlay
    gw = _gateway(fake_provider, tmp_path, store, "drop", fallback="openai/ok")
    rp = RolePlay(registry, store, gateway=gw, realiser="model", budget=0)
    sid = rp.start("de-machinery-drive-components", home="US")
    t = rp.turn(sid, "Good morning, Dr. Brenner.")
    text = t.text()
    assert text and "Thank you," not in text and t.result.source == "bank" and t.result.notice
    [call] = store.llm_calls(sid)
    assert call.error and call.resolved_model.endswith("drop"), "recorded as a failure of that server, no switch"
    assert [x.status for x in store.turns(sid)] == ["complete", "complete"]
