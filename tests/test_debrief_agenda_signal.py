"""Personal talk carried on right after a task-focused buyer steered to the agenda is a missed signal (cultural
reading, once per conversation, weighted per market: DE/NL/US only), beside its relationship cost."""
from __future__ import annotations

from coach.debrief.detectors import TurnView, detect

from tests.test_price_readings import _debrief

AGENDA = "Good morning. Coffee is on the table. You have seen the agenda: technical points first, then price."
MONOLOGUE = ("Good morning, lovely to meet you! What a drive down from Frankfurt, all those vineyards along the Neckar. "
             "I stopped at a little wine festival on the way, you must go if you have not been.")


def _missed(registry, scenario_id: str, views: list[TurnView]) -> list:
    sc = registry.scenarios[scenario_id]
    persona = registry.personas[sc.persona]
    w = registry.markets[sc.market].debrief_weights
    return [e for e in detect(views, sc, persona, w) if e.dimension == "cultural_reading" and "carried on" in e.note]


def test_small_talk_after_the_agenda_costs_cultural_reading_once_with_a_german_buyer(registry):
    views = [TurnView(1, "persona", AGENDA, acts=["greeting", "agenda_push"], move="greet"),
             TurnView(2, "trainee", MONOLOGUE, acts=["greeting", "small_talk"]),
             TurnView(3, "persona", "Let us come back to the agenda.", acts=["agenda_push"], move="push_agenda"),
             TurnView(4, "trainee", "Of course. But first, the Neckar valley, do you sail?", acts=["small_talk", "question"])]
    ev = _missed(registry, "de-machinery-drive-components", views)
    assert [(e.turn, e.effect) for e in ev] == [(2, registry.markets["DE"].debrief_weights.agenda_request_missed)]
    assert ev[0].effect < 0 and "asked to start (turn 1)" in ev[0].note


def test_answering_the_buyers_own_personal_question_is_no_missed_signal(registry):
    views = [TurnView(1, "persona", "Let's start. But first: how was the flight?", acts=["agenda_push", "small_talk"],
                      move="push_agenda"),
             TurnView(2, "trainee", "Smooth, thank you, I even slept a little.", acts=["small_talk"])]
    assert not _missed(registry, "de-machinery-drive-components", views)


def test_accepting_the_buyers_meal_is_no_missed_signal_even_when_read_as_an_agenda_ask(registry):
    views = [TurnView(1, "persona", "Shall we go? It is almost noon.", acts=["question", "agenda_push"], move="stay_in_role"),
             TurnView(2, "trainee", "Yes. I am hungry, and I trust your choice of restaurant.", acts=["small_talk"])]
    assert not _missed(registry, "de-machinery-drive-components", views)
    # a buyer who seldom steers to the agenda: weighed at zero (there, hosted lunches read as agenda asks)
    assert registry.markets["KR"].debrief_weights.agenda_request_missed == 0


def test_the_real_reading_charges_the_monologue_and_not_the_brisk_opening(registry, store, understander):
    def reading(opening: str) -> int:
        result = _debrief(registry, store, understander, "de-machinery-drive-components", [
            ("persona", AGENDA), ("trainee", opening),
            ("persona", "Good. Herr Vogt has three questions on the bearing temperatures."),
            ("trainee", "Yes: 85 degrees at rated load in our test bench, report TB-114, I can send it today.")])
        return result.dimensions.cultural_reading.score

    brisk = reading("Good morning, Dr. Brenner. Thank you, agreed: technical points first, then price.")
    assert reading(MONOLOGUE) <= brisk - 10
