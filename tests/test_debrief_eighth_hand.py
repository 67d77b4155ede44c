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
    ("I'll send everything, and I'll ask my cousin to put in a good word as well.", False),  # no one inside named
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


# a reviewer's look-alikes for the readings above (each was read wrong by a first version of them)
@pytest.mark.parametrize("scenario, text, before", [
    ("nl-warehouse-automation-service", "It's four-forty, can we do ten more minutes?", None),
    ("nl-warehouse-automation-service", "How many technicians? Two-fifty, across the country.", None),
    ("nl-warehouse-automation-service", "Four hundred. That's how many sites we maintain in Europe.", None),
    ("nl-warehouse-automation-service", "How many shuttles do we service? Just four hundred.", None),
    ("nl-warehouse-automation-service", "Three-twenty. No way.", "Three-twenty. That is what we can pay."),
    ("nl-warehouse-automation-service", "Three-sixty is our floor, I can't go below.", None),
    ("nl-warehouse-automation-service", "Three-forty is the price Stork gave you, I know.", None),
    ("ae-trading-house-distribution", "Even at eighty-eight, my friend, headquarters says no.", "Price. Eighty-eight."),
    ("ae-trading-house-distribution", "I can do sixty.", "Price we agreed. Credit?"),
    ("sa-utility-smart-meter-supply", "You paid 310 in the last tender. Give me a feeling for your range.", None),
])
def test_no_price_in_the_look_alikes(understander, registry, scenario, text, before):
    assert understander.read(text, registry.scenarios[scenario], before=before).price is None


@pytest.mark.parametrize("text, price", [
    ("I know you asked for 270, but honestly, at this volume we stay at 290.", 290),  # no other term: no fallback
    ("The list is 320; at pilot volumes we stay at 300.", 300),
])
def test_staying_at_a_price_is_a_fallback_only_beside_another_term(understander, registry, text, price):
    assert understander.read(text, registry.scenarios["sa-utility-smart-meter-supply"]).price == price


@pytest.mark.parametrize("text", [
    "If we can't agree on the date, I'll call Maria to reschedule.",
    "If you can't find the file, I'll call Priya and she'll resend it.",
    "If this doesn't close by Friday, I'll talk to Finance on our side.",
    "If we can't settle it today, I'll bring in Jan from our service team.",
    "Otherwise I'll call Monday morning.",
    "If we can't sort it out by email, I'll call Sanne directly.",
])
def test_no_threat_to_go_around_in_the_diary_or_our_own_team(text):
    from coach.understanding.rules import threatens_escalation
    assert not threatens_escalation(text)


@pytest.mark.parametrize("text", [
    "My friend, if you like, I can put in a good word for your team with our headquarters.",
    "My brother, trust me, we will push this through at headquarters.",
    "Our CEO can call me directly and approve this price in five minutes.",
    "Our MD can email the invitation directly to your assistant.",
])
def test_no_back_channel_in_a_form_of_address_or_our_own_side(text):
    assert not senior_goes_around(text)


@pytest.mark.parametrize("text, yes", [
    ("Great, so we're on track with the pilot installation.", False),
    ("I'll tell my boss we close the office on Friday, so the call must be Thursday.", False),
    ("I'll tell my HQ we have the contract draft ready for your legal team.", False),
    ("I will tell our CEO we close in Q3 at the earliest, after your board meets.", False),
    ("Great, so we're on track to sign this quarter.", True),
    ("Perfect, we're on track then.", True),
])
def test_on_track_is_a_yes_only_about_the_deal(text, yes):
    assert reads_a_yes(text) is yes


def test_a_grant_that_goes_ahead_and_a_boss_idiom():
    assert not takes_the_point("Exactly, so we go ahead with the order.")
    assert not takes_the_point("I agree, let's move forward with the contract then.")
    assert takes_the_point("Point taken — four hours, in writing.")
    assert not presses_to_decide_alone("You're the boss, Hamad — take your time and tell me what your father thinks.")
    assert not presses_to_decide_alone("You don't need the team to be present for the demo next week, only you and Mark.")
    assert not presses_to_decide_alone("You can sign it today or next week, whatever suits your process.")
    assert presses_to_decide_alone("Do you really need your father for this? It's only a distributor contract.")


@pytest.mark.parametrize("text, trade", [
    ("If your order is in by Friday and covers 50,000 units, 1,380.", True),
    ("1,380 if the PO is in by the 30th and you commit to three years.", True),
    ("This offer expires on the 30th: 1,380.", False),
    ("1,380 if you sign before the 15th.", False),
    ("Q4 special: 1,380.", False),
])
def test_a_deadline_beside_a_real_ask(text, trade):
    from coach.debrief.wording import trade_in_words
    assert trade_in_words(text, proposal=True) is trade
