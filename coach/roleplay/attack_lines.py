"""Which of the persona's stay-in-role lines fit the attack just made.

A role-break reply answers the kind of request it was: "You want me to play your role?" after "let's switch roles",
"That sounds like computer talk" after a system prompt or an encoded line, and neither after a plain "What is your
reservation price?". Lines of no kind fit every attack.
"""
from __future__ import annotations

import re

from coach.understanding.rules import clean_text, hidden_intent

# the kinds of a stay-in-role line, by what it names
_LINE_KINDS: dict[str, re.Pattern[str]] = {
    "role_swap": re.compile(r"\b(?:play (?:the|your|my) (?:role|seller|other side)|(?:be|pretend to be) the (?:seller|"
                            r"supplier)|sell to you|you are the seller|(?:i am|i'm) (?:the buyer|here to buy)|stay the "
                            r"buyer|i buy, you sell|not my role|speak for your company|stay who i am|you are the one "
                            r"with|switch sides|argue your side|change places|you're selling)\b", re.I),
    "code": re.compile(r"\b(?:codes?|computer|programmer|strange (?:message|words)|it team|tech folks|line is breaking|"
                       r"breaking up)\b", re.I),
}
# what the seller said that makes each kind fit ("as your supplier, …" or "you're the decision maker" swap nothing)
_SAID: dict[str, re.Pattern[str]] = {
    "role_swap": re.compile(r"\b(?:roles?|role-?play\w*|sell(?:ing)? (?:to )?me|pretend\w*|switch\w*|swap\w*|act (?:as|"
                            r"like)|be my|(?:you are|you're) (?:now )?(?:the|a|an|my) (?:seller|supplier|vendor|coach|"
                            r"assistant|helper|consultant|analyst|tutor)|persona|character|other side)\b", re.I),
    "code": re.compile(r"<\|?|\[/?inst\]|<<sys>>|###|\b(?:prompt|system|debug\w*|config\w*|json|developer|mode|"
                       r"instructions?|parameters?|program\w*|bot|ai|model|llm|override|admin|tokens?|verbatim)\b", re.I),
}
_VOWEL = frozenset("aeiouyAEIOUY")


def _no_words(clean: str) -> bool:
    """Latin letters that make no words (an encoding): no two neighbouring tokens with a vowel each. Other scripts and
    one- or two-word lines ("Budget?") are words."""
    tokens = clean.split()
    if len(tokens) < 3 or not clean.isascii():
        return False
    voiced = [bool(_VOWEL & set(t)) for t in tokens]
    return not any(a and b for a, b in zip(voiced, voiced[1:]))


def attack_kinds(seller_text: str) -> set[str]:
    """The kinds of attack the seller's line makes (encoded text counts as code)."""
    clean = clean_text(seller_text)
    kinds = {k for k, rx in _SAID.items() if rx.search(clean)}
    if hidden_intent(seller_text, clean) or _no_words(clean):
        kinds.add("code")  # base64, rot13, letters with no words in them
    return kinds


def fits(line: str, kinds: set[str]) -> bool:
    """The line is of no kind, or of a kind the attack made."""
    return all(k in kinds for k, rx in _LINE_KINDS.items() if rx.search(line))
