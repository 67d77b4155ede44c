"""The ids the understanding layer speaks: dialogue acts and deal topics of a seller's utterance."""
from __future__ import annotations

ACTS: tuple[str, ...] = (
    "greeting", "small_talk", "relationship", "compliment", "apology", "empathy", "question", "information", "vague",
    "offer", "concession", "trade_proposal", "own_commitment", "pressure", "commitment_request", "escalation",
    "agreement", "walk_away", "limit_probe", "injection", "silence", "agenda_push", "competitor_disparagement",
    "invitation",
)
TOPICS: tuple[str, ...] = (
    "decision_process", "timeline", "priorities", "volumes", "quality", "delivery", "payment", "price",
    "competitors", "people", "local_content", "references", "relationship", "contract", "other",
)
# the pairs that keyword rules confuse most; the eval reports them on their own
CONFUSABLE: tuple[tuple[str, str], ...] = (
    ("own_commitment", "pressure"), ("trade_proposal", "offer"), ("trade_proposal", "concession"),
    ("small_talk", "relationship"), ("limit_probe", "question"),
)
# when one act must stand for the turn (stored as the turn's act, used by the engine's fallbacks)
PRIORITY: tuple[str, ...] = (
    "injection", "limit_probe", "walk_away", "agreement", "escalation", "pressure", "trade_proposal", "concession",
    "offer", "commitment_request", "own_commitment", "apology", "question", "agenda_push", "invitation", "compliment",
    "relationship", "empathy", "small_talk", "greeting", "competitor_disparagement", "information", "silence", "vague",
)
