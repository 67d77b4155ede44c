"""Advisor suite: market accuracy, home accuracy, scale agreement, no-pack honesty."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _mean(items: list[dict], key: str) -> float:
    vals = [float(i[key]) for i in items if i.get(key) is not None]
    return round(sum(vals) / len(vals), 3) if vals else float("nan")


class AdvisorSuite:
    def run(self, args: dict, data_path: Path, ctx: Any, opts: Any) -> tuple[dict[str, float], list[dict]]:
        advisor = ctx.advisor
        cases = [json.loads(x) for x in data_path.read_text(encoding="utf-8").splitlines() if x.strip()]
        if opts.market:
            cases = [c for c in cases if c.get("expect_market") == opts.market]
        if args.get("limit"):
            cases = cases[: int(args["limit"])]
        items: list[dict[str, Any]] = []
        for i, case in enumerate(cases):
            adv = advisor.advise(case["text"], home=case.get("home"))
            got_scales = [m.scale for m in adv.mistakes]
            expected = case.get("expect_scales") or []
            honest = None
            if case.get("expect_pack") is False:
                honest = adv.pack_found is False and all(not m.sources for m in adv.mistakes) and bool(adv.warnings)
            items.append({
                "id": case["id"], "text": case["text"], "ok": adv.market == case.get("expect_market"),
                "market_ok": adv.market == case.get("expect_market"),
                "home_ok": (adv.home == case.get("expect_home")) if (case.get("expect_home") or case.get("home")) else None,
                "scale_agreement": (len(set(expected) & set(got_scales)) / len(expected)) if expected else None,
                "no_pack_honest": honest,
                "first_scale_ok": (got_scales[:1] == [case["expect_first_scale"]]) if case.get("expect_first_scale") else None,
                "expected": {"market": case.get("expect_market"), "home": case.get("expect_home"), "scales": expected},
                "got": {"market": adv.market, "home": adv.home, "scales": got_scales, "pack_found": adv.pack_found},
                "elapsed_ms": adv.elapsed_ms,
            })
            if opts.progress:
                opts.progress(i + 1, len(cases))
        metrics = {"n": float(len(items)), "market_accuracy": _mean(items, "market_ok"), "home_accuracy": _mean(items, "home_ok"),
                   "scale_agreement": _mean(items, "scale_agreement"), "no_pack_honesty": _mean(items, "no_pack_honest"),
                   "first_scale_accuracy": _mean(items, "first_scale_ok")}
        items.sort(key=lambda i: (i["market_ok"], i["scale_agreement"] or 0))  # failures first
        return metrics, items
