"""The debrief's learned reading of an imported buyer line's move (coach.debrief.move_reader): the labelled corpus,
its errors, and the real MiniLM head reading lines the word overlap with the phrase bank misread."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.debrief.buyer_moves import SIGNAL_MOVES, infer_move
from coach.debrief.move_reader import CORPUS, MOVES, MoveReader, load_corpus


def test_the_corpus_is_labelled_lines_from_every_development_split():
    rows = load_corpus()
    assert len(rows) >= 1400
    splits = {r["split"] for r in rows}
    assert {f"transcripts_dev{n}" for n in range(2, 14)} | {"transcripts_dev"} <= splits
    assert {r["hand"] for r in rows} >= {"a", "b", "c"}
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["move"] in MOVES for r in rows)


def test_a_bad_corpus_line_is_named(tmp_path: Path):
    good = CORPUS.read_text(encoding="utf-8").splitlines()[0]
    bad = tmp_path / "moves.jsonl"
    bad.write_text(good + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"moves\.jsonl: line 2: not JSON"):
        load_corpus(bad)
    row = json.loads(good)
    bad.write_text(json.dumps({**row, "move": "shrug"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 1 \(bm-0001\): move: unknown move 'shrug'"):
        load_corpus(bad)
    del row["hand"]
    bad.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 1: needs the fields"):
        load_corpus(bad)


@pytest.fixture(scope="module")
def reader(embeddings, model_dir: Path):
    return MoveReader(embeddings, cache_dir=model_dir)  # the heads the evals and the app fit, cached beside them


@pytest.mark.parametrize("before, text, move", [
    ("For three years and five hundred seats, 88,000.", "That will be difficult. The competitor is at sixty.",
     {"indirect_refusal"}),
    ("And to be fair, you need a second source.", "(more formally) Thank you. We will study it.",
     {"indirect_refusal", "postpone"}),
    ("Then may I propose: by this Friday, the minutes of today.", "Thank you. I will discuss with Fujita-kachō and "
     "reply by email.", {"defer"}),
    ("I know the dollar price is only the start of your cost.", "Two thousand one hundred fifty, and five years "
     "straight.", {"counter"}),
    ("Ah, our gearboxes are really best in class.", "'Always' is not a measurement. Under which test conditions?",
     {"request_detail"}),
])
def test_the_learned_reader_names_the_move(reader, registry, before, text, move):
    chances = reader.read([text])[0]
    assert set(chances) == set(MOVES)
    assert max(chances, key=chances.get) in move, sorted(chances.items(), key=lambda kv: -kv[1])[:3]


def test_without_the_learned_reader_the_word_overlap_reads_a_counter_otherwise(reader, registry):
    """The reason for the reader: a figure with conditions shares words with the bank's refusals and questions."""
    persona = registry.personas["kr-tier1-purchasing-manager"]
    text = "Hmm... 6.30. Domestic is lower, you know. And payment 60 days, our standard is 90."
    chances = reader.read([text])[0]
    assert infer_move(text, persona, learned=chances) == "counter"
    assert infer_move(text, persona) != "counter"


def test_a_split_left_out_is_not_learned_from(reader):
    rows = load_corpus()
    left = reader.excluding("transcripts_dev13")
    emb = left.heads().mlp
    full = reader.heads().mlp
    assert emb is not full
    assert reader.excluding("transcripts_dev13").heads().mlp is emb  # fitted once, shared
    assert sum(r["split"] == "transcripts_dev13" for r in rows) > 50


def test_an_imported_transcript_reads_its_buyer_moves_with_the_reader(registry, understander, reader):
    from coach.debrief.detectors import views_from_turns
    sc = registry.scenarios["in-it-services-tooling-licence"]
    turns = [{"n": 1, "role": "trainee", "text": "For three years and five hundred seats, 88,000 per seat."},
             {"n": 2, "role": "persona", "text": "That will be difficult. The competitor is at sixty."},
             {"n": 3, "role": "trainee", "text": "Then 80,000, no conditions."},
             {"n": 4, "role": "persona", "text": "(silence)", "meta": {"move": "silence"}}]
    views = views_from_turns(turns, sc, registry.personas[sc.persona], understander, reader)
    assert [v.move for v in views if v.role == "persona"] == ["indirect_refusal", "silence"]


@pytest.mark.parametrize("text, late, move", [
    ("Yes. Yes, we can accept that.", True, {"inform", "accept"}),  # no postponement in a yes
    ("OK, deal. 4.20 it is. Let's sign.", False, {"inform", "accept"}),
    ("Pode deixar. Send it, send it. We see what my father thinks.", True, {"defer", "postpone"}),  # a signal beside it
    ("Yes.", False, None),  # a word said is no silence (too few words for the head: the bank's words read it)
    ("Okay.", False, None),
    ("(A long pause.) Mm.", False, {"silence"}),
])
def test_a_yes_is_no_signal_and_a_word_said_no_silence(reader, registry, text, late, move):
    """A second reader's look-alikes: a learned "accept" turned into any signal above 0.3, and a learned silence took
    "Yes." and "Okay." for one."""
    persona = registry.personas["kr-tier1-purchasing-manager"]
    got = infer_move(text, persona, late=late, learned=reader.read([text])[0])
    assert got in move if move is not None else got not in SIGNAL_MOVES, got
