"""The persona lines' vectors kept on disk: a second process reads them instead of embedding ~16,000 lines again."""
from __future__ import annotations

import numpy as np

from coach.roleplay import line_vectors
from coach.roleplay.answers import AnswerMatcher
from coach.understanding import Understanding


class CountingEmbedder:
    """Wraps the real MiniLM and counts the texts it was asked to embed."""

    def __init__(self, real):
        self.real, self.texts = real, 0
        self.model_id = getattr(real, "model_id", "minilm")

    def embed_array(self, texts):
        self.texts += len(texts)
        return self.real.embed_array(texts)


def test_round_trip_keeps_every_script_and_the_exact_vectors(tmp_path):
    path = tmp_path / "v.npz"
    vectors = {"Noted.": np.arange(4, dtype=np.float32), "شكراً جزيلاً": np.ones(4, np.float32),
               "検討いたします": np.full(4, 0.5, np.float32), "네, 알겠습니다": np.zeros(4, np.float32)}
    line_vectors.save(path, vectors)
    back = line_vectors.load(path)
    assert list(back) == list(vectors)
    assert all(np.array_equal(back[t], v) for t, v in vectors.items())
    assert oct(path.stat().st_mode & 0o777) == "0o644"


def test_a_damaged_or_missing_file_is_no_error(tmp_path, caplog):
    assert line_vectors.load(tmp_path / "none.npz") == {}
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a numpy file")
    assert line_vectors.load(bad) == {}
    assert "unreadable" in caplog.text and "bad.npz" in caplog.text


def test_a_second_matcher_reads_the_vectors_and_ranks_the_same(embeddings, registry, tmp_path):
    persona = registry.personas["de-mittelstand-head-of-purchasing"]
    und = Understanding(acts=["question"], topics=["decision_process"], topic_confidence={"decision_process": 0.6},
                        topic_scores={"decision_process": 0.6, "delivery": 0.2})
    question = "Who takes the final decision on a new supplier?"
    first = CountingEmbedder(embeddings)
    a = AnswerMatcher(first, cache_dir=tmp_path)
    a.warm([persona])
    assert first.texts > 300  # its answers, the questions they were written for, its small talk, its move lines
    files = list(tmp_path.glob("line-vectors-*.npz"))
    assert len(files) == 1

    second = CountingEmbedder(embeddings)  # another process: its own embedder, the same model
    b = AnswerMatcher(second, cache_dir=tmp_path)
    b.warm([persona])
    assert second.texts == 0  # nothing embedded again
    assert a.rank(und, question, persona) == b.rank(und, question, persona)

    # a trainer edits a line: only that line is embedded, and the warm-up drops the old one from the file
    edited = persona.model_copy(update={"personal": [*persona.personal[1:], "Sailing, yes, every summer."]})
    third = CountingEmbedder(embeddings)
    c = AnswerMatcher(third, cache_dir=tmp_path)
    c.warm([edited])
    assert third.texts == 1
    kept = line_vectors.load(files[0])
    assert "Sailing, yes, every summer." in kept and persona.personal[0] not in kept


def test_without_a_cache_dir_nothing_is_written(embeddings, registry, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    persona = next(p for pid, p in registry.personas.items() if pid.startswith("nl-"))
    AnswerMatcher(CountingEmbedder(embeddings)).warm([persona])
    assert not list(tmp_path.rglob("line-vectors-*"))


def test_a_persona_without_any_lines_to_compare_is_no_error(embeddings, registry, tmp_path):
    """An older pack's persona (no answer banks, no small talk, no move lines to fit) warms without embedding."""
    persona = next(iter(registry.personas.values()))
    bare = persona.model_copy(update={"answers": {}, "personal": [], "phrases": {"greet": persona.phrases["greet"]}})
    counting = CountingEmbedder(embeddings)
    AnswerMatcher(counting, cache_dir=tmp_path).warm([bare])
    assert counting.texts == 0


def test_index_build_keeps_every_persona_line_beside_the_model(tmp_path, monkeypatch, model_dir, registry, embeddings):
    """The deploy step (`coach index build`, run by `make run` and `make test`) leaves the personas' line vectors on
    disk, so no app process or test embeds them again."""
    from typer.testing import CliRunner

    from coach.cli import app
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_MODEL_DIR", str(model_dir))
    r = CliRunner().invoke(app, ["index", "build"])
    assert r.exit_code == 0, r.output[-2000:]
    assert "persona lines embedded" in r.output
    saved = line_vectors.load(line_vectors.cache_path(model_dir, embeddings))
    every = {t for p in registry.personas.values() for t in AnswerMatcher._texts(p)}
    assert every and every <= set(saved)
