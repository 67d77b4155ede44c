"""What the understanding layer returns for one seller utterance."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coach.understanding.labels import PRIORITY


@dataclass
class Understanding:
    acts: list[str]
    price: float | None = None
    # the seller's earlier figures in the same line when it steps down again ("160. And actually, if it helps, 150.")
    price_steps: list[float] = field(default_factory=list)
    terms: dict[str, float] = field(default_factory=dict)  # issue id -> value
    numbers: list[float] = field(default_factory=list)
    decoded: str | None = None  # text hidden in base64/rot13/tag characters, when found
    confidence: dict[str, float] = field(default_factory=dict)  # act -> probability (1.0 for rule-decided acts)
    topics: list[str] = field(default_factory=list)
    topic_confidence: dict[str, float] = field(default_factory=dict)
    topic_scores: dict[str, float] = field(default_factory=dict)  # every topic's probability (the learned head only)
    vector: Any = field(default=None, repr=False, compare=False)  # the line's sentence embedding (the learned head only)
    source: str = "rules"  # "model" when the learned head read it, "rules" when only the rule layer did
    elapsed_ms: float = 0.0

    @property
    def main(self) -> str:
        for a in PRIORITY:
            if a in self.acts:
                return a
        return "information"

    def has(self, *acts: str) -> bool:
        return any(a in self.acts for a in acts)

    def to_json(self) -> dict[str, Any]:
        return {
            "acts": [{"act": a, "confidence": round(self.confidence.get(a, 1.0), 3)} for a in self.acts],
            "topics": [{"topic": t, "confidence": round(self.topic_confidence.get(t, 1.0), 3)} for t in self.topics],
            "terms": {**({"price": self.price} if self.price is not None else {}), **self.terms},
            **({"price_steps": self.price_steps} if self.price_steps else {}),
            "numbers": self.numbers, "decoded": self.decoded, "source": self.source,
            "elapsed_ms": round(self.elapsed_ms, 2),
        }
