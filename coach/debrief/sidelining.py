"""Sidelining the buyer's own people: settling it with the principal and leaving the details to his staff.

"So, Hamad, I think you and I can agree the key points today, and Suresh can take care of the paperwork afterwards."
With a family principal whose general manager prepares the numbers, this treats a trusted manager as a clerk in front
of the man who relies on him (the AE persona lists it among what offends; the AE case "Going around the long-serving
expatriate manager to reach the owner"). Three poor sellers of the development pairs said it, no skilled seller; both
halves must be there: the deal between the two of them, and the others left the rest for later.
"""
from __future__ import annotations

import re

# the two of them settle it: "you and I can agree the big picture", "Maybe you and I can agree the volume between us"
_JUST_US = re.compile(r"(?<!before )(?<!until )(?<!once )\b(?:you|(?-i:[A-Z][a-z]+)) and (?:i|me)\b(?: can| could| should| will| just)? "
                      r"(?:agree|decide|settle|sort out|fix|close)\b", re.I)
# the others do the rest later: "Suresh can fill in the details afterwards", "the detail people can sort out the forecast
# later", "your team can take care of the paperwork"
_THE_REST = re.compile(r"\b(?:(?!(?:Legal|Procurement|Finance|Purchasing|Engineering|Quality|Accounting|Operations|Logistics|"
                       r"Compliance|Then|We|You|They|It|This|That)\b)[A-Z][a-z]+|(?i:the detail people|your (?:team|people|staff|gm|"
                       r"general manager|manager))) (?:can|could|will) (?:fill in|take care of|sort out|handle|do|deal with) "
                       r"(?:the |all the )?(?:details|paperwork|rest|forecast|numbers|admin)\b[^.?!]{0,25}?\b(?:afterwards|later|after)\b"
                       r"|\bleave (?:the |all the )?(?:details|paperwork|rest|numbers) to [A-Z][a-z]+\b[^.?!]{0,15}\b(?:afterwards|later)\b"
                       # "Let's leave the penalty details for later — Sanne and I can settle that in the contract."
                       r"|\b(?i:leave) (?:the |all the )?(?:[a-z]+ )?(?:details|paperwork|rest|numbers) for later\b")
# a colleague's point taken away to the one who decides: "Mark, I'll take the technical details offline with Sanne, since
# she's making the decision."
_TO_THE_DECIDER = re.compile(r"\b(?:take|discuss|settle|handle)\b[^.?!]{0,40}\b(?:offline|separately) with [A-Z][a-z]+\b[^.?!]{0,20}"
                             r"\b(?:since|as|because) (?:she|he)(?:['\u2019]s| is| makes| decides| will decide)\b")
# the seller's own people doing the paperwork ("my assistant Julia will take care of the paperwork afterwards")
_OURS_BEFORE = re.compile(r"\b(?:my|our)\b[^.?!,]{0,20}$", re.I)


def sidelines(text: str) -> bool:
    """The seller settles it with the principal and leaves the details to the buyer's own people for later."""
    return (bool(_JUST_US.search(text)) and any(not _OURS_BEFORE.search(text[:m.start()]) for m in _THE_REST.finditer(text))
            or bool(_TO_THE_DECIDER.search(text)))
