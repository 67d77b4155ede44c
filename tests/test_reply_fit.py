"""The eighteenth session's fits: no exploring question for a figure the seller just gave, requests to be told read as
questions, a granted point read as agreement, labels and counts that are no price, no weak offer or agreement
registered in a line that asks, small talk going on only as a fitting question back, no other superior named, and one
answer per point. Each rule comes from replies a blind reader rejected on the development splits."""
from __future__ import annotations

import pytest

from coach.roleplay.acks import ack_kind
from coach.roleplay.answers import asks_for_given_figure
from coach.roleplay.compose import compose, figures_asked
from coach.roleplay.fit import contradicts, echo_fits, names_another, shares_subject
from coach.roleplay.policy import Move
from coach.roleplay.state import NegotiationState
from coach.understanding import Understanding
from coach.understanding.asking import asks_indirectly
from coach.understanding.concessions import grants_the_point
from coach.understanding.figures import names_no_price
from coach.understanding.rules import clean_text, extract_terms


@pytest.mark.parametrize("line,text,again", [
    ("How fast is a technician on site when the shuttles stop?", "Okay. Three-hour response during peak instead of four.", True),
    ("What's the close date, and how confident are you, really?", "I'll commit to week 16 as the close date.", True),
    ("What\u2019s the close date?", "Close in week 16.", True),
    ("If we reduce the seat count, what happens to the per-seat price?", "I can drop committed seats to 1,700.", False),
    ("How fast is a technician on site?", "Okay, we can improve the response.", False),  # no figure given
])
def test_an_exploring_question_does_not_ask_for_the_figure_just_given(line, text, again):
    assert asks_for_given_figure(line, text) is again


def test_the_buyer_asks_something_else_after_a_figure(registry):
    persona = registry.personas["nl-operations-manager"]
    asks = persona.phrases["ask"]
    figure = next(i for i, t in enumerate(asks) if t.startswith("How fast is a technician"))
    text = "Okay. Three-hour response during peak instead of four."
    plan = compose(Understanding(acts=["concession"]), text, Move("ask", ""), asks[figure], figure,
                   NegotiationState(turn=5), persona, "s", {"seller": "Ana"})
    assert plan.labels == ["ack:concession", "move:ask"], plan.labels
    assert not asks_for_given_figure(plan.parts[-1].text, text), plan.text


@pytest.mark.parametrize("text,asks", [
    ("Help me understand what hurts you more: a smaller number that lands, or a bigger one that might slip.", True),
    ("I'd honestly like to understand what happened, so we don't repeat the same mistakes.", True),
    ("Payment structure you normally use \u2014 30/60/10 with retention at the end, or different", True),
    ("I was wondering how the committee weighs local content.", True),
    ("Tell me about it, I sat there forty minutes behind a truck.", False),
    ("I'd love to hear it over lunch.", False),
])
def test_a_request_to_be_told_asks(text, asks):
    assert asks_indirectly(clean_text(text)) is asks


@pytest.mark.parametrize("text,grants", [
    ("Fair. Number first.", True),
    ("That's right, yeah \u2014 fourteen hundred is roughly what we see too.", True),
    ("You're right, the forecast slipped twice.", True),
    ("Fair enough, but the price is still too high for us.", False),
    ("That's right?", False),
    ("Fairly soon, I hope.", False),
])
def test_a_granted_point_is_agreement(text, grants):
    assert grants_the_point(clean_text(text)) is grants


def test_a_granted_point_is_read_as_agreement(understander, registry):
    und = understander.read("Fair. Number first.", registry.scenarios["us-enterprise-saas-renewal"])
    assert "agreement" in und.acts, und.acts


@pytest.mark.parametrize("scenario,text,price", [
    ("kr-auto-bracket-supply", "Does Haneul need PPAP level 3 for the brackets?", None),
    ("de-machinery-drive-components", "Volume profile \u2014 1,800 a year flat, or peaks before the August shutdown?", None),
    ("de-machinery-drive-components", "We can do 1,290 EUR per gearbox for 1,800 a year.", 1290.0),
    ("de-machinery-drive-components", "1,300 per gearbox, final.", 1300.0),
    ("in-it-services-tooling-licence", "We can do 68,000 per year for the licence.", 68000.0),  # priced per year
    ("in-it-services-tooling-licence", "We can do Rs 68,000 a year for the licence.", 68000.0),
    ("jp-keiretsu-component-supply", "Today we have 1,000 hours. The 2,000-hour test finishes in four weeks.", None),
    ("jp-keiretsu-component-supply", "We keep the price at 1,480 and hold four weeks of buffer.", 1480.0),
])
def test_labels_and_counts_per_period_are_no_price(registry, scenario, text, price):
    und = Understanding(acts=[])
    extract_terms(clean_text(text), registry.scenarios[scenario], und)
    assert und.price == price


def test_names_no_price_reads_the_words_around_the_figure():
    t = "We need PPAP level 3 and 1,800 units a year"
    assert names_no_price(t, t.index("3"), t.index("3") + 1, "per unit")
    start = t.index("1,800")
    assert names_no_price(t, start, start + 5, "per unit")
    t = "Our price is 1,290 per gearbox"
    assert not names_no_price(t, t.index("1,290"), t.index("1,290") + 5, "per gearbox")


def _und(acts: dict[str, float], price: float | None = None) -> Understanding:
    return Understanding(acts=list(acts), confidence=acts, price=price)


ALL = {"offer", "agreement", "compliment", "question", "information"}


@pytest.mark.parametrize("acts,price,asked,kind", [
    ({"question": 0.9, "offer": 0.49}, None, True, None),  # "Is 360,000 a year the full volume, or 30 percent?"
    ({"question": 0.9, "offer": 0.49}, None, False, "offer"),  # "Here's my ask: 360K, 18 weeks. Which is the problem?"
    ({"question": 0.9, "offer": 0.49}, 5.6, True, "offer"),  # a price is always registered
    ({"question": 0.5, "agreement": 0.27}, None, False, None),  # "Is that negotiable or a fixed policy"
    ({"question": 0.65, "compliment": 0.34}, None, False, None),  # "did your engineers have a chance to review it?"
    ({"question": 0.65, "compliment": 0.8}, None, False, "compliment"),
])
def test_a_weak_reading_beside_a_question_is_not_registered(acts, price, asked, kind):
    got = ack_kind(_und(acts, price), Move("inform", ""), answered=True, lines_for=ALL, figures_asked=asked)
    assert got == kind


@pytest.mark.parametrize("acts,price,move,kind", [
    ({"apology": 0.9, "offer": 0.8}, 118.0, "hospitality", "offer"),  # "Sorry, my mistake: 118 is the correct offer"
    ({"apology": 0.9, "offer": 0.8}, 118.0, "counter", None),  # the counter itself reacts to the price
    ({"compliment": 0.9, "own_commitment": 0.7}, None, "small_talk", "commitment"),  # "Great plant. Specs by Friday."
    ({"apology": 0.9, "question": 0.8}, None, "ask", None),  # nothing given besides the apology
    ({"apology": 0.9, "own_commitment": 0.3}, None, "ask", None),  # a weak reading of a promise is not registered
])
def test_what_a_line_gives_is_registered_after_its_courtesy(acts, price, move, kind):
    from coach.roleplay.acks import second_ack
    first = ack_kind(_und(acts, price), Move(move, ""), answered=False, lines_for=ALL | {"apology", "compliment",
                     "commitment"})
    assert first in ("apology", "compliment")
    assert second_ack(first, _und(acts, price), Move(move, ""), ALL | {"commitment"}) == kind


def test_no_acknowledgement_of_information_before_the_answer_to_the_question():
    und = _und({"question": 0.9, "information": 0.6})
    assert ack_kind(und, Move("inform", ""), answered=True, lines_for=ALL) is None
    assert ack_kind(und, Move("inform", ""), answered=False, lines_for=ALL) == "question"  # unanswered: registered


@pytest.mark.parametrize("text,asked", [
    ("Is 360,000 per year the full programme volume, or maybe 30 percent?", True),
    ("Here's my ask: 360K discount budget, close in 18 weeks. Which of those is the problem?", False),
    ("Which of those is the problem?", False),  # no figure at all
])
def test_figures_asked(text, asked):
    assert figures_asked(text) is asked


def test_small_talk_goes_on_only_as_a_fitting_question_back(registry):
    persona = registry.personas["ae-family-trading-procurement-director"]
    small = persona.phrases["small_talk"]
    history = next(i for i, t in enumerate(small) if "grandfather" in t)
    text = "Then before I forget \u2014 we would be honoured to invite you and the Chairman to dinner in May."
    plan = compose(Understanding(acts=["invitation"]), text, Move("small_talk", ""), small[history], history,
                   NegotiationState(turn=4), persona, "s", {"seller": "Ana"})
    assert plan.labels[0] == "ack:invitation", plan.labels
    assert "grandfather" not in plan.text
    for part in plan.parts[1:]:
        assert part.text.rstrip().endswith("?") or "?" in part.text, plan.text
    # a visit to the seller's factory is business: the buyer's word on the visit, and no small talk after it
    text = "Then before I forget \u2014 we would be honoured to welcome you and the Chairman at our factory in May."
    plan = compose(Understanding(acts=["invitation"]), text, Move("small_talk", ""), small[history], history,
                   NegotiationState(turn=4), persona, "s", {"seller": "Ana"})
    assert plan.labels == ["ack:visit"], plan.labels


@pytest.mark.parametrize("line,said,shares", [
    ("You must visit Diriyah in the evening, it is beautiful now.", "I went to Diriyah yesterday evening.", True),
    ("Tell me first, how is your family? How is your family?", "how is your family?", True),
    ("Do you follow football?", "Is November always this pleasant here?", False),
])
def test_shares_subject(line, said, shares):
    assert shares_subject(line, said) is shares


def test_a_seller_who_came_before_is_not_asked_if_it_is_the_first_time():
    line = "Is this your first time in our city? You must try the local dishes."
    assert contradicts(line, "Nanjing is already so cold! Last time I came in October it was still warm.")
    assert contradicts(line, "Third time, but the first in winter.")
    assert not contradicts(line, "Nanjing is already so cold!")


@pytest.mark.parametrize("line,said,fits", [
    ("Always lived here? Almost, I grew up outside Akron.", "How's Columbus treating you?", False),
    ("Always lived here? Pretty much, I grew up near Tilburg.", "Also, are you from Brabant originally?", True),
    ("How long I've been at Ridgeline? Eleven years.", "How long have you been with Ridgeline?", True),
    ("How long I've been at Ridgeline? Eleven years.", "Where did you grow up?", False),
])
def test_an_echoed_question_answers_only_its_own_kind(line, said, fits):
    assert echo_fits(line, said) is fits


@pytest.mark.parametrize("line,said,other", [
    ("Go to our CFO if you want; she'll ask me for the number anyway.", "I'll have to raise it with the CRO.", True),
    ("You may write to General Manager Zhao, of course.", "Our managing director will contact your group chairman.", True),
    ("Go to our CFO if you want.", "Then I'll talk to your CFO directly.", False),
    ("Go to our CFO if you want.", "Then I'll go to your boss.", False),  # nobody named by title
])
def test_an_escalation_is_answered_about_the_person_named(line, said, other):
    assert names_another(line, said) is other


def test_a_line_about_the_sellers_costs_follows_only_a_seller_who_raised_them():
    from coach.roleplay.fit import named_topics, off_topic
    line = "To be honest, your cost structure is your problem, not mine. Our number stays."
    assert off_topic(line, named_topics("I need a yes by Friday, otherwise our technicians are not trained."))
    assert not off_topic(line, named_topics("Our costs went up eight percent this year, so we cannot go lower."))


@pytest.mark.parametrize("line,kept", [
    ("Always lived here? Pretty much, I grew up near Tilburg and never left Brabant, so where are you from?",
     "Always lived here? Pretty much, I grew up near Tilburg and never left Brabant."),
    ("The weather is great. We go out a lot. Do you like it?", "The weather is great. We go out a lot."),
    ("Do you cycle?", "Do you cycle?"),  # nothing would be left: the line stays as it is (and is not said when steering)
    ("Fine, thanks.", "Fine, thanks."),
])
def test_a_buyer_steering_back_asks_nothing_back(line, kept):
    from coach.roleplay.fit import without_question_back
    assert without_question_back(line) == kept


@pytest.mark.parametrize("parts, expected", [
    (["Ah, you ask the difficult questions.", "Ah, the budget is something I keep to myself."],
     ["Ah, you ask the difficult questions.", "The budget is something I keep to myself."]),
    (["Okay, thanks for saying it. Let's move on.", "Okay, enough chit-chat."],
     ["Okay, thanks for saying it. Let's move on.", "Enough chit-chat."]),
    (["Thank you.", "Ah, the budget is something I keep to myself."],
     ["Thank you.", "Ah, the budget is something I keep to myself."]),
    (["Good. Send it.", "Good morning to Suresh too."], ["Good. Send it.", "Good morning to Suresh too."]),
])
def test_a_later_part_does_not_open_with_the_same_interjection(parts, expected):
    from coach.roleplay.fit import without_repeated_opener
    assert without_repeated_opener(parts) == expected


def test_an_escalation_to_someone_the_buyer_does_not_have_still_gets_a_word(registry):
    """Every escalation line of the Dutch buyer names her own managing director; a seller who threatens "our MD will
    call your CEO" named another title. The reaction names her superior rather than leaving the threat unanswered."""
    persona = registry.personas["nl-operations-manager"]
    said = "If we can't sort this out between us, I'll ask our MD to call your CEO directly."
    line = persona.phrases["hold_firm"][0]
    plan = compose(Understanding(acts=["escalation"]), said, Move("hold_firm", ""), line, 0,
                   NegotiationState(turn=6), persona, "s", {"seller": "Ana", "superior": "Eveline, our managing director"})
    assert plan.labels[0] == "ack:escalation", plan.labels
    assert "Eveline" in plan.parts[0].text
