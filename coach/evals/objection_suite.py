"""Objection specificity: held-out objections (specific vs generic) -> accuracy and F1 of the specific class, with
the development figure (out-of-fold on the training file) and the cue rules alone beside it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np


def _f1(pred: list[bool], gold: list[bool]) -> float:
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    return round(2 * tp / max(1, 2 * tp + fp + fn), 3)


class ObjectionSuite:
    def run(self, args: dict, data_path: Path, ctx: Any, opts: Any) -> tuple[dict[str, float], list[dict]]:
        from coach.field.objections import by_cues, load_items
        from coach.understanding.head import train
        items = load_items(data_path)
        if opts.market:
            items = [i for i in items if i.get("market") == opts.market]
        sp = ctx.specificity
        rated = sp.rate([i["text"] for i in items])
        gold = [i["label"] == "specific" for i in items]
        pred = [s for s, _ in rated]
        rules = [s for s, _ in by_cues([i["text"] for i in items])]
        metrics = {"n": float(len(items)), "accuracy": round(float(np.mean([p == g for p, g in zip(pred, gold)])), 3),
                   "f1_specific": _f1(pred, gold),
                   "rules_accuracy": round(float(np.mean([p == g for p, g in zip(rules, gold)])), 3)}
        if args.get("dev", True):
            tr = load_items(sp.train_file)
            x = sp.features([i["text"] for i in tr])
            y = np.array([[1.0 if i["label"] == "specific" else 0.0] for i in tr])
            folds, oof = int(args.get("folds", 4)), np.zeros(len(tr))
            idx = np.arange(len(tr)) % folds
            for f in range(folds):
                head = train(x[idx != f], y[idx != f], ("specific",), epochs=300, lr=0.01, l2=1e-2,
                             thresholds=np.array([0.5]))
                oof[idx == f] = head.proba(x[idx == f])[:, 0]
            dev_pred, dev_gold = list(oof >= 0.5), [bool(v) for v in y[:, 0]]
            metrics["dev_accuracy"] = round(float(np.mean([p == g for p, g in zip(dev_pred, dev_gold)])), 3)
            metrics["dev_f1_specific"] = _f1(dev_pred, dev_gold)
        out = [{"id": i["id"], "text": i["text"], "ok": p == g, "expected": i["label"], "confidence": round(c, 3)}
               for i, (p, c), g in zip(items, rated, gold)]
        out.sort(key=lambda r: (r["ok"], -abs(r["confidence"] - 0.5)))
        return metrics, out
