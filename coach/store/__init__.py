"""Persistence (SQLAlchemy 2): SQLite in WAL mode by default, PostgreSQL by URL."""
from coach.store.db import ROLES, LlmCallRecord, Store, make_engine

__all__ = ["ROLES", "LlmCallRecord", "Store", "make_engine"]
