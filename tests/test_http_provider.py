"""The same gateway over real HTTP: llama-cpp-python's OpenAI-compatible server on 127.0.0.1."""
from __future__ import annotations

import sys

import pytest

from coach import assets
from coach.llm import Gateway
from coach.settings import load_settings
from tests.conftest import LocalServer, free_port


@pytest.fixture(scope="module")
def llama_server(model_dir, tmp_path_factory):
    port = free_port()
    gguf = assets.chat_model_path(model_dir)
    url = f"http://127.0.0.1:{port}"
    server = LocalServer([sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", "qwen-local",
                          "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "2"],
                         url + "/v1/models", tmp_path_factory.mktemp("llama-server") / "server.log", timeout=120)
    yield url
    server.stop()


@pytest.mark.model
def test_gateway_over_real_openai_compatible_http(llama_server, tmp_path, model_dir, store):
    s = load_settings(env={}, data_dir=str(tmp_path), model_dir=str(model_dir), persona_model="openai/qwen-local",
                      api_base=llama_server + "/v1", api_key="sk-local", fallback_model="none")
    gw = Gateway(s, store)
    c = gw.complete([{"role": "user", "content": "What is the capital of France? One word."}], max_tokens=8,
                    temperature=0.0, session_id="http")
    assert "paris" in c.text.lower()
    assert c.fallback is False and c.resolved_model.startswith("openai/")
    h = gw.stream([{"role": "user", "content": "Count from one to five in words."}], max_tokens=24,
                  temperature=0.0, session_id="http")
    assert "three" in "".join(h).lower()
    rows = store.llm_calls("http")
    assert len(rows) == 2 and all(r.requested_model == "openai/qwen-local" and r.error is None for r in rows)
    assert rows[0].prompt_tokens and rows[0].completion_tokens


@pytest.mark.model
def test_yes_no_judge_over_real_http(llama_server, tmp_path, model_dir, store):
    """The eval judge as a provider model over real HTTP: every call answered (or repaired) and logged."""
    from coach.evals.yesno import YesNoJudge
    s = load_settings(env={}, data_dir=str(tmp_path), model_dir=str(model_dir), judge_model="openai/qwen-local",
                      api_base=llama_server + "/v1", api_key="sk-local", fallback_model="none")
    j = YesNoJudge(Gateway(s, store), k=2, session_id="judge-http")
    j.ask("in_character", "As an AI language model, I cannot take part in a negotiation.", expected=False)
    j.ask("in_character", "Thank you for coming to Stuttgart. Shall we go through the agenda?", expected=True)
    m = j.metrics()
    assert m["judge_items"] == 2 and m["judge_invalid_rate"] < 1 and 0 <= m["judge_instability"] <= 1
    rows = store.llm_calls("judge-http")
    assert len(rows) >= 4 and all(r.purpose == "judge" and r.requested_model == "openai/qwen-local" for r in rows)


@pytest.fixture(scope="module")
def second_llama_server(model_dir, tmp_path_factory):
    port = free_port()
    gguf = assets.chat_model_path(model_dir)
    url = f"http://127.0.0.1:{port}"
    server = LocalServer([sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", "qwen-local",
                          "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "1"],
                         url + "/v1/models", tmp_path_factory.mktemp("llama-server-2") / "server.log", timeout=120)
    yield url, server
    server.stop()


@pytest.mark.model
def test_router_over_two_model_servers_keeps_the_small_model_recipe_and_survives_one(
        llama_server, second_llama_server, tmp_path, model_dir, store, registry):
    """Two llama-cpp-python servers behind a litellm Router, the persona as a raw completion that continues its
    forced start; one server killed: every later call is answered by the other."""
    import signal

    from coach.roleplay import RolePlay
    url2, server2 = second_llama_server
    s = load_settings(env={}, data_dir=str(tmp_path), model_dir=str(model_dir),
                      persona_model="text-completion-openai/qwen-local",
                      model_servers=f"{llama_server}/v1,{url2}/v1", fallback_model="none", llm_timeout=60)
    gw = Gateway(s, store)
    assert gw.router is not None and gw.routed == {"text-completion-openai/qwen-local"}
    forced = [{"role": "system", "content": "You are a polite buyer."}, {"role": "user", "content": "Hello!"},
              {"role": "assistant", "content": "Good morning, and welcome to"}]
    text = "".join(gw.stream(forced, max_tokens=12, temperature=0.0, session_id="router"))
    assert text.strip() and "good morning" not in text.lower(), f"continues the forced start: {text!r}"

    rp = RolePlay(registry, store, gateway=gw, realiser="model", budget=0)
    sid = rp.start("de-machinery-drive-components", home="US")
    t = rp.turn(sid, "Good morning, Dr. Brenner. Thank you for your time.")
    reply = t.text()
    assert reply and t.result.source in ("model", "bank") and t.result.notice is None

    server2.proc.send_signal(signal.SIGKILL)
    server2.proc.wait(10)
    for i in range(4):
        c = gw.complete(forced, max_tokens=6, temperature=0.0, session_id=f"after-kill-{i}", purpose="persona")
        assert c.text.strip() and c.error is None, "the Router answered from the server that is still up"
