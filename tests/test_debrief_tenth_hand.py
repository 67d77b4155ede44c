"""What the tenth debrief development split asked for (twenty-fifth session): a rival buyer held over the buyer is
pressure; time given ("our offer stays valid through Eid, let's not rush") is none; the buyer's senior met together
with the buyer is no escalation; a yes reported onward with "let … know" or called "basically a done deal"; a welcome
with coffee is no request to get to business; a deadline put on the buyer earns no credit as a dated step of one's
own. With the look-alikes that must stay."""
from __future__ import annotations

import pytest

from coach.debrief.detectors import TurnView
from coach.debrief.yes_reading import reads_a_yes
from coach.understanding.pressure import rival_leverage
from coach.understanding.rules import clean_text, peer_meeting

from tests.test_price_readings import _debrief


@pytest.mark.parametrize("text, leverage", [
    ("To be straight with you, there's another dealer group sniffing around.", True),
    ("Another dealer group also contacted us about the kits. If exclusivity doesn't work for you, we may have to talk "
     "to them.", True),
    ("Two other utilities are interested in the same production slot.", True),
    ("Other customers are asking for the same capacity.", True),
    ("Other customers asked us about our roadmap too.", False),
    ("We supply other distributors in Europe.", False),
    ("Have other buyers asked you for this?", False),
    ("Other customers asked for the same discount and we said no.", False),
    ("Another customer called us yesterday about a complaint.", False),
    ("Other customers in Europe are interested in our new line, I can share their feedback.", False),
    ("We will have to talk to them about the lead time.", False),
])
def test_a_rival_buyer_held_over_the_buyer(text, leverage):
    assert rival_leverage(clean_text(text)) is leverage


@pytest.mark.parametrize("text, pressure", [
    ("Then let's not rush anything before Ramadan — our offer stays valid for a hundred and twenty days, through Eid. "
     "If it would help, our CEO could pay a courtesy visit to Dr. Khalid after Eid, together with you — only if you "
     "think it fits.", False),
    ("No rush, but the price is only valid until Friday.", True),
    ("Take your time, but I need your answer by Friday.", True),
    ("Honestly, no pressure: if you don't sign today, we lose the slot.", True),
    ("To be straight with you, there's another dealer group sniffing around.", True),
])
def test_time_given_is_no_pressure_and_a_rival_is(understander, registry, text, pressure):
    und = understander.read(text, registry.scenarios["sa-utility-smart-meter-supply"])
    assert ("pressure" in und.acts) is pressure, und.confidence


@pytest.mark.parametrize("text, with_the_buyer", [
    ("Could I come back in three weeks with our managing director, and we present it to him together with you?", True),
    ("Our CEO could pay a courtesy visit to Dr. Khalid after Eid, if you think it helps.", True),
    ("I'll call Dr. Khalid directly, it is faster.", False),
    ("You and I both know your boss decides. Let me talk to him.", False),
])
def test_the_buyers_senior_met_with_the_buyer(text, with_the_buyer):
    assert peer_meeting(clean_text(text)) is with_the_buyer


def test_a_joint_visit_to_the_buyers_father_is_no_escalation(understander, registry):
    und = understander.read("Fair question, and I don't have the full answer today. I'll check with our treasury and "
                            "confirm by Wednesday. And before anything is signed I'd like to meet Seu Antônio. Could I "
                            "come back in three weeks with our managing director, and we present it to him together "
                            "with you?", registry.scenarios["br-distributor-exclusivity"],
                            before="Cláudia will ask about the dollar. If the real falls, who pays?")
    assert "escalation" not in und.acts, und.confidence


@pytest.mark.parametrize("text, yes", [
    ("Great — so we're good to go? I'll let my team know we're in good shape.", True),
    ("After Eid — okay. I'll let headquarters know it's basically a done deal pending the committee.", True),
    ("Lekker! I'll tell Europe it's done — they'll be chuffed.", True),
    ("I'll let my team know we're meeting again in January.", False),
    ("Can I tell Europe it's done once you sign?", False),
    ("I will let my office know we are done for today.", False),
    ("Let the factory know that we are on the way to the plant.", False),
])
def test_yes_readings_of_the_tenth_hand(text, yes):
    assert reads_a_yes(text) is yes


def test_a_welcome_with_coffee_is_no_request_for_business():
    welcome = TurnView(1, "persona", "Please sit. You will have some qahwa?", acts=["greeting", "question"],
                       topics=["timeline"])
    assert not welcome.asks_business()
    assert TurnView(3, "persona", "When can you deliver?", acts=["question"], topics=["timeline"]).asks_business()


def test_a_deadline_put_on_the_buyer_is_no_dated_step_of_ones_own(registry, store, understander):
    result = _debrief(registry, store, understander, "sa-utility-smart-meter-supply", [
        ("persona", "With respect, this is a difficult number for the committee."),
        ("trainee", "And I'll be upfront, Eng. Faisal: that price is tied to our quarter. My leadership needs a decision "
                    "by the end of this month, otherwise I can't guarantee it."),
    ])
    notes = [e.note for e in result.dimensions.pacing.evidence]
    assert "committed to a dated next step of your own" not in notes, notes
    assert any("deadline or pressure" in n for n in notes), notes


def test_asking_to_be_approved_is_no_question_about_the_decision_process(registry, store, understander):
    result = _debrief(registry, store, understander, "jp-keiretsu-component-supply", [
        ("persona", "(pause) ... I understand. There may be various issues."),
        ("trainee", "I understand. I think with these conditions there should be no issues. So — can we say we are "
                    "approved as second source?"),
    ])
    notes = [e.note for e in result.dimensions.hierarchy.evidence]
    assert "asked about the decision process and who decides" not in notes, notes


def test_going_to_business_at_once_is_not_also_an_early_agenda(registry):
    from coach.debrief.detectors import detect
    sc = registry.scenarios["jp-keiretsu-component-supply"]
    w = registry.markets[sc.market].debrief_weights
    assert w.business_before_rapport < 0 and w.agenda_push < 0  # a relationship-first buyer: both would cost
    views = [TurnView(1, "persona", "Thank you for coming. Would you like some green tea?", acts=["greeting"]),
             TurnView(2, "trainee", "Thank you. Here is our agenda; first the price of 1,480 yen.",
                      acts=["agenda_push", "offer"], price=1480.0)]
    on_turn_2 = [e for e in detect(views, sc, registry.personas[sc.persona], w) if e.turn == 2 and e.effect < 0]
    notes = [e.note for e in on_turn_2]
    assert any("before any relationship" in n for n in notes), notes
    assert not any("steered to the agenda" in n for n in notes), notes
