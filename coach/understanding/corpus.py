"""The labelled corpus of seller utterances (evals/understanding/*.jsonl): loading, validation, splits.

Training files are `train*.jsonl`; `test.jsonl` is the held-out split, written first by a different hand
and never used to fit or tune anything.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coach.understanding.labels import ACTS, TOPICS

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "evals" / "understanding"


class CorpusError(ValueError):
    """A corpus line that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Item:
    id: str
    scenario: str | None
    before: str
    text: str
    acts: tuple[str, ...]
    topics: tuple[str, ...]
    voice: str = ""


def _records(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-empty line of a JSON Lines file; a bad line is named by file and line."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{n}: not JSON ({exc.msg})") from None


def load(path: Path) -> list[Item]:
    items = []
    for n, d in _records(path):
        bad = [a for a in d.get("acts", []) if a not in ACTS] + [t for t in d.get("topics", []) if t not in TOPICS]
        if bad or not isinstance(d.get("text"), str):
            raise CorpusError(f"{path}:{n}: unknown label(s) {bad} or no text")
        items.append(Item(id=str(d.get("id", f"{path.stem}-{n}")), scenario=d.get("scenario"), before=d.get("before") or "",
                          text=d["text"], acts=tuple(d.get("acts", [])), topics=tuple(d.get("topics", [])),
                          voice=d.get("voice", "")))
    return items


def load_labels(path: Path) -> dict[str, set[str]]:
    """A second annotator's acts per item id (`{"id", "acts", "topics"}` per line, no text)."""
    out: dict[str, set[str]] = {}
    for n, d in _records(path):
        bad = [a for a in d.get("acts", []) if a not in ACTS]
        if bad or "id" not in d:
            raise CorpusError(f"{path}:{n}: unknown act(s) {bad} or no id")
        out[str(d["id"])] = set(d["acts"])
    return out


def train_files(directory: Path = DEFAULT_DIR) -> list[Path]:
    return sorted(directory.glob("train*.jsonl"))


def load_train(directory: Path = DEFAULT_DIR) -> list[Item]:
    return [i for f in train_files(directory) for i in load(f)]


def fingerprint(files: list[Path], extra: str = "") -> str:
    h = hashlib.sha256(extra.encode())
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]
