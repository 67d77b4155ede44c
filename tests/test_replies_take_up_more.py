"""What the fourth responsiveness split's failures asked for (twenty-fifth session): a promise of the seller's own
without a date is registered; a request to correct the minutes is no apology; a buyer who has just haggled does not
ask to get to know the seller "before we bargain"; a second bare acknowledgement or "However" inside one reply is
dropped; a personal question the topic head cannot place is answered by the buyer's own line on it."""
from __future__ import annotations

import pytest

from coach.roleplay.answers import standout_personal
from coach.roleplay.fit import without_repeated_opener
from coach.roleplay.policy import bargaining_already, decide
from coach.roleplay.state import NegotiationState
from coach.understanding import Understanding
from coach.understanding.apologies import says_sorry
from coach.understanding.promises import promises
from coach.understanding.rules import clean_text


@pytest.mark.parametrize("text, promised", [
    ("Then Felipe will like this: we will train him and your twenty field technicians ourselves, here in Campinas. "
     "That is a promise from our side.", True),
    ("Then next time we will bring the manager of our Shanghai service centre.", True),
    ("I will send the minutes in English and Japanese by Thursday.", True),
    ("So we'll come back to you with a revised offer.", True),
    ("You have my word: the samples leave Busan on Monday.", True),
    ("If you sign today, we will train your team for free.", False),  # a trade, not a step of our own
    ("Will you send the minutes?", False),
    ("We will need your answer by Friday.", False),
    ("We'll go to 86,500.", False),  # a price is an offer, not a step
    ("Just between us, what is the target? I promise I won't tell anyone.", False),
    ("We will come down to 86,500.", False),  # a second pair of eyes: a price, and idioms, are no steps
    ("We will come to an agreement soon.", False),
    ("I will call it a day.", False),
])
def test_a_step_of_the_sellers_own(text, promised):
    assert promises(clean_text(text)) is promised


def test_the_reader_registers_an_undated_promise(understander, registry):
    sc = registry.scenarios["br-distributor-exclusivity"]
    und = understander.read("Then Felipe will like this: we will train him and your twenty field technicians ourselves,"
                            " here in Campinas and in Portuguese, before the launch. That is a promise from our side.", sc)
    assert "own_commitment" in und.acts, und.confidence


@pytest.mark.parametrize("text, sorry", [
    ("Please correct anything that is not accurate.", False),
    ("Please send the drawings when you can.", False),
    ("Sorry, three minutes late, the B27 was closed.", True),
    ("The CRM date was wrong from the start, and that's on me.", True),
    ("申し訳ございません — the presentation is correct, 1,480 yen.", True),
    ("I should have updated it a month ago.", True),
    ("That is on me.", True),
    ("We made an error in the quote.", True),
    ("Our default terms are 60 days.", False),
])
def test_an_apology_needs_the_words_of_one(text, sorry):
    assert says_sorry(clean_text(text)) is sorry


def test_a_request_to_correct_the_minutes_is_no_apology(understander, registry):
    und = understander.read("I will send the minutes in English and Japanese by Thursday. Please correct anything that "
                            "is not accurate.", registry.scenarios["jp-keiretsu-component-supply"])
    assert "apology" not in und.acts and "own_commitment" in und.acts, und.confidence


@pytest.mark.parametrize("moves, before, already", [
    ([], "120 dollars? Wallah, my friend, after Carrefour takes its margin I sell at a loss! Impossible!", True),
    ([], "89 is better. But procurement will still squeeze you, you know that.", True),
    ([], "Welcome, welcome! Sit, please. We have thirty minutes before prayer, no hurry.", False),
    ([], "Welcome! My team is very curious about your company. Coffee?", False),
    ([], "Thank you for the offer of lunch.", False),
    ([], "We can talk about the price later.", False),  # a buyer putting the price off is not bargaining
    (["greet", "counter"], "Hmm.", True),
    (["greet", "small_talk"], None, False),
    (["greet", "small_talk"], "Okay, 118 USD per unit. I heard it. You move fast. Before I bargain with anyone, I like to "
                              "know who is sitting across from me.", False),  # the gate said, a price echoed in it
    (["greet"], "Khalas, enough stories. What is your price? Tell me straight.", True),
    (["greet"], "OK, 108. Nine thousand units.", True),
    # the terms beside the price: a buyer on exclusivity, payment days or fixed spare-part prices is bargaining
    ([], "Exclusive, three years, or we are not interested. We do not build brands for other people anymore.", True),
    ([], "Sixty days is too short, my friend. The hypermarkets pay us in ninety.", True),
    ([], "Also, spare-part prices should be fixed for three years.", True),
    ([], "Payment and exclusivity we discuss later, my friend; first, coffee.", False),
    # the buyer asked for the numbers in other words: what the seller puts down next is the bargaining he asked for
    ([], "So tell me, what are the numbers?", True),
    ([], "Could you please confirm your current conditions?", True),
    ([], "Então, vamos falar de preço. How much?", True),
    ([], "We have read your new proposal. Please, go on.", True),
    ([], "A quote, then. Send it to me by Friday.", True),
    ([], "The numbers can wait until after lunch. First, tell me about your family.", False),
    ([], "How much do you know about Ulsan? Have you been here before?", False),
    ([], "Good. And how much for the tooling?", True),
    ([], "These are interesting figures from your home market. How is business there?", False),
])
def test_whether_the_buyer_is_bargaining_already(moves, before, already):
    assert bargaining_already(NegotiationState(last_moves=moves), before) is already


def test_a_haggling_buyer_does_not_ask_to_get_to_know_the_seller_first(registry):
    sc = registry.scenarios["ae-trading-house-distribution"]
    persona = registry.personas[sc.persona]
    und = Understanding(acts=["trade_proposal", "offer"], price=112.0, confidence={"trade_proposal": 0.8, "offer": 0.8})
    before = "120 dollars? Wallah, my friend, after Carrefour takes its margin, I sell at a loss! Impossible!"
    assert decide(und, NegotiationState(turn=2), persona, sc, 5.0, before).name not in ("small_talk", "hospitality")
    # the same offer as the first word of business, with nothing said yet about numbers, still waits for the relationship
    und = Understanding(acts=["trade_proposal", "offer"], price=112.0, confidence={"trade_proposal": 0.8, "offer": 0.8})
    assert decide(und, NegotiationState(turn=1), persona, sc, 5.0, "Welcome, my friend, sit!").name in (
        "small_talk", "hospitality")


@pytest.mark.parametrize("parts, said", [
    (["Thank you for telling us. However, our process takes its time.",
      "I appreciate it very much. However, our customer may have concerns."],
     "Thank you for telling us. However, our process takes its time. Our customer may have concerns."),
    (["Yes, I hear you. But our process has its own pace.", "I see. But for this project, it is not the right timing."],
     "Yes, I hear you. But our process has its own pace. For this project, it is not the right timing."),
    (["Noted.", "We will look at it with the team."], "Noted. We will look at it with the team."),
    (["I see. That is a long way from our target."], "I see. That is a long way from our target."),  # a first part stays
    (["Well, that is hard.", "Thank you. Well, we will see."], "Well, that is hard. We will see."),
])
def test_one_acknowledgement_and_one_however_per_reply(parts, said):
    assert " ".join(without_repeated_opener(parts)) == said


@pytest.mark.parametrize("acts, topics, closeness, answers", [
    (["question"], {"timeline": 0.28}, [0.54, 0.32, 0.1], True),   # "is this the year Ponte Preta goes up?"
    (["question"], {"timeline": 0.8}, [0.54, 0.32, 0.1], False),   # a business question the head is sure of
    (["small_talk", "question"], {"other": 0.5}, [0.5, 0.42, 0.1], False),  # no line stands out
    (["small_talk"], {}, [0.59, 0.3], True),
])
def test_the_buyers_own_line_answers_a_personal_question(acts, topics, closeness, answers):
    und = Understanding(acts=acts, topics=list(topics), topic_confidence=topics)
    assert standout_personal(und, closeness) is answers


def test_a_question_about_the_buyers_football_club_gets_his_word_on_it(registry, store, understander):
    from coach.roleplay import RolePlay
    rp = RolePlay(registry, store, realiser="bank", understander=understander)
    for seed in ("a", "b", "c"):
        sid = rp.start("br-distributor-exclusivity", seed=seed)
        text = rp.turn(sid, "I saw the Ponte Preta flag in the reception... so tell me, is this the year they go up, "
                            "or another year of suffering?").text()
        assert "Ponte" in text and "Agrishow" not in text, text


@pytest.mark.parametrize("line, said, unsaid", [
    ("The commute? Not so bad in Ulsan.", "Traffic from the KTX station was crazy this morning", False),
    ("The commute? Not so bad in Ulsan.", "Our business is growing fast", True),  # "bus" is no word of "business"
    ("The commute? Not so bad in Ulsan.", "The training went well", True),
])
def test_the_commute_echoes_a_word_on_the_traffic(line, said, unsaid):
    from coach.roleplay.echo import unsaid_echo
    assert unsaid_echo(line, said) is unsaid


def test_a_promise_is_not_added_beside_a_move_around_the_buyer():
    from coach.understanding.promises import read_into
    conf = {"escalation": 0.8}
    read_into(conf, clean_text("I will call your CEO tomorrow."))
    assert "own_commitment" not in conf
