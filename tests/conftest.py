"""Shared fixtures. No test may open a socket to anything but loopback."""
from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("COACH_DATA_DIR", str(ROOT / ".test-data"))

import coach  # noqa: E402,F401  (offline switches)
from coach.settings import Settings, load_settings  # noqa: E402

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_create_connection = socket.create_connection


class OutboundConnection(AssertionError):
    pass


def _allowed(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # unix socket
        return True
    host = address[0] if isinstance(address, tuple) else address
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name that is not localhost would need DNS: refuse


def _guard(address: object) -> None:
    if not _allowed(address):
        raise OutboundConnection(f"outbound connection attempted to {address!r}")


def _connect(self, address):  # type: ignore[no-untyped-def]
    _guard(address)
    return _real_connect(self, address)


def _connect_ex(self, address):  # type: ignore[no-untyped-def]
    _guard(address)
    return _real_connect_ex(self, address)


def _create_connection(address, *args, **kwargs):  # type: ignore[no-untyped-def]
    _guard(address)
    return _real_create_connection(address, *args, **kwargs)


socket.socket.connect = _connect  # type: ignore[method-assign]
socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]
socket.create_connection = _create_connection  # type: ignore[assignment]


@pytest.fixture(scope="session")
def model_dir() -> Path:
    """Shared across tests: the assembled model files (built once)."""
    return load_settings().resolved_model_dir


@pytest.fixture
def settings(tmp_path: Path, model_dir: Path) -> Settings:
    return load_settings(env={}, data_dir=str(tmp_path / "data"), model_dir=str(model_dir), packs=[str(ROOT)])


@pytest.fixture
def store(settings: Settings):
    from coach.store import Store
    s = Store(settings.resolved_database_url)
    yield s
    s.close()


@pytest.fixture(scope="session")
def embeddings(model_dir: Path):
    from coach.knowledge import OnnxMiniLM
    return OnnxMiniLM(model_dir)


@pytest.fixture(scope="session")
def understander(embeddings, model_dir: Path):
    """The real understanding layer (head trained once from evals/understanding, cached in the model dir)."""
    from coach.understanding import Understander
    u = Understander(embeddings, cache_dir=model_dir)
    u.heads()
    return u


@pytest.fixture(scope="session")
def registry():
    from coach.packs import load_packs
    return load_packs([ROOT])


@pytest.fixture(scope="session")
def best_answer(embeddings, understander, model_dir: Path):
    """The answer a persona ranks first for a question: on the topic read first, the closest of its said lines."""
    from coach.roleplay import answers

    def best(persona, question: str) -> str:
        topics, sims = answers.AnswerMatcher(embeddings, model_dir).rank(understander.read(question), question, persona)
        lines = persona.answers[topics[0]].said()
        return lines[max(range(len(lines)), key=lambda i: sims[topics[0]][i])]
    return best


# ---------------------------------------------------------------- local servers started by tests
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalServer:
    """A subprocess serving HTTP on loopback; its output goes to a file (a pipe would fill and block it)."""

    def __init__(self, cmd: list[str], probe_url: str, log_path: Path, env: dict | None = None, timeout: float = 180):
        import subprocess
        import time
        import urllib.request
        self.log = open(log_path, "w+")
        t0 = time.time()
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        while time.time() - t0 < timeout:
            if self.proc.poll() is not None:
                self.log.seek(0)
                pytest.fail(f"{cmd[1:3]} exited:\n{self.log.read()[-3000:]}")
            try:
                with urllib.request.urlopen(probe_url, timeout=2) as r:
                    if r.status == 200:
                        self.startup_seconds = time.time() - t0
                        return
            except OSError:
                time.sleep(0.5)
        self.proc.kill()
        pytest.fail(f"{cmd[1:3]} did not answer {probe_url} within {timeout:.0f} s")

    def stop(self) -> None:
        import subprocess
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI (COACH_REQUIRE_ALL=1) a skipped test is a failure: the browser and PostgreSQL tests must really run."""
    if os.environ.get("COACH_REQUIRE_ALL") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and session.exitstatus == 0:
        print(f"\nCOACH_REQUIRE_ALL=1: {skipped} test(s) skipped; failing the run")
        session.exitstatus = 1
