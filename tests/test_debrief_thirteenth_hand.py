"""What the thirteenth debrief development split asked for (thirty-fifth session, subtle pairs): a buyer line that opens
with a stage direction of silence and then speaks is no silence; a price whose neighbour shares the days said beside
it ("Payment 90 days, not 120") is the seller's; "102, and you place the Ramadan order by January" is a trade and "if
you can commit before the 31st" is a deadline, not a trade; a validity that gives the committee time is no pressure;
"the tender committee sits when it sits" puts off a deadline; "can I tell my headquarters we have a good chance before
Ramadan?" presses after it. With the look-alikes that must stay."""
from __future__ import annotations

import json

import pytest

from coach.debrief.detectors import infer_move
from coach.debrief.wording import trade_in_words
from coach.debrief.yes_reading import asks_for_a_forecast, own_pace

from tests.test_price_readings import _debrief

AE, SA = "ae-trading-house-distribution", "sa-utility-smart-meter-supply"


@pytest.mark.parametrize("text, silent", [
    ("(He leans back, looks at the offer for a long moment, and says nothing.)", True),
    ("(A pause. He sips his coffee.) Hmm.", True),
    ("(He sips his coffee and says nothing for a moment.) Hmm. Ninety days... Rania, our finance director, will kill me. "
     "100 dollars, 90 days, five percent, nine thousand. That is my offer.", False),
])
def test_a_stage_direction_of_silence_followed_by_speech_is_no_silence(registry, text, silent):
    assert (infer_move(text, registry.personas["ae-family-trading-procurement-director"]) == "silence") is silent


@pytest.mark.parametrize("text, traded", [
    ("100 I could only take to headquarters with something for them too. One idea: 102, and you place the Ramadan "
     "order \u2014 say three thousand units \u2014 by mid-January.", True),
    ("I can do 105 and you pay 30 percent upfront.", True),
    ("We can go to 102, and you will see the quality.", False),
    ("I can do 270 for the pilot if you can commit before the 31st. And 90 days.", False),
    ("270 if you can commit to the rollout volume before the 31st.", True),
])
def test_what_is_asked_back(text, traded):
    assert trade_in_words(text) is traded


def test_a_deadline_is_no_trade_even_when_the_head_reads_one():
    assert not trade_in_words("I can do 270 for the pilot if you can commit before the 31st. And 90 days.", proposal=True)


@pytest.mark.parametrize("text, postpones", [
    ("(A pause. He puts down his cup.) The 31st. ... Mr. Girard, the tender committee sits when it sits.", True),
    ("Our process takes its time; the committee cannot be rushed.", True),
    ("The committee sits on Thursday; send the papers before.", False),
])
def test_the_buyers_own_pace(text, postpones):
    assert own_pace(text) is postpones


@pytest.mark.parametrize("text, presses", [
    ("Thank you. So can I tell my headquarters we have a good chance before Ramadan?", True),
    ("May I tell our board that you will decide in January?", True),
    ("Can I tell my wife you liked her dates?", False),
    ("Can I tell my engineers you will send the drawings?", False),
    ("Could I report back that you will decide in May?", True),
    ("I will tell my headquarters that the committee needs more time.", False),
])
def test_a_forecast_asked_for_the_sellers_side(text, presses):
    assert asks_for_a_forecast(text) is presses


@pytest.mark.parametrize("text, pressure", [
    ("Forgive me \u2014 that is our internal calendar, not yours, and it should not become your problem. Our offer will be "
     "valid for 120 days, so the committee can sit whenever it is ready, before or after Ramadan.", False),
    ("Our offer is valid for 30 days only, so the committee should sit before Ramadan.", True),
    ("The committee can sit whenever it is ready, but the price is only valid until Friday.", True),
    ("That is not your problem, I know, but the discount disappears next month.", True),
    ("Your board can decide whenever it likes, but we need the PO in March.", True),
])
def test_a_validity_that_gives_the_committee_time(understander, registry, text, pressure):
    und = understander.read(text, registry.scenarios[SA], before="Hmm. Before Ramadan... inshallah, we will see.")
    assert ("pressure" in und.acts) is pressure, und.confidence


def test_a_deadline_put_off_and_pressed_again_is_named(registry, store, understander):
    result = _debrief(registry, store, understander, SA, [
        ("persona", "Ahlan wa sahlan, welcome to Riyadh. So, the commercial part."),
        ("trainee", "Our proposal: 290 per meter for the pilot, 272 for the rollout, valid until the 31st of this month."),
        ("persona", "(A pause. He puts down his cup.) The 31st. ... Mr. Girard, the tender committee sits when it sits."),
        ("trainee", "Of course. But if we could have a decision before Ramadan it would be good for both of us."),
        ("persona", "We will study it. The recommendation goes to Dr. Khalid, then to the committee."),
        ("trainee", "Thank you. So can I tell my headquarters we have a good chance before Ramadan?")])
    pushed = [e.turn for e in result.dimensions.cultural_reading.evidence if "pushed after" in e.note]
    assert pushed == [4, 6], result.dimensions.cultural_reading.evidence
    assert not [e for e in result.dimensions.cultural_reading.evidence if "patience" in e.note]


def test_a_step_measured_from_the_price_said_not_the_days(registry, store, understander):
    result = _debrief(registry, store, understander, AE, [
        ("persona", "110! You want the hypermarkets to laugh at me. 90. And 120 days."),
        ("trainee", "If you commit to nine thousand units in year one, I go to 104, with five percent marketing. Payment 90 "
                    "days, not 120 \u2014 at 120 we become your bank."),
        ("persona", "(He sips his coffee and says nothing for a moment.) Hmm. 100 dollars, 90 days. That is my offer."),
        ("trainee", "One idea: 102, and you place the Ramadan order \u2014 say three thousand units \u2014 by mid-January.")])
    step = [e for e in result.dimensions.value.evidence if e.turn == 4 and "conceded" in e.note]
    assert len(step) == 1 and "1.7% of list in exchange" in step[0].note, result.dimensions.value.evidence
    assert not [e for e in result.dimensions.cultural_reading.evidence if "silence" in e.note]


def test_a_pair_file_with_an_unknown_dimension_names_the_line_and_the_field(tmp_path):
    from coach.evals.transcript_suite import load_pairs
    path = tmp_path / "pairs.jsonl"
    turns = [{"role": "persona", "text": "Welcome."}, {"role": "trainee", "text": "Thank you."}]
    good = {"id": "p-1", "scenario": SA, "skilled": turns, "poor": turns, "expect_dimensions": ["value"]}
    path.write_text("\n".join([json.dumps(good), json.dumps({**good, "id": "p-2", "expect_dimensions": ["trust"]})]))
    with pytest.raises(ValueError, match=r"pairs\.jsonl: line 2 \(p-2\): expect_dimensions: unknown 'trust'"):
        load_pairs(path)
    path.write_text(json.dumps(good) + "\n{not json")
    with pytest.raises(ValueError, match=r"line 2: not JSON"):
        load_pairs(path)
    path.write_text(json.dumps(good))
    assert [p["id"] for p in load_pairs(path)] == ["p-1"]


@pytest.mark.parametrize("text, pressure", [
    ("No. It won't close this quarter. My forecast: 17 weeks, 55 percent, and I'm asking for 300k of discount, not 360.",
     False),
    ("Not this quarter. Week 18, 55 percent.", False),
    ("It won't close this quarter unless you approve the 360 today.", True),
    ("If you don't approve it this week, it won't close this quarter.", True),
])
def test_a_forecast_that_it_will_not_close_is_no_deadline(understander, registry, text, pressure):
    und = understander.read(text, registry.scenarios["hq-explain-market-uncertainty"],
                            before="CRM says this quarter, fifteen percent. Are we good?")
    assert ("pressure" in und.acts) is pressure, und.confidence


@pytest.mark.parametrize("text, asks", [
    ("Claire, hi \u2014 grab a seat. Quick one: Hanbit. CRM says this quarter, fifteen percent. Are we good?", True),
    ("Hm. 270 plus a 30k reserve, gated. I can sell that upstairs. Probability \u2014 you said 55. Why not 70?", True),
    ("Could you perhaps reconsider the price?", False),
    ("Is this really your best price?", False),
    ("We will study it internally. Can you send the documents?", False),
    ("That is my last offer. Deal?", False),
    ("I have to ask my director first. Can you wait until Monday?", False),
])
def test_a_buyer_line_ending_on_a_plain_question_asks(text, asks):
    from coach.debrief.yes_reading import asks_plainly
    assert asks_plainly(text) is asks


@pytest.mark.parametrize("text, traded", [
    ("Then let us share it: Haneul pays fifty percent \u2014 210,000 dollars \u2014 in two parts, at PPAP and at SOP. "
     "With that, 6.10 becomes 6.02.", True),
    ("You pay 30 percent at order, and we go to 6.05.", True),
    ("We pay 50 percent of the tooling and the price is 6.02.", False),
    ("Our company pays half of it.", False),
    ("This pays back in 14 months.", False),
    ("Siemens pays 98 per unit for the same part.", False),
    ("With this offer you pay 15 percent less than today.", False),
    ("We can go to 102, and you take the time you need to decide.", False),
    ("I can do 102, and you pay less than last year.", False),
])
def test_the_buyers_share_named_is_asked_back(text, traded):
    assert trade_in_words(text) is traded


KR_BUYER = [
    ("persona", "Welcome to Ulsan again. Coffee? Team Leader Choi sends his regards; he is with the customer today."),
    ("trainee", "Thank you very much for your time. I am sorry Team Leader Choi is not here; please give him my regards."),
    ("persona", "Today I must prepare the nomination document. Honestly, your 6.40 is difficult for us."),
    ("trainee", "Yes... I understand. I am very sorry. We will study it carefully."),
    ("persona", "And tooling: one hundred percent from us is impossible."),
    ("trainee", "I am very sorry. Tooling also we must look at carefully."),
    ("persona", "And payment: our standard is 90 days."),
    ("trainee", "I am very sorry, I understand."),
    ("persona", "Okay! Enough business. Let's go to lunch; there is a good galbi place near the office."),
    ("trainee", "Thank you very much. It is an honour."),
]


def test_apologies_are_counted_twice_and_lunch_at_the_end_is_no_rapport_before_business(registry, store, understander):
    result = _debrief(registry, store, understander, "kr-auto-bracket-supply", KR_BUYER)
    rel = result.dimensions.relationship.evidence
    assert len([e for e in rel if "acknowledged the buyer's situation" in e.note]) == 2, rel
    assert not [e for e in rel if e.turn == 10 and e.effect > 0], rel  # no credit at all for accepting lunch at the end



def test_a_balancing_term_is_asked_back():
    assert trade_in_words("Five. And I'll move payment from net 30 to net 45 to balance it.")
    assert not trade_in_words("Five. And I'll move payment from net 30 to net 45.")
    assert not trade_in_words("Honestly it is hard to balance that with our margins.")


@pytest.mark.parametrize("text, around", [
    ("Anyway \u2014 I spoke with your VP of IT Operations last night, over dinner actually, and he told me the team "
     "wants to keep all 2,000 seats.", True),
    ("I spoke with your colleague in IT and she told me the usage data is being cleaned.", False),
    ("I met your director at the trade fair and he said hello to you.", False),
    ("I had lunch with your CEO last week and he said hello.", False),
    ("I spoke to your VP last night and he told me the team wants all 2,000 seats.", True),
])
def test_having_gone_around_the_buyer_already(understander, registry, text, around):
    und = understander.read(text, registry.scenarios["us-enterprise-saas-renewal"])
    assert ("escalation" in und.acts) is around, und.confidence


@pytest.mark.parametrize("text, price", [
    ("Either 104 with 60 days, or 98 with 30 days.", 104),  # two options: one of the prices, not the days
    ("90 days, or 101 if you pay upfront.", 101),
    ("Price 98 - 30 days net.", 98),
])
def test_a_price_beside_days_is_still_read(understander, registry, text, price):
    assert understander.read(text, registry.scenarios[AE]).price == price
