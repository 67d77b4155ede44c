"""A buyer who spoke about the deal earlier in the meeting is bargaining already (thirty-ninth session): the seller's
trade a few turns later gets an answer on the deal, not "before I bargain, tell me how your company began"; its own
turns to the person do not count; an acceptance names the price agreed; the responsiveness eval replays every buyer
line of an item's history as the buyer's words."""
from __future__ import annotations

import pytest

from coach.roleplay.policy import Move, bargaining_already, decide
from coach.roleplay.realise import slot_values
from coach.roleplay.state import NegotiationState
from coach.understanding import Understanding

EARLIER = "The leadership will certainly look at whether the price is improved compared with the first quotation."


@pytest.mark.parametrize("said, before, already", [
    # the buyer raised the price two lines ago; its last word was about something else
    ([(None, EARLIER), ("ask", "I need to be able to explain it.")], "I need to be able to explain it.", True),
    ([("counter", "Ninety-eight, one hundred and twenty days."), ("small_talk", "More coffee?")], "More coffee?", False),
    # its own turn to the person echoed the price: that is no bargaining
    ([("small_talk", "118, I heard it. You move fast. Before I bargain, what brought you here?"),
      ("ask", "And your plans for the region?")], "And your plans for the region?", False),
    # the numbers put off earlier ("later", "first, …") are not taken up
    ([("greet", "Welcome! The price we talk about later. First, coffee."), ("ask", "How was the flight?")],
     "How was the flight?", False),
    # the engine's own deflection names the budget to put it off: its move says so, not its words
    ([("deflect", "You want to know my budget already? Let's first see if we like each other."),
      ("ask", "How was the flight?")], "How was the flight?", False),
    ([("counter", "I can do 320,000 per set."), ("ask", "And the delivery?")], "And the delivery?", True),
    # nothing said about the deal yet
    ([("greet", "Welcome, my friend, sit!"), ("ask", "How was the flight?")], "How was the flight?", False),
    # the buyer's answer to the quotation names his budget: the numbers are on the table
    ([(None, "(pause) Hmm. This may be a little difficult. Our budget for this unit was prepared with a different "
             "assumption.")], "(pause) Hmm. This may be a little difficult. Our budget for this unit was prepared with a "
                              "different assumption.", True),
    # the moves recorded with the lines decide, not a stale state (a line imported as context has no move)
    ([(None, "Good. Now let us talk numbers. What is your price?")], "Good. Now let us talk numbers. What is your price?",
     True),
])
def test_bargaining_read_from_the_whole_meeting(said, before, already):
    st = NegotiationState(last_moves=["small_talk"])  # a stale state: the lines' own moves are used when given
    assert bargaining_already(st, before, said) is already


@pytest.mark.parametrize("line, puts_off", [
    ("We can talk about the price later.", True),
    ("First, tell me about your family. The price can wait.", True),
    (EARLIER, False),  # "the first quotation" puts nothing off
    ("Your first offer was 120 dollars. Too high.", False),
    ("320... My friend, help me to help you. The committee will look at price first.", False),  # "first" as "before all"
    ("First, tell me your best price.", False),
    ("Yes, but first the person, then the papers. The price can wait.", True),
])
def test_first_puts_off_only_as_an_adverb(line, puts_off):
    assert bargaining_already(NegotiationState(), line) is (not puts_off)


def test_a_trade_after_the_buyer_raised_the_price_gets_no_relationship_gate(registry):
    sc = registry.scenarios["cn-soe-industrial-pumps"]
    persona = registry.personas[sc.persona]
    und = Understanding(acts=["trade_proposal", "offer"], price=385000.0,
                        confidence={"trade_proposal": 0.8, "offer": 0.8})
    said = [(None, EARLIER), ("ask", "I need to be able to explain it.")]
    assert decide(und, NegotiationState(turn=2), persona, sc, 5.0, said[-1][1], said).name not in (
        "small_talk", "hospitality")
    # the same trade when the buyer has said nothing of the deal still waits for the relationship
    said = [("greet", "Welcome. Please, have some tea."), ("small_talk", "Did you come by high-speed train?")]
    und = Understanding(acts=["trade_proposal", "offer"], price=385000.0,
                        confidence={"trade_proposal": 0.8, "offer": 0.8})
    assert decide(und, NegotiationState(turn=2), persona, sc, 5.0, said[-1][1], said).name in (
        "small_talk", "hospitality")


def test_an_acceptance_names_the_price_agreed(registry):
    sc = registry.scenarios["ae-trading-house-distribution"]
    persona = registry.personas[sc.persona]
    st = NegotiationState(persona_price=90.0, trainee_price=102.0, agreement={"price": 102.0})
    values = slot_values(st, persona, sc, Move("accept", "agree", end="agreement"), None)
    assert values["counter"].startswith("102") and values["price"].startswith("102")  # the bank's accept lines say {price}
    # any other move without a counter of its own still names the buyer's last figure
    assert slot_values(st, persona, sc, Move("hold_firm", "hold"), None)["counter"].startswith("90")


def test_the_eval_replays_each_buyer_line_of_the_history(settings):
    from coach.context import Context
    from coach.evals.responsiveness_suite import ResponsivenessSuite, eval_roleplay
    ctx = Context(settings)
    rp = eval_roleplay(ctx, {})
    item = {"id": "t-hist", "scenario": "cn-soe-industrial-pumps",
            "history": [{"role": "persona", "text": EARLIER},
                        {"role": "trainee", "text": "We understand that very well."},
                        {"role": "persona", "text": "I need to be able to explain it."},
                        {"role": "trainee", "text": "Of course, Director Wang."},
                        {"role": "persona", "text": "..."}],
            "text": "Then let us give you something clear to explain."}
    _, result = ResponsivenessSuite()._play(rp, ctx, item)
    buyer = [t.text for t in rp.store.turns(result.session_id) if t.role == "persona"]
    assert buyer[:3] == [EARLIER, "I need to be able to explain it.", "..."]
    assert len(buyer) == 4 and buyer[3]  # and the reply to the item's line
