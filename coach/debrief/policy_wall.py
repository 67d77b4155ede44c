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

from coach.understanding.sentences import split_sentences

if TYPE_CHECKING:
    from coach.debrief.detectors import Event, TurnView
    from coach.packs.models import DebriefWeights

# the seller's own rule: "that's company policy", "our policy is no annual reductions", "head office policy", "as per our
# global pricing policy", "company rule", "policy is policy" (not the buyer's: "your procurement policy", "the group's
# policy"; not a policy that is a benefit: "our warranty policy covers labour")
_OUR_POLICY = re.compile(r"(?<!your )(?<!their )\b(?:our|company|corporate|head[- ]office|headquarters'?|hq)\s+"
                         r"(?:(?!privacy|return|warranty|data|security|quality|environmental|travel|refund|sustainability|"
                         r"cancellation)[\w-]+\s+){0,2}polic(?:y|ies)\b|\b(?:company|corporate|head[- ]office|hq)\s+rules?\b"
                         r"|\bwe have an? (?!(?:privacy|return|warranty|data|security|quality|travel|refund)\b)[\w-]+ policy\b"
                         r"|\b(?:it|that)(?:'s| is) (?:only |just |simply )?(?:policy|the rule)\b|\bis (?:company )?rule\b"
                         r"|\bpolicy is policy\b|\brules are rules\b", re.I)
# ... unless the policy is one of doing something or allows something ("it's our policy to send minutes the same day",
# "our policy is to adapt prices to each market", "our company policy allows local terms")
_A_POLICY_OF_DOING = re.compile(r"^\W*(?:is )?to (?!not\b|never\b)\w+|^\W*(?:allows?|lets?|includes?|covers?|permits?)\b", re.I)
# one price or contract for the whole world: "the same in every market", "same price everywhere", "one price worldwide",
# "our global list", "our price is our price", "no exceptions" (in a line about price or terms)
_SAME_EVERYWHERE = re.compile(r"\b(?:the )?same (?:price |terms |contract |conditions )?(?:in|for|across|to) (?:every|all|each)"
                              r"(?: of)?(?: our)? (?:markets?|countr(?:y|ies)|customers?|clients?|regions?)\b"
                              r"|\b(?:the )?same (?:price |terms |contract |conditions )?(?:everywhere|worldwide|globally)\b"
                              r"|\bone price (?:worldwide|everywhere|for (?:everyone|all))\b|\bfor all (?:our )?(?:customers|clients|"
                              r"markets) (?:worldwide|everywhere|globally)\b|\bour global (?:price ?)?list\b|\bour price is our price\b"
                              r"|\bno exceptions\b", re.I)
_ABOUT_TERMS = re.compile(r"\b(?:pric\w*|terms|contract|conditions|discounts?|payment|list|rates?|reductions?|exclusiv\w*|"
                          r"dollars?|euros?|fee)\b", re.I)
# the request ruled out as a category: "we don't do annual price reductions", "no annual reduction" (not a clause)
_NOT_DONE_HERE = re.compile(r"\bwe (?:don'?t|do not|never) (?:do|give|offer|make|play|grant) (?:any )?(?:annual|yearly) "
                            r"(?:price )?(?:reductions?|cost[- ]downs?)\b|\bwe (?:don'?t|do not|never) (?:do|make|play) "
                            r"(?:any )?(?:exceptions|discount games|price games|haggling)\b"
                            r"|\bno (?:annual|yearly) (?:price )?(?:reductions?|cost[- ]downs?)\b(?! clause)", re.I)
# a rule the seller bends for this buyer ("our standard is sixty days, but for you…", "Company policy says 30 days. For
# you, I'll make an exception.", "That said, for your harvest cycle we can do 120", "in your case I will ask them")
_BENDS_IT = re.compile(r"\b(?:for you\b|in your case|for your (?:\w+ )?(?:case|market|harvest|cycle|situation)|make an exception|"
                       r"an exception for|that said|(?<!nothing )(?<!not what )(?:we|i) (?:can|could|will|'ll) (?!not\b)(?:do|make|"
                       r"offer|look|link|go|adapt|"
                       r"give|try|find|structure|work|ask|propose|check)\b)", re.I)
# ... or one the seller disowns: "I won't defend the dollar price as if it were the same everywhere", "I'm not going to
# hide behind company policy"
_DISOWNED = re.compile(r"\b(?:won'?t (?:defend|hide|use|quote)|will not (?:defend|hide|use)|not going to (?:hide|defend|quote|use)|"
                       r"as if|instead of|rather than|hide behind)\b[^.?!;]{0,50}$", re.I)


def _walls(sentence: str) -> bool:
    for m in _OUR_POLICY.finditer(sentence):
        if not _DISOWNED.search(sentence[:m.start()]) and not _A_POLICY_OF_DOING.search(sentence[m.end():]):
            return True
    for m in _SAME_EVERYWHERE.finditer(sentence):
        if not _DISOWNED.search(sentence[:m.start()]) and _ABOUT_TERMS.search(sentence):
            return True
    return any(not _DISOWNED.search(sentence[:m.start()]) for m in _NOT_DONE_HERE.finditer(sentence))


def hides_behind_policy(text: str) -> bool:
    """The seller answers with his company's rule for every market instead of with something that fits this buyer: a
    sentence that states the rule (not one that asks about it), in a line that does not bend it for this buyer."""
    if _BENDS_IT.search(text):
        return False
    return any(_walls(s) for s in split_sentences(text) if not s.rstrip().endswith("?"))


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
