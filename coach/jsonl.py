"""Reading the JSONL files users and helpers write (eval items, transcript pairs, labelled lines)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def numbered_items(path: Path) -> list[tuple[int, Any]]:
    """(line number, parsed object) for each non-blank line of a JSONL file; a bad line is named."""
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                items.append((n, json.loads(line)))
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}: line {n}: not JSON ({e.msg})") from e
    return items
