"""How specific an objection is. Specific, technical objections mean the seller reaches the people who decide;
generic ones ("too expensive", "not now") mean they do not. A logistic head on the MiniLM embeddings we ship,
trained on evals/objections/train.jsonl (test.jsonl is held out), plus cues a rule can see (figures, units, terms)."""
from __future__ import annotations

import hashlib
import json
import re
import threading
from pathlib import Path
from typing import Any, Callable

import numpy as np

from coach.understanding.head import Head, train

DATA = Path(__file__).resolve().parents[2] / "evals" / "objections"
_CUE = re.compile(
    r"\d|%|\b(ISO|IATF|PPAP|CE|FDA|GMP|SLA|API|SAP|ERP|GDPR|LC|L/C|NET ?\d+|incoterm|FOB|CIF|DDP|clause|tolerance|spec"
    r"|certif\w*|audit|warranty|penalt\w*|liabilit\w*|committee|board|ringi|tender|local content|payment terms?)\b",
    re.I)
FEATURES_VERSION = "o1"


def by_cues(texts: list[str]) -> list[tuple[bool, float]]:
    """The rule layer alone: a figure, unit or contract/approval term makes an objection specific."""
    return [(bool(_CUE.search(t)), 0.5) for t in texts]


def load_items(path: Path) -> list[dict[str, Any]]:
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}: line {n}: {exc.msg}") from None
            if item.get("label") not in ("specific", "generic") or not str(item.get("text", "")).strip():
                raise ValueError(f"{path}: line {n}: needs text and label specific|generic")
            items.append(item)
    return items


class Specificity:
    """Rates objections; thread-safe; trains once per training file (cached beside the model files)."""

    def __init__(self, embedder: Any | None, cache_dir: Path | None = None, train_file: Path = DATA / "train.jsonl"):
        self.embedder, self.cache_dir, self.train_file = embedder, cache_dir, train_file
        self._head: Head | None = None
        self._lock = threading.Lock()

    def features(self, texts: list[str]) -> np.ndarray:
        e = np.asarray(self.embedder.embed_array([t[:1000] for t in texts]), dtype=np.float32)
        cues = np.array([[min(3, len(_CUE.findall(t))) / 3, min(1.0, len(t.split()) / 30)] for t in texts], dtype=np.float32)
        return np.hstack([e, cues])

    def head(self) -> Head:
        with self._lock:
            if self._head is None:
                self._head = self._load_or_train()
            return self._head

    def _load_or_train(self) -> Head:
        raw = self.train_file.read_bytes()
        key = hashlib.sha256(raw + FEATURES_VERSION.encode()).hexdigest()[:16]
        cache = self.cache_dir / f"objections-{key}.npz" if self.cache_dir else None
        if cache is not None and cache.exists():
            return Head.load(cache)
        items = load_items(self.train_file)
        x = self.features([i["text"] for i in items])
        y = np.array([[1.0 if i["label"] == "specific" else 0.0] for i in items])
        head = train(x, y, ("specific",), hidden=0, epochs=300, lr=0.01, l2=1e-2, thresholds=np.array([0.5]))
        if cache is not None:
            head.save(cache)
        return head

    def rate(self, texts: list[str]) -> list[tuple[bool, float]]:
        """(specific?, probability) per text; without an embedder, the rule cues alone."""
        if not texts:
            return []
        if self.embedder is None or not self.train_file.exists():
            return by_cues(texts)
        uniq = sorted(set(texts))
        p = self.head().proba(self.features(uniq))[:, 0]
        by = {t: float(v) for t, v in zip(uniq, p)}
        return [(by[t] >= 0.5, by[t]) for t in texts]


def store_objections(store: Any, source: str, rows: list[tuple[str, str, Any, str]],
                     classify: Callable[[list[str]], list[tuple[bool, float]]] | None) -> int:
    """rows: (region, deal id, date, text). New (deal, text) pairs only; returns how many were added."""
    from sqlalchemy import select

    from coach.store import schema
    if not rows:
        return 0
    t = schema.FieldObjection.__table__
    keyed = {(r, d, hashlib.sha256(x.strip().encode()).hexdigest()): (r, d, when, x.strip()) for r, d, when, x in rows}
    with store.tx() as s:
        have = {(r, d, h) for r, d, h in s.execute(select(t.c.region, t.c.deal_id, t.c.text_hash).where(
            t.c.source == source, t.c.region.in_(sorted({k[0] for k in keyed}))))}
        todo = [(k, v) for k, v in keyed.items() if k not in have]
        rated = (classify or by_cues)([v[3] for _, v in todo])
        values = [{"source": source, "region": k[0], "deal_id": k[1], "text_hash": k[2], "logged": v[2], "text": v[3],
                   "specific": spec, "confidence": conf} for (k, v), (spec, conf) in zip(todo, rated)]
        for i in range(0, len(values), 2000):
            s.execute(t.insert(), values[i:i + 2000])
    return len(values)


def import_log(store: Any, path: Path, mapping: Any, region: str | None, encoding: str | None,
               classify: Callable[[list[str]], list[tuple[bool, float]]] | None, user_id: int | None) -> Any:
    """An objection log (deal id, region, date, text) against deals already imported from any CRM."""
    from sqlalchemy import select

    from coach.field import parse
    from coach.field.importer import ImportReport
    from coach.store import schema
    header, rows, _ = parse.read_rows(path, encoding)
    idx = {h.strip().lower(): i for i, h in enumerate(header)}
    col = {f: idx.get(name.lower()) for f, name in mapping.columns.items()}
    for f in mapping.required:
        if col.get(f) is None:
            raise parse.FileError(f"{path.name}: no column '{mapping.columns[f]}' ({f}); the file has: {', '.join(header)}")
    report = ImportReport(source="objections", file=path.name)
    deals = schema.FieldDeal.__table__
    with store.tx() as s:
        known: dict[tuple[str, str], list[str]] = {}
        for src, reg, did in s.execute(select(deals.c.source, deals.c.region, deals.c.deal_id)):
            known.setdefault((reg, did), []).append(src)
    by_source: dict[str, list[tuple[str, str, Any, str]]] = {}
    for line, cells in rows:
        get = lambda f: cells[col[f]].strip() if col.get(f) is not None and col[f] < len(cells) else ""  # noqa: E731
        did, reg, text = get("deal_id"), get("region") or region, get("objection")
        if not text:
            report.rejected.append({"line": line, "reason": "no objection text"})
            continue
        sources = known.get((reg or "", did))
        if not sources:
            report.rejected.append({"line": line, "reason": f"no imported deal {did!r} in region {reg!r} (import the "
                                    "CRM export first, or pass --region)"})
            continue
        when = None
        if get("created"):
            try:
                when = parse.parse_date(get("created"), mapping.date_formats)
            except ValueError as exc:
                report.rejected.append({"line": line, "reason": f"'{mapping.columns['created']}': {exc}"})
                continue
        by_source.setdefault(sources[0], []).append((reg, did, when, text))
    total = sum(len(v) for v in by_source.values())
    added = sum(store_objections(store, src, rows_, classify) for src, rows_ in by_source.items())
    report.imported, report.unchanged = added, total - added
    return report
