"""Step 4: phrase the move. The phrase bank is the floor; a model may phrase on top, checked.

- bank: pick a line from the persona's bank for the move (fit to the trainee's words, no recent
  repeats, deterministic per session), fill its slots. 0 s, always in character.
- local model: the measured recipe — example lines, the assistant turn forced to start with the
  first words of the chosen line, stop sequences; the forced words stream at once.
- provider model: composes from the move and qualitative guidance, with example lines.
Every model reply is checked by the guard; on failure the bank line stands.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from coach.packs.models import Persona, Scenario
from coach.understanding.numbers import format_amount
from coach.roleplay import guard
from coach.roleplay.policy import Move
from coach.roleplay.state import NegotiationState

_SLOT = re.compile(r"\{([a-z]+)\}")
FALLBACK_MOVES = {"inform": "ask", "hospitality": "small_talk", "direct_refusal": "indirect_refusal",
                  "push_agenda": "request_detail", "concede": "counter"}


_VOCATIVE = (re.compile(r"^\{seller\}\s*[,.!]\s*"), re.compile(r",\s*\{seller\}(?=\s*[,.;:!?])"),
             re.compile(r"\s+\{seller\}(?=\s*[.;:!?])"))
_GREETING_NAME = re.compile(r"\b(hi|hello|hey|welcome|morning|afternoon|evening)\s+\{seller\}", re.IGNORECASE)


def unnamed(template: str, values: dict[str, str]) -> str:
    """Without the seller's name, a line that only addresses him by it drops the address ('Good morning, {seller}.')."""
    if "seller" in values or "{seller}" not in template:
        return template
    template = _GREETING_NAME.sub(r"\1", template)
    for rx in _VOCATIVE:
        template = rx.sub("", template)
    return template[:1].upper() + template[1:]


def fill(template: str, values: dict[str, str]) -> str:
    """The template with its slots filled; a value that starts a sentence starts with a capital ("That's not why we're
    here. {issue}, please." -> "… Guaranteed system availability, please.")."""
    def value(m: re.Match[str]) -> str:
        got = values.get(m.group(1), m.group(0))
        starts = not template[:m.start()].strip() or template[:m.start()].rstrip().endswith((".", "!", "?"))
        return got[:1].upper() + got[1:] if starts else got
    text = _SLOT.sub(value, template)
    return text[:1].upper() + text[1:]


def spoken_unit(unit: str) -> str:
    """The unit as a buyer says it: "per unit (weighted average distributor price, delivered Jebel Ali)" is "per unit",
    "per kit, FCA European warehouse, before …" is "per kit" (the brief's detail reads pasted in a sentence)."""
    return re.sub(r"\s*\([^)]*\)", "", unit).split(",")[0].strip()


def money(value: float, scenario: Scenario, spoken: bool = False) -> str:
    """A price with its currency and unit; `spoken`: the unit as said in a reply (spoken_unit)."""
    b = scenario.seller_brief
    unit = spoken_unit(b.unit) if spoken else b.unit
    return f"{format_amount(value, b.list_price)} {b.currency} {unit}".strip()


def company_name(company: str) -> str:
    """The name a buyer says: 'Nordhavn Pumps (China) Co., Ltd. (fictional), subsidiary of a European pump maker'
    is 'Nordhavn Pumps'."""
    name = re.split(r",\s+[^,]*\bsubsidiary\b", re.sub(r"\s*\([^)]*\)", "", company))[0]
    return re.sub(r",?\s+(?:Co\.,?\s*Ltd\.?|Pvt\.?\s*Ltd\.?|Ltd\.?|GmbH|Inc\.?|LLC|S\.?A\.?)$", "", name).strip() or company


def public_terms(st: NegotiationState, scenario: Scenario) -> dict[str, float]:
    """The issue values the seller's latest turn named that are none of the buyer's private limits (those are never
    echoed, and never become numbers a reply may say)."""
    return {k: v for k, v in st.last_terms.items() if not guard.is_private(v, scenario)}


def terms_said(st: NegotiationState, scenario: Scenario) -> list[Any]:
    """The scenario's issues other than the price that the talk has put terms on, in the scenario's order."""
    return [i for i in scenario.issues if i.id != "price" and i.id in st.terms]


def agreed_price(st: NegotiationState, move: str) -> float | None:
    """The price an acceptance agrees to (the state's agreement), for that move only."""
    return (st.agreement or {}).get("price") if move == "accept" else None


def slot_values(st: NegotiationState, persona: Persona, scenario: Scenario, move: Move,
                seller_name: str | None) -> dict[str, str]:
    b = scenario.seller_brief
    values: dict[str, str] = {
        "superior": persona.decision.superior,
        "committee": persona.decision.committee or "the committee",
        "company": company_name(b.company),
        "product": b.product_short or re.split(r"[(,;]", b.product)[0].strip(),
        "volume": b.volume,
        "name": persona.name.split("(")[0].strip(),
        "date": "next week",
    }
    if seller_name:
        values["seller"] = seller_name
    other = terms_said(st, scenario)
    values["issue"] = other[-1].name.lower() if other else next(i.name.lower() for i in scenario.issues if i.id == "price")
    if st.trainee_price is not None:
        values["price"] = money(st.trainee_price, scenario, spoken=True)
    # what the seller's latest turn put on the table besides the price ("90 days from invoice"); a value that is also
    # one of the buyer's private limits is not echoed (it would read as a confirmation, and the guard bans it)
    given = [i for i in scenario.issues if i.id in public_terms(st, scenario)]
    if given:
        value = st.last_terms[given[0].id]
        values["given"] = f"{value:,.0f} {given[0].unit}" if value == int(value) else f"{value:,.2f}".rstrip("0") + f" {given[0].unit}"
    # an acceptance names the price agreed ("Done, 102 USD per unit"), in its {price} and {counter} alike: the last
    # figure either side said may be another
    agreed = agreed_price(st, move.name)
    counter = move.counter if move.counter is not None else agreed if agreed is not None else st.persona_price
    if agreed is not None:
        values["price"] = money(agreed, scenario, spoken=True)
    if counter is not None:
        values["counter"] = money(counter, scenario, spoken=True)
    return values


@dataclass
class Choice:
    move: str
    index: int
    template: str
    text: str
    allowed_numbers: list[float] = field(default_factory=list)
    lead: str = ""  # composed parts before the last one (acknowledgement, answer): forced, never re-phrased
    last: str = ""  # the part a model may phrase (empty: the whole text)
    plan: list[str] = field(default_factory=list)  # the reply's parts, e.g. ["ack:offer", "move:counter"]
    values: dict[str, str] = field(default_factory=dict)  # the slot values the line was filled with


def words_of(text: str) -> set[str]:
    """The words of four letters or more, lower-cased: what word overlap between a line and the seller's text counts."""
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


# moves whose lines may bring up a new subject (the buyer asking about delivery is natural)
MAY_OPEN_TOPICS = {"ask", "request_detail", "inform", "push_agenda"}


# moves whose lines name the business to come back to ("let us return to {issue}"): the price when nothing is on the table
RETURNS_TO_BUSINESS = frozenset({"push_agenda", "stay_in_role"})


def on_the_table(st: NegotiationState, scenario: Scenario) -> bool:
    """A price or another term has been put on the table (by either side): {issue} names something said."""
    return st.trainee_price is not None or st.persona_price is not None or bool(terms_said(st, scenario))


def choose_line(move: Move, st: NegotiationState, persona: Persona, scenario: Scenario, trainee_text: str,
                session_id: str, seller_name: str | None = None, on_table: set[str] | None = None,
                near: Callable[[str, list[str]], list[float] | None] | None = None) -> Choice:
    """The move's line. With `on_table` (topics raised so far), a line naming another subject is avoided; `near`
    (move name, its lines) gives each line's closeness to the seller's question where that should decide."""
    from coach.roleplay.attack_lines import attack_kinds, fits
    from coach.roleplay.compose import contradicts, off_topic
    values = slot_values(st, persona, scenario, move, seller_name)
    name = move.name
    for _ in range(3):
        lines = [unnamed(t, values) for t in persona.phrases.get(name) or []]  # type: ignore[call-overload]
        if lines:
            usable = [(i, t) for i, t in enumerate(lines) if set(_SLOT.findall(t)) <= set(values)]
            if usable:
                break
        name = FALLBACK_MOVES.get(name, "ask")
    else:
        usable = [(i, t) for i, t in enumerate(persona.phrases["ask"]) if not _SLOT.findall(t)] or [(0, "I see.")]
        near = None  # the lines are not the named move's: no closeness to apply
    if on_table is not None and name not in MAY_OPEN_TOPICS:
        usable = [(i, t) for i, t in usable if not off_topic(t, on_table)] or usable
    if name not in RETURNS_TO_BUSINESS and not on_the_table(st, scenario):
        # "let's leave {issue} for later" names the price per kit to a seller who asked for a letter of intent
        usable = [(i, t) for i, t in usable if "{issue}" not in t] or usable
    if name == "stay_in_role":  # "You want me to play your role?" only after a request to swap roles
        kinds = attack_kinds(trainee_text)
        usable = [(i, t) for i, t in usable if fits(t, kinds)] or usable
    usable = [(i, t) for i, t in usable if not contradicts(t, trainee_text)] or usable
    fresh = [(i, t) for i, t in usable if f"{name}:{i}" not in st.recent_lines] or usable
    words = words_of(trainee_text)
    # `lines` are the named move's here (a fallback to plain 'ask' lines cleared `near` above)
    closeness = near(name, list(persona.phrases.get(name) or [])) if near is not None else None  # type: ignore[call-overload]

    def score(item: tuple[int, str]) -> tuple[float, str]:
        i, t = item
        overlap = closeness[i] if closeness is not None and len(closeness) == len(lines) else len(words & words_of(t))
        # a needed slot (the counter in a counter move) is better than a line that ignores it
        needs = 1 if move.counter is not None and "{counter}" in t else 0
        tie = hashlib.sha256(f"{session_id}:{st.turn}:{name}:{i}".encode()).hexdigest()
        return (-(overlap + 2 * needs), tie)

    index, template = min(fresh, key=score)
    text = fill(template, values)
    allowed = [v for v in (st.trainee_price, move.counter, st.persona_price, agreed_price(st, name),
                           *public_terms(st, scenario).values())
               if v is not None]
    return Choice(move=name, index=index, template=template, text=text, allowed_numbers=allowed, values=values)


def forced_prefix(text: str, words: int = 4) -> str:
    parts = text.split(" ")
    if len(parts) <= words + 2:
        return text
    return " ".join(parts[:words])


def model_messages(system: str, history: list[dict[str, str]], trainee_text: str, move: Move, choice: Choice,
                   examples: list[str], strong: bool, persona_name: str) -> list[dict[str, Any]]:
    """Stable prefix (persona system prompt + transcript) first; everything that depends on the move after it."""
    from coach.prompts import render
    note = render("persona_move.j2", move=choice.move, guidance=move.guidance, examples=examples, strong=strong,
                  name=persona_name)
    messages: list[dict[str, Any]] = [{"role": "system", "content": system}, *history,
                                      {"role": "user", "content": trainee_text or "(silence)"},
                                      {"role": "system", "content": note}]
    if not strong:
        lead = choice.lead + " " if choice.lead else ""
        messages.append({"role": "assistant", "content": lead + forced_prefix(choice.last or choice.text)})
    return messages


def stream_pieces(text: str) -> Iterator[str]:
    for m in re.finditer(r"\S+\s*", text):
        yield m.group()
