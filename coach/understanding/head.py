"""A small multi-label classifier head on frozen sentence embeddings, in numpy (no torch, no sklearn).

One hidden layer (or none: logistic regression), sigmoid outputs, class-weighted binary cross-entropy,
Adam, L2. Trained in seconds on CPU; saved as a small .npz in the data directory, never committed.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np


def temp_path(path: Path) -> Path:
    """A temporary name beside `path`, unique per process and thread (two trainers never share one)."""
    return path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp.npz")


def save_array(path: Path, x: np.ndarray) -> None:
    """`x` saved as `path` (.npy) through a temporary name, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.npy")
    np.save(tmp, x)
    tmp.replace(path)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@dataclass
class Head:
    labels: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    w1: np.ndarray | None
    b1: np.ndarray | None
    w2: np.ndarray
    b2: np.ndarray
    thresholds: np.ndarray

    def proba(self, x: np.ndarray) -> np.ndarray:
        h = (np.atleast_2d(x) - self.mean) / self.scale
        if self.w1 is not None:
            h = np.maximum(0.0, h @ self.w1 + self.b1)
        return _sigmoid(h @ self.w2 + self.b2)

    def arrays(self) -> dict[str, np.ndarray]:
        extra = {} if self.w1 is None else {"w1": self.w1, "b1": self.b1}
        return {"labels": np.array(self.labels), "mean": self.mean, "scale": self.scale, "w2": self.w2,
                "b2": self.b2, "thresholds": self.thresholds, **extra}

    @classmethod
    def from_arrays(cls, z: dict[str, np.ndarray]) -> Head:
        return cls(labels=tuple(str(x) for x in z["labels"]), mean=z["mean"], scale=z["scale"],
                   w1=z.get("w1"), b1=z.get("b1"), w2=z["w2"], b2=z["b2"], thresholds=z["thresholds"])

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_path(path)
        np.savez(tmp, **self.arrays())
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Head:
        with np.load(path, allow_pickle=False) as z:
            return cls.from_arrays({k: z[k] for k in z.files})


def train(x: np.ndarray, y: np.ndarray, labels: tuple[str, ...], hidden: int = 0, epochs: int = 400,
          lr: float = 0.01, l2: float = 1e-3, seed: int = 0, thresholds: np.ndarray | None = None,
          standardise: bool = True) -> Head:
    """Fit the head on features x (n, d) and 0/1 targets y (n, k); `standardise=False` for features already on
    one scale (TF-IDF rows)."""
    rng = np.random.default_rng(seed)
    mean = x.mean(axis=0) if standardise else np.zeros(x.shape[1], dtype=np.float32)
    scale = x.std(axis=0) + 1e-6 if standardise else np.ones(x.shape[1], dtype=np.float32)
    # float32 throughout: twice as fast on CPU, same fit; no copies of an already-scaled (large, TF-IDF) input
    xs = ((x - mean) / scale).astype(np.float32) if standardise else np.asarray(x, dtype=np.float32)
    y = y.astype(np.float32)
    n, d = xs.shape
    k = y.shape[1]
    pos = y.sum(axis=0)
    # class weights: positives count more for rare acts (capped), so recall is not sacrificed
    w_pos = (np.clip((n - pos) / np.maximum(pos, 1), 1.0, 8.0) ** 0.5).astype(np.float32)
    params: list[np.ndarray] = []
    if hidden:
        params += [rng.normal(0, np.sqrt(2.0 / d), (d, hidden)), np.zeros(hidden)]
        params += [rng.normal(0, np.sqrt(1.0 / hidden), (hidden, k)), np.zeros(k)]
    else:
        params += [np.zeros((d, k)), np.zeros(k)]
    params = [p.astype(np.float32) for p in params]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    b1_, b2_ = 0.9, 0.999
    for t in range(1, epochs + 1):
        if hidden:
            w1, b1, w2, b2 = params
            a1 = xs @ w1 + b1
            h = np.maximum(0.0, a1)
        else:
            w2, b2 = params
            h = xs
        p = _sigmoid(h @ w2 + b2)
        weight = np.where(y > 0, w_pos, 1.0)
        g_out = weight * (p - y) / n
        grads = []
        gw2 = h.T @ g_out + l2 * w2
        gb2 = g_out.sum(axis=0)
        if hidden:
            g_h = (g_out @ w2.T) * (a1 > 0)
            grads = [xs.T @ g_h + l2 * w1, g_h.sum(axis=0), gw2, gb2]
        else:
            grads = [gw2, gb2]
        for i, (pp, g) in enumerate(zip(params, grads)):
            m[i] = b1_ * m[i] + (1 - b1_) * g
            v[i] = b2_ * v[i] + (1 - b2_) * g * g
            mh = m[i] / (1 - b1_ ** t)
            vh = v[i] / (1 - b2_ ** t)
            pp -= lr * mh / (np.sqrt(vh) + 1e-8)
    th = thresholds if thresholds is not None else np.full(k, 0.5)
    if hidden:
        return Head(labels, mean, scale, params[0], params[1], params[2], params[3], th)
    return Head(labels, mean, scale, None, None, params[0], params[1], th)


def tune_thresholds(proba: np.ndarray, y: np.ndarray, grid: tuple[float, ...] = (0.3, 0.4, 0.5, 0.6, 0.7)) -> np.ndarray:
    """Per label, the threshold that maximises F1 on out-of-fold probabilities (development data only); among
    equal F1s the one nearest 0.5."""
    out = np.full(y.shape[1], 0.5)
    for j in range(y.shape[1]):
        best, best_f1 = 0.5, -1.0
        for t in sorted(grid, key=lambda g: abs(g - 0.5)):
            pred = proba[:, j] >= t
            tp = float((pred & (y[:, j] > 0)).sum())
            f1 = 2 * tp / max(1.0, pred.sum() + y[:, j].sum())
            if f1 > best_f1 + 1e-9:
                best, best_f1 = t, f1
        out[j] = best
    return out
