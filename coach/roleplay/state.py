"""Step 2: the negotiation state. Stored with the session (JSON); holds no private limit.

What the persona has said (its counters) is public and part of the state; the private limits are read
from the scenario pack by the policy when it needs them, and never written here.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Concession(BaseModel):
    model_config = ConfigDict(extra="forbid")
    turn: int
    side: str  # trainee | persona
    issue: str
    before: float
    after: float
    traded: bool = False  # did the conceding side get something for it


class NegotiationState(BaseModel):
    model_config = ConfigDict(extra="forbid")
    turn: int = 0  # trainee turns so far
    stage: str = "opening"
    rapport: float = 0.2
    trust: float = 0.3
    patience: float = 1.0
    face: float = 1.0
    trainee_price: float | None = None  # the trainee's latest price on the table
    trainee_first_price: float | None = None
    persona_price: float | None = None  # the persona's latest counter (said aloud, so public)
    persona_first_price: float | None = None
    first_price_turn: int | None = None
    terms: dict[str, float] = Field(default_factory=dict)  # other issues: latest trainee values
    last_terms: dict[str, float] = Field(default_factory=dict)  # the issue values the trainee's latest turn named
    concessions: list[Concession] = Field(default_factory=list)
    deferred_to_superior: int = 0
    awaiting_superior: bool = False
    pressure_events: int = 0
    escalations: int = 0
    injections: int = 0
    limit_probes: int = 0
    stalled_rounds: int = 0
    last_moves: list[str] = Field(default_factory=list)
    recent_lines: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)  # subjects raised so far (the seller's question topics)
    agreement: dict[str, float] | None = None
    ended: str | None = None  # agreement | walk_away | trainee_ended | time | persona_walked

    def remember_move(self, move: str) -> None:
        self.last_moves = (self.last_moves + [move])[-12:]

    def remember_line(self, key: str) -> None:
        self.recent_lines = (self.recent_lines + [key])[-30:]

    def summary(self, currency: str) -> str:
        """Facts so far, in words, for a long session's rolling summary (numbers here were said aloud)."""
        parts = [f"Stage: {self.stage}."]
        if self.trainee_first_price is not None:
            parts.append(f"The seller first asked {self.trainee_first_price:g} {currency}; latest {self.trainee_price:g} {currency}.")
        if self.persona_first_price is not None:
            parts.append(f"You first proposed {self.persona_first_price:g} {currency}; latest {self.persona_price:g} {currency}.")
        if self.deferred_to_superior:
            parts.append("You have already said you must consult your superior.")
        if self.escalations:
            parts.append("The seller tried to go over your head.")
        return " ".join(parts)
