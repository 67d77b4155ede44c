"""Which of the persona's answers fits the question: the topic reading, checked against the answers themselves.

The topic head reads a question on its own (about 0.7 macro-F1 on held-out lines); the persona's answer bank
knows what each answer says. A question is compared (MiniLM cosine) with the persona's answers on each topic,
and a topic's score is its probability plus SIMILARITY_WEIGHT x the best similarity of one of its answers,
so "is the final word yours, or the Chairman's?" goes to the decision-process answers even when the head
leans toward the contract it mentions. Within the topic, the answer said is the closest one, where a rare word the
question shares with it counts too (coach.roleplay.lexical: "retention" picks the retention answer among the payment
lines). An answer written for a specific question ("is delivery all at once or in batches?", `asked` in the pack)
is as close as the closest of its questions, and only when that is close enough (ASKED_MIN): question against question
is the surer reading, and a specific answer to a neighbouring question is a non sequitur. The answer embeddings are
computed once per persona and kept; the question's is the one the understanding
layer already made.
"""
from __future__ import annotations

import dataclasses
import re
import threading
import weakref
from pathlib import Path
from typing import Any

import numpy as np

from coach.packs.models import Persona
from coach.roleplay import line_vectors
from coach.roleplay.echo import POLAR_PENALTY, open_question, penalised, polar_opening
from coach.roleplay.lexical import Lexicon, terms
from coach.roleplay.question_words import wh_topics
from coach.understanding import Understanding
from coach.understanding.practical import questions

SIMILARITY_WEIGHT = 1.0  # chosen on the development split of the responsiveness eval
# the share of the question's rare words an answer contains, added to its closeness when the line is chosen within a
# topic (not when the topic is: "we always start with price" then made the price a topic); chosen on the development
# splits by a blind reader's paired verdicts (coach.roleplay.lexical)
LEXICAL_WEIGHT = 0.3
# an answer written for a specific question is as close as the closest of its questions, less ASKED_OFFSET (two
# questions on the same subject are closer than a question and its answer), and not said below ASKED_MIN. Chosen on
# the development splits by a blind reader's verdicts on the changed replies (0.55 / 0.6 / 0.65: 27 / 24 / 25 of 47,
# before: 16; a 0.0 offset, and the questions' words counted as the answer's for the shared rare words, tried first:
# more replies changed, worse by the cue grader and on reading)
ASKED_OFFSET = 0.05
ASKED_MIN = 0.55
# ... and below ASKED_SURE, only when the question said shares a word (stem, no stop word) with the question it was
# written for: "is the 1,800 seats figure firm?" is close in meaning to "how long is the contract?" but shares no word,
# so "Twelve months." is not said to it. Chosen on the development splits by a blind reader (items whose reply changed:
# dev2 5 -> 8 of 11, dev3 5 -> 6 of 11, dev4 5 -> 6 of 8; no word needed, or a word always needed: 7, 6, 6 of each)
ASKED_SURE = 0.72
# the closeness of a specific answer whose questions are all far from the one asked; shared rare words (at most
# LEXICAL_WEIGHT) cannot lift it above FAR, below which coach.roleplay.compose never says it
NOT_ASKED = -1.0
FAR = -0.5
MIN_PROBABILITY = 0.05  # a topic the head all but rules out is not rescued by similarity alone
FITS_THE_QUESTION = frozenset({"deflect"})  # moves whose line is chosen by its closeness to the question
# moves whose line is chosen by its closeness to what the seller said when it was no question: the buyer's exploring
# question after a trade or a concession stays on that thread ("a technician through November" -> "how fast is a
# technician on site?") instead of opening another subject
FOLLOWS_THE_LINE = frozenset({"ask"})
# a question about the competition, and a line that speaks of it (a stricter reading: "let's like each other" is not)
_ASKS_OTHERS = re.compile(r"\b(?:others?|another|competitors?|competition|competing|incumbent|suppliers?|vendors?|"
                          r"brands?|who else|anyone else)\b", re.I)
_SAYS_OTHERS = re.compile(r"\b(?:other (?:suppliers?|vendors?|brands?|companies|companies'|offers?|dealers?)|"
                          r"the others|others'|current supplier|competitors?)\b", re.I)
# an exploring question that asks for a figure ("how fast is a technician on site?", "what's the close date?"), and
# a line that gives one ("three-hour response", "week 16 as the close date"): the closest such question to a line that
# gave its figure asks again what the seller just said (ASKED_AGAIN: at least that close)
_ASKS_FIGURE = re.compile(r"\b(?:how (?:fast|many|much|long|soon|quickly)|when\b|what(?:['\u2019]s| is| are)(?: the| your)? "
                          r"(?:[\w-]+ ){0,2}(?:date|time|number|rate|percentage|figure|price|volume|lead time))", re.I)
_GIVES_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                           r"thirty|forty|fifty|sixty|ninety|hundred|thousand|million|half)\b", re.I)
ASKED_AGAIN = 0.3


def asks_for_given_figure(line: str, text: str) -> bool:
    """The line asks for a figure and the seller's line gave one (how close the two are is for the caller to weigh)."""
    return bool(_GIVES_FIGURE.search(text) and _ASKS_FIGURE.search(line))


WH_WEIGHT = 0.3  # the question word says what is asked ("who ... decides" is about people, whatever it mentions)
_TITLES = frozenset({"team", "leader", "manager", "general", "director", "section", "eng", "dr", "mr", "mrs", "ms", "herr",
                     "frau", "seu", "dona", "chairman", "procurement", "purchasing", "head", "deputy", "vice", "president",
                     "cfo", "ceo", "vp", "sir", "san"})


def _names(persona: Persona) -> set[str]:
    """The word stems of the buyer's own name and his superior's: capitalised or in another script, titles left out."""
    words = re.findall(r"[^\W\d_][\w'-]*", f"{persona.name} {persona.decision.superior}")
    return terms(" ".join(w for w in words if (w[0].isupper() or not w.isascii()) and w.lower() not in _TITLES))


# vectors of persona lines per embedder, kept as long as the embedder lives (the app and the tests share one)
_MEMO: "weakref.WeakKeyDictionary[Any, dict[str, np.ndarray]]" = weakref.WeakKeyDictionary()


class AnswerMatcher:
    """Ranks a persona's answer topics for a question. Thread-safe; without an embedder, the head's order."""

    def __init__(self, embedder: Any | None, cache_dir: Path | None = None):
        """cache_dir: where the lines' vectors are kept between processes (coach.roleplay.line_vectors)."""
        self.embedder = embedder
        self._path = line_vectors.cache_path(cache_dir, embedder) if cache_dir and embedder is not None else None
        self._on_disk: set[str] | None = None  # the texts the file held when read (None: not read yet)
        self._new = False  # a text was embedded that the file does not hold
        self._lock = threading.Lock()
        self._banks: dict[str, dict[str, np.ndarray]] = {}
        self._lines: dict[str, np.ndarray] = {}
        self._lexicons: dict[str, Lexicon] = {}
        self._asked_terms: dict[str, dict[str, list[set[str]]]] = {}
        self._own: dict[str, np.ndarray] = {}

    @staticmethod
    def _key(persona: Persona, lines: object) -> str:
        """The persona and the lines embedded: an edited pack (reloaded) is embedded again, never read stale."""
        return f"{persona.id}:{hash(repr(lines))}"

    def _bank(self, persona: Persona, keep: bool = True) -> dict[str, tuple[np.ndarray, np.ndarray, list[int]]]:
        """Per topic: the embedded answers (open, then asked), the embedded questions of the asked answers, and the
        answer each question belongs to (`keep`: save newly embedded lines to disk now; a warm-up saves once, at the end)."""
        key = self._key(persona, {t: (e.said(), [a.asks for a in e.asked]) for t, e in persona.answers.items()})
        with self._lock:
            if key not in self._banks:
                bank = persona.replies()
                texts = self._texts(persona)  # all of the persona's lines in one batch, then kept on disk
                if texts:
                    self._embed(texts)
                    if keep:
                        self._keep()
                out: dict[str, tuple[np.ndarray, np.ndarray, list[int]]] = {}
                if bank is not None:
                    topics = [t for t, e in bank.answers.items() if e.said()]
                    lines = [(t, line) for t in topics for line in bank.answers[t].said()]
                    asks = [(t, len(bank.answers[t].open) + i, q) for t in topics
                            for i, a in enumerate(bank.answers[t].asked) for q in a.asks]
                    vecs = self._embed([x for _, x in lines] + [q for _, _, q in asks])
                    qvecs = vecs[len(lines):]
                    for t in topics:
                        mine = [k for k, a in enumerate(asks) if a[0] == t]
                        out[t] = (vecs[[i for i, (tt, _) in enumerate(lines) if tt == t]],
                                  qvecs[mine] if mine else np.zeros((0, vecs.shape[1]), dtype=np.float32),
                                  [asks[k][1] for k in mine])
                self._banks[key] = out
            return self._banks[key]

    def _embed(self, texts: list[str]) -> np.ndarray:
        """The texts' vectors; a text another matcher on the same embedder embedded is not embedded again (the
        banks hold ~600 lines and questions per persona: ~4 s each on two cores)."""
        memo = self._memo()
        if self._path is not None and self._on_disk is None:
            saved = line_vectors.load(self._path)
            self._on_disk = set(saved)
            for text, vector in saved.items():
                memo.setdefault(text, vector)
        todo = list(dict.fromkeys(t for t in texts if t not in memo))
        if todo:
            memo.update(zip(todo, np.asarray(self.embedder.embed_array(todo), dtype=np.float32)))
        self._new = self._new or any(t not in (self._on_disk or ()) for t in texts)
        return np.stack([memo[t] for t in texts]).astype(np.float32)

    def _memo(self) -> dict[str, np.ndarray]:
        """The vectors of this embedder's lines (shared by the matchers on it)."""
        try:
            return _MEMO.setdefault(self.embedder, {})
        except TypeError:  # an embedder that cannot be weakly referenced keeps its vectors in this matcher
            return self._own

    def _keep(self, only: set[str] | None = None) -> None:
        """Save the vectors to disk when a line was embedded that the file lacks; `only`: the file holds just these
        lines (a warm-up: old edits' lines are dropped)."""
        if self._path is None or not (self._new or (only is not None and only != self._on_disk)):
            return
        memo = self._memo()
        keep = {t: memo[t] for t in (only if only is not None else memo) if t in memo}
        line_vectors.save(self._path, keep)
        self._on_disk, self._new = set(keep), False

    @staticmethod
    def _texts(persona: Persona) -> list[str]:
        """Every line of the persona the matcher compares a seller's line with."""
        out = [line for e in persona.answers.values() for line in (*e.said(), *e.guarded)]
        out += [q for e in persona.answers.values() for a in e.asked for q in a.asks]
        out += list(persona.personal)
        out += [line for move in sorted(FITS_THE_QUESTION | FOLLOWS_THE_LINE) for line in persona.phrases.get(move) or []]
        return out

    def _embedded(self, persona: Persona, tag: str, lines: list[str]) -> np.ndarray:
        """One list of the persona's lines (its personal talk, a move's lines, a topic's guarded answers), embedded."""
        key = f"{tag}:{self._key(persona, lines)}"
        with self._lock:
            if key not in self._lines:
                self._lines[key] = self._embed(lines) if lines else np.zeros((0, 1), dtype=np.float32)
            return self._lines[key]

    def _lexicon(self, persona: Persona) -> Lexicon:
        """Word rarity over the persona's answers (open, asked and guarded)."""
        lines = [line for e in persona.answers.values() for line in (*e.said(), *e.guarded)]
        key = self._key(persona, lines)
        with self._lock:
            if key not in self._lexicons:
                self._lexicons[key] = Lexicon(lines)
            return self._lexicons[key]

    def _question_terms(self, persona: Persona) -> dict[str, list[set[str]]]:
        """Per topic, the words of each question an asked answer was written for (in the bank's order), made once."""
        asks = {t: [q for a in e.asked for q in a.asks] for t, e in persona.answers.items()}
        key = self._key(persona, asks)
        with self._lock:
            if key not in self._asked_terms:
                self._asked_terms[key] = {t: [terms(q) for q in qs] for t, qs in asks.items()}
            return self._asked_terms[key]

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
                self._bank(persona, keep=False)
                self._personal_bank(persona)
                for t, entry in persona.answers.items():
                    self._embedded(persona, f"guarded:{t}", list(entry.guarded))
                for move in FITS_THE_QUESTION | FOLLOWS_THE_LINE:
                    self._embedded(persona, f"move:{move}", list(persona.phrases.get(move) or []))
            with self._lock:
                self._keep(only={t for persona in personas for t in self._texts(persona)})

    def personal(self, und: Understanding, text: str, persona: Persona) -> list[float] | None:
        """Each of the persona's own small-talk lines' similarity to what the seller said (None when there is
        nothing to compare: no embedder, no such lines, or neither personal talk nor a question the topic head cannot
        place in the seller's line)."""
        if self.embedder is None or not persona.personal or not (set(und.acts) & {"small_talk", "relationship"}
                                                                  or unplaced_question(und)):
            return None
        q = self._vector(und, text)
        return [float(v) for v in self._personal_bank(persona) @ q]

    def move_lines(self, und: Understanding, text: str, persona: Persona, move: str,
                   lines: list[str]) -> list[float] | None:
        """Each of a move's lines' similarity to the seller's question, for the moves whose line must fit what
        was asked (a deflection of a question about the budget speaks of the budget); None otherwise."""
        asked = "question" in und.acts
        if self.embedder is None or not lines or not (
                (move in FITS_THE_QUESTION and asked) or (move in FOLLOWS_THE_LINE and not asked)):
            return None
        sims = self._embedded(persona, f"move:{move}", lines) @ self._vector(und, text)
        # "what is your maximum?" shares 'price' with "the others' prices I cannot share": not what was asked
        others = 0.0 if _ASKS_OTHERS.search(text) else 1.0
        near = [float(v) - (others if _SAYS_OTHERS.search(line) else 0.0) for v, line in zip(sims, lines)]
        if move in FOLLOWS_THE_LINE:  # "three-hour response" -> not "how fast is a technician on site?"
            near = [v - 1.0 if v >= ASKED_AGAIN and asks_for_given_figure(line, text) else v for v, line in zip(near, lines)]
        return penalised(lines, near, text)  # "Budget? …" answers a question about the budget

    def rank(self, und: Understanding, text: str, persona: Persona,
             limit: int = 2) -> tuple[list[str], dict[str, list[float]]] | None:
        """The topics to answer, best first, and per topic each open answer's closeness to the question: MiniLM
        similarity plus LEXICAL_WEIGHT x the share of the question's rare words it contains (the closest answer is
        said first; the topics are ranked on similarity alone). None when there is nothing to compare (no embedder
        or topic head)."""
        if self.embedder is None or not und.topic_scores or "question" not in und.acts:
            return None
        only_other = not [t for t in und.topics if t != "other"]
        bank = self._bank(persona)
        if not bank:
            return None
        q = self._vector(und, text)
        asked_lines = questions(text)
        if only_other and "greeting" not in und.acts:  # a question the head places nowhere may be one the bank was
            # written for; the question alone is compared ("Sorry I'm late, the A6 was blocked." is not it)
            asked_q = np.asarray(self.embedder.embed_array([" ".join(asked_lines)]), dtype=np.float32)[0] \
                if asked_lines and asked_lines != [text.strip()] else q
            own = self._personal_bank(persona)  # ... and not the buyer's own small talk ("more lively at Spring Festival?")
            rescued = _written_for(bank, asked_q, float(np.max(own @ asked_q)) if len(own) else -1.0)
            if rescued is not None:
                und = dataclasses.replace(und, topics=[rescued], topic_scores={rescued: 1.0})
                only_other = False
        if only_other and set(und.acts) & {"small_talk", "relationship", "compliment", "greeting"}:
            return None  # nothing named was asked ("do you sail?"): the personal talk stays personal
        lexicon, asked = self._lexicon(persona), " ".join(asked_lines)
        dense: dict[str, list[float]] = {}

        # the buyer's own name and his superior's are no word in common ("…easier to present to Team Leader Choi?" is
        # not "How should I address Mr Choi?")
        said_terms = terms(asked or text) - _names(persona)
        asked_terms = self._question_terms(persona)
        polar = POLAR_PENALTY if open_question(text) else 0.0  # "No, …" is no answer to "when …?"

        def near(tag: str, vecs: np.ndarray, lines: list[str], qvecs: np.ndarray | None = None,
                 owner: list[int] | None = None) -> list[float]:
            """Dense closeness (to the answer, or to a question it was written for) plus shared rare words."""
            dense[tag] = [float(v) for v in vecs @ q]
            best: dict[int, float] = {}
            written = asked_terms.get(tag, [])
            for k, (i, v) in enumerate(zip(owner or [], qvecs @ q if qvecs is not None and len(qvecs) else [])):
                v = float(v)
                if v < ASKED_SURE and k < len(written) and not said_terms & written[k]:
                    v = min(v, ASKED_MIN - 0.01)  # close in meaning, no word in common: a neighbouring question
                best[i] = max(best.get(i, -1.0), v)
            for i, v in best.items():  # a specific answer is said only to a question close to one it was written for
                dense[tag][i] = v - ASKED_OFFSET if v >= ASKED_MIN else NOT_ASKED
            lex = lexicon.overlap(asked, lines) if LEXICAL_WEIGHT else [0.0] * len(lines)
            return [v + LEXICAL_WEIGHT * w - (polar if polar_opening(line) else 0.0)
                    for v, w, line in zip(dense[tag], lex, lines)]

        sims = {t: near(t, bank[t][0], persona.answers[t].said(), bank[t][1], bank[t][2]) for t in bank}
        for t, entry in persona.answers.items():  # a guarded answer, too, declines what was asked
            if entry.guarded:
                tag = f"guarded:{t}"
                sims[tag] = near(tag, self._embedded(persona, tag, list(entry.guarded)), list(entry.guarded))
        if only_other:  # "is KakaoTalk fine for quick questions?": the answers written for such questions, or none
            return (["other"], sims) if "other" in bank and "other" in und.topics else None
        wh = wh_topics(text)
        scores = {t: p + SIMILARITY_WEIGHT * max(dense[t]) + (WH_WEIGHT if t in wh else 0.0)
                  for t, p in und.topic_scores.items() if t in bank and t != "other" and p >= MIN_PROBABILITY}
        best = sorted(scores, key=lambda t: -scores[t])[:limit]
        # a second topic only when the head read it too
        return best[:1] + [t for t in best[1:] if t in und.topics], sims


# a question the topic head places on no business topic is still answered when it is, nearly word for word, one the
# persona's answers were written for ("Is your colleague from Engineering still joining?" read "other" beside an
# apology; "Who is the colleague from Engineering joining us today?" is 0.79 from it): at least this close
WRITTEN_FOR = ASKED_SURE
OWN_MARGIN = 0.1  # and clearly closer than the buyer's own small talk on it (a first value, checked on the dev splits)


def _written_for(bank: dict[str, tuple[np.ndarray, np.ndarray, list[int]]], q: np.ndarray, personal: float) -> str | None:
    """The topic of the bank's question closest to `q`, when one is at least WRITTEN_FOR close and closer than the
    buyer's closest small-talk line (`personal`)."""
    best = max(((float(np.max(qv @ q)), t) for t, (_, qv, _) in bank.items() if t != "other" and len(qv)), default=None)
    return best[1] if best is not None and best[0] >= max(WRITTEN_FOR, personal + OWN_MARGIN) else None


# a question the topic head cannot place ("is this the year Ponte Preta goes up?" read "timeline" at 0.28) is answered
# by the buyer's own small-talk line when one clearly stands out (0.54 for the Ponte Preta line, the next 0.32)
UNSURE_TOPIC = 0.4
STANDOUT, STANDOUT_GAP = 0.5, 0.15


def unplaced_question(und: Understanding) -> bool:
    """A question the topic head places on no business topic with any confidence."""
    return "question" in und.acts and max((c for t, c in und.topic_confidence.items() if t != "other"), default=0.0) < UNSURE_TOPIC


def standout_personal(und: Understanding, closeness: list[float] | None) -> bool:
    """One of the buyer's own small-talk lines is clearly what the seller talked about, and no business question
    was read with any confidence."""
    if not closeness or len(closeness) < 2 or not ("question" not in und.acts or unplaced_question(und)):
        return False
    top, second = sorted(closeness, reverse=True)[:2]
    return top >= STANDOUT and top - second >= STANDOUT_GAP
