"""Background before the bottom line (the sixteenth development hand's cd16-09, a Korean manager reporting to a US
director): announcing context before the answer the buyer asked for costs what the buyer's market says
(`context_before_answer`: US -10, NL -6, DE -4, 0 where context first is the norm), once, and names a mistake whose
case is about it. Leading with the answer and explaining after costs nothing."""
from __future__ import annotations

import pytest

from coach.debrief.bottom_line import background_first

from tests.test_price_readings import _debrief


@pytest.mark.parametrize("text, first", [
    ("Thank you, Greg, the jet lag is okay. Before I answer, I think it is important to explain some background "
     "about the Korean market.", True),
    ("First, let me give you some context on how Hanbit decides.", True),
    ("To begin with, I need to explain the cultural background.", True),
    ("It is important for you to understand the context here.", True),
    ("I want you to understand the context before the numbers.", True),
    ("Before we get to the numbers, a word about how they buy.", True),
    ("Before I give you the forecast, let me explain how they buy.", True),
    ("Not this quarter. Before I give you the forecast details, some context.", False),
    ("Bottom line: 55 percent. Before we get to the numbers in detail, some context.", False),
    ("Before we sign, let me check the delivery.", False),
    ("First, let me give you the number: 55 percent.", False),
    ("I understand the context, Greg.", False),
    ("Before I forget, the CRM is updated.", False),
    # from a second reader: "before I answer" is an announcement only when background follows; a polite "Yes," or a
    # year said back from the question is no answer given
    ("Before I answer, can I ask what volume you are planning for next year?", False),
    ("Before I answer, I need to check with my CFO in Munich.", False),
    ("Before the answer comes from headquarters, we wait. Sorry.", False),
    ("Yes, yes, I understand your question. Before I answer, some background about our company.", True),
    ("About the 2025 forecast: before I answer, let me explain some background first.", True),
    ("We are not in a hurry. First, let me explain the context of this deal.", True),
    ("Before I give you the numbers, some background on how Hanbit buys.", True),
    ("No way, forget it. Before the numbers, I want to share background.", False),
    ("First I need to explain you the background.", True),
    ("Before we talk numbers, a word about the market.", True),
    ("Let me first give you some background.", True),
])
def test_background_announced_before_the_answer(text, first):
    assert background_first(text) is first


_ASKED = "We've got twenty minutes and the CFO is asking about Hanbit. CRM says this quarter. Where are we really?"
_CONTEXT = ("Thank you. Before I answer, I think it is important to explain some background about the Korean market: "
            "decisions are collective and relationships with local vendors are strong.")


def test_a_us_director_asked_where_we_are_and_got_background(registry, store, understander):
    result = _debrief(registry, store, understander, "hq-explain-market-uncertainty",
                      [("persona", _ASKED), ("trainee", _CONTEXT)])
    hits = [e for e in result.dimensions.communication.evidence if "background before the answer" in e.note]
    assert [(e.turn, e.effect) for e in hits] == [(2, -10)], result.dimensions.communication.evidence
    named = [m for m in result.mistakes if m.title == "Background before the bottom line"]
    assert named and named[0].case_id == "us-theory-before-the-numbers", result.mistakes


def test_the_answer_first_then_the_reasons_costs_nothing(registry, store, understander):
    result = _debrief(registry, store, understander, "hq-explain-market-uncertainty", [
        ("persona", _ASKED),
        ("trainee", "Bottom line: not this quarter; 16 to 20 weeks, 55 percent. The reasons take one minute."),
    ])
    assert not [e for e in result.dimensions.communication.evidence if "background" in e.note]


def test_context_first_costs_nothing_where_it_is_the_norm(registry, store, understander):
    result = _debrief(registry, store, understander, "jp-keiretsu-component-supply", [
        ("persona", "What is the situation with the delivery schedule?"),
        ("trainee", "Before I answer, I think it is important to explain some background about our plant."),
    ])
    assert not [e for e in result.dimensions.communication.evidence if "background" in e.note]
