"""Two app replicas behind HAProxy on one PostgreSQL and one Chroma server (scripts/cluster.py): a rehearsal started
on one replica, that replica killed with -9 in the middle of a model reply, the database consistent, and the same
rehearsal continued through the proxy on the other replica with every persisted turn."""
from __future__ import annotations

import random
import socket
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
PASSWORD = "cluster-password-1"
pytestmark = [pytest.mark.postgres, pytest.mark.model]


def _free_block(n: int = 16) -> int:
    for _ in range(50):
        base = random.randint(20000, 50000)
        try:
            for p in range(base, base + n):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", p))
            return base
        except OSError:
            continue
    raise RuntimeError("no free port block")


def _sql(url: str, query: str, *args) -> list[tuple]:
    import psycopg
    with psycopg.connect(url.replace("postgresql://", "postgresql://", 1)) as conn:
        return conn.execute(query, args).fetchall()


@pytest.fixture(scope="module")
def cluster():
    import os
    import shutil
    import tempfile

    from cluster import Cluster
    base = Path(tempfile.mkdtemp(prefix="coach-cluster-"))  # PostgreSQL runs as its own user: a directory it can reach
    os.chmod(base, 0o755)
    c = Cluster(base, port=_free_block())
    try:
        # no latency budget: the model phrases, so a reply is still being written when its replica dies
        c.up(replicas=2, model_servers=0, app_env={"COACH_PERSONA_BUDGET": "0"})
        yield c
    finally:
        c.down()
        shutil.rmtree(base, ignore_errors=True)


def test_a_replica_killed_mid_reply_and_the_rehearsal_continues_on_the_other(cluster):
    from gradio_client import Client

    from coach.auth import hash_password
    from coach.store import Store
    db = cluster.state["database_url"]
    Store(db).add_user("lee", "salesperson", home="US", password_hash=hash_password(PASSWORD))
    first = Client(cluster.state["apps"]["app-1"], auth=("lee", PASSWORD), verbose=False)
    first.predict("kr-auto-bracket-supply", "US", False, api_name="/start")
    # a reply that carries an answer is the checked bank reply (no model call, no time to kill it); the opening lines
    # are sent one after the other until a persona turn is caught while the model is writing it
    lines = ["Good morning, Mr Park. Thank you for receiving me.", "It is an honour to meet your team today.",
             "We have followed Hanjin's growth in brackets with great respect.", "Shall we look at the agenda?"]
    sid, sent = None, []
    persona = "SELECT session_id, status FROM turns WHERE role='persona' ORDER BY n"
    for line in lines:
        job = first.submit(line, [], api_name="/send")
        sent.append(line)
        for _ in range(1500):
            rows = _sql(db, persona)
            if len(rows) == len(sent) and rows[-1][1] == "pending":
                sid = rows[-1][0]
                break
            if len(rows) == len(sent) and job.done():
                break
            time.sleep(0.02)
        if sid:
            break
    assert sid, "a persona turn is persisted as pending before the model call"
    cluster.kill("app-1")
    rows = _sql(db, "SELECT role, status FROM turns WHERE session_id=%s AND role<>'whisper' ORDER BY n", sid)
    assert rows == [("trainee", "complete"), ("persona", "complete")] * (len(sent) - 1) + [
        ("trainee", "complete"), ("persona", "pending")]
    assert _sql(db, "SELECT count(*) FROM turns t LEFT JOIN sessions s ON s.id = t.session_id WHERE s.id IS NULL") == [(0,)]

    via_proxy = Client(cluster.state["url"], auth=("lee", PASSWORD), verbose=False)  # app-1 is down: app-2 answers
    history = via_proxy.predict(api_name="/resume")[0]
    sys.path.insert(0, str(ROOT))
    from bench.bench_load import _text
    assert [_text(m["content"]) for m in history if m["role"] == "user"] == sent
    assert len([m for m in history if m["role"] == "assistant"]) == len(sent), "the cut reply was completed, once"
    via_proxy.predict("What volumes do you expect in the first year?", [], api_name="/send")
    rows = _sql(db, "SELECT role, status FROM turns WHERE session_id=%s AND role<>'whisper' ORDER BY n", sid)
    assert rows == [("trainee", "complete"), ("persona", "complete")] * (len(sent) + 1)
    recovered = _sql(db, "SELECT meta FROM turns WHERE session_id=%s AND role='persona' ORDER BY n", sid)[len(sent) - 1][0]
    assert recovered.get("recovered") is True
