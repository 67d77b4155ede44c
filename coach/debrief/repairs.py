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
KEEPS_ITS_COST = frozenset({"Filling the silence with a discount"})  # a price given stays given
# an apology (not sympathy: "I'm sorry to hear that", "sorry about your supplier")
_SORRY = re.compile(r"\b(?:forgive me|(?:i|we) (?:do )?apologi[sz]e|apologies|(?:i'?m|i am) (?:so |very )?sorry(?! (?:to hear|about your|for your))|"
                    r"sorry(?! (?:to hear|about your|for your))|my mistake|pardon(?: me)?|excuse me)\b", re.I)
# what is taken back is the seller's own: his rush, his deadline, his words
_TAKES_BACK = re.compile(r"\b(?:(?:i|we) (?:got|went|get|am getting|was getting|were getting) ahead of (?:myself|ourselves)|"
                         r"(?:that|this) was my (?:headquarters|hq|boss|company|manager) speaking|"
                         r"(?:it|that) was (?:not fair|unfair|wrong) (?:of me|to (?:put|push|ask|press))|"
                         r"(?:please )?forget (?:the (?:date|deadline)|that|what i said|my (?:deadline|date|last)|"
                         r"about (?:the|my) (?:date|deadline|end-of-\w+ date))|(?:i )?take (?:that|it) back|"
                         r"(?:i )?withdraw (?:that|the (?:date|deadline))|scratch that|i (?:was|went) too (?:fast|quick|pushy)|"
                         r"i (?:rushed|pushed) (?:you|it|things)|did(?:n'?t| not) mean to (?:rush|push|pressure)|"
                         r"for (?:pushing|rushing|the pressure)|i misspoke|i jumped (?:ahead|the gun)|i spoke too (?:soon|fast)|"
                         r"i should(?:n'?t| not) (?:have|put|push|bring)|(?:that|it) (?:is|was|'s) my (?:headquarters'?|hq'?s?|"
                         r"company'?s|own) problem|not tied to (?:the|a|any|that) (?:date|deadline)|"
                         r"no (?:deadline|pressure) (?:from|on) (?:my|our) side)\b", re.I)


def takes_back(text: str) -> bool:
    """The turn apologises for the seller's own slip and takes it back (both said, in the turn's first sentences),
    and does not press again in the same turn."""
    from coach.debrief.wording import asks_for_an_answer_by
    from coach.debrief.yes_reading import presses_to_close
    clean = text.replace("\u2019", "'")
    head = " ".join(split_sentences(clean)[:3])
    return (bool(_SORRY.search(head) and _TAKES_BACK.search(head))
            and not presses_to_close(clean) and not asks_for_an_answer_by(clean))


def repaired(events: list[Any], views: list[Any]) -> list[Any]:
    """The events with the cost of each manner slip halved when the seller's next turn takes it back."""
    trainee = [v for v in views if v.role == "trainee"]
    repair_at = {a.n: b.n for a, b in zip(trainee, trainee[1:]) if takes_back(b.text)}
    out = []
    for e in events:
        if e.effect < 0 and e.dimension in REPAIRABLE and e.turn in repair_at and e.mistake not in KEEPS_ITS_COST:
            e = replace(e, effect=-((-e.effect + 1) // 2), note=f"{e.note} (taken back at turn {repair_at[e.turn]})")
        out.append(e)
    return out
