"""What the sixteenth debrief development split asked for (fortieth session, pairs hard to tell apart by keywords): a
yes read into "we will study it" in other words ("then I think we have it!", "we have an understanding", "I will
inform my headquarters that Wusta is going with us"); a signature asked by a date or a quick close wished after a
postponement is a push, not patience; an offer tied to the committee deciding before Ramadan is a deadline, not a
trade; "I understand - the formalities" makes light of the committee; a price against a volume said in words is a
trade; and a slip the seller takes back in his next turn costs half. With the look-alikes that must stay."""
from __future__ import annotations

import pytest

from coach.debrief.repairs import repaired, takes_back
from coach.debrief.wording import DEADLINE_ONLY, belittles_superior, trade_in_words
from coach.debrief.yes_reading import presses_to_close, reads_a_yes

from tests.test_price_readings import _debrief

AE, SA = "ae-trading-house-distribution", "sa-utility-smart-meter-supply"


@pytest.mark.parametrize("text, yes", [
    ("Excellent - then I think we have it! I will ask our legal team to prepare the exclusive agreement this week.", True),
    ("Alhamdulillah! Then I am very happy we have an understanding.", True),
    ("I will inform my headquarters that Wusta is going with us, and we can start planning production.", True),
    ("Once we have an understanding on price, we can talk terms.", False),
    ("I think we have it covered in the annex.", False),
    ("Do we have it?", False),
    ("I will tell my headquarters that the committee is still studying it.", False),
    ("Then we have an understanding on the next steps: I wait for your call.", False),
    ("Good, so we have a clear understanding of the requirements.", False),
])
def test_a_yes_read_in_other_words(text, yes):
    assert reads_a_yes(text) is yes


@pytest.mark.parametrize("text, presses", [
    ("Could you sign before the end of the month, so we can order stock for Ramadan?", True),
    ("Ramadan stock needs the order by mid-January, so it would be great to close quickly.", True),
    ("Could you confirm the order by Friday?", True),
    ("There is no need to close quickly.", False),
    ("Could you confirm by Friday whether the specs are final?", False),
    ("I will sign the NDA before the end of the month.", False),
    ("Is it possible to sign by Friday?", True),
    ("Please sign before the 30th.", True),
    ("Could you sign latest Friday?", True),
    ("Of course. Could you confirm the order by email once the committee has approved?", False),
    ("Could you sign by DocuSign, or do you prefer a paper copy?", False),
    ("Would you decide by consensus, or by the director?", False),
    ("Can you sign the NDA before we send the drawings?", False),
])
def test_a_signature_asked_by_a_date(text, presses):
    assert presses_to_close(text) is presses


def test_the_committee_deciding_by_a_date_is_a_deadline_and_a_volume_in_words_is_a_trade():
    assert DEADLINE_ONLY.search("If the committee could decide before Ramadan, I could go to 285 today.")
    assert not DEADLINE_ONLY.search("If the committee needs the table in Arabic, I will send it.")
    assert DEADLINE_ONLY.search("The offer is open until Friday.")
    assert not DEADLINE_ONLY.search("Two references, and the works-council question open until Thursday.")
    assert trade_in_words("Let me meet you, but not all the way: with eight thousand units I go to 106 delivered Jebel Ali.")
    assert trade_in_words("I can come to 108 at eight thousand units.")
    assert not trade_in_words("We can go to 106. We have eight thousand units in stock in Jebel Ali.")
    assert trade_in_words("With twenty-five thousand units, I can go to 86.")
    assert trade_in_words("At 5 000 units, 88 is possible.")
    assert not trade_in_words("I can go down to 95, as we are a company with 5,000 units installed in the Gulf.")


def test_calling_the_committee_the_formalities_makes_light_of_it():
    assert belittles_superior("Of course, of course, I understand - the formalities. I will send the contract draft.")
    assert not belittles_superior("I understand. The formalities are on our side: we will register the partner in Dammam.")
    assert belittles_superior("Understood, just the formalities.")
    assert not belittles_superior("Of course - the formalities. Which documents does the committee need from us?")
    assert not belittles_superior("Of course, the paperwork; I will prepare everything for the committee.")


@pytest.mark.parametrize("text, back", [
    ("You are right, and forgive me - I got ahead of myself. In Poland we say business first.", True),
    ("You are right, and I apologise - that was my headquarters speaking. Please forget the date.", True),
    ("You're right - forgive me. That is my headquarters' problem, not yours, and I should not put it on your table.", True),
    ("Sorry, I should have said: the price is 102.", False),
    ("Sorry for the delay with the samples. They leave on Monday.", False),
    ("You are right, we got ahead of the market with that design.", False),
    ("Sorry, I went too fast.", True),
    ("Forgive me, I did not mean to rush you.", True),
    ("Oh, sorry, I misspoke - forget about the end-of-month date.", True),
    ("I'm sorry to hear that. It was not fair of your supplier to raise prices like that.", False),
    ("Sorry, I rushed here from the airport. Shall we start?", False),
    ("Sorry, the price is not tied to volume.", False),
    ("I am sorry, I should not have pushed; but we need an answer by Friday.", False),  # presses again
])
def test_what_takes_a_slip_back(text, back):
    assert takes_back(text) is back


def test_a_slip_taken_back_costs_half_and_says_where(registry, store, understander):
    turns = [
        ("persona", "Assalamu alaikum, welcome! Coffee? How was the flight from Kuala Lumpur?"),
        ("trainee", "Thank you, the flight was good. I have a price of 320 for the meters, and I would like to agree it "
                    "today so we can start."),
        ("persona", "(more slowly) We have only just sat down, my friend."),
        ("trainee", "You are right, and I apologise - I got ahead of myself. How is the family?"),
        ("persona", "Al hamdu lillah. My son has just started university in Dhahran."),
    ]
    result = _debrief(registry, store, understander, SA, turns)
    hurt = [e for d in ("relationship", "pacing") for e in getattr(result.dimensions, d).evidence if e.turn == 2 and e.effect < 0]
    assert hurt and all("taken back at turn 4" in e.note for e in hurt), hurt
    unrepaired = _debrief(registry, store, understander, SA, turns[:3] + [("trainee", "So, can we agree 320 today?")] + turns[4:])
    before = {e.note.split(":")[1].strip()[:30]: e.effect for d in ("relationship", "pacing")
              for e in getattr(unrepaired.dimensions, d).evidence if e.turn == 2 and e.effect < 0}
    after = {e.note.split(":")[1].strip()[:30]: e.effect for e in hurt}
    assert before and all(after[k] == -(-before[k] // 2) for k in before if k in after), (before, after)


def test_a_concession_is_not_taken_back_by_words():
    from coach.debrief.detectors import Event

    class V:
        def __init__(self, n, role, text):
            self.n, self.role, self.text = n, role, text
    views = [V(2, "trainee", "I can do 96."), V(3, "persona", "Hmm."), V(4, "trainee", "Sorry, I take that back.")]
    ev = [Event("value", 2, "I can do 96.", "conceded 10% of list without asking anything back", -18),
          Event("pacing", 2, "I can do 96.", "pressed for a decision", -10)]
    out = repaired(ev, views)
    assert out[0].effect == -18 and out[1].effect == -5 and "taken back at turn 4" in out[1].note
    small = repaired([Event("pacing", 2, "q", "n", -1), Event("pacing", 2, "q", "n", -3),
                      Event("cultural_reading", 2, "q", "answered a silence with a discount", -18,
                            mistake="Filling the silence with a discount")], views)
    assert [e.effect for e in small] == [-1, -2, -18]  # halved away from zero; a discount keeps its cost


def test_an_offer_valid_for_a_while_after_a_postponement_gives_time(registry, store, understander):
    result = _debrief(registry, store, understander, SA, [
        ("persona", "Assalamu alaikum, welcome. The price, 320, is high. We will study it."),
        ("trainee", "Take your time, of course. Our offer is valid until the end of the year anyway."),
    ])
    assert not [e for e in result.dimensions.cultural_reading.evidence if "pushed" in e.note], \
        result.dimensions.cultural_reading.evidence
