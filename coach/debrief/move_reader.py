"""For imported transcripts: which move a buyer line makes, read by a small learned head beside the rules.

A rehearsal's buyer turns carry the engine's move; an imported transcript's do not, and the debrief's cultural
reading (a discount after a silence, a postponement taken for a yes) depends on them. The persona's phrase bank shares
few words with how other writers' buyers speak (word overlap with it named the move three labellers gave 20% of the
time, leaving each development split out in turn; this head 54%; the labellers agreed with each other on 75-86%), so
the head learns from buyer lines of the development transcript pairs (`evals/debrief/buyer_moves.jsonl`), each
labelled by hand by readers who saw only the line and the seller's line before it. Features: the MiniLM embedding of
the line, and a second head on its words (as the understanding layer's ensemble); the two are averaged. The line is
read alone: the seller's line before it added little and made one buyer line read differently in the two transcripts
of a pair with the same buyer lines. The persona's bank lines are no training material (mixed in, they lowered the
held-out figures). For the debrief evals a development split's own lines are left out of the head (`excluding`).
"""
from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

import numpy as np

from coach.jsonl import numbered_items
from coach.understanding.ensemble import LEX_PARAMS, Ensemble, counts, embedder_id, idf_of, tfidf
from coach.understanding.head import save_array, train

CORPUS = Path(__file__).resolve().parents[2] / "evals" / "debrief" / "buyer_moves.jsonl"
MOVES = ("accept", "ask", "concede", "conditional_accept", "counter", "deflect", "defer", "direct_refusal", "farewell",
         "greet", "hold_firm", "hospitality", "indirect_refusal", "inform", "postpone", "push_agenda", "request_detail",
         "silence", "small_talk", "walk_away")
FIT = {"epochs": 300}
VERSION = "b3"  # bump when the features or the fit change: part of every cache key
_FIELDS = {"id", "split", "pair", "side", "turn", "scenario", "before", "text", "move", "also", "unsure", "hand"}


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The labelled buyer lines; a bad line is named with its number and field."""
    rows = []
    for n, row in numbered_items(path):
        if not isinstance(row, dict) or set(row) != _FIELDS:
            got = sorted(row) if isinstance(row, dict) else type(row).__name__
            raise ValueError(f"{path}: line {n}: needs the fields {sorted(_FIELDS)}, got {got}")
        for field in ("move", "also"):
            if row[field] is not None and row[field] not in MOVES:
                raise ValueError(f"{path}: line {n} ({row['id']}): {field}: unknown move {row[field]!r}")
        rows.append(row)
    return rows


class MoveReader:
    """The head, fitted once per corpus (and per left-out development split) and cached beside the other heads."""

    def __init__(self, embedder: Any, cache_dir: Path | None = None, path: Path = CORPUS, exclude: str | None = None):
        self.embedder, self.cache_dir, self.path, self.exclude = embedder, cache_dir, path, exclude
        self._lock = threading.Lock()
        self._heads: dict[str | None, Ensemble] = {}
        self._memo: dict[str, Any] = {}

    def excluding(self, split: str) -> MoveReader:
        """The same reader with one development split's lines left out of the head."""
        other = MoveReader(self.embedder, self.cache_dir, self.path, exclude=split)
        other._lock, other._heads, other._memo = self._lock, self._heads, self._memo
        return other

    def _key(self) -> str:
        if "key" not in self._memo:
            h = hashlib.sha256(VERSION.encode() + repr((MOVES, FIT, LEX_PARAMS)).encode())
            h.update(self.path.read_bytes() + embedder_id(self.embedder).encode())
            self._memo["key"] = h.hexdigest()[:16]
        return self._memo["key"]

    def _rows(self) -> list[dict[str, Any]]:
        if "rows" not in self._memo:
            self._memo["rows"] = load_corpus(self.path)
        return self._memo["rows"]

    def _embedded(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.embedder.embed_array(texts), dtype=np.float32)

    def _corpus(self) -> tuple[list[dict[str, Any]], np.ndarray, np.ndarray]:
        if "corpus" not in self._memo:
            rows = self._rows()
            path = self.cache_dir / f"moves-{self._key()}-x.npy" if self.cache_dir else None
            if path is not None and path.exists():
                x = np.load(path)
            else:
                x = self._embedded([r["text"] for r in rows])
                if path is not None:
                    save_array(path, x)
            y = np.zeros((len(rows), len(MOVES)), dtype=np.float32)
            for i, r in enumerate(rows):
                for m in (r["move"], r["also"]):
                    if m:
                        y[i, MOVES.index(m)] = 1.0
            self._memo["corpus"] = (rows, x, y)
        return self._memo["corpus"]

    def heads(self) -> Ensemble | None:
        """The embedding head and the words head, averaged (coach.understanding.ensemble); None without an embedder."""
        if self.embedder is None:
            return None
        with self._lock:
            exclude = self.exclude if any(r["split"] == self.exclude for r in self._rows()) else None  # held out: all
            if exclude in self._heads:
                return self._heads[exclude]
            path = self.cache_dir / f"moves-{self._key()}-{exclude or 'all'}.npz" if self.cache_dir else None
            if path is not None and path.exists():
                got = Ensemble.load(path)
            else:
                rows, x, y = self._corpus()
                keep = np.array([r["split"] != exclude for r in rows], dtype=bool)
                c = counts([r["text"] for r, k in zip(rows, keep) if k])
                idf = idf_of(c)
                got = Ensemble(train(x[keep], y[keep], MOVES, **FIT), train(tfidf(c, idf), y[keep], MOVES, **LEX_PARAMS),
                               idf, np.full(len(MOVES), 0.5))  # thresholds unused: the most likely move is taken
                if path is not None:
                    got.save(path)
            self._heads[exclude] = got
            return got

    def read(self, lines: list[str]) -> list[dict[str, float]]:
        """Per buyer line: each move's chance (empty dicts without an embedder)."""
        heads = self.heads() if lines else None
        if heads is None:
            return [{} for _ in lines]
        return [{m: float(v) for m, v in zip(MOVES, row)} for row in heads.proba(self._embedded(lines), counts(lines))]
