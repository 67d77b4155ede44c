"""The shared vocabulary (culture scales, deal topics, moves, stages), loaded from taxonomy.yaml.

`taxonomy.yaml` is a packaged copy of `../shared/taxonomy.yaml` (a test keeps them equal).
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Literal

import yaml

ScaleId = Literal[
    "communicating", "evaluating", "persuading", "leading",
    "deciding", "trusting", "disagreeing", "scheduling",
]
TopicId = Literal["contract", "pricing", "hospitality", "calendar", "language", "headquarters", "followup"]

# Where in a deal a case or a persona behaviour sits.
StageId = Literal["first_meeting", "opening", "exploring", "bargaining", "closing", "after_signature", "follow_up"]
NEGOTIATION_STAGES: tuple[str, ...] = ("opening", "exploring", "bargaining", "closing")

# The persona moves the role-play engine chooses from; each persona's phrase bank is keyed by them.
MoveId = Literal[
    "greet", "small_talk", "hospitality", "ask", "inform", "counter", "hold_firm", "concede",
    "defer", "silence", "indirect_refusal", "direct_refusal", "request_detail", "push_agenda",
    "conditional_accept", "accept", "postpone", "walk_away", "farewell", "deflect", "stay_in_role",
]
REQUIRED_MOVES: tuple[str, ...] = (
    "greet", "small_talk", "ask", "counter", "hold_firm", "concede", "defer", "silence",
    "indirect_refusal", "request_detail", "conditional_accept", "accept", "postpone",
    "walk_away", "farewell", "deflect", "stay_in_role",
)
# Slots a phrase-bank line may contain; the engine fills them.
PHRASE_SLOTS: frozenset[str] = frozenset(
    {"price", "counter", "superior", "committee", "company", "product", "issue", "date", "seller", "name", "volume"}
)
# Answer and acknowledgement lines use the public slots only (never a counter or an issue picked by the engine);
# {given} is what the seller's latest turn put on the table besides the price ("90 days from invoice")
REPLY_SLOTS: frozenset[str] = frozenset(
    {"price", "superior", "committee", "company", "product", "seller", "name", "volume", "given"}
)
# What the seller may ask about (the understanding layer's question topics); a persona answers each
QuestionTopic = Literal[
    "decision_process", "timeline", "priorities", "volumes", "quality", "delivery", "payment", "price",
    "competitors", "people", "local_content", "references", "relationship", "contract", "other",
]
QUESTION_TOPICS: tuple[str, ...] = QuestionTopic.__args__  # type: ignore[attr-defined]
# What a persona registers before its move ("Thank you for the price; we will look at it with the team.")
AckKind = Literal[
    "greeting", "small_talk", "compliment", "apology", "invitation", "offer", "trade", "concession", "commitment",
    "question", "information", "pressure", "walk_away", "escalation", "practical", "agreement", "visit",
]
# every persona with answer banks has these; walk_away and escalation are optional (the move alone reacts), and
# so are practical (the brief yes / either-works to "mind if I share my screen?", "your template or ours?") and
# agreement ("Good, then we are agreed on that." to the seller's "Yes, agreed."; without it the commitment lines serve)
# and visit (an invitation to see the seller's plant or a reference site: "Seeing it run would help our engineers";
# without it the invitation lines serve, which are written for meals)
ACK_KINDS: tuple[str, ...] = AckKind.__args__[:12]  # type: ignore[attr-defined]


@lru_cache(maxsize=1)
def taxonomy() -> dict:
    """The raw taxonomy mapping (scales and topics with their descriptions)."""
    text = files("coach.packs").joinpath("taxonomy.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def scale_ids() -> tuple[str, ...]:
    return tuple(taxonomy()["scales"])


def topic_ids() -> tuple[str, ...]:
    return tuple(taxonomy()["topics"])
