"""A slip the seller takes back at once: "You are right, and forgive me - I got ahead of myself", "I apologise - that was
my headquarters speaking ... Please forget the date".

A mentor counts both the slip and the repair: the slip's cost on the manner dimensions is halved and its evidence says
where it was taken back. A concession is not taken back by words (the figure stays on the table), so value and outcome
keep their cost.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from coach.understanding.sentences import split_sentences

REPAIRABLE = frozenset({"relationship", "pacing", "cultural_reading", "communication", "hierarchy"})
_SORRY = re.compile(r"\b(?:forgive me|(?:i|we) (?:do )?apologi[sz]e|(?:i'?m|i am) (?:so |very )?sorry|sorry|my apologies|"
                    r"my mistake|pardon me)\b", re.I)
# what is taken back: the seller's own rush, his deadline, his words
_TAKES_BACK = re.compile(r"\b(?:(?:got|getting|get|went) ahead of (?:myself|ourselves)|(?:that|this|it) was (?:not fair|unfair|wrong|"
                         r"too (?:fast|soon|early|quick|pushy)|my (?:headquarters|hq|boss|company|manager) speaking)|(?:please )?forget "
                         r"(?:the (?:date|deadline)|that|what i said|my (?:deadline|date|last))|(?:i )?take (?:that|it) back|"
                         r"(?:i )?withdraw (?:that|the (?:date|deadline))|scratch that|(?:i )?(?:rushed|jumped (?:ahead|the gun)|"
                         r"spoke too (?:soon|fast))|(?:i )?should(?:n'?t| not) (?:have|put|push|bring)|(?:that|it) (?:is|was|'s) my (?:headquarters'?|hq'?s?|company'?s|own) problem|let me (?:start|begin) again|(?:is|it'?s) not tied to|"
                         r"no (?:deadline|pressure) (?:from|on) (?:my|our) side)\b", re.I)


def takes_back(text: str) -> bool:
    """The turn apologises for the seller's own slip and takes it back (both said, in the turn's first sentences)."""
    head = " ".join(split_sentences(text.replace("\u2019", "'"))[:3])
    return bool(_SORRY.search(head) and _TAKES_BACK.search(head))


def repaired(events: list[Any], views: list[Any]) -> list[Any]:
    """The events with the cost of each manner slip halved when the seller's next turn takes it back."""
    trainee = [v for v in views if v.role == "trainee"]
    repair_at = {a.n: b.n for a, b in zip(trainee, trainee[1:]) if takes_back(b.text)}
    out = []
    for e in events:
        if e.effect < 0 and e.dimension in REPAIRABLE and e.turn in repair_at:
            e = replace(e, effect=-(-e.effect // 2), note=f"{e.note} (taken back at turn {repair_at[e.turn]})")
        out.append(e)
    return out
