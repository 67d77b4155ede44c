"""Small helpers for benchmark tables: percentiles, peak RSS, printing."""
from __future__ import annotations

import resource
import statistics
import sys
from collections.abc import Sequence


def pct(values: Sequence[float], p: float) -> float:
    vals = sorted(values)
    if not vals:
        return float("nan")
    k = (len(vals) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(vals) - 1)
    return vals[lo] + (vals[hi] - vals[lo]) * (k - lo)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def summary(values: Sequence[float]) -> dict[str, float]:
    return {"n": len(values), "p50": pct(values, 50), "p95": pct(values, 95), "mean": statistics.fmean(values) if values else float("nan")}


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[str(h) for h in header]] + [[f"{c:.3f}" if isinstance(c, float) else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    out = sys.stdout
    out.write(f"\n## {title}\n\n")
    out.write("| " + " | ".join(h.ljust(w) for h, w in zip(cells[0], widths)) + " |\n")
    out.write("|" + "|".join("-" * (w + 2) for w in widths) + "|\n")
    for r in cells[1:]:
        out.write("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |\n")
    out.flush()
