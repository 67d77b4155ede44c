"""Numbered migrations, applied in order and recorded in `schema_migrations`.

Each migration is a function of a connection. A migration, once released, never changes; a schema
change is a new numbered function (guarded so it is safe on databases created by later code).
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect

from coach.store import schema

V1_TABLES = ["users", "sessions", "turns", "debriefs", "comments", "field_cases", "llm_calls"]


def _m001_initial(conn: Connection) -> None:
    tables = [schema.Base.metadata.tables[name] for name in V1_TABLES]
    schema.Base.metadata.create_all(conn, tables=tables)


def _m002_eval_runs(conn: Connection) -> None:
    schema.Base.metadata.tables["eval_runs"].create(conn, checkfirst=True)


def _m003_login_attempts(conn: Connection) -> None:
    schema.Base.metadata.tables["login_attempts"].create(conn, checkfirst=True)


def _m004_field_results(conn: Connection) -> None:
    for name in ("field_deals", "field_objections", "field_imports"):
        schema.Base.metadata.tables[name].create(conn, checkfirst=True)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial: users, sessions, turns, debriefs, comments, field cases, llm calls", _m001_initial),
    (2, "eval runs: results of `coach eval` with model and pack version, for trends", _m002_eval_runs),
    (3, "login attempts: repeated failed sign-ins lock an account for a few minutes", _m003_login_attempts),
    (4, "field results: deals and objections imported from CRM exports, and each import's report", _m004_field_results),
]


def applied_versions(conn: Connection) -> set[int]:
    if not inspect(conn).has_table("schema_migrations"):
        return set()
    return {row[0] for row in conn.execute(schema.AppliedMigration.__table__.select().with_only_columns(schema.AppliedMigration.version))}


def migrate(conn: Connection) -> list[int]:
    """Apply every pending migration; return the versions applied now."""
    schema.AppliedMigration.__table__.create(conn, checkfirst=True)
    done = applied_versions(conn)
    applied = []
    for version, name, fn in MIGRATIONS:
        if version in done:
            continue
        fn(conn)
        conn.execute(schema.AppliedMigration.__table__.insert().values(version=version, name=name, applied_at=schema.utcnow()))
        applied.append(version)
    return applied
