"""Deterministic detectors over the turn log: each moment that helped or hurt, with its turn and quote."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.packs.models import Persona, Scenario
from coach.roleplay.understand import understand

SIGNAL_MOVES = {"silence", "indirect_refusal", "postpone", "defer", "hold_firm"}
_SUPERIOR_Q = re.compile(r"\b(your (team leader|director|committee|manager|boss|superior|chairman|leadership|colleagues|team)|"
                         r"who (else )?(decides|is involved|approves|signs)|decision process|approval (process|steps)|"
                         r"what would (he|she|they|your \w+) need|how (do you|does your \w+) decide|courtesy visit)\b", re.I)
_BLUNT = re.compile(r"\b(no\b|you('re| are) wrong|that'?s (not true|wrong|nonsense|ridiculous)|unacceptable|ridiculous|"
                    r"nonsense|you must|you have to|frankly your|that makes no sense)", re.I)
_SOFT = re.compile(r"\b(perhaps|maybe|would it be possible|i understand|thank you|i appreciate|if i may|"
                    r"could we|might we|i wonder)\b", re.I)
_DATA = re.compile(r"\d|\b(data|test|report|specification|spec|certif|reference|case study|warranty|lead time|"
                   r"delivery|written|drawing|quality|ppm|audit|iso|tco|roi|cost breakdown)\b", re.I)
_YES_READ = re.compile(r"\b(great,? so (we have|it'?s) a deal|so that'?s a yes|i'?ll take that as a yes|"
                       r"perfect,? (then )?we (are|'re) agreed|so we('re| are) (good|agreed))\b", re.I)
TRADE = re.compile(r"\b(if you|provided (that )?you|in return|in exchange|on condition|as long as you|against)\b"
                    r"|\bif\b[^.?!]{0,40}\b(pay|pays|commit|commits|sign|signs|confirm|confirms|order|orders|take|takes|"
                    r"agree|agrees|accept|accepts|give|gives|share|shares|extend|extends|cover|covers)\b", re.I)


@dataclass
class TurnView:
    n: int
    role: str  # trainee | persona
    text: str
    acts: list[str] = field(default_factory=list)
    price: float | None = None
    move: str | None = None


@dataclass
class Event:
    dimension: str
    turn: int
    quote: str
    note: str
    effect: int
    mistake: str | None = None  # a label when this is a mistake worth matching to a case
    scale: str | None = None


def infer_move(text: str, persona: Persona) -> str:
    """For imported transcripts: the persona move whose phrase-bank lines share the most words."""
    words = set(re.findall(r"[a-z]{4,}", text.lower()))
    if not text.strip() or re.fullmatch(r"\(.*\)\s*\w*\.?", text.strip()):
        return "silence"
    best, best_score = "ask", 0.0
    for move, lines in persona.phrases.items():
        for line in lines:
            lw = set(re.findall(r"[a-z]{4,}", line.lower()))
            if lw:
                score = len(words & lw) / len(lw)
                if score > best_score:
                    best, best_score = move, score
    return best


def quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def views_from_turns(turns: list[dict], scenario: Scenario, persona: Persona) -> list[TurnView]:
    out = []
    for t in turns:
        if t["role"] not in ("trainee", "persona"):
            continue
        v = TurnView(n=t["n"], role=t["role"], text=t.get("text") or "")
        meta = t.get("meta") or {}
        if v.role == "trainee":
            if "acts" in meta:
                v.acts, v.price = list(meta["acts"]), meta.get("price")
            else:
                u = understand(v.text, scenario)
                v.acts, v.price = u.acts, u.price
        else:
            v.move = meta.get("move") or t.get("act") or infer_move(v.text, persona)
        out.append(v)
    return out


def detect(views: list[TurnView], scenario: Scenario, persona: Persona) -> list[Event]:
    tr = persona.traits
    ev: list[Event] = []
    trainee = [v for v in views if v.role == "trainee"]
    first_price = next((v for v in trainee if v.price is not None and "limit_probe" not in v.acts), None)
    before_price = [v for v in trainee if first_price is None or v.n < first_price.n]
    rapport = [v for v in before_price if set(v.acts) & {"greeting", "small_talk", "relationship"}]

    # relationship
    for v in rapport[:3]:
        ev.append(Event("relationship", v.n, quote(v.text), "built rapport before business", int(8 + 8 * tr.relationship_need)))
    if first_price is not None and not rapport and tr.relationship_need >= 0.5:
        ev.append(Event("relationship", first_price.n, quote(first_price.text),
                        "went to price before any relationship with a relationship-first buyer", -35,
                        mistake="Price before relationship", scale="trusting"))
    small_talk = [v for v in trainee if "small_talk" in v.acts]
    if tr.relationship_need < 0.4 and len(small_talk) > 3:
        v = small_talk[3]
        ev.append(Event("relationship", v.n, quote(v.text), "long small talk with a task-focused buyer", -15,
                        mistake="Too much small talk for a task-based buyer", scale="trusting"))

    # hierarchy
    for v in trainee:
        if "escalation" in v.acts:
            ev.append(Event("hierarchy", v.n, quote(v.text), "threatened to go over the counterpart's head",
                            int(-25 - 30 * tr.hierarchy), mistake="Going over the counterpart's head", scale="leading"))
    asked = [v for v in trainee if _SUPERIOR_Q.search(v.text) and "escalation" not in v.acts]
    for v in asked[:2]:
        ev.append(Event("hierarchy", v.n, quote(v.text), "asked about the decision process and who decides", 15))
    if tr.hierarchy >= 0.5:
        for v in trainee:
            if "commitment_request" in v.acts and not any(p.move == "defer" for p in views if p.role == "persona" and p.n < v.n):
                ev.append(Event("hierarchy", v.n, quote(v.text), "asked for a commitment the counterpart cannot give alone", -10,
                                mistake="Pushing for a commitment before the superior is involved", scale="deciding"))
                break

    # communication style
    for v in trainee:
        if tr.directness >= 0.6:
            if "vague" in v.acts or ("information" in v.acts and not _DATA.search(v.text)):
                ev.append(Event("communication", v.n, quote(v.text), "vague claim where this buyer wants data and specifics", -12,
                                mistake="Vague claims to a data-driven buyer", scale="persuading"))
            elif _DATA.search(v.text) and "information" in v.acts:
                ev.append(Event("communication", v.n, quote(v.text), "concrete, data-backed", 8))
        else:
            if _BLUNT.search(v.text):
                ev.append(Event("communication", v.n, quote(v.text), "blunt wording for a high-context, face-conscious buyer", -15,
                                mistake="Blunt disagreement with a high-context buyer", scale="disagreeing"))
            elif _SOFT.search(v.text):
                ev.append(Event("communication", v.n, quote(v.text), "courteous, face-saving wording", 5))

    # pacing
    expected = 1 + round(3 * tr.relationship_need)
    if first_price is not None:
        index = trainee.index(first_price) + 1
        if tr.relationship_need >= 0.5 and index < expected:
            ev.append(Event("pacing", first_price.n, quote(first_price.text),
                            f"first price at trainee turn {index}; this buyer needs about {expected} turns first",
                            -12 * (expected - index), mistake="Rushing to price", scale="scheduling"))
    for v in trainee:
        if "pressure" in v.acts:
            ev.append(Event("pacing", v.n, quote(v.text), "imposed a deadline or pressure", int(-12 - 18 * tr.pressure_sensitivity),
                            mistake="Hard deadline on the buyer", scale="scheduling"))

    # cultural reading: how the trainee answered the persona's signals
    for i, v in enumerate(views):
        if v.role != "persona" or v.move not in SIGNAL_MOVES:
            continue
        nxt = next((x for x in views[i + 1:] if x.role == "trainee"), None)
        if nxt is None:
            continue
        prev_price = next((x.price for x in reversed(views[:i]) if x.role == "trainee" and x.price is not None), None)
        dropped = nxt.price is not None and prev_price is not None and nxt.price < prev_price and not TRADE.search(nxt.text)
        if dropped and v.move in ("silence", "indirect_refusal", "hold_firm"):
            ev.append(Event("cultural_reading", nxt.n, quote(nxt.text), f"answered a {v.move.replace('_', ' ')} with a discount",
                            -18, mistake="Filling the silence with a discount", scale="communicating"))
        elif _YES_READ.search(nxt.text) or ("agreement" in nxt.acts and v.move in ("postpone", "indirect_refusal")
                                               and not nxt.text.strip().endswith("?")):
            ev.append(Event("cultural_reading", nxt.n, quote(nxt.text), f"read a {v.move.replace('_', ' ')} as a yes", -22,
                            mistake="Reading a postponement as a yes", scale="communicating"))
        elif "pressure" in nxt.acts and v.move in ("postpone", "defer"):
            ev.append(Event("cultural_reading", nxt.n, quote(nxt.text), f"pushed after a {v.move}", -15,
                            mistake="Pushing after a courteous postponement", scale="scheduling"))
        elif set(nxt.acts) & {"question", "relationship", "small_talk", "silence", "information"}:
            ev.append(Event("cultural_reading", nxt.n, quote(nxt.text),
                            f"answered a {v.move.replace('_', ' ')} with patience or a question", 10))

    # value and concessions
    L = scenario.seller_brief.list_price
    if first_price is not None:
        ratio = first_price.price / L
        if ratio >= 0.99:
            ev.append(Event("value", first_price.n, quote(first_price.text), "anchored at the list price", 12))
        elif ratio < 0.9:
            ev.append(Event("value", first_price.n, quote(first_price.text), f"opened {100 * (1 - ratio):.0f}% below list",
                            -18, mistake="Opening with a deep discount", scale="evaluating"))
    last = None
    for v in trainee:
        if v.price is None or "limit_probe" in v.acts:
            continue
        if last is not None and v.price < last:
            traded = bool(TRADE.search(v.text))
            size = (last - v.price) / L
            effect = 4 if traded else -10
            if size > 0.05:
                effect -= 8
            ev.append(Event("value", v.n, quote(v.text),
                            f"conceded {100 * size:.1f}% of list{' in exchange for something' if traded else ' without asking anything back'}",
                            effect, mistake=None if traded else "Conceding on price without asking anything in return"))
        last = v.price
    floor = scenario.seller_brief.floor_price
    if floor is not None and last is not None and last < floor:
        v = next(x for x in reversed(trainee) if x.price is not None)
        ev.append(Event("value", v.n, quote(v.text), "went below your own floor price", -30,
                        mistake="Discounting below your own floor price"))
    return ev
