"""A question about the buyer's own life is small talk, however the head reads it.

"Tell me, how was it living in China for so many years — did your family come with you?", "I noticed the Feyenoord
scarf in your office, are you from Rotterdam originally?" and "your kids still in hockey?" were read as a bare question
on no topic (or as empathy): the head knows chit-chat by its usual subjects (weather, the flight, food) more than by its
person. A question sentence about the buyer's family, where he comes from or grew up, where he lived, or the sport he or
his children play is personal talk; the family firm ("your family business", "tying the family to five years") is not.
"""
from __future__ import annotations

import re

from coach.understanding.practical import questions

_KIN = r"(?:kids?|children|son|sons|daughters?|wife|husband|grand(?:children|kids|son|daughter)|parents)"
_FIRM = r"(?:business|firm|company|group|office|shareholders?|council|name|brand|enterprise)"
_PERSONAL = re.compile(
    r"\byour (?:(?:little|two|three|oldest|eldest|youngest) )?" + _KIN + r"\b"
    r"|\byour family\b(?! " + _FIRM + r")(?!'s " + _FIRM + r")"
    r"|\b(?:are|were) you (?:originally )?from(?: (?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+)?(?: originally)?| here| around here)?\s*\?"
    r"|\bwere you born\b|\boriginally from\b|\b(?:did|do) you grow up\b|\bgrew up\b"
    r"|\bhow (?:was|is) it (?:living|to live|growing up)\b|\byou (?:lived|were living) (?:in|there|abroad)\b"
    r"|\b(?:still|do you|did you) (?:play|sail|golf|ski|fish|coach|cycle|run marathons)\b"
    r"|\bstill in (?:hockey|football|soccer|baseball|little league|cricket|tennis|swimming|ballet)\b", re.I)


def asks_about_the_person(clean: str) -> bool:
    """Whether one of the seller's question sentences asks about the buyer's own life."""
    return any(_PERSONAL.search(q) for q in questions(clean) if q.rstrip().endswith("?"))


def read_into(conf: dict[str, float], clean: str) -> None:
    """A question about the buyer's own life adds small talk."""
    if asks_about_the_person(clean):
        conf["small_talk"] = max(conf.get("small_talk", 0.0), 0.7)
