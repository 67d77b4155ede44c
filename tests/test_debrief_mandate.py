"""What the twelfth debrief development split (sellers' home habits, thirty-fourth session) asked for: a seller who
came without a mandate, a first price that answers the buyer's own figure, an HQ director's yes that restates the
terms, a buyer who proposes lunch (no agenda ask), evasive non-answers as vague, and a site visit offered as a
question as an invitation."""
from __future__ import annotations

import pytest

from coach.debrief.acceptance import accepts_plainly
from coach.debrief.mandate import defers_upward, stalls_without_mandate
from coach.understanding import rules
from coach.understanding.visits import is_site_visit
from tests.test_price_readings import _debrief

MISTAKE = "Coming without a mandate"
OPENING = [("persona", "안녕하세요, welcome to Ulsan again. Coffee? Team Leader Choi sends his regards."),
           ("trainee", "안녕하세요, Park Chajang-nim. Thank you, coffee is wonderful."),
           ("persona", "Today I must prepare the nomination document. Honestly, the domestic supplier is cheaper. Your 6.40 "
                       "is difficult for us.")]


@pytest.mark.parametrize("text, defers", [
    ("Yes... I understand. (long silence) ... I will bring this back to headquarters, and we will study it carefully.", True),
    ("Tooling also, we must discuss with headquarters. Our internal approval needs several departments.", True),
    ("I am very sorry. Today I cannot show a number.", True),
    ("Yes, I understand. I cannot decide payment terms today.", True),
    ("Headquarters has approved a new price for a five-year nomination: 6.10 per bracket.", False),  # a mandate, used
    ("For the rollout I'd have to check with HQ, but in the pilot we are at 20 percent.", False),  # a figure of his own
    ("We can't move on price any further, but the tooling we can share.", False),  # a stance, not a missing mandate
])
def test_what_sends_the_point_back_to_headquarters(text, defers):
    assert defers_upward(text) is defers


def test_a_seller_without_a_mandate_is_named_once_with_the_markets_weight(registry, store, understander):
    stalled = _debrief(registry, store, understander, "kr-auto-bracket-supply", [
        *OPENING, ("trainee", "I understand. I will bring this back to headquarters, and we will study it carefully."),
        ("persona", "And payment: our standard is 90 days. Your quote says 60."),
        ("trainee", "I cannot decide payment terms today. I am very sorry."),
        ("persona", "Team Leader Choi will ask me: what did you get from them today?"),
        ("trainee", "I am very sorry. Our internal approval will take about three weeks.")])
    cleared = _debrief(registry, store, understander, "kr-auto-bracket-supply", [
        *OPENING, ("trainee", "Headquarters has approved 6.10 per bracket for a five-year nomination, if we share the tooling."),
        ("persona", "And payment: our standard is 90 days. Your quote says 60."),
        ("trainee", "90 days is acceptable if the tooling share stays as we said."),
        ("persona", "Team Leader Choi will ask me: what did you get from them today?"),
        ("trainee", "6.10 instead of 6.40, tooling shared, 90 days; I will send it in writing today.")])
    named = [m for m in stalled.mistakes if m.title == MISTAKE]
    assert len(named) == 1 and named[0].turn == 6, [m.title for m in stalled.mistakes]
    case = registry.cases.get(named[0].case_id or "")  # a case written about it, not one about something else
    assert case is not None and MISTAKE in case.illustrates and "KR" in case.markets, named[0].case_id
    ev = [e for e in stalled.dimensions.value.evidence if "headquarters again" in e.note]
    assert len(ev) == 1 and ev[0].effect == registry.markets["KR"].debrief_weights.no_mandate == -8
    assert MISTAKE not in [m.title for m in cleared.mistakes]
    # answering "your 6.40 is difficult" with a price is no rush to price, whatever the buyer's relationship need
    assert not [e for e in cleared.dimensions.pacing.evidence if "first price" in e.note], cleared.dimensions.pacing.evidence


def test_one_deferral_is_honest():
    one = type("V", (), {"text": "I'd have to check that with HQ."})()
    two = type("V", (), {"text": "We will study it and come back."})()
    assert stalls_without_mandate([one]) is None and stalls_without_mandate([one, two]) is two


@pytest.mark.parametrize("text, yes", [
    ("Fine. Close week 17, 55 percent, 270 plus 30 gated. Put the milestones in the CRM. I want a Friday update.", True),
    ("Fine. 250 approved, 300 ceiling with my sign-off. 50% at week 18. Put it in the CRM today.", True),
    ("Fine. 240 then, and we see.", False),  # no follow-through: a counter, not a yes
    ("OK. 240, 50 percent. Put it in the CRM if you get the customer to sign.", False),  # a condition
])
def test_a_yes_word_that_restates_the_terms_and_sets_their_follow_through(text, yes):
    assert accepts_plainly(text) is yes


def test_a_buyer_proposing_lunch_asks_for_no_agenda(registry, store, understander):
    result = _debrief(registry, store, understander, "kr-auto-bracket-supply", [
        *OPENING, ("trainee", "Then let me change the offer: 6.00 with fifty percent tooling if the nomination covers five years."),
        ("persona", "Good. Then let's go; the naengmyeon is waiting."),
        ("trainee", "After you, Mr Park.")])
    notes = [e.note for d in ("relationship", "communication") for e in getattr(result.dimensions, d).evidence]
    assert not [n for n in notes if "asked to get to business" in n or "asked for business" in n], notes


@pytest.mark.parametrize("text", [
    "If you insist on a number — perhaps next quarter, perhaps later. It depends on their committees.",
    "It is not so simple to answer yes or no.",
    "Who knows, with their committees.",
])
def test_answers_that_will_not_commit_are_vague(text):
    assert rules.hype(text)


@pytest.mark.parametrize("text, visit", [
    ("Would a visit to one of our installations at a Chinese refinery be useful for Chief Engineer Liu?", True),
    ("His questions during the plant tour were the sharpest we have had.", False),  # a tour that happened
    ("Our engineer will visit Kariya every week during the ramp-up.", False),  # the seller's side going
    ("Regular visits, weekly calls, or an engineer staying at your site?", False),  # at the buyer's site
])
def test_a_site_visit_offered_as_a_question_is_an_invitation(text, visit, understander):
    assert is_site_visit(text) is visit
    if visit:
        assert "invitation" in understander.read(text).acts
