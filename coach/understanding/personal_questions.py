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
_PERSONAL = re.compile(
    r"\byour (?:(?:little|two|three|oldest|eldest|youngest) )?" + _KIN + r"\b(?!['\u2019]s)"
    r"|\byour family\b(?![\s-](?:business|firm|company|group|owned|run|make|makes|decide|decides))"
    r"|\bwhere (?:are|were) you (?:originally )?from\b|\b(?:are|were) you (?:from )?(?:here|around here)\s*\?"
    r"|\byou (?:are |were )?(?:originally )?from\b[^.?!]{0,30}\boriginally\b|\bwere you born\b"
    r"|\b(?:did|do) you grow up\b|\bwhere (?:did )?you grew up\b|\byou grew up\b"
    r"|\bhow (?:was|is) it (?:living|to live|growing up)\b|\byou (?:lived|were living) (?:in|there|abroad)\b"
    r"|\b(?:still |do you |did you )(?:play|playing) (?:golf|tennis|football|soccer|cricket|hockey|badminton|squash|padel|"
    r"basketball|baseball|chess|the piano|guitar)\b|\bdo you (?:still )?(?:sail|golf|ski|fish|cycle to work)\b"
    r"|\bstill in (?:hockey|football|soccer|baseball|little league|cricket|tennis|swimming|ballet)\b", re.I)
# a question about the firm, the deal, the decision or the meeting is business, whoever it names ("Does your family
# make the final decision on new suppliers?", "Is your father joining us today?" in a family firm, "Your son Felipe will
# run the technical side for our kits?", "You lived in Ohio, so you know US suppliers well?")
_BUSINESS = re.compile(r"\b(?:compan\w*|firm|business|group|decid\w*|decision|supplier\w*|brands?|distribut\w*|own(?:s|ed|er)?|"
                       r"majority|shares?|sign\w*|approv\w*|technical|orders?|contract|prices?|volumes?|deal|partners?|"
                       r"kits?|sales|market|margin\w*|budget|tender|plant|factory|production|quality|delivery|join\w*|meeting|call)\b", re.I)


def asks_about_the_person(clean: str) -> bool:
    """Whether one of the seller's question sentences asks about the buyer's own life."""
    return any(_PERSONAL.search(q) and not _BUSINESS.search(q) for q in questions(clean) if q.rstrip().endswith("?"))


def read_into(conf: dict[str, float], clean: str) -> None:
    """A question about the buyer's own life adds small talk."""
    if asks_about_the_person(clean):
        conf["small_talk"] = max(conf.get("small_talk", 0.0), 0.7)
