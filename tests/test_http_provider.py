"""The same gateway over real HTTP: llama-cpp-python's OpenAI-compatible server on 127.0.0.1."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from coach import assets
from coach.llm import Gateway
from coach.settings import load_settings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(model_dir, tmp_path_factory):
    port = _free_port()
    log = open(tmp_path_factory.mktemp("llama-server") / "server.log", "w+")  # a pipe would fill and block it
    gguf = assets.chat_model_path(model_dir)
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", "qwen-local",
         "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "2"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail(f"llama_cpp.server exited: {log.read()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/v1/models", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("llama_cpp.server did not start in 120 s")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


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
