"""Pydantic schemas for the content packs (markets, home cultures, personas, cases, scenarios).

Every model forbids unknown keys. Private information (a persona's hidden interests, a scenario's
limits) lives in separate `*Private` models so that public views can never render it by accident.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from coach.packs.vocab import ScaleId, StageId, TopicId, scale_ids
from coach.packs.base import _SLOT, Line, MarketCode, PackId, Strict, Text  # noqa: F401 (re-exported)
from coach.packs.persona import (  # noqa: F401 (re-exported)
    Decision, OtherDecider, Persona, PersonaCard, PersonaPrivate, PersonaTraits, PhraseLine, ReplyBank, Signal,
    StageBehaviour, TopicAnswers,
)


# ---------------------------------------------------------------- culture scales

class ScalePosition(Strict):
    position: int = Field(ge=1, le=10, description="1 = left pole of the scale, 10 = right pole")
    rationale: Line


class ScalePositions(Strict):
    communicating: ScalePosition
    evaluating: ScalePosition
    persuading: ScalePosition
    leading: ScalePosition
    deciding: ScalePosition
    trusting: ScalePosition
    disagreeing: ScalePosition
    scheduling: ScalePosition

    def as_dict(self) -> dict[str, int]:
        return {s: getattr(self, s).position for s in scale_ids()}


class Hofstede(Strict):
    """Hofstede 6-D scores as published; a dimension not published for a country is null."""
    power_distance: int | None = Field(ge=0, le=120)
    individualism: int | None = Field(ge=0, le=120)
    masculinity: int | None = Field(ge=0, le=120)
    uncertainty_avoidance: int | None = Field(ge=0, le=120)
    long_term_orientation: int | None = Field(ge=0, le=120)
    indulgence: int | None = Field(ge=0, le=120)
    source: Line


class Holiday(Strict):
    name: Line
    when: Line
    business_impact: Line


class BusinessCalendar(Strict):
    working_week: Line
    fiscal_year: Line | None = None
    holidays: list[Holiday] = Field(min_length=1)
    notes: list[Line] = Field(default_factory=list)


class ContractAttitude(Strict):
    meaning: Literal["final_word", "start_of_negotiation", "formality_under_relationship"]
    notes: Text


class Aliases(Strict):
    """Words that name the market: used by the advisor to recognise it in free text."""
    names: list[Line] = Field(min_length=1, description="country names, in English and other languages, native script included")
    demonyms: list[Line] = Field(default_factory=list)
    cities: list[Line] = Field(default_factory=list)
    companies: list[Line] = Field(default_factory=list)


Effect = Annotated[int, Field(ge=-60, le=40)]


class DebriefWeights(Strict):
    """How much a moment helps or hurts with this market's buyers (points on one debrief dimension).

    Trainers tune these per market; the debrief shows each applied weight as evidence.
    """
    rapport_before_business: Effect = Field(description="relationship: each of the first three rapport turns before business")
    personal_talk_budget: int = Field(ge=0, le=12, description="personal-talk turns this buyer welcomes before it costs")
    personal_talk_over_budget: Effect = Field(description="relationship: each personal-talk turn beyond the budget")
    personal_talk_after_agenda: Effect = Field(description="relationship: personal talk after the buyer asked to get to business")
    business_before_rapport: Effect = Field(description="relationship: the first business move before any rapport")
    invitation_instead_of_answer: Effect = Field(description="communication: an invitation where the buyer asked for business")
    invitation: Effect = Field(description="relationship: an invitation (meal, visit) at a fitting moment")
    specific_information: Effect = Field(description="communication: a concrete, checkable answer (figures, tests, names, dates)")
    vague_answer: Effect = Field(description="communication: vague reassurance or hype")
    blunt_wording: Effect = Field(description="communication: blunt contradiction or orders")
    courteous_wording: Effect = Field(description="communication: face-saving, courteous wording")
    competitor_disparagement: Effect = Field(description="communication: running down a competitor")
    apology_or_empathy: Effect = Field(description="relationship: acknowledging the buyer's situation or a fault")
    asked_decision_process: Effect = Field(description="hierarchy: asking who decides and what they need")
    escalation: Effect = Field(description="hierarchy: going over the buyer's head")
    early_commitment_request: Effect = Field(description="hierarchy: asking for a commitment the buyer cannot give alone")
    own_commitment: Effect = Field(description="pacing: a firm next step the seller promises (by a date)")
    pressure: Effect = Field(description="pacing: a deadline or pressure put on the buyer")
    agenda_push: Effect = Field(description="pacing: steering to the agenda (positive for linear-time buyers)")
    rushing_per_turn: Effect = Field(description="pacing: each turn the first price comes earlier than this buyer needs")
    discount_after_signal: Effect = Field(description="cultural reading: a discount after a silence or a soft no")
    postponement_read_as_yes: Effect = Field(description="cultural reading: a courteous postponement taken as a yes")
    push_after_postponement: Effect = Field(description="cultural reading: pressure after a postponement")
    patience_after_signal: Effect = Field(description="cultural reading: a question or patience after a signal")
    same_terms_after_soft_no: Effect = Field(default=0, description="cultural reading: the same price restated, nothing "
                                                                   "traded or asked, right after an indirect no")
    overrun_after_time_up: Effect = Field(default=0, description="pacing: starting something new after the buyer said "
                                                                  "the time is up (\"just one more thing\")")
    agenda_request_missed: Effect = Field(default=0, description="cultural reading: once, personal talk carried on after "
                                                                  "the buyer asked to get to business (a signal missed)")
    policy_wall: Effect = Field(default=0, description="cultural reading: once, a request normal in this market answered "
                                                        "with a rule for every market (\"that's company policy\", \"the same "
                                                        "price in every market\")")
    concern_dismissed: Effect = Field(default=0, description="communication: the buyer's concern waved away (\"local "
                                                              "content is mostly paperwork\", \"the works council is a "
                                                              "formality\", \"it's the culture\"); 0: as vague_answer")
    context_before_answer: Effect = Field(default=0, description="communication: once, background or context announced "
                                                                  "before the answer the buyer asked for (\"before I answer, "
                                                                  "some background on the market\"); 0 where context first "
                                                                  "is the norm")
    no_mandate: Effect = Field(default=0, description="value: once, the seller sent the buyer's points back to his own "
                                                       "headquarters a second time with nothing of his own on the table (\"I "
                                                       "cannot decide payment terms today\", \"we will study it\")")


class FieldNorms(Strict):
    """What a plannable deal looks like in this market (for the field KPIs); tendencies, editable by trainers."""
    first_response_days: int = Field(ge=1, le=180, description="days within which a buyer here usually answers a "
                                                                "first offer (anything: a question, a counter, a no)")
    cycle_time_ratio: float = Field(gt=0, le=10, description="expected first-contact-to-signature time relative to a "
                                                             "seller's home market (1.0 = same)")
    rationale: Text
    source: Line


class VoiceNorms(Strict):
    """What a spoken rehearsal shows with this market's buyers (voice mode); tendencies, editable by trainers."""
    pause_s: float = Field(ge=0.5, le=20, description="seconds of silence this buyer tends to take to think; the "
                                                       "persona's deliberate silence lasts this long in voice mode")
    monologue_s: float = Field(ge=10, le=300, description="seconds of uninterrupted seller speech that read as a "
                                                          "monologue here")
    seller_talk_share: float = Field(ge=0.2, le=0.9, description="share of the talking time (seconds) above which "
                                                                 "the seller talks too much for this buyer")
    into_silence: Effect = Field(description="cultural reading: speaking into the buyer's deliberate silence")
    waited_out_silence: Effect = Field(description="cultural reading: letting the buyer's silence run its course")
    monologue: Effect = Field(description="communication: each monologue")
    talk_share_over: Effect = Field(description="communication: talking more than the share above")
    rationale: Text
    source: Line


class MarketProfile(Strict):
    code: MarketCode
    name: Line
    languages: list[Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]] = Field(min_length=1)
    aliases: Aliases
    scales: ScalePositions
    hofstede: Hofstede
    calendar: BusinessCalendar
    contract: ContractAttitude
    greetings: list[Line] = Field(min_length=1)
    variation: Text = Field(description="how regions, generations, sectors and individuals differ from this average")
    sources: list[Line] = Field(min_length=1)
    debrief_weights: DebriefWeights
    field: FieldNorms | None = Field(default=None, description="norms for the field KPIs (first-offer answer window, "
                                                               "expected cycle time)")
    voice: VoiceNorms | None = Field(default=None, description="norms for spoken rehearsals (pauses, monologues, "
                                                               "talk share); generic defaults when absent")


class HomeCulture(Strict):
    """A seller's home culture: where it sits on the eight scales, so advice can use the gap."""
    code: MarketCode
    name: Line
    aliases: Aliases
    scales: ScalePositions
    variation: Text
    sources: list[Line] = Field(min_length=1)


# ---------------------------------------------------------------- situated cases

class Provenance(Strict):
    kind: Literal["published", "field_experience", "trainer_rationale"]
    source: Line = Field(description="the publication, or whose experience and where, or the reasoning")


class Case(Strict):
    id: PackId
    markets: list[MarketCode] = Field(min_length=1)
    kind: Literal["mistake", "good_move"]
    title: Line
    sector: Line = Field(description="sector, or 'any'")
    counterpart_role: Line
    stage: StageId
    situation: Text
    seller_action: Text
    lesson: Text = Field(description="the mistake made, or the good move")
    why: Text
    scale: ScaleId
    topics: list[TopicId] = Field(default_factory=list)
    instead: Text = Field(description="what works instead (for a good move: why to repeat it)")
    phrase: PhraseLine
    outcome: Text
    seller_cultures: list[MarketCode] = Field(
        default_factory=list, description="seller home cultures that most often make this move; empty = any"
    )
    provenance: Provenance
    status: Literal["draft", "approved", "rejected"]
    author: Line
    region: Line | None = Field(default=None, description="region that submitted a field case")
    illustrates: list[Line] = Field(default_factory=list, description=(
        "the debrief's named mistakes this case shows (e.g. \"Waving away the buyer's concern\"): the debrief shows it "
        "for them before any case found by meaning"))

    @field_validator("illustrates")
    @classmethod
    def _known_mistakes(cls, v: list[str]) -> list[str]:
        from coach.debrief.mistake_queries import MISTAKE_QUERIES
        unknown = [t for t in v if t not in MISTAKE_QUERIES]
        if unknown:
            raise ValueError(f"unknown mistake {unknown[0]!r}; the debrief names: {', '.join(sorted(MISTAKE_QUERIES))}")
        return v


# ---------------------------------------------------------------- scenarios

class SellerBrief(Strict):
    company: Line
    product: Line
    product_short: Line | None = Field(
        default=None, description="a short noun phrase a buyer would say for the product ('brackets', 'gearboxes')")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    list_price: float = Field(gt=0)
    unit: Line = Field(description="what the price is for, e.g. 'per unit' or 'per year'")
    volume: Line
    goals: list[Line] = Field(min_length=1)
    knows: list[Line] = Field(min_length=1)
    floor_price: float | None = Field(default=None, gt=0, description="the seller's own walk-away price (public to the trainee)")


class NegotiableIssue(Strict):
    id: PackId
    name: Line
    unit: Line
    low: float
    high: float
    buyer_prefers: Literal["low", "high"]

    @model_validator(mode="after")
    def _range(self) -> "NegotiableIssue":
        if self.low >= self.high:
            raise ValueError(f"issue '{self.id}': low ({self.low}) must be below high ({self.high})")
        return self


class IssueLimit(Strict):
    """The buyer's private numbers on one issue: where they aim, and the worst they accept."""
    target: float
    reservation: float


class Deadline(Strict):
    what: Line
    days: int = Field(ge=0, le=3650)


class ScenarioPrivate(Strict):
    """The buyer's hidden limits. Used numerically by the negotiation state only."""
    opening_offer: float = Field(gt=0, description="the buyer's first price")
    target_price: float = Field(gt=0)
    reservation_price: float = Field(gt=0, description="the worst price the buyer accepts")
    limits: dict[PackId, IssueLimit] = Field(default_factory=dict, description="limits on the other issues, by issue id")
    must_haves: list[Line] = Field(min_length=1)
    deadlines: list[Deadline] = Field(default_factory=list)
    walk_away_if: list[Line] = Field(default_factory=list)


class RubricWeights(Strict):
    cultural_reading: float = Field(ge=0, le=1)
    relationship: float = Field(ge=0, le=1)
    hierarchy: float = Field(ge=0, le=1)
    communication: float = Field(ge=0, le=1)
    pacing: float = Field(ge=0, le=1)
    value: float = Field(ge=0, le=1)
    outcome: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _sum(self) -> "RubricWeights":
        total = sum(self.model_dump().values())
        if abs(total - 1.0) > 0.01:
            raise ValueError(f"rubric weights must sum to 1.0 (they sum to {total:.2f})")
        return self


class Scenario(Strict):
    id: PackId
    title: Line
    kind: Literal["negotiation", "headquarters"] = "negotiation"
    persona: PackId
    market: MarketCode
    situation: Text = Field(description="what the trainee is told about the meeting")
    seller_brief: SellerBrief
    issues: list[NegotiableIssue] = Field(min_length=1)
    private: ScenarioPrivate
    stages: list[StageId] = Field(min_length=1)
    time_box_minutes: int = Field(ge=3, le=60)
    home_baseline_minutes: int | None = Field(
        default=None, ge=1, le=120, description="typical time to agreement for the same deal in the seller's home market"
    )
    success_criteria: list[Line] = Field(min_length=1)
    rubric_weights: RubricWeights

    @model_validator(mode="after")
    def _limits(self) -> "Scenario":
        p = self.private
        price = next((i for i in self.issues if i.id == "price"), None)
        if price is None:
            raise ValueError("a scenario needs an issue with id 'price'")
        if price.buyer_prefers == "low":
            if not (p.opening_offer <= p.target_price <= p.reservation_price):
                raise ValueError("private: a buyer who prefers a low price needs opening_offer <= target_price <= reservation_price")
            if p.reservation_price >= self.seller_brief.list_price:
                raise ValueError("private.reservation_price must be below the list price, or there is nothing to negotiate")
        else:
            if not (p.opening_offer >= p.target_price >= p.reservation_price):
                raise ValueError("private: a buyer who prefers a high value needs opening_offer >= target_price >= reservation_price")
        ids = {i.id for i in self.issues}
        for key in p.limits:
            if key not in ids:
                raise ValueError(f"private.limits.{key}: no negotiable issue with that id")
        return self

    def public(self) -> "ScenarioCard":
        return ScenarioCard.model_validate(self.model_dump(exclude={"private"}))


class ScenarioCard(Strict):
    """The public view of a scenario: the trainee's brief, without the buyer's limits."""
    id: str
    title: str
    kind: str
    persona: str
    market: str
    situation: str
    seller_brief: SellerBrief
    issues: list[NegotiableIssue]
    stages: list[str]
    time_box_minutes: int
    home_baseline_minutes: int | None
    success_criteria: list[str]
    rubric_weights: RubricWeights


KIND_MODELS: dict[str, type[Strict]] = {
    "market": MarketProfile,
    "home": HomeCulture,
    "persona": Persona,
    "case": Case,
    "scenario": Scenario,
}

