"""Advisor suite: market accuracy, home accuracy, scale agreement, no-pack honesty."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class AdvisorSuite:
    def run(self, spec: Any, data_path: Path, ctx: Any) -> Any:
        from coach.evals import EvalResult
        advisor = ctx.advisor
        items: list[dict[str, Any]] = []
        for line in data_path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            adv = advisor.advise(case["text"], home=case.get("home"))
            got_scales = [m.scale for m in adv.mistakes]
            expected = case.get("expect_scales") or []
            agree = (len(set(expected) & set(got_scales)) / len(expected)) if expected else None
            honest = None
            if case.get("expect_pack") is False:
                honest = (adv.pack_found is False and all(not m.sources for m in adv.mistakes)
                          and bool(adv.warnings))
            items.append({
                "id": case["id"], "text": case["text"],
                "market_ok": adv.market == case.get("expect_market"),
                "home_ok": (adv.home == case.get("expect_home")) if case.get("expect_home") or case.get("home") else None,
                "scale_agreement": agree, "no_pack_honest": honest,
                "expected": {"market": case.get("expect_market"), "home": case.get("expect_home"), "scales": expected},
                "got": {"market": adv.market, "home": adv.home, "scales": got_scales, "pack_found": adv.pack_found},
                "elapsed_ms": adv.elapsed_ms,
            })
        def mean(key: str) -> float:
            vals = [float(i[key]) for i in items if i[key] is not None]
            return round(sum(vals) / len(vals), 3) if vals else float("nan")
        metrics = {"n": float(len(items)), "market_accuracy": mean("market_ok"), "home_accuracy": mean("home_ok"),
                   "scale_agreement": mean("scale_agreement"), "no_pack_honesty": mean("no_pack_honest")}
        items.sort(key=lambda i: (i["market_ok"], i["scale_agreement"] or 0))  # failures first
        return EvalResult(spec=spec, metrics=metrics, items=items)
