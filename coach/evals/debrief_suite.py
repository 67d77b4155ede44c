"""Debrief calibration: skilled vs poor transcripts for the same scenario -> pairwise accuracy and margin;
single-mistake transcripts -> does the labelled dimension lose most; judge variance over k runs (when a
provider model is configured as judge)."""
from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

import yaml

from coach.debrief import DIMENSIONS, DebriefService


class DebriefSuite:
    def run(self, args: dict, data_path: Path, ctx: Any, opts: Any) -> tuple[dict[str, float], list[dict]]:
        data = yaml.safe_load(data_path.read_text(encoding="utf-8"))
        rp = ctx.roleplay("bank")
        ctx.ensure_index()
        svc = DebriefService(ctx.packs, ctx.store, index=ctx.index, understander=ctx.understander, manner=ctx.manner,
                             moves=ctx.moves, gateway=ctx.gateway)
        pairs = [p for p in data["pairs"] if not opts.market or ctx.packs.scenarios[p["scenario"]].market == opts.market]
        singles = [s for s in data["single_mistake"] if not opts.market or ctx.packs.scenarios[s["scenario"]].market == opts.market]
        items: list[dict[str, Any]] = []
        margins = []
        judge = bool(args.get("judge")) and ctx.settings.provider_judge() is not None
        k = int(args.get("k", 3))
        variances: list[float] = []
        total = len(pairs) + len(singles)
        for i, p in enumerate(pairs):
            good = svc.for_session(rp.play_script(p["scenario"], p["skilled"], p.get("home", "US"), seed=f"{p['id']}-skilled"), judge=judge, k=k)
            bad = svc.for_session(rp.play_script(p["scenario"], p["poor"], p.get("home", "US"), seed=f"{p['id']}-poor"), judge=judge, k=k)
            margin = good.overall - bad.overall
            margins.append(margin)
            if judge and good.judge and good.judge.variance:
                variances.append(statistics.fmean(good.judge.variance.values()))
            items.append({"id": p["id"], "ok": margin > 0, "skilled": good.overall, "poor": bad.overall, "margin": margin})
            if opts.progress:
                opts.progress(i + 1, total)
        sane = 0
        for j, s in enumerate(singles):
            d = svc.for_session(rp.play_script(s["scenario"], s["lines"], s.get("home", "US"), seed=s.get("id")))
            hurt = {n: sum(e.effect for e in getattr(d.dimensions, n).evidence if e.effect < 0) for n in DIMENSIONS if n != "outcome"}
            ok = hurt[s["dimension"]] < 0 and hurt[s["dimension"]] == min(hurt.values())
            sane += ok
            items.append({"id": s["id"], "ok": ok, "dimension": s["dimension"], "hurt": hurt})
            if opts.progress:
                opts.progress(len(pairs) + j + 1, total)
        metrics = {"pairs": float(len(pairs)),
                   "pairwise_accuracy": round(sum(m > 0 for m in margins) / max(1, len(margins)), 3),
                   "mean_margin": round(statistics.fmean(margins), 1) if margins else float("nan"),
                   "min_margin": float(min(margins)) if margins else float("nan"),
                   "dimension_sanity": round(sane / max(1, len(singles)), 3)}
        if judge:
            metrics["judge_variance"] = round(statistics.fmean(variances), 3) if variances else float("nan")
        items.sort(key=lambda i: i["ok"])
        return metrics, items
