"""Typed debrief: rubric dimensions with enforced ranges, evidence on every score, KPIs, mistakes."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DIMENSIONS = ("cultural_reading", "relationship", "hierarchy", "communication", "pacing", "value", "outcome")
DimensionName = Literal["cultural_reading", "relationship", "hierarchy", "communication", "pacing", "value", "outcome"]

DIMENSION_LABELS = {
    "cultural_reading": "Cultural reading (silence, indirect no, postponement)",
    "relationship": "Relationship and trust",
    "hierarchy": "Hierarchy and decision process",
    "communication": "Communication style fit",
    "pacing": "Pacing and time",
    "value": "Value and concessions",
    "outcome": "Outcome versus the buyer's limits",
}


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_M):
    turn: int = Field(ge=1)
    quote: str = Field(max_length=240)
    note: str = ""
    effect: int = 0  # points this moment added or took away


class DimensionScore(_M):
    score: int = Field(ge=0, le=100)
    evidence: list[Evidence] = Field(default_factory=list)
    summary: str = ""


class Dimensions(_M):
    cultural_reading: DimensionScore
    relationship: DimensionScore
    hierarchy: DimensionScore
    communication: DimensionScore
    pacing: DimensionScore
    value: DimensionScore
    outcome: DimensionScore


class MistakeFound(_M):
    title: str
    scale: str
    turn: int = Field(ge=1)
    case_id: str | None
    case_title: str | None = None
    instead: str | None = None
    dimension: DimensionName


class ConcessionKpi(_M):
    turn: int
    before: float
    after: float
    size: float
    size_pct_of_list: float
    traded: bool


class VoiceKpis(_M):
    """Spoken rehearsals only: seconds rather than words."""
    voiced_turns: int
    seller_seconds: float
    buyer_seconds: float
    talk_share: float | None = Field(default=None, ge=0, le=1)
    longest_turn: int | None = None
    longest_turn_s: float = 0.0
    median_pause_s: float | None = None
    median_wpm: float | None = None
    into_silence: int = 0
    held_silence: int = 0


class Kpis(_M):
    first_offer: float | None
    anchor_vs_list: float | None
    first_price_turn: int | None
    concessions: list[ConcessionKpi]
    concessions_count: int
    concessions_untraded: int
    talk_ratio: float = Field(ge=0, le=1)
    question_rate: float = Field(ge=0, le=1)
    trainee_turns: int
    agreement: bool
    terms: dict[str, float]
    minutes: float | None = None
    home_baseline_minutes: int | None = None
    time_vs_home_baseline: float | None = None
    voice: VoiceKpis | None = None


class Judgement(_M):
    """What an LLM judge may add: a narrative and bounded adjustments (never more than ±10 a dimension)."""
    narrative: str = Field(max_length=1500)
    adjustments: dict[DimensionName, int] = Field(default_factory=dict)

    def model_post_init(self, __context: object) -> None:
        for k, v in self.adjustments.items():
            if not -10 <= v <= 10:
                raise ValueError(f"adjustment for {k} must be between -10 and 10 (got {v})")


class JudgeReport(_M):
    model: str
    ok: bool
    runs: int
    narrative: str | None = None
    adjustments: dict[str, float] = Field(default_factory=dict)
    variance: dict[str, float] = Field(default_factory=dict)
    error: str | None = None


class Manner(_M):
    """How the seller's turns read beside rehearsed skilled/poor pairs (coach.debrief.manner); added to the overall."""
    adjustment: int = Field(ge=-10, le=10)
    chance: float = Field(ge=0, le=1)  # that the stronger seller of such a pair spoke like this, over all turns
    pairs: int = Field(ge=0)  # the rehearsed pairs the reading learned from
    evidence: list[Evidence] = Field(default_factory=list)  # the turns that read most like either side
    summary: str = ""


class DebriefResult(_M):
    session_id: str | None
    scenario: str
    market: str
    home: str | None
    overall: int = Field(ge=0, le=100)
    overall_deterministic: int = Field(ge=0, le=100)
    dimensions: Dimensions
    weights: dict[str, float]
    mistakes: list[MistakeFound]
    kpis: Kpis
    outcome: dict
    next_steps: list[str]
    judge: JudgeReport | None = None
    manner: Manner | None = None
    shortfall: int = Field(default=0, ge=0)  # overall points lost for dimensions that ended below their start
    shortfall_note: str = ""
    mistake_points: int = Field(default=0, ge=0)  # overall points lost for the named mistakes (coach.debrief.shortfall)
    mistake_note: str = ""
