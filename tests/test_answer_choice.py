"""Which answer the persona gives: the words a question shares with an answer, and one answer per question.

Unit checks of the lexical half of the answer matching, then the real MiniLM embeddings on real persona banks.
"""
from __future__ import annotations

import pytest

from coach.roleplay.lexical import Lexicon, stem, terms


def test_stems_join_the_forms_of_a_word_and_drop_what_says_nothing():
    assert stem("retentions") == stem("retention") and stem("Deliveries") == stem("delivery")
    assert terms("What do you usually need from us?") == set()  # question words, pronouns, filler
    assert terms("Is the retention 10% for twelve months?") == {stem("retention"), stem("twelve"), stem("months")}
    assert "1,800" in terms("Is the 1,800 per year firm?")  # a figure the bank may name


def test_a_rare_shared_word_outweighs_a_common_one():
    lines = ["Payment is by bank transfer against documents.", "Payment in stages, with a retention until warranty ends.",
             "Payment terms follow the group template.", "Payment of the deposit is due at order."]
    lex = Lexicon(lines)
    got = lex.overlap("What payment retention do you keep?", lines)
    assert got[1] == max(got) and got[1] > 0.5 and all(g < got[1] for i, g in enumerate(got) if i != 1), got
    assert Lexicon(lines).overlap("How are you?", lines) == [0.0] * 4  # nothing informative the bank knows


def test_an_empty_or_odd_question_gives_no_overlap():
    lex = Lexicon(["Quality first."])
    assert lex.overlap("", ["Quality first."]) == [0.0]
    assert lex.overlap("🙂🙂", ["Quality first."]) == [0.0]
    assert lex.overlap("品質は？", ["Quality first."]) == [0.0]  # words the bank never uses count for nothing


def test_the_answer_that_names_what_was_asked_is_said(embeddings, registry, understander, monkeypatch):
    """Real embeddings: within the asked topic, the answer sharing the question's rare word comes first; on
    similarity alone, another delivery answer would be said."""
    from coach.roleplay import answers
    persona = registry.personas["br-distributor-owner"]
    question = "Do you clear customs yourself or through a broker?"
    und = understander.read(question)

    def best() -> str:
        topics, sims = answers.AnswerMatcher(embeddings).rank(und, question, persona)
        lines = list(persona.answers[topics[0]].open)
        return lines[max(range(len(lines)), key=lambda i: sims[topics[0]][i])]

    assert "customs broker" in best(), best()
    monkeypatch.setattr(answers, "LEXICAL_WEIGHT", 0.0)
    assert "customs" not in best(), best()


@pytest.mark.parametrize("text, two", [
    ("Who signs the framework agreement on your side, you or the managing director?", False),
    ("Is the final word yours, or will the Chairman want to look at it as well?", False),  # either/or: one question
    ("When you pick a partner, what weighs most?", False),
    ("How does it go to the VP and the committee, and when do they usually meet?", True),
    ("When do you need it? And who approves it?", True),
])
def test_two_questions_are_told_from_one(text, two):
    from coach.roleplay.compose import two_questions
    assert two_questions(text) is two


@pytest.mark.parametrize("scenario, text, ack", [
    ("us-enterprise-saas-renewal", "I'll get deal desk approval by Thursday and send the order form the same day.",
     "ack:commitment"),
    ("nl-warehouse-automation-service", "If you drop the early exit clause, I'll put a technician on site through "
                                        "December at no extra cost.", "ack:trade"),
])
def test_a_first_line_that_is_business_is_taken_up_not_welcomed(registry, store, understander, scenario, text, ack):
    """A rehearsal may start mid-talks: a promise or a trade as the first line gets its reaction, not a welcome."""
    from coach.roleplay import RolePlay
    rp = RolePlay(registry, store, realiser="bank", understander=understander)
    sid = rp.start(scenario)
    turn = rp.turn(sid, text)
    assert turn.result.move != "greet" and ack in turn.result.plan, turn.result.plan
    hello = rp.start(scenario)
    assert rp.turn(hello, "Tudo bem? Good to see you again, thanks for having me.").result.move == "greet"


def test_a_welcome_does_not_call_how_are_you_a_good_question(registry, store, understander):
    from coach.roleplay import RolePlay
    rp = RolePlay(registry, store, realiser="bank", understander=understander)
    sid = rp.start("br-distributor-exclusivity")
    turn = rp.turn(sid, "Bom dia, Marcos! Tudo bem? Thank you for the invitation.")
    assert turn.result.move == "greet" and "ack:question" not in turn.result.plan, turn.result.plan


def test_an_exploring_question_does_not_ask_what_the_seller_just_promised(registry, store, understander):
    """'We will send the local-content plan' is not followed by 'What is your plan for local content?'."""
    from coach.roleplay import RolePlay
    from coach.roleplay.compose import repeats
    rp = RolePlay(registry, store, realiser="bank", understander=understander)
    text = "We will send the local-content plan and the training schedule to your office by Monday."
    for _ in range(4):  # the line is chosen per session: several sessions
        sid = rp.start("sa-utility-smart-meter-supply")
        turn = rp.turn(sid, text)
        reply, moves = turn.text(), [p for p in turn.result.plan if p.startswith("move:")]
        assert not (moves and repeats(reply.split(". ")[-1], text)), (turn.result.plan, reply)


def test_a_deadline_is_not_called_an_idea():
    from coach.roleplay.compose import contradicts
    assert contradicts("That is a good idea, but the timing is not right for us.", "This price is valid only till Friday.")
    assert contradicts("Hmm, I understand your idea.", "Frankly, we need your decision this week.")
    assert contradicts("That's an interesting idea.", "Our quarter ends in three weeks, so we'd need signature by then.")
    assert not contradicts("That is a good idea, but the timing is not right.", "What about a pilot at one plant?")
