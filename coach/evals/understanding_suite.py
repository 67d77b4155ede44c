"""Understanding suite: acts and question topics on the held-out test split, beside development figures.

Test: the head trained on every `train*.jsonl` reads `test.jsonl` (written first, by another hand, never
used to fit or tune). Development: leave-one-hand-out over the training files (each `train_*.jsonl` was written
by its own hand: the head trained on the others reads it), so development measures reading a new writer, as the
test does. Where a second annotator labelled part of the test split blind (`test_second_annotator.jsonl`), the
agreement of the two humans is reported beside the model's figure on the same lines: the ceiling of the split.
Items are the worst-read test lines.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from coach.understanding import corpus
from coach.understanding.labels import ACTS, CONFUSABLE, TOPICS
from coach.understanding.ensemble import Target, fit_ensembles


def f1_table(gold: list[set[str]], pred: list[set[str]], labels: tuple[str, ...]) -> dict[str, float]:
    out = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if lab in g and lab in p)
        fp = sum(1 for g, p in zip(gold, pred) if lab not in g and lab in p)
        fn = sum(1 for g, p in zip(gold, pred) if lab in g and lab not in p)
        if tp + fp + fn:
            out[lab] = round(2 * tp / (2 * tp + fp + fn), 3)
    return out


def macro(f1: dict[str, float]) -> float:
    """The mean of per-label F1s, rounded; NaN when no label occurred."""
    return round(float(np.mean(list(f1.values()))), 3) if f1 else float("nan")


def _summary(prefix: str, gold_a, pred_a, gold_t, pred_t) -> dict[str, float]:
    fa = f1_table(gold_a, pred_a, ACTS)
    ft = f1_table(gold_t, pred_t, TOPICS)
    m = {f"{prefix}macro_f1": macro(fa), f"{prefix}topic_macro_f1": macro(ft)}
    pair_acts = sorted({a for p in CONFUSABLE for a in p})
    m[f"{prefix}confusable_min_f1"] = min([fa.get(a, 0.0) for a in pair_acts] + [m[f"{prefix}topic_macro_f1"]])
    for a, v in fa.items():
        m[f"{prefix}f1_{a}"] = v
    return m


class UnderstandingSuite:
    def run(self, args: dict, data_path: Path, ctx: Any, opts: Any) -> tuple[dict[str, float], list[dict]]:
        reader = ctx.understander
        test = corpus.load(data_path)
        if args.get("limit"):
            test = test[: int(args["limit"])]
        scen = ctx.packs.scenarios
        if reader.embedder is not None:
            reader.heads()  # trained or loaded before the timed reading: ms_per_utterance is the warm figure
        readings = reader.read_many([(i.text, scen.get(i.scenario or ""), i.before) for i in test])
        q_only = [("question" in i.acts) for i in test]
        gold_a = [set(i.acts) for i in test]
        pred_a = [set(u.acts) for u in readings]
        gold_t = [set(i.topics) if q else set() for i, q in zip(test, q_only)]
        pred_t = [set(u.topics) if q else set() for u, q in zip(readings, q_only)]
        metrics = _summary("", gold_a, pred_a, gold_t, pred_t)
        metrics["n"] = float(len(test))
        metrics["ms_per_utterance"] = round(float(np.mean([u.elapsed_ms for u in readings])), 2) if readings else 0.0
        metrics.update(second_annotator(data_path, test, pred_a))
        if args.get("dev", True):
            metrics.update(self._dev(reader, inner_folds=int(args.get("folds", 2))))
        items = []
        for i, u in zip(test, readings):
            missed = sorted(set(i.acts) - set(u.acts))
            extra = sorted(set(u.acts) - set(i.acts))
            items.append({"id": i.id, "text": i.text, "before": i.before, "ok": not missed and not extra,
                          "expected": {"acts": list(i.acts), "topics": list(i.topics)},
                          "got": {"acts": u.acts, "topics": u.topics}, "missed": missed, "extra": extra,
                          "errors": len(missed) + len(extra)})
            if opts.progress:
                opts.progress(len(items), len(test))
        items.sort(key=lambda x: -x["errors"])
        return metrics, items

    def _dev(self, reader: Any, inner_folds: int) -> dict[str, float]:
        """Leave-one-hand-out figures on the training files: what tuning sees, on a writer it was not fitted to."""
        hands = [(f.stem, corpus.load(f)) for f in corpus.train_files(reader.corpus_dir)]
        items = [i for _, its in hands for i in its]
        hand = np.array([k for k, (_, its) in enumerate(hands) for _ in its])
        x = reader.features([i.text for i in items], [i.before for i in items], [None] * len(items))
        c = reader.lexical([i.text for i in items])
        asked = np.array(["question" in i.acts for i in items])
        ya = np.array([[1.0 if lab in i.acts else 0.0 for lab in ACTS] for i in items])
        yt = np.array([[1.0 if lab in i.topics else 0.0 for lab in TOPICS] for i in items])
        out_a, out_t = np.zeros_like(ya, dtype=bool), np.zeros_like(yt, dtype=bool)
        for k in range(len(hands)):
            tr, te = hand != k, hand == k
            # as the reader fits them (both heads together), tuned on the other hands only
            acts, topics = fit_ensembles(x[tr], c[tr], [Target(ya[tr], ACTS), reader.topic_target(yt[tr], asked[tr])],
                                         folds=inner_folds)
            out_a[te] = acts.proba(x[te], c[te]) >= acts.thresholds
            out_t[te] = topics.proba(x[te], c[te]) >= topics.thresholds
        preds = {key: [{lab for lab, v in zip(labels, row) if v} for row in out]
                 for key, labels, out in (("acts", ACTS, out_a), ("topics", TOPICS, out_t))}
        gold_a = [set(i.acts) for i in items]
        q = ["question" in i.acts for i in items]
        gold_t = [set(i.topics) if qq else set() for i, qq in zip(items, q)]
        pred_t = [p if qq else set() for p, qq in zip(preds["topics"], q)]
        m = _summary("dev_", gold_a, preds["acts"], gold_t, pred_t)
        m["dev_n"] = float(len(items))
        m["dev_hands"] = float(len(hands))
        for k, (name, _) in enumerate(hands):
            sel = hand == k
            fa = f1_table([g for g, s_ in zip(gold_a, sel) if s_], [p for p, s_ in zip(preds["acts"], sel) if s_], ACTS)
            m[f"dev_macro_f1_{name}"] = macro(fa)
        return m


def second_annotator(data_path: Path, test: list[Any], pred: list[set[str]]) -> dict[str, float]:
    """Human ceiling: a second, blind annotator's acts against the gold, beside the model on the same lines."""
    path = data_path.with_name("test_second_annotator.jsonl")
    if not path.exists():
        return {}
    other = corpus.load_labels(path)
    rows = [(set(t.acts), other[t.id], p) for t, p in zip(test, pred) if t.id in other]
    if not rows:
        return {}
    human = f1_table([g for g, _, _ in rows], [h for _, h, _ in rows], ACTS)
    model = f1_table([g for g, _, _ in rows], [p for _, _, p in rows], ACTS)
    return {"human_n": float(len(rows)), "human_macro_f1": macro(human), "model_macro_f1_same_lines": macro(model)}
