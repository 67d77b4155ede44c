"""A third reader: the training lines nearest in meaning vote with their own labels.

The MLP and the word model each learn one boundary per label; a question asked in words no hand used together
("Do your branches sell another brand today?") can fall on the wrong side of both while its nearest training
questions all ask about competitors. The k nearest training lines (cosine on the MiniLM sentence embeddings) vote,
each by its similarity to the fourth power, so a near paraphrase outweighs several loose neighbours. Kept in the
cached model file as float16 unit vectors (a few MB), never committed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

K = 10
POWER = 4


def unit(e: np.ndarray) -> np.ndarray:
    e = np.asarray(e, dtype=np.float32)
    return e / (np.linalg.norm(e, axis=1, keepdims=True) + 1e-9)


@dataclass
class Memory:
    """Unit sentence vectors of training lines (n, d) and their 0/1 labels (n, L). Stored as float16; compared in
    float32, converted once here rather than on every reading."""
    vectors: np.ndarray
    labels: np.ndarray
    _matrix: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._matrix = np.asarray(self.vectors, dtype=np.float32).T

    @classmethod
    def of(cls, e: np.ndarray, y: np.ndarray) -> Memory:
        return cls(unit(e).astype(np.float16), (np.asarray(y) > 0).astype(np.uint8))

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def proba(self, e: np.ndarray) -> np.ndarray:
        """Per query row, the similarity-weighted share of its K nearest lines that carry each label."""
        q = unit(np.atleast_2d(e)[:, :self.dim])
        n_labels = self.labels.shape[1]
        if len(self.vectors) == 0:
            return np.zeros((len(q), n_labels), dtype=np.float32)
        s = q @ self._matrix
        k = min(K, s.shape[1])
        top = np.argpartition(-s, k - 1, axis=1)[:, :k]
        w = np.maximum(np.take_along_axis(s, top, 1), 0.0) ** POWER
        votes = (w[..., None] * self.labels[top].astype(np.float32)).sum(axis=1)
        return (votes / (w.sum(axis=1, keepdims=True) + 1e-9)).astype(np.float32)

    def arrays(self) -> dict[str, np.ndarray]:
        return {"vectors": self.vectors, "labels": self.labels}

    @classmethod
    def from_arrays(cls, z: dict[str, np.ndarray]) -> Memory:
        return cls(z["vectors"], z["labels"])
