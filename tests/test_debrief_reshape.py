"""A proposal reshaped after "that may be a little difficult" is no discount into the signal (coach.debrief.reshape).

Four skilled sellers of the development pairs (dev5, dev7, dev8, dev11) lost 18-20 cultural-reading points for changing
the proposal after an indirect no ("let me make a different proposal", "maybe another shape, then", priced options,
"which part is the problem?"); the thirteen poor sellers' drops after an indirect refusal all still count.
"""
from __future__ import annotations

import pytest

from coach.debrief.reshape import article, reshaped_package, reshapes
from tests.test_price_readings import _debrief


@pytest.mark.parametrize("text, acts, reshaped", [
    ("Then let me make a different proposal. Two percent per year from the second year, with a starting price of 1,450 "
     "yen, and four weeks of buffer stock held in Japan.", ["offer"], True),
    ("I understand. Maybe another shape, then: fourteen-forty to start, and one and a half percent every year.", [], True),
    ("120 days I can't carry. At 90 days and half the tooling, 6.00. At 60 days, 5.90.", ["offer"], True),
    ("Then may I ask which part is difficult: the unit price itself, or how it looks next to the others?",
     ["question"], True),
    # a last word, a deadline, a plea, a request to decide or a call to the boss: a discount all the same
    ("OK, OK. 5.80, and we take thirty percent of the tooling. That's my absolute maximum.", ["offer"], False),
    ("Eight weeks, okay, we will find a way. And 1,380 yen if you confirm before Golden Week.", ["offer"], False),
    ("Okay, look, to make it easy: 1,380 yen. That's seven percent off.", ["concession"], False),
    ("I understand. Then 1,350, and two percent a year. So, do we have an agreement?",
     ["question", "commitment_request"], False),
    ("I see... I am very sorry. Then 150. Perhaps I could also speak with your VP of IT Ops?",
     ["question", "escalation"], False),
    ("I'd love to make this work for you. 150 I can do, and a 3% cap.", ["concession"], False),
])
def test_a_reshaped_proposal_is_told_from_a_cave(text, acts, reshaped):
    assert reshapes(text, acts) is reshaped, text


def test_the_article_fits_the_signal():
    assert [article(x) for x in ("indirect refusal", "silence", "hold firm", "postpone")] == ["an", "a", "a", "a"]


SOFT_NO = ("persona", "Hai. ... One and a half percent may be a little difficult.")


def test_a_different_proposal_after_a_soft_no_earns_credit_not_a_discount_penalty(registry, store, understander):
    result = _debrief(registry, store, understander, "jp-keiretsu-component-supply", [
        ("trainee", "What I can propose: one and a half percent per year from the second year, at 1,480 yen."),
        SOFT_NO,
        ("trainee", "Then let me make a different proposal. Two percent per year from the second year, with a starting "
                    "price of 1,450 yen, and four weeks of buffer stock held in Japan by our logistics partner."),
    ])
    cr = result.dimensions.cultural_reading.evidence
    assert [e for e in cr if e.turn == 3 and "by changing the proposal" in e.note and e.effect > 0], cr
    assert not [e for e in cr if "with a discount" in e.note], cr


def test_a_lower_figure_called_final_after_a_soft_no_is_still_a_discount(registry, store, understander):
    result = _debrief(registry, store, understander, "jp-keiretsu-component-supply", [
        ("trainee", "What I can propose: one and a half percent per year from the second year, at 1,480 yen."),
        SOFT_NO,
        ("trainee", "OK, OK. 1,400 yen, that is really our final price."),
    ])
    cr = result.dimensions.cultural_reading.evidence
    assert [e for e in cr if e.turn == 3 and e.note.endswith("answered an indirect refusal with a discount")
            and e.effect < 0], cr


@pytest.mark.parametrize("text, trade", [
    ("Fourteen hundred twenty at sixty days. Fourteen hundred at thirty.", True),
    ("Ninety hurts, Mr. Hamad. At nine thousand I can be at one-oh-six. At eleven thousand, one-oh-one.", True),
    ("Sixty days — at fourteen-thirty, no. At fourteen-fifty, sixty days works.", True),
    ("Net sixty I can do if the uplift cap is five. At three percent, I need to stay at net forty-five.", True),
    ("Ninety days we can accept, if the unit price stays at 6.25.", True),
    # a deadline or a decision as the condition buys speed, not value; test conditions are no options
    ("I can go to 285 if we have a decision before Ramadan.", False),
    ("Okay, I can accept 265 if we can sign before Ramadan. That is really our best.", False),
    ("Measured at 20 °C and at 65 °C, rated torque 110 newton-metres. Result: 0.7 at 20 °C, 0.85 at 65 °C.", False),
    ("I can do this if it helps you.", False),
])
def test_terms_laid_out_as_options_or_given_on_a_condition_are_a_trade(text, trade):
    from coach.debrief.reshape import conditional_terms
    assert conditional_terms(text) is trade, text


def test_options_on_payment_are_read_as_a_trade_not_ground_given(registry, store, understander):
    result = _debrief(registry, store, understander, "de-machinery-drive-components", [
        ("trainee", "Our price is 1,480 per gearbox, payment at thirty days."),
        ("persona", "We need sixty days payment. That is our standard."),
        ("trainee", "Sixty days is possible at fourteen-twenty. At thirty days, fourteen-oh-five. Your choice."),
    ])
    value = result.dimensions.value.evidence
    assert not [e for e in value if e.turn == 3 and "without asking anything back" in e.note], value


@pytest.mark.parametrize("text, is_blunt", [
    ("No business at the table, agreed. Thank you both.", False),  # the buyer's own rule, taken up (dev11)
    ("No business talk at dinner, understood.", False),
    ("No, a hundred and twenty days is impossible.", True),
    ("No, no, of course, I didn't mean it like that.", True),
])
def test_taking_up_the_buyers_no_is_not_blunt(text, is_blunt):
    from coach.debrief.wording import blunt
    assert blunt(text) is is_blunt, text


@pytest.mark.parametrize("text, acts, package", [
    ("Then let me change the package rather than argue the same point. 1,450 per module, two percent for three years.",
     ["offer"], True),
    ("120 days I can't carry. At 90 days and half the tooling, 6.00. At 60 days, 5.90.", ["offer"], True),
    # a question beside a lower figure, or no option at all, is no new package: its figure is a concession
    ("I understand. We can go to 260. Is that better for you?", ["concession", "question"], False),
    ("I have no other option, 260 then.", ["concession"], False),
    ("There is no alternative, I drop to 260.", ["concession"], False),
])
def test_a_reshaped_package_says_so_or_lays_out_options(text, acts, package):
    assert reshaped_package(text, acts) is package, text
