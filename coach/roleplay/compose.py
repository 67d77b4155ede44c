"""Step 4a: compose the reply — acknowledge what was said, answer what was asked, then make the move.

The move (policy) decides *whether* the persona answers and how far; the persona's answer bank decides
*what* it says. A reply is a short plan of parts, each a bank line:

- ack:<kind>      one sentence registering the seller's act (a price, a promise, an apology, an invitation…)
- answer:<topic>  a real answer from the persona's answer bank
- guarded:<topic> on the topic, but deferring or declining, in the persona's manner
- steer           a task-first buyer bringing personal talk back to business
- move:<name>     the move's own line (a counter, a refusal, a deferral…)

Every part is chosen deterministically per session (no recent repeats). Personas without answer banks
(older packs) get the move line only, as before.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from coach.packs.models import Persona
from coach.roleplay.answer_mode import answer_mode
from coach.roleplay.answers import FAR, asks_for_given_figure, standout_personal
from coach.roleplay.echo import ECHO_PENALTY, penalised, unsaid_echo
from coach.roleplay.acks import (ACK_FIRST, ACK_ORDER, ALREADY_REACTS, PERSONAL, PRICE_MOVES, ack_kind, talk_ack,  # noqa: F401
                                 fitting_kind, refuses, second_ack)
from coach.roleplay.fit import (contradicts, echo_fits, greets_wrongly, named_topics, names_another, not_for, off_topic,  # noqa: F401
                               repeats, same_opening, shares_subject, spoken, without_question_back)
from coach.roleplay.policy import Move
from coach.roleplay.realise import fill, unnamed, words_of
from coach.roleplay.state import NegotiationState
from coach.understanding import Understanding
from coach.understanding.concessions import marks_a_step, opens_agreeing
from coach.understanding.personal_questions import asks_about_the_person
from coach.understanding.practical import only_practical, practical_request, questions
from coach.understanding.reader import ASKED_MARK
from coach.understanding.rules import clean_text

# moves whose own line is an exploring question or statement: an answer replaces it
ANSWER_REPLACES = {"ask", "inform", "request_detail", "push_agenda"}
# moves that never carry an answer (limits, role breaks, leaving)
NO_ANSWER = {"deflect", "stay_in_role", "walk_away", "farewell"}
# moves of personal talk, and the acknowledgements of business after which their line is an add-on
RELATIONSHIP_MOVES = {"small_talk", "hospitality"}
BUSINESS_ACKS = {"offer", "concession", "trade", "commitment", "agreement", "pressure"}
# acknowledgements that close a point: an exploring question after them reads as a jump to another subject
CLOSES_A_POINT = {"commitment", "agreement"}
# how close (MiniLM cosine) one of the buyer's own small-talk lines must be to the seller's words to take them up
PERSONAL_MIN = 0.35  # chosen on the development splits by a reader's verdicts (0.45 lost replies judged right)
# acts whose reaction comes before a brief yes to a practical question ("shall I send it by Friday, as PDF?"); after
# a promise or an agreement the brief yes follows the acknowledgement ("I'll send it tonight. Korean or English?")
BESIDE_PRACTICAL = {"own_commitment", "agreement"}
OUTRANK_PRACTICAL = {"walk_away", "escalation", "apology", "compliment", "invitation", "trade_proposal", "concession",
                     "offer", "own_commitment", "agreement", "pressure", "limit_probe", "injection"}
# acts a buyer who steers back to business still reacts to first
REACT_FIRST = ("apology", "compliment", "invitation")
# a business question said beside an attack: its reading, its words, its topics ranked against the persona's answers
Beside = tuple[Understanding, str, "tuple[list[str], dict[str, list[float]]] | None"]


@dataclass
class Part:
    kind: str  # ack | answer | guarded | steer | move
    key: str
    index: int
    text: str

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.key}" if self.key else self.kind


@dataclass
class Plan:
    parts: list[Part] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(spoken(self.parts))

    @property
    def labels(self) -> list[str]:
        return [p.label for p in self.parts]


def _pick(lines: list[str], key: str, st: NegotiationState, session_id: str, values: dict[str, str],
          words: set[str], closeness: list[float] | None = None, prefer: frozenset[str] = frozenset(),
          exclude: frozenset[int] = frozenset(), echo: str | None = None) -> tuple[int, str] | None:
    """A fresh line: the closest to the question when `closeness` is given (one value per line), else one that
    names what this turn put on the table (a slot in `prefer`), then the one sharing most words with the seller's
    line; ties broken per session and turn. Lines at the `exclude` positions are not used; with `echo` (the seller's
    text), a line that echoes a subject the seller did not name counts as less close (coach.roleplay.echo)."""
    lines = [unnamed(t, values) for t in lines]
    usable = [(i, t) for i, t in enumerate(lines)
              if i not in exclude and set(re.findall(r"\{([a-z]+)\}", t)) <= set(values)]
    if not usable:
        return None
    fresh = [(i, t) for i, t in usable if f"{key}:{i}" not in st.recent_lines]
    if not fresh:  # all used recently: the one used longest ago
        last = {k: n for n, k in enumerate(st.recent_lines)}  # the latest use of each line
        oldest = min(usable, key=lambda it: last[f"{key}:{it[0]}"])
        fresh = [oldest]

    def score(item: tuple[int, str]) -> tuple[float, str]:
        i, t = item
        tie = hashlib.sha256(f"{session_id}:{st.turn}:{key}:{i}".encode()).hexdigest()
        unsaid = echo is not None and unsaid_echo(t, echo)  # "Budget? …" when nobody said budget
        if closeness is not None and len(closeness) == len(lines):
            return (-(closeness[i] - (ECHO_PENALTY if unsaid else 0.0)), tie)
        overlap = len(words & words_of(t)) - unsaid
        names = 100 if prefer & set(re.findall(r"\{([a-z]+)\}", t)) else 0
        return (-(overlap + names), tie)

    i, t = min(fresh, key=score)
    return i, fill(t, values)


# a second question joined to the first ("how does it go to the VP, and when do they meet?"): a question word, or an
# auxiliary with its subject ("… and do you keep stock?"), after "and", "also" at a clause's start, or a semicolon
_SUBJECT = r"(?:you|it|that|this|there|they|we|he|she|the|your|our)"
_SECOND_ASK = re.compile(r"(?:;|\band\b|(?:^|[,;]\s*)also\b)[\s,]*(?:and\s+|also\s+)?(?:(?:when|who|whom|how|what|where|"
                         r"which|why)\b|(?:is|are|do|does|did|can|could|would|will)\s+" + _SUBJECT +
                         r"\b(?![^?]{0,12}\bor\b))", re.I)
_ASKED = re.compile(r"[^.!?\uff1f\u061f\u3002]*[?\uff1f\u061f]+")  # the full-width and Arabic question marks too


def _a_question(q: str) -> bool:
    """Two words at least ("Really?!" and "??" ask nothing), or three letters of a script written without spaces."""
    return len(re.findall(r"\w+", q)) >= 2 or (not re.search(r"[A-Za-z]", q) and len(re.findall(r"\w", q)) >= 3)


def two_questions(text: str) -> bool:
    """Did the seller ask two things (two questions, or a second question joined to the first)?"""
    asked = [q for q in _ASKED.findall(text) if _a_question(q)]
    return len(asked) >= 2 or any(_SECOND_ASK.search(q) for q in asked)


def asked_topics(und: Understanding, limit: int = 2) -> list[str]:
    """The topics the seller asked about, most confident first ('other' only when nothing else was read)."""
    if "question" not in und.acts:
        return []
    named = sorted((t for t in und.topics if t != "other"), key=lambda t: -und.topic_confidence.get(t, 0.0))
    return named[:limit] or ["other"]


def wants_steer(und: Understanding, move: Move, st: NegotiationState, persona: Persona) -> bool:
    """A buyer who wants the agenda answers personal talk briefly and returns to business."""
    tr = persona.traits
    personal = bool(set(und.acts) & {"small_talk", "relationship", "compliment"})
    # greet: an opening that goes on into personal talk (greet back, then the agenda)
    return personal and move.name in ("small_talk", "greet") and tr.relationship_need < 0.5


# "Where I grew up? Here in Dubai…", "Always lived here? Pretty much…": the reply to a question ("Machboos? Ah…" echoes
# a remark as well as a question)
_ECHOED_QUESTION = re.compile(r"^(?:where|how|what|when|why|who|always|from)\b[^.!?]{0,40}\?\s", re.I)


def _personal_part(bank: Any, closeness: list[float] | None, st: NegotiationState, session_id: str,
                   values: dict[str, str], words: set[str], said: str = "", asked: bool = True,
                   steering: bool = False) -> Part | None:
    """The buyer's own small talk on the subject the seller raised, when one of its lines is about it. A line that
    opens by echoing a question ("Where I grew up?") answers one: it is said only when the seller `asked`. A buyer
    `steering` back to business asks nothing back ("…so where are you from? Good. Now, your proposal." cuts itself off)."""
    if not closeness or len(closeness) != len(bank.personal):
        return None
    closeness = penalised(list(bank.personal), closeness, said)  # "Kyoto? …" after a word on Kariya
    closeness = [-1.0 if _ECHOED_QUESTION.match(t) and not (asked and echo_fits(t, said)) else c
                 for t, c in zip(bank.personal, closeness)]
    if steering:  # a question back the line cannot drop is not said
        closeness = [-1.0 if without_question_back(t).rstrip().endswith("?") else c for t, c in zip(bank.personal, closeness)]
    if max(closeness) < PERSONAL_MIN:
        return None
    got = _pick(list(bank.personal), "personal", st, session_id, values, words, closeness)
    if got is None or closeness[got[0]] < PERSONAL_MIN:
        return None
    return Part("personal", "", got[0], without_question_back(got[1]) if steering else got[1])


def _answer_parts(topics: list[str], move: Move, st: NegotiationState, persona: Persona, bank: Any, session_id: str,
                  values: dict[str, str], words: set[str], closeness: dict[str, list[float]], said: str) -> list[Part]:
    """The answers, open or guarded, to the asked topics (best first). A second topic is answered, never declined (a
    refusal of what may not have been asked is a non sequitur), and only when the seller asked two things: one
    question gets one answer (a second topic's line reads as a point nobody raised)."""
    answers: list[Part] = []
    for topic in topics:
        mode = answer_mode(topic, move, st, persona, closeness, said)
        entry = bank.answers[topic]
        near = closeness.get(topic if mode == "open" else f"guarded:{topic}")
        # the answers to specific questions only by their closeness to the question asked (coach.roleplay.answers)
        lines = list(entry.guarded) if mode != "open" else entry.said() if near else list(entry.open)
        # an answer to a specific question far from the one asked (NOT_ASKED, whatever shared words add) is never
        # said, even when every general answer was used recently
        far = frozenset(i for i in range(len(lines)) if near and mode == "open" and entry.is_asked(i) and near[i] < FAR)
        got = _pick(lines, f"{mode}:{topic}", st, session_id, values, words, near, exclude=far, echo=said)
        if got:
            answers.append(Part("answer" if mode == "open" else "guarded", topic, got[0], got[1]))
    answers = [a for a in answers if a.kind == "answer" or (topics and a.key == topics[0])]
    answers = answers[:1] + [a for a in answers[1:] if not repeats(a.text, answers[0].text)]  # one "Dr. Khalid decides"
    return answers if two_questions(said) else [a for a in answers if topics and a.key == topics[0]]


def compose(und: Understanding, trainee_text: str, move: Move, move_text: str, move_index: int,
            st: NegotiationState, persona: Persona, session_id: str, values: dict[str, str],
            ranked: tuple[list[str], dict[str, list[float]]] | None = None,
            personal: list[float] | None = None, beside: Beside | None = None) -> Plan:
    """The reply as parts; the move line is passed in (chosen by realise.choose_line). `ranked`: the asked topics
    checked against the persona's answers (coach.roleplay.answers), else the topic head's order; `personal`: the
    similarity of each of the persona's own small-talk lines to the seller's words; `beside`: a business question
    said beside an attack (coach.roleplay.beside), answered after the guarded move."""
    bank = persona.replies()
    move_part = Part("move", move.name, move_index, move_text)
    if bank is None:
        return Plan([move_part])
    words = words_of(trainee_text)
    parts: list[Part] = []
    closeness = ranked[1] if ranked else {}
    standout = standout_personal(und, personal) and move.name not in NO_ANSWER  # the buyer's own word on it answers
    topics = ((ranked[0] if ranked else None) or asked_topics(und)) if move.name not in NO_ANSWER and not standout else []
    if move.name in PRICE_MOVES:
        topics = [t for t in topics if t != "price"]  # the counter or refusal is the answer
    if set(und.acts) & PERSONAL and (topics == ["other"] or (set(topics) <= {"other", "relationship"}
                                                             and asks_about_the_person(clean_text(trainee_text)))):
        topics = []  # "do you have kids?", "how was it living in China?" are personal talk, answered as such
    practical = (bool(topics) and "practical" in bank.acknowledge and not set(und.acts) & (OUTRANK_PRACTICAL - BESIDE_PRACTICAL)
                 and und.price is None and practical_request(trainee_text))
    if practical and only_practical(trainee_text) and not any(und.topic_confidence.get(t, 0.0) >= 0.7 for t in topics):
        topics = []  # "your template or ours?" is answered in a few words, not with the decision process
    answers = _answer_parts(topics, move, st, persona, bank, session_id, values, words, closeness, trainee_text)
    answer = answers[0] if answers else None
    steering = wants_steer(und, move, st, persona)
    greeting = move.name == "greet"
    takes_up = (answer is None and (steering or standout or move.name in ("small_talk", "hospitality", "greet"))
                and not set(und.acts) & (OUTRANK_PRACTICAL - {"apology", "compliment"}))
    asked = bool(ASKED_MARK.search(trainee_text))  # also the full-width and the Arabic question mark
    own = _personal_part(bank, personal, st, session_id, values, words, trainee_text, asked, steering) if takes_up else None
    if steering:  # greeting back is acknowledgement enough before the steer; otherwise a brief word on the talk
        kind: str | None = None if greeting or "small_talk" not in und.acts else "small_talk"
    else:
        first_price = und.price is not None and st.trainee_first_price == und.price and st.first_price_turn == st.turn
        dropped = any(c.side == "trainee" and c.issue == "price" and c.turn == st.turn for c in st.concessions)
        clean = clean_text(trainee_text)
        stepped = first_price and marks_a_step(clean)  # "I can go down to 300k": a step, though its figure is the first
        kind = ack_kind(und, move, answered=answer is not None, lines_for=set(bank.acknowledge), refused=refuses(answers),
                        first_price=first_price and not stepped, price_dropped=dropped or stepped,
                        agreeing=opens_agreeing(clean), figures_asked=figures_asked(clean))
    also = second_ack(kind, und, move, set(bank.acknowledge)) if not steering else None
    also_practical = practical and not answers and kind in ("commitment", "agreement")  # then answered briefly too
    if practical and not answers and kind in (None, "question", "information", "small_talk", "greeting"):
        kind = "practical"
    if steering:  # "Sorry I'm late", "congratulations on the award": taken up before the buyer turns to business
        kind = next((k for k in REACT_FIRST if k in und.acts and k in bank.acknowledge), kind)
    if kind == "invitation" and answer is not None and answer.kind == "answer" and not two_questions(trainee_text) \
            and bank.answers[answer.key].is_asked(answer.index):
        kind = None  # "join our advisory board?" answered by the line written for it: no "Thanks, I'd like that" before
    kind = talk_ack(kind, own is not None, bool(answers), standout, steering, move, set(bank.acknowledge), und, trainee_text)
    if kind is not None and not (greeting and kind == "greeting"):
        parts += _acks([kind, *([also] if also else []), *(["practical"] if also_practical else [])], und, bank, st,
                       session_id, values, words, trainee_text)
    if own is not None:
        parts.append(own)
    if greeting:  # the greeting first; a buyer who wants the agenda then goes to business
        steer = _pick(list(bank.steer), "steer", st, session_id, values, words) if steering else None
        welcome = _welcome(move_part, und, parts, persona, trainee_text, st, session_id, values, words)
        said = " ".join(p.text for p in welcome)  # "Choi sends his regards; he is with the customer today" answered it
        return Plan([*welcome, *parts, *[a for a in answers if not repeats(a.text, said)],
                     *([Part("steer", "", steer[0], steer[1])] if steer else [])])
    parts += answers
    if steering and not any(a.kind == "answer" for a in answers):  # an answer on business is back on business
        got = _pick(list(bank.steer), "steer", st, session_id, values, words)
        if got:
            parts.append(Part("steer", "", got[0], got[1]))
            return Plan(parts)
    # "Please, go ahead." is the whole answer to "may I …?"
    answered = answer is not None or (own is not None and standout) or any(p.label == "ack:practical" for p in parts)
    if not (answered and move.name in ANSWER_REPLACES) and not (answer and move.name in ("defer", "postpone")):
        # the buyer's own word already said it, or an exploring question asks what the seller just told: another line
        # (only an exploring question: asking for the detail the seller named is what request_detail is for)
        heard = own.text if own is not None and repeats(move_text, own.text) else (
            trainee_text if move.name == "ask" and (repeats(move_text, trainee_text)
                                                    or asks_for_given_figure(move_text, trainee_text)) else None)
        move_part = _fresh_move(move_part, heard, parts, persona, trainee_text, st, session_id, values, words)
        acked = kind if any(p.kind == "ack" for p in parts) else None  # what the reply registered, if anything
        if move_part.key == "small_talk" and parts and not answers:
            back = _question_back(move_part, parts, persona, trainee_text, st, session_id, values, words)
            parts += [back] if back is not None else []
        else:
            parts += _tail(move_part, acked, answers, bank, st, session_id, values, words)
    if beside is not None and move.name in NO_ANSWER:
        parts += _beside_parts(beside, move, st, persona, bank, session_id, values)
    return Plan(parts)


def _acks(kinds: list[str], und: Understanding, bank: Any, st: NegotiationState, session_id: str,
          values: dict[str, str], words: set[str], said_text: str = "") -> list[Part]:
    """The acknowledgements, in order (a promise, then the brief answer to a practical question beside it: "I'll send
    it tonight. Korean or English?"); each echoes only what this turn said (no earlier price in "{price}, noted")."""
    said = {k: v for k, v in values.items() if k != "price" or und.price is not None}
    fresh = frozenset(k for k in ("price", "given") if k in said)
    out = []
    for kind in kinds:
        kind = fitting_kind(kind, said_text, set(bank.acknowledge))  # a site visit is no dinner (coach.understanding.visits)
        lines = list(bank.acknowledge[kind])
        other = frozenset(i for i, t in enumerate(lines) if not_for(fill(unnamed(t, said), said), said_text))
        if kind == "escalation" and len(other) == len(lines):
            other = frozenset()  # "I'll ask our MD to call your CEO": the buyer's own superior, rather than no word on it
        got = _pick(lines, f"ack:{kind}", st, session_id, said, words, prefer=fresh, exclude=other)
        if got:
            out.append(Part("ack", kind, got[0], got[1]))
    return out


def _welcome(move_part: Part, und: Understanding, parts: list[Part], persona: Persona, trainee_text: str,
             st: NegotiationState, session_id: str, values: dict[str, str], words: set[str]) -> list[Part]:
    """The welcome (one part, or none), when it fits the opening: none when the seller opened with an apology, an invitation or a
    compliment and no greeting (the reaction is the opening; a welcome before it reads pasted), and never an
    introduction to a seller who is back or a welcome back to one who is new (coach.roleplay.fit.greets_wrongly)."""
    if "greeting" not in und.acts and any(p.kind == "ack" and p.key in ACK_FIRST for p in parts):
        return []
    lines = list(persona.phrases.get("greet") or [])
    wrong = frozenset(i for i, t in enumerate(lines) if greets_wrongly(t, trainee_text, persona.name))
    if move_part.index not in wrong:
        return [move_part]
    got = _pick(lines, "greet", st, session_id, values, words, exclude=wrong)
    return [Part("move", "greet", got[0], got[1])] if got else []


def _fresh_move(move_part: Part, heard: str | None, parts: list[Part], persona: Persona, trainee_text: str,
                st: NegotiationState, session_id: str, values: dict[str, str], words: set[str]) -> Part:
    """Another line of the move when this one goes over what was `heard` (the buyer's own word, or the seller's words
    an exploring question would ask again), or opens like the acknowledgement before it ("I hear you. … I hear you,
    but …")."""
    said = " ".join(p.text for p in parts if p.kind == "ack")
    if heard is None and not same_opening(move_part.text, said):
        return move_part
    lines = list(persona.phrases.get(move_part.key) or [])
    taken = frozenset(i for i, t in enumerate(lines) if same_opening(t, said) or (
        heard is not None and (repeats(t, heard) or contradicts(t, trainee_text)
        or (move_part.key == "ask" and asks_for_given_figure(t, trainee_text)))))
    got = _pick(lines, move_part.key, st, session_id, values, words, exclude=taken)
    return Part("move", move_part.key, got[0], got[1]) if got else move_part


def figures_asked(clean: str) -> bool:
    """Every figure in the line is said inside a question (none is put on the table)."""
    asked = " ".join(q for q in _ASKED.findall(clean))
    digits = len(re.findall(r"\d", clean))
    return digits > 0 and len(re.findall(r"\d", asked)) == digits


def _question_back(move_part: Part, parts: list[Part], persona: Persona, trainee_text: str, st: NegotiationState,
                   session_id: str, values: dict[str, str], words: set[str]) -> Part | None:
    """After the buyer's own word on the seller's subject, or a reaction (thanks for an invitation), small talk goes
    on only as a question back on a subject not yet touched and that fits what the seller said ("Is this your first
    time in our city?" not to a seller who came last October; no tip to visit Diriyah to one who went yesterday);
    else the reply ends there (a line on the grandfather's shop after the weather reads pasted)."""
    if parts[-1].text.rstrip().endswith(("?", "\uff1f", "\u061f")) or parts[-1].key == "visit":
        return None  # the buyer's own word ended on a question (the seller's turn now), or spoke of a site visit
    said = " ".join([trainee_text, *(p.text for p in parts)])
    lines = list(persona.phrases.get("small_talk") or [])
    taken = frozenset(i for i, t in enumerate(lines) if "?" not in t or contradicts(t, trainee_text)
                      or shares_subject(t, said))
    if move_part.index not in taken:
        return move_part
    got = _pick(lines, "small_talk", st, session_id, values, words, exclude=taken)
    return Part("move", "small_talk", got[0], got[1]) if got and got[0] not in taken else None


def _tail(move_part: Part, kind: str | None, answers: list[Part], bank: Any, st: NegotiationState,
          session_id: str, values: dict[str, str], words: set[str]) -> list[Part]:
    """The move line (one part, or none), unless it is an exploring question after a point was closed (a promise or
    an agreement registered), or personal talk or hospitality said after what already answers or registers business:
    an answer is warmth enough (a line on the desert or the tea after it is an add-on on another subject), and after a
    price, a promise or a trade registered too early the buyer bridges instead (`not_yet`: the numbers can wait, tell
    me about yourselves). Chosen on the development splits by blind readers' verdicts (add-ons rejected in 55 of 57
    such replies, questions after a promise or an agreement in 11 of 12; the changed replies 33 -> 87 of 106)."""
    if move_part.key in ("ask", "push_agenda") and kind in CLOSES_A_POINT and not answers:
        return []  # "Deal." -> "Good, we are agreed." is the whole reply: a new question after it reopens the talk
    if move_part.key not in RELATIONSHIP_MOVES:
        return [move_part]
    if answers:
        return []
    if kind in BUSINESS_ACKS:
        got = _pick(list(bank.not_yet), "gate", st, session_id, values, words) if bank.not_yet else None
        return [Part("gate", "", got[0], got[1])] if got else []
    return [move_part]


def _beside_parts(beside: Beside, move: Move, st: NegotiationState, persona: Persona, bank: Any, session_id: str,
                  values: dict[str, str]) -> list[Part]:
    """The answer to the business question said beside an attack, after the move that declined the attack."""
    und, text, ranked = beside
    topics = [t for t in ((ranked[0] if ranked else None) or asked_topics(und)) if t in und.topics]
    words = words_of(text)
    return _answer_parts(topics[:1], move, st, persona, bank, session_id, values, words, ranked[1] if ranked else {},
                         text)


def remember(plan: Plan, st: NegotiationState) -> None:
    for p in plan.parts:
        if p.kind == "move":
            st.remember_line(f"{p.key}:{p.index}")
        elif p.kind in ("answer", "guarded"):
            st.remember_line(f"{'open' if p.kind == 'answer' else 'guarded'}:{p.key}:{p.index}")
        else:
            st.remember_line(f"{p.label}:{p.index}")
