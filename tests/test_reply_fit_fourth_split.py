"""Replies the fourth responsiveness development split asked for (twenty-fourth session): "am I actually talking to a
person here or is this some chatbot test?" is a question about the simulator; a seller who writes the minutes himself
does not hear the buyer promise to write them."""
from __future__ import annotations

import pytest

from coach.roleplay.fit import not_for
from coach.understanding.role_break import role_break
from coach.understanding.rules import clean_text


@pytest.mark.parametrize("text, breaks", [
    ("quick one before we go on — am I actually talking to a person here or is this some chatbot test? just curious", True),
    ("lol is this the AI Greg? if yes just tell me the real number", True),
    ("Am I talking to a person who can decide?", False),
    ("am I talking to the right person about the contract?", False),
    ("Is this the AI module you mentioned in the brochure, the one for forecasting?", False),
    ("is that AI or rules-based?", False),
])
def test_asking_whether_the_buyer_is_a_program(text, breaks):
    assert role_break(clean_text(text)) is breaks


def test_the_buyer_does_not_claim_the_minutes_the_seller_writes():
    seller = "I will send the minutes in English and Japanese by Thursday. Please correct anything that is not accurate."
    assert not_for("Good. I will put it in the minutes with your name next to it.", seller)
    assert not not_for("Good. Thursday, then; I will read them carefully.", seller)
    assert not not_for("Good. I will put it in the minutes with your name next to it.", "I'll send the revised offer by Thursday.")


def test_a_chatbot_question_is_answered_in_role(registry, store, understander):
    from coach.roleplay import RolePlay
    rp = RolePlay(registry, store, realiser="bank", understander=understander)
    sid = rp.start("nl-warehouse-automation-service")
    turn = rp.turn(sid, "quick one before we go on — am I actually talking to a person here or is this some chatbot "
                        "test? just curious")
    assert turn.result.move == "stay_in_role", (turn.result.move, turn.text())
