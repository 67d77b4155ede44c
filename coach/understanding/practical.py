"""Practical questions about the meeting itself: permission for a small action or a choice of format.

"Mind if I use the whiteboard?", "Shall I share my screen?", "your template or ours?", "CRM note or a one-page
memo?", "Chinese or English for the document?". A real buyer answers such a question in a few words (go ahead,
either works) and carries on; it is not a question about the deal, so no topic answer (decision process, quality)
is said in its place. A question that only starts politely ("may I ask who decides?") is not practical: the asking
verb is excluded, and so is any question about the buyer's numbers, people or process.
"""
from __future__ import annotations

import re

# permission for a small action of the seller's own ("may I ask …" is a polite question, "shall we …" an agenda)
_PERMISSION = re.compile(
    r"\b(?:(?:do|would) you mind if i|mind if i|is it (?:ok|okay|alright|all right|fine) (?:if i|for me to)"
    r"|(?:may|can|could|shall|should) i|do you want me to|would you like me to|^\W*want me to)\s+"
    r"(?:just |quickly |also |briefly )?(?:use|share|put|sketch|draw|write|take notes|record|send|"
    r"switch|open|print|pull up|leave (?:it|them|this|these|a copy)|show (?:you )?(?:my|the) screen|"
    r"speak (?:a (?:bit|little) (?:of )?|in )\w+)\b", re.I)
_MEDIUM = (r"(?:format|template|pdf|slides?|deck|one-pager|one-page\w*|memo|printed|print-?out|hard copy|paper copy|"
           r"screen|whiteboard|flip ?chart|excel|spreadsheet|powerpoint|crm|word file|step files?)")
_LANGUAGE = r"(?:english|chinese|mandarin|japanese|korean|arabic|german|dutch|portuguese|hindi)"
# a choice between two forms of the same material, or the language it comes in
_CHOICE = re.compile(
    r"\b" + _MEDIUM + r"\b[^?]{0,80}\bor\b[^?]{0,60}\b" + _MEDIUM + r"\b"
    r"|\b(?:your|the group's|our) (?:template|format)s? or (?:ours|yours|our own|your own)\b"
    r"|\b(?:which|what) (?:format|template|file type|language)\b"
    r"|\bis there an? (?:preferred |particular |specific )?(?:format|template|language)\b"
    r"|^\W*" + _LANGUAGE + r" or " + _LANGUAGE + r"\b"
    r"|\bin " + _LANGUAGE + r"\b[^?]{0,40}\bor (?:in )?" + _LANGUAGE + r"\b", re.I)
# what makes the question about the deal after all: the buyer's numbers, people, process or the price
_DEAL = re.compile(r"\b(?:budget|price|pricing|discount|target|limit|maximum|minimum|floor|ceiling|who decides|"
                   r"decision|approv\w*|sign(?:s|ed|-off)?|competitor\w*|others? (?:suppliers?|vendors?)|references?|"
                   r"logo|case stud\w*|payment|terms|contract\w*|options?|exclusiv\w*|volume\w*|forecast\w*|samples?)\b"
                   # the buyer asked for its own data or material ("could you send me your forecast as a PDF?")
                   r"|\b(?:could|can|would|will) you (?:send|share|give|provide|forward|email)\b", re.I)
# a question that asks where, why or who is no request for permission ("where should I send the samples?")
_WH_FIRST = re.compile(r"^\W*(?:\w+,\s+)?(?:why|where|when|who|whom|what|how|which)\b", re.I)
_ASKED = re.compile(r"[^.!?]*\?")


def questions(text: str) -> list[str]:
    """The sentences that end with a question mark, or the whole line when none does."""
    return [q.strip() for q in _ASKED.findall(text)] or [text.strip()]


def _practical(q: str) -> bool:
    if _DEAL.search(q):
        return False
    return bool(_CHOICE.search(q) or (_PERMISSION.search(q) and not _WH_FIRST.search(q)))


def practical_request(clean: str) -> bool:
    """The seller asks permission for a small practical action or offers a choice of format: a question a buyer
    answers briefly ("Please, go ahead"), not with an answer about the deal."""
    return any(_practical(q) for q in questions(clean))


def only_practical(clean: str) -> bool:
    """Every question in the turn is a practical one (nothing else asked that needs an answer on its topic)."""
    return all(_practical(q) for q in questions(clean))
