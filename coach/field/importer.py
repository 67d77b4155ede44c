"""CRM export -> deals in the shared funnel's terms. Every refused row is reported with its line and reason;
importing the same file again changes nothing (rows are keyed by source, region and the CRM's deal id)."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import select, update

from coach.field import parse
from coach.field.config import Funnel, Mapping, load_funnel, load_mapping
from coach.store import schema

MAX_IMPORT_MB = float(os.environ.get("COACH_MAX_IMPORT_MB", "40"))
DATE_FIELDS = ("created", "first_offer", "first_response", "forecast_close", "closed")
CHUNK = 2000
LIMITS = {"deal_id": 80, "name": 250, "account": 250, "rep": 120, "team": 120, "objection": 4000}


@dataclass
class ImportReport:
    source: str
    file: str
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def market_lookup(registry: Any | None) -> dict[str, str]:
    """Names a CRM may write for a market ('Japan', 'JP', 'Japon') -> its code."""
    names: dict[str, str] = {}
    if registry is not None:
        for group in (registry.markets, registry.homes):
            for code, m in group.items():
                names[code.lower()] = code
                names[m.name.lower()] = code
                for n in m.aliases.names:
                    names[n.lower()] = code
    return names


class _Rows:
    """Parses one row into canonical values, or raises ValueError with the reason."""

    def __init__(self, mapping: Mapping, funnel: Funnel, header: list[str], region: str | None, markets: dict[str, str],
                 continental: bool):
        self.m, self.f, self.region, self.markets, self.continental = mapping, funnel, region, markets, continental
        index = {h.strip().lower(): i for i, h in enumerate(header)}
        self.col: dict[str, int] = {}
        self.missing: list[str] = []
        for fld, name in mapping.columns.items():
            if name.strip().lower() in index:
                self.col[fld] = index[name.strip().lower()]
            else:
                self.missing.append(fld)

    def get(self, cells: list[str], fld: str) -> str:
        i = self.col.get(fld)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    def parse(self, cells: list[str]) -> dict[str, Any]:
        m, get = self.m, self.get
        row: dict[str, Any] = {"deal_id": get(cells, "deal_id")}
        if not row["deal_id"]:
            raise ValueError(f"no deal id in '{m.columns['deal_id']}'")
        for f in ("name", "account", "rep", "team", "objection"):
            row[f] = get(cells, f) or None
        for f, limit in LIMITS.items():
            v = row[f]
            if v and len(v) > limit:
                raise ValueError(f"'{m.columns.get(f, f)}' is {len(v)} characters; the limit is {limit}")
            if v and "\x00" in v:
                raise ValueError(f"'{m.columns.get(f, f)}' contains a NUL byte")
        region = get(cells, "region") or self.region
        if not region:
            raise ValueError(f"no region: the file has no '{m.columns.get('region', 'region')}' value; pass --region")
        if region not in self.f.regions:
            raise ValueError(f"region {region!r} is not in the funnel's regions ({', '.join(self.f.regions)}); "
                             "add it to funnel.yaml")
        row["region"] = region
        market = get(cells, "market")
        code = self.markets.get(market.lower()) or (market.upper() if len(market) == 2 and market.isalpha() else None)
        if not code:
            raise ValueError(f"market {market!r} is not a country code or a market name the packs know" if market
                             else f"no market in '{m.columns.get('market', 'market')}'")
        row["market"] = code
        for f in DATE_FIELDS:
            v = get(cells, f)
            try:
                when = parse.parse_date(v, m.date_formats) if v else None
                row[f] = when.replace(hour=0, minute=0, second=0, microsecond=0) if when else None  # KPIs count days
            except ValueError as exc:
                raise ValueError(f"'{m.columns[f]}': {exc}") from None
        if row["created"] is None:
            raise ValueError(f"no creation date in '{m.columns['created']}'")
        amount = get(cells, "amount")
        row["amount"], sign = (None, None)
        if amount:
            try:
                row["amount"], sign = parse.parse_amount(amount, m.decimal, self.continental)
            except ValueError as exc:
                raise ValueError(f"'{m.columns['amount']}': {exc}") from None
        cur = get(cells, "currency").upper() or sign
        if cur and (len(cur) != 3 or not cur.isalpha()):
            raise ValueError(f"'{m.columns.get('currency', 'currency')}': {cur!r} is not a currency code (EUR, USD, JPY...)")
        row["currency"] = cur or None
        self._status(cells, row)
        self._deal_type(cells, row)
        return row

    def _status(self, cells: list[str], row: dict[str, Any]) -> None:
        m = self.m
        status = None
        raw_status = self.get(cells, "status")
        if raw_status:
            status = next((k for k, vals in m.status.items() if raw_status.lower() in (v.lower() for v in vals)), None)
            if status is None:
                raise ValueError(f"'{m.columns['status']}': {raw_status!r} is not one of "
                                 f"{sorted(v for vals in m.status.values() for v in vals)}")
        raw_stage = self.get(cells, "stage")
        stage = self.f.stage_for(m.source, raw_stage) if raw_stage else None
        if raw_stage and stage is None:
            raise ValueError(f"stage {raw_stage!r} is not in the funnel for {m.source}; add it to a stage's codes in "
                             "funnel.yaml")
        if stage is not None and status is not None and stage.outcome != "open" and stage.outcome != status:
            raise ValueError(f"stage {raw_stage!r} is {stage.outcome} but the status says {status}")
        if stage is None and status in (None, "open"):
            raise ValueError(f"no stage in '{m.columns.get('stage', 'stage')}' and the deal is not closed")
        status = status or (stage.outcome if stage else "open")
        if status in ("won", "lost"):
            row["stage"] = status
        else:
            row["stage"] = stage.id if stage else "lead"
            if stage is not None and stage.outcome != "open":
                raise ValueError(f"stage {raw_stage!r} is {stage.outcome} but the status says open")
            row["forecast_close"] = row["forecast_close"] or row["closed"]  # an open deal's close date is its forecast
            row["closed"] = None
        row["status"] = status
        if status in ("won", "lost") and row["closed"] is None:
            raise ValueError(f"a {status} deal without a close date in '{m.columns.get('closed', 'closed')}'")

    def _deal_type(self, cells: list[str], row: dict[str, Any]) -> None:
        raw = self.get(cells, "deal_type")
        if not raw:
            row["deal_type"] = "new"
            return
        kind = next((k for k, vals in self.m.deal_type.items() if raw.lower() in (v.lower() for v in vals)), None)
        if kind is None:
            raise ValueError(f"'{self.m.columns['deal_type']}': {raw!r} is not one of "
                             f"{sorted(v for vals in self.m.deal_type.values() for v in vals)}")
        row["deal_type"] = kind


def _hash(row: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()


def import_file(store: Any, path: Path, source: str, region: str | None = None, registry: Any | None = None,
                mapping: Mapping | None = None, funnel: Funnel | None = None, encoding: str | None = None,
                classify: Callable[[list[str]], list[tuple[bool, float]]] | None = None,
                progress: Callable[[int], None] | None = None, user_id: int | None = None) -> ImportReport:
    """Import one export. `classify` rates objections (specific?, confidence); see coach.field.objections."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_IMPORT_MB * 1e6:
        raise parse.FileError(f"{path.name} is {size / 1e6:.1f} MB; the import limit is {MAX_IMPORT_MB:g} MB "
                              "(COACH_MAX_IMPORT_MB): export one year or one region at a time")
    mapping = mapping or load_mapping(source)
    funnel = funnel or load_funnel()
    if source == "objections":
        from coach.field.objections import import_log
        return import_log(store, path, mapping, region, encoding, classify, user_id)
    header, rows, delim = parse.read_rows(path, encoding)
    reader = _Rows(mapping, funnel, header, region, market_lookup(registry), continental=delim == ";")
    missing_required = [f for f in mapping.required if f in reader.missing]
    if missing_required:
        cols = ", ".join(f"'{mapping.columns[f]}' ({f})" for f in missing_required)
        raise parse.FileError(f"{path.name}: no column {cols} in the header; the file has: {', '.join(header[:40])}. "
                              f"Is it a {source} export? (or give a mapping with --mapping)")
    report = ImportReport(source=source, file=path.name)
    for f in reader.missing:
        report.warnings.append({"line": 1, "reason": f"no column '{mapping.columns[f]}' ({f}): left empty"})
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    parsed: list[tuple[int, dict[str, Any], str]] = []
    for n, (line, cells) in enumerate(rows, start=1):
        if progress and n % 5000 == 0:
            progress(n)
        for i, c in enumerate(cells):
            if c and parse.is_formula(c.strip(), parse.AMOUNT) and i in reader.col.values():
                report.warnings.append({"line": line, "reason": f"cell '{header[i] if i < len(header) else i}' starts "
                                        f"with {c.strip()[:1]!r}: kept as text, never evaluated; exports escape it"})
        try:
            row = reader.parse(cells)
        except ValueError as exc:
            report.rejected.append({"line": line, "reason": str(exc)})
            continue
        h = _hash(row)
        key = (row["region"], row["deal_id"])
        if key in seen:
            first, fh = seen[key]
            why = "a duplicate of" if fh == h else "the same deal id with different values as"
            report.rejected.append({"line": line, "reason": f"deal {row['deal_id']} is {why} line {first} (kept)"})
            continue
        seen[key] = (line, h)
        parsed.append((line, row, h))
    _store(store, source, parsed, report, classify)
    with store.tx() as s:
        s.add(schema.FieldImport(source=source, region=region, file_name=path.name[:250],
                                 file_hash=hashlib.sha256(path.read_bytes()).hexdigest(), imported=report.imported,
                                 updated=report.updated, unchanged=report.unchanged, rejected=report.rejected[:1000],
                                 user_id=user_id))
    from coach.field.kpis import warm
    warm(store)  # the next KPI query reads the new rows from memory
    return report


def _store(store: Any, source: str, parsed: list[tuple[int, dict[str, Any], str]], report: ImportReport,
           classify: Callable[[list[str]], list[tuple[bool, float]]] | None) -> None:
    t = schema.FieldDeal.__table__
    regions = sorted({r["region"] for _, r, _ in parsed})
    with store.tx() as s:
        existing = {(reg, did): (pk, h) for pk, reg, did, h in s.execute(
            select(t.c.id, t.c.region, t.c.deal_id, t.c.row_hash).where(t.c.source == source, t.c.region.in_(regions)))}
        new, changed = [], []
        now = datetime.now()
        for _, row, h in parsed:
            old = existing.get((row["region"], row["deal_id"]))
            values = {**row, "source": source, "row_hash": h, "imported_at": now}
            if old is None:
                new.append(values)
            elif old[1] != h:
                changed.append((old[0], values))
            else:
                report.unchanged += 1
        for i in range(0, len(new), CHUNK):
            s.execute(t.insert(), new[i:i + CHUNK])
        for pk, values in changed:
            s.execute(update(t).where(t.c.id == pk).values(**values))
        report.imported, report.updated = len(new), len(changed)
    from coach.field.objections import store_objections
    store_objections(store, source, [(r["region"], r["deal_id"], r["created"], r["objection"])
                                     for _, r, _ in parsed if r.get("objection")], classify)
