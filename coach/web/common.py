"""What every workspace shares: the long-lived services and who is asking.

Every handler identifies the caller (Gradio login, users in the database with hashed passwords) and checks
role and ownership here before it calls a service, because handlers are also API endpoints: no check lives
only in the page.
"""
from __future__ import annotations

from datetime import datetime

import gradio as gr

from coach.context import Context

SCALES = ["communicating", "evaluating", "persuading", "leading", "deciding", "trusting", "disagreeing", "scheduling"]
TOPICS = ["contract", "pricing", "hospitality", "calendar", "language", "headquarters", "followup"]


class Services:
    """The context and the services built from it once, at start-up (packs, embeddings, index, model)."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.judge_on = ctx.settings.provider_judge() is not None  # a provider judge adds narrative and adjustments
        self.rp = ctx.roleplay("auto")
        self.refresh()

    def refresh(self) -> None:
        """Pick up reloaded packs (an approved field case, a published pack file)."""
        from coach.debrief import DebriefService
        ctx = self.ctx
        self.advisor = ctx.advisor
        self.debriefs = DebriefService(ctx.packs, ctx.store, index=ctx.index, understander=ctx.understander,
                                       manner=ctx.manner, moves=ctx.moves, gateway=ctx.gateway if self.judge_on else None)

    @property
    def packs(self):
        return self.ctx.packs

    @property
    def store(self):
        return self.ctx.store

    # ------------------------------------------------------------ choices
    def home_choices(self) -> list[tuple[str, str]]:
        """Seller home cultures: every market and home profile, by name (any market can be a seller's home)."""
        names = {code: m.name for code, m in self.packs.markets.items()}
        names.update({code: h.name for code, h in self.packs.homes.items()})
        return [("—", "")] + sorted(((f"{name} ({code})", code) for code, name in names.items()), key=lambda c: c[0])

    def scenario_choices(self) -> list[tuple[str, str]]:
        return [(f"{s.title} ({s.market})", s.id) for s in self.packs.scenarios.values()]

    def scenario_title(self, sid: str | None) -> str | None:
        sc = self.packs.scenarios.get(sid or "")
        return sc.title if sc else None

    # ------------------------------------------------------------ who is asking
    def who(self, request: gr.Request | None):
        name = getattr(request, "username", None) if request is not None else None
        user = self.store.get_user(name) if name else None
        if user is None:
            raise gr.Error("Please log in.")
        return user

    def reviewer(self, request: gr.Request | None):
        user = self.who(request)
        if user.role not in ("mentor", "trainer"):
            raise gr.Error("This workspace is for mentors and trainers.")
        return user

    def trainer(self, request: gr.Request | None):
        user = self.who(request)
        if user.role != "trainer":
            raise gr.Error("The Packs workspace is for trainers.")
        return user

    @staticmethod
    def viewer(user):
        from coach.store.review import Viewer
        return Viewer.of(user)

    def owned(self, user, sid: str | None):
        """The session row, if the user may see it (their own, or as its mentor)."""
        from coach.store import review
        if not sid:
            raise gr.Error("Start or pick a session first.")
        if not review.can_see(self.store, self.viewer(user), sid):
            raise gr.Error("That session is not yours.")
        return self.store.get_session(sid)


def parse_date(s: str | None) -> datetime | None:
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.strip())
    except ValueError:
        raise gr.Error(f"Dates look like 2026-11-01 (got {s!r}).") from None

