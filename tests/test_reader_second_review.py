"""Readings a second reviewer's 354 seller lines asked for (twenty-fourth session): going above the buyer said outright
or to the one he named above him, our senior settling it with theirs; holding a price is no concession; a floor the
seller states is no probe; conditions not phrased "if … we can"; a deadline beside a promise. Each with the look-alikes
that must stay as they were."""
from __future__ import annotations

import pytest

from coach.understanding.rules import clean_text, goes_to_the_buyers_senior, senior_goes_around


@pytest.mark.parametrize("text, before", [
    ("I'll have a word with your boss", "I cannot decide this, it is above me."),
    ("i think i talk with Chief Engineer Liu directly about this, he knows the value of our efficiency",
     "The price must come down further, that is the leadership's position."),
    ("ok i will talk direct to mr kang, he understand quality", "I cannot go higher than 5.90."),
    ("Then I will present the offer to your Geschäftsführer myself, he signs the framework anyway.",
     "Our engineers don't decide prices."),
    ("Then let me go above you on this, with respect, Eng. Faisal.", "This is the committee's matter."),
    ("I understand. Maybe I should visit your Party secretary myself to explain", "I cannot decide this."),
    ("our CEO knows your chairman, we can sort it at that level", "This is not something I can agree today."),
    ("perhaps our president should visit your president, to show our commitment and settle this", "It is difficult."),
    ("Maybe your section manager should join, this is above your level, no?", "I will need to consider internally."),
    ("Could I get fifteen minutes with your managing director? I think he would see the bigger picture.",
     "I see no room for more today."),
    ("ok ill loop in dave then", "Dave, my VP, won't like it, but it's my call and my answer is no."),
    ("Maybe it is faster if our regional president simply calls General Manager Zhao himself, no? Then you don't have to "
     "carry everything.", "The leadership will decide."),
])
def test_going_above_the_buyer_is_an_escalation(understander, registry, text, before):
    und = understander.read(text, registry.scenarios["us-enterprise-saas-renewal"], before=before)
    assert "escalation" in und.acts, und.confidence


@pytest.mark.parametrize("text, before", [
    ("Dave from our team will send the specs", None),
    ("please give my regards to Mr. Kang", None),
    ("Our CEO sends his greetings to your father, the Chairman", None),
    ("let me check with my boss in Stuttgart", None),
    ("I'll call Mr. Kang's office to book the audit", None),
    ("I'll talk to our legal team directly", None),
    ("I'll talk directly to you from now on", None),
    ("I can present it to your team myself next week", None),
    ("Our CEO would love to meet your chairman when he is in Dubai", None),
    ("Great, I'll loop in Dave on the email", "Dave, my VP, wants to see it."),  # the buyer asked for it
    ("Our CEO will call Mr. Kang himself to thank him for the visit.", None),
    ("I'll call Monday then", "My boss is back Monday, he can't decide before."),  # a weekday, not a person
])
def test_people_named_without_going_around(text, before):
    clean = clean_text(text)
    assert not senior_goes_around(clean) and not goes_to_the_buyers_senior(clean, before)


@pytest.mark.parametrize("scenario, text, before", [
    ("cn-soe-industrial-pumps", "Our quote stands: 398,000 per set.", "Can the price be reduced?"),
    ("kr-auto-bracket-supply", "not possible. same price, 6.20", "5.80 is our target."),
    ("jp-keiretsu-component-supply", "I understand, but we cannot reduce further than 1,430", "Please reconsider the price."),
    ("in-it-services-tooling-licence", "85 not possible. we stay 90k", "Last discount, 85k."),
    ("us-enterprise-saas-renewal", "We're proposing 180 per seat for three years.", "Let's start with pricing. What are you proposing?"),
])
def test_holding_a_price_or_answering_for_the_offer_is_no_concession(understander, registry, scenario, text, before):
    und = understander.read(text, registry.scenarios[scenario], before=before)
    assert "concession" not in und.acts, und.confidence


@pytest.mark.parametrize("scenario, text, before", [
    ("kr-auto-bracket-supply", "alright, we absorb half the tooling", "The tooling must be shared."),
    ("nl-warehouse-automation-service", "technician on site during peak, at our cost", "Peak season is the risk."),
    ("kr-auto-bracket-supply", "OK, we can go down to 6.20.", "6.40 is too high."),  # a step down stays one
])
def test_gives_on_other_terms_are_concessions(understander, registry, scenario, text, before):
    und = understander.read(text, registry.scenarios[scenario], before=before)
    assert "concession" in und.acts, und.confidence


@pytest.mark.parametrize("scenario, text", [
    ("br-distributor-exclusivity", "with a bank guarantee, 120 days is ok for us"),
    ("kr-auto-bracket-supply", "we stay at 6.40 unless you pay half the tooling"),
    ("us-enterprise-saas-renewal", "for a 36-month term I'd sharpen to 171"),
    ("br-distributor-exclusivity", "with 400 kits, I can go 2,150"),
    ("nl-warehouse-automation-service", "4 hours yes, but then 415k per year"),
    ("us-enterprise-saas-renewal", "1,400 seats only works at 178 per seat"),
    ("us-enterprise-saas-renewal", "we need a 3 year term for that price"),
    ("kr-auto-bracket-supply", "give me the committee date before Chuseok and I'll sharpen to 6.18"),
    ("de-machinery-drive-components", "Without the index clause the price would be 1,490, with it 1,440."),
    ("in-it-services-tooling-licence", "8 weeks free pilot only if the 400 seats are signed by March"),
])
def test_conditions_not_worded_if_you_we_can_are_trades(understander, registry, scenario, text):
    und = understander.read(text, registry.scenarios[scenario])
    assert "trade_proposal" in und.acts, und.confidence


@pytest.mark.parametrize("text", [
    "If you need anything else, we can send it today.", "Feel free to call me, with 400 questions if you like!",
    "We delivered 400 kits last year.", "Our price is 2,150 per kit.",
])
def test_no_condition_no_trade(text):
    from coach.understanding.concessions import conditions_a_give
    assert not conditions_a_give(clean_text(text))


def test_a_floor_the_seller_states_is_no_probe_and_keeps_its_price(understander, registry):
    und = understander.read("we can't go lower than 1,420", registry.scenarios["de-machinery-drive-components"],
                            before="You must come down to 1,350.")
    assert "limit_probe" not in und.acts and und.price == 1420
    asked = understander.read("Can you go lower than 1,420?", registry.scenarios["de-machinery-drive-components"])
    assert "limit_probe" in asked.acts  # asked, it is still a probe


@pytest.mark.parametrize("text, pressed", [
    ("I'll get the quote to you today, it's valid until the 30th only", True),
    ("the demo kits are reserved for you until Agrishow, not longer", True),
    ("no problem, but the container space for the Ramadan shipment we can hold only two weeks", True),
    ("I can get the deal desk to approve it by thursday", False),  # the seller's own step
    ("I'll send the revised quote by Thursday.", False),
])
def test_an_offer_that_expires_is_pressure_the_sellers_own_step_is_not(understander, registry, text, pressed):
    und = understander.read(text, registry.scenarios["sa-utility-smart-meter-supply"])
    assert ("pressure" in und.acts) is pressed, und.confidence


@pytest.mark.parametrize("text, probes", [
    ("Budgets are being fixed in Feb-March, right? By which date you need our final commercials so the line gets into "
     "next year budget?", False),  # the budget as a calendar
    ("What is your budget for this?", True),
    ("What budget do you have for next year?", True),
    # asked as a date (thirty-ninth session, dev6)
    ("When the budget for next fiscal year get fixed exactly? I think end of February or March", False),
    ("By when is the budget approved?", False),
    ("When is the budget approved, and what is your maximum?", True),  # the second question still asks the figure
    # the seller's own ceiling, said
    ("Fine, I'll give you the full five percent on marketing. But that is the ceiling, it's everything I have.", False),
    ("That's our absolute maximum on marketing.", False),
    ("What is your ceiling per seat?", True),
    ("That's the ceiling for you?", True),
    ("What number would make sense for the first order quantity?", False),
    ("What price would make the chains happy on the shelf?", False),
    # a second reader's look-alikes: still probes, or still none
    ("When it comes to the budget, what are we looking at?", True),
    ("When you set the budget for this project, how much did you plan", True),
    ("When you think about budget for the pilot, what range is realistic?", True),
    ("That is the maximum price you can pay, right", True),
    ("What rate did you use in the ROI calculation?", False),
])
def test_a_budget_calendar_is_no_probe(text, probes):
    from coach.understanding.rules import asks_a_limit
    assert asks_a_limit(clean_text(text)) is probes


@pytest.mark.parametrize("text, around", [
    ("That's great to hear. Maybe I should just get him to tell your CFO to approve the three-year deal at 165, it'd "
     "save us both a lot of time.", True),
    ("I will have our VP ask your director to sign it off this week.", True),
    ("Let me ask our CEO to call your chairman to thank him for the visit.", False),  # no approval asked for
    ("I will ask my manager to approve the discount.", False),  # our own side
    ("Can you ask your director to approve it?", False),  # through the buyer, not around him
    ("I'll get my manager to talk to the director so he can approve the extra discount.", False),  # inside our company
    ("Of course, let them talk to your director and decide when they are ready.", False),  # the buyer's own process
])
def test_a_third_person_sent_to_the_buyers_senior_goes_around_him(text, around):
    from coach.understanding.rules import senior_goes_around
    assert senior_goes_around(clean_text(text)) is around
