"""Answers written for specific questions ("is delivery all at once or in batches?"): the pack schema, and the real
MiniLM embeddings and role-play choosing them only for a question close to one they were written for."""
from __future__ import annotations

import pytest

from coach.packs.persona import TopicAnswers

BATCHES = "Is delivery all at once or in batches?"


def test_an_asked_answer_is_checked_like_any_reply_line_and_needs_its_questions(registry):
    persona = registry.personas["de-mittelstand-head-of-purchasing"]
    data = persona.model_dump()
    data["answers"]["delivery"]["asked"] = [{"text": "In 3 batches.", "asks": [BATCHES]}]
    with pytest.raises(ValueError, match=r"answers\.delivery\.asked\[0\]\.text: reply lines carry no numbers"):
        type(persona).model_validate(data)
    with pytest.raises(ValueError, match="asks"):
        TopicAnswers(open=["a", "b"], guarded=["c"], asked=[{"text": "In batches.", "asks": []}])
    entry = TopicAnswers(open=["a", "b"], guarded=["c"], asked=[{"text": "In batches.", "asks": [BATCHES]}])
    assert entry.said() == ["a", "b", "In batches."]


def test_every_persona_answers_specific_questions_on_every_topic(registry):
    for persona in registry.personas.values():
        for topic, entry in persona.answers.items():
            if topic == "price":  # price questions touch the persona's limits: no specific answers there
                continue
            assert len(entry.asked) >= 5, (persona.id, topic)
            assert all(len(a.asks) >= 2 for a in entry.asked), (persona.id, topic)


def test_a_question_close_to_an_asked_one_gets_its_answer(best_answer, registry, monkeypatch):
    from coach.roleplay import answers
    persona = registry.personas["de-mittelstand-head-of-purchasing"]
    question = "Do you want the whole quantity in one delivery, or spread over call-offs?"

    def best() -> str:
        return best_answer(persona, question)

    assert best().startswith("In batches"), best()
    monkeypatch.setattr(answers, "ASKED_MIN", 1.01)  # no question close enough: a general answer is said
    assert not best().startswith("In batches"), best()


@pytest.mark.parametrize("with_embeddings", [True, False])
def test_a_specific_answer_is_said_only_when_its_question_was_asked(registry, store, understander, with_embeddings):
    """In a rehearsal: the question asked gets its specific answer; without the embeddings to compare questions, no
    specific answer is said at all (a general one on the topic is)."""
    from coach.roleplay import RolePlay
    from coach.roleplay.answers import AnswerMatcher
    rp = RolePlay(registry, store, realiser="bank", understander=understander,
                  answers=None if with_embeddings else AnswerMatcher(None))
    persona = registry.personas["de-mittelstand-head-of-purchasing"]
    specific = [a.text.split("{")[0][:40] for e in persona.answers.values() for a in e.asked]
    specific = [s for s in specific if len(s) >= 12]  # the opening words of each, up to a slot
    sid = rp.start("de-machinery-drive-components")
    rp.turn(sid, "Good morning, Dr. Brenner. Thank you for the slot; shall we go through the agenda?")
    turn = rp.turn(sid, "On logistics: " + BATCHES)
    reply = turn.text()
    assert "answer:delivery" in turn.result.plan, turn.result.plan
    if with_embeddings:
        assert "In batches, against call-offs" in reply, reply
    else:
        assert not [s for s in specific if s in reply], reply
        general = [line.split("{")[0][:40] for line in persona.answers["delivery"].open]
        assert any(g and g in reply for g in general), reply


def test_a_far_specific_answer_is_not_said_even_when_every_general_answer_was_used(registry):
    """The general answers used up (all in the recent lines): the oldest general one comes back, never an answer to
    a specific question that is far from the one asked (closeness -1)."""
    from coach.roleplay.compose import _answer_parts
    from coach.roleplay.policy import Move
    from coach.roleplay.state import NegotiationState
    persona = registry.personas["de-mittelstand-head-of-purchasing"]
    entry = persona.answers["delivery"]
    st = NegotiationState()
    for i in range(len(entry.open)):
        st.remember_line(f"open:delivery:{i}")
    near = [0.4] * len(entry.open) + [-1.0 + 0.3] * len(entry.asked)  # far, even with shared words
    question = "How reliable have your deliveries been this year?"
    parts = _answer_parts(["delivery"], Move("answer", ""), st, persona, persona.replies(), "s1", {}, set(),
                          {"delivery": near}, question)
    assert parts and parts[0].index < len(entry.open), parts
    near[len(entry.open)] = 0.9  # close to the question it was written for: said, though the others were not used
    parts = _answer_parts(["delivery"], Move("answer", ""), NegotiationState(), persona, persona.replies(), "s1", {},
                          set(), {"delivery": near}, question)
    assert parts[0].index == len(entry.open), parts


@pytest.mark.parametrize("with_embeddings", [True, False])
def test_an_invitation_answered_by_its_own_answer_gets_no_stock_thanks_first(registry, store, understander,
                                                                             with_embeddings):
    """'Would you like to join our advisory board?' has an answer written for it, which is the reaction (it may be a
    no); a stock "Thanks, I'd like that" before it would contradict it. Without such an answer the thanks stays."""
    from coach.roleplay import RolePlay
    from coach.roleplay.answers import AnswerMatcher
    rp = RolePlay(registry, store, realiser="bank", understander=understander,
                  answers=None if with_embeddings else AnswerMatcher(None))
    sid = rp.start("us-enterprise-saas-renewal")
    rp.turn(sid, "Hi Rachel, thanks for the agenda. Happy to start with the usage review.")
    turn = rp.turn(sid, "Would you and your VP like to join our customer advisory board? It meets twice a year.")
    plan = turn.result.plan
    assert any(p.startswith("answer:") for p in plan), plan
    assert ("ack:invitation" in plan) is not with_embeddings, (plan, turn.text())
    if with_embeddings:  # the answer written for the invitation, which declines it for himself
        assert "IT Operations" in turn.text(), turn.text()
    # with a second question in the same turn an answer may be to that one: the thanks stays
    sid = rp.start("us-enterprise-saas-renewal")
    rp.turn(sid, "Hi Rachel, thanks for the agenda. Happy to start with the usage review.")
    turn = rp.turn(sid, "Would you and your VP like to join our customer advisory board? Also, who signs the renewal?")
    assert "ack:invitation" in turn.result.plan, (turn.result.plan, turn.text())



def test_an_answer_written_for_a_neighbouring_question_needs_a_word_in_common(best_answer, registry):
    """"How important is that for you?" sits close in meaning to "Ulsan or Busan for our engineer?", but shares no word
    with it: the answer written for that question ("Ulsan, honestly. Busan is nice for a family…") is not said."""
    persona = registry.personas["kr-tier1-purchasing-manager"]
    line = "If we get the nomination, we plan to station an application engineer in Ulsan. How important is that for you?"
    assert not best_answer(persona, line).startswith("Ulsan, honestly"), best_answer(persona, line)


def test_a_question_the_head_places_nowhere_is_answered_when_the_bank_was_written_for_it(registry, store, understander,
                                                                                           monkeypatch):
    """Beside an apology the topic head reads "is your colleague from Engineering still joining?" as no business topic;
    the bank has that question nearly word for word, so the buyer answers it instead of only steering back. The
    buyer's own small talk on a subject ("more lively at Spring Festival?") stays small talk."""
    from coach.roleplay import RolePlay, answers
    rp = RolePlay(registry, store, realiser="bank", understander=understander)
    sid = rp.start("de-machinery-drive-components")
    late = "Sorry I'm ten minutes late, the A6 was completely blocked near Weinsberg. Is your colleague from Engineering still joining?"
    turn = rp.turn(sid, late)
    assert any(p.startswith("answer:people") for p in turn.result.plan), (turn.result.plan, turn.text())
    assert "engineer" in turn.text().lower(), turn.text()
    monkeypatch.setattr(answers, "WRITTEN_FOR", 1.01)  # without the rescue: the apology and the steer only
    sid = rp.start("de-machinery-drive-components")
    turn = rp.turn(sid, late)
    assert not any(p.startswith("answer:") for p in turn.result.plan), turn.result.plan
    monkeypatch.undo()
    sid = rp.start("cn-soe-industrial-pumps")
    rp.turn(sid, "Good morning, Director Wang. Thank you for receiving us.")
    turn = rp.turn(sid, "Yesterday evening we walked along the Qinhuai River, very beautiful with the lanterns. "
                        "Is it even more lively at Spring Festival?")
    assert not any(p.startswith("answer:timeline") for p in turn.result.plan), (turn.result.plan, turn.text())


@pytest.mark.parametrize("scenario, opening, question, topic, declined", [
    ("jp-keiretsu-component-supply", "Good morning, Yamamoto-san. Thank you for receiving us.",
     "We see ourselves as a complement to your group supplier, not a replacement. Is there an area where a second "
     "source would also help them, peak capacity for example?", "competitors",
     "I cannot speak about other companies' proposals"),
    ("jp-keiretsu-component-supply", "Good morning, Yamamoto-san. Thank you for receiving us.",
     "By the way, is the annual price reduction normally written in the basic contract, or agreed every year?",
     "price", "On price, may I discuss"),
])
def test_a_guarded_buyer_answers_what_it_can_say_on_a_sensitive_topic(registry, store, understander, monkeypatch,
                                                                     scenario, opening, question, topic, declined):
    """Early on, a reserved buyer keeps the price and the competition close; but a guarded line declines something
    named (competitors' proposals, the price it can pay), and when none is about what was asked while an open answer
    is, the buyer says what it can instead of refusing what nobody asked for."""
    from coach.roleplay import RolePlay, answer_mode
    rp = RolePlay(registry, store, realiser="bank", understander=understander)

    def plan() -> tuple[list[str], str]:
        sid = rp.start(scenario)
        rp.turn(sid, opening).text()
        turn = rp.turn(sid, question)
        return turn.result.plan, turn.text()

    got, reply = plan()
    assert f"answer:{topic}" in got and f"guarded:{topic}" not in got, (got, reply)
    assert declined not in reply, reply
    monkeypatch.setattr(answer_mode, "GUARDED_FAR", -1.0)  # every guarded line counts as near: the old refusal
    got, reply = plan()
    assert f"guarded:{topic}" in got, (got, reply)


@pytest.mark.parametrize("scenario, question", [
    ("kr-auto-bracket-supply", "How does our offer compare with the domestic supplier's offer?"),
    # a second reader's look-alikes: an open answer was near, but the question asks to name the others or price them
    ("jp-keiretsu-component-supply", "Which Japanese makers did you ask for information?"),
    ("cn-soe-industrial-pumps", "Did the domestic suppliers include commissioning in their price?"),
])
def test_a_sensitive_question_a_guarded_line_was_written_for_stays_guarded(registry, store, understander, scenario,
                                                                           question):
    """Asked how the seller compares with the others, who they are or what they quoted, the reserved buyer declines."""
    from coach.roleplay import RolePlay
    rp = RolePlay(registry, store, realiser="bank", understander=understander)
    sid = rp.start(scenario)
    rp.turn(sid, "Good morning. Thank you for your time today.").text()
    turn = rp.turn(sid, question)
    assert "guarded:competitors" in turn.result.plan, (turn.result.plan, turn.text())
