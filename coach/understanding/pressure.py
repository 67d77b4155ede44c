"""Pressure is put on the buyer; a promise of the seller's own next step is not pressure.

The head reads "The first one goes out this Friday … I flag it the same day, not at quarter end" as a deadline
as well as a commitment: dates and urgency words are shared by both. Pressure needs something the buyer must do,
decide or lose (an answer by a date, an offer that expires, capacity that goes to others); without it, a line
the head also reads as the seller's own commitment is that commitment alone.
"""
from __future__ import annotations

import re

_ON_THE_BUYER = re.compile(
    r"\b(?:you|your (?:team|side|company|management|boss))\b[^.?!]{0,40}?\b(?:need|needs|must|should|have to|has to|got to)\b"
    r"|\b(?:need|want|expect|require|waiting for|wait for)\b[^.?!]{0,25}?\b(?:your|an?|the) (?:clear |final |firm |quick )?"
    r"(?:answer|decision|reply|confirmation|signature|commitment|go-ahead|approval|po|order|yes)\b"
    r"|\b(?:otherwise|or else|expires?|expiring|only valid|valid (?:only )?(?:until|till|through)|only (?:until|till)|"
    r"last chance|final offer|take it or leave it|other (?:customers|clients|buyers|projects)|(?:price|prices) (?:goes|go|will go) up|"
    r"(?:can'?t|cannot|won'?t be able to) (?:hold|guarantee|keep|reserve)|hurry|quickly|asap|as soon as possible|"
    r"before (?:it'?s|it is) too late|(?:is|are) filling up|running out|too late|final|disappear\w*|is gone|walks|"
    r"(?:nearly|almost) full|rising|(?:will be|goes|go) higher|your call|(?:must|need to) know|waiting|no movement|"
    r"now,? or|or i'?m out|(?:other|another) (?:\w+ ){0,2}(?:customers?|groups?|makers?|utilities|suppliers?|buyers?|"
    r"clients?|dealers?|distributors?)|hold\w* (?:only )?(?:until|till|for)|only (?:holds?|good)|good (?:until|till)|"
    r"after that|vanish\w*|kicks? in|please answer|(?:is|are) interested|yes or no|or not\?|drags? on|"
    r"(?:need|want)\b[^.?!]{0,30}?\b(?:by|before|this week|today|tonight))"
    r"|\bif (?:you|we) (?:don'?t|do not|can'?t|cannot|won'?t)\b"
    r"|\b(?:hold|keep|reserve)\w*\b[^.?!]{0,30}?\b(?:until|till|through|open)\b|\bdeadline\b|\bends? (?:on|by|at|with)\b"
    r"|\b(?:must|have to|need to) (?:have|get|receive)\b[^.?!]{0,20}?\b(?:your|an?|the)\b"
    r"|\b(?:can'?t|cannot|won'?t be able to|will not be able to) (?:offer|give|hold|keep)\b"
    # ("the committee has time before Ramadan" is no decision asked for: "commit" is not "committee")
    r"|\b(?:sign\w*|decide\w*|confirm\w*|commit(?:s|ted|ting|ment)?|order\w*|approve\w*)\b[^.?!]{0,20}?\b(?:by|before|until|today|tonight|this (?:week|month|quarter))\b",
    re.I)


def on_the_buyer(clean: str) -> bool:
    """The line asks the buyer to act by a time, or threatens a loss if he does not."""
    return bool(_ON_THE_BUYER.search(clean))
