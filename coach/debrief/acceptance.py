"""An imported buyer line that plainly accepts: "Deal.", "That works. Send the recap.", "Khalas: one hundred five, ten
thousand, four percent. This I can shake on.", "Combinado."

Imported transcripts carry no engine move, so the buyer's move is inferred from the words it shares with the persona's
phrase bank (coach.debrief.detectors.infer_move), and a plain yes shares few of them: on the development pairs 11 such
lines, all on the skilled side, read as a refusal, a deflection or small talk, and the outcome said "no agreement".
A yes with a condition ("make it 280 and we have a deal", "for me we have a deal, but my father…"), a question, or a
postponement ("That works. I'll take the options back to the team") is none, and only the second half of the talk
counts (an early "(laughs) Deal." answers a joke, not an offer).
"""
from __future__ import annotations

import re

_PLAIN_YES = re.compile(
    r"(?:^|[.!?:;]\s+|\)\s*)(?:(?:ok(?:ay)?|vale|fine|good|right|yes),?\s+)?(?:deal|agreed|done(?: deal)?|khalas|fechado|combinado|abgemacht|trato hecho|"
    r"that works(?: for (?:us|me))?|let'?s do it)\s*[.,!]|"
    r"\b(?:(?:we|you|then we) have a deal|(?:it'?s|that'?s) a deal|(?:you'?ve|you have) got (?:yourself )?a deal|done deal|"
    r"(?:this|that) (?:i|we) can (?:shake (?:hands )?on|sign|accept|live with)|(?:i|we) can shake (?:hands )?on (?:it|that|this)|"
    r"let'?s shake (?:hands|on it)|shake hands on (?:it|that)|let'?s do it|we(?:'ll| will)? (?:take it|sign)\b|"
    r"(?:we|i) accept (?:your|the) (?:offer|proposal|terms|price)|(?:we|i) go with (?:this|that|it|you)\b|we'?re in\b)",
    re.I)
_NOT_YET = re.compile(
    r"\b(?:if|provided|as long as|on condition|only when|make it|unless|for me|subject to|in principle|once|after|"
    r"desde que|no deal|not a (?:good )?deal)\b|"
    r"\bbut (?:the |my |our )?(?:father|boss|director|committee|chairman|md|managing director|board|ceo|rest|contract|"
    r"legal|lawyers?)\b|\b(?:take|bring) (?:it|this|that|the \w+|options|them) back\b|\bcome back (?:to you|on)\b|"
    r"\bget back to you\b|\bcheck (?:with|internally)\b|\bstudy it\b", re.I)


def accepts_plainly(text: str) -> bool:
    """The buyer says yes to the terms on the table, with no condition, question or postponement in the line."""
    t = text.strip()
    return bool(_PLAIN_YES.search(t)) and not _NOT_YET.search(t) and "?" not in t
