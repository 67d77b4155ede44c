"""The sentences of a seller's or buyer's line, for telling one part of it from another.

Splits after . ! ? and the Arabic question mark, after a full-width stop without a space, and at line breaks; never
after an abbreviation ("approx. 6.10", "Dr. Kim") or a single letter, nor before a lower-case continuation. Not the
head's features (see `coach.understanding.reader.sentences`).
"""
from __future__ import annotations

import re

_PARTS = re.compile(r"(?<=[.!?\u061f])\s+|(?<=[。？！])|\n+")
_ABBREVIATION = re.compile(r"(?:\b(?:approx|appr|ca|cca|est|incl|excl|e\.g|i\.e|mr|mrs|ms|dr|prof|eng|st|vs|no|nr|nos)"
                           r"|(?<![\w.])[a-z])\.$", re.I)


def split_sentences(clean: str) -> list[str]:
    """The sentences of a line, for telling the parts of a line apart (not the head's features: see sentences)."""
    out: list[str] = []
    for part in (p.strip() for p in _PARTS.split(clean)):
        if not part:
            continue
        if out and (_ABBREVIATION.search(out[-1]) or part[0].islower()):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out
