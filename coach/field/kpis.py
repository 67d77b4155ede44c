"""The KPIs that show whether a team is learning a market (process, not just sales results), per region, market,
team and rep over a period. Definitions: docs/field.md; windows and expected ratios: the market profiles' `field`."""
from __future__ import annotations

import statistics
import threading
from collections import defaultdict, namedtuple
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from coach.field.config import Funnel, load_funnel
from coach.store import schema

GROUPS = ("region", "market", "team", "rep")
KPI_NAMES = ("first_offer_response_rate", "cycle_time_vs_home", "expected_cycle_ratio", "second_year_retention",
             "hit_rate", "forecast_error", "objection_specificity")


DealRow = namedtuple("DealRow", "source region deal_id account rep team market stage status deal_type created "
                                "first_offer first_response forecast_close closed")


def day(when: datetime | None) -> float | None:
    """A date as its Julian day number (what SQLite's julianday() gives): KPIs count days as plain floats."""
    return None if when is None else (when - datetime(1970, 1, 1)).total_seconds() / 86400 + 2440587.5


def _jd(col: Any, dialect: str) -> Any:
    if dialect == "sqlite":
        return func.julianday(col)
    return func.extract("epoch", col) / 86400.0 + 2440587.5


# rows read for KPIs, kept while the tables do not change (an import changes the count, max id or import time)
_CACHE: dict[tuple, Any] = {}
_CACHE_LOCK = threading.Lock()


def _remember(mark: tuple, value: Any) -> None:
    with _CACHE_LOCK:
        if len(_CACHE) >= 16:
            _CACHE.clear()
        _CACHE[mark] = value


@dataclass
class Period:
    since: float | None = None
    until: float | None = None

    def has(self, when: float | None) -> bool:
        return when is not None and (self.since is None or when >= self.since) and (self.until is None or when < self.until)


def _norm(name: str | None) -> str:
    """Letters and digits of any script, case-folded: 'anna.schmidt' = 'Anna Schmidt', '田中 太郎' = '田中太郎'."""
    return "".join(ch for ch in (name or "").casefold() if ch.isalnum())


SEE_ALL = ("mentor", "trainer", "operator")


def own_rep(viewer: Any) -> str | None:
    """Anyone but a mentor, trainer or operator sees only the deals whose CRM owner is them (account name = owner
    name, ignoring case, spaces and punctuation); None: sees every deal."""
    if viewer is None or viewer.role in SEE_ALL:
        return None
    return _norm(viewer.name)


def visible(rows: list[Any], viewer: Any = None, market: str | None = None) -> list[Any]:
    """The deals this viewer may see, in this market if one is named (a name that normalises to nothing sees none)."""
    mine = own_rep(viewer)
    if mine == "":
        return []
    code = market.upper() if market else None
    return [r for r in rows if (code is None or r.market == code) and (mine is None or _norm(r.rep) == mine)]


def load_deals(store: Any, viewer: Any = None, region: str | None = None, market: str | None = None,
               source: str | None = None) -> list[Any]:
    """Deals as plain rows, dates as day numbers; the region's and source's rows are read once per table change."""
    t = schema.FieldDeal
    d = store.engine.dialect.name  # plain rows with dates as day numbers: no ORM objects or datetimes for 100k deals
    q = select(t.source, t.region, t.deal_id, t.account, t.rep, t.team, t.market, t.stage, t.status, t.deal_type,
               *(_jd(c, d) for c in (t.created, t.first_offer, t.first_response, t.forecast_close, t.closed)))
    if source:
        q = q.where(t.source == source)
    if region:
        q = q.where(t.region == region)
    with store.engine.connect() as conn:
        mark = (store.url, "deals", region, source,
                *conn.execute(select(func.count(t.id), func.max(t.id), func.max(t.imported_at))).one())
        rows = _CACHE.get(mark)
        if rows is None:
            rows = [DealRow._make(r) for r in conn.execute(q)]
            _remember(mark, rows)
    return visible(rows, viewer, market)


def warm(store: Any) -> None:
    """Read the deals and objections into the KPI cache (after an import, and when the app starts)."""
    load_deals(store)
    _objections(store)


def _median(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def compute(store: Any, registry: Any | None = None, viewer: Any = None, by: tuple[str, ...] = ("region", "market"),
            region: str | None = None, market: str | None = None, since: datetime | None = None,
            until: datetime | None = None, funnel: Funnel | None = None, source: str | None = None) -> list[dict[str, Any]]:
    """One row per group, sorted; every KPI is None where the group has nothing to measure it on."""
    funnel = funnel or load_funnel()
    for g in by:
        if g not in GROUPS:
            raise ValueError(f"cannot group by {g!r}; use {', '.join(GROUPS)}")
    period = Period(day(since), day(until))
    everything = load_deals(store, None, region, None, source)  # baselines and the date: not who looks or the market
    deals = visible(everything, viewer, market)
    as_of = day(until) or max((d.closed or d.created for d in everything), default=day(datetime.now()))
    norms = {c: m.field for c, m in (registry.markets.items() if registry else []) if m.field}
    window = lambda m: norms[m].first_response_days if m in norms else funnel.no_response.default_days  # noqa: E731
    expected = lambda m: norms[m].cycle_time_ratio if m in norms else None  # noqa: E731
    cycles_home: dict[str, list[float]] = defaultdict(list)
    for d in everything:
        home = funnel.regions[d.region].home if d.region in funnel.regions else None
        if d.market == home and d.status == "won" and d.deal_type == "new" and period.has(d.closed):
            cycles_home[d.region].append(round(d.closed - d.created))
    specific = _objections(store)
    retained = _retention(deals, as_of)
    acc: dict[tuple, dict[str, Any]] = {}
    for d in deals:  # one pass: every KPI's counts per group
        key = tuple(getattr(d, g) or "—" for g in by)
        a = acc.get(key)
        if a is None:
            a = acc[key] = {"deals": 0, "offers": 0, "answered": 0, "closed": 0, "won": 0, "cycles": [], "slips": [],
                            "markets": set(), "regions": set(), "obj": 0, "obj_specific": 0, "elig": 0, "kept": 0,
                            "open": 0, "stalled": 0}
        a["deals"] += 1
        a["markets"].add(d.market)
        a["regions"].add(d.region)
        if d.first_offer and period.has(d.first_offer):
            gap = d.first_response - d.first_offer if d.first_response else None
            if gap is not None and 0 <= gap <= window(d.market):
                a["offers"] += 1
                a["answered"] += 1
            elif d.first_offer + window(d.market) <= as_of:  # unanswered once its window has passed, not before
                a["offers"] += 1
        if d.status == "open":
            a["open"] += 1
            if d.forecast_close and d.forecast_close < as_of - 30:
                a["stalled"] += 1
        elif period.has(d.closed):
            a["closed"] += 1
            if d.status == "won":
                a["won"] += 1
                if d.deal_type == "new":
                    a["cycles"].append(round(d.closed - d.created))
            if d.forecast_close:
                a["slips"].append((d.closed - d.forecast_close) / max(1, d.forecast_close - d.created))
        for logged, spec in specific.get((d.source, d.region, d.deal_id), ()):
            if period.has(logged or d.created):
                a["obj"] += 1
                a["obj_specific"] += spec
        for kept in retained.get((d.source, d.region, d.deal_id), ()):
            a["elig"] += 1
            a["kept"] += kept
    out = []
    for key, a in sorted(acc.items()):
        cyc = _median(a["cycles"])
        home = _median([c for r in a["regions"] for c in cycles_home.get(r, [])])
        one = next(iter(a["markets"])) if len(a["markets"]) == 1 else None
        row = dict(zip(by, key))
        row.update(
            deals=a["deals"],
            first_offers=a["offers"],
            first_offer_response_rate=round(a["answered"] / a["offers"], 3) if a["offers"] else None,
            response_window_days=window(one) if one else None,
            median_cycle_days=cyc,
            cycle_time_vs_home=_ratio(cyc, home),
            expected_cycle_ratio=expected(one) if one else None,
            second_year_retention=round(a["kept"] / a["elig"], 3) if a["elig"] else None,
            retention_accounts=a["elig"],
            hit_rate=round(a["won"] / a["closed"], 3) if a["closed"] else None,
            decision_status={"won": a["won"], "lost": a["closed"] - a["won"], "open": a["open"], "stalled": a["stalled"]},
            forecast_error=round(statistics.fmean(a["slips"]), 2) if a["slips"] else None,
            objection_specificity=round(a["obj_specific"] / a["obj"], 3) if a["obj"] else None,
            objections=a["obj"],
        )
        out.append(row)
    return out


def _objections(store: Any) -> dict[tuple, list[tuple[float | None, bool]]]:
    t = schema.FieldObjection
    with store.engine.connect() as conn:
        mark = (store.url, "objections", *conn.execute(select(func.count(t.id), func.max(t.id))).one())
        cached = _CACHE.get(mark)
        if cached is not None:
            return cached
        rows = conn.execute(select(t.source, t.region, t.deal_id, _jd(t.logged, store.engine.dialect.name),
                                   t.specific)).all()
    out: dict[tuple, list] = defaultdict(list)
    for src, reg, did, logged, spec in rows:
        out[(src, reg, did)].append((logged, bool(spec)))
    _remember(mark, out)
    return out


def _retention(deals: list[Any], as_of: float) -> dict[tuple, list[bool]]:
    """For each account's first won new deal at least a year old: was there a won reorder 6-24 months later?
    Keyed by that first deal (so it lands in its market/region/rep's group)."""
    by_account: dict[tuple, list[Any]] = defaultdict(list)
    for d in deals:
        if d.account and d.status == "won":
            by_account[(d.source, d.region, _norm(d.account))].append(d)
    out: dict[tuple, list[bool]] = {}
    for ds in by_account.values():
        firsts = sorted((d for d in ds if d.deal_type == "new"), key=lambda d: d.closed)
        if not firsts or firsts[0].closed > as_of - 365:
            continue
        f = firsts[0]
        again = any(d.deal_type == "reorder" and 182 <= d.closed - f.closed <= 730 and d.closed <= as_of
                    for d in ds)
        out[(f.source, f.region, f.deal_id)] = [again]
    return out
