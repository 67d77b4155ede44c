"""Waving the buyer's concern away ("local content is mostly paperwork", "the works council is a formality", "it's the
culture") is a named mistake, shown with a case that says it illustrates it; an imported buyer's plain yes is an
agreement."""
from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from coach.debrief.acceptance import accepts_plainly
from coach.debrief.mistake_queries import MISTAKE_QUERIES
from tests.test_price_readings import _debrief

MISTAKE = "Waving away the buyer's concern"


def test_the_debrief_names_it_for_a_saudi_buyer_with_the_local_content_case(registry, store, understander):
    opening = [("persona", "Ahlan wa sahlan, welcome! Please, sit. Qahwa?"),
               ("trainee", "As-salamu alaykum, Eng. Faisal. With pleasure, thank you. How is your father?"),
               ("persona", "Al-hamdu lillah, he is well. So. The committee will score local content. Tell me about it.")]
    waved = _debrief(registry, store, understander, "sa-utility-smart-meter-supply", [
        *opening, ("trainee", "Honestly, local content is mostly paperwork; our compliance team will fill in the forms.")])
    answered = _debrief(registry, store, understander, "sa-utility-smart-meter-supply", [
        *opening, ("trainee", "A service centre in Riyadh with six Saudi engineers in the pilot, and final assembly "
                              "with our partner in Dammam in the rollout; I will send the calculation line by line.")])
    mistake = next((m for m in waved.mistakes if m.title == MISTAKE), None)
    assert mistake is not None, [m.title for m in waved.mistakes]
    assert mistake.case_id == "sa-local-content-as-paperwork" and mistake.instead, mistake
    assert MISTAKE not in [m.title for m in answered.mistakes]
    ev = [e for e in waved.dimensions.communication.evidence if "waved the buyer's concern away" in e.note]
    assert len(ev) == 1 and ev[0].effect == registry.markets["SA"].debrief_weights.concern_dismissed == -10, ev
    assert waved.overall < answered.overall


def test_every_market_has_a_case_that_illustrates_it(registry, store):
    from coach.debrief import DebriefService
    svc = DebriefService(registry, store)
    query = MISTAKE_QUERIES[MISTAKE][0]
    for market in registry.markets:
        case = svc._declared_case(MISTAKE, query, market)
        assert case is not None and market in case.markets and MISTAKE in case.illustrates, market
        assert registry.markets[market].debrief_weights.concern_dismissed <= -6, market  # named everywhere


def test_a_case_naming_an_unknown_mistake_is_refused_with_the_field(registry):
    from coach.packs.models import Case
    data = registry.cases["sa-local-content-as-paperwork"].model_dump(mode="json")
    data["illustrates"] = ["Waving the concern"]
    with pytest.raises(ValidationError) as err:
        Case.model_validate(data)
    assert "illustrates" in str(err.value) and "unknown mistake 'Waving the concern'" in str(err.value)
    assert yaml.safe_dump(data)  # the rest of the case is intact


@pytest.mark.parametrize("text, yes", [
    ("Deal. One-pager tonight, Monday updates.", True),
    ("That works. Send the recap.", True),
    ("Khalas: one hundred five, ten thousand, four percent, seventy-five days. This I can shake on.", True),
    ("Combinado. Now, lunch.", True),
    ("Okay. Eighty-six, sixty days, four weeks. Let's do it, we'll start from April.", True),
    # a condition, a question, a postponement or a deal desk is no yes
    ("Make it 280 with that staging and we have a deal.", False),
    ("Twenty-one-fifty, and for me we have a deal. But my father has to see the four years.", False),
    ("That works. I'll take options back to the team and come back on the uplift question.", False),
    ("So, three years. What would a three-year deal look like from your side?", False),
    ("I can get two-fifty through the deal desk without a fight.", False),
    ("Why should I accept less?", False),
])
def test_a_plain_yes_from_the_buyer(text, yes):
    assert accepts_plainly(text) is yes


def test_an_imported_transcript_ending_on_a_plain_yes_is_an_agreement(registry, store, understander):
    turns = [
        ("persona", "Good morning. We have twenty minutes; let us start with the price."),
        ("trainee", "Thank you. Our offer is 1,450 euros per gearbox, sixty days net, thirty months warranty."),
        ("persona", "(laughs) Deal. Just joking. It is too high."),
        ("trainee", "At 1,420 with a four-week lead time against your forecast, if you commit to the annual volume."),
        ("persona", "Agreed. Please send the minutes today."),
        ("trainee", "Minutes today, and the framework draft by Friday."),
    ]
    result = _debrief(registry, store, understander, "de-machinery-drive-components", turns)
    assert result.outcome["agreement"] and result.outcome["price"] == 1420, result.outcome
    joke_only = [*turns[:4], ("persona", "I will check it with Engineering and come back to you."), turns[5]]
    early = _debrief(registry, store, understander, "de-machinery-drive-components", joke_only)
    assert not early.outcome["agreement"], early.outcome  # the early joke is no yes
