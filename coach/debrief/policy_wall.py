"""Answering a local request with a global policy: "our price is the same in every market", "we don't do annual price
reductions, it is company policy", "our standard contract is one year, non-exclusive, the same in all our markets".

Where the buyer's market treats the request as normal (the yearly cost-down in Japanese and Korean supply chains,
harvest-linked terms for a Brazilian dealer, exclusivity for a Gulf distributor), a rule read out in place of an answer
tells the buyer the seller has not asked why he asks (Trompenaars & Hampden-Turner, Riding the Waves of Culture, 1997:
universalist and particularist cultures; Meyer, The Culture Map, 2014: persuading). How much it costs is the market's
`policy_wall` weight. In the development pairs 22 poor sellers' turns said it and one skilled seller's, about the buyer's
own procurement policy (the buyer's policy is not the seller's wall).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.debrief.detectors import Event, TurnView
    from coach.packs.models import DebriefWeights

# the seller's own rule: "that's company policy", "our policy is no annual reductions", "head office policy", "Sixty is
# our policy" (not the buyer's: "your procurement policy", "the group's policy")
_OUR_POLICY = re.compile(r"(?<!your )(?<!their )\b(?:our|company|corporate|head[- ]office|headquarters'?|hq)\s+"
                         r"(?:(?:pricing|payment|contract|commercial|global|standard|sales)\s+)?polic(?:y|ies)\b"
                         r"|\b(?:it|that)(?:'s| is) (?:only |just |simply )?policy\b", re.I)
# one price or contract for the whole world: "the same in every market", "the same everywhere in the world", "two
# thousand four hundred is our global list", "our price is our price"
_SAME_EVERYWHERE = re.compile(r"\bthe same (?:price |terms |contract )?(?:in|for|across|to) (?:every|all|each)(?: of)?(?: our)? "
                              r"(?:markets?|countr(?:y|ies)|customers?|clients?|regions?)\b"
                              r"|\b(?:the )?same everywhere\b|\bour global (?:price ?)?list\b|\bour price is our price\b", re.I)
# the request ruled out as a category: "we don't do annual price reductions", "no annual reduction", "no exceptions"
_NOT_DONE_HERE = re.compile(r"\bwe (?:don'?t|do not|never) (?:do|give|offer|make|play|grant) (?:any )?(?:annual|yearly) "
                            r"(?:price )?(?:reductions?|cost[- ]downs?)\b|\bwe (?:don'?t|do not|never) (?:do|make|play) "
                            r"(?:any )?(?:exceptions|discount games|price games|haggling)\b"
                            r"|\bno (?:annual|yearly) (?:price )?(?:reductions?|cost[- ]downs?)\b|\bno exceptions\b", re.I)
# a rule the seller names and then bends ("our standard is sixty days, but for the harvest we can…") is an answer
_BENDS_IT = re.compile(r"\b(?:but|however|though)\b[^.?!]{0,40}\b(?:for you|in your case|here|we can|i can|let'?s see)\b", re.I)


# ... or one the seller disowns: "I won't defend the dollar price as if it were the same everywhere"
_DISOWNED = re.compile(r"\b(?:won'?t|will not|not|never|isn'?t|as if|instead of|rather than)\b[^.?!;]{0,50}$", re.I)


def hides_behind_policy(text: str) -> bool:
    """The seller answers with his company's rule for every market instead of with something that fits this buyer."""
    if text.rstrip().endswith("?") or _BENDS_IT.search(text):
        return False
    return any(not _DISOWNED.search(text[max(0, m.start() - 60):m.start()])
               for rx in (_OUR_POLICY, _SAME_EVERYWHERE, _NOT_DONE_HERE) for m in rx.finditer(text))


def policy_wall_events(views: list[TurnView], w: DebriefWeights) -> list[Event]:
    """The first such turn, with this market's weight; a named mistake where the weight is −6 or lower."""
    from coach.debrief.detectors import Event, quote
    if not w.policy_wall:
        return []
    for v in views:
        if v.role == "trainee" and hides_behind_policy(v.text):
            return [Event("cultural_reading", v.n, quote(v.text), "answered the buyer's request with a rule for every "
                          "market instead of with something that fits him", w.policy_wall,
                          mistake="Answering a local request with a global policy" if w.policy_wall <= -6 else None,
                          scale="persuading")]
    return []
