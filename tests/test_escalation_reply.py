"""Going over the buyer's head gets one reaction, not two that contradict each other.

On the development replies the persona said "You are free to go to my father, the Chairman, but he will call me
before he answers you. No, please, not my father. Write to me…": a permitting acknowledgement before an answer that
turns the idea down. When the answer refuses, it is the reaction and no acknowledgement goes before it.
"""
from __future__ import annotations

import re

import pytest

from coach.roleplay import RolePlay
from coach.roleplay.acks import ack_kind, refuses
from coach.roleplay.compose import Part
from coach.roleplay.policy import Move
from coach.understanding import Understanding

PERMITS = re.compile(r"\b(?:free to|of course your (?:company's )?choice|for your side to decide)\b", re.I)
REFUSES = re.compile(r"(?:^|[.!?]\s+)(?:No\b|Only to me\b|Please,? not\b)", re.I)


def test_an_answer_that_opens_by_refusing_is_told_from_one_that_does_not():
    assert refuses([Part("answer", "people", 0, "No, please, not my father. Write to me, with Suresh in copy.")])
    assert refuses([Part("answer", "people", 0, "Only to me, please. I prepare the recommendation.")])
    assert not refuses([Part("answer", "people", 0, "Nothing is decided yet; the committee meets in May.")])
    assert not refuses([Part("answer", "people", 0, "He knows there is a foreign candidate, yes.")])
    assert not refuses([Part("answer", "people", 0, "No problem, you may write to my father too.")])


def test_no_escalation_is_acknowledged_before_an_answer_that_refuses():
    und = Understanding(acts=["escalation", "question"], confidence={"escalation": 0.9, "question": 0.9},
                        topics=["people"])
    lines = {"escalation", "question"}
    assert ack_kind(und, Move("silence", ""), answered=True, lines_for=lines) == "escalation"
    assert ack_kind(und, Move("silence", ""), answered=True, lines_for=lines, refused=True) is None


@pytest.mark.parametrize("scenario, text", [
    ("ae-trading-house-distribution",
     "Honestly maybe simpler if I call the Chairman myself and explain the exclusivity, no? Could you share his number?"),
    ("cn-soe-industrial-pumps", "Maybe it would be more efficient if I presented our offer directly to General Manager Zhao?"),
    ("jp-keiretsu-component-supply", "My VP is in Tokyo next week. Maybe he could just call Ishikawa-buchō to speed up the approval?"),
    ("sa-utility-smart-meter-supply", "Maybe I should meet Dr. Khalid directly this week and explain our local content plan myself?"),
])
def test_going_over_the_buyers_head_gets_a_reaction_that_does_not_contradict_itself(registry, store, understander,
                                                                                     scenario, text):
    rp = RolePlay(registry, store, realiser="bank", understander=understander)
    sid = rp.start(scenario, seed="escalation")
    rp.turn(sid, "Good morning, thank you for receiving me.").text()
    reply = rp.turn(sid, text).text()
    assert reply.strip(), scenario
    assert not (PERMITS.search(reply) and REFUSES.search(reply)), reply


def test_a_line_naming_the_buyers_team_leader_does_not_answer_a_call_to_his_director():
    from coach.roleplay.fit import names_another
    assert names_another("Team Leader Choi already knows my view on this.",
                         "Maybe it's easier if our CEO calls Director Kang directly.")
    assert names_another("Section Manager Fujita is already informed of our position.",
                         "Maybe he could just call Ishikawa-buchō to speed up the approval?")
    assert not names_another("Team Leader Choi already knows my view on this.", "Should I talk to Team Leader Choi myself?")


def test_the_korean_buyer_reacts_to_a_call_to_director_kang_without_naming_someone_else(registry, store, understander):
    rp = RolePlay(registry, store, realiser="bank", understander=understander)
    sid = rp.start("kr-auto-bracket-supply", seed="escalation")
    rp.turn(sid, "Good morning, thank you for receiving me.").text()
    reply = rp.turn(sid, "Maybe it's easier if our CEO calls Director Kang directly; they met at a conference last year.").text()
    assert "Team Leader Choi" not in reply, reply
