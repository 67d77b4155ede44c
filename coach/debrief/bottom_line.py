"""Background before the bottom line: the buyer asked a question and the seller announces context first.

A principles-first or high-context habit ("Before I answer, I think it is important to explain some background about
the Korean market") reads as an evasion to an applications-first buyer who asked "where are we really?" (Meyer, The
Culture Map, 2014: persuading and communicating scales). What it costs is the market's `context_before_answer` weight
(0 where context first is the norm). Counted once, only when the turn itself gives no figure, date or checkable fact.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.debrief.detectors import Event, TurnView
    from coach.packs.models import DebriefWeights, Persona

_CONTEXT = r"(?:background|context|history|culture|situation|big picture)"
_EXPLAIN = (r"(?:explain(?: you)?|give you|share|describe|walk you through|tell you (?:about|a little about)|set out|"
            r"lay out)")
_SOME = r"(?:(?:some|a (?:little )?bit of|a little|the|a few words (?:of|on|about)) )?"
# "before I answer", "before the numbers", "before we talk numbers": only an announcement when background follows
_BEFORE = re.compile(
    r"\bbefore (?:I (?:answer|give you (?:the|my|an?) (?:answer|numbers?|figures?|forecast|bottom line))|answering|"
    r"(?:we|I) (?:get|come|go|talk)(?: (?:in)?to)? (?:the )?(?:numbers?|figures?|forecast|answer|bottom line|details)|"
    r"going (?:in)?to (?:the )?(?:numbers?|figures?|details)|(?:the|any) (?:numbers?|figures?|forecast|bottom line))\b",
    re.IGNORECASE)
_BACKGROUND_WORDS = re.compile(rf"\b{_CONTEXT}|\bexplain\b|\ba word (?:on|about)\b|\bhow (?:they|\w+) (?:buy|decide|work)s?\b",
                               re.IGNORECASE)
_ANNOUNCED = re.compile(
    rf"\b(?:first(?: of all)?|to begin(?: with)?|to start(?: with)?|let me first|I (?:need|want|would like) to first),? "
    rf"(?:(?:let me|I (?:need|want|would like|have|must) to|I think (?:it is|it's) (?:important|necessary|useful) to) )?"
    rf"{_EXPLAIN} {_SOME}(?:\w+ )?{_CONTEXT}\b|"
    rf"\b(?:it is|it's) (?:important|necessary|essential) (?:for you )?to (?:{_EXPLAIN}|understand) {_SOME}(?:\w+ )?"
    rf"{_CONTEXT}\b|"
    rf"\b(?:want|need|would like) you to understand the {_CONTEXT} (?:first|before)\b",
    re.IGNORECASE)
# an answer said before the announcement: "Not this quarter.", "Probably not.", "No.", "55 percent", "16 weeks"; not a
# polite "Yes, I understand your question" nor a year or quarter said back from the question
_ANSWERED = re.compile(r"\bnot (?:this|that|next) (?:quarter|month|year|week|time)\b|\b(?:probably|definitely|certainly|"
                       r"honestly) (?:not|yes)\b|^\W*no(?: way)?\b[,.!]|\d+\s*(?:%|percent|per cent|weeks?|days?|months?|k\b|"
                       r"thousand|million)|\bbottom line\b", re.IGNORECASE)


def background_first(text: str) -> bool:
    """The seller announces background or context before the answer ("Before I answer, some background on the market",
    "First let me explain the context"). Not a turn that leads with the answer and explains after it, nor "before I
    answer, can I ask…" (no background follows)."""
    m = _ANNOUNCED.search(text)
    if m is None:
        b = _BEFORE.search(text)
        if b is None or not _BACKGROUND_WORDS.search(text, b.end(), b.end() + 140):
            return False
        m = b
    # the answer already given before the announcement ("Not this quarter. Before I give you the forecast, ...")
    return not _ANSWERED.search(text[:m.start()])


def background_first_events(views: list[TurnView], persona: Persona, w: DebriefWeights) -> list[Event]:
    """The first answer to a buyer's question that announces background and gives no figure, date or checkable fact,
    with this market's weight; a named mistake where the weight is -6 or lower."""
    from coach.debrief.detectors import Event, quote
    from coach.debrief.wording import _DATA
    if not w.context_before_answer:
        return []
    for prev, v in zip(views, views[1:]):
        if prev.role == "persona" and v.role == "trainee" and ("?" in prev.text or prev.asks_business()) \
                and background_first(v.text) and not _DATA.search(v.text):
            return [Event("communication", v.n, quote(v.text), f"background before the answer {persona.name} asked for "
                          f"(turn {prev.n})", w.context_before_answer,
                          mistake="Background before the bottom line" if w.context_before_answer <= -6 else None,
                          scale="persuading")]
    return []
