"""Moves that cost the buyer's trust: going back on a price he accepted, putting the blame on someone else.

Going back on a price: the seller names a higher price after the buyer accepted his earlier one.
"One-oh-four I can live with if the rest is good." … "Ah, about the one-oh-four, sorry, I forgot: … I need to be at
one-ten." In most of these markets an agreed number stays agreed; raising it afterwards costs trust and value. A higher
price the buyer asked for with something more in the same breath ("we need six weeks of buffer stock" -> "for six weeks
the price must go to 1,520") is a trade, not going back.
"""
from __future__ import annotations

import re
from typing import Any

# the buyer takes the seller's figure ("okay, one-oh-four I can live with", "104 is fine", "agreed")
_ACCEPTS = re.compile(r"\b(?:can live with|(?:i|we) (?:can )?accept|agreed|it['\u2019]?s a deal|(?:is|sounds) (?:fine|ok(?:ay)?|good)|"
                      r"we have a deal|deal,)\b", re.I)
# the buyer asks for something more just before the higher figure: its price is a trade
_ASKS_MORE = re.compile(r"\b(?:want|wants|need|needs|require|requires|ask|asks|demand|demands|expect|expects)\b|"
                        r"\bcan you (?:do|give|include|add|extend)\b|\?", re.I)
RISE = 1.005  # a rise smaller than half a percent is a rounding, not a new price


def reopened(views: list[Any]) -> list[Any]:
    """The seller turns (TurnView) that raise his own price after the buyer accepted it (at most one)."""
    last: float | None = None
    accepted = False
    before = ""
    for v in views:
        if v.role != "trainee":
            accepted = accepted or (last is not None and bool(_ACCEPTS.search(v.text)))
            before = v.text
            continue
        if v.price is None or "limit_probe" in v.acts:
            continue
        if last is not None and accepted and v.price > last * RISE and not _ASKS_MORE.search(before):
            return [v]
        last, accepted = v.price, False
    return []


# the seller's answer blames someone else, his side or the buyer's: "it's the finance people, not me", "It's not my fault
# if people don't log in", "HQ keeps pushing dates that don't exist" (owning the answer, even a hard one, keeps trust)
_BLAME = re.compile(r"\b(?:not me|not my (?:fault|problem|decision)|(?:blame|blaming) (?:hq|headquarters|finance|legal|"
                    r"them|the)|(?:hq|headquarters|head office|finance|legal|the factory|management)\b[^.?!]{0,30}\b(?:don['\u2019]?t|"
                    r"doesn['\u2019]?t|never) (?:understand|get it|listen)|dates that don['\u2019]?t exist)\b", re.I)


def shifts_blame(text: str) -> bool:
    """The seller puts the blame on someone else instead of owning the answer."""
    return bool(_BLAME.search(text))
