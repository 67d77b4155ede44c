"""An invitation to see a site (the seller's plant, a reference installation) gets the persona's visit lines, not the
meal lines ("while you are here, you are our guest" to "would a visit to our plant help your team?")."""
from __future__ import annotations

import pytest

from coach.understanding.visits import fitting_kind, is_site_visit

SITE_VISITS = [
    "Would a visit to one of our installations be useful for Chief Engineer Liu?",
    "We would be honoured to host you and Mr. Suresh at our factory near Trondheim in the spring.",
    "Would a visit to our plant in Sweden help your team feel comfortable?",
    "You are welcome to visit our reference customer in Lyon whenever it suits you.",
    "Why don't you come to see our production line in Stuttgart next month?",
    "We'd love to have your engineers over at our test centre.",
    "Happy to arrange a tour of our headquarters in Austin for you and your team.",
    "Your quality team is welcome at our lab anytime.",
    "We could fly your engineers out to see the pumps running at a refinery in Rotterdam.",
    "Let's visit the stores together during Ramadan.",
]
NOT_SITE_VISITS = [
    "After the plant visit we'd love to take you to dinner.",  # something social in the line: the meal lines fit
    "May I invite you to lunch after the meeting?",
    "Would you join us for the football match on Saturday?",
    "If that works for you, I'll send a few lines by email.",
    "Come to our home for iftar.",
    "You are welcome to our home.",
    "Thanks for coming to our plant last week.",  # not an invitation
]


@pytest.mark.parametrize("text", SITE_VISITS)
def test_a_site_visit_is_told_from_a_meal(text):
    assert is_site_visit(text)
    assert fitting_kind("invitation", text, {"invitation", "visit"}) == "visit"


@pytest.mark.parametrize("text", NOT_SITE_VISITS)
def test_a_meal_or_no_invitation_keeps_its_kind(text):
    assert not is_site_visit(text)
    assert fitting_kind("invitation", text, {"invitation", "visit"}) == "invitation"


def test_without_visit_lines_or_an_invitation_nothing_changes():
    text = SITE_VISITS[2]
    assert fitting_kind("invitation", text, {"invitation"}) == "invitation"  # an older pack: its invitation lines
    assert fitting_kind("compliment", text, {"compliment", "visit"}) == "compliment"


def test_every_persona_has_visit_lines_that_pass_the_guard(registry):
    from coach.roleplay.guard import check_reply
    refused = []
    for sid, sc in registry.scenarios.items():
        persona = registry.personas[sc.persona]
        lines = persona.replies().acknowledge.get("visit") or []
        assert len(lines) >= 4, persona.id
        for line in lines:
            verdict = check_reply(line.replace("{", "").replace("}", ""), persona, sc, "inform", [], from_model=False)
            if not verdict.ok:
                refused.append((sid, verdict.reasons, line[:80]))
    assert not refused, refused


@pytest.mark.parametrize("scenario, text", [
    ("kr-auto-bracket-supply", "We would like to invite you and Team Leader Choi to visit our plant in Slovakia, "
                               "whenever it suits you."),
    ("de-machinery-drive-components", "You are welcome to visit our reference customer near Brescia, to see the "
                                      "gearboxes running in three shifts."),
    ("br-distributor-exclusivity", "We would be honoured to host you at our factory and test field in Spain."),
])
def test_the_buyer_takes_up_a_site_visit_with_a_visit_line(registry, store, understander, scenario, text):
    from coach.roleplay import RolePlay
    rp = RolePlay(registry, store, realiser="bank", understander=understander)
    persona = registry.personas[registry.scenarios[scenario].persona]
    bank = persona.replies()
    for seed in ("a", "b", "c"):  # the line is chosen per session
        sid = rp.start(scenario, seed=seed)
        turn = rp.turn(sid, text)
        reply = turn.text()
        assert "ack:visit" in turn.result.plan, (turn.result.plan, reply)
        assert not any(line in reply for line in bank.acknowledge["invitation"]), reply
        assert any(line.replace("{superior}", "")[:25] in reply or "{" in line[:25] for line in bank.acknowledge["visit"])
