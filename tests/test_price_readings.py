"""Readings a fourth development split of debrief transcripts showed wrong (nineteenth session): the seller's price in a
line that also names the list, an availability, a cash discount or a second step down; a declined invitation that was
an accepted coffee; a postponement reported upward as a yes; a product pitch credited as rapport."""
from __future__ import annotations

import pytest

from coach.debrief.wording import asks_for_an_answer_by, declines


@pytest.mark.parametrize("scenario, text, price, steps", [
    # the figure the seller dismisses is no offer
    ("us-enterprise-saas-renewal", "Look, we value the partnership, so let's forget the 180. I can do 160.", 160, []),
    # a second, lower figure offered on top of the first is the seller's position; the first is kept as a step
    ("us-enterprise-saas-renewal", "Let's forget the 180. I can do 160. And actually, if it helps, 150.", 150, [160]),
    ("br-distributor-exclusivity", "Look, to get things moving I could do 2,250. And if that's still tricky, 2,050.",
     2050, [2250]),
    ("br-distributor-exclusivity", "I can go to 2,100. Even 2,000, if it helps.", 2000, [2100]),
    # two prices for two payment terms are alternatives, not a second step
    ("de-machinery-drive-components", "With 60 days net I would need to stay at 1,450. With 45 days, 1,440.", 1450, []),
    # an availability said to the decimal is no price
    ("us-enterprise-saas-renewal", "Yes: March, 99.6 against 99.9, and we paid the credit.", None, []),
    # the price moved to a figure, whatever word follows it
    ("jp-keiretsu-component-supply", "What if we reduce the price to 1,380 right away? And one percent per year.",
     1380, []),
    # a discount for paying early is a payment term: the price beside it is read
    ("ae-trading-house-distribution", "What I can do: 102 dollars, if the commitment is eight thousand. If you prefer, "
     "2 percent discount for payment at 45 days, you choose.", 102, []),
    # the list restated beside the offer
    ("ae-trading-house-distribution", "The price is 120 because the quality is higher. But I can offer 98 dollars "
     "for the first year.", 98, []),
    # large figures said in words that stand on their own, and a second one on top "for you"
    ("cn-soe-industrial-pumps", "Okay, I can see the price is difficult. Let me say four hundred thousand. And "
     "honestly, for you, three hundred eighty-five thousand is possible.", 385000, [400000]),
    ("cn-soe-industrial-pumps", "One hundred eighty days, no problem. So: three hundred eighty-five thousand, one "
     "hundred eighty days, thirty-six months.", 385000, []),
    ("us-enterprise-saas-renewal", "We have one hundred fifty people in dispatch and two hundred in planning.", None, []),
    ("cn-soe-industrial-pumps", "The tooling alone cost us three hundred thousand, so we are careful.", None, []),
    # look-alikes of a further step and of an availability (a reviewer's)
    ("de-machinery-drive-components", "The gearbox is 1,480 and the spare-parts kit is even cheaper at 1,200.", 1480, []),
    ("us-enterprise-saas-renewal", "I can do 160. Even at 150 we would lose money.", 160, []),
    ("us-enterprise-saas-renewal", "We can do 165. Not even our biggest customer gets 150.", 165, []),
    ("in-it-services-tooling-licence", "We can do 92,000 per seat per year.", 92000, []),
    ("ae-trading-house-distribution", "We can do 96.50 per unit.", 96.5, []),
    ("cn-soe-industrial-pumps", "We have supplied four hundred thousand hours of operation without failure.", None, []),
    # thousands said short where the prices run in thousands (twentieth session, dev5 cd5-09/cd5-10)
    ("hq-explain-market-uncertainty", "Two hundred is below what I think it takes. At two hundred we'd be at roughly "
     "eight percent. I can come down to three hundred, with forty of that released only if purchasing shows us a "
     "competing quote.", 300000, []),
    ("hq-explain-market-uncertainty", "Sorry, or look, call it one-eighty and I'll sort it out locally.", 180000, []),
    ("hq-explain-market-uncertainty", "Okay, I understand. One-eighty is fine. I will make it work.", 180000, []),
    ("hq-explain-market-uncertainty", "I need a discount budget of three hundred thousand to win it.", 300000, []),
    ("hq-explain-market-uncertainty", "Fifty-five. It goes to seventy if we pass purchasing review.", None, []),
    ("hq-explain-market-uncertainty", "Call it fifty percent, honestly.", None, []),
    ("cn-soe-industrial-pumps", "We can do three-ninety per set.", 390000, []),
    ("nl-warehouse-automation-service", "Okay, if that's the game, then 380. I don't like bargaining.", 380000, []),
    # a figure turned down in the same breath (dev6 cd6-07)
    ("de-machinery-drive-components", "1,380 with twenty-four months I can't confirm here. Written answer by Thursday. "
     "Today I can confirm 1,390 with eighteen months.", 1390, []),
    # an availability in a line where another one was said with its comparison (dev6 cd6-21)
    ("us-enterprise-saas-renewal", "Yes. March was 99.82 against 99.9 — a database failover issue. The other eleven "
     "months were at or above 99.94.", None, []),
    ("us-enterprise-saas-renewal", "Uptime was 99.9 against 99.5 promised. For three years I can do 162.", 162, []),
    ("nl-warehouse-automation-service", "So: 420 was for four hours. Honest offer for three years: 398, including the "
     "spares.", 398000, []),
    ("nl-warehouse-automation-service", "I won't go to 360, and I'd rather say no than pad a number.", None, []),
    # look-alikes a reviewer found: times, counts after a colon, a rollout plan, a rival's or the buyer's figure
    ("hq-explain-market-uncertainty", "Two thirty is fine for me, I will call you then.", None, []),
    ("hq-explain-market-uncertainty", "Team size on your site: two hundred.", None, []),
    ("nl-warehouse-automation-service", "Pilot with 50 robots, then 200.", None, []),
    ("hq-explain-market-uncertainty", "Their price: 350.", None, []),
    ("hq-explain-market-uncertainty", "I can\u2019t go to 360.", None, []),
    ("de-machinery-drive-components", "Instead of 1,480 I can go to 1,390, we can't do less.", 1390, []),
    ("us-enterprise-saas-renewal", "Availability was 99.95% across the year. For a three-year term I can do 98.50.", 98.5, []),
    ("in-it-services-tooling-licence", "Our standard is thirty days. I can accept sixty if billing is annual.", None, []),
])
def test_the_sellers_own_price_in_a_line_with_other_figures(understander, registry, scenario, text, price, steps):
    und = understander.read(text, registry.scenarios[scenario])
    assert und.price == price
    assert und.price_steps == steps


def test_a_further_step_down_is_shown_by_the_cli_json(understander, registry):
    und = understander.read("I can do 160. And actually, if it helps, 150.", registry.scenarios["us-enterprise-saas-renewal"])
    assert und.to_json()["terms"]["price"] == 150 and und.to_json()["price_steps"] == [160]


@pytest.mark.parametrize("text, concession", [
    ("5.90, and we'll take the full tooling cost ourselves. You don't pay anything for tooling.", True),
    ("We will cover the freight costs ourselves.", True),
    ("The tooling cost is shared: we take 30% if the five-year volume is confirmed.", False),
])
def test_taking_a_cost_on_oneself_is_a_concession(understander, registry, text, concession):
    und = understander.read(text, registry.scenarios["kr-auto-bracket-supply"])
    assert ("concession" in und.acts) is concession, und.acts


@pytest.mark.parametrize("reply, declined", [
    ("Raining, naturally. Yes please to the coffee. I'm afraid I'm a Stoke City man, so I know about suffering.", False),
    ("I'm afraid I can't stay, I have a flight at three.", True),
])
def test_an_accepted_coffee_is_no_declined_invitation(reply, declined):
    assert declines(reply) is declined


def test_not_expecting_an_answer_today_is_no_push():
    assert not asks_for_an_answer_by("Of course. I do not expect an answer today. Which documents would help?")
    assert asks_for_an_answer_by("I need your answer by Friday.")


def test_a_discount_for_deciding_before_a_holiday_is_no_trade():
    from coach.debrief.wording import trade_in_words
    assert not trade_in_words("Eight weeks, okay, we will find a way. And 1,380 yen if you confirm before Golden Week.")
    assert trade_in_words("1,380 yen if you confirm 360,000 modules a year for three years.")


@pytest.mark.parametrize("text", [
    "Wonderful, thank you, Director Wang! So I can tell my director we are the preferred supplier?",
    "Perfect, then I'll consider it agreed and send the contract on Monday.",
    "Great! So I'll tell my headquarters we have the nomination.",
    "Great, I will tell my CEO we are close. When is the review?",
    "Awesome, that's great to hear! So can I tell my boss we're on track for the award?",
])
def test_more_ways_of_reporting_a_postponement_as_a_yes(text):
    from coach.debrief.detectors import _YES_READ
    assert _YES_READ.search(text)
    for look_alike in ("I will tell my director that we are in contact with your team.",
                       "I'll consider it done. You will have the test report by Friday.",
                       "Can I take it we have until Friday to send the revised offer?",
                       "I'll let my team know we have the contract draft, and they will send comments.",
                       "I will tell our headquarters that we are close to a solution."):
        assert not _YES_READ.search(look_alike), look_alike


def test_a_yes_reported_onward_is_read_even_when_asked(registry, store, understander):
    """"So can I tell my boss we're on track…? Would it help if I came back next week?" ends on a question, but it
    takes the postponement for a yes: no patience credit, and the yes-reading counted (dev3 cd3-06)."""
    from coach.debrief.detectors import reads_a_yes
    result = _debrief(registry, store, understander, "cn-soe-industrial-pumps", [
        ("trainee", "Good morning, Director Wang. Thank you for making time again."),
        ("persona", "We will study it."),
        ("trainee", "Awesome, that's great to hear! So can I tell my boss we're on track for the award before the Spring "
                    "Festival? Would it help if I came back next week?"),
    ])
    notes = [e.note for e in result.dimensions.cultural_reading.evidence]
    assert any("as a yes" in n for n in notes) and not any("patience" in n for n in notes), notes
    assert reads_a_yes("Can I take it that we're the preferred supplier?")
    assert not reads_a_yes("So we're agreed?")  # asks to check, presumes nothing onward
    assert not reads_a_yes("Can I tell my boss when you expect to decide?")


def test_a_promise_with_no_date_after_a_postponement_is_no_patience(registry, store, understander):
    result = _debrief(registry, store, understander, "jp-keiretsu-component-supply", [
        ("trainee", "Good afternoon, Yamamoto-san. Thank you for receiving me."),
        ("persona", "(writes) We will study it."),
        ("trainee", "Sure. I'll send the documents as soon as possible."),
    ])
    assert not [e for e in result.dimensions.cultural_reading.evidence if "patience" in e.note], \
        result.dimensions.cultural_reading.evidence


def _debrief(registry, store, understander, scenario: str, turns: list[tuple[str, str]]):
    from coach.debrief import DebriefService
    svc = DebriefService(registry, store, understander=understander)
    return svc.for_transcript({"scenario": scenario, "turns": [{"role": r, "text": t} for r, t in turns]})


def test_a_second_step_down_in_the_same_turn_is_a_concession(registry, store, understander):
    result = _debrief(registry, store, understander, "us-enterprise-saas-renewal", [
        ("trainee", "Hi Rachel. Thanks for the time."),
        ("persona", "Pricing: your quote went from 165 to 180. Help me understand."),
        ("trainee", "Let's forget the 180. I can do 170. And actually, if it helps, 160."),
    ])
    steps = [e for e in result.dimensions.value.evidence if e.turn == 3 and "conceded" in e.note]
    # 170 is the first figure (94% of list: no deep first discount), 160 a step down from it with nothing asked back
    assert len(steps) == 1 and steps[0].effect < 0 and "5.6% of list" in steps[0].note, result.dimensions.value.evidence
    assert not [e for e in result.dimensions.value.evidence if e.turn == 3 and "opened" in e.note]


def test_a_product_pitch_before_business_is_no_rapport(registry, store, understander):
    result = _debrief(registry, store, understander, "br-distributor-exclusivity", [
        ("trainee", "Of course. We're the market leader in section control in northern Europe, award-winning "
                    "technology, a fantastic engineering team. Honestly, the kits basically sell themselves."),
        ("persona", "Farmers in Europe. Here the farmer wants to see it in his own field."),
    ])
    assert not [e for e in result.dimensions.relationship.evidence if "rapport" in e.note], \
        result.dimensions.relationship.evidence


@pytest.mark.parametrize("text, undated", [
    ("I'll pull something together. Probably early next week, if that's all right; it's a busy week.", True),
    ("I will probably send it on Monday.", True),
    ("I'll send it tomorrow, probably before noon.", False),
    ("We will send the offer by Thursday. Perhaps we can talk on Friday.", False),
    ("Maybe we can meet next week?", False),
])
def test_a_date_named_only_with_a_hedge_is_no_date(text, undated):
    from coach.debrief.wording import undated_promise
    assert undated_promise(text) is undated


@pytest.mark.parametrize("text, act, read", [
    ("Actually, to be safe, I sent Team Leader Choi an e-mail with the offer this morning, so he has it directly.",
     "escalation", True),
    ("I e-mailed the GM the quotation yesterday, as you suggested.", "escalation", False),
    ("I called the director of our plant this morning.", "escalation", False),
    ("Yesterday I phoned the CEO at our headquarters and he supports this deal.", "escalation", False),
    ("I called the director last night and he approved an extra 2 percent for you.", "escalation", False),
    ("And I'll be frank: if we can't get the nomination before Chuseok, our capacity may go to another project.",
     "pressure", True),
])
def test_going_around_the_buyer_and_a_threat_to_move_capacity(understander, registry, text, act, read):
    und = understander.read(text, registry.scenarios["kr-auto-bracket-supply"])
    assert (act in und.acts) is read, und.acts


def test_declining_lunch_nobody_offered_is_no_invitation(registry, store, understander):
    result = _debrief(registry, store, understander, "kr-auto-bracket-supply", [
        ("trainee", "Good morning, Mr. Park. Thanks for meeting me."),
        ("persona", "Okay. I will report."),
        ("trainee", "Also, I'm sorry, I won't be able to join you for lunch. I have another meeting in Busan at one."),
    ])
    assert not [e for e in result.dimensions.relationship.evidence if "invitation" in e.note], \
        result.dimensions.relationship.evidence


@pytest.mark.parametrize("words, value", [("one-eighty", 180), ("three ninety-five", 395), ("one twenty five", 125),
                                          ("twenty-one", 21), ("one hundred eighty", 180), ("two nine two", 292)])
def test_a_unit_said_before_the_tens_names_the_hundreds(words, value):
    from coach.understanding.numbers import numbers_in
    assert value in numbers_in(words, words=True)


def test_part_of_a_figure_held_back_against_a_condition_is_a_trade():
    from coach.debrief.wording import trade_in_words
    assert trade_in_words("I'd ask for 300, and I release the last 60 only after the cross-functional review.")
    assert not trade_in_words("The budget was released last week, only a little late.")
    assert not trade_in_words("Version 3 is released only after QA signs off.")
    assert trade_in_words("I can come down to three hundred, with forty of that released only if purchasing shows a quote.")


@pytest.mark.parametrize("text, told", [
    ("Okay, we can do 380. And to be honest with you, our floor is 372, so let's say 375.", True),
    ("I can't move on price — that's the floor from head office, my hands are tied.", True),
    ("That is really our bottom line.", True),
    ("I cannot tell you our floor.", False),
    ("This hurts our bottom line.", False),
    ("That's the bottom line: we need a decision.", False),
    ("Our floor manager will show you the line.", False),
    ("5.70 we cannot do — below our floor we lose money on every bracket.", False),
    ("What is your floor for the pilot?", False),
    ("Our minimum order quantity is 500 units.", False),
])
def test_telling_the_buyer_your_own_floor(text, told):
    from coach.debrief.wording import tells_own_floor
    assert tells_own_floor(text) is told


@pytest.mark.parametrize("text, blunt_", [("And you must be Felipe, who sent the spec questions.", False),
                                         ("You have to try the pão de queijo here.", False),
                                         ("You must accept our terms.", True), ("You must be joking.", True),
                                         ("You have to try harder on price.", True)])
def test_you_must_be_is_no_blunt_demand(text, blunt_):
    from coach.debrief.wording import blunt
    assert blunt(text) is blunt_


def test_a_postponement_booked_as_confirmed_is_a_yes():
    from coach.debrief.detectors import reads_a_yes
    assert reads_a_yes("Lekker! Then I'll put Bertolini down as confirmed for the launch.")
    assert reads_a_yes("Wonderful. I'll tell my boss it's in the bag — he'll be very happy.")
    assert reads_a_yes("Great, so it's a done deal. When can we sign?")
    assert reads_a_yes("So can I tell my boss it\u2019s in the bag?")
    for not_yet in ("I don't assume it's a done deal.", "I'll put it down as confirmed once you sign.",
                    "Let me put the meeting down as confirmed for Tuesday.", "It is a done deal only when you say so."):
        assert not reads_a_yes(not_yet), not_yet
    assert not reads_a_yes("I'll note the delivery date as Thursday.")


@pytest.mark.parametrize("last, score", [
    ("Prima. Send it in writing, exactly like that, and I'll take it to the MT in two weeks.", 40),
    ("We're not close. I'll talk to Mark and the MT. Don't call me before I call you.", 25),
    ("I have my doubts that we are ready. Please send me the test conditions in writing; then we will see.", 25),
    ("We are not close to a decision yet; I\u2019ll take it to the committee next month.", 40),  # the last word decides
    ("Don\u2019t send it in writing yet; we are still comparing.", 25),  # a negated warm cue is none
    ("Please don't call me on my mobile; email is better. I'll take it to the board on Monday.", 40),
])
def test_how_an_imported_transcript_ends_is_read_from_the_buyers_last_line(registry, store, understander, last, score):
    result = _debrief(registry, store, understander, "nl-warehouse-automation-service", [
        ("trainee", "Good morning, Sanne. Our offer for three years is 398, including the peak technician."),
        ("persona", last),
    ])
    assert result.dimensions.outcome.score == score, result.dimensions.outcome
