"""Answering a request that is normal in the buyer's market with a rule for every market is a named mistake where the
market's weight says so (JP, KR, BR, …), and a small cost where rules are respected (DE, NL, US)."""
from __future__ import annotations

import pytest

from coach.debrief.policy_wall import hides_behind_policy
from tests.test_price_readings import _debrief


@pytest.mark.parametrize("text, said", [
    ("I am sorry, but our price has no annual reduction. This is our company policy; there is no room for it.", True),
    ("I understand, Marcos, it's a big number. But our dollar price is the same in every market.", True),
    ("Our standard contract is one year, non-exclusive. That's head office policy.", True),
    ("Sixty is our policy.", True),
    ("No, sorry, we don't do annual reductions. We give a fair price from the start.", True),
    ("Our price is our price, Anil-ji. Ninety-six is best and final.", True),
    ("Two thousand four hundred FCA is our global list, Marcos.", True),
    # the buyer's own rule, a question, a rule disowned or bent for this buyer
    ("Hanbit has three approval gates left; it's in their procurement policy.", False),
    ("Is that your company policy, or the carmaker's?", False),
    ("I won't defend the dollar price as if it were the same everywhere; it isn't, not after that tax cascade.", False),
    ("Our standard is sixty days, but for you we can link the second half to the harvest.", False),
    ("Our pricing is the same as last year's quotation, and I can explain every line of it.", False),
    # a second reader's lines: refusals worded with "not" or "never", short and non-native forms, a wall then a question
    ("Not possible, company policy.", True),
    ("We never give discounts, that's company policy.", True),
    ("That's company policy, but we can't change it.", True),
    ("That's our policy. Can you live with it?", True),
    ("The price is same in all markets, this is rule.", True),
    ("Policy is policy. Take it or leave it.", True),
    ("We are a global company, one price worldwide, no discussion.", True),
    ("As per our global pricing policy, the list price applies.", True),
    ("Head office policy. Nothing I can do.", True),
    # ... and its near-misses: a policy of doing something, a benefit, a rule bent for this buyer, not about terms
    ("It's our policy to send minutes the same day.", False),
    ("Our warranty policy covers labour too.", False),
    ("Our policy is to adapt prices to each market.", False),
    ("Company policy says 30 days. For you, I'll make an exception.", False),
    ("Our payment policy is 30 days. That said, for your harvest cycle we can do 120.", False),
    ("The packaging is the same in every market, so your stores get the familiar look.", False),
    ("There are no exceptions in our quality inspection, every unit is tested.", False),
    ("There's no annual price reduction clause in the draft yet, shall we add one.", False),
    ("I'm not going to hide behind company policy, tell me what the cost-down means for you.", False),
    ("I don't know our backup rule for named technicians; I'll find out by Thursday.", False),
])
def test_a_rule_for_every_market_in_place_of_an_answer(text, said):
    assert hides_behind_policy(text) is said, text


def _annual_reduction(registry, store, understander, line: str):
    return _debrief(registry, store, understander, "jp-keiretsu-component-supply", [
        ("persona", "As you know, our suppliers offer a small annual price reduction. How do you see this?"),
        ("trainee", line),
    ])


def test_the_debrief_names_it_for_a_japanese_buyer_with_a_case_about_it(registry, store, understander):
    wall = _annual_reduction(registry, store, understander,
                             "I am sorry, but our price has no annual reduction. This is our company policy.")
    heard = _annual_reduction(registry, store, understander,
                              "I understand it is part of your cost targets. Could we link a yearly step to the volume "
                              "and to improvements we find together?")
    names = [m.title for m in wall.mistakes]
    assert "Answering a local request with a global policy" in names, names
    assert "Answering a local request with a global policy" not in [m.title for m in heard.mistakes]
    ev = [e for e in wall.dimensions.cultural_reading.evidence if "rule for every market" in e.note]
    assert len(ev) == 1 and ev[0].effect == registry.markets["JP"].debrief_weights.policy_wall == -10, ev
    assert wall.dimensions.cultural_reading.score < heard.dimensions.cultural_reading.score
    mistake = next(m for m in wall.mistakes if m.title == "Answering a local request with a global policy")
    # the case shown is about this mistake (a policy, a global list or the standard terms), not any JP case
    case = registry.cases[mistake.case_id] if mistake.case_id else None
    assert case is not None and any(w in (case.title + case.lesson).lower() for w in ("policy", "global", "standard")), case


def test_where_rules_are_respected_it_costs_a_little_and_names_no_mistake(registry, store, understander):
    result = _debrief(registry, store, understander, "de-machinery-drive-components", [
        ("persona", "Our purchasing terms ask for a price fixed for two years."),
        ("trainee", "We can't fix it for two years; that's company policy."),
    ])
    ev = [e for e in result.dimensions.cultural_reading.evidence if "rule for every market" in e.note]
    assert len(ev) == 1 and ev[0].effect == registry.markets["DE"].debrief_weights.policy_wall == -3, ev
    assert "Answering a local request with a global policy" not in [m.title for m in result.mistakes]
