"""Pressure is put on the buyer; the seller's own dated next step is a commitment, not a deadline on the buyer."""
from __future__ import annotations

import pytest

from coach.understanding.pressure import on_the_buyer
from coach.understanding.rules import clean_text


@pytest.mark.parametrize("text, pressing", [
    ("Please answer by Tuesday. After that the price is not valid.", True),
    ("This price holds until Thursday.", True),
    ("Other distributors are interested too, so if I don't hear from you by Thursday the territory goes to them.", True),
    ("Greg, your forecast goes to CFO in three days. Approve 300K now, or I have no deal to forecast.", True),
    ("Our capacity for next spring is filling up quickly.", True),
    ("I can hold this price until Friday.", True),       # the head may read a commitment too: the pressure stays
    ("I'll keep this offer open until Friday.", True),
    ("The discount ends on Friday.", True),
    ("We must have your answer on Monday.", True),
    ("Next week I won't be able to offer this price.", True),
    # the seller's own dated steps
    ("A one-page update every other Friday. The first one goes out this Friday with the gate calendar. If purchasing "
     "slips past week 6, I flag it the same day, not at quarter end.", False),
    ("I'll send the revised offer with the test report by Wednesday.", False),
    ("You will have the summary in Japanese before Golden Week.", False),
])
def test_what_puts_the_buyer_under_pressure(text, pressing):
    assert on_the_buyer(clean_text(text)) is pressing


def test_the_sellers_own_dated_steps_are_not_read_as_pressure(understander, registry):
    """The head reads dates and urgency in both; without anything on the buyer, the commitment stands alone."""
    u = understander.read("A one-page update every other Friday: which gate we're at, date of the next meeting, what "
                          "changed, any risk. The first one goes out this Friday with the gate calendar. If purchasing "
                          "slips past week 6, I flag it the same day, not at quarter end.",
                          registry.scenarios["hq-explain-market-uncertainty"],
                          "Good. What do I get from you between now and then?")
    assert "own_commitment" in u.acts and "pressure" not in u.acts, u.confidence
    threat = understander.read("This price holds until Friday. After that, list price.",
                               registry.scenarios["kr-auto-bracket-supply"])
    assert "pressure" in threat.acts, threat.confidence


@pytest.mark.parametrize("text, on_buyer", [
    ("Our offer stays valid for 120 days, so the committee has time before or after Ramadan.", False),
    ("The committee meets before Chuseok, I understand.", False),
    ("Can you confirm the order by Monday?", True),
])
def test_a_committee_is_not_a_commitment_asked_by_a_date(text, on_buyer):
    from coach.understanding.pressure import on_the_buyer
    assert on_the_buyer(text) is on_buyer


@pytest.mark.parametrize("text", ["I'll get my director's approval by Friday.",
                                  "Take your time, the decision can wait until after Ramadan."])
def test_the_sellers_own_steps_are_no_pressure(text):
    from coach.understanding.pressure import on_the_buyer
    assert not on_the_buyer(text)
