"""The real app under faults and load: kill -9 in the middle of a model reply, restart, continue the rehearsal with
every persisted turn; then a small team rehearsing at once through the app's API (0 errors, 0 bleed)."""
from __future__ import annotations

import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import LocalServer, free_port

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "fault-password-1"
pytestmark = pytest.mark.model


def _server(data: Path, model_dir: Path, log: str, **env: str) -> tuple[LocalServer, str]:
    port = free_port()
    full = {**os.environ, "COACH_DATA_DIR": str(data), "COACH_MODEL_DIR": str(model_dir), "COACH_PORT": str(port),
            **env}
    url = f"http://127.0.0.1:{port}/"
    return LocalServer([sys.executable, str(ROOT / "app.py")], url, data / log, env=full), url


def _turns(db: Path, sid: str) -> list[tuple]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT n, role, status, text FROM turns WHERE session_id=? ORDER BY n", (sid,)).fetchall()


def test_kill_9_mid_reply_then_restart_and_continue(tmp_path, model_dir):
    from gradio_client import Client

    from coach.auth import hash_password
    from coach.store import Store
    db = tmp_path / "culture-coach.db"
    Store(f"sqlite:///{db}").add_user("kim", "salesperson", home="US", password_hash=hash_password(PASSWORD))
    # no latency budget: the model phrases, so the reply is still being written when the process dies
    server, url = _server(tmp_path, model_dir, "app1.log", COACH_PERSONA_BUDGET="0")
    client = Client(url, auth=("kim", PASSWORD), verbose=False)
    client.predict("kr-auto-bracket-supply", "US", False, api_name="/start")
    client.submit("Good morning, Mr Park. Thank you for receiving me.", [], api_name="/send")
    with sqlite3.connect(db) as c:
        for _ in range(600):
            row = c.execute("SELECT session_id FROM turns WHERE role='persona' AND status='pending'").fetchone()
            if row:
                break
            time.sleep(0.05)
    assert row, "the persona's turn was persisted as pending before the model call"
    sid = row[0]
    server.proc.send_signal(signal.SIGKILL)
    server.proc.wait(10)
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    before = _turns(db, sid)
    assert [(n, r, s) for n, r, s, _ in before] == [(1, "trainee", "complete"), (2, "persona", "pending")]

    server2, url2 = _server(tmp_path, model_dir, "app2.log")
    try:
        again = Client(url2, auth=("kim", PASSWORD), verbose=False)
        out = again.predict(api_name="/resume")
        history = out[0] if isinstance(out, (list, tuple)) else out
        said = [m for m in history if m["role"] == "user"]
        assert len(said) == 1 and "Good morning, Mr Park" in str(said[0]["content"])
        assert any(m["role"] == "assistant" and str(m["content"]).strip() for m in history), "the cut reply is completed"
        again.predict("What volumes do you expect in the first year?", [], api_name="/send")
        after = _turns(db, sid)
        assert [(n, r, s) for n, r, s, _ in after] == [(1, "trainee", "complete"), (2, "persona", "complete"),
                                                       (3, "trainee", "complete"), (4, "persona", "complete")]
        assert after[0][3] == before[0][3] and after[3][3]

        # a small team at once, on the restarted app: every reply arrives, nothing crosses sessions (how long they
        # wait is bench/bench_load.py's measure, with its targets; a timed assertion here only measured the CI machine)
        sys.path.insert(0, str(ROOT))
        from bench.bench_load import run
        r = run(url2, f"sqlite:///{db}", users=6, turns=2, mode="none", prefix="team-")
        assert r["errors"] == 0 and r["bleed"] == 0 and r["replies"] == 12, r
    finally:
        server2.stop()
