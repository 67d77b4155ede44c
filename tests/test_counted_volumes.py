"""A question about a count per period is about volumes; a price said per year stays a price."""
from __future__ import annotations

import pytest

from coach.understanding.counted import counts_per_period, read_into
from coach.understanding.rules import clean_text

VOLUMES = [
    ("kr-auto-bracket-supply", "480,000 per year — is that fixed by the carmaker's platform plan, or could it go up?"),
    ("jp-keiretsu-component-supply", "Is the 360,000 a year the total for the programme, or the second source's share?"),
    ("jp-keiretsu-component-supply", "Is 360,000 modules a year the full volume?"),
    ("br-distributor-exclusivity", "If we did three, could you commit to 250 kits a year?"),
    # "6 years" is no price beside it
    ("kr-auto-bracket-supply", "Is the 480,000 a year fixed for the 6 years of the programme?"),
    ("kr-auto-bracket-supply", "Is 1.2 million brackets a year realistic?"),
]
# a second reader's examples: a price per unit, a percentage, a duration, money said short, a price out of the band
# with a word for money, a price said per year in the band
PRICES = [
    ("nl-warehouse-automation-service", "Short version: three years, 385k a year, four-hour response?"),
    ("us-enterprise-saas-renewal", "Just a range then — are we talking 320k a year or 280k?"),
    ("kr-auto-bracket-supply", "Could you pay 480,000 won per year for the tooling?"),
    ("us-enterprise-saas-renewal", "Could you do 150 a seat a year?"),
    ("sa-utility-smart-meter-supply", "Could you go to 290 a meter a year?"),
    ("us-enterprise-saas-renewal", "Is a 15 percent increase each year realistic?"),
    ("nl-warehouse-automation-service", "Would 700,000 a year be too steep?"),
    ("nl-warehouse-automation-service", "So 150,000 a year is your ceiling?"),
    ("us-enterprise-saas-renewal", "Could you go to 500 a year for each licence?"),
    ("nl-warehouse-automation-service", "Is 1.2 million a year realistic?"),
    ("nl-warehouse-automation-service", "Would you hold 300 for a year?"),
    ("kr-auto-bracket-supply", "How much cheaper at 600,000 a year?"),
    ("de-machinery-drive-components", "Is 12 visits a year included in the maintenance fee?"),
]


@pytest.mark.parametrize("scenario,text", VOLUMES)
def test_a_count_per_period_is_a_volume_question(registry, scenario, text):
    topics = {"price": 0.77}
    read_into(topics, clean_text(text), registry.scenarios[scenario], asked=True)
    assert counts_per_period(clean_text(text), registry.scenarios[scenario])
    assert topics == {"volumes": 0.6}


@pytest.mark.parametrize("scenario,text", PRICES)
def test_a_price_per_year_or_a_named_cost_stays_a_price(registry, scenario, text):
    topics = {"price": 0.7}
    read_into(topics, clean_text(text), registry.scenarios[scenario], asked=True)
    assert topics == {"price": 0.7}


def test_units_beside_a_price_add_volumes_and_keep_the_price(registry):
    topics = {"price": 0.7}
    read_into(topics, clean_text("Could we go to 1,410, for full 1,800 pieces per year?"),
              registry.scenarios["de-machinery-drive-components"], asked=True)
    assert topics == {"price": 0.7, "volumes": 0.6}


def test_a_statement_or_a_price_per_unit_keeps_its_topics(registry):
    topics = {"price": 0.7}
    read_into(topics, clean_text("Twenty-four pumps, about 1.9 million kWh a year saved."), None, asked=False)
    read_into(topics, clean_text("Is it 88,000 per seat per year?"), registry.scenarios["in-it-services-tooling-licence"], asked=True)
    assert topics == {"price": 0.7}


def test_without_a_scenario_only_units_count():
    topics = {"price": 0.7}
    read_into(topics, clean_text("Is 480,000 a year firm?"), None, asked=True)
    assert topics == {"price": 0.7}
    read_into(topics, clean_text("Is 480,000 brackets a year firm?"), None, asked=True)
    assert topics == {"volumes": 0.6}


def test_the_reader_reads_the_volume_question(understander, registry):
    sc = registry.scenarios["kr-auto-bracket-supply"]
    u = understander.read("480,000 per year — is that fixed by the carmaker's platform plan, or could it go up if they "
                          "add a derivative model?", scenario=sc)
    assert "question" in u.acts and "volumes" in u.topics and "price" not in u.topics
    assert u.topic_scores["volumes"] >= 0.6 and u.topic_scores["price"] == 0.0  # what the persona ranks answers by
