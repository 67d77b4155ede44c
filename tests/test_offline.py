"""The process stays offline: switches are set and no test reaches a non-loopback address."""
import os
import socket

import pytest

from tests.conftest import OutboundConnection


def test_offline_switches_are_set():
    assert os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] == "True"
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.path.isdir(os.environ["TIKTOKEN_CACHE_DIR"])


def test_outbound_socket_is_refused():
    s = socket.socket()
    with pytest.raises(OutboundConnection):
        s.connect(("93.184.216.34", 443))
    s.close()
    with pytest.raises(OutboundConnection):
        socket.create_connection(("pypi.org", 443), timeout=1)


def test_tiktoken_works_offline():
    from coach.llm import count_tokens
    assert count_tokens("hello world") == 2


def test_importing_litellm_does_not_fetch(monkeypatch):
    import litellm
    assert litellm.model_cost  # the local cost map is loaded
