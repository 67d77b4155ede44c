"""The persona lines' sentence vectors, kept on disk beside the model so a process does not embed them again.

The answer matcher embeds every persona's answers, asked questions, personal talk and move lines (about 16,000 lines,
~48 s on two cores). Each app, CLI or eval process used to pay that at start. The vectors are a pure function of the
text and the embedder, so they are kept per embedder in the model directory (`line-vectors-<embedder>.npz`: the
texts as one UTF-8 JSON list and their float32 vectors, exactly as computed). An edited line is simply a text not in
the file: embedded and added. A warm-up writes only the lines it used, so the file does not grow with old edits. A file that cannot be read
is embedded again (logged), never an error.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)


def cache_path(cache_dir: Path, embedder: Any) -> Path:
    """The file for one embedder (its model id, hashed: any characters are safe in a file name)."""
    from coach.understanding.ensemble import embedder_id
    key = hashlib.sha256(embedder_id(embedder).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"line-vectors-{key}.npz"


def load(path: Path) -> dict[str, np.ndarray]:
    """The vectors saved at `path`: {} when there is no file or it cannot be read."""
    if not path.is_file():
        return {}
    try:
        with np.load(path, allow_pickle=False) as z:
            texts, vectors = json.loads(z["texts"].tobytes().decode("utf-8")), z["vectors"]
        if len(texts) != len(vectors):
            raise ValueError(f"{len(texts)} texts but {len(vectors)} vectors")
        return {str(t): np.asarray(v, dtype=np.float32) for t, v in zip(texts, vectors)}
    except Exception as exc:  # noqa: BLE001 - a damaged cache is embedded again, never fatal
        log.warning("line vectors %s unreadable (%s); embedding the lines again", path.name, exc)
        return {}


def save(path: Path, vectors: dict[str, np.ndarray]) -> None:
    """Write `vectors` atomically (another process reading the file sees the old or the new one, whole)."""
    if not vectors:
        return
    texts = list(vectors)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp.npz", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, texts=np.frombuffer(json.dumps(texts, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
                     vectors=np.stack([vectors[t] for t in texts]))
        os.chmod(tmp, 0o644)  # like the model files beside it (mkstemp makes it private)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only model dir: the lines are embedded again next time
        log.warning("line vectors not saved to %s: %s", path, exc)
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
