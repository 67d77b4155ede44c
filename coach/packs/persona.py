"""Persona schemas: the public portrait, the private block, the phrase bank and the answer banks."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from coach.packs.base import _SLOT, Line, MarketCode, PackId, Strict, Text
from coach.packs.vocab import ACK_KINDS, PHRASE_SLOTS, QUESTION_TOPICS, REPLY_SLOTS, REQUIRED_MOVES, AckKind, MoveId, QuestionTopic

# ---------------------------------------------------------------- personas

class PhraseLine(Strict):
    """A phrase for an advisor card or a case: English, with the native form and its transliteration."""
    text: Line
    native: Line | None = None
    transliteration: Line | None = None

    @model_validator(mode="after")
    def _native_needs_transliteration(self) -> "PhraseLine":
        if self.native and not self.transliteration and not _is_latin(self.native):
            raise ValueError("a phrase in a non-Latin script needs a transliteration")
        return self


def _is_latin(text: str) -> bool:
    return all(ord(c) < 0x250 or c in "’‘“”–—…" for c in text)


class Signal(Strict):
    signal: Line
    meaning: Line


class OtherDecider(Strict):
    title: Line
    role: Line


class Decision(Strict):
    style: Text
    superior: Line = Field(description="who the persona defers to, as they would name them")
    committee: Line | None = None
    others: list[OtherDecider] = Field(default_factory=list)


class StageBehaviour(Strict):
    opening: Text
    exploring: Text
    bargaining: Text
    closing: Text


class PersonaTraits(Strict):
    """Numbers the role-play engine uses to shape behaviour (0 = low, 1 = high); not secret."""
    patience: float = Field(ge=0, le=1)
    directness: float = Field(ge=0, le=1)
    relationship_need: float = Field(ge=0, le=1, description="how much rapport must grow before business moves")
    hierarchy: float = Field(ge=0, le=1, description="how strongly decisions go up the line")
    concession_speed: float = Field(ge=0, le=1, description="how quickly the persona moves toward the seller")
    pressure_sensitivity: float = Field(ge=0, le=1)


class PersonaPrivate(Strict):
    """What the persona knows and never says. Never rendered outside the trainer view or the debrief."""
    hidden_interests: list[Line] = Field(min_length=1)
    constraints: list[Line] = Field(min_length=1)


def _check_phrase_bank(bank: dict[str, list[str]]) -> dict[str, list[str]]:
    missing = [m for m in REQUIRED_MOVES if m not in bank]
    if missing:
        raise ValueError(f"phrase bank lacks the moves {', '.join(missing)}")
    for move, lines in bank.items():
        if len(lines) < 2:
            raise ValueError(f"move '{move}' needs at least 2 lines (has {len(lines)})")
        for line in lines:
            for slot in _SLOT.findall(line):
                if slot not in PHRASE_SLOTS:
                    raise ValueError(
                        f"move '{move}': unknown slot {{{slot}}}; allowed: {', '.join(sorted(PHRASE_SLOTS))}"
                    )
            if any(ch.isdigit() for ch in line):
                raise ValueError(f"move '{move}': phrase-bank lines carry no numbers (use slots): {line!r}")
    return bank


def _check_lines(where: str, lines: list[str], slots: frozenset[str]) -> None:
    for line in lines:
        for slot in _SLOT.findall(line):
            if slot not in slots:
                raise ValueError(f"{where}: unknown slot {{{slot}}}; allowed: {', '.join(sorted(slots))}")
        if any(ch.isdigit() for ch in line):
            raise ValueError(f"{where}: reply lines carry no numbers (use slots): {line!r}")


class AskedAnswer(Strict):
    """An answer to one specific question, with the ways a salesperson asks it (the seller's question is compared
    with these as well as with the answer)."""
    text: Line = Field(description="the answer, in the persona's voice, without its limits")
    asks: list[Line] = Field(min_length=1, description="how a salesperson asks the question this line answers")


class TopicAnswers(Strict):
    """What the persona says when asked about one topic: a real answer, or what it says instead."""
    open: list[Line] = Field(min_length=2, description="answers the question, in the persona's voice, without its limits")
    asked: list[AskedAnswer] = Field(default_factory=list,
                                     description="answers to specific questions, each with the questions it answers")
    guarded: list[Line] = Field(min_length=1, description="stays on the topic but does not answer (yet), in manner")

    def said(self) -> list[str]:
        """Every answer line of the topic: the open ones, then the answers to specific questions."""
        return [*self.open, *(a.text for a in self.asked)]

    def is_asked(self, index: int) -> bool:
        """The line at `index` of said() answers one specific question (it is one of `asked`)."""
        return index >= len(self.open)


class ReplyBank(Strict):
    """Answers per question topic, acknowledgements per seller act, and lines that steer back to business."""
    answers: dict[QuestionTopic, TopicAnswers] = Field(description="one entry per question topic")
    acknowledge: dict[AckKind, list[Line]] = Field(description="one short sentence registering what the seller said")
    steer: list[Line] = Field(min_length=2, description="back to the agenda after personal talk")
    personal: list[Line] = Field(default_factory=list, description="the buyer's own small talk")
    not_yet: list[Line] = Field(default_factory=list, description=(
        "after business too early: the numbers can wait, and a turn toward knowing the seller"))

    @model_validator(mode="after")
    def _complete(self) -> "ReplyBank":
        missing = [t for t in QUESTION_TOPICS if t not in self.answers]
        if missing:
            raise ValueError(f"answers: no entry for the topics {', '.join(missing)}")
        missing = [k for k in ACK_KINDS if k not in self.acknowledge]
        if missing:
            raise ValueError(f"acknowledge: no lines for {', '.join(missing)}")
        for topic, ans in self.answers.items():
            _check_lines(f"answers.{topic}.open", ans.open, REPLY_SLOTS)
            for i, qa in enumerate(ans.asked):
                _check_lines(f"answers.{topic}.asked[{i}].text", [qa.text], REPLY_SLOTS)
            _check_lines(f"answers.{topic}.guarded", ans.guarded, REPLY_SLOTS)
        for kind, lines in self.acknowledge.items():
            if len(lines) < 2:
                raise ValueError(f"acknowledge.{kind}: needs at least 2 lines (has {len(lines)})")
            _check_lines(f"acknowledge.{kind}", lines, REPLY_SLOTS)
        _check_lines("steer", self.steer, REPLY_SLOTS)
        _check_lines("personal", self.personal, REPLY_SLOTS)
        _check_lines("not_yet", self.not_yet, REPLY_SLOTS)
        return self


class Persona(Strict):
    id: PackId
    market: MarketCode
    name: Line
    role: Line
    sector: Line
    company: Line = Field(description="the persona's company as they would name it (fictional)")
    company_type: Line
    seniority: Line
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] = Field(
        description="language the persona speaks in the role-play"
    )
    personality: Text
    deviations: list[Line] = Field(min_length=1, description="where this person differs from the market average")
    communication: Text
    decision: Decision
    stages: StageBehaviour
    signals: list[Signal] = Field(min_length=2)
    offends: list[Line] = Field(min_length=2)
    builds_trust: list[Line] = Field(min_length=2)
    traits: PersonaTraits
    phrases: dict[MoveId, list[Line]]
    private: PersonaPrivate
    answers: dict[QuestionTopic, TopicAnswers] = Field(
        default_factory=dict, description="what the persona answers per question topic (all topics, or none)")
    acknowledge: dict[AckKind, list[Line]] = Field(
        default_factory=dict, description="a short first sentence registering what the seller said, per act")
    steer: list[Line] = Field(default_factory=list, description="lines that bring personal talk back to business")
    personal: list[Line] = Field(default_factory=list, description=(
        "the buyer's own small talk, each line taking up one subject a seller may raise (a dish, the match, the "
        "holidays, the children, the trip): the reply to a personal remark or question is the closest of these"))
    not_yet: list[Line] = Field(default_factory=list, description=(
        "a relationship-first buyer's bridge when business comes before the buyer knows the seller: after the "
        "acknowledgement, the numbers can wait, and a turn toward the seller (no figure, place, dish or date in it)"))
    rationale: Text = Field(description="what the portrait rests on: sources, field experience")

    @field_validator("phrases")
    @classmethod
    def _bank(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        return _check_phrase_bank(v)

    @model_validator(mode="after")
    def _replies(self) -> "Persona":
        if self.answers or self.acknowledge or self.steer:
            ReplyBank(answers=self.answers, acknowledge=self.acknowledge, steer=self.steer,
                      personal=self.personal, not_yet=self.not_yet)  # complete and valid
        return self

    def replies(self) -> ReplyBank | None:
        """The answer banks, when this persona has them (older packs do not: the engine then uses moves only)."""
        if not self.answers:
            return None
        return ReplyBank(answers=self.answers, acknowledge=self.acknowledge, steer=self.steer, personal=self.personal,
                         not_yet=self.not_yet)

    def public(self) -> "PersonaCard":
        data = self.model_dump(exclude={"private", "phrases", "traits", "answers", "acknowledge", "steer", "personal",
                                               "not_yet"})
        return PersonaCard.model_validate(data)


class PersonaCard(Strict):
    """The public view of a persona: what a trainee may see before a rehearsal."""
    id: str
    market: str
    name: str
    role: str
    sector: str
    company: str
    company_type: str
    seniority: str
    language: str
    personality: str
    deviations: list[str]
    communication: str
    decision: Decision
    stages: StageBehaviour
    signals: list[Signal]
    offends: list[str]
    builds_trust: list[str]
    rationale: str
