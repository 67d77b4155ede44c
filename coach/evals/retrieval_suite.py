"""Retrieval suite: queries with known relevant cases -> recall@3 and MRR (market-filtered, as the advisor asks)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class RetrievalSuite:
    def run(self, args: dict, data_path: Path, ctx: Any, opts: Any) -> tuple[dict[str, float], list[dict]]:
        ctx.ensure_index()
        rows = [json.loads(x) for x in data_path.read_text(encoding="utf-8").splitlines() if x.strip()]
        if opts.market:
            rows = [r for r in rows if r["market"] == opts.market]
        k = int(args.get("k", 3))
        items = []
        for i, r in enumerate(rows):
            hits = [h.case_id for h in ctx.index.search(r["query"], k=10, market=r["market"])]
            relevant = set(r["relevant"])
            recall = len(relevant & set(hits[:k])) / len(relevant)
            rank = next((j + 1 for j, h in enumerate(hits) if h in relevant), None)
            items.append({"id": r["id"], "query": r["query"], "ok": recall > 0, "recall": recall,
                          "rr": 1.0 / rank if rank else 0.0, "relevant": sorted(relevant), "got": hits[:k]})
            if opts.progress:
                opts.progress(i + 1, len(rows))
        n = len(items) or 1
        metrics = {"n": float(len(items)), f"recall_at_{k}": round(sum(i["recall"] for i in items) / n, 3),
                   "mrr": round(sum(i["rr"] for i in items) / n, 3)}
        items.sort(key=lambda i: (i["recall"], i["rr"]))
        return metrics, items
