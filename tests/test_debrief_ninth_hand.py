"""What the ninth debrief development split asked for (twenty-fourth session): going back on a price the buyer
accepted, putting the blame on someone else, a yes read into "inshallah" reported onward or called "basically done",
and a price tied only to confirming "soon" (a deadline, not a trade). With the look-alikes that must stay."""
from __future__ import annotations

import pytest

from coach.debrief.trust import shifts_blame
from coach.debrief.wording import trade_in_words
from coach.debrief.yes_reading import reads_a_yes

from tests.test_price_readings import _debrief


def test_going_back_on_an_accepted_price_costs_value(registry, store, understander):
    result = _debrief(registry, store, understander, "ae-trading-house-distribution", [
        ("persona", "Numbers. Eighty-five."),
        ("trainee", "Eighty-five, no. But for you, 104."),
        ("persona", "104... okay, 104 I can live with if the rest is good. Our finance director wants 120 days."),
        ("trainee", "120 days, fine, no problem."),
        ("persona", "So: 104, 120 days, five percent marketing."),
        ("trainee", "Ah, about the 104, sorry, I forgot: with 120 days my manager will say the financing is on us, so I "
                    "need to be at 110."),
    ])
    back = [e for e in result.dimensions.value.evidence if "went back on a price" in e.note]
    assert len(back) == 1 and back[0].turn == 6 and back[0].effect < 0, result.dimensions.value.evidence


def test_a_higher_price_for_something_more_the_buyer_asks_is_a_trade_not_going_back(registry, store, understander):
    result = _debrief(registry, store, understander, "jp-keiretsu-component-supply", [
        ("trainee", "Our price is 1,440 yen per unit."),
        ("persona", "1,440 is acceptable. But we need six weeks of buffer stock in Nagoya."),
        ("trainee", "For six weeks of buffer stock the price must go to 1,470; the stock is capital we carry."),
    ])
    assert not [e for e in result.dimensions.value.evidence if "went back on a price" in e.note]


@pytest.mark.parametrize("text, blames", [
    ("I know, I know, it's the finance people, not me. One-oh-six?", True),
    ("With respect, two thousand is what you signed. It's not my fault if people don't log in.", True),
    ("Honestly the process there is crazy, and HQ keeps pushing dates that don't exist there.", True),
    ("That was my mistake, not the team's. I'll correct the quote today.", False),
    ("Was it me or was the call cut?", False),
])
def test_putting_the_blame_on_someone_else(text, blames):
    assert shifts_blame(text) is blames


@pytest.mark.parametrize("text, yes", [
    ("Perfect, perfect. So I tell Muscat we're basically done, only small details left.", True),
    ("Before Ramadan, inshallah! Great. So I can tell my management it's in good shape?", True),
    ("I think we are basically there on price; now delivery.", False),
    ("Are we basically done for today?", False),
])
def test_yes_readings_of_the_ninth_hand(text, yes):
    assert reads_a_yes(text) is yes


def test_a_price_tied_only_to_confirming_soon_is_no_trade():
    assert not trade_in_words("... Two-eighty-five. Two-seventy-five, if you can confirm soon.")
    assert trade_in_words("Two-seventy-five if you can confirm the 40,000 meters soon.")  # something else is asked


@pytest.mark.parametrize("text, before, price", [
    ("(laughs) Eighty-five is a beautiful number, Mr. Hamad. I'd like it on my car plate, not on my price list.",
     "Impossible, wallah, impossible. Eighty-five.", None),  # the buyer's figure praised and turned down
    ("Eighty-eight is a fair price, let's sign.", "Price. Eighty-eight.", 88),  # taken up: the price
])
def test_the_buyers_figure_praised_and_turned_down_is_no_offer(understander, registry, text, before, price):
    und = understander.read(text, registry.scenarios["ae-trading-house-distribution"], before=before)
    assert und.price == price
