"""How a seller's sentence is worded, for the debrief: a flat no, a dated ask for the buyer's decision, a trade
marker, a price against a term, a promise with no date, room on price shown before anything is asked back.

Regular expressions over one turn's text (English); what the turn does comes from the understanding layer.
"""
from __future__ import annotations

import re

from coach.understanding.reader import split_sentences

_BLUNT = re.compile(r"(^\s*no\b|\bno, (no|that|this|we|it)\b|\byou('re| are) wrong|that'?s (not true|wrong|nonsense|ridiculous)|unacceptable|ridiculous|"
                    r"nonsense|you must|you have to|frankly your|that makes no sense|i don'?t think (that'?s|this is|that is) "
                    r"(correct|right|true)|that'?s (not correct|incorrect))", re.I)
# a flat no to what the buyer asked ("…is not possible for us", "Eight weeks is not necessary"), said as a statement
_FLAT_NO = re.compile(r"\b(?:(?:is|are|'s|'re) (?:simply |just )?not|isn'?t|aren'?t) (?:possible|necessary|needed|realistic)\b|"
                      r"\bthe logic is simple\b", re.I)
_HEARD = re.compile(r"\bi (?:hear|understand|see|know) (?:that|why|how|you)\b|\bfor you\b", re.I)
# asking for the buyer's answer by a date is pushing, however politely it is put ("Can I expect your answer by Friday?")
_ANSWER_BY = re.compile(r"\b(your|an?|the) (clear |final |firm |definite |quick )?(answer|decision|reply|confirmation|signature|go-ahead|approval)\b[^.?!]{0,30}?"
                        r"\b(by|before|until|today|tomorrow|this (week|month))\b", re.I)
_DATED = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today|this (afternoon|evening)|"
                    r"next week|by (noon|the \d|end of)|within (\d+|one|two|three|a) (hours?|days?|weeks?)|\d{1,2}(st|nd|rd|th)|"
                    r"\d{1,2}[./]\d{1,2}|january|february|march|april|may|june|july|august|september|october|november|december)\b",
                    re.I)
# a next step the seller promises with no date: "I'll send everything soon", "…in due course", "As soon as possible."
_UNDATED = re.compile(r"(?:\b(?:i|we)(?:'ll| will| shall| would)\b(?: [\w-]+){0,3}? (?:send|get back|come back|revert|follow up|"
                      r"contact|call|prepare|share|provide|deliver|pull|put|have|let you know|confirm|update|be in touch|"
                      r"check|answer|reply|write)\b[^.?!]{0,50}?|^\W*(?:very )?)\b(?:(?:very )?soon|shortly|in due course|"
                      r"as soon as (?:possible|we can|i can)|asap|in the coming (?:days|weeks)|at some point|"
                      r"when(?:ever)? (?:we|i) can)\b", re.I)


# the seller shows there is more room on price before anything is asked back: "we are very flexible", "tell me the
# price you need and we will make an effort", "maybe a little more on the price, just tell me"
_ROOM = re.compile(r"\b(?:we are|we're|i am|i'm) (?:very |quite |really |totally |completely )?flexible\b(?!\s+(?:on|about|with|"
                   r"regarding|in|for)\b(?![^.?!,]{0,15}\b(?:price|pricing|discount|terms|payment|conditions)\b))|"
                   r"\b(?:tell|give|show) me (?:the|your) (?:price|number|target)\b[^.?!]{0,40}?\b(?:we|i)(?:'ll| will| can)\b"
                   r"[^.?!]{0,20}?\b(?:effort|see what|do (?:my|our) best|try|match|meet|get there|reach)|"
                   r"\bwhatever (?:price|number|target) you\b|\bname your price\b|"
                   r"\b(?:more|lower|better) on (?:the )?price\b[^.?!]{0,20}?\bjust (?:tell|ask)\b", re.I)
_NOT_A_TRADE = re.compile(r"\bif you (?:need|tell|want|would like|like|have any|wish)\b", re.I)


def shows_room(text: str) -> bool:
    """The seller offers more room on price in general, without a trade ("we are very flexible", "tell me your number")."""
    return bool(_ROOM.search(text)) and not TRADE.search(_NOT_A_TRADE.sub("", text))


def undated_promise(text: str) -> bool:
    """A sentence that promises something back with a vague time and names no date or weekday."""
    return any(_UNDATED.search(s) and not _DATED.search(s) for s in split_sentences(text))


TRADE = re.compile(r"\b(if you|provided (that )?you|in return|in exchange|on condition|as long as you)\b"
                   r"|\bif\b[^.?!]{0,40}\b(pay|pays|commit|commits|sign|signs|confirm|confirms|order|orders|take|takes|"
                   r"agree|agrees|accept|accepts|give|gives|share|shares|extend|extends|cover|covers)\b"
                   r"|\bat [\d,.]+ (units|seats|kits|pieces|users|licen[cs]es|tons?|tonnes?)\b"
                   r"|\bif we\b[^.?!]{0,60}\btogether\b|\b(tied|linked) to (a|an|the|your|that)\b", re.I)
# "162, for a term commitment", "162 for a three year term": a price against a commitment (not "thanks for…")
_FOR_A_TERM = re.compile(r"\bfor (?:a|an|the) (?:[\w-]+ ){0,2}(?:term|commitment|contract)\b", re.I)
_NOT_AN_ASK = re.compile(r"\b(?:thank\w*|known|grateful|appreciate\w*)\b[^.;!?]*$", re.I)
# a condition that is only a deadline ("2,100 if we sign this month") buys speed, not value: an exploding offer
_DEADLINE_ONLY = re.compile(r"\bif (you|we) (can )?(sign|confirm|order|close|decide|agree)\w*\b[^.?!,;\d]{0,12}?\b(today|now|tonight|"
                            r"this (week|month|quarter|year)|by (monday|tuesday|wednesday|thursday|friday|the end)|before (the )?end|"
                            r"end of (the )?(week|month|quarter|year))\b", re.I)


def trade_in_words(text: str, proposal: bool = False) -> bool:
    """Does the turn ask something back for what it gives (`proposal`: the understanding layer read a trade)?"""
    rest = _DEADLINE_ONLY.sub(" ", text)
    if rest != text:  # a deadline is the condition: a trade only if something else is asked too
        return bool(TRADE.search(rest))
    return proposal or bool(TRADE.search(text)) or _for_a_term(text)


def _for_a_term(text: str) -> bool:
    m = _FOR_A_TERM.search(text)
    return m is not None and not _NOT_AN_ASK.search(text[:m.start()])


def blunt(text: str) -> bool:
    """Blunt disagreement, or a flat no stated as such (not asked, not said while acknowledging the buyer's view)."""
    if _BLUNT.search(text):
        return True
    return any(_FLAT_NO.search(s) and "?" not in s and not _HEARD.search(s) for s in re.split(r"(?<=[.!?])\s+", text))


# "no need for a final decision before…", "I'll get you a firm answer by Monday": no push on the buyer
_NO_PUSH = re.compile(r"\b(?:no need|don'?t need|do not need|no rush|take your time|i'?ll get you|i will get you|"
                      r"i'?ll give you|you'?ll have|you will have)\b", re.I)


def asks_for_an_answer_by(text: str) -> bool:
    """The seller asks for the buyer's answer or decision by a date."""
    m = _ANSWER_BY.search(text)
    return m is not None and not _NO_PUSH.search(text[max(0, m.start() - 40):m.start()])
