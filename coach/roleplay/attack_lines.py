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
                            r"with)\b", re.I),
    "code": re.compile(r"\b(?:codes?|computer|programmer|strange (?:message|words)|it team|line is breaking)\b", re.I),
}
# what the seller said that makes each kind fit
_SAID: dict[str, re.Pattern[str]] = {
    "role_swap": re.compile(r"\b(?:roles?|role-?play\w*|seller|supplier|sell(?:ing)? (?:to )?me|pretend\w*|switch\w*|"
                            r"swap\w*|act (?:as|like)|be my|you are (?:now )?(?:the|a|an|my)|you're (?:now )?(?:the|a|an|"
                            r"my)|persona|character)\b", re.I),
    "code": re.compile(r"<\|?|\[/?inst\]|<<sys>>|###|\b(?:prompt|system|debug\w*|config\w*|json|developer|mode|"
                       r"instructions?|parameters?|program\w*|bot|ai|model|llm|override|admin|tokens?|verbatim)\b", re.I),
}


def attack_kinds(seller_text: str) -> set[str]:
    """The kinds of attack the seller's line makes (encoded text counts as code)."""
    clean = clean_text(seller_text)
    kinds = {k for k, rx in _SAID.items() if rx.search(clean)}
    if hidden_intent(seller_text, clean) or (clean and not re.search(r"[aeiou]\w*\s+\w*[aeiou]", clean, re.I)):
        kinds.add("code")  # base64, rot13, letters with no words in them
    return kinds


def fits(line: str, kinds: set[str]) -> bool:
    """The line is of no kind, or of a kind the attack made."""
    return all(k in kinds for k, rx in _LINE_KINDS.items() if rx.search(line))
