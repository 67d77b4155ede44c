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
    ("Great, I'll ask Frau Müller about the test rig.", "Frau Müller can join us after lunch."),
    ("If you would like to meet our CEO in December, please tell me.", None),
    ("Our chairman would like to pay his respects to your chairman; otherwise we are happy to keep it at our level.", None),
    ("If you don't mind, our CEO would like to visit your chairman in March.", None),
    ("If it does not suit you, our CEO can come another time to meet Mr. Tanaka.", None),
    # a second reader's polite lines the first stall reading took for threats
    ("Unless you prefer otherwise, our CEO would be glad to visit your chairman.", None),
    ("Otherwise, our CEO would be happy to meet your chairman at the trade fair.", None),
    ("If this date doesn't work, our CEO can visit your chairman later.", None),
    ("We would have to find a date, but our chairman would be honoured to visit your chairman.", None),
    ("Our CEO would love to visit your chairman; we'll have to find a date.", None),
    # what a sentence two before says is not about the meeting
    ("I would prefer it offered to your leadership rather than spent across this table. If it would help, our Asia "
     "president could come to the leadership meeting, out of respect for General Manager Zhao.", None),
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
    # someone brought in, but the seller's line goes elsewhere or threatens
    ("If needed, I'll escalate this to your CFO.", "Herr Vogt can find us there."),
    ("Then I will complain to your board about the delays.", "You can ask Mr. Kapoor."),
    ("Then I will ask him about it.", "Herr Vogt is busy, nobody will see you today."),
    # put negatively, wanted by the seller, or a complaint in a letter
    ("If you don't want to meet our CEO, I will raise this with your chairman.", None),
    ("I would like to see our CEO speak to your board about this.", None),
    ("Our CEO will write to your chairman about how this has been handled.", None),
    # a meeting held out as what follows if the talks stall (a development responsiveness line the first courtesy
    # reading excused: the persona answered it with small talk)
    ("I understand. If we cannot find agreement, I will have to ask our CEO to write to the Vice President.", None),
    ("Unless we hear from you by Friday, our CEO will fly in to meet your chairman.", None),
    ("We need this today, otherwise our managing director will visit your CEO.", None),
    ("If there is no progress, our chairman will call on your chairman.", None),
    ("Our CEO will meet your chairman if we cannot agree.", None),
    ("If you refuse, our CEO will visit your chairman.", None),
    # for speed, in the sentence before or after; titles' dots end no sentence
    ("We need to speed this up. Our CEO will fly in to meet your chairman next week.", None),
    ("Our MD will meet Dr. Kim and Mr. Lee and settle it directly.", None),
]


@pytest.mark.parametrize("text,before", COURTESY)
def test_a_meeting_left_to_the_buyers_side_is_a_courtesy(text, before):
    assert peer_meeting(clean_text(text), before)


@pytest.mark.parametrize("text,before", AROUND)
def test_going_around_the_buyer_is_no_courtesy(text, before):
    assert not peer_meeting(clean_text(text), before)


def test_going_through_the_offer_moves_toward_no_one():
    assert not contact_cue("If any part of the offer needs more explanation, I am happy to go through it.")
    assert contact_cue("Maybe I should go to your director.")
    assert contact_cue("I'll have to go through your director then.")


def test_checking_with_our_own_senior_is_no_threat():
    from coach.understanding.rules import threatens_escalation
    for text in ("If we can't agree today, I'll speak to our CEO and come back to you tomorrow.",
                 "Otherwise everything is fine; our CEO seems very pleased with the pilot.",
                 "If you can't come to Germany, our CEO will come to you."):
        assert not threatens_escalation(clean_text(text)), text
    assert threatens_escalation(clean_text("Otherwise our managing director will visit your CEO."))


def test_only_the_buyers_side_asking_is_a_courtesy():
    assert courtesy_meeting(clean_text("If Dr. Khalid would like to meet our CEO, we can arrange it."))
    assert not courtesy_meeting(clean_text("I would like our CEO to meet your board."))


@pytest.mark.parametrize("text,before", COURTESY)
def test_the_reader_reads_no_escalation_in_a_courtesy(understander, text, before):
    assert "escalation" not in understander.read(text, before=before).acts


# the reader's whole pipeline on the moves around the buyer it reads ("Then I will complain to your board" is read as a
# promise of the seller's own: a gap of the head and the rules, not of the courtesy readings)
READ_AROUND = [a for a in AROUND if "complain" not in a[0] and "ask him about it" not in a[0]]


@pytest.mark.parametrize("text,before", READ_AROUND)
def test_the_reader_still_reads_going_around_as_an_escalation(understander, text, before):
    assert "escalation" in understander.read(text, before=before).acts
