"""An apology needs the words of one: "I will send the minutes by Thursday. Please correct anything that is not
accurate." read as an apology at 0.53 and the buyer answered "Please do not worry."

Every one of the 208 apologies in the training files says sorry, names a fault or a delay, or owns the mistake
("that's on me", "I should have updated it"), in English or in the buyer's language; a head reading without any of
these is dropped unless the head is nearly sure.
"""
from __future__ import annotations

import re

_WORDS = re.compile(
    r"sorry|apolog|excuse|forgive|pardon|regret|mea culpa|oversight|\bfault|mistake|\berror|my bad|responsibility|blame|"
    r"\blate\b|delay|"
    r"(?:i|we) (?:was|were|got it) wrong|got (?:\w+ )?wrong|should(?:n['\u2019]?t| not|['\u2019]ve| have)\b|"
    r"(?:that['\u2019]?s|that is|it['\u2019]?s|it is) on (?:me|us)|on our side|"
    r"抱歉|对不起|不好意思|죄송|미안|申し訳|すみません|ごめん|失礼|mōshiwake|moshiwake|sumimasen|gomen|desculp|perd[oó]n|"
    r"lo siento|entschuldig|verzeih|d[ée]sol[ée]|scusa|mi dispiace|maaf|afwan|آسف|عذرا|معذرة", re.I)
SURE = 0.9


def says_sorry(clean: str) -> bool:
    return bool(_WORDS.search(clean))


def read_into(conf: dict[str, float], clean: str) -> None:
    """Drop an unsure apology reading from a line with no word of apology in it."""
    if conf.get("apology", 1.0) < SURE and not says_sorry(clean):
        del conf["apology"]
