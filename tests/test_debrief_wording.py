"""Debrief wording detectors: a flat no, a dated ask for the decision and a price against a term, as a fresh hand's
sellers word them (and the look-alikes a reviewer found)."""
from __future__ import annotations

import pytest

from coach.debrief.detectors import TurnView, asks_for_an_answer_by, blunt, traded


@pytest.mark.parametrize("text, is_blunt", [
    ("An annual reduction is not possible for us. This is a fair price from the first day.", True),
    ("Eight weeks is not necessary. Two weeks are sufficient.", True),
    ("I understand, but the logic is simple: our costs do not go down like this.", True),
    ("That's not possible for us.", True),
    ("This isn't realistic.", True),
    ("Is it not possible to split the audit into two visits?", False),   # a question, not a refusal
    ("Which part is not realistic for you?", False),
    ("I hear that eight weeks is not realistic for your plant. What would work?", False),
    ("Four weeks in Nagoya is possible; for the launch we can hold six.", False),
])
def test_a_flat_no_is_blunt_wording(text, is_blunt):
    assert blunt(text) is is_blunt


@pytest.mark.parametrize("text, pushing", [
    ("When can I expect the decision? Our planning needs a clear answer, ideally before Golden Week.", True),
    ("Could we have a quick answer by Friday?", True),
    ("Take the time you need; a clear answer matters more to us than a fast one.", False),
    ("Take your time; there's no need for a final decision before the end of the month.", False),
    ("I'll get you a firm answer from HQ by Monday.", False),                # the seller's own answer
])
def test_asking_for_the_decision_by_a_date_is_pushing(text, pushing):
    assert asks_for_an_answer_by(text) is pushing


@pytest.mark.parametrize("text, is_trade", [
    ("That said: 1,600 committed seats, three years, 162. That's a meaningful move for a term commitment.", True),
    ("162 for a three year term.", True),
    ("162 for a two-year contract.", True),
    ("Thanks for the commitment to the pilot; we can go to 162.", False),
    ("Thank you very much for a great commitment; we go to 162.", False),
    ("We're known for a long-term commitment to our customers, so 162 is our price.", False),
])
def test_a_price_for_a_term_is_a_trade(text, is_trade):
    assert traded(TurnView(n=5, role="trainee", text=text)) is is_trade
