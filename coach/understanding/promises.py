"""The seller's own next step, said as a promise: "we will train him and your twenty technicians ourselves",
"next time we will bring the manager of our Shanghai service centre", "That is a promise from our side."

The head knows the dated form ("I'll send the minutes by Thursday") well and misses the undated one, which a buyer
still registers ("Good, Felipe will be glad."). Read after the head: a sentence where the seller's side says it will
do something concrete for the buyer, outside a condition ("if you sign, we will train…" is a trade) and outside a
question. Giving a price or a term is not such a step ("we'll go to 86,500" is an offer or a concession).
"""
from __future__ import annotations

import re


# a concrete step the buyer will see done: sending, bringing, training, visiting, writing up
_STEP = (r"(?:send|e-?mail|mail|bring|train|prepare|share|arrange|organi[sz]e|set up|come back|come (?:and )?see you|fly|"
         r"visit|call you|ring you|write|draft|introduce|get back|follow up|book|translate|check|schedule|circulate|"
         r"walk you through|"
         r"install|commission|support|accompany|invite|host|deliver the (?:report|minutes|summary|proposal|offer|"
         r"documents?|samples?|test))")
_PROMISE = re.compile(r"(?:^|[,;:\u2014\u2013-]\s*|\b(?:then|so|and|next time|tomorrow|today|tonight|afterwards|"
                      r"after (?:this|the) meeting)\s+)(?:we|i)(?:['\u2019]ll| will| shall| are going to| am going to|"
                      r"['\u2019]re going to|['\u2019]m going to) (?:\w+ly )?(?:also )?" + _STEP + r"\b", re.I)
_SENTENCES = re.compile(r"(?<=[.;!?])\s+|\n+")
_SWORN = re.compile(r"\b(?:that(?:['\u2019]s| is) (?:a|my|our) promise|you have (?:my|our) word)\b", re.I)
# a step that is the price of something from the buyer ("if you sign, we'll train…") or that the buyer must earn
_CONDITION = re.compile(r"\b(?:if|unless|provided|as long as|in case|once you|when you)\b", re.I)


def promises(clean: str) -> bool:
    """A sentence in the line says, outside a condition and a question, that the seller's side will do a step."""
    for sentence in _SENTENCES.split(clean):
        s = sentence.strip()
        if not s or s.endswith("?") or _CONDITION.search(s):
            continue
        if _PROMISE.search(s) or _SWORN.search(s):
            return True
    return False


# a line the head read as one of these is no promise to add ("I will call your CEO tomorrow" goes around the buyer;
# a promise added beside pressure would then clear the pressure: coach.understanding.pressure)
_NOT_A_STEP = frozenset({"pressure", "escalation", "walk_away", "injection", "limit_probe"})


def read_into(conf: dict[str, float], clean: str) -> None:
    """Add the seller's own commitment where the line promises a step the head did not read."""
    if "own_commitment" not in conf and not _NOT_A_STEP & set(conf) and promises(clean):
        conf["own_commitment"] = 0.7
