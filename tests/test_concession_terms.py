"""A seller who gives ground on a term other than the price ("three hours instead of four", "seven years instead of
five") makes a concession: read as one, not as a bare offer or a trade, and acknowledged as one."""
from __future__ import annotations

import pytest

from coach.understanding.concessions import asks_something_back, marks_a_step, moves_on_a_term
from coach.understanding.rules import clean_text


@pytest.mark.parametrize("text, gives", [
    ("We can commit to three hours on-site response instead of four, around the clock.", True),
    ("Okay. Three-hour response during peak instead of four.", True),
    ("We can extend the warranty from five to seven years.", True),
    ("We can accept the ten percent quality retention until the end of warranty. Is there anything else?", True),
    ("I understand. We can go to 90 days — but really, that is the end of the road on payment.", True),
    ("We can accept that.", True),
    # a trade, a question, a demand, a refusal, a correction, an accepted invitation: none is this kind of concession
    ("Ok, we'll go to net 60 — assuming the three-year term holds, right?", False),
    ("If you sign for five years instead of three, we can guarantee 99.5.", False),
    ("Would quarterly billing instead of annual upfront make it easier on your cash flow?", False),
    ("We'd need a 30% deposit instead of 20%.", False),
    ("We cannot accept 120 days.", False),
    ("Apologies — we counted 42 instead of 48. The corrected version is in your inbox.", False),
    ("We accept your invitation to dinner with pleasure.", False),
    ("We can accept your kind invitation.", False),
    # a reviewer's look-alikes: refusals, corrections and bad news, a point conceded, a meeting time
    ("I don't think we can accept that.", False),
    ("No way we can go to 90 days.", False),
    ("We couldn't do 60 days instead of 30.", False),
    ("Correction: the lead time is 10 weeks instead of 8.", False),
    ("Due to the chip shortage, lead time is 12 weeks instead of 8.", False),
    ("We will raise the price from 100 to 110 next year.", False),
    ("I accept your point, but the price stays at 100.", False),
    ("We can accept your very kind invitation.", False),
    ("We can move to 3 pm on Thursday.", False),
    ("We can accept the retention, but the price goes to 1,480.", False),  # a counter-demand: a trade
    # and polite wordings of a real concession
    ("We can do 60 days instead of 30 if that helps.", True),
    ("I understand you need the cash flow, so we can go to 90 days.", True),
    ("We can go to 90 days, but not 120.", True),
    ("We're willing to accept the retention.", True),
    ("Mr. Tanaka, we can extend the warranty from five to seven years.", True),
])
def test_a_move_on_a_term_is_told_from_trades_questions_and_refusals(text, gives):
    assert moves_on_a_term(clean_text(text)) is gives


@pytest.mark.parametrize("text, step", [
    ("Fine — I can go down to 300k and I'll make it work with the customer.", True),
    ("Then let's give Mr Choi something he can see: 6.10 instead of 6.40.", True),
    ("We can lower our price to 1,420.", True),
    ("We can offer 6.10 per bracket.", False),            # a first price, no step from anywhere
    ("We won't go down to 300k.", False),
    ("If you commit to 600 seats, I can go down to 72,000.", False),  # a trade
    ("I can go down to 300k, but not lower.", True),
    ("Our price is 82,000 per year, with onboarding included instead of billed separately.", False),
    ("We can go to 380,000 per set.", True),
    ("400,000 per set; this is a special effort for a strategic customer.", True),
    ("399,000 per set, a reduction of 21,000.", True),
    ("It took a big effort to qualify the pumps, and our price is 400,000.", False),
    ("We won't go to 380,000.", False),
])
def test_the_wording_of_a_step_down(text, step):
    assert marks_a_step(clean_text(text)) is step


def test_trade_shapes():
    for text in ("Approve it today, and in return I commit to week 16.", "Seventy-five days for a three-year term.",
                 "Once you confirm the forecast, then we hold stock."):
        assert asks_something_back(clean_text(text)), text
    assert not asks_something_back(clean_text("We can extend the warranty from five to seven years."))


@pytest.mark.parametrize("scenario, before, text", [
    ("sa-utility-smart-meter-supply", "Five years warranty is short for a meter that stays on the wall fifteen years.",
     "We can extend the warranty from five to seven years."),
    ("nl-warehouse-automation-service", "Four hours is still too slow.",
     "We can commit to three hours on-site response instead of four, around the clock."),
])
def test_the_reader_takes_a_move_on_a_term_as_a_concession_not_a_trade(understander, registry, scenario, before, text):
    u = understander.read(text, registry.scenarios[scenario], before)
    assert "concession" in u.acts and "trade_proposal" not in u.acts, u.confidence


def test_a_real_trade_keeps_its_reading(understander, registry):
    u = understander.read("If you commit to 600 seats instead of 500, the price goes down to 72,000.",
                          registry.scenarios["in-it-services-tooling-licence"])
    assert "trade_proposal" in u.acts, u.confidence


@pytest.fixture
def rp(registry, store, understander):
    from coach.roleplay import RolePlay
    return RolePlay(registry, store, realiser="bank", understander=understander)


@pytest.mark.parametrize("scenario, text", [
    ("nl-warehouse-automation-service", "Okay. Three-hour response during peak instead of four."),
    ("sa-utility-smart-meter-supply", "We can extend the warranty from five to seven years."),
    ("hq-explain-market-uncertainty", "Fine — I can go down to 300k and I'll make it work with the customer."),
])
def test_the_persona_acknowledges_the_concession(rp, registry, scenario, text):
    """With the real engine: after a greeting, the move on a term is registered as a concession, with one of the
    persona's own lines for it."""
    sid = rp.start(scenario, seed="concession")
    rp.turn(sid, "Good morning, thank you for your time today.").text()
    turn = rp.turn(sid, text)
    reply = turn.text()
    assert "ack:concession" in turn.result.plan, (turn.result.plan, reply)
    lines = registry.personas[registry.scenarios[scenario].persona].replies().acknowledge["concession"]
    assert any(line.split("{")[0].strip()[:20] in reply for line in lines if line.split("{")[0].strip()), reply


@pytest.mark.parametrize("text, agreeing", [
    ("Agreed — one hundred and two, ninety days, three percent.", True),
    ("Yes, we can live with that.", True),
    ("Deal. Let's shake hands on it.", True),
    ("Okay. Three-hour response during peak instead of four.", False),  # "Okay" alone does not agree to anything
    ("Fair enough. Which part, the base fee or the peak surcharge?", False),
    ("OK, agreed — 102, ninety days.", True),
    ("Agreed?", False),
    ("Deal? We can do 102 if you sign today.", False),
    ("That works out to 4,000 euros a month.", False),
])
def test_a_line_that_opens_by_agreeing(text, agreeing):
    from coach.understanding.concessions import opens_agreeing
    assert opens_agreeing(clean_text(text)) is agreeing


def test_an_agreement_is_registered_before_what_it_gives(rp, registry):
    """"Yes, we can live with that." takes up the buyer's proposal: the buyer registers the agreement ("settled"),
    not a concession ("that helps a bit")."""
    sid = rp.start("nl-warehouse-automation-service", seed="agreement")
    rp.turn(sid, "Good morning, thank you for your time today.").text()
    turn = rp.turn(sid, "Yes, we can live with that.")
    reply = turn.text()
    assert "ack:agreement" in turn.result.plan and "ack:concession" not in turn.result.plan, (turn.result.plan, reply)


_WANTS = "OK. And payment. Farmers pay me after the soybean harvest, April, May. I need 180 days."


@pytest.mark.parametrize("before, text, gives", [
    (_WANTS, "180 days... OK, for a partner like yours we can do 180 days. We trust you.", True),
    ("For the minimum, 250 is a lot in year one. Maybe 150.", "150 sounds reasonable for a start.", True),
    ("Our standard is 90 days payment.", "Ninety days is fine for us.", True),           # words and digits alike
    ("I want exclusivity, five years, for all our region.", "Five years exclusive for your region is fine.", True),
    (_WANTS, "180 days is difficult for us. Could we do 90?", False),                 # a refusal and a counter
    (_WANTS, "If you give us 300 kits, 180 days is fine.", False),                    # a trade
    ("Can we meet on Tuesday at 10?", "Tuesday at 10 is fine.", False),               # a meeting, no term of the deal
    ("We need the report in 5 days.", "5 days is fine, you will have it.", False),    # a promise to deliver
    (None, "180 days is fine.", False),                                               # nothing was asked
    (_WANTS, "180 days, no problem.", True),
    ("We need net 60.", "Net 60 is fine.", True),
    ("We want a 3% discount.", "3% is fine.", True),
    (_WANTS, "180 days works for us.", True),
    (_WANTS, "I don't think 180 days is reasonable.", False),
    (_WANTS, "180 days doesn't sound reasonable to us.", False),
    (_WANTS, "180 days sounds reasonable, but I have to check with my manager.", False),
    (_WANTS, "180 days is fine, but then we need a bank guarantee.", False),
    ("Your lead time of 12 weeks is too long.", "12 weeks is reasonable for a custom part.", False),  # defends its own
])
def test_yes_to_what_the_buyer_asked_for(before, text, gives):
    from coach.understanding.concessions import says_yes_to_a_demand
    assert says_yes_to_a_demand(clean_text(text), before) is gives


def test_the_debrief_counts_yes_to_a_demand_as_ground_given(registry, store, understander):
    """A seller who grants the buyer's payment demand for nothing loses value for it, with the turn cited."""
    from coach.debrief import DebriefService
    svc = DebriefService(registry, store, understander=understander)
    turns = [{"role": "trainee", "text": "Bom dia, Marcos, thank you for inviting me."},
             {"role": "persona", "text": _WANTS},
             {"role": "trainee", "text": "180 days... OK, for a partner like yours we can do 180 days. We trust you."}]
    result = svc.for_transcript({"scenario": "br-distributor-exclusivity", "turns": turns})
    notes = [(e.turn, e.note) for e in result.dimensions.value.evidence if e.effect < 0]
    assert any(turn == 3 and "gave ground" in note for turn, note in notes), notes


def test_yes_to_every_term_asked_is_no_trade(understander, registry):
    """"We can do three years with a 3 percent cap, and net 60 is fine." grants what the buyer listed, as listed: a
    concession, not a trade (the debrief would otherwise praise it as linked to something in return)."""
    u = understander.read("We can do three years with a 3 percent cap, and net 60 is fine.",
                          registry.scenarios["us-enterprise-saas-renewal"],
                          "OK. Term and cap. I'd prefer one year, or three years with a 3 percent uplift cap and net 60.")
    assert "concession" in u.acts and "trade_proposal" not in u.acts, u.confidence


@pytest.mark.parametrize("text, before, gives", [
    ("I'll need to square it with finance, but I'm sure we'll get to 120 days.", "We need 120 days.", True),
    ("And let's say 8 percent on marketing for the first year.", "And 8 percent for marketing, please.", True),
    ("Then I think we're there, 100 it is.", "Suresh says at 100 dollars our margin would be comfortable.", True),
    ("I'm glad to say exclusivity won't be a problem.", "For us exclusivity is a must, five years minimum.", True),
    ("120 days won't be a problem if you commit to 8,000 units.", "We need 120 days.", False),  # a trade
    ("Ninety days is my ceiling on payment.", "We need 120 days.", False),                     # another term
    ("Let's say 60 days.", "We need 120 days.", False),                                        # not what was asked
])
def test_saying_yes_to_what_the_buyer_asked_in_more_words(text, before, gives):
    from coach.understanding.concessions import says_yes_to_a_demand
    from coach.understanding.rules import clean_text
    assert says_yes_to_a_demand(clean_text(text), before) is gives


@pytest.mark.parametrize("scenario, text, terms", [
    ("br-distributor-exclusivity", "Still, to start the partnership well, I can offer 2,180 instead of 2,400.", {"price": 2180.0}),
    ("br-distributor-exclusivity", "I can offer 2,200 rather than the 2,350 we quoted.", {"price": 2200.0}),
    ("br-distributor-exclusivity", "180 days is long for us, but I'll accept 150 days to show good faith.", {"payment-terms": 150.0}),
    ("ae-trading-house-distribution", "Sir, the price is 120 US dollars per unit delivered Jebel Ali.", {"price": 120.0}),
    ("ae-trading-house-distribution", "If we plan 9,000 units in year one, I can move from 120 to 114 today.",
     {"price": 114.0, "first-year-volume": 9000.0}),
    ("us-enterprise-saas-renewal", "Yes, the new list is 180, but for Ridgeline I can keep you at 165.", {"price": 165.0}),
    ("us-enterprise-saas-renewal", "I'd love to make this work for you. 150 I can do.", {"price": 150.0}),
])
def test_the_figure_put_on_the_table_not_the_one_moved_from(understander, registry, scenario, text, terms):
    und = understander.read(text, registry.scenarios[scenario])
    assert {**und.terms, **({"price": und.price} if und.price is not None else {})} == terms, (und.terms, und.price)


@pytest.mark.parametrize("scenario, text, terms", [  # a reviewer's look-alikes: comparisons keep their first figure
    ("br-distributor-exclusivity", "Payment in 60 days is much better than the 30 days we give others.", {"payment-terms": 60.0}),
])
def test_a_comparison_is_not_a_figure_turned_down(understander, registry, scenario, text, terms):
    und = understander.read(text, registry.scenarios[scenario])
    assert und.terms == terms, und.terms


@pytest.mark.parametrize("text, before", [
    ("We'll get to exclusivity after we settle the price.", "For us exclusivity is a must."),
    ("Let's say 90 days instead of 120 days.", "We need 120 days."),
])
def test_putting_off_or_countering_is_no_yes(text, before):
    from coach.understanding.concessions import says_yes_to_a_demand
    from coach.understanding.rules import clean_text
    assert not says_yes_to_a_demand(clean_text(text), before)
