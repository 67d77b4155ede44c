"""Two readers of one utterance, averaged: the MLP head on MiniLM embeddings and a linear head on the words.

The sentence embedding carries meaning but blurs the cue words that pragmatic acts hang on ("agreed",
"don't worry", "sorry about", "congratulations"); a TF-IDF model of hashed words, word pairs and character
4-grams keeps them, and tolerates misspelt and non-native wording. Read on hands they were not fitted to, the
average beats either alone (leave-one-hand-out act macro-F1: embeddings 0.807, words 0.813, both 0.845).
Per-label thresholds are tuned on out-of-fold predictions of the average, on the training items only.
"""
from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from coach.understanding.head import Head, temp_path, train, tune_thresholds
from coach.understanding.memory import Memory

DIM = 8192
MLP_PARAMS = {"hidden": 128, "epochs": 400, "lr": 0.003, "l2": 1e-2}
LEX_PARAMS = {"hidden": 0, "epochs": 150, "lr": 0.1, "l2": 1e-4, "standardise": False}
GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)
VERSION = "e2"  # bump when tokens() or the weighting changes: part of every cache key built on this module


def cache_params() -> str:
    """What a cached ensemble depends on besides its training data."""
    return repr((VERSION, sorted(MLP_PARAMS.items()), sorted(LEX_PARAMS.items()), DIM, GRID))


log = logging.getLogger(__name__)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[?!$€£¥%]", re.U)


def tokens(text: str) -> list[str]:
    """Words, word pairs (with sentence edges) and character 4-grams of the lower-cased text."""
    w = _WORD.findall(text.lower())
    out = ["w:" + x for x in w] + ["b:" + a + " " + b for a, b in zip(["<s>"] + w, w + ["</s>"])]
    s = " " + " ".join(w) + " "
    out += ["c:" + s[i:i + 4] for i in range(len(s) - 3)]
    return out


def counts(texts: list[str]) -> np.ndarray:
    """Hashed token counts, log-damped: (n, DIM) float32."""
    x = np.zeros((len(texts), DIM), dtype=np.float32)
    for r, t in enumerate(texts):
        for f in tokens(t):
            x[r, zlib.crc32(f.encode("utf-8")) % DIM] += 1.0
    return np.log1p(x)


def idf_of(c: np.ndarray) -> np.ndarray:
    df = (c > 0).sum(axis=0)
    return (np.log((1 + len(c)) / (1 + df)) + 1).astype(np.float32)


def tfidf(c: np.ndarray, idf: np.ndarray) -> np.ndarray:
    a = c * idf
    a /= np.linalg.norm(a, axis=1, keepdims=True) + 1e-9
    return a


@dataclass
class Ensemble:
    """The averaged pair, and the nearest training lines' vote beside it by `memory_weight` (0 without one);
    `thresholds` are the per-label cut-offs on the blend."""
    mlp: Head
    lex: Head
    idf: np.ndarray
    thresholds: np.ndarray
    memory: Memory | None = None
    memory_weight: float = 0.0

    @property
    def labels(self) -> tuple[str, ...]:
        return self.mlp.labels

    def proba(self, x: np.ndarray, c: np.ndarray) -> np.ndarray:
        """`x`: the head's features, the line's own embedding first; `c`: its hashed word counts."""
        p = (self.mlp.proba(x) + self.lex.proba(tfidf(c, self.idf))) / 2
        if self.memory is None or self.memory_weight <= 0:
            return p
        return (1 - self.memory_weight) * p + self.memory_weight * self.memory.proba(x)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_path(path)
        arrays = {f"mlp_{k}": v for k, v in self.mlp.arrays().items()}
        arrays.update({f"lex_{k}": v for k, v in self.lex.arrays().items()})
        if self.memory is not None:
            arrays.update({f"mem_{k}": v for k, v in self.memory.arrays().items()})
        np.savez(tmp, idf=self.idf, ensemble_thresholds=self.thresholds,
                 memory_weight=np.array(self.memory_weight), **arrays)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Ensemble:
        with np.load(path, allow_pickle=False) as z:
            parts = {p: {k[len(p) + 1:]: z[k] for k in z.files if k.startswith(p + "_")} for p in ("mlp", "lex", "mem")}
            memory = Memory.from_arrays(parts["mem"]) if parts["mem"] else None
            return cls(Head.from_arrays(parts["mlp"]), Head.from_arrays(parts["lex"]), z["idf"], z["ensemble_thresholds"],
                       memory, float(z["memory_weight"]) if "memory_weight" in z.files else 0.0)


@dataclass
class Target:
    """One label set to fit on shared inputs; with `memory_weight`, the training lines in `memory_rows` (all by
    default) vote too, by their first `memory_dim` features (the line's own embedding)."""
    y: np.ndarray
    labels: tuple[str, ...]
    memory_dim: int = 0
    memory_rows: np.ndarray | None = None
    memory_weight: float = 0.0

    def memory(self, x: np.ndarray, sel: np.ndarray) -> Memory | None:
        if self.memory_weight <= 0 or not self.memory_dim:
            return None
        rows = sel if self.memory_rows is None else sel & np.asarray(self.memory_rows, dtype=bool)
        return Memory.of(x[rows, :self.memory_dim], self.y[rows])


def _lex_heads(c: np.ndarray, targets: list[Target], sel: np.ndarray) -> tuple[list[Head], np.ndarray]:
    """The word heads of every target, fitted as one linear model on the rows in `sel`: its label columns are
    independent (own weights, own class weight, per-weight Adam), so one pass over the large TF-IDF matrix per
    epoch serves all targets instead of one pass each. Returns the heads and the IDF they were fitted with."""
    idf = idf_of(c[sel])
    y = np.hstack([t.y[sel] for t in targets])
    joint = train(tfidf(c[sel], idf), y, tuple(a for t in targets for a in t.labels), **LEX_PARAMS)
    heads, at = [], 0
    for t in targets:
        cols = slice(at, at + len(t.labels))
        at += len(t.labels)
        heads.append(Head(t.labels, joint.mean, joint.scale, None, None, joint.w2[:, cols].copy(),
                          joint.b2[cols].copy(), joint.thresholds[cols].copy()))
    return heads, idf


def fit_ensembles(x: np.ndarray, c: np.ndarray, targets: list[Target], folds: int = 4) -> list[Ensemble]:
    """One ensemble per target, all on the same rows: each MLP on its own labels, the word heads together. Every
    ensemble is trained on all rows; its thresholds come from out-of-fold blends on the same rows."""
    oof = [np.zeros_like(t.y, dtype=np.float32) for t in targets]
    idx = np.arange(len(x)) % folds
    for f in range(folds):
        tr, te = idx != f, idx == f
        lexes, idf = _lex_heads(c, targets, tr)
        for t, lex, out in zip(targets, lexes, oof):
            mlp = train(x[tr], t.y[tr], t.labels, **MLP_PARAMS)
            blend = Ensemble(mlp, lex, idf, np.zeros(len(t.labels)), t.memory(x, tr), t.memory_weight)
            out[te] = blend.proba(x[te], c[te])
    every = np.ones(len(x), dtype=bool)
    lexes, idf = _lex_heads(c, targets, every)
    return [Ensemble(train(x, t.y, t.labels, **MLP_PARAMS), lex, idf, tune_thresholds(out, t.y, GRID),
                     t.memory(x, every), t.memory_weight) for t, lex, out in zip(targets, lexes, oof)]


def fit_ensemble(x: np.ndarray, c: np.ndarray, y: np.ndarray, labels: tuple[str, ...], folds: int = 4,
                 memory_dim: int = 0, memory_rows: np.ndarray | None = None, memory_weight: float = 0.0) -> Ensemble:
    """One target's ensemble (see `fit_ensembles`)."""
    return fit_ensembles(x, c, [Target(y, labels, memory_dim, memory_rows, memory_weight)], folds)[0]


def embedder_id(embedder: Any) -> str:
    """What a cache key says about the vectors a model was trained on (the model file and its dimension)."""
    return str(getattr(embedder, "model_id", type(embedder).__name__))


def _prune(base: Path, kinds: tuple[str, ...]) -> None:
    """Remove the caches of earlier corpus versions (`<prefix>-<other key>.<kind>.npz`) once a new one is saved."""
    prefix = base.name.rsplit("-", 1)[0]
    for kind in kinds:
        for old in base.parent.glob(f"{prefix}-*.{kind}.npz"):
            if old.name != f"{base.name}.{kind}.npz":
                try:
                    old.unlink()
                except OSError:
                    pass


def load_or_fit(base: Path | None, kinds: tuple[str, ...], fit: Callable[[], tuple[Ensemble, ...]]) -> tuple[Ensemble, ...]:
    """The ensembles cached as `<base>.<kind>.npz`, or `fit()` and cache them (older versions are removed). A
    damaged cache is a miss; a failed save is logged and the fitted ensembles still serve this process."""
    paths = [base.with_name(f"{base.name}.{k}.npz") for k in kinds] if base is not None else []
    if paths and all(p.exists() for p in paths):
        try:
            return tuple(Ensemble.load(p) for p in paths)
        except (OSError, ValueError, KeyError) as exc:
            log.warning("cached model %s unreadable (%s); training again", base.name, exc)
    fitted = fit()
    try:
        for p, e in zip(paths, fitted):
            e.save(p)
        if base is not None:
            _prune(base, kinds)
    except OSError as exc:
        log.warning("model %s not cached: %s", base.name if base else "", exc)
    return fitted
