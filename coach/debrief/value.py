"""Value and concessions: the first price against list, each step down, terms given away or traded, floors.

Split from `coach.debrief.detectors` (which calls `value_events`); the weights here are the same for every market.
"""
from __future__ import annotations

import re

from coach.debrief.detectors import BUSINESS_TOPICS, Event, TurnView, quote, traded
from coach.debrief.reshape import reshaped_package
from coach.debrief.trust import reopened
from coach.debrief.wording import DEADLINE_ONLY, calls_it_final, shows_room, tells_own_floor
from coach.packs.models import Scenario
from coach.understanding.concessions import worded_as_step
from coach.understanding.numbers import digit_numbers, numbers_in
from coach.understanding.prices import price_range, refused_at
from coach.understanding.rules import clean_text
from coach.understanding.sentences import split_sentences


def value_events(views: list[TurnView], scenario: Scenario) -> list[Event]:
    """Price anchoring, steps down (traded or given), terms given, floors said or crossed, prices taken back."""
    ev: list[Event] = []
    trainee = [v for v in views if v.role == "trainee"]
    L = scenario.seller_brief.list_price
    first_price = next((v for v in trainee if v.price is not None and "limit_probe" not in v.acts), None)
    if first_price is not None:
        ratio = ([*first_price.steps, first_price.price][0]) / L  # the first figure said anchors
        if ratio >= 0.99:
            ev.append(Event("value", first_price.n, quote(first_price.text), "anchored at the list price", 12))
        elif ratio < 0.9:
            ev.append(Event("value", first_price.n, quote(first_price.text), f"opened {100 * (1 - ratio):.0f}% below list",
                            -18, mistake="Opening with a deep discount", scale="evaluating"))
        if calls_it_final(first_price.text):
            ev.append(Event("value", first_price.n, quote(first_price.text), "called your first price final: nothing left "
                            "for the buyer to win", -8, mistake="Revealing your own floor", scale="evaluating"))
    last = None
    priced: set[int] = set()
    # the figures put on the table against something in return: taken up later ("Here it is in one line: 84,000 with
    # the reference case"), a figure is a step traded when it was offered
    offered: set[float] = set()
    stated: set[float] = set()
    lo, hi = price_range(scenario)
    theirs = _buyers_figures(views)
    # a lower figure in a proposal reshaped after an indirect no ("That is a little difficult." -> "Then let me change
    # the package: 1,450, two percent for three years, four weeks of buffer stock") moves the whole package, not the
    # price alone: it is scored as the trade it proposes
    reshaped = {b.n for a, b in zip(views, views[1:])
                if a.role != "trainee" and a.move == "indirect_refusal" and b.role == "trainee"
                and reshaped_package(b.text, b.acts)}
    for v in trainee:
        if v.price is None or "limit_probe" in v.acts:
            continue
        # a first price below list that the seller words as a step ("we can go to 380,000 … a very big effort") is a
        # concession from the list price the buyer has seen
        # (below 90% of list it is the deep discount above)
        said = [*v.steps, v.price]  # "I can do 160. And actually, if it helps, 150.": two steps down
        start = L if last is None and 0.9 * L <= said[0] < 0.99 * L and worded_as_step(clean_text(v.text)) else last
        for price in said:  # a step is a figure below the lowest said so far
            if start is not None and price < start and price not in stated:
                ev.append(_price_step(v, (start - price) / L, v.n in reshaped, price in offered))
                priced.add(v.n)
            start = price if start is None else min(start, price)
        last = v.price
        stated |= set(said)  # going back to a price already on the table is no new step
        if traded(v):  # "86,000 if we sign for three years, 84,000 if your banking team agrees to a reference case"
            offered |= _offered(v.text, (lo, hi), theirs.get(v.n, set()))
    # each time, up to two: inviting the buyer to ask for more after giving ground ("maybe a little more on the price,
    # just tell me") costs again
    for room in [v for v in trainee if shows_room(v.text, v.price is not None)][:2]:
        ev.append(Event("value", room.n, quote(room.text), "showed there is more room on price before anything was asked back",
                        -8, mistake="Conceding on price without asking anything in return", scale="evaluating"))
    told = next((v for v in trainee if tells_own_floor(v.text)), None)
    if told is not None:
        ev.append(Event("value", told.n, quote(told.text), "told the buyer your own floor", -12,
                        mistake="Revealing your own floor", scale="evaluating"))
    ev += _terms_given(trainee, priced) + [Event("value", v.n, quote(v.text), "went back on a price the buyer had accepted", -12,
                                                 mistake="Going back on an agreed price", scale="evaluating") for v in reopened(views)]
    ev += _exploding(trainee)
    floor = scenario.seller_brief.floor_price
    if floor is not None and last is not None and last < floor:
        v = next(x for x in reversed(trainee) if x.price is not None)
        ev.append(Event("value", v.n, quote(v.text), "went below your own floor price", -30,
                        mistake="Discounting below your own floor price", scale="evaluating"))
    return ev


def _price_step(v: TurnView, size: float, reshaped: bool = False, offered: bool = False) -> Event:
    """A step down on price (size as a share of list): credit when traded (now, or when the figure was offered), or
    part of a proposal reshaped after an indirect no, a cost when given away."""
    asked = traded(v) or offered
    swap = asked or reshaped
    effect = (4 if swap else -10) - (8 if size > 0.05 else 0)
    how = (" in exchange for something" if asked else " in a proposal reshaped after an indirect refusal" if reshaped
           else " without asking anything back")
    return Event("value", v.n, quote(v.text), f"conceded {100 * size:.1f}% of list{how}",
                 effect, mistake=None if swap else "Conceding on price without asking anything in return",
                 scale=None if swap else "evaluating")


def _terms_given(trainee: list[TurnView], priced: set[int]) -> list[Event]:
    """Gives on other terms (payment days, warranty, exclusivity, a price said in words): untraded, they cost value;
    linked to something in return, they are the trade this buyer respects."""
    ev: list[Event] = []
    given = linked = 0
    for v in trainee:
        if v.n in priced or "limit_probe" in v.acts:
            continue
        what = ", ".join(t for t in v.topics if t in BUSINESS_TOPICS) or "a term"
        other_terms = bool(set(v.topics) & (BUSINESS_TOPICS - {"price"}))
        swap = traded(v)
        if "concession" in v.acts and (v.price is None or other_terms) and not swap and given < 3:
            given += 1  # a price the number reader saw is judged by the price events above
            ev.append(Event("value", v.n, quote(v.text), f"gave ground ({what}) without asking anything back", -6,
                            mistake="Giving ground on terms without asking anything in return", scale="evaluating"))
        elif swap and set(v.acts) & {"offer", "concession", "trade_proposal"} and linked < 2:
            linked += 1
            ev.append(Event("value", v.n, quote(v.text), f"linked what you give ({what}) to something in return", 5))
    return ev


def _exploding(trainee: list[TurnView]) -> list[Event]:
    """A price or term held only until a date ("I can hold 155 if we get this signed by the 28th; after that it goes
    back to the list"): it buys speed, not value, and tells the buyer when the seller needs the deal (once; on the
    development pairs 31 poor sellers' turns and no skilled one's said so with nothing else asked back)."""
    v = next((v for v in trainee if _held_until(v.text) and not traded(v)
              and (v.price is not None or set(v.acts) & {"offer", "concession"})), None)
    if v is None:
        return []
    return [Event("value", v.n, quote(v.text), "held your offer only until a date (an exploding offer): it buys speed, not "
                  "value, and tells the buyer when you need the deal", -6)]


def _buyers_figures(views: list[TurnView]) -> dict[int, set[float]]:
    """Per seller turn, the figures the buyer had said before it."""
    said: set[float] = set()
    out: dict[int, set[float]] = {}
    for v in views:
        if v.role == "trainee":
            out[v.n] = set(said)
        else:
            said |= set(numbers_in(v.text, words=False))
    return out


def _offered(text: str, band: tuple[float, float], theirs: set[float]) -> set[float]:
    """The figures in the price band a turn that asks something back puts on the table: not the buyer's said back
    ("80,000 I can't do. 86,000 if we sign for three years."), nor one turned down."""
    lo, hi = band
    return {v for v, _, end in digit_numbers(text) if lo <= v <= hi and v not in theirs and not refused_at(text, end)}


# the price held to the date in the same sentence ("if we can get this signed by the 28th, I can hold 155"), not a fact
# about dates ("If you order by the 15th, we can still deliver before the shutdown") or a routine validity ("valid for
# two weeks as usual, and of course we can extend it")
_PRICE_WORDS = re.compile(r"\d|\b(?:price|pricing|discount|offer|rate|deal|hold|one|two|three|four|five|six|seven|eight|nine|"
                          r"ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\w*\b", re.I)
_ROUTINE = re.compile(r"\b(?:as (?:usual|always|every year|each year)|(?:can|could|will|happy to) extend|standard validity)\b", re.I)


def _held_until(text: str) -> bool:
    """A sentence ties the seller's price or offer to a date, and is no routine validity."""
    return any(DEADLINE_ONLY.search(s) and _PRICE_WORDS.search(DEADLINE_ONLY.sub(" ", s)) and not _ROUTINE.search(s)
               for s in split_sentences(text))
