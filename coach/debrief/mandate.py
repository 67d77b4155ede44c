"""The seller who came without a mandate, and the first price that answers the buyer's own.

Without a mandate every point the buyer raises goes back to the seller's headquarters ("I will bring this back to
headquarters", "I cannot decide payment terms today", "Today I cannot show a number"): the buyer, who must report
upward what he got, has nothing to report, and the talk stalls on the seller's side. Named once, at the second such turn
with no figure of the seller's own in it (one "I'd have to check the rollout with HQ" is honest, not a stall). On the
development pairs (twelve hands) two or more such turns came only from poor sellers (a Japanese seller with a Korean
buyer); single ones twice, both poor.

A first price said right after the buyer named the price himself ("Your 6.40 is difficult for us") answers him; it
does not rush to price, whatever this buyer's relationship need.
"""
from __future__ import annotations

import re
from typing import Any

_BOSS = (r"(?:our |my |the )?(?:headquarters|hq|head office|head-office|home office|central office|management|board|boss|"
         r"director|manager|ceo|leadership|team at home|colleagues at home)")
_DEFERS = re.compile(
    r"\b(?:bring|take|carry) (?:this|it|that|them|everything|these(?: points?)?|the (?:proposal|request|points?)) back to "
    + _BOSS + r"\b|"
    r"\b(?:must|need to|have to|will have to) (?:discuss|check|consult|clarify|confirm|ask)\b[^.?!]{0,20}?\b(?:with|at) "
    + _BOSS + r"\b|"
    r"\b(?:i|we) (?:cannot|can'?t|am not able to|are not able to|am not allowed to|have no authority to|"
    r"don'?t have (?:the )?authority to) (?:decide|show (?:you )?(?:a|any|the) (?:number|figure|price)|"
    r"give (?:you )?(?:a|any) (?:number|figure|answer))\b|"
    r"\b(?:no|without (?:a|the)) (?:mandate|authority)\b|\bnot (?:authori[sz]ed|empowered)\b|"
    r"\binternal approval (?:will |would )?(?:take|needs?|requires?)\b|\bwe will study it\b", re.I)
_FIGURE = re.compile(r"\d")
# a figure, or a question about the price ("And your price?"); "price we discuss later" names none
_PRICE_NAMED = re.compile(r"\d|\b(?:price|prices|pricing|quote|quotation|offer|cost|costs|discount)\b[^.?!]*\?", re.I)


def defers_upward(text: str) -> bool:
    """The seller sends the point back to his own headquarters, with no figure of his own in the turn."""
    return bool(_DEFERS.search(text)) and not _FIGURE.search(text)


def stalls_without_mandate(trainee: list[Any]) -> Any | None:
    """The seller's second turn that defers upward (None when fewer than two do)."""
    turns = [v for v in trainee if defers_upward(v.text)]
    return turns[1] if len(turns) >= 2 else None


def buyer_named_the_price(views: list[Any], turn: Any) -> bool:
    """The buyer's line just before the seller's turn named a price or a figure ("Your 6.40 is difficult for us")."""
    prev = next((p for p in reversed(views) if p.n < turn.n), None)
    return prev is not None and prev.role == "persona" and bool(_PRICE_NAMED.search(prev.text))
