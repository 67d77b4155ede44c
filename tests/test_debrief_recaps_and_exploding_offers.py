"""What the development pairs the buyer-move reader left below ten points asked for (thirty-seventh session): a figure
the seller turns down ("1,250 I cannot reach") is no offer even when it is the only one; splitting the difference is a
step down; "if you prefer fixed prices" is the buyer's taste, not a condition; a figure already put on the table
against something and taken up later is a step traded, and a price already on the table said again is no step; a
price held only until a date is an exploding offer.
With the look-alikes that must stay."""
from __future__ import annotations

import pytest

from coach.debrief.wording import trade_in_words
from coach.understanding.concessions import worded_as_step
from coach.understanding.rules import clean_text

from tests.test_price_readings import _debrief

DE, IN, US = "de-machinery-drive-components", "in-it-services-tooling-licence", "us-enterprise-saas-renewal"
AE = "ae-trading-house-distribution"


@pytest.mark.parametrize("scenario, text, price", [
    (DE, "Thank you. 1,250 I cannot reach for this specification. What I can do depends on what we can plan with.", None),
    (DE, "1,250 is not a number we can reach; 1,420 we can do.", 1420),
    (DE, "1,400 we can't go to, but 1,440 works.", 1440),
    (DE, "1,250 we cannot match. 1,390 is my offer.", 1390),
    (IN, "Let me be clear: 68,000 is not a number we can reach. What I can do is 88,000 per seat.", 88000),
    # look-alikes: a figure offered, and a comparison after the refusal keeps the offer
    (DE, "I can go to 1,420.", 1420),
    (DE, "Instead of 1,480 I can go to 1,390, we can't do less.", 1390),
    # a figure refused and then given is the offer; refused alone it is none
    (AE, "100 is really hard... but okay, for a partner like you. So: 100, 90 days, five percent, three years exclusive.",
     100),
    (AE, "100 is really hard for us.", None),
    # a second reader's look-alikes: the figure held is not the one turned down
    (DE, "1,420 we cannot go down to 1,400, sorry.", 1420),
    (DE, "I can give 1,420 but your 90 days is too long.", 1420),
    (DE, "1,420 is hard to beat in this market.", 1420),
    (DE, "1,390 is really difficult for us, but I can accept it for a three-year contract.", 1390),
    (DE, "1,420 we cannot meet any lower.", 1420),
    (DE, "1,420 we can't match 60 days, only 45.", 1420),
    # as a transcribed call says them (the fourteenth development split)
    ("sa-utility-smart-meter-supply", "yes I'll send the MoU this week um and on price for the full programme two eighty "
     "five with ninety days after acceptance and five years warranty", 285),
    ("sa-utility-smart-meter-supply", "okay one twenty on the pilot ninety on the rollout and seven years if we hold two "
     "eighty five", 285),
    ("kr-auto-bracket-supply", "uh on price six oh five \u2014 sorry six point oh five dollars with that split", 6.05),
    ("jp-keiretsu-component-supply", "(quickly) And if 1,380 is still difficult, we can look at 1,350.", 1350),
    ("jp-keiretsu-component-supply", "1,380 is still our best price.", 1380),
])
def test_the_sellers_price_beside_a_refusal_or_said_aloud(understander, registry, scenario, text, price):
    got = understander.read(text, registry.scenarios[scenario]).price
    assert got == (price if price is None else pytest.approx(price))


@pytest.mark.parametrize("text, step", [
    ("I see. Let us be practical and meet in the middle \u2014 1,365. I think that is a fair compromise.", True),
    ("Let's split the difference: 1,400.", True),
    ("We cannot meet in the middle, I am afraid.", False),
    ("Shall we meet for lunch in the middle of the week?", False),
    # a second reader's look-alikes
    ("1,450 per unit. Let's meet in the middle of next week at your plant.", False),
    ("Let's meet halfway between your plant and ours.", False),
    ("Splitting the difference is not how we work.", False),
    ("If we split the difference, that would be 1,380, which I cannot approve.", False),
    ("OK, I meet you half way: 1,400.", True),
])
def test_splitting_the_difference_is_a_step(text, step):
    assert worded_as_step(clean_text(text)) is step


@pytest.mark.parametrize("text, traded", [
    ("I understand. We can drop it if you prefer fixed prices \u2014 we want to be easy to work with.", False),
    ("We can do fixed prices if you would prefer.", False),
    ("If you prefer 60 days, we need a two-year contract.", True),
    ("If you would prefer fixed prices, then we would need a three-year term.", True),
    ("If you prefer fixed prices, we need to check with finance.", False),
    ("If you commit to 1,400 a year, I can offer 1,420.", True),
    # priced, it is a trade
    ("If you prefer 60 days, then the price goes to 2,350.", True),
    ("If you prefer 60 days, it goes up to 1,460.", True),
    ("If you prefer fixed prices, 1,460.", True),
    ("If you prefer fixed prices, that is fine with us.", False),
    # a second reader's look-alikes
    ("If you prefer 5,000 units per call-off, we can deliver monthly.", False),
    ("If you prefer the 1,420 offer with 45 days, no problem.", False),
    ("If you prefer, we can meet on Monday, 12 March.", False),
    ("If you prefer 60 days: fine, 1,420 stays.", False),
    ("If you prefer, I need a day to check.", False),
    ("If you prefer 60 days we need two years contract.", True),
    ("If you prefer 60 days, there will be a premium of 3%.", True),
])
def test_the_buyers_preference_is_no_condition(text, traded):
    assert trade_in_words(text) is traded


def test_a_figure_offered_against_something_and_taken_up_later_is_traded(registry, store, understander):
    result = _debrief(registry, store, understander, IN, [
        ("persona", "Sure, sure. Let us say 70 then, and we close it."),
        ("trainee", "No \u2014 70 I can't do. My real room is this: 86,000 if we sign for three years, 84,000 if your "
                    "banking team also agrees to a reference case."),
        ("persona", "Excellent. Kindly tell me your final numbers in one line."),
        ("trainee", "Here it is in one line: 84,000 per seat with the reference case, three years, 60 days payment. "
                    "I'll email exactly that within the hour."),
    ])
    # the step from 86,000 to 84,000 was offered against the reference case: taken up, it is traded, not given away
    steps = [e for e in result.dimensions.value.evidence if e.turn == 4 and "conceded" in e.note]
    assert steps and all(e.effect > 0 for e in steps), result.dimensions.value.evidence
    # the same figure never offered before is a step given away
    result = _debrief(registry, store, understander, IN, [
        ("persona", "Sure, sure. Let us say 70 then, and we close it."),
        ("trainee", "No \u2014 70 I can't do. 86,000 if we sign for three years."),
        ("persona", "Excellent. Kindly tell me your final numbers in one line."),
        ("trainee", "Fine: 84,000 per seat, three years, 60 days payment."),
    ])
    given = [e for e in result.dimensions.value.evidence if e.turn == 4 and "conceded" in e.note]
    assert given and given[0].effect < 0, result.dimensions.value.evidence


def test_an_exploding_offer_costs_value_once(registry, store, understander):
    result = _debrief(registry, store, understander, US, [
        ("persona", "Okay. Timing. The renewal date is in six weeks."),
        ("trainee", "Our quarter ends on the 28th, so if we can get this signed by then, I can hold 155. After that, it "
                    "goes back to the 180 list."),
        ("persona", "Legal will need one to two weeks regardless."),
        ("trainee", "And the 155 is only valid until the end of the month."),
    ])
    exploding = [e for e in result.dimensions.value.evidence if "exploding offer" in e.note]
    assert [e.turn for e in exploding] == [2] and exploding[0].effect < 0
    assert any(e.turn == 2 and e.effect < 0 for e in result.dimensions.pacing.evidence)


def test_a_deadline_beside_a_real_ask_is_no_exploding_offer(registry, store, understander):
    result = _debrief(registry, store, understander, US, [
        ("persona", "Okay. Timing. The renewal date is in six weeks."),
        ("trainee", "If you commit to 1,600 seats for three years, I can do 158, and if we sign by the 28th the "
                    "onboarding is included."),
    ])
    assert not [e for e in result.dimensions.value.evidence if "exploding offer" in e.note]


def test_going_back_to_a_price_already_on_the_table_is_no_step(registry, store, understander):
    result = _debrief(registry, store, understander, US, [
        ("persona", "Walk me through the math."),
        ("trainee", "At 1,600 seats and three years, 155 is my best."),
        ("persona", "155, 1,600 seats, net 60."),
        ("trainee", "Net 60 would move the price to 157."),
        ("persona", "Net 45 then."),
        ("trainee", "Good: 155, 1,600 seats, three years, net 45."),
    ])
    assert not [e for e in result.dimensions.value.evidence if e.turn == 6 and "conceded" in e.note], \
        result.dimensions.value.evidence


@pytest.mark.parametrize("text, pressed", [
    ("I will send a written summary in Portuguese and English by Friday. And I would like to come back on 14 March, if "
     "that date works for them. Agrishow is at the end of April, so there is time. Nothing to sign today.", False),
    ("No need to sign anything today; I will send the summary by Friday.", False),
    ("I will send the summary by Friday. Please sign today.", True),
    ("There is nothing more I can do: sign today.", True),
    # a second reader's look-alikes
    ("You don't have to sign today.", False),
    ("You needn't sign anything today.", False),
    ("We don't need an answer before Friday.", False),
    ("If you don't sign today, the price goes up.", True),
    ("You don't have to sign today, but the price is only valid until Friday.", True),
    ("Next week I won't be able to offer this price.", True),
])
def test_a_signature_said_not_to_be_asked_is_no_pressure(text, pressed):
    from coach.understanding.pressure import on_the_buyer
    assert on_the_buyer(text) is pressed


def test_a_dated_promise_that_asks_for_nothing_is_patience_after_a_defer(registry, store, understander):
    result = _debrief(registry, store, understander, "br-distributor-exclusivity", [
        ("persona", "Hmm. Vamos ver. The minimum volume I need to discuss with my father and with Cl\u00e1udia. Pode deixar."),
        ("trainee", "Of course. Minimum volume and the years are a family decision; I understand that. What would help "
                    "your father and Cl\u00e1udia: a landed-cost calculation in reais, the draft in Portuguese? I will send "
                    "a written summary in Portuguese and English by Friday. And I would like to come back on 14 March to sit with "
                    "Seu Ant\u00f4nio and Cl\u00e1udia, if that date works for them. Agrishow is at the end of April, so there "
                    "is time. Nothing to sign today."),
    ])
    assert not [e for e in result.dimensions.pacing.evidence if e.effect < 0], result.dimensions.pacing.evidence
    assert not [e for e in result.dimensions.cultural_reading.evidence if e.effect < 0]


@pytest.mark.parametrize("text, around", [
    ("Our regional president, Mr. Hartmann, is flying into Shanghai next week, and he'd love to meet General Manager "
     "Zhao personally \u2014 president to general manager. I've already asked our office to reach out to GM Zhao's "
     "secretary for a slot.", True),
    ("I have already contacted the chairman's office for an appointment.", True),
    ("I'll call Mr. Liu's office to confirm the test date you mentioned.", False),
    ("I emailed Dr. Brenner's assistant the agenda, as you asked.", False),
    ("Our office will contact your secretary to book the room.", False),
])
def test_a_meeting_booked_through_the_seniors_office_goes_around_the_buyer(understander, registry, text, around):
    before = "Construction is on schedule. But the domestic suppliers are much cheaper, and Finance looks at the price."
    und = understander.read(text, registry.scenarios["cn-soe-industrial-pumps"], before)
    assert ("escalation" in und.acts) is around, und.acts


@pytest.mark.parametrize("text, held", [
    ("1,480 per unit. If you order by the 15th, we can still deliver before the August shutdown.", False),
    ("If we sign before Christmas, my team can start the installation in January.", False),
    ("The offer is valid for two weeks as usual, and of course we can extend it.", False),
    ("Just so you know, the 150 is only valid until the end of the month.", True),
])
def test_a_date_beside_a_fact_is_no_exploding_offer(text, held):
    from coach.debrief.value import _held_until
    assert _held_until(text) is held


@pytest.mark.parametrize("text, around", [
    ("I'll contact the director's office at our headquarters to get approval for this price.", False),
    ("I called the CEO's office in Munich yesterday.", False),
    ("Then I will call your CEO's assistant myself to set up a meeting.", True),
])
def test_their_office_look_alikes(text, around):
    from coach.understanding.courtesy import through_their_office
    assert through_their_office(text) is around


def test_the_buyers_figure_said_back_is_not_offered(registry, store, understander):
    result = _debrief(registry, store, understander, IN, [
        ("persona", "We are thinking 80,000 per seat."),
        ("trainee", "80,000 I can't do. 86,000 if we sign for three years."),
        ("persona", "Still high."),
        ("trainee", "Fine: 80,000."),
    ])
    given = [e for e in result.dimensions.value.evidence if e.turn == 4 and "conceded" in e.note]
    assert given and given[0].effect < 0, result.dimensions.value.evidence


# what the fourteenth development split (transcribed calls, long mixed turns) asked for
@pytest.mark.parametrize("text, accepts", [
    ("(pause) Okay. We'll take it to the MT. But I want Mark comfortable, Priya.", False),
    ("Fine, I will bring it to Eveline on Monday.", False),
    ("Okay, we'll take it.", True),
])
def test_taking_it_to_the_people_who_decide_is_no_yes(text, accepts):
    from coach.debrief.acceptance import accepts_plainly
    assert accepts_plainly(text) is accepts


@pytest.mark.parametrize("text, sidelined", [
    ("Mark, I'll take the technical details offline with Sanne, since she's making the decision.", True),
    ("Let's leave the penalty details for later \u2014 Sanne and I can settle that in the contract.", True),
    ("Mark and I can sort out the schedule; I will send it today.", False),
])
def test_a_colleagues_point_taken_to_the_decider(text, sidelined):
    from coach.debrief.sidelining import sidelines
    assert sidelines(text) is sidelined


@pytest.mark.parametrize("text, only", [
    ("Understood. Today I'll send the pricing model with both options, and I'll check in with you on Wednesday.", True),
    ("Thank you, Rachel. Talk Wednesday.", True),
    ("Great, so we're aligned. I'll send the contract.", False),
    ("Okay, perfect, I will send the contract tomorrow for signature.", False),
    ("Sure, so that's agreed then, five eighty five.", False),
    # a yes presumed
    ("Sure. I'll block our onboarding engineers for the first of April then.", False),
    ("Fine, whatever works.", False),
    ("Sure. But remember \u2014 Friday.", False),
    # "Perfect", "Great", "Good" open an acknowledgement as "Sure" does (thirty-ninth session, dev15)
    ("Perfect. And between us, I have kept a little room for procurement, so you will have something to show them.", True),
    ("Great, thanks Rachel.", True),
    ("Good. I will send the summary by Thursday.", True),
    ("Great, thank you, Anil! Done, then. I will book it in our forecast for April.", False),
    ("Perfect, we are all set.", False),
    ("Great, so we have a deal.", False),
    ("Perfect, then.", False),
    ("Perfect, 150 it is.", False),  # a figure agreed
    ("Great, I will update the forecast with 165.", False),
    ("Good, then we proceed at 165.", False),
])
def test_an_acknowledgement_of_a_deferral_reads_no_yes(text, only):
    from coach.debrief.yes_reading import acknowledges_only
    assert acknowledges_only(text) is only
