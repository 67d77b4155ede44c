"""The store: SQLite (WAL) by default, PostgreSQL by URL. The only code that imports SQLAlchemy."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker

from coach.store import migrations, schema
from coach.store.schema import utcnow

ROLES = ("salesperson", "mentor", "trainer")


@dataclass(frozen=True)
class LlmCallRecord:
    requested_model: str
    resolved_model: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    duration_ms: int
    session_id: str | None = None
    purpose: str | None = None
    first_token_ms: int | None = None
    stream: bool = False
    fallback: bool = False
    error: str | None = None


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_pre_ping=True)


class Store:
    """Persistence for users, sessions, turns, debriefs, comments, field cases and LLM calls."""

    def __init__(self, url: str, migrate: bool = True):
        self.url = url
        self.engine = make_engine(url)
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            self.migrate()

    def migrate(self) -> list[int]:
        with self.engine.begin() as conn:
            return migrations.migrate(conn)

    def applied_migrations(self) -> list[int]:
        with self.engine.connect() as conn:
            return sorted(migrations.applied_versions(conn))

    @contextmanager
    def tx(self) -> Iterator[OrmSession]:
        """One atomic unit of work."""
        with self._session.begin() as s:
            yield s

    def ping(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            info: dict[str, Any] = {"dialect": self.engine.dialect.name}
            if self.engine.dialect.name == "sqlite":
                info["journal_mode"] = conn.execute(text("PRAGMA journal_mode")).scalar()
        info["migrations"] = self.applied_migrations()
        return info

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------ llm calls
    def log_llm_call(self, rec: LlmCallRecord) -> int:
        with self.tx() as s:
            row = schema.LlmCall(**rec.__dict__)
            s.add(row)
            s.flush()
            return row.id

    def llm_calls(self, session_id: str | None = None, limit: int = 1000) -> list[schema.LlmCall]:
        with self.tx() as s:
            q = select(schema.LlmCall).order_by(schema.LlmCall.id)
            if session_id is not None:
                q = q.where(schema.LlmCall.session_id == session_id)
            return list(s.scalars(q.limit(limit)))

    # ------------------------------------------------------------ users
    def add_user(self, name: str, role: str, team: str | None = None, region: str | None = None,
                 home: str | None = None, password_hash: str | None = None) -> schema.User:
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)} (got {role!r})")
        with self.tx() as s:
            user = schema.User(name=name, role=role, team=team, region=region, home=home, password_hash=password_hash)
            s.add(user)
            s.flush()
            return user

    def get_user(self, name: str) -> schema.User | None:
        with self.tx() as s:
            return s.scalar(select(schema.User).where(schema.User.name == name))

    def user_by_id(self, user_id: int) -> schema.User | None:
        with self.tx() as s:
            return s.get(schema.User, user_id)

    def record_login(self, name: str, ok: bool) -> None:
        with self.tx() as s:
            s.add(schema.LoginAttempt(name=name[:120], ok=ok))

    def login_failures_since(self, name: str, since: datetime) -> tuple[int, datetime | None]:
        """Failed sign-ins for `name` after `since` and after the last success; and when the latest failed."""
        with self.tx() as s:
            last_ok = s.scalar(select(func.max(schema.LoginAttempt.created_at))
                               .where(schema.LoginAttempt.name == name, schema.LoginAttempt.ok.is_(True)))
            start = max(since, last_ok) if last_ok else since
            q = select(func.count(schema.LoginAttempt.id), func.max(schema.LoginAttempt.created_at)).where(
                schema.LoginAttempt.name == name, schema.LoginAttempt.ok.is_(False),
                schema.LoginAttempt.created_at > start)
            n, latest = s.execute(q).one()
            return int(n or 0), latest

    def sessions_started_since(self, user_id: int, since: datetime) -> int:
        with self.tx() as s:
            return s.scalar(select(func.count(schema.Session.id)).where(
                schema.Session.user_id == user_id, schema.Session.started_at > since)) or 0

    def latest_active_session(self, user_id: int) -> schema.Session | None:
        """The user's most recent rehearsal that has not ended (to continue it after a reload or a failover)."""
        with self.tx() as s:
            return s.scalar(select(schema.Session).where(schema.Session.user_id == user_id,
                                                         schema.Session.status == "active")
                            .order_by(schema.Session.started_at.desc()).limit(1))

    def count_users(self) -> int:
        with self.tx() as s:
            return s.scalar(select(func.count(schema.User.id))) or 0

    # ------------------------------------------------------------ sessions and turns
    def create_session(self, **fields: Any) -> schema.Session:
        with self.tx() as s:
            row = schema.Session(id=fields.pop("id", None) or str(uuid.uuid4()), **fields)
            s.add(row)
            s.flush()
            return row

    def get_session(self, session_id: str) -> schema.Session | None:
        with self.tx() as s:
            return s.get(schema.Session, session_id)

    def _update(self, model: type, key: Any, fields: dict[str, Any], label: str) -> None:
        """Set fields on one row in one transaction; KeyError when it does not exist."""
        with self.tx() as s:
            row = s.get(model, key)
            if row is None:
                raise KeyError(f"no {label} {key}")
            for k, v in fields.items():
                setattr(row, k, v)
            if hasattr(row, "updated_at"):
                row.updated_at = utcnow()

    def update_session(self, session_id: str, **fields: Any) -> None:
        self._update(schema.Session, session_id, fields, "session")

    def add_turn(self, session_id: str, role: str, text: str, act: str | None = None,
                 status: str = "complete", meta: dict | None = None) -> schema.Turn:
        """Append a turn with the next number, atomically."""
        with self.tx() as s:
            n = (s.scalar(select(func.max(schema.Turn.n)).where(schema.Turn.session_id == session_id)) or 0) + 1
            row = schema.Turn(session_id=session_id, n=n, role=role, text=text, act=act, status=status, meta=meta)
            s.add(row)
            s.flush()
            return row

    def update_turn(self, turn_id: int, **fields: Any) -> None:
        self._update(schema.Turn, turn_id, fields, "turn")

    # ------------------------------------------------------------ eval runs
    def record_eval(self, **fields: Any) -> int:
        with self.tx() as s:
            row = schema.EvalRun(**fields)
            s.add(row)
            s.flush()
            return row.id

    def eval_runs(self, eval_id: str | None = None) -> list[schema.EvalRun]:
        with self.tx() as s:
            q = select(schema.EvalRun).order_by(schema.EvalRun.id)
            if eval_id:
                q = q.where(schema.EvalRun.eval_id == eval_id)
            return list(s.scalars(q))

    # ------------------------------------------------------------ debriefs
    def save_debrief(self, session_id: str, overall: float, data: dict, judge_model: str | None = None) -> int:
        with self.tx() as s:
            row = schema.Debrief(session_id=session_id, overall=overall, data=data, judge_model=judge_model)
            s.add(row)
            s.flush()
            return row.id

    def latest_debrief(self, session_id: str) -> schema.Debrief | None:
        with self.tx() as s:
            return s.scalar(select(schema.Debrief).where(schema.Debrief.session_id == session_id)
                            .order_by(schema.Debrief.id.desc()).limit(1))

    def turns(self, session_id: str) -> list[schema.Turn]:
        with self.tx() as s:
            return list(s.scalars(select(schema.Turn).where(schema.Turn.session_id == session_id).order_by(schema.Turn.n)))
