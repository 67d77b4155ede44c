"""Field results: import of a 100,000-row CRM export (target <= 30 s) and KPI queries (target <= 1 s p95) on SQLite
and, with --database-url, PostgreSQL. Baseline in the same run: reading the same file with the csv module alone.

Run: .venv/bin/python bench/bench_field.py [--rows 100000] [--database-url postgresql://...]
"""
from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import peak_rss_mb, summary, table  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--source", default="hubspot")
    ap.add_argument("--database-url", action="append", default=[])
    args = ap.parse_args()
    from coach.context import Context
    from coach.field import sample
    from coach.field.importer import import_file
    from coach.field.kpis import compute
    from coach.settings import load_settings
    from coach.store import Store
    work = Path(tempfile.mkdtemp(prefix="coach-bench-field-"))
    export = work / f"{args.source}.csv"
    sample.write(args.source, export, n=args.rows, seed=11)
    t0 = time.perf_counter()
    with export.open(encoding="utf-8-sig", newline="") as fh:
        n = sum(1 for _ in csv.reader(fh))
    baseline = time.perf_counter() - t0
    ctx = Context(load_settings(env={}, data_dir=str(work / "data")))
    rate = ctx.specificity.rate
    rate(["warm up: the objection head loads once"])
    urls = [f"sqlite:///{work / 'bench.db'}"] + args.database_url
    rows = []
    for url in urls:
        store = Store(url)
        t0 = time.perf_counter()
        report = import_file(store, export, args.source, registry=ctx.packs, classify=rate)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = import_file(store, export, args.source, registry=ctx.packs, classify=rate)
        second = time.perf_counter() - t0
        from coach.field import kpis as kpi_mod
        times, cold = {}, []
        for by in (("region",), ("region", "market"), ("rep",)):
            kpi_mod._CACHE.clear()  # cold: the rows are read from the database
            t0 = time.perf_counter()
            compute(store, ctx.packs, by=by)
            cold.append(time.perf_counter() - t0)
            runs = []
            for _ in range(5):  # warm: rows kept while the tables do not change
                t0 = time.perf_counter()
                compute(store, ctx.packs, by=by)
                runs.append(time.perf_counter() - t0)
            times[",".join(by)] = summary(runs)
        kind = url.split(":", 1)[0]
        rows.append([kind, n - 1, report.imported, len(report.rejected), f"{first:.1f}", f"{second:.1f}",
                     f"{baseline:.2f}", f"{max(cold):.2f}", *(f"{t['p50']:.2f}/{t['p95']:.2f}" for t in times.values()),
                     "ok" if first <= 30 and all(t["p95"] <= 1 for t in times.values()) and max(cold) <= 1
                     else "MISSED"])
        store.close()
    table(f"field import and KPIs ({args.rows} deals, {args.source} export)",
          ["database", "rows", "imported", "rejected", "import s", "re-import s", "csv read s (baseline)",
           "kpis cold max s", "warm by region p50/p95 s", "by region+market", "by rep", "targets (30 s, 1 s)"], rows)
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
