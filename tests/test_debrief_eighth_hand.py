"""Readings the eighth debrief development split asked for (twenty-third session): spoken prices in thousands that open a
sentence or follow "it's" / "special:", a small word price after the buyer named the price, a fallback the seller "stays
at", figures beside a probe no sentence makes, going around the buyer (a threat, a senior, a relative), a yes reported
as "on track", a criticism granted, and pressing the buyer to decide alone."""
from __future__ import annotations

import pytest

from coach.debrief.yes_reading import presses_to_decide_alone, reads_a_yes, takes_the_point
from coach.understanding.rules import senior_goes_around

from tests.test_price_readings import _debrief


@pytest.mark.parametrize("scenario, text, before, price", [
    ("nl-warehouse-automation-service", "He says for De Vaart, special: three-sixty. But don't tell anybody.", None, 360000),
    ("nl-warehouse-automation-service", "Take the monitoring out and it's three-ninety-five.", None, 395000),
    ("nl-warehouse-automation-service", "Three-eighty-five with an exit tied to response performance.", None, 385000),
    ("nl-warehouse-automation-service", "It's three-thirty, shall we take a break?", None, None),  # the time of day
    ("nl-warehouse-automation-service", "Three hundred technicians work for us in the Benelux.", None, None),
    ("ae-trading-house-distribution", "Eighty-eight, you want to kill me. For you, ninety-eight.",
     "Suresh has sold appliances here for twenty-two years. Anyway. Price. Eighty-eight.", 98),
    ("ae-trading-house-distribution", "We can do ninety.", "The price is fine. On payment we need more days.", None),
    ("sa-utility-smart-meter-supply", "On price, I can go to 284 if payment is sixty days after acceptance; at ninety days "
     "I stay at 290.", None, 284),
    ("sa-utility-smart-meter-supply", "OK, OK — 272. And if needed, even 260. Just tell me what you need.", None, 260),
    ("sa-utility-smart-meter-supply", "Is it closer to 250 or to 300? Just a feeling.", None, None),  # a probe's figures
])
def test_prices_the_eighth_hand_said(understander, registry, scenario, text, before, price):
    got = understander.read(text, registry.scenarios[scenario], before=before).price
    assert got == price


@pytest.mark.parametrize("text, around", [
    ("Our CEO is visiting Tokyo next month — he could call Ishikawa-san directly and explain our strategy.", True),
    ("Eng. Faisal, you know my cousin works in Dr. Khalid's office. Maybe I ask him to mention us.", True),
    ("I'll send everything, and I'll ask my cousin to put in a good word as well.", True),
    ("Our managing director will call you directly tomorrow.", False),  # the buyer himself
    ("Our CEO would be honoured to meet your chairman.", False),  # a peer meeting
    ("My friend recommended this restaurant, we should talk to them about a table.", False),
])
def test_going_around_the_buyer(text, around):
    assert senior_goes_around(text) is around


def test_a_senior_going_around_reads_as_an_escalation(understander, registry):
    und = understander.read("To be honest, we'd like to move faster. Our CEO is visiting Tokyo next month — he could call "
                            "Ishikawa-san directly and explain our strategy.", registry.scenarios["jp-keiretsu-component-supply"])
    assert "escalation" in und.acts


@pytest.mark.parametrize("text, yes", [
    ("Inshallah! Great, so we're on track. I'll tell my headquarters we close this quarter.", True),
    ("So we are on track to send the samples by May.", False),
    ("I will tell my boss we close the gap on delivery next month.", False),
    ("If the committee agrees, I'll tell my HQ we close in May.", False),
])
def test_a_yes_reported_as_on_track(text, yes):
    assert reads_a_yes(text) is yes


def test_granting_a_criticism_and_pressing_to_decide_alone():
    assert takes_the_point("You're right, sorry, that was a brochure answer. Four hours guaranteed, around the clock.")
    assert not takes_the_point("Great, so we have a deal.")
    assert presses_to_decide_alone("Come on, Sanne, you're the operations manager — you can decide this yourself.")
    assert presses_to_decide_alone("Surely you don't need the committee for a change this small.")
    assert not presses_to_decide_alone("You can decide the delivery slots; we'll adapt.")


def test_the_eighth_hands_look_alikes_in_a_whole_debrief(registry, store, understander):
    """Granting the buyer's "that's not a number" is no yes read into a refusal; pressing her to decide alone after she
    deferred to her team is a push, not patience; a figure that opens the sentence is the price conceded."""
    skilled = _debrief(registry, store, understander, "nl-warehouse-automation-service", [
        ("persona", "Mark wants to know your response time."),
        ("trainee", "We'll always be there very quickly, that's really our strength."),
        ("persona", "That's not a number."),
        ("trainee", "You're right, sorry, that was a brochure answer. Four hours guaranteed, around the clock."),
    ])
    assert not [e for e in skilled.dimensions.cultural_reading.evidence if "as a yes" in e.note], \
        skilled.dimensions.cultural_reading.evidence
    poor = _debrief(registry, store, understander, "nl-warehouse-automation-service", [
        ("persona", "Price. Four-twenty a year."),
        ("trainee", "Wait, let me call my boss. OK. He says for De Vaart, special: three-sixty."),
        ("persona", "We don't sign before the team and the MT have seen it."),
        ("trainee", "Come on, Sanne, you're the operations manager — you can decide this yourself."),
    ])
    assert [e for e in poor.dimensions.cultural_reading.evidence if e.turn == 4 and "pushed" in e.note], \
        poor.dimensions.cultural_reading.evidence
    assert [e for e in poor.dimensions.value.evidence if "below your own floor" in e.note], poor.dimensions.value.evidence
