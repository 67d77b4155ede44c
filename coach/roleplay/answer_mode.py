"""Whether the persona answers an asked topic openly or stays guarded: the move and the persona decide, and a
guarded line (a refusal of something named: competitors' prices, the budget) is said only about what was asked."""
from __future__ import annotations

import re

from coach.packs.models import Persona
from coach.roleplay.policy import Move
from coach.roleplay.state import NegotiationState

# topics a low-directness persona keeps close until the relationship has grown (the decision process, the volumes and
# the contract were too: the independent development items asked for those answers in 16 of 25 such turns, and a
# deferral of them read as a dodge; the price and the competition stay close)
SENSITIVE = {"price", "competitors"}
# a sensitive topic's guarded lines each decline something named ("Other suppliers' prices I cannot share"); when none
# is this close to the question (closeness as in coach.roleplay.answers) while an open answer is OPEN_NEAR, the seller
# asked something the buyer can say ("what does your current supplier do well?") and a refusal reads as a non sequitur
GUARDED_FAR = 0.40
OPEN_NEAR = 0.60
# ... unless the question asks to name the others or their prices, which is what the guarded lines decline ("Which
# Japanese makers did you ask?", "Did the domestic suppliers include commissioning in their price?")
_NAMES_OR_PRICES = re.compile(r"\b(?:which|what|who)(?: other)?(?: [\w-]+)? (?:makers?|suppliers?|compan(?:y|ies)|vendors?|"
                              r"competitors?|brands?|bidders?)\b|\bwho else\b|\btheir (?:prices?|quotes?|quotations?|offers?|bids?)\b",
                              re.I)


def answer_mode(topic: str, move: Move, st: NegotiationState, persona: Persona,
                closeness: dict[str, list[float]] | None = None, said: str = "") -> str:
    """open: a real answer; guarded: on the topic but not (yet)."""
    tr = persona.traits
    if move.name in ("defer", "postpone"):
        return "guarded"
    gate = 0.2 + 0.4 * tr.relationship_need
    if topic in SENSITIVE and tr.directness < 0.5 and st.rapport < gate:
        guarded, open_ = (closeness or {}).get(f"guarded:{topic}"), (closeness or {}).get(topic)
        if guarded and open_ and max(guarded) < GUARDED_FAR and max(open_) >= OPEN_NEAR and not _NAMES_OR_PRICES.search(said):
            return "open"
        return "guarded"
    return "open"
