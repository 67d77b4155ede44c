"""Step 1 of a turn: read the trainee's line with the shared understanding layer (coach.understanding)."""
from __future__ import annotations

from typing import Any

from coach.understanding import Understander, Understanding

_RULES_ONLY = Understander(None)


def understand(text: str | None, scenario: Any, before: str | None = None,
               understander: Understander | None = None) -> Understanding:
    """Acts, topics and terms of one trainee line; the rule layer alone when no understander is given."""
    return (understander or _RULES_ONLY).read(text, scenario, before)


def in_negotiation(und: Understanding, st: Any) -> Understanding:
    """What the negotiation so far adds to the reading: with nothing offered yet, a price is a first offer, not a
    concession (a concession moves from an earlier offer). A give on another term (a longer warranty, net 60, a
    faster response) stays a concession: it moves from the standing terms, not from a price."""
    if "concession" in und.acts and st.trainee_price is None and und.price is not None:
        acts = list(dict.fromkeys("offer" if a == "concession" else a for a in und.acts))
        conf = dict(und.confidence)
        if "concession" in conf:
            conf["offer"] = max(conf.pop("concession"), conf.get("offer", 0.0))
        und.acts, und.confidence = acts, conf
    return und
