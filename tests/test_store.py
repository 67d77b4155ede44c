"""Store: numbered migrations from empty, WAL mode, atomic logging, turns numbered in order."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import inspect

from coach.store import LlmCallRecord, Store


def test_migrations_from_empty_and_idempotent(tmp_path):
    s = Store(f"sqlite:///{tmp_path/'a.db'}", migrate=False)
    assert s.applied_migrations() == []
    assert s.migrate() == [1, 2, 3, 4]
    assert s.migrate() == []
    tables = set(inspect(s.engine).get_table_names())
    assert {"schema_migrations", "users", "sessions", "turns", "debriefs", "comments", "field_cases", "llm_calls",
            "eval_runs"} <= tables
    assert s.ping()["journal_mode"] == "wal"


def test_turns_are_numbered_and_unicode_round_trips(store):
    sess = store.create_session(scenario_id="kr-x", market="KR", home="IT")
    texts = ["안녕하세요, 박 과장님.", "مرحبا، كيف حالك؟", "よろしくお願いします。", "您好"]
    for t in texts:
        store.add_turn(sess.id, "trainee", t)
    turns = store.turns(sess.id)
    assert [t.n for t in turns] == [1, 2, 3, 4]
    assert [t.text for t in turns] == texts


def test_pending_turn_survives_and_is_completed(store):
    sess = store.create_session(scenario_id="kr-x")
    pending = store.add_turn(sess.id, "persona", "", status="pending")
    # a crash here leaves a pending row, never a missing one
    assert store.turns(sess.id)[0].status == "pending"
    store.update_turn(pending.id, text="Thank you for coming.", status="complete")
    assert store.turns(sess.id)[0].text == "Thank you for coming."


def test_user_roles_are_checked(store):
    store.add_user("ana", "salesperson", team="south")
    with pytest.raises(ValueError, match="role must be one of"):
        store.add_user("bob", "admin")
    assert store.get_user("ana").team == "south"


def test_llm_call_logging_is_atomic(store):
    store.log_llm_call(LlmCallRecord("openai/x", "local/qwen2.5-0.5b", 10, 5, 120, session_id="s", fallback=True, error="boom"))
    [row] = store.llm_calls("s")
    assert row.fallback and row.error == "boom" and row.prompt_tokens == 10


def _pg_bin() -> Path | None:
    for cand in [shutil.which("initdb"), *sorted(map(str, Path("/usr/lib/postgresql").glob("*/bin/initdb")))]:
        if cand and Path(cand).exists():
            return Path(cand).parent
    return None


@pytest.fixture(scope="module")
def postgres_url():
    """A throwaway PostgreSQL cluster on a loopback port (run as an unprivileged user when root)."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries not installed (scripts/system-deps.sh installs them)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg not installed")
    base = Path(tempfile.mkdtemp(prefix="coach-pg-"))
    os.chmod(base, 0o777)
    data = base / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:
        if subprocess.run(["id", "postgres"], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "-r", "-M", "postgres"], check=True)
        prefix = ["runuser", "-u", "postgres", "--"]
    subprocess.run(prefix + [str(bindir / "initdb"), "-D", str(data), "-U", "coach", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True)
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = base / "pg.log"
    subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o",
                             f"-p {port} -k {base} -c listen_addresses=127.0.0.1", "start"], check=True, capture_output=True)
    yield f"postgresql://coach@127.0.0.1:{port}/postgres"
    subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(base, ignore_errors=True)


@pytest.mark.postgres
def test_postgres_by_url(postgres_url):
    s = Store(postgres_url)
    assert s.ping()["dialect"] == "postgresql"
    assert s.applied_migrations() == [1, 2, 3, 4]
    sess = s.create_session(id=str(uuid.uuid4()), scenario_id="sa-x", market="SA")
    s.add_turn(sess.id, "trainee", "السلام عليكم")
    assert s.turns(sess.id)[0].text == "السلام عليكم"
    s.close()


def test_upgrade_from_version_1(tmp_path):
    """A database created by the first release gains the eval_runs table and keeps its data."""
    from coach.store import migrations, schema
    s = Store(f"sqlite:///{tmp_path/'old.db'}", migrate=False)
    with s.engine.begin() as conn:
        schema.AppliedMigration.__table__.create(conn)
        migrations._m001_initial(conn)
        conn.execute(schema.AppliedMigration.__table__.insert().values(version=1, name="initial"))
    s.add_user("old-timer", "mentor")
    assert "eval_runs" not in inspect(s.engine).get_table_names()
    assert s.migrate() == [2, 3, 4]
    assert "eval_runs" in inspect(s.engine).get_table_names()
    assert s.get_user("old-timer").role == "mentor"


@pytest.mark.postgres
def test_field_import_and_kpis_are_the_same_on_postgres(postgres_url, tmp_path, registry):
    """The field importer and KPI queries (dates as day numbers: julianday on SQLite, epoch on PostgreSQL)."""
    import json

    from coach.field import sample
    from coach.field.importer import import_file
    from coach.field.kpis import compute
    export = tmp_path / "hub.csv"
    sample.write("hubspot", export, n=300, seed=9)
    results = []
    for url in (f"sqlite:///{tmp_path / 'f.db'}", postgres_url):
        s = Store(url)
        first = import_file(s, export, "hubspot", registry=registry)
        assert import_file(s, export, "hubspot", registry=registry).unchanged == first.imported
        results.append(json.dumps(compute(s, registry, by=("region", "market")), sort_keys=True, default=str))
        s.close()
    assert results[0] == results[1]
