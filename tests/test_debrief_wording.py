"""Debrief wording detectors: a flat no and a dated ask for the decision, as a fresh hand's poor sellers word them."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, blunt", [
    ("An annual reduction is not possible for us. This is a fair price from the first day.", True),
    ("Eight weeks is not necessary. Two weeks are sufficient.", True),
    ("I understand, but the logic is simple: our costs do not go down like this.", True),
    ("Is it not possible to split the audit into two visits?", False),   # a question, not a refusal
    ("Four weeks in Nagoya is possible; for the launch we can hold six.", False),
])
def test_a_flat_no_is_blunt_wording(text, blunt):
    from coach.debrief.detectors import _BLUNT
    assert bool(_BLUNT.search(text)) is blunt


def test_asking_for_a_clear_answer_before_the_holiday_is_pushing():
    from coach.debrief.detectors import _ANSWER_BY
    assert _ANSWER_BY.search("When can I expect the decision? Our planning needs a clear answer, ideally before Golden Week.")
    assert not _ANSWER_BY.search("Take the time you need; a clear answer matters more to us than a fast one.")
