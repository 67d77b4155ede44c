"""Which of the persona's answers fits the question: the topic reading, checked against the answers themselves.

The topic head reads a question on its own (about 0.7 macro-F1 on held-out lines); the persona's answer bank
knows what each answer says. A question is compared (MiniLM cosine) with the persona's answers on each topic,
and a topic's score is its probability plus SIMILARITY_WEIGHT x the best similarity of one of its answers,
so "is the final word yours, or the Chairman's?" goes to the decision-process answers even when the head
leans toward the contract it mentions. Within the topic, the answer said is the closest one, where a rare word the
question shares with it counts too (coach.roleplay.lexical: "retention" picks the retention answer among the payment
lines). The answer embeddings are computed once per persona and kept; the question's is the one the understanding
layer already made.
"""
from __future__ import annotations

import re
import threading
from typing import Any

import numpy as np

from coach.packs.models import Persona
from coach.roleplay.echo import POLAR_PENALTY, open_question, penalised, polar_opening
from coach.roleplay.lexical import Lexicon
from coach.understanding import Understanding
from coach.understanding.practical import questions

SIMILARITY_WEIGHT = 1.0  # chosen on the development split of the responsiveness eval
# the share of the question's rare words an answer contains, added to its closeness when the line is chosen within a
# topic (not when the topic is: "we always start with price" then made the price a topic); chosen on the development
# splits by a blind reader's paired verdicts (coach.roleplay.lexical)
LEXICAL_WEIGHT = 0.3
MIN_PROBABILITY = 0.05  # a topic the head all but rules out is not rescued by similarity alone
FITS_THE_QUESTION = frozenset({"deflect"})  # moves whose line is chosen by its closeness to the question
# a question about the competition, and a line that speaks of it (a stricter reading: "let's like each other" is not)
_ASKS_OTHERS = re.compile(r"\b(?:others?|another|competitors?|competition|competing|incumbent|suppliers?|vendors?|"
                          r"brands?|who else|anyone else)\b", re.I)
_SAYS_OTHERS = re.compile(r"\b(?:other (?:suppliers?|vendors?|brands?|companies|companies'|offers?|dealers?)|"
                          r"the others|others'|current supplier|competitors?)\b", re.I)
WH_WEIGHT = 0.3  # the question word says what is asked ("who ... decides" is about people, whatever it mentions)
# the question word and the topics it asks about, read in the sentences that end with a question mark; only a word
# that opens the question or a clause of it asks ("how fast ... when the shuttles stop?" does not ask when)
_AT_CLAUSE = r"(?:^|[,;:\u2014\u2013(]\s*|\s-\s|\b(?:and|or|so|but|then|also|just)\s+)\s*"
_WH: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(_AT_CLAUSE + r"who(m|se)?\b", re.I), ("decision_process", "people")),
    (re.compile(_AT_CLAUSE + r"(when|how soon|by when|how long until)\b", re.I), ("timeline",)),
    (re.compile(_AT_CLAUSE + r"(how many|how much volume)\b", re.I), ("volumes",)),
)


def wh_topics(text: str) -> set[str]:
    """The topics a question's own question word asks about."""
    asked = questions(text)
    return {t for rx, topics in _WH for q in asked if rx.search(q) for t in topics}


class AnswerMatcher:
    """Ranks a persona's answer topics for a question. Thread-safe; without an embedder, the head's order."""

    def __init__(self, embedder: Any | None):
        self.embedder = embedder
        self._lock = threading.Lock()
        self._banks: dict[str, dict[str, np.ndarray]] = {}
        self._lines: dict[str, np.ndarray] = {}
        self._lexicons: dict[str, Lexicon] = {}

    @staticmethod
    def _key(persona: Persona, lines: object) -> str:
        """The persona and the lines embedded: an edited pack (reloaded) is embedded again, never read stale."""
        return f"{persona.id}:{hash(repr(lines))}"

    def _bank(self, persona: Persona) -> dict[str, np.ndarray]:
        key = self._key(persona, {t: list(e.open) for t, e in persona.answers.items()})
        with self._lock:
            if key not in self._banks:
                bank = persona.replies()
                out: dict[str, np.ndarray] = {}
                if bank is not None:
                    topics = [t for t, e in bank.answers.items() if list(e.open)]
                    lines = [(t, line) for t in topics for line in bank.answers[t].open]
                    vecs = np.asarray(self.embedder.embed_array([line for _, line in lines]), dtype=np.float32)
                    for t in topics:
                        out[t] = vecs[[i for i, (tt, _) in enumerate(lines) if tt == t]]
                self._banks[key] = out
            return self._banks[key]

    def _embedded(self, persona: Persona, tag: str, lines: list[str]) -> np.ndarray:
        """One list of the persona's lines (its personal talk, a move's lines, a topic's guarded answers), embedded."""
        key = f"{tag}:{self._key(persona, lines)}"
        with self._lock:
            if key not in self._lines:
                self._lines[key] = (np.asarray(self.embedder.embed_array(lines), dtype=np.float32)
                                    if lines else np.zeros((0, 1), dtype=np.float32))
            return self._lines[key]

    def _lexicon(self, persona: Persona) -> Lexicon:
        """Word rarity over the persona's answers (open and guarded)."""
        lines = [line for e in persona.answers.values() for line in (*e.open, *e.guarded)]
        key = self._key(persona, lines)
        with self._lock:
            if key not in self._lexicons:
                self._lexicons[key] = Lexicon(lines)
            return self._lexicons[key]

    def _personal_bank(self, persona: Persona) -> np.ndarray:
        return self._embedded(persona, "personal", list(persona.personal))

    def _vector(self, und: Understanding, text: str) -> np.ndarray:
        """The seller's line as the understanding layer embedded it (embedded here only when it did not)."""
        if und.vector is not None:
            return und.vector
        return np.asarray(self.embedder.embed_array([text]), dtype=np.float32)[0]

    def warm(self, personas: list[Persona]) -> None:
        """Embed every persona's answers now, so no trainee's first question waits for it."""
        if self.embedder is not None:
            for persona in personas:
                self._bank(persona)
                self._personal_bank(persona)
                for t, entry in persona.answers.items():
                    self._embedded(persona, f"guarded:{t}", list(entry.guarded))
                for move in FITS_THE_QUESTION:
                    self._embedded(persona, f"move:{move}", list(persona.phrases.get(move) or []))

    def personal(self, und: Understanding, text: str, persona: Persona) -> list[float] | None:
        """Each of the persona's own small-talk lines' similarity to what the seller said (None when there is
        nothing to compare: no embedder, no such lines, or no personal talk in the seller's line)."""
        if self.embedder is None or not persona.personal or not set(und.acts) & {"small_talk", "relationship"}:
            return None
        q = self._vector(und, text)
        return [float(v) for v in self._personal_bank(persona) @ q]

    def move_lines(self, und: Understanding, text: str, persona: Persona, move: str,
                   lines: list[str]) -> list[float] | None:
        """Each of a move's lines' similarity to the seller's question, for the moves whose line must fit what
        was asked (a deflection of a question about the budget speaks of the budget); None otherwise."""
        if self.embedder is None or move not in FITS_THE_QUESTION or "question" not in und.acts or not lines:
            return None
        sims = self._embedded(persona, f"move:{move}", lines) @ self._vector(und, text)
        # "what is your maximum?" shares 'price' with "the others' prices I cannot share": not what was asked
        others = 0.0 if _ASKS_OTHERS.search(text) else 1.0
        near = [float(v) - (others if _SAYS_OTHERS.search(line) else 0.0) for v, line in zip(sims, lines)]
        return penalised(lines, near, text)  # "Budget? …" answers a question about the budget

    def rank(self, und: Understanding, text: str, persona: Persona,
             limit: int = 2) -> tuple[list[str], dict[str, list[float]]] | None:
        """The topics to answer, best first, and per topic each open answer's closeness to the question: MiniLM
        similarity plus LEXICAL_WEIGHT x the share of the question's rare words it contains (the closest answer is
        said first; the topics are ranked on similarity alone). None when there is nothing to compare (no embedder
        or topic head)."""
        if self.embedder is None or not und.topic_scores or "question" not in und.acts:
            return None
        if not [t for t in und.topics if t != "other"]:
            return None  # nothing named was asked ("do you sail?"): the personal talk stays personal
        bank = self._bank(persona)
        if not bank:
            return None
        q = self._vector(und, text)
        lexicon, asked = self._lexicon(persona), " ".join(questions(text))
        dense: dict[str, list[float]] = {}

        polar = POLAR_PENALTY if open_question(text) else 0.0  # "No, …" is no answer to "when …?"

        def near(tag: str, vecs: np.ndarray, lines: list[str]) -> list[float]:  # dense closeness plus shared rare words
            dense[tag] = [float(v) for v in vecs @ q]
            lex = lexicon.overlap(asked, lines) if LEXICAL_WEIGHT else [0.0] * len(lines)
            return [v + LEXICAL_WEIGHT * w - (polar if polar_opening(line) else 0.0)
                    for v, w, line in zip(dense[tag], lex, lines)]

        sims = {t: near(t, bank[t], list(persona.answers[t].open)) for t in bank}
        for t, entry in persona.answers.items():  # a guarded answer, too, declines what was asked
            if entry.guarded:
                tag = f"guarded:{t}"
                sims[tag] = near(tag, self._embedded(persona, tag, list(entry.guarded)), list(entry.guarded))
        wh = wh_topics(text)
        scores = {t: p + SIMILARITY_WEIGHT * max(dense[t]) + (WH_WEIGHT if t in wh else 0.0)
                  for t, p in und.topic_scores.items() if t in bank and t != "other" and p >= MIN_PROBABILITY}
        best = sorted(scores, key=lambda t: -scores[t])[:limit]
        # a second topic only when the head read it too
        return best[:1] + [t for t in best[1:] if t in und.topics], sims
