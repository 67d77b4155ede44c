"""Who may read what, and the mentor's review queries. Every read path takes a Viewer.

- a salesperson sees only their own sessions;
- a mentor (or trainer) sees the sessions of their team;
- the local operator (`Viewer.operator()`, the CLI on the machine) sees everything.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select

from coach.store import schema
from coach.store.db import Store
from coach.store.schema import utcnow


class AccessDenied(PermissionError):
    pass


@dataclass(frozen=True)
class Viewer:
    user_id: int | None
    role: str  # salesperson | mentor | trainer | operator
    team: str | None = None
    name: str = ""

    @classmethod
    def operator(cls) -> "Viewer":
        return cls(user_id=None, role="operator", name="operator")

    @classmethod
    def of(cls, user: schema.User) -> "Viewer":
        return cls(user_id=user.id, role=user.role, team=user.team, name=user.name)

    @property
    def reviews(self) -> bool:
        return self.role in ("mentor", "trainer", "operator")


def _visible(q, viewer: Viewer):
    S, U = schema.Session, schema.User
    if viewer.role == "operator":
        return q
    if viewer.role == "salesperson":
        return q.where(S.user_id == viewer.user_id)
    # mentors and trainers: their team's sessions (and their own)
    team_users = select(U.id).where(U.team == viewer.team) if viewer.team else select(U.id).where(U.id == viewer.user_id)
    return q.where((S.user_id.in_(team_users)) | (S.user_id == viewer.user_id))


def can_see(store: Store, viewer: Viewer, session_id: str) -> bool:
    with store.tx() as s:
        q = _visible(select(schema.Session.id).where(schema.Session.id == session_id), viewer)
        return s.scalar(q) is not None


def require(store: Store, viewer: Viewer, session_id: str) -> schema.Session:
    if not can_see(store, viewer, session_id):
        raise AccessDenied(f"session {session_id} is not visible to {viewer.name or viewer.role}")
    row = store.get_session(session_id)
    assert row is not None
    return row


def list_sessions(store: Store, viewer: Viewer, *, rep: str | None = None, team: str | None = None,
                  market: str | None = None, scenario: str | None = None, date_from: datetime | None = None,
                  date_to: datetime | None = None, min_score: float | None = None, max_score: float | None = None,
                  flagged: bool | None = None, limit: int = 500) -> list[dict[str, Any]]:
    S, U, D = schema.Session, schema.User, schema.Debrief
    latest = select(D.session_id, func.max(D.id).label("did")).group_by(D.session_id).subquery()
    q = (select(S, U.name, U.team, U.region, D.overall)
         .join(U, U.id == S.user_id, isouter=True)
         .join(latest, latest.c.session_id == S.id, isouter=True)
         .join(D, D.id == latest.c.did, isouter=True))
    q = _visible(q, viewer)
    if rep:
        q = q.where(U.name == rep)
    if team:
        q = q.where(U.team == team)
    if market:
        q = q.where(S.market == market.upper())
    if scenario:
        q = q.where(S.scenario_id == scenario)
    if date_from:
        q = q.where(S.started_at >= date_from)
    if date_to:
        q = q.where(S.started_at < date_to)
    if min_score is not None:
        q = q.where(D.overall >= min_score)
    if max_score is not None:
        q = q.where(D.overall <= max_score)
    if flagged is not None:
        q = q.where(S.flagged == flagged)
    q = q.order_by(S.started_at.desc()).limit(limit)
    with store.tx() as s:
        return [{
            "session_id": row.id, "rep": name, "team": t, "region": region, "market": row.market,
            "scenario": row.scenario_id, "home": row.home, "status": row.status, "end_reason": row.end_reason,
            "started_at": row.started_at, "ended_at": row.ended_at, "flagged": row.flagged,
            "overall": overall, "outcome": row.outcome,
        } for row, name, t, region, overall in s.execute(q)]


def add_comment(store: Store, viewer: Viewer, session_id: str, text: str, turn_n: int | None = None) -> int:
    if not viewer.reviews:
        raise AccessDenied("only mentors and trainers comment on sessions")
    require(store, viewer, session_id)
    text = (text or "").strip()
    if not text:
        raise ValueError("a comment needs text")
    if turn_n is not None and turn_n not in {t.n for t in store.turns(session_id)}:
        raise ValueError(f"session {session_id} has no turn {turn_n}")
    with store.tx() as s:
        row = schema.Comment(session_id=session_id, turn_n=turn_n, author_id=viewer.user_id, text=text[:4000])
        s.add(row)
        s.flush()
        return row.id


def comments(store: Store, viewer: Viewer, session_id: str) -> list[dict[str, Any]]:
    require(store, viewer, session_id)
    with store.tx() as s:
        q = (select(schema.Comment, schema.User.name).join(schema.User, schema.User.id == schema.Comment.author_id, isouter=True)
             .where(schema.Comment.session_id == session_id).order_by(schema.Comment.id))
        return [{"id": c.id, "turn": c.turn_n, "author": name or "operator", "text": c.text, "created_at": c.created_at}
                for c, name in s.execute(q)]


def flag(store: Store, viewer: Viewer, session_id: str, flagged: bool = True) -> None:
    if not viewer.reviews:
        raise AccessDenied("only mentors and trainers flag sessions for the monthly review")
    require(store, viewer, session_id)
    store.update_session(session_id, flagged=flagged)


def transcript(store: Store, viewer: Viewer, session_id: str) -> list[dict[str, Any]]:
    require(store, viewer, session_id)
    return [{"n": t.n, "role": t.role, "text": t.text, "act": t.act, "status": t.status,
             **({"voice": t.meta["voice"]} if isinstance((t.meta or {}).get("voice"), dict) else {})}
            for t in store.turns(session_id)]


def latest_debrief(store: Store, viewer: Viewer, session_id: str) -> dict | None:
    require(store, viewer, session_id)
    row = store.latest_debrief(session_id)
    return row.data if row else None


def list_users(store: Store) -> list[dict[str, Any]]:
    with store.tx() as s:
        return [{"name": u.name, "role": u.role, "team": u.team, "region": u.region, "home": u.home}
                for u in s.scalars(select(schema.User).order_by(schema.User.name))]


# ---------------------------------------------------------------- exports and personal data
def export_rows(store: Store, viewer: Viewer, what: str) -> list[dict[str, Any]]:
    sessions = list_sessions(store, viewer, limit=100_000)
    ids = [r["session_id"] for r in sessions]
    if what == "sessions":
        return sessions
    if what == "turns":
        with store.tx() as s:
            q = select(schema.Turn).where(schema.Turn.session_id.in_(ids)).order_by(schema.Turn.session_id, schema.Turn.n)
            return [{"session_id": t.session_id, "n": t.n, "role": t.role, "text": t.text, "act": t.act,
                     "status": t.status, "created_at": t.created_at} for t in s.scalars(q)]
    if what == "debriefs":
        with store.tx() as s:
            q = select(schema.Debrief).where(schema.Debrief.session_id.in_(ids)).order_by(schema.Debrief.id)
            return [{"session_id": d.session_id, "overall": d.overall, "created_at": d.created_at,
                     "dimensions": {k: v["score"] for k, v in (d.data.get("dimensions") or {}).items()},
                     "mistakes": [m.get("title") for m in d.data.get("mistakes") or []]} for d in s.scalars(q)]
    raise ValueError("export what: sessions, turns or debriefs")


def export_user(store: Store, name: str) -> dict[str, Any]:
    user = store.get_user(name)
    if user is None:
        raise KeyError(f"no user '{name}'")
    me = Viewer(user_id=user.id, role="salesperson", name=name)
    with store.tx() as s:
        authored = [{"session_id": c.session_id, "turn": c.turn_n, "text": c.text, "created_at": c.created_at}
                    for c in s.scalars(select(schema.Comment).where(schema.Comment.author_id == user.id))]
        fcs = [{"id": f.id, "market": f.market, "status": f.status, "data": f.data, "created_at": f.created_at}
               for f in s.scalars(select(schema.FieldCase).where(schema.FieldCase.submitted_by == user.id))]
    return {"user": {"name": user.name, "role": user.role, "team": user.team, "region": user.region, "home": user.home,
                     "created_at": user.created_at},
            "sessions": export_rows(store, me, "sessions"), "turns": export_rows(store, me, "turns"),
            "debriefs": export_rows(store, me, "debriefs"), "comments_written": authored, "field_cases": fcs}


def delete_user(store: Store, name: str) -> dict[str, int]:
    user = store.get_user(name)
    if user is None:
        raise KeyError(f"no user '{name}'")
    with store.tx() as s:
        sids = list(s.scalars(select(schema.Session.id).where(schema.Session.user_id == user.id)))
        counts = {"sessions": len(sids)}
        counts["turns"] = s.execute(delete(schema.Turn).where(schema.Turn.session_id.in_(sids))).rowcount
        counts["debriefs"] = s.execute(delete(schema.Debrief).where(schema.Debrief.session_id.in_(sids))).rowcount
        s.execute(delete(schema.Comment).where(schema.Comment.session_id.in_(sids)))
        counts["llm_calls"] = s.execute(delete(schema.LlmCall).where(schema.LlmCall.session_id.in_(sids))).rowcount
        s.execute(delete(schema.Session).where(schema.Session.id.in_(sids)))
        counts["comments_written"] = s.execute(delete(schema.Comment).where(schema.Comment.author_id == user.id)).rowcount
        # field cases stay (they may already teach others) but lose the link to the person
        s.execute(schema.FieldCase.__table__.update().where(schema.FieldCase.submitted_by == user.id).values(submitted_by=None))
        counts["login_attempts"] = s.execute(delete(schema.LoginAttempt).where(schema.LoginAttempt.name == name)).rowcount
        s.execute(delete(schema.User).where(schema.User.id == user.id))
    return counts


# ---------------------------------------------------------------- field cases
def submit_field_case(store: Store, viewer: Viewer, market: str, data: dict[str, Any], region: str | None = None) -> int:
    if viewer.user_id is None and viewer.role != "operator":
        raise AccessDenied("log in to submit a field case")
    with store.tx() as s:
        user = s.get(schema.User, viewer.user_id) if viewer.user_id else None
        row = schema.FieldCase(submitted_by=viewer.user_id, region=region or (user.region if user else None),
                               market=market.upper(), status="draft", data=data)
        s.add(row)
        s.flush()
        return row.id


def list_field_cases(store: Store, viewer: Viewer, status: str | None = None,
                     month: tuple[datetime, datetime] | None = None) -> list[dict[str, Any]]:
    with store.tx() as s:
        q = select(schema.FieldCase, schema.User.name).join(schema.User, schema.User.id == schema.FieldCase.submitted_by, isouter=True)
        if not viewer.reviews:
            q = q.where(schema.FieldCase.submitted_by == viewer.user_id)
        if status:
            q = q.where(schema.FieldCase.status == status)
        if month:
            q = q.where(schema.FieldCase.created_at >= month[0], schema.FieldCase.created_at < month[1])
        return [{"id": f.id, "market": f.market, "region": f.region, "status": f.status, "data": f.data,
                 "case_id": f.case_id, "submitted_by": name, "created_at": f.created_at}
                for f, name in s.execute(q.order_by(schema.FieldCase.id))]


def review_field_case(store: Store, viewer: Viewer, field_case_id: int, decision: str,
                      data: dict[str, Any] | None = None, case_id: str | None = None) -> dict[str, Any]:
    if viewer.role not in ("mentor", "trainer", "operator"):
        raise AccessDenied("only mentors and trainers review field cases")
    if decision not in ("approved", "rejected"):
        raise ValueError("decision must be approved or rejected")
    with store.tx() as s:
        row = s.get(schema.FieldCase, field_case_id)
        if row is None:
            raise KeyError(f"no field case {field_case_id}")
        if data is not None:
            row.data = data
        row.status = decision
        row.case_id = case_id
        row.reviewer_id = viewer.user_id
        row.reviewed_at = utcnow()
        return {"id": row.id, "market": row.market, "region": row.region, "status": row.status, "data": row.data,
                "case_id": row.case_id}
