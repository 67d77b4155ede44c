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


def _personal_after_agenda(registry, scenario_id: str, views: list[TurnView]) -> list:
    sc = registry.scenarios[scenario_id]
    w = registry.markets[sc.market].debrief_weights
    return [e for e in detect(views, sc, registry.personas[sc.persona], w)
            if e.mistake == "Personal talk when the buyer wants the agenda"]


def test_accepting_the_lunch_the_buyer_proposes_after_business_is_no_personal_talk_mistake(registry):
    # eight development skilled sellers were charged for it ("Now come, lunch. You like picanha?" -> "I would not miss it.")
    views = [TurnView(1, "persona", "Payment? The farmer pays after the harvest. I need 120 days.", acts=["question"],
                      topics=["payment"], move="request_detail"),
             TurnView(2, "trainee", "Ninety days I can commit to today.", acts=["offer"], topics=["payment"]),
             TurnView(3, "persona", "Fechado, in principle. I have to talk to my brother. Now come, lunch. You like picanha?",
                      acts=["invitation", "question"], topics=["payment"], move="request_detail"),
             TurnView(4, "trainee", "I would not miss it. Vamos!", acts=["small_talk", "agreement"])]
    assert not _personal_after_agenda(registry, "br-distributor-exclusivity", views)


def test_answering_the_buyers_family_question_after_a_business_ask_is_no_personal_talk_mistake(registry):
    views = [TurnView(1, "persona", "Deal. Get it out of commit today. And hey, how's the family? Your daughter started school?",
                      acts=["question"], topics=["timeline"], move="request_detail"),
             TurnView(2, "trainee", "She did, and she loves it, thanks for asking. The CRM will be updated today.",
                      acts=["small_talk", "own_commitment"])]
    assert not _personal_after_agenda(registry, "hq-explain-market-uncertainty", views)


def test_personal_talk_after_the_buyers_agenda_ask_still_costs(registry):
    views = [TurnView(1, "persona", "I prefer a clear clause. What is the validity of your offer?", acts=["question"],
                      topics=["contract"], move="request_detail"),
             TurnView(2, "trainee", "And when you come to Italy, I show you our factory and we go for a nice dinner.",
                      acts=["invitation", "small_talk"])]
    ev = _personal_after_agenda(registry, "de-machinery-drive-components", views)
    assert ev and all(e.effect < 0 for e in ev), ev


def test_a_meal_named_in_passing_does_not_clear_the_agenda_ask():
    from coach.debrief.detectors import _ends_personal
    for line in ("We have one hour before lunch, so let us start with point one.",
                 "We cannot eat this increase. What is your best price?",
                 "Good morning. Let's start with the agenda. Noon is our hard stop."):
        assert not _ends_personal(line), line
    for line in ("Fechado, in principle. Now come, lunch. You like picanha?", "Okay. Now, shall we go? It is almost noon.",
                 "So, lunch? Naengmyeon is good on a hot day.", "And Vikash, Saturday, come home for dinner.",
                 "Good. And hey, how's Seoul treating the family?"):
        assert _ends_personal(line), line
