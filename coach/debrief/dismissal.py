"""The buyer's concern waved away instead of answered: "local content, frankly, that is mostly paperwork", "Brazilian
taxes are really something on your side", "in Korea things simply take more time … it is the culture".

Each reads as information to the understanding layer (it states something); to a buyer who must defend these numbers
upward it is the vaguest answer there is. The seller's own paperwork ("we'll handle the paperwork", "the audit is a
formality for us: we passed it in 2023") is none.
"""
from __future__ import annotations

import re

# a concern called a formality or the buyer's own problem
_FORMALITY = re.compile(
    r"\b(?:is|are|['\u2019]s|that['\u2019]s|it['\u2019]s)\s+(?:(?:frankly|honestly|really|mostly|just|only|basically|simply|"
    r"purely|largely|more or less),?\s+)*(?:(?:a |the )?(?:paperwork|formalit(?:y|ies)|bureaucracy|red tape|box[- ]ticking|"
    r"tick[- ]box(?:ing)?|a technicality)|something (?:on|for) your side|your (?:own )?problem|not (?:our|my) problem|"
    r"(?:a )?local (?:quirk|thing|matter))\b(?!\s+(?:for|on) (?:us|our)\b)", re.I)
# the culture given as the reason, with nothing checkable: "it is the culture", "things just take time there"
_CULTURE_AS_REASON = re.compile(
    r"\b(?:it|that)(?:['\u2019]s| is) (?:just |simply |only )?(?:the|their|our|a) culture\b|"
    r"\bthings (?:simply |just |always |really )?(?:take|move) (?:more |much more |a lot more )?(?:time|slowly|slower)\b"
    r"(?! [^.?!]{0,40}\b(?:because|since|as|step|review|meeting|approval|weeks?|days?)\b)|"
    r"\bthat['\u2019]s (?:just )?how (?:it is|they are|things are|it works) (?:there|in \w+|over there)\b", re.I)


def waves_away(text: str) -> bool:
    """The line dismisses the buyer's concern (a formality, his side's problem) or gives "the culture" as the reason."""
    return bool(_FORMALITY.search(text) or _CULTURE_AS_REASON.search(text))
