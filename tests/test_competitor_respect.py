"""Granting the competitor its due is no running it down (coach.understanding.respect)."""
from __future__ import annotations

import pytest

from coach.understanding import respect


@pytest.mark.parametrize("line, dropped", [
    ("The other vendor is a decent tool. Where we differ is the real-device grid your bank clients ask for.", True),
    ("The domestic suppliers are serious companies, and their prices are good. Our difference shows over the life of "
     "the unit.", True),
    ("They are capable companies, and some of your units run their pumps well; I won't say a word against them.", True),
    # a good word with a sting, or none at all, still runs it down
    ("They are a fine company, but their purifiers are an afterthought to them, they don't care about your market.", False),
    ("I know the domestic pumps are cheaper, but honestly their quality is not comparable; the seals fail in two years.",
     False),
    ("Everyone knows your group supplier nearly stopped the line last year.", False),
    # the good word denied, or a sting after it (a second reader's lines)
    ("The other vendor is not reliable, honestly.", False),
    ("Their product has no good after-sales support here.", False),
    ("The other supplier is never a serious option for this tonnage.", False),
    ("The competition is good at marketing, but their pumps break after two years.", False),
    ("They have good prices because they use recycled parts.", False),
])
def test_a_good_word_for_the_competitor_is_no_disparagement(line, dropped):
    conf = {"competitor_disparagement": 0.7, "information": 0.6}
    respect.read_into(conf, line)
    assert ("competitor_disparagement" not in conf) is dropped, line
    assert conf["information"] == 0.6


def test_the_reader_drops_it_for_a_respectful_line(understander, registry):
    sc = registry.scenarios["cn-soe-industrial-pumps"]
    u = understander.read("The domestic suppliers are serious companies, and their prices are good. Our difference shows "
                          "over the life of the unit: higher efficiency and a proven seal design.", sc, None)
    assert "competitor_disparagement" not in u.acts, u.acts
    bad = understander.read("With respect, the domestic pumps are not in the same class; their seals fail after a year.", sc, None)
    assert "competitor_disparagement" in bad.acts, bad.acts
