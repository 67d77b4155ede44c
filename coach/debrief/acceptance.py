"""An imported buyer line that plainly accepts: "Deal.", "That works. Send the recap.", "Khalas: one hundred five, ten
thousand, four percent. This I can shake on.", "Combinado."

Imported transcripts carry no engine move, so the buyer's move is inferred from the words it shares with the persona's
phrase bank (coach.debrief.detectors.infer_move), and a plain yes shares few of them: on the development pairs 11 such
lines, all on the skilled side, read as a refusal, a deflection or small talk, and the outcome said "no agreement".
A yes with a condition ("make it 280 and we have a deal", "for me we have a deal, but my father…"), a question, or a
postponement ("That works. I'll take the options back to the team") is none, and only the second half of the talk
counts (an early "(laughs) Deal." answers a joke, not an offer). A yes-word that restates the terms and sets their
follow-through is a plain yes too: "Fine. Close week 17, 55 percent, 270 plus 30 gated. Put the milestones in the CRM."
"""
from __future__ import annotations

import re

_PLAIN_YES = re.compile(
    r"(?:^|[.!?:;]\s+|\)\s*)(?:(?:ok(?:ay)?|vale|fine|good|right|yes),?\s+)?(?:deal|agreed|done(?: deal)?|khalas|fechado|combinado|abgemacht|trato hecho|"
    r"that works(?: for (?:us|me))?|let'?s do it)\s*[.,!]|"
    r"\b(?:(?:we|you|then we) have a deal|(?:it'?s|that'?s) a deal|(?:you'?ve|you have) got (?:yourself )?a deal|done deal|"
    r"(?:this|that) (?:i|we) can (?:shake (?:hands )?on|sign|accept|live with)|(?:i|we) can shake (?:hands )?on (?:it|that|this)|"
    r"let'?s shake (?:hands|on it)|shake hands on (?:it|that)|let'?s do it|we(?:'ll| will)? (?:take it(?! (?:to|back|up|before|home|with)\b)|sign)\b|"
    r"(?:we|i) accept (?:your|the) (?:offer|proposal|terms|price)|(?:we|i) go with (?:this|that|it|you)\b|we'?re in\b)",
    re.I)
_NOT_YET = re.compile(
    r"\b(?:if|provided|as long as|on condition|only when|make it|unless|for me|subject to|in principle|once|after|"
    r"desde que|no deal|not a (?:good )?deal)\b|"
    r"\bbut (?:the |my |our )?(?:father|boss|director|committee|chairman|md|managing director|board|ceo|rest|contract|"
    r"legal|lawyers?)\b|\b(?:take|bring) (?:it|this|that|the \w+|options|them) back\b|\bcome back (?:to you|on)\b|"
    r"\bget back to you\b|\bcheck (?:with|internally)\b|\bstudy it\b|"
    # "Okay. We'll take it to the MT.": taken to the people who decide
    r"\b(?:take|bring|present|put) (?:it|this|that|the \w+|them) (?:to|before|up with) (?:the |my |our )?(?:mt|management|board|"
    r"committee|team|boss|director|father|family|chairman|ceo|md|leadership|partners?|(?-i:[A-Z]\w+))\b", re.I)


# "Fine. 250 approved, 300 ceiling with my sign-off. 50% at week 18. Put it in the CRM today." (an HQ director's yes)
_YES_WORD = re.compile(r"^\W*(?:fine|ok(?:ay)?|good|alright|all right|agreed|perfect|excellent)\b[.!,:;\u2014-]", re.I)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_FOLLOW_THROUGH = re.compile(
    r"\b(?:put (?:it|that|this|them|the [\w-]+(?: [\w-]+)?) (?:in|into|on)|send (?:me |us )?(?:the |a )?(?:contract|recap|"
    r"paperwork|po|minutes|draft|summary|agreement)|write (?:it|that) (?:up|down)|(?:let'?s|we'?ll) (?:sign|paper|draft|write)|"
    r"(?:i'?ll|we'?ll) (?:sign|approve|book|log|record))\b", re.I)


def accepts_plainly(text: str) -> bool:
    """The buyer says yes to the terms on the table, with no condition, question or postponement in the line: a word
    of agreement, or a yes-word that restates the terms (two figures or more) and sets their follow-through."""
    t = text.strip()
    if _NOT_YET.search(t) or "?" in t:
        return False
    restated = _YES_WORD.search(t) and len(_FIGURE.findall(t)) >= 2 and _FOLLOW_THROUGH.search(t)
    return bool(_PLAIN_YES.search(t) or restated)
