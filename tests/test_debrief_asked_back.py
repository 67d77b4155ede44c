"""A concession that asks something back in words the trade reading missed is a trade (coach.debrief.asked_back).

Eighteen development skilled sellers' turns ("That's conditional on net 45", "Then I need something back: the steel
clause", "Without it, three-ninety-five", "three hundred, with sixty held back until they clear the review") were scored
as conceding without asking anything back; no poor seller's own turn reads differently. A lower figure in a package
reshaped after an indirect no is scored as the trade it proposes.
"""
from __future__ import annotations

import pytest

from coach.debrief.asked_back import asks_back
from coach.debrief.wording import trade_in_words
from tests.test_price_readings import _debrief


@pytest.mark.parametrize("text", [
    "What I can do: 172 a seat, fixed for all three years. That's conditional on net 45 instead of 60.",
    "Then I need something back: the steel clause for years two and three. With that: fourteen-thirty-five.",
    "At 250 we are two points above the competitor. Then I need something else to bring to purchasing.",
    "Two-one is too far for me, honestly. Let me trade instead: two thousand two hundred and fifty.",
    "If it's 260, I need to be able to add a services credit from the delivery budget. Otherwise 290.",
    "But four-twenty includes remote monitoring, and you might not want it yet. Without it, three-ninety-five.",
    "What I could live with: three hundred, with sixty held back until they clear the cross-functional review.",
    "I'd propose two-seventy, released in two parts: two-thirty now, and the remaining forty only if purchasing puts "
    "the competitor quote on the table.",
    "If Hengjiang can do ninety days after acceptance, I can look at 392,000.",
    "With 50 percent tooling and a firm nomination at 480,000 a year, I can go to 5.98.",
    "On my side: for a three-plus-two exclusivity with this volume ladder, I can come to two thousand two hundred fifty.",
    "For three years and five hundred seats, I can come to eighty-eight thousand.",
    "108, and we pay three percent of purchases as marketing support, linked to those gondola ends.",
    "Net 60 takes me to 176. Net 45 keeps 174. Your call.",
    "The 162 is for three years. Cap: 5 percent. Terms: net 45. If net 60 is a must, 165.",
    "Four percent I can ask my deal desk for, but then I need net 45 instead of net 60.",
    "One-twenty is long for us. Ninety days, and for that I keep six-ten.",
    "Let me put it side by side instead of one by one. One: one-oh-two, ninety days. Two: a hundred flat, seventy-five days.",
    "What I can do depends on term. Option A: three years at 165 per seat. Option B: three years, 1,600 seats at 170.",
    "On price: the ninety-six is list. For three years and five hundred seats, ninety.",
    "I'd need something back, then 260.",
    "Otherwise I'm at 290.",
    "Then I need net 45 before signing.",
    "If your plant can do 90 days payment, I can do 260 now.",
    "82,000 for three years, 500 seats and the reference case.",
])
def test_an_ask_in_other_words_is_a_trade(text):
    assert asks_back(text), text
    assert trade_in_words(text), text


@pytest.mark.parametrize("text", [
    # a plea, a deadline or a wish to help is no ask
    "If that helps, I can do 160 and we call it a day.",
    "3 percent a year is a lot, but I want this deal: I can drop to 1,400 yen if you can give me a commitment today.",
    "Okay, okay, and if you can give us the award this month, I can do 388,000.",
    "So if you can give me an answer by end of next week, that would help us a lot.",
    "OK, 5.80, fine. We want your teams to be happy.",
    "Otherwise we would be very happy to visit you again next month.",
    "Our engineers held back nothing in the tests; the report is attached.",
    "If it is necessary, I can make an exception: 75,000 per seat. But then I need the signed contract by the end of February.",
    "Then I need to check with my team before I confirm anything.",
    # a plain step, loyalty, a plea, the seller's own commitment or a count of rivals asks nothing back (a second
    # reader's lines)
    "That brings it to 260 per unit.",
    "This brings the price to 260, is that OK for you?",
    "Because you are our partner for ten years, I can do 260.",
    "For ten years we have been your partner, we can come to 260.",
    "Then I need my boss approval, so ok, 260.",
    "Then we need a little more time, but ok, 260.",
    "We can do 260. Otherwise, 2 of our competitors would take this.",
    "With the firm commitment of our whole team, 260.",
    "If discount is necessary, 5 percent.",
    "It is tied to this market, so 260 is our best.",
])
def test_a_plea_or_a_deadline_is_no_ask(text):
    assert not asks_back(text), text


SOFT_NO = ("persona", "Hai. ... That is a little difficult.")


def test_a_lower_price_in_a_package_reshaped_after_a_soft_no_is_no_concession_for_nothing(registry, store, understander):
    result = _debrief(registry, store, understander, "jp-keiretsu-component-supply", [
        ("trainee", "What I can propose: one and a half percent per year from the second year, at 1,480 yen."),
        SOFT_NO,
        ("trainee", "Then let me change the package rather than argue the same point. 1,450 per module, two percent for "
                    "three years, then one percent. And buffer stock in Japan of four weeks instead of two."),
    ])
    value = result.dimensions.value.evidence
    assert [e for e in value if e.turn == 3 and "reshaped after an indirect refusal" in e.note and e.effect > 0], value
    assert "Conceding on price without asking anything in return" not in [m.title for m in result.mistakes]


def test_the_same_lower_price_said_plainly_after_a_soft_no_still_costs(registry, store, understander):
    result = _debrief(registry, store, understander, "jp-keiretsu-component-supply", [
        ("trainee", "What I can propose: one and a half percent per year from the second year, at 1,480 yen."),
        SOFT_NO,
        ("trainee", "OK, OK. 1,450 yen then, that is really our final price."),
    ])
    value = result.dimensions.value.evidence
    assert [e for e in value if e.turn == 3 and "without asking anything back" in e.note and e.effect < 0], value
