"""The words a question shares with an answer, weighted by how rare they are in the persona's own answers.

MiniLM cosine finds an answer on the right subject but not always the one that answers *this* question: asked
about the retention, the Chinese buyer's closest payment line spoke of a letter of credit; asked how long customs
take at Viracopos, the Brazilian distributor's spoke of training. A word the question and one answer share, and few
other answers use ("retention", "customs", "backlash"), is strong evidence that the answer is about what was asked.
This is the sparse half of the usual hybrid retrieval: inverse document frequency over the persona's answer lines,
and the share of the question's informative words (those the bank knows) that a line contains.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

# words that say nothing about what is asked (question words, pronouns, auxiliaries, conversational filler)
_STOP = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing done down during each few for from further had has have having he her here hers
him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours
out over own same she should so some such than that the their theirs them then there these they this those through
to too under until up very was we were what when where which while who whom whose why will with would you your yours
yourself yourselves us let lets get got go going make made say said tell think know want need like really maybe
well yes okay ok sure right please thank thanks one two also usually actually roughly much many still would shall
may might must way thing things something anything kind sort lot bit good great fine mr mrs ms dr sir madam
""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)  # letters only: bank lines carry no figures, and hyphens split words
_SLOT = re.compile(r"\{[a-z]+\}")  # a template's slot ({product}, {company}) is no word of the answer
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed", "ly", "s")
_KEEP = frozenset({"customs", "news", "always", "sales", "terms", "goods", "means", "series", "species"})


def stem(word: str) -> str:
    """A crude English stem, the same for the forms of one word: lower case, a possessive and one common suffix off,
    a final e dropped, at most eight letters ('prices' = 'pricing' = 'price'; 'customs' stays apart from 'customer')."""
    w = word.lower().strip("'")
    w = w[:-2] if w.endswith("'s") else w
    if w in _KEEP:
        return w[:8]
    for suffix in _SUFFIXES:
        if len(w) - len(suffix) < 3 or not w.endswith(suffix):
            continue
        if suffix == "s" and w[-2] in "sui":  # process, status, analysis
            break
        if suffix == "ly" and len(w) < 7:  # supply, family
            break
        w = w[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
        break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w[:8]


def terms(text: str) -> set[str]:
    """The informative word stems of a text (no slots, no stop words, no one- or two-letter words)."""
    return {stem(w) for w in _WORD.findall(_SLOT.sub(" ", text)) if len(w) > 2 and w.lower() not in _STOP}


class Lexicon:
    """Inverse document frequency of word stems over one persona's answer lines."""

    def __init__(self, lines: Iterable[str]):
        docs = [terms(line) for line in lines]
        self.size = max(1, len(docs))
        self._terms = {line: d for line, d in zip(lines, docs)}
        df = Counter(t for d in docs for t in d)
        self.idf = {t: math.log((1 + self.size) / (1 + n)) + 1.0 for t, n in df.items()}

    def overlap(self, question: str, lines: list[str]) -> list[float]:
        """For each line, the share (0..1) of the question's informative weight (its words' rarity) that the line
        contains; words the persona's answers never use count for nothing (they cannot tell one answer from another)."""
        asked = {t: self.idf[t] for t in terms(question) if t in self.idf}
        total = sum(asked.values())
        if total <= 0:
            return [0.0] * len(lines)
        said = [self._terms.get(line) or terms(line) for line in lines]
        return [sum(w for t, w in asked.items() if t in words) / total for words in said]
