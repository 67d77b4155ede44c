"""A second reader's 80 ordinary lines (many voices, written without seeing the rules) against three small readings:
an empty promise said to a demand (a hedge), a buyer's plain yes in an imported transcript, and an invitation to see a
site rather than to a meal. The first versions read 17 of 25, 19 of 30 and 16 of 25 right."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.debrief.acceptance import accepts_plainly
from coach.understanding.visits import is_site_visit
from coach.understanding.rules import hype

READERS = {"hedge": hype, "plain_yes": accepts_plainly, "site_visit": is_site_visit}
LINES = [json.loads(line) for line in (Path(__file__).parent / "second_reader_rule_lines.jsonl")
         .read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_file_covers_each_reading_both_ways():
    for rule in READERS:
        expects = [x["expect"] for x in LINES if x["rule"] == rule]
        assert len(expects) >= 25 and any(expects) and not all(expects), rule


@pytest.mark.parametrize("line", LINES, ids=[f"{x['rule']}-{i}" for i, x in enumerate(LINES)])
def test_a_second_readers_line(line):
    assert READERS[line["rule"]](line["text"]) is line["expect"], (line["text"], line["why"])
