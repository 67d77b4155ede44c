"""Meeting the buyer's people with the buyer, not around him: a courtesy the head can read as an escalation.

"If Dr. Khalid would like to meet our CEO, we can arrange it. Only if you think it is useful." and "Gladly. And it gives
me a chance to ask him about the thermal profile directly." (after the buyer said "Herr Vogt can find us there") are no
threat to go over the buyer's head: the first leaves the meeting to the buyer's side, the second turns to someone the
buyer brought in. `rules.peer_meeting` holds the seller's senior proposing to meet theirs; these are the other two forms.
"""
from __future__ import annotations

import re

_SENIOR = (r"ceo|md|president|chairman|founder|managing director|general manager|gm|owner|vp|vice president|"
           r"chief executive|director|board")
# their side asks for the meeting: "if Dr. Khalid would like to meet our CEO", "should the Chairman wish to receive our MD"
_THEY_ASK = re.compile(r"\b(?:would|might|should|does|do|if)\b[^.?!]{0,40}\b(?:like|wish|want|care|be glad|be happy)s? to "
                       r"(?:meet|see|receive|welcome|host) (?:with )?our (?:[a-z]+ ){0,2}(?:" + _SENIOR + r")\b", re.I)
# the buyer brings someone in: "Herr Vogt can find us there", "you can ask Mr. Kapoor", "I'll bring our engineer"
_BRINGS_IN = re.compile(r"\b(?:(?:Herr|Frau|Mr|Mrs|Ms|Dr|Eng)\.? [A-Z][a-z]+|[A-Z][a-z]+-san|our (?:engineer|expert|"
                        r"specialist|colleague|chief engineer|quality|team)\w*)\b[^.?!]{0,20}\b(?:can|will|could|would|may)"
                        r" (?:find|join|meet|see|tell|show|walk|answer|explain|help|take|talk to|speak (?:to|with)|call)"
                        r" (?:us|you)\b|\b[Yy]ou (?:can|could|may|might|should)(?: also)? (?:ask|talk to|speak (?:to|with)|meet|"
                        r"call|contact|write to|e-?mail) (?:(?:Herr|Frau|Mr|Mrs|Ms|Dr|Eng)\.? )?[A-Z][a-z]+|\b(?:I|[Ww]e)(?:'ll| will)"
                        r" (?:bring|ask) (?:our|my) (?:engineer|expert|specialist|colleague|chief engineer|quality)")
# the move still goes around when it is for speed or instead of the buyer
_AROUND = re.compile(r"\b(?:faster|quicker|speed|speeds|save (?:you )?(?:the )?(?:time|trouble|work)|instead|without you|"
                     r"over your head|skip|myself|sign|decide|approve|settle)\b", re.I)


def courtesy_meeting(clean: str, before: str | None = None) -> bool:
    """The meeting is left to the buyer's side, or made with someone the buyer brought in, and not for speed."""
    if _AROUND.search(clean):
        return False
    return bool(_THEY_ASK.search(clean)) or bool(before and _BRINGS_IN.search(before))
