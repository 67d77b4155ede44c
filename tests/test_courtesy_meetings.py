"""A meeting with the buyer's people that the buyer's side asks for or brought in is a courtesy, not an escalation.

Four skilled sellers in the development debrief splits lost 30-50 hierarchy points (and, through the shortfall, up to
15 overall) for lines like these; the poor sellers' moves around the buyer must stay escalations.
"""
from __future__ import annotations

import pytest

from coach.understanding.courtesy import courtesy_meeting
from coach.understanding.rules import clean_text, contact_cue, peer_meeting

COURTESY = [
    ("And if Dr. Khalid would like to meet our CEO, we can arrange it. Only if you think it is useful.", None),
    ("Should the Chairman wish to receive our managing director, we would come whenever it suits him.", None),
    ("If appropriate, our Executive Vice President could call on General Manager Zhao in early January.", None),
    ("Is there anything your father would want to see from us? I could ask our CEO to write to him.", None),
    ("Gladly. And it gives me a chance to ask him about the thermal profile directly.",
     "Fine. We have twenty minutes left; the canteen does decent food. Herr Vogt can find us there."),
    ("Thank you, I will ask Ms. Okafor about the test protocol then.", "You can ask Ms. Okafor, she runs the lab."),
]

AROUND = [
    ("Maybe it helps if our managing director writes directly to General Manager Zhao?", None),
    ("Would it help if our CEO gave Mr. Ishikawa a call? They would get it over the line quicker.", None),
    ("To save you the trouble, shall I just give the Chairman a call myself this week?", None),
    ("Our CEO could call your father this week, they agree it between them and we skip the back and forth.", None),
    # the buyer brought someone in, but the seller goes to him to settle it
    ("Good, then I'll ask Herr Vogt directly to sign off the price, that is faster.", "Herr Vogt can find us there."),
    # a name in the buyer's line that he did not offer as a contact
    ("Then I'll call Mr. Kapoor directly tonight.", "Mr. Kapoor decides, not me, and he is travelling."),
]


@pytest.mark.parametrize("text,before", COURTESY)
def test_a_meeting_left_to_the_buyers_side_is_a_courtesy(text, before):
    assert peer_meeting(clean_text(text), before)


@pytest.mark.parametrize("text,before", AROUND)
def test_going_around_the_buyer_is_no_courtesy(text, before):
    assert not courtesy_meeting(clean_text(text), before)
    assert not peer_meeting(clean_text(text), before)


def test_going_through_the_offer_moves_toward_no_one():
    assert not contact_cue("If any part of the offer needs more explanation, I am happy to go through it.")
    assert contact_cue("Maybe I should go to your director.")


@pytest.mark.parametrize("text,before", COURTESY)
def test_the_reader_reads_no_escalation_in_a_courtesy(understander, text, before):
    assert "escalation" not in understander.read(text, before=before).acts


@pytest.mark.parametrize("text,before", AROUND[:4])
def test_the_reader_still_reads_going_around_as_an_escalation(understander, text, before):
    assert "escalation" in understander.read(text, before=before).acts
