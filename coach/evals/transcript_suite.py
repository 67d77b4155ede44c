"""Debrief on imported skilled/poor transcript pairs (both sides written out, often the same buyer lines).

Written outside the team, independently of the detectors: does `coach debrief --transcript` put the
skilled seller first, by the required margin, and on the dimensions the author expected?
"""
from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from coach.debrief import DebriefService
from coach.debrief.models import DIMENSIONS
from coach.evals.responsiveness_suite import numbered_items

_NEEDS = ("id", "scenario", "skilled", "poor")


def load_pairs(path: Path) -> list[dict[str, Any]]:
    """The pairs, one JSON object per line; a bad line is named with what is wrong in it."""
    pairs = []
    for n, p in numbered_items(path):
        if not isinstance(p, dict):
            raise ValueError(f"{path}: line {n}: not a JSON object (a pair needs {', '.join(_NEEDS)})")
        missing = [k for k in _NEEDS if k not in p]
        unknown = [d for d in p.get("expect_dimensions", []) if d not in DIMENSIONS]
        if missing or unknown:
            what = f"missing {', '.join(missing)}" if missing else (
                f"expect_dimensions: unknown {', '.join(map(repr, unknown))} (known: {', '.join(DIMENSIONS)})")
            raise ValueError(f"{path}: line {n} ({p.get('id', 'no id')}): {what}")
        pairs.append(p)
    return pairs


class TranscriptPairSuite:
    def run(self, args: dict, data_path: Path, ctx: Any, opts: Any) -> tuple[dict[str, float], list[dict]]:
        ctx.ensure_index()
        # a development split is left out of the learned reading's head, so its figures are read unseen
        svc = DebriefService(ctx.packs, ctx.store, index=ctx.index, understander=ctx.understander,
                             manner=ctx.manner.excluding(data_path.stem), moves=ctx.moves.excluding(data_path.stem))
        pairs = [p for p in load_pairs(data_path)
                 if not opts.market or ctx.packs.scenarios[p["scenario"]].market == opts.market]
        if args.get("limit"):
            pairs = pairs[: int(args["limit"])]
        need = float(args.get("margin", 10))
        items: list[dict[str, Any]] = []
        margins: list[int] = []
        dim_hits = dim_total = 0
        for i, p in enumerate(pairs):
            good = svc.for_transcript({"scenario": p["scenario"], "home": p.get("home"), "turns": p["skilled"]})
            bad = svc.for_transcript({"scenario": p["scenario"], "home": p.get("home"), "turns": p["poor"]})
            margin = good.overall - bad.overall
            margins.append(margin)
            dims = {}
            for d in p.get("expect_dimensions", []):
                gs, bs = getattr(good.dimensions, d).score, getattr(bad.dimensions, d).score
                dims[d] = gs - bs
                dim_total += 1
                dim_hits += gs > bs
            items.append({"id": p["id"], "scenario": p["scenario"], "style": p.get("style", ""), "ok": margin >= need,
                          "skilled": good.overall, "poor": bad.overall, "margin": margin, "expected_dimensions": dims,
                          "skilled_dims": {d: getattr(good.dimensions, d).score for d in dims},
                          "poor_dims": {d: getattr(bad.dimensions, d).score for d in dims}})
            if opts.progress:
                opts.progress(i + 1, len(pairs))
        metrics = {"pairs": float(len(pairs)),
                   "pairwise_accuracy": round(sum(m > 0 for m in margins) / max(1, len(margins)), 3),
                   "share_with_margin": round(sum(m >= need for m in margins) / max(1, len(margins)), 3),
                   "mean_margin": round(statistics.fmean(margins), 1) if margins else float("nan"),
                   "min_margin": float(min(margins)) if margins else float("nan"),
                   "dimension_agreement": round(dim_hits / max(1, dim_total), 3)}
        items.sort(key=lambda x: x["margin"])
        return metrics, items
