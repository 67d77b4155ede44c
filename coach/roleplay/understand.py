"""Step 1 of a turn: read the trainee's line with the shared understanding layer (coach.understanding)."""
from __future__ import annotations

from typing import Any

from coach.understanding import Understander, Understanding

_RULES_ONLY = Understander(None)


def understand(text: str | None, scenario: Any, before: str | None = None,
               understander: Understander | None = None) -> Understanding:
    """Acts, topics and terms of one trainee line; the rule layer alone when no understander is given."""
    return (understander or _RULES_ONLY).read(text, scenario, before)
