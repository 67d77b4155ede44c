"""SQLAlchemy 2 table models. Migrations in `coach.store.migrations` create and change them."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class AppliedMigration(Base):
    __tablename__ = "schema_migrations"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    applied_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[str] = mapped_column(String(20))  # salesperson | mentor | trainer
    team: Mapped[str | None] = mapped_column(String(120), nullable=True)
    region: Mapped[str | None] = mapped_column(String(120), nullable=True)
    home: Mapped[str | None] = mapped_column(String(2), nullable=True)  # seller home culture
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Session(Base):
    __tablename__ = "sessions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(20), default="roleplay")  # roleplay | imported
    scenario_id: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    persona_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    market: Mapped[str | None] = mapped_column(String(2), nullable=True, index=True)
    home: Mapped[str | None] = mapped_column(String(2), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="active")  # active | ended
    end_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    state: Mapped[dict | None] = mapped_column(JSON, nullable=True)  # negotiation state (private limits stay in packs)
    outcome: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Turn(Base):
    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("session_id", "n", name="uq_turn_n"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    n: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))  # trainee | persona | whisper
    text: Mapped[str] = mapped_column(Text, default="")
    act: Mapped[str | None] = mapped_column(String(40), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="complete")  # pending | complete | failed
    meta: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Debrief(Base):
    __tablename__ = "debriefs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    overall: Mapped[float] = mapped_column(Float)
    data: Mapped[dict] = mapped_column(JSON)
    judge_model: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Comment(Base):
    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    turn_n: Mapped[int | None] = mapped_column(Integer, nullable=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class FieldCase(Base):
    __tablename__ = "field_cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    region: Mapped[str | None] = mapped_column(String(120), nullable=True)
    market: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft | approved | rejected
    data: Mapped[dict] = mapped_column(JSON)
    case_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class LlmCall(Base):
    __tablename__ = "llm_calls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    purpose: Mapped[str | None] = mapped_column(String(40), nullable=True)  # persona | advisor | judge | doctor
    requested_model: Mapped[str] = mapped_column(String(200))
    resolved_model: Mapped[str | None] = mapped_column(String(200), nullable=True)
    prompt_tokens: Mapped[int | None] = mapped_column(Integer, nullable=True)
    completion_tokens: Mapped[int | None] = mapped_column(Integer, nullable=True)
    duration_ms: Mapped[int] = mapped_column(Integer)
    first_token_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    stream: Mapped[bool] = mapped_column(Boolean, default=False)
    fallback: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class LoginAttempt(Base):
    """Sign-in attempts per account name (shared by every replica): repeated failures lock the account briefly."""
    __tablename__ = "login_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class EvalRun(Base):
    __tablename__ = "eval_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    eval_id: Mapped[str] = mapped_column(String(80), index=True)
    suite: Mapped[str] = mapped_column(String(40))
    model: Mapped[str] = mapped_column(String(200))
    pack_version: Mapped[str] = mapped_column(String(40))
    metrics: Mapped[dict] = mapped_column(JSON)
    passed: Mapped[bool] = mapped_column(Boolean)
    fast: Mapped[bool] = mapped_column(Boolean, default=False)
    machine: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class FieldDeal(Base):
    """One deal from a CRM export, in the shared funnel's terms (coach.field). Key: source, region and the CRM's id."""
    __tablename__ = "field_deals"
    __table_args__ = (UniqueConstraint("source", "region", "deal_id", name="uq_field_deal"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    region: Mapped[str] = mapped_column(String(60), index=True)
    deal_id: Mapped[str] = mapped_column(String(80))
    name: Mapped[str | None] = mapped_column(String(250), nullable=True)
    account: Mapped[str | None] = mapped_column(String(250), nullable=True, index=True)
    rep: Mapped[str | None] = mapped_column(String(120), nullable=True, index=True)
    team: Mapped[str | None] = mapped_column(String(120), nullable=True)
    market: Mapped[str] = mapped_column(String(2), index=True)
    stage: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(10))  # open | won | lost
    deal_type: Mapped[str] = mapped_column(String(10), default="new")  # new | reorder
    amount: Mapped[float | None] = mapped_column(Float, nullable=True)
    currency: Mapped[str | None] = mapped_column(String(3), nullable=True)
    created: Mapped[datetime] = mapped_column(DateTime, index=True)
    first_offer: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    first_response: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    forecast_close: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    objection: Mapped[str | None] = mapped_column(Text, nullable=True)
    row_hash: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class FieldObjection(Base):
    """An objection logged against a deal (free text), with how specific it is."""
    __tablename__ = "field_objections"
    __table_args__ = (UniqueConstraint("source", "region", "deal_id", "text_hash", name="uq_field_objection"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    region: Mapped[str] = mapped_column(String(60), index=True)
    deal_id: Mapped[str] = mapped_column(String(80), index=True)
    logged: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64))
    specific: Mapped[bool] = mapped_column(Boolean)
    confidence: Mapped[float] = mapped_column(Float)


class FieldImport(Base):
    """One run of `coach field import`: what came in and what was refused."""
    __tablename__ = "field_imports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    region: Mapped[str | None] = mapped_column(String(60), nullable=True)
    file_name: Mapped[str] = mapped_column(String(250))
    file_hash: Mapped[str] = mapped_column(String(64))
    imported: Mapped[int] = mapped_column(Integer)
    updated: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[list] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
