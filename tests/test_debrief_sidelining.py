"""Settling it with the principal and leaving the details to his own people is a named hierarchy mistake."""
from __future__ import annotations

import pytest

from coach.debrief.sidelining import sidelines
from tests.test_price_readings import _debrief


@pytest.mark.parametrize("text, said", [
    ("So, Hamad, I think you and I can agree the key points today, and Suresh can take care of the paperwork afterwards.", True),
    ("Maybe you and I can agree the volume between us, and Suresh can fill in the details afterwards.", True),
    ("Ya Hamad, between us, the detail people can sort out the forecast later; you and I can agree the big picture today.",
     True),
    # with the manager, not around him
    ("Mr. Menon, shall we meet on Thursday morning for the Ramadan plan? I will send Mr. Hamad a written summary.", False),
    ("I hope you and I can agree on a date for the visit; Suresh knows the shelves best.", False),
    ("Suresh can fill in the details afterwards, of course, once you have both read the plan.", False),
    ("Before you and I decide anything, Suresh can do the numbers first, and we meet after.", False),
    ("You and I agree the deal today, and my assistant Julia will take care of the paperwork afterwards.", False),
    ("You and I agree the price today; Legal can take care of the paperwork later.", False),
    ("You and I can agree the volume today, and your GM can take care of the paperwork afterwards.", True),
    ("You and I can agree it now. Your team can take care of the paperwork afterwards.", True),
    ("You and I can agree the key points, and leave the paperwork to Suresh for later.", True),
])
def test_sidelining_needs_the_deal_between_two_and_the_rest_left_to_others(text, said):
    assert sidelines(text) is said, text


def test_the_debrief_names_it_and_costs_hierarchy(registry, store, understander):
    def run(line: str):
        return _debrief(registry, store, understander, "ae-trading-house-distribution", [
            ("persona", "Welcome! Suresh, our General Manager, will sit with us; he knows every shelf in the Emirates."),
            ("trainee", line),
        ])
    rude = run("Hi, Suresh. So, Hamad, I think you and I can agree the key points today, and Suresh can take care of the "
               "paperwork afterwards.")
    kind = run("Thank you, Mr. Hamad. Mr. Menon, I would value your view of the shelves before we talk about the plan.")
    assert "Sidelining the buyer's own people" in [m.title for m in rude.mistakes]
    assert rude.dimensions.hierarchy.score < kind.dimensions.hierarchy.score
