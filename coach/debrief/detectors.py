"""Deterministic detectors over the turn log: each moment that helped or hurt, with its turn and quote.

What the seller did comes from the shared understanding layer (coach.understanding); how much it counts
comes from the buyer's market profile (`debrief_weights` in personas/markets/*.yaml) and the moment
(before or after the buyer asked to get to business, after a silence or a soft no).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from coach.debrief.wording import (  # noqa: F401  (asks_for_an_answer_by: re-exported)
    DEADLINE_ONLY, _DATA, _DATED, _DIFFICULT, _SOFT, _SOFT_NO, asks_for_an_answer_by, belittles_superior, blunt,
    declines, gives_time, invites, goes_over_nobody, presses_now, runs_on, says_it, shows_room, steps_back, time_up,
    trade_in_words, undated_promise)
from coach.debrief.buyer_moves import SIGNAL_MOVES, infer_move  # noqa: F401  (re-exported)
from coach.debrief.dismissal import waves_away
from coach.debrief.mandate import buyer_named_the_price, stalls_without_mandate
from coach.debrief.sidelining import sidelines
from coach.debrief.policy_wall import policy_wall_events
from coach.debrief.reshape import article, reshapes
from coach.debrief.trust import shifts_blame
from coach.debrief.yes_reading import (_YES_READ, acknowledges_only, asks_for_a_forecast, presses_to_close,  # noqa: F401
                                       presses_to_decide_alone, reads_a_yes, takes_the_point)
from coach.packs.models import DebriefWeights, Persona, Scenario
from coach.understanding import Understander

BUSINESS_MOVES = {"push_agenda", "request_detail"}
BUSINESS_ACTS = {"offer", "concession", "trade_proposal", "commitment_request", "agreement", "pressure", "agenda_push"}
BUSINESS_TOPICS = {"price", "payment", "volumes", "delivery", "quality", "contract", "timeline", "decision_process"}
PERSONAL = {"small_talk", "invitation"}
RAPPORT = {"greeting", "small_talk", "relationship", "compliment"}
def traded(v: TurnView) -> bool:
    """Did the seller ask something back for what this turn gives?"""
    return trade_in_words(v.text, "trade_proposal" in v.acts)


@dataclass
class TurnView:
    n: int
    role: str  # trainee | persona
    text: str
    acts: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)  # per act; a rehearsal stored before it was kept: none
    price: float | None = None
    steps: list[float] = field(default_factory=list)  # the seller's earlier figures in the turn (a second step down)
    move: str | None = None
    voice: dict | None = None  # timing of a spoken turn (coach.voice.timing), when the rehearsal was spoken

    def asks_personally(self) -> bool:
        """A question about the buyer's own story ("did he keep going down to the shop himself?"): relationship too."""
        return "question" in self.acts and bool(self.topics) and set(self.topics) <= {"other", "relationship"}

    def business(self) -> bool:
        return bool(set(self.acts) & BUSINESS_ACTS) or self.price is not None

    def asks_business(self) -> bool:
        """A buyer line that asks to get to business: the agenda, figures, a concrete point (a welcome is none)."""
        if _PROPOSES_A_MEAL.search(self.text) or _DISH_WAITS.search(self.text):
            return False  # "Good. Then let's go; the naengmyeon is waiting." asks to go to lunch
        if self.move in BUSINESS_MOVES or "agenda_push" in self.acts:
            return True
        return "question" in self.acts and bool(set(self.topics) & BUSINESS_TOPICS) and not set(self.acts) & (PERSONAL | {"greeting"})


@dataclass
class Event:
    dimension: str
    turn: int
    quote: str
    note: str
    effect: int
    mistake: str | None = None  # a label when this is a mistake worth matching to a case
    scale: str | None = None


def quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def views_from_turns(turns: list[dict], scenario: Scenario, persona: Persona, understander: Any | None = None,
                     moves: Any | None = None) -> list[TurnView]:
    """Turn log -> views with acts: stored readings for rehearsals, a fresh reading for imported transcripts (the
    buyer's moves by `moves`, coach.debrief.move_reader, when there is one)."""
    out: list[TurnView] = []
    todo: list[tuple[TurnView, str | None]] = []
    unread: list[tuple[TurnView, bool]] = []  # buyer lines with no stored move, and whether late in the talk
    for t in turns:
        if t["role"] not in ("trainee", "persona"):
            continue
        v = TurnView(n=t["n"], role=t["role"], text=t.get("text") or "")
        meta = t.get("meta") or {}
        v.voice = meta.get("voice") if isinstance(meta.get("voice"), dict) else None
        before = next((x.text for x in reversed(out) if x.role != v.role), None)
        if v.role == "trainee" and "acts" in meta:
            v.acts, v.price, v.topics = list(meta["acts"]), meta.get("price"), list(meta.get("topics") or [])
            v.confidence = dict(meta.get("confidence") or {})
            v.steps = [float(x) for x in meta.get("price_steps") or []]
        else:
            todo.append((v, before))
        if v.role == "persona":
            v.move = meta.get("move") or t.get("act")
            if not v.move:
                unread.append((v, 2 * t["n"] > turns[-1]["n"]))
        out.append(v)
    learned = moves.read([v.text for v, _ in unread]) if moves is not None and unread else [None] * len(unread)
    for (v, late), chances in zip(unread, learned):
        v.move = infer_move(v.text, persona, late=late, learned=chances or None)
    if todo:
        items = [(v.text, scenario if v.role == "trainee" else None, b) for v, b in todo]
        for (v, _), u in zip(todo, (understander or Understander(None)).read_many(items)):
            v.acts, v.topics, v.confidence = list(u.acts), list(u.topics), dict(u.confidence)
            if v.role == "trainee":
                v.price, v.steps = u.price, list(u.price_steps)
    return out


def detect(views: list[TurnView], scenario: Scenario, persona: Persona, w: DebriefWeights) -> list[Event]:
    ev: list[Event] = []
    ev += _relationship_and_pacing(views, scenario, persona, w)
    ev += _hierarchy(views, persona, w)
    ev += _hospitality(views, persona, w)
    ev += _communication(views, persona, w)
    ev += _cultural_reading(views, w)
    ev += policy_wall_events(views, w)
    from coach.debrief.bottom_line import background_first_events  # builds on this module's Event
    ev += background_first_events(views, persona, w)
    from coach.debrief.value import value_events  # value.py builds on this module's Event and TurnView
    ev += value_events(views, scenario)
    from coach.debrief.repairs import repaired  # repairs.py builds on this module's Event
    return repaired(ev, views)


def _before_business(trainee: list[TurnView], views: list[TurnView], first: TurnView | None) -> list[TurnView]:
    """The seller's turns before his first business turn; a seller who never gets to business, only those of the opening
    half ("Thank you. It is an honour." to the buyer's lunch at the end is no rapport before business)."""
    last = views[-1].n if views else 0
    return [v for v in trainee if (v.n < first.n if first is not None else 2 * v.n <= last)]


def _relationship_and_pacing(views: list[TurnView], scenario: Scenario, persona: Persona, w: DebriefWeights) -> list[Event]:
    ev: list[Event] = []
    trainee = [v for v in views if v.role == "trainee"]
    # a turn that catches itself going to business and puts it off ("I'm getting ahead of myself") is not the first
    first_business = next((v for v in trainee if v.business() and not steps_back(v.text)), None)
    before = _before_business(trainee, views, first_business)
    asked_at: int | None = None  # turn at which the buyer last asked to get to business, still unanswered
    rapport_credit = personal = acknowledged = 0
    missed = False
    for v in views:
        if v.role == "persona":
            # the buyer's last word turns to lunch or the family: answering him is no personal talk
            if _ends_personal(v.text) or v.asks_personally():
                asked_at = None
            elif v.asks_business():
                asked_at = v.n
            elif set(v.acts) & (PERSONAL | (RAPPORT - {"greeting"})):
                asked_at = None
            continue
        acts = set(v.acts)
        if acts & PERSONAL and not v.business():
            personal += 1
            if asked_at is not None and w.personal_talk_after_agenda:
                ev.append(Event("relationship", v.n, quote(v.text), f"personal talk after {persona.name} asked to get to business "
                                f"(turn {asked_at})", w.personal_talk_after_agenda, mistake="Personal talk when the buyer wants the agenda",
                                scale="trusting"))
            if asked_at is not None and w.agenda_request_missed and not missed and _right_after_an_agenda_ask(views, v):
                missed = True  # once: the buyer's signal went unread
                ev.append(Event("cultural_reading", v.n, quote(v.text), f"carried on with personal talk when {persona.name} "
                                f"asked to start (turn {asked_at})", w.agenda_request_missed,
                                mistake="Personal talk when the buyer wants the agenda", scale="trusting"))
            elif personal > w.personal_talk_budget and w.personal_talk_over_budget:
                ev.append(Event("relationship", v.n, quote(v.text), f"personal talk beyond what this buyer welcomes "
                                f"({w.personal_talk_budget} turns)", w.personal_talk_over_budget,
                                mistake="Too much small talk for a task-based buyer", scale="trusting"))
            elif "invitation" in acts and w.invitation and not declines(v.text):  # "I won't be able to join you for lunch"
                ev.append(Event("relationship", v.n, quote(v.text), "an invitation at a fitting moment", w.invitation))
        # praise of one's own product ("market leader, award-winning technology") is a pitch, not rapport
        if v in before and acts & RAPPORT and rapport_credit < 3 and asked_at is None and w.rapport_before_business \
                and "agenda_push" not in acts and not set(v.topics) & BUSINESS_TOPICS:
            rapport_credit += 1
            greeting_only = not acts & (RAPPORT - {"greeting"})
            ev.append(Event("relationship", v.n, quote(v.text), "greeted the buyer" if greeting_only else "built rapport before business",
                            (w.rapport_before_business + 1) // 2 if greeting_only else w.rapport_before_business))
        if acts & {"apology", "empathy"} and w.apology_or_empathy and not belittles_superior(v.text) and acknowledged < 2:
            acknowledged += 1  # a third "I am very sorry" builds nothing more
            ev.append(Event("relationship", v.n, quote(v.text), "acknowledged the buyer's situation", w.apology_or_empathy))
        if v.business() or ("question" in acts and set(v.topics) & BUSINESS_TOPICS) or "information" in acts:
            asked_at = None
    if first_business is not None and not any(set(v.acts) & RAPPORT or v.asks_personally() for v in before) \
            and w.business_before_rapport:
        ev.append(Event("relationship", first_business.n, quote(first_business.text),
                        "went to business before any relationship with a relationship-first buyer", w.business_before_rapport,
                        mistake="Price before relationship", scale="trusting"))
    # pacing: promises, pressure, agenda, rushing
    # a promise made on a yes the buyer never gave ("I'll put you down as confirmed and book the stand") earns nothing, nor
    # one beside a deadline put on the buyer ("my leadership needs a decision by the end of this month")
    for v in [x for x in trainee if "own_commitment" in x.acts and _DATED.search(x.text) and not undated_promise(x.text)
              and not reads_a_yes(x.text) and "pressure" not in x.acts][:2]:
        ev.append(Event("pacing", v.n, quote(v.text), "committed to a dated next step of your own", w.own_commitment))
    vague = next((v for v in trainee if undated_promise(v.text)), None)
    if vague is not None and w.own_commitment > 0:  # the market's weight for a dated promise, turned round
        ev.append(Event("pacing", vague.n, quote(vague.text), "promised a next step with no date (\"soon\")", -w.own_commitment))
    for v in trainee:
        if "pressure" in v.acts:
            ev.append(Event("pacing", v.n, quote(v.text), "imposed a deadline or pressure on the buyer", w.pressure,
                            mistake="Hard deadline on the buyer", scale="scheduling"))
    overran = _overruns(views)
    for v in [x for x in trainee if x.n in overran][:1]:
        if w.overrun_after_time_up:
            ev.append(Event("pacing", v.n, quote(v.text), f"started something new after {persona.name} said the time was up "
                            f"(turn {overran[v.n]})", w.overrun_after_time_up))
    agenda = next((v for v in trainee if "agenda_push" in v.acts and not steps_back(v.text) and v.n not in overran), None)
    if agenda is not None and w.agenda_push and (w.agenda_push > 0 or agenda in before[:2] or not rapport_credit) \
            and not (w.agenda_push < 0 and any(e.turn == agenda.n and e.mistake == "Price before relationship" for e in ev)):
        ev.append(Event("pacing", agenda.n, quote(agenda.text),
                        "steered to the agenda" + ("" if w.agenda_push > 0 else " before the relationship was there"), w.agenda_push))
    expected = 1 + round(3 * persona.traits.relationship_need)
    first_price = next((v for v in trainee if v.price is not None and "limit_probe" not in v.acts), None)
    if first_price is not None and w.rushing_per_turn:
        index = trainee.index(first_price) + 1
        if index < expected and not buyer_named_the_price(views, first_price):  # answering his "your 6.40" is no rush
            ev.append(Event("pacing", first_price.n, quote(first_price.text),
                            f"first price at your turn {index}; this buyer needs about {expected} turns first",
                            w.rushing_per_turn * (expected - index), mistake="Rushing to price", scale="scheduling"))
    stall = stalls_without_mandate(trainee)
    if stall is not None and w.no_mandate:
        ev.append(Event("value", stall.n, quote(stall.text), "sent the buyer's points back to your headquarters again: nothing "
                        f"{persona.name} can report upward", w.no_mandate, mistake="Coming without a mandate", scale="deciding"))
    return ev


# the buyer's line moves to a meal ("Shall we go? It is almost noon.") however it was read: accepting is no missed signal
_HOSTS_A_MEAL = re.compile(r"\b(?:lunch|dinner|restaurant|canteen|noon|eat|meal|shall we go)\b", re.I)


# the buyer proposes the meal himself ("Now come, lunch.", "Shall we go? It is almost noon.", "So, lunch?", "Let's go, the
# restaurant is close."); a meal named in passing ("one hour before lunch, so let us start") proposes none
_PROPOSES_A_MEAL = re.compile(r"\b(?:lunch|dinner|restaurant|eat|meal)\b[^.?!]*\?|\bnow,? (?:come,? )?(?:lunch|dinner)\b|"
                              r"\b(?:shall|should) we go\b|\byou (?:will )?(?:stay|join us|come) (?:for|to) (?:lunch|dinner)\b|"
                              r"\bcome (?:home |over )?(?:for|to) (?:lunch|dinner)\b|"
                              r"\blet['\u2019]?s go\b[^.?!]{0,30}\b(?:lunch|dinner|restaurant|eat)\b|\b(?:do )?you like\b[^.?!]*\?", re.I)
# "Good. Then let's go; the naengmyeon is waiting." (the dish names the meal)
_DISH_WAITS = re.compile(r"\b(?:galbi|naengmyeon|bulgogi|bibimbap|churrasco|feijoada|kabsa|mandi|biryani|sushi|dim sum|food)\b"
                         r"[^.?!]{0,20}\b(?:is|are) (?:waiting|getting cold|ready)\b", re.I)
_ASKS_AFTER_FAMILY = re.compile(r"\bhow(?:'s|\u2019s| is| are| was| were)\b[^?]{0,40}\b(?:family|wife|husband|kids|children|son|"
                                r"daughter|trip|flight|weekend|holiday|parents)\b[^?]*\?", re.I)


def _ends_personal(text: str) -> bool:
    """The buyer's last two sentences open a meal or personal talk himself ("Now come, lunch. You like picanha?", "And
    hey, how's Seoul treating the family?")."""
    last = " ".join(re.split(r"(?<=[.!?])\s+", text.strip())[-2:])
    return bool(_PROPOSES_A_MEAL.search(last) or _ASKS_AFTER_FAMILY.search(last))


def _right_after_an_agenda_ask(views: list[TurnView], v: TurnView) -> bool:
    """Small talk or an invitation right after a buyer line that steered to the agenda and offered nothing personal
    ("Let's start with point one." → "Lovely drive down, the vineyards…"); answering the buyer's own personal question
    is none."""
    prev = next((p for p in reversed(views) if p.n < v.n), None)
    return (prev is not None and prev.role == "persona" and (prev.move in BUSINESS_MOVES or "agenda_push" in prev.acts)
            and bool(set(v.acts) & PERSONAL) and not set(prev.acts) & (PERSONAL | (RAPPORT - {"greeting"}))
            and not prev.asks_personally() and not _HOSTS_A_MEAL.search(prev.text))


def _overruns(views: list[TurnView]) -> dict[int, int]:
    """Seller turns that start something new right after the buyer said the time was up, with the buyer's turn."""
    out: dict[int, int] = {}
    for prev, v in zip(views, views[1:]):
        if prev.role == "persona" and v.role == "trainee" and time_up(prev.text) and runs_on(v.text):
            out[v.n] = prev.n
    return out


def _hierarchy(views: list[TurnView], persona: Persona, w: DebriefWeights) -> list[Event]:
    ev: list[Event] = []
    trainee = [v for v in views if v.role == "trainee"]
    for v in trainee:
        if "escalation" in v.acts and not goes_over_nobody(v.text):  # "I asked my contact directly"
            ev.append(Event("hierarchy", v.n, quote(v.text), "threatened to go over the counterpart's head", w.escalation,
                            mistake="Going over the counterpart's head", scale="leading"))
    for v in [x for x in trainee if sidelines(x.text)][:1]:
        ev.append(Event("hierarchy", v.n, quote(v.text), "settled it with the principal and left the details to his own people",
                        w.escalation // 3, mistake="Sidelining the buyer's own people", scale="leading"))
    for v in [x for x in trainee if belittles_superior(x.text) and "escalation" not in x.acts][:1]:
        ev.append(Event("hierarchy", v.n, quote(v.text), "treated the superior's say as a formality", w.escalation // 3,
                        mistake="Pushing for a commitment before the superior is involved", scale="deciding"))
    asked = [v for v in trainee if "question" in v.acts and set(v.topics) & {"decision_process", "people"}
             and not {"escalation", "commitment_request"} & set(v.acts) and not belittles_superior(v.text) and not reads_a_yes(v.text)
             and not _YES_READ.search(v.text) and not asks_for_an_answer_by(v.text)]  # "… expect the nomination? Before Golden Week" pushes
    for v in asked[:2]:
        ev.append(Event("hierarchy", v.n, quote(v.text), "asked about the decision process and who decides", w.asked_decision_process))
    if w.early_commitment_request:
        for v in trainee:
            if "commitment_request" in v.acts and not any(p.move == "defer" for p in views if p.role == "persona" and p.n < v.n):
                ev.append(Event("hierarchy", v.n, quote(v.text), "asked for a commitment the counterpart cannot give alone",
                                w.early_commitment_request, mistake="Pushing for a commitment before the superior is involved",
                                scale="deciding"))
                break
    return ev


def _hospitality(views: list[TurnView], persona: Persona, w: DebriefWeights) -> list[Event]:
    """Turning down the buyer's meal or visit costs what rapport before business earns with this buyer."""
    for i, v in enumerate(views[:-1]):
        nxt = views[i + 1]
        if v.role == "persona" and nxt.role == "trainee" and invites(v.text) and declines(nxt.text) \
                and w.rapport_before_business > 0:
            return [Event("relationship", nxt.n, quote(nxt.text), f"turned down {persona.name}'s invitation (turn {v.n})",
                          -w.rapport_before_business, mistake="Declining the buyer's hospitality", scale="trusting")]
    return []


def _communication(views: list[TurnView], persona: Persona, w: DebriefWeights) -> list[Event]:
    ev: list[Event] = []
    specific = courteous = 0
    prev: TurnView | None = None
    for v in views:
        if v.role == "persona":
            prev = v
            continue
        acts = set(v.acts)
        if prev is not None and prev.asks_business() and "invitation" in acts and not v.business() and w.invitation_instead_of_answer:
            ev.append(Event("communication", v.n, quote(v.text), f"an invitation where {persona.name} asked for business",
                            w.invitation_instead_of_answer, mistake="Vague claims to a data-driven buyer", scale="persuading"))
        if waves_away(v.text) and (cost := w.concern_dismissed or w.vague_answer):  # "local content is mostly paperwork"
            ev.append(Event("communication", v.n, quote(v.text), "waved the buyer's concern away (a formality, 'the culture') "
                            "instead of answering it", cost, mistake="Waving away the buyer's concern" if cost <= -6 else None))
        elif "vague" in acts and w.vague_answer:
            ev.append(Event("communication", v.n, quote(v.text), "vague reassurance where this buyer wants specifics", w.vague_answer,
                            mistake="Vague claims to a data-driven buyer" if w.vague_answer <= -8 else None, scale="persuading"))
        elif ("information" in acts or "offer" in acts) and _DATA.search(v.text) and specific < 4 and w.specific_information:
            specific += 1
            ev.append(Event("communication", v.n, quote(v.text), "concrete, checkable answer", w.specific_information))
        if shifts_blame(v.text):
            ev.append(Event("communication", v.n, quote(v.text), "put the blame on someone else instead of owning it", -6))
        if "competitor_disparagement" in acts:
            ev.append(Event("communication", v.n, quote(v.text), "ran down a competitor", w.competitor_disparagement,
                            mistake="Disparaging a competitor", scale="disagreeing"))
        if blunt(v.text) and w.blunt_wording:
            ev.append(Event("communication", v.n, quote(v.text), "blunt wording for this buyer", w.blunt_wording,
                            mistake="Blunt disagreement with a high-context buyer" if w.blunt_wording <= -8 else None,
                            scale="disagreeing"))
        elif _SOFT.search(v.text) and courteous < 3 and w.courteous_wording:
            courteous += 1
            ev.append(Event("communication", v.n, quote(v.text), "courteous, face-saving wording", w.courteous_wording))
        prev = None
    return ev


def _cultural_reading(views: list[TurnView], w: DebriefWeights) -> list[Event]:
    ev: list[Event] = []
    for i, v in enumerate(views):
        if v.role != "persona" or v.move not in SIGNAL_MOVES:
            continue
        nxt = next((x for x in views[i + 1:] if x.role == "trainee"), None)
        if nxt is None:
            continue
        prev_price = next((x.price for x in reversed(views[:i]) if x.role == "trainee" and x.price is not None), None)
        dropped = nxt.price is not None and prev_price is not None and nxt.price < prev_price and not traded(nxt)
        label = v.move.replace("_", " ")
        soft_no = v.move == "indirect_refusal" and _DIFFICULT.search(v.text) is not None  # "a little difficult": the offer
        same = (soft_no and nxt.price is not None  # the same figure, nothing asked or traded: the no was not heard
                and nxt.price == prev_price and not traded(nxt) and not nxt.text.rstrip().endswith("?")
                and not set(nxt.acts) & {"trade_proposal", "question", "own_commitment", "concession"})
        reshaped = dropped and v.move == "indirect_refusal" and reshapes(nxt.text, nxt.acts)
        if dropped and v.move in ("silence", "indirect_refusal", "hold_firm") and not reshaped:
            ev.append(Event("cultural_reading", nxt.n, quote(nxt.text), f"answered {article(label)} {label} with a discount",
                            w.discount_after_signal, mistake="Filling the silence with a discount", scale="communicating"))
        elif reads_a_yes(nxt.text) or (not nxt.text.strip().endswith("?") and "agreement" in nxt.acts
                                       and v.move in ("postpone", "indirect_refusal", "defer") and not takes_the_point(nxt.text)
                                       and not acknowledges_only(nxt.text)):
            ev.append(Event("cultural_reading", nxt.n, quote(nxt.text), f"read {article(label)} {label} as a yes",
                            w.postponement_read_as_yes,
                            mistake="Reading a postponement as a yes", scale="communicating"))
        elif ((set(nxt.acts) & {"pressure", "commitment_request"} or asks_for_an_answer_by(nxt.text) or asks_for_a_forecast(nxt.text)
               or presses_to_decide_alone(nxt.text) or presses_to_close(nxt.text)
               or (DEADLINE_ONLY.search(nxt.text) and nxt.price is not None and not gives_time(nxt.text)))
              and v.move in ("postpone", "defer", "indirect_refusal")):
            ev.append(Event("cultural_reading", nxt.n, quote(nxt.text), f"pushed after {article(label)} {label}",
                            w.push_after_postponement,
                            mistake="Pushing after a courteous postponement", scale="scheduling"))
        elif same and w.same_terms_after_soft_no:
            ev.append(Event("cultural_reading", nxt.n, quote(nxt.text), f"restated the same price after an {label} "
                            "instead of asking what would help or changing the proposal", w.same_terms_after_soft_no,
                            mistake="Defending the offer after an indirect no", scale="communicating"))
        elif (reshaped or soft_no and nxt.price is not None and prev_price is not None and nxt.price < prev_price
              and traded(nxt)) and not presses_now(nxt.text):  # "if you sign today, 6.15" trades against a deadline
            asked_back = "" if reshaped else ", with something asked back"  # a reshaped one may ask nothing back in words
            ev.append(Event("cultural_reading", nxt.n, quote(nxt.text), f"answered an {label} by changing the proposal"
                            + asked_back, w.patience_after_signal))
        elif ({a for a in nxt.acts if nxt.confidence.get(a, 1.0) >= 0.4} & {"question", "relationship", "empathy", "silence",
                                                                              "information", "own_commitment"}
              or (gives_time(nxt.text) and "commitment_request" not in nxt.acts)) \
                and not set(nxt.acts) & {"vague", "invitation", "concession", "pressure", "escalation", "agreement"} \
                and not _YES_READ.search(nxt.text) and not reads_a_yes(nxt.text) and not presses_to_close(nxt.text) \
                and not blunt(nxt.text) and not shows_room(nxt.text, nxt.price is not None) and not undated_promise(nxt.text) \
                and not (nxt.price is not None and (prev_price is None or nxt.price < prev_price)):
            # a first or lower price said straight after the signal is bargaining (or caving), not patience; nor is
            # offering to call the superior, saying yes, or inviting the buyer to ask for more
            ev.append(Event("cultural_reading", nxt.n, quote(nxt.text), f"answered {article(label)} {label} with patience or a question",
                            w.patience_after_signal))
    return ev

