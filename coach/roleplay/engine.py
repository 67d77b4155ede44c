"""The role-play service: sessions from scenarios, one deterministic pipeline per trainee turn.

understand -> update state -> choose move (private limits used here only) -> phrase (bank or model,
checked) -> guard -> persist. Every turn is persisted before and after the model call: the trainee's
turn at once, the persona's as `pending` (with its chosen move) before phrasing, `complete` after. A
session resumes from the store after a crash: a pending persona turn is completed from the bank.
"""
from __future__ import annotations

import threading
import time
from datetime import timedelta
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from coach.packs.loader import PackRegistry
from coach.packs.models import Persona, Scenario
from coach.roleplay import guard
from coach.roleplay.policy import Move, decide
from coach.roleplay.answers import AnswerMatcher
from coach.roleplay.beside import business_beside
from coach.roleplay.compose import Plan, compose, named_topics, remember, spoken
from coach.roleplay.model_phrasing import ModelPhrasing, model_may_phrase
from coach.roleplay.realise import Choice, choose_line, money, stream_pieces
from coach.understanding.numbers import numbers_in
from coach.roleplay.state import NegotiationState
from coach.roleplay.understand import in_negotiation, understand
from coach.store.schema import utcnow

MAX_TRAINEE_CHARS = 2000


class RolePlayError(ValueError):
    """A clear, user-facing problem (unknown scenario, ended session, bad input)."""


@dataclass
class TurnResult:
    session_id: str
    trainee_n: int
    persona_n: int
    act: str
    acts: list[str]
    move: str
    text: str = ""
    source: str = "bank"  # bank | model
    guard_reasons: list[str] = field(default_factory=list)
    ended: str | None = None
    whisper: str | None = None
    first_piece_ms: int | None = None
    total_ms: int = 0
    plan: list[str] = field(default_factory=list)  # the reply's parts: ack:<kind>, answer:<topic>, move:<name>…
    budget: str | None = None  # why the model did not phrase in time (queue, prompt, cut, timeout)
    notice: str | None = None  # for the salesperson when the model service failed (the rehearsal goes on)


class TurnStream:
    """Iterate for the persona's reply in pieces; `result` is complete when iteration ends."""

    def __init__(self, gen: Iterator[str], result: TurnResult):
        self._gen = gen
        self.result = result

    def __iter__(self) -> Iterator[str]:
        yield from self._gen

    def text(self) -> str:
        return "".join(self)


class RolePlay(ModelPhrasing):
    def __init__(self, packs: PackRegistry, store: Any, gateway: Any | None = None, index: Any | None = None,
                 realiser: str = "auto", understander: Any | None = None, budget: float | None = None,
                 max_turns: int = 150, sessions_per_hour: int = 30, answers: AnswerMatcher | None = None):
        """realiser: 'bank' (no model), 'model' (always through the gateway) or 'auto' (model when one is set).
        understander: the shared reading of trainee lines (coach.understanding); rules only when None.
        budget: seconds from a turn's start within which the model must finish phrasing, else the checked bank
        line is the reply (default: the settings' persona_budget; 0: wait for the model).
        max_turns, sessions_per_hour: limits per rehearsal and per salesperson (clear errors when reached)."""
        self.understander = understander
        self.answers = answers or AnswerMatcher(getattr(understander, "embedder", None),  # shared, warmed: Context
                                                getattr(understander, "cache_dir", None))
        self.packs = packs
        self.store = store
        self.gateway = gateway
        self.index = index
        self.realiser = realiser
        if budget is None:
            budget = getattr(getattr(gateway, "settings", None), "persona_budget", 0.0)
        self.budget = float(budget or 0.0)
        self.max_turns = max_turns
        self.sessions_per_hour = sessions_per_hour
        self._active = 0  # turns in progress (reading ahead waits while the app has other work)
        self._active_lock = threading.Lock()
        self._last_turn = 0.0

    # ---------------------------------------------------------- sessions
    def start(self, scenario_id: str, home: str | None = None, user_id: int | None = None,
              whisper: bool = False, seller_name: str | None = None, seed: str | None = None) -> str:
        """A new rehearsal. `seed` (default: the session id) decides the persona's choice among equally good lines:
        evals pass a fixed one so their figures repeat."""
        scenario = self.packs.scenarios.get(scenario_id)
        if scenario is None:
            raise RolePlayError(f"no scenario '{scenario_id}'; known: {', '.join(sorted(self.packs.scenarios))}")
        if home and not (len(home) == 2 and home.isalpha()):
            raise RolePlayError(f"home culture must be an ISO code such as IT (got {home!r})")
        if user_id is not None and self.store.sessions_started_since(user_id, utcnow() - timedelta(hours=1)) \
                >= self.sessions_per_hour:
            raise RolePlayError(f"you have started {self.sessions_per_hour} rehearsals in the last hour; "
                                "finish one of them or try again a little later")
        state = NegotiationState()
        row = self.store.create_session(
            scenario_id=scenario.id, persona_id=scenario.persona, market=scenario.market,
            home=home.upper() if home else None, user_id=user_id, status="active",
            state={"negotiation": state.model_dump(), "whisper": whisper, "seller_name": seller_name,
                   **({"seed": seed} if seed else {})},
        )
        self.prefill(row.id)  # the model reads the persona's system prompt while the salesperson types
        return row.id

    def _load(self, session_id: str) -> tuple[Any, Scenario, Persona, NegotiationState]:
        row = self.store.get_session(session_id)
        if row is None:
            raise RolePlayError(f"no session '{session_id}'")
        scenario = self.packs.scenarios[row.scenario_id]
        persona = self.packs.personas[scenario.persona]
        st = NegotiationState.model_validate((row.state or {}).get("negotiation") or {})
        return row, scenario, persona, st

    def _save(self, session_id: str, row: Any, st: NegotiationState) -> None:
        data = dict(row.state or {})
        data["negotiation"] = st.model_dump()
        self.store.update_session(session_id, state=data)

    def resume(self, session_id: str) -> list[int]:
        """Complete any persona turn left pending by a crash (from the bank); return the turn numbers fixed."""
        row, scenario, persona, st = self._load(session_id)
        fixed = []
        turns = self.store.turns(session_id)
        for t in turns:
            if t.role == "persona" and t.status == "pending":
                meta = t.meta or {}
                move = Move(meta.get("move", "ask"), "", counter=meta.get("counter"))
                prev = next((x.text for x in reversed(turns) if x.n < t.n and x.role == "trainee"), "")
                text = meta.get("bank") or choose_line(move, st, persona, scenario, prev, session_id,
                                                       (row.state or {}).get("seller_name")).text
                self.store.update_turn(t.id, text=text, status="complete",
                                       meta={**meta, "source": "bank", "recovered": True})
                fixed.append(t.n)
        return fixed

    def elapsed_minutes(self, row: Any) -> float:
        return max(0.0, (utcnow() - row.started_at).total_seconds() / 60)

    # ---------------------------------------------------------- a turn
    def turn(self, session_id: str, text: str, voice: dict | None = None, budget: float | None = None) -> TurnStream:
        """One trainee turn. voice: the timing of a spoken turn (coach.voice.timing), stored with it for the debrief;
        budget: seconds for this reply instead of the configured one (voice mode leaves room for speech)."""
        if text is None:
            text = ""
        if len(text) > MAX_TRAINEE_CHARS:
            raise RolePlayError(f"turn is {len(text)} characters; keep it under {MAX_TRAINEE_CHARS}")
        self.resume(session_id)
        row, scenario, persona, st = self._load(session_id)
        if row.status != "active":
            raise RolePlayError(f"session {session_id} has ended ({row.end_reason}); start a new one")
        if st.turn >= self.max_turns:
            raise RolePlayError(f"this rehearsal has reached {self.max_turns} turns; end it to see the debrief, "
                                "then start a new one")
        t0 = time.perf_counter()
        self._last_turn = time.monotonic()
        limit = self.budget if budget is None else budget
        deadline = time.monotonic() + limit if limit > 0 else None
        trainee = self.store.add_turn(session_id, "trainee", text, status="complete",
                                      meta={"voice": voice} if voice else None)
        buyer = [t for t in self.store.turns(session_id) if t.role == "persona" and t.n < trainee.n]
        before = buyer[-1].text if buyer else None
        said = [((t.meta or {}).get("move"), t.text) for t in buyer if t.text]
        und = in_negotiation(understand(text, scenario, before, self.understander), st)
        self.store.update_turn(trainee.id, act=und.main, meta={"acts": und.acts, "price": und.price, "terms": und.terms,
                                                             **({"price_steps": und.price_steps} if und.price_steps else {}),
                                                             "topics": und.topics, "source": und.source,
                                                             "confidence": {a: round(c, 3) for a, c in und.confidence.items()},
                                                             **({"voice": voice} if voice else {})})
        move = decide(und, st, persona, scenario, self.elapsed_minutes(row), before, said)
        seller_name = (row.state or {}).get("seller_name")
        choice, plan = self._reply(und, text, move, st, persona, scenario, (row.state or {}).get("seed") or session_id,
                                   seller_name, before)
        pending = self.store.add_turn(session_id, "persona", "", act=choice.move, status="pending",
                                      meta={"move": choice.move, "counter": move.counter, "plan": choice.plan,
                                            "bank": choice.text})
        st.remember_move(choice.move)
        remember(plan, st)
        self._save(session_id, row, st)  # the decision is durable before any model call
        result = TurnResult(session_id=session_id, trainee_n=trainee.n, persona_n=pending.n, act=und.main,
                            acts=und.acts, move=choice.move, ended=move.end, plan=choice.plan)
        whisper = self._whisper(row, scenario, text, und.main)

        def run() -> Iterator[str]:
            reply, source, reasons = choice.text, "bank", []
            with self._active_lock:
                self._active += 1
            try:
                if self._use_model() and model_may_phrase(choice):
                    gen = self._phrase_with_model(session_id, text, move, choice, st, persona, scenario, deadline)
                    emitted = ""
                    for piece in gen:
                        if isinstance(piece, tuple):  # ("final", text, source, reasons, budget)
                            _, reply, source, reasons, result.budget = piece
                            result.notice = _notice(reasons)
                            break
                        if result.first_piece_ms is None:
                            result.first_piece_ms = int((time.perf_counter() - t0) * 1000)
                        emitted += piece
                        yield piece
                    rest = reply[len(emitted):] if reply.startswith(emitted) else ""
                    if rest:
                        yield rest
                else:
                    for piece in stream_pieces(reply):
                        if result.first_piece_ms is None:
                            result.first_piece_ms = int((time.perf_counter() - t0) * 1000)
                        yield piece
            finally:
                verdict = guard.check_reply(reply, persona, scenario, choice.move, choice.allowed_numbers, from_model=False)
                if not verdict.ok:  # a leak in a filled bank line would be an engine bug: never show it
                    reply, reasons = "I see. Let us continue.", reasons + list(verdict.reasons)
                self.store.update_turn(pending.id, text=reply, status="complete",
                                       meta={"move": choice.move, "counter": move.counter, "source": source,
                                             "guard": reasons, "plan": choice.plan, "budget": result.budget})
                if whisper:
                    self.store.add_turn(session_id, "whisper", whisper, act="whisper")
                if move.end:
                    self._finish(session_id, move.end, st, scenario)
                result.text, result.source, result.guard_reasons = reply, source, reasons
                result.whisper = whisper
                result.total_ms = int((time.perf_counter() - t0) * 1000)
                with self._active_lock:
                    self._active -= 1
                if not move.end:
                    self.prefill(session_id)

        return TurnStream(run(), result)

    def _reply(self, und: Any, text: str, move: Move, st: NegotiationState, persona: Persona, scenario: Scenario,
               session_id: str, seller_name: str | None, before: str | None = None) -> tuple[Choice, Plan]:
        """The checked bank reply: acknowledgement, answer and move line (see coach.roleplay.compose)."""
        st.topics = (st.topics + [t for t in und.topics if t not in st.topics])[-12:]
        on_table = set(st.topics) | set(st.terms) | {"price"} | named_topics(text)
        choice = choose_line(move, st, persona, scenario, text, session_id, seller_name, on_table=on_table,
                             near=lambda name, lines: self.answers.move_lines(und, text, persona, name, lines))
        said = Move(choice.move, move.guidance, move.counter, move.end)  # the move whose line was found
        found = business_beside(text, said.name, scenario, before, self.understander)
        beside = (*found, self.answers.rank(found[0], found[1], persona)) if found else None
        plan = compose(und, text, said, choice.text, choice.index, st, persona, session_id, choice.values,
                       self.answers.rank(und, text, persona), self.answers.personal(und, text, persona), beside)
        parts = spoken(plan.parts)
        choice.text = " ".join(parts)
        choice.lead, choice.last = " ".join(parts[:-1]), parts[-1] if parts else ""
        choice.plan = plan.labels
        if any(p.kind != "move" for p in plan.parts):  # answers may quote the public volume
            choice.allowed_numbers = choice.allowed_numbers + numbers_in(scenario.seller_brief.volume)
        return choice, plan

    # ---------------------------------------------------------- whisper hints
    def _whisper(self, row: Any, scenario: Scenario, text: str, act: str) -> str | None:
        if not (row.state or {}).get("whisper") or self.index is None or not text.strip():
            return None
        from coach.knowledge import IndexUnavailable
        try:
            hits = self.index.search(text, k=1, market=scenario.market, kind="mistake")
        except IndexUnavailable:
            return None  # no whisper while the case index is down; the rehearsal goes on
        if hits and hits[0].score >= 0.5:
            case = self.packs.cases.get(hits[0].case_id)
            if case:
                return f"Coach: this looks like \u201c{case.title}\u201d ({case.id}). {case.instead}"
        return None

    # ---------------------------------------------------------- ending
    def _finish(self, session_id: str, reason: str, st: NegotiationState, scenario: Scenario) -> dict[str, Any]:
        p = scenario.private
        outcome: dict[str, Any] = {"end_reason": reason, "agreement": st.agreement is not None,
                                   "turns": st.turn, "terms": st.agreement or {}}
        if st.agreement:
            price = st.agreement["price"]
            outcome["price"] = price
            outcome["price_text"] = money(price, scenario)
            # versus the private limits: revealed once the session is over (debrief)
            outcome["vs_limits"] = {
                "reservation_price": p.reservation_price, "target_price": p.target_price,
                "seller_floor": scenario.seller_brief.floor_price, "list_price": scenario.seller_brief.list_price,
                "share_of_zone": round((price - p.opening_offer) / max(1e-9, p.reservation_price - p.opening_offer), 3),
            }
        self.store.update_session(session_id, status="ended", end_reason=reason, outcome=outcome, ended_at=utcnow())
        return outcome

    def end(self, session_id: str, reason: str = "trainee_ended") -> dict[str, Any]:
        row, scenario, _, st = self._load(session_id)
        if row.status != "active":
            return row.outcome or {}
        return self._finish(session_id, reason, st, scenario)

    def play_script(self, scenario_id: str, lines: list[str], home: str | None = None, seed: str | None = None) -> str:
        """Play scripted trainee lines to the end (or until the persona ends it); return the ended session's id.
        `seed` fixes the persona's choice among equally good lines (evals and tests pass one so they repeat)."""
        sid = self.start(scenario_id, home=home, seed=seed)
        for line in lines:
            t = self.turn(sid, line)
            t.text()
            if t.result.ended:
                break
        if self.store.get_session(sid).status == "active":
            self.end(sid)
        return sid

    def transcript(self, session_id: str) -> list[dict[str, Any]]:
        return [{"n": t.n, "role": t.role, "text": t.text, "act": t.act, "status": t.status}
                for t in self.store.turns(session_id)]


def _notice(reasons: list[str]) -> str | None:
    if "model unavailable" in reasons:
        return ("The model service did not answer in time; the buyer's reply comes from the scenario's own lines. "
                "Your rehearsal continues as normal.")
    return None
