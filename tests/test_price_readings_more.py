"""The seller's price in more of the ways it is said (twenty-fourth session, a reviewer's 354 lines): spoken prices that
open the line or follow more offer words, spoken cents where prices run under a hundred, a stated price beside a
percentage, the own price beside a rival's, continental number formats and prices held under a condition; and the
look-alikes that must stay unread (clock times, counts, days, percentages, years, the buyer's figure, a rival's price,
the seller's floor)."""
from __future__ import annotations

import pytest

SA, US, DE, KR, JP = ("sa-utility-smart-meter-supply", "us-enterprise-saas-renewal", "de-machinery-drive-components",
                      "kr-auto-bracket-supply", "jp-keiretsu-component-supply")
AE, NL, HQ, IN, CN = ("ae-trading-house-distribution", "nl-warehouse-automation-service", "hq-explain-market-uncertainty",
                      "in-it-services-tooling-licence", "cn-soe-industrial-pumps")
BR = "br-distributor-exclusivity"


@pytest.mark.parametrize("scenario, text, before, price", [
    # a spoken price that opens the line, a sentence or the main clause after a condition, and stands as a price there
    (SA, "two ninety-nine. that's the number", "Give me a number I can take to the committee.", 299),
    (DE, "fourteen-fifty, final, with 24 months warranty", "I need your final number, please.", 1450),
    (DE, "fourteen hundred even, that is our last step", "Where are you on price now?", 1400),
    (US, "a hundred and seventy flat. that's where I can land it", "Still too high.", 170),
    (US, "one seventy-four for 2000 seats, 3 years, net 45", "Give me your best package.", 174),
    (US, "if we go three years, one sixty-five, same as today, no uplift in year one", "What happens on a three-year term?", 165),
    (JP, "fourteen-twenty, and buffer stock 3 weeks", "And the buffer stock?", 1420),
    # ... after more offer words, and with "k" for thousands
    (SA, "I can give you two ninety", None, 290),
    (SA, "we could live with two ninety", None, 290),
    (SA, "two ninety is our best", None, 290),
    (NL, "three ninety-five k a year for three years, plus a technician on site in peak", "What's the yearly number then?",
     395000),
    (HQ, "give me two-seventy k and I'll commit to a 16 week close", "360 is too much.", 270000),
    (AE, "let's say one-ten, delivered Jebel Ali", "Suresh thinks 100 is right.", 110),
    # a figure said in two groups, the way prices are said, is the price though another issue's range holds it
    (AE, "one-fifteen, final, and the stock is in Jebel Ali six weeks before Ramadan", "Give me your final figure.", 115),
    # a second figure of another issue beside a spoken price leaves the price
    (SA, "let's say two-ninety, with 90 days payment", "And the payment?", 290),
    # where prices run under a hundred, a spoken price has cents: "six-ten" is 6.10, not ten
    (KR, "six-ten per bracket, 60 days payment, you pay half the tooling", "Tell me the full package.", 6.10),
    (KR, "six point two five and we have a deal", "So what is the number?", 6.25),
    (KR, "we can do six twenty", None, 6.20),
    (KR, "ok 6 dollar 15 cent, last price", "Last price please.", 6.15),
    (KR, "six dollars and twenty cents", None, 6.20),
    (KR, "Let's do six dollars even, and the tooling stays with you as quoted.", None, 6.0),
    # the price said wins over arithmetic on a percentage beside it
    (SA, "ok 3% off, so 310", "We expect a discount from the list.", 310),
    (IN, "92,000 per seat, that's about 4% off the 96,000 list", "What discount are you giving?", 92000),
    (JP, "We could propose one thousand four hundred, with annual reduction of 1.5 percent.", None, 1400),
    (JP, "1,440 yen and 2 percent reduction every year", "What about the annual reduction?", 1440),
    (JP, "if you can submit before Golden Week we stay at 1,450 with 2% reduction", None, 1450),
    # a percentage alone is still taken off the list; one taken from a figure leaves that figure out
    (US, "I can do 5% off", "Help me out a bit.", 171),
    (SA, "I can do 5% off the 320 list.", None, 304),
    # the own price after a rival's in the same sentence
    (SA, "the other bidder maybe is at 260 but we are 295, with local assembly in Dammam", None, 295),
    (KR, "domestic supplier maybe 5.60, but we are 6.25 with european quality and no late delivery", None, 6.25),
    # continental formats where no price has three decimals
    (DE, "For 1.800 units per year we can offer 1.395 euros, payment 45 days net.", None, 1395),
    (DE, "Our price: EUR 1.435,00 per gearbox", None, 1435),
    (DE, "1.420,- EUR per piece is our offer", "Und der Preis?", 1420),
    # a price held, under a condition or through a date
    (KR, "we stay at 6.40 unless you pay half the tooling", "We want better price.", 6.40),
    (US, "if not three years, then 180 stays", "One year renewal only.", 180),
    (CN, "if Mr. Wang can recommend us this month, we hold 398,000 through Spring Festival", None, 398000),
    (DE, "no, sorry, 1,450 remains our price", "1,400, final.", 1450),
    # where the price is headquarters' discount budget, the budget named after the figure
    (HQ, "I need 300k of discount budget, close in 18 weeks, 55% probability", "What discount budget do you need?", 300000),
    (HQ, "Let's say 320,000 discount, that's about 13% of 2.4 million", "Put a number on it.", 320000),
])
def test_the_sellers_price_in_more_of_the_ways_it_is_said(understander, registry, scenario, text, before, price):
    und = understander.read(text, registry.scenarios[scenario], before)
    assert und.price == pytest.approx(price), (text, und.price)


@pytest.mark.parametrize("scenario, text, before", [
    # clock times
    (SA, "Sorry, it's four-forty already, shall we take a short break?", None),
    (SA, "It's four-forty.", "What time is it in Riyadh now?"),
    (SA, "let's meet at two-thirty, ok?", None),
    # counts, asked for or named
    (US, "Two-fifty.", "How many technicians do you have?"),
    (US, "How many technicians? Two-fifty.", None),
    (US, "Two hundred technicians on site.", None),
    (US, "Two thousand seats, final.", None),
    (US, "Team of one-sixty people, all in Ohio.", None),
    (CN, "We have three hundred engineers, final.", None),
    (DE, "For 1.800 units per year we need the framework signed.", None),
    # days and other issues' values
    (AE, "Ninety, net.", "What payment terms do you need?"),
    (AE, "One-twenty days, final.", None),
    (AE, "one-fifteen, final", "How many days credit?"),
    (IN, "sixty, final.", "What payment days?"),
    (KR, "six weeks, final.", None),
    # percentages
    (US, "Fifteen percent, final.", None),
    (KR, "ten percent of tooling, final", None),
    # years
    (DE, "Twenty twenty-six, that is when the line starts.", "When do you start production?"),
    (BR, "Twenty twenty-six, that's our launch year.", None),
    (DE, "Our company was founded in nineteen-eighty, we are family owned.", None),
    # the buyer's figure said back and turned down
    (SA, "Two-ninety? No way.", "Can you do two-ninety?"),
    (JP, "you mentioned 1,300 — that is below our cost, honestly", "Our target is 1,300 yen."),
    # a rival's price
    (SA, "the other bidder maybe is at 260, I know.", None),
    (KR, "domestic supplier is at 5.60, but they are late every month", None),
    # the seller's floor said as a limit
    (DE, "1,350 is our floor.", None),
    # a further percentage on top of an earlier step states no price
    (SA, "if the PO comes this month, I can take another 2% off", "Timing depends on the committee."),
])
def test_look_alikes_of_a_spoken_or_stated_price_stay_unread(understander, registry, scenario, text, before):
    und = understander.read(text, registry.scenarios[scenario], before)
    assert und.price is None, (text, und.price)


@pytest.mark.parametrize("scenario, text, before, price", [
    # the buyer's figure said back is no offer, but the seller's own figure beside it, or said again, is
    (US, "You said 150. I can get to 162, not 150.", "We're thinking 150 per seat.", 162),
    (DE, "You said 1,440? Ok, 1,440 it is.", "1,440 and we sign.", 1440),
])
def test_the_buyers_figure_said_back_leaves_the_sellers_own(understander, registry, scenario, text, before, price):
    assert understander.read(text, registry.scenarios[scenario], before).price == price


@pytest.mark.parametrize("scenario, text, price", [
    # a figure whose measure was said once for two is of that measure, and so is the same figure said again
    (AE, "If you commit to nine thousand units in year one, I go to 104, with five percent marketing. Payment 90 days, "
         "not 120 \u2014 at 120 we become your bank.", 104),
    (AE, "104 per unit, and payment goes from 120 to 90 days.", 104),
    (AE, "104 if the payment is 60 or 90 days; 120 days I cannot carry.", 104),
    (AE, "Price 118 per unit, payment 90 days instead of 120.", 118),
    (AE, "90 days, and the price stays at USD 120 per unit.", 120),  # a figure with its currency is a price
])
def test_a_figure_sharing_the_days_said_beside_it_is_no_price(understander, registry, scenario, text, price):
    assert understander.read(text, registry.scenarios[scenario]).price == price


def test_a_share_of_a_sum_is_no_forecast_probability(understander, registry):
    und = understander.read("Let's say 320,000 discount, that's about 13% of 2.4 million", registry.scenarios[HQ])
    assert "forecast-probability" not in und.terms
    und = understander.read("I need 300k of discount budget, close in 18 weeks, 55% probability", registry.scenarios[HQ])
    assert und.terms["forecast-probability"] == 55


def test_a_whole_and_its_cents_around_the_currency_are_one_price():
    from coach.understanding.spoken_prices import money_pairs
    assert money_pairs("ok 6 dollar 15 cent, last price") == "ok 6.15 dollar, last price"
    assert money_pairs("six dollars and twenty cents") == "6.20 dollars"
    assert money_pairs("120 dollars, 10 days") == "120 dollars, 10 days"  # a figure after a comma is no cents
