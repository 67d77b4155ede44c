"""A buyer's concern waved away ("mostly paperwork", "something on your side", "it is the culture") costs communication
like a vague answer; the seller's own formality, backed by facts, and a reason with its steps are none."""
from __future__ import annotations

import pytest

from coach.debrief.detectors import TurnView, detect
from coach.debrief.dismissal import waves_away


@pytest.mark.parametrize("text", [
    "And local content, frankly, that is mostly paperwork. Our compliance team will fill in the forms.",
    "Brazilian taxes are really something on your side; we can't build them into our list.",
    "The works council is just a formality, no? You can sign and inform them afterwards.",
    "Because in Korea things simply take more time. It is the culture.",
    "It's the culture, Greg, honestly. You can't push them.",
    "That's just how it is over there, nobody can give you a date.",
])
def test_a_concern_waved_away(text):
    assert waves_away(text)


@pytest.mark.parametrize("text", [
    "So I know a little how it is on your side of the table.",
    "The audit is a formality for us: we passed it in March, the report is attached.",
    "We will handle all the paperwork for the tender by Friday.",
    "Things take time there because the purchasing review meets only once a month.",
    "Local content is 30 percent in year one: Dammam assembly, a Riyadh service centre, Saudi engineers.",
    "I respect your culture of careful decisions; what does the committee need from us?",
])
def test_an_answer_or_the_sellers_own_formality_is_none(text):
    assert not waves_away(text)


def test_the_debrief_charges_the_dismissal_at_the_markets_weight_and_names_it(registry):
    sc = registry.scenarios["sa-utility-smart-meter-supply"]
    w = registry.markets["SA"].debrief_weights
    views = [TurnView(1, "persona", "Honestly: how much of this will be made in the Kingdom?", acts=["question"],
                      topics=["local_content"]),
             TurnView(2, "trainee", "Local content, frankly, is mostly paperwork; we will fill in the forms.",
                      acts=["information"], topics=["local_content"])]
    ev = [e for e in detect(views, sc, registry.personas[sc.persona], w) if e.dimension == "communication"]
    assert [(e.turn, e.effect) for e in ev if "waved" in e.note] == [(2, w.concern_dismissed)] and w.concern_dismissed < 0
    assert [e.mistake for e in ev if "waved" in e.note] == ["Waving away the buyer's concern"]
