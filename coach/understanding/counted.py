"""A question about a count per period is about volumes, not price.

"480,000 per year — is that fixed by the carmaker's platform plan?" asks about the programme's volume; the head read it
as a price question (a development responsiveness line, answered "how we build our budget is internal"). A figure with
a period and no currency counts something when it lies outside the scenario's price band ("385k a year" for a
three-year service contract is a price, and stays one).
"""
from __future__ import annotations

import re
from typing import Any

from coach.understanding.figures import CURRENCY, PER_UNIT
from coach.understanding.numbers import ascii_digits, digit_numbers
from coach.understanding.prices import price_range

_COUNT_NOUN = r"(?:units?|pieces?|pcs|kits?|sets?|brackets?|pumps?|meters?|modules?|gearboxes|tons?|tonnes?|orders?|lines?)"
# right after the figure: its unit (counted), or one other word ("modules"), then the period; not "150 a seat a year"
# (a price per unit), "300 for a year" (a duration), "15 percent a year", "1.2 million a year" (money said short)
_PER_PERIOD = re.compile(r"^\s*(?:(?P<noun>" + _COUNT_NOUN + r")\s+|(?!(?:per|a|an|each|every|for|percent|pct|million|mn|"
                         r"thousand|billion|bn|lakh|crore)\b)[a-z]+\s+)?(?:per|a|each|every|/)\s*(?:year|annum|month|quarter|week)\b",
                         re.I)
_NOT_A_PRICE = re.compile(r"^\s*(?:%|percent|per cent|pct|years?|months?|weeks?|days?|hours?|plants?|sites?)\b", re.I)
_MONEY_WORDS = re.compile(r"\b(?:price|prices|pricing|cost|costs|pay|paid|budget|discount|rebate|fee|fees|rate|cheap\w*|"
                          r"expensive|steep|afford\w*|ceiling|quote\w*|charge\w*|spend\w*|invoice\w*|margin\w*|saving\w*|"
                          r"(?:per|each|a) (?:" + PER_UNIT + r")s?)\b", re.I)
MIN_COUNT = 10  # "twice a year", "2 visits a year" are no volumes
VOLUME_READING = 0.6  # the topic confidence (and score) a counted figure gives: above the head's usual threshold


def _figures(clean: str, scenario: Any | None) -> tuple[bool, bool, bool]:
    """(a figure counts units per period, or a figure outside the price band in a line naming no money, does;
    another figure lies in the price band; the line names money)."""
    t = ascii_digits(clean)
    money = bool(CURRENCY.search(clean) or _MONEY_WORDS.search(clean))
    # without a scenario there is no price band: only units ("1,800 pieces a year") count
    low, high = price_range(scenario) if scenario is not None else (0.0, float("inf"))
    counted = priced = False
    for value, start, end in digit_numbers(t):
        m = _PER_PERIOD.match(t[end:])
        in_band = low <= value <= high
        abbreviated = any(ch.isalpha() for ch in t[start:end])  # "320k", "1.2 million a year": money said short
        if m and value >= MIN_COUNT and (m.group("noun") or not (in_band or money or abbreviated)):
            counted = True
        elif in_band and not _NOT_A_PRICE.match(t[end:]):
            priced = True
    return counted, priced, money


def counts_per_period(clean: str, scenario: Any | None) -> bool:
    """Units per year, month or week; or a figure per period outside the scenario's price band, no money named."""
    return _figures(clean, scenario)[0]


def read_into(topics: dict[str, float], clean: str, scenario: Any | None, asked: bool,
              scores: dict[str, float] | None = None) -> None:
    """A question about a count per period is about volumes; with no price in the line, not about price. (A statement
    keeps the head's topics: "1.9 million kWh a year saved" argues a price.) `scores`, the head's raw topic scores
    that the persona ranks its answers by, are moved the same way."""
    counted, priced, money = _figures(clean, scenario) if asked else (False, False, False)
    if not counted:
        return
    scores = {} if scores is None else scores
    for d in (topics, scores):
        d["volumes"] = max(d.get("volumes", 0.0), VOLUME_READING)
    if not (priced or money):
        topics.pop("price", None)
        if "price" in scores:
            scores["price"] = 0.0
