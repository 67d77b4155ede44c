"""An ultimatum or a signature wanted by a date is pressure on the buyer; "we may not be the right supplier" is leaving.

Three development responsiveness lines (dev4) the layer read as an offer, as information or not at all, so the persona
countered a walk-away with a price question and answered an ultimatum with a question about onboarding. The same
signature rule reads seven poor sellers' lines in the development debrief pairs, and no skilled seller's line.
"""
from __future__ import annotations

import pytest

from coach.understanding import pressure
from coach.understanding.rules import clean_text, leaving


def _pressure(text: str) -> bool:
    conf: dict[str, float] = {}
    pressure.read_into(conf, clean_text(text))
    return "pressure" in conf


@pytest.mark.parametrize("text,pressing", [
    ("Sorry Anil, no more free pilots — either we sign by end of February or the April start is just not possible.", True),
    ("Either you confirm this week or the slot goes to another customer.", True),
    ("Either you take it by Friday or the price is off the table.", True),
    ("My director really wants something signed today before I fly back.", True),
    ("We need the contract signed by Friday.", True),
    ("Headquarters needs this signed before Ramadan.", True),
    # options offered, a question, the seller's own signature, a signature with no time: none
    ("Either we sign for one year or for three, as you prefer.", False),
    ("Either we sign a one-year deal or a three-year one, which do you prefer?", False),
    ("We can either sign now or wait until the audit; it is up to you.", False),
    ("Do you need it signed by Friday, or is next week fine?", False),
    ("I'll send you the signed NDA by Friday.", False),
    ("The framework needs to be signed by both managing directors.", False),
])
def test_an_ultimatum_or_a_signature_by_a_date_is_pressure(text, pressing):
    assert _pressure(text) is pressing, text


@pytest.mark.parametrize("text,leaves", [
    ("Then honestly, Dr. Brenner, we may not be the right supplier for you.", True),
    ("Perhaps we are not the right partner for this project.", True),
    ("We might not be the right vendor for you at this price.", True),
    ("Is this not the right time to talk about the price?", False),
    ("That is not the right figure; the freight is separate.", False),
])
def test_not_being_the_right_supplier_is_leaving(text, leaves):
    assert leaving(clean_text(text)) is leaves, text


def test_the_reader_makes_these_acts_with_the_real_head(understander, registry):
    read = understander.read
    de = registry.scenarios["de-machinery-drive-components"]
    assert "walk_away" in read("Then honestly, Dr. Brenner, we may not be the right supplier for you. Below 1,400 we cannot "
                               "make this part at our quality.", de, "1,440 is still too high for a second source.").acts
    inn = registry.scenarios["in-it-services-tooling-licence"]
    u = read("Sorry Anil, no more free pilots — either we sign by end of February or the April start is just not possible "
             "from our side.", inn, "Maybe we can extend the pilot to two more teams, just to be sure.")
    assert "pressure" in u.acts
    u = read("I'll send you the revised proposal by Wednesday, and I'll call you on Thursday to go through it.", de)
    assert "own_commitment" in u.acts and "pressure" not in u.acts
