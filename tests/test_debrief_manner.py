"""The debrief's learned weighing of the acts (coach.debrief.manner): what it learns from skilled/poor pairs, how it
reads a new transcript, that the evals read a development split with that split left out, and that the head on the
real development pairs weighs what a buyer would (a take-it-or-leave-it reads weaker, a trade stronger)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.debrief import DebriefService
from coach.debrief.detectors import TurnView, views_from_turns
from coach.debrief.manner import MANNER_WEIGHT, MannerReader, corpus_rows
from coach.debrief.models import DIMENSIONS
from coach.web.render import render_debrief

SCENARIO = "de-machinery-drive-components"
SKILLED = ["Good morning. Shall we start with point one of your agenda, the price per unit?",
           "If you commit to ten thousand units a year, we can do 4.20 per unit.",
           "I will send you the revised written offer by Wednesday."]
POOR = ["Don't worry about the details, everything will be fine, trust me.",
        "This is our final offer, take it or leave it.",
        "If you cannot decide, maybe I should call your managing director directly."]


def _corpus(tmp_path: Path, splits: dict[str, int]) -> Path:
    d = tmp_path / "pairs"
    d.mkdir()
    for name, n in splits.items():
        lines = []
        for i in range(n):
            buyer = {"role": "persona", "text": f"Good morning. Please, go ahead ({i})."}
            lines.append(json.dumps({
                "id": f"{name}-{i}", "scenario": SCENARIO,
                "skilled": [x for t in SKILLED for x in (buyer, {"role": "trainee", "text": t})],
                "poor": [x for t in POOR for x in (buyer, {"role": "trainee", "text": t})]}))
        (d / f"transcripts_{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def _views(lines: list[str], understander, registry) -> list[TurnView]:
    """Seller lines after a buyer's 'go ahead', read by the real understanding layer as the debrief reads them."""
    out = []
    for i, t in enumerate(lines):
        seller = TurnView(n=2 * i + 2, role="trainee", text=t)
        seller.acts, seller.topics, seller.confidence = _read(understander, registry, t)
        out += [TurnView(n=2 * i + 1, role="persona", text="Please, go ahead."), seller]
    return out


def test_the_corpus_labels_each_seller_line_by_its_side_with_the_buyer_line_before(tmp_path):
    rows = corpus_rows(_corpus(tmp_path, {"dev": 2}))
    assert len(rows) == 2 * (len(SKILLED) + len(POOR))
    assert {r[4] for r in rows if r[2] in SKILLED} == {1} and {r[4] for r in rows if r[2] in POOR} == {0}
    assert all(r[3].startswith("Good morning. Please") for r in rows) and {r[0] for r in rows} == {"transcripts_dev"}


def test_a_small_corpus_teaches_the_sides_and_a_new_transcript_is_read_by_its_acts(tmp_path, understander, registry):
    reader = MannerReader(understander, registry, cache_dir=tmp_path / "cache", directory=_corpus(tmp_path, {"dev": 6}))
    market = registry.markets["DE"]
    good = reader.read(_views(["If you take twelve thousand units, we could go to 4.10 per unit.",
                               "I will send the revised offer by Friday."], understander, registry), market)
    bad = reader.read(_views(["Don't worry, it will all be fine, trust me.",
                              "Take it or leave it, this is our last offer."], understander, registry), market)
    assert good is not None and bad is not None
    assert good.adjustment > 0 > bad.adjustment and abs(good.adjustment) <= MANNER_WEIGHT
    assert good.pairs == bad.pairs == 6
    assert [t.turn for t in good.turns] == [2, 4]
    assert all(t.weighed for t in good.turns + bad.turns)  # each turn names what weighed most
    # fitted once and cached: a second reader on the same corpus loads the head and the readings, reading nothing
    views = _views(["Don't worry, it will all be fine, trust me."], understander, registry)
    assert list((tmp_path / "cache").glob("manner-*-all.npz"))

    class NoReading:
        embedder = understander.embedder

        def _cache_path(self):
            return understander._cache_path()

        def read_many(self, items):
            raise AssertionError("the corpus was read again")

    again = MannerReader(NoReading(), registry, cache_dir=tmp_path / "cache", directory=reader.directory)
    assert again.read(views, market).adjustment < 0 and again.pairs() == 6


def test_an_eval_reads_a_development_split_with_that_split_left_out(tmp_path, understander, registry, monkeypatch):
    import coach.debrief.manner as manner
    fitted_on = []
    real_train = manner.train
    monkeypatch.setattr(manner, "train", lambda x, y, *a, **k: fitted_on.append(len(x)) or real_train(x, y, *a, **k))
    reader = MannerReader(understander, registry, cache_dir=None, directory=_corpus(tmp_path, {"dev": 4, "dev2": 3}))
    left_out = reader.excluding("transcripts_dev2")
    assert reader.pairs() == 7 and left_out.pairs() == 4
    a, b = reader.head(), left_out.head()
    assert a is not None and b is not None and a is not b
    turns = len(SKILLED) + len(POOR)
    assert fitted_on == [7 * turns, 4 * turns]  # the left-out head never saw the split's turns
    assert reader.excluding("transcripts_test").pairs() == 7  # the held-out split is never in the corpus anyway


def test_the_debrief_adds_the_reading_to_the_overall_and_shows_its_turns(tmp_path, understander, registry):
    reader = MannerReader(understander, registry, cache_dir=None, directory=_corpus(tmp_path, {"dev": 6}))
    # one weak turn: with an ultimatum and an escalation too, four named mistakes take the overall to its floor of 0
    turns = [{"role": "persona", "text": "Guten Tag. Let us start with the price."},
             {"role": "trainee", "text": "Don't worry about the price, everything will be fine, trust me."}]
    plain = DebriefService(registry, understander=understander).for_transcript({"scenario": SCENARIO, "turns": turns})
    read = DebriefService(registry, understander=understander, manner=reader).for_transcript(
        {"scenario": SCENARIO, "turns": turns})
    assert plain.manner is None and read.manner is not None
    weighted = round(sum(read.weights[d] * getattr(read.dimensions, d).score for d in DIMENSIONS))
    assert read.overall == max(0, min(100, weighted - read.shortfall - read.mistake_points + read.manner.adjustment))
    assert read.manner.adjustment < 0 and read.shortfall == plain.shortfall
    assert read.overall < plain.overall
    weakest = min(reader.read(views_from_turns([{**t, "n": i + 1} for i, t in enumerate(turns)], registry.scenarios[
        SCENARIO], registry.personas[registry.scenarios[SCENARIO].persona], understander), registry.markets["DE"]).turns,
        key=lambda t: t.chance)
    assert weakest.turn in {e.turn for e in read.manner.evidence}
    assert all("weaker seller" in e.note and "chance the stronger one said it; weighed most: " in e.note
               for e in read.manner.evidence)
    assert "rehearsed skilled/poor pairs" in read.manner.summary
    shown = render_debrief(read.model_dump(mode="json"))
    assert f"Manner beside rehearsed pairs — {read.manner.adjustment}" in shown and "weaker seller" in shown
    again = type(read).model_validate_json(read.model_dump_json())  # stored debriefs load back, with or without it
    assert again.manner == read.manner and type(plain).model_validate(plain.model_dump()).manner is None


def test_turns_without_confidences_or_without_any_act_are_left_out(tmp_path, understander, registry, embeddings):
    from coach.understanding import Understander
    reader = MannerReader(understander, registry, cache_dir=None, directory=_corpus(tmp_path, {"dev": 4}))
    old = TurnView(n=2, role="trainee", text="This is our final offer, take it or leave it.", acts=["offer", "pressure"])
    empty = TurnView(n=4, role="trainee", text="Okay.")
    assert reader.read([old, empty], registry.markets["DE"]) is None  # stored before confidences were kept; no act
    # an understanding layer without a cache directory still gives the reader a cache key (no head is trained here)
    assert MannerReader(Understander(embeddings, cache_dir=None), registry, cache_dir=tmp_path)._key()


@pytest.mark.parametrize("market", ["DE", "JP", "SA", "US", "BR", "CN"])
def test_the_head_on_the_development_pairs_weighs_what_a_buyer_would(market, understander, registry, model_dir):
    reader = MannerReader(understander, registry, cache_dir=model_dir)

    def chance(line: str) -> float:
        return reader.read(_views([line], understander, registry), registry.markets[market]).turns[0].chance

    trade = chance("We can do 4.20 per unit if you take 10,000 units.")
    take_it = chance("This is our final offer, take it or leave it.")
    vague = chance("Don't worry, it will be fine, trust me.")
    over_the_head = chance("If you cannot approve it, perhaps I should speak to your CEO directly.")
    promise, deadline = chance("I'll send you the revised offer by Wednesday."), chance(
        "Please sign by Wednesday, the price goes up after that.")
    assert trade > 0.5 > max(take_it, vague, over_the_head), (trade, take_it, vague, over_the_head)
    assert promise > deadline + 0.2, (promise, deadline)


def _read(understander, registry, line: str):
    u = understander.read(line, registry.scenarios[SCENARIO], "Please, go ahead.")
    return list(u.acts), list(u.topics), dict(u.confidence)
