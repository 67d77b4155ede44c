"""`coach field ...`: field results from CRM exports: the shared funnel, imports, KPIs, sample exports."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer

from coach.cli.common import _ctx, _dump, _viewer, console, err

results_app = typer.Typer(help="Field results: the shared funnel, CRM imports, KPIs, sample exports.",
                          no_args_is_help=True)


def _date(value: Optional[str], name: str) -> Optional[datetime]:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        err.print(f"error: --{name} must look like 2026-01-31 (got {value!r})", markup=False)
        raise typer.Exit(2) from None


@results_app.command("stages")
def stages(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Show the shared funnel: stages, their meaning and each CRM's codes for them."""
    from coach.field.config import load_funnel
    f = load_funnel()
    if as_json:
        _dump(f.model_dump())
        return
    for s in f.stages:
        console.print(f"{s.id:12} {s.name}: {s.meaning}", markup=False)
        for src, codes in s.codes.items():
            console.print(f"{'':12}   {src}: {', '.join(codes)}", markup=False)
    console.print(f"no response: {f.no_response.meaning.strip()}", markup=False)


@results_app.command("import")
def import_(file: Path, source: Annotated[str, typer.Option(help="salesforce | hubspot | pipedrive | objections")],
            region: Annotated[Optional[str], typer.Option(help="for rows without a region column")] = None,
            mapping: Annotated[Optional[Path], typer.Option(help="a column mapping YAML instead of the shipped one")] = None,
            encoding: Annotated[Optional[str], typer.Option(help="when the file is not UTF-8 (cp1252, shift_jis ...)")] = None,
            as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Import a CRM export (CSV or XLSX); every refused row is listed with its line and reason."""
    from rich.progress import Progress

    from coach.field.config import load_mapping
    from coach.field.importer import import_file
    from coach.field.parse import FileError
    from coach.packs import PackFileError
    ctx = _ctx()
    if not file.is_file():
        err.print(f"error: {file}: no such file", markup=False)
        raise typer.Exit(2)
    try:
        m = load_mapping(source, mapping)
        with Progress(console=err, transient=True, disable=as_json) as bar:
            task = bar.add_task(f"importing {file.name}", total=None)
            report = import_file(ctx.store, file, m.source, region=region, registry=ctx.packs, mapping=m,
                                 encoding=encoding, classify=ctx.specificity.rate,
                                 progress=lambda n: bar.update(task, completed=n))
    except (FileError, PackFileError, ValueError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    if as_json:
        _dump({"imported": report.imported, "updated": report.updated, "unchanged": report.unchanged,
               "rejected": report.rejected, "warnings": report.warnings})
        return
    console.print(f"{file.name}: {report.imported} imported, {report.updated} updated, {report.unchanged} unchanged, "
                  f"{len(report.rejected)} rejected", markup=False)
    for r in report.rejected[:50]:
        console.print(f"  line {r['line']}: {r['reason']}", markup=False)
    if len(report.rejected) > 50:
        console.print(f"  ... and {len(report.rejected) - 50} more (use --json for all)", markup=False)


@results_app.command("kpis")
def kpis(region: Annotated[Optional[str], typer.Option()] = None, market: Annotated[Optional[str], typer.Option()] = None,
         since: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")] = None,
         until: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD (exclusive)")] = None,
         by: Annotated[str, typer.Option(help="comma list of region, market, team, rep")] = "region,market",
         source: Annotated[Optional[str], typer.Option(help="only deals from this CRM")] = None,
         as_user: Annotated[Optional[str], typer.Option("--as", help="see what this user may see")] = None,
         out: Annotated[Optional[Path], typer.Option(help="also write FILE.csv (formula-safe)")] = None,
         as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The field KPIs per group over a period (a salesperson sees only their own deals)."""
    from coach.field.kpis import compute
    ctx = _ctx()
    try:
        rows = compute(ctx.store, ctx.packs, _viewer(ctx, as_user), by=tuple(b.strip() for b in by.split(",") if b.strip()),
                       region=region, market=market, since=_date(since, "since"), until=_date(until, "until"),
                       source=source)
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    from coach.field.report import kpi_table, write_csv
    if out:
        write_csv(rows, out)
    if as_json:
        _dump(rows)
        return
    typer.echo(kpi_table(rows))


@results_app.command("sample")
def sample(source: Annotated[str, typer.Option(help="salesforce | hubspot | pipedrive")],
           out: Annotated[Path, typer.Option(help="FILE.csv")], deals: Annotated[int, typer.Option()] = 2000,
           seed: Annotated[int, typer.Option()] = 7) -> None:
    """Write a demo export (the same deals whichever CRM), with the quirks real exports have."""
    from coach.field import sample as sample_mod
    if source not in ("salesforce", "hubspot", "pipedrive"):
        err.print("error: --source must be salesforce, hubspot or pipedrive", markup=False)
        raise typer.Exit(2)
    n = sample_mod.write(source, out, deals, seed)
    console.print(f"wrote {n} rows to {out}", markup=False)
