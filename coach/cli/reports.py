"""`coach report` (the monthly review pack) and `coach export` (sessions, turns, debriefs)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from coach.cli.common import _ctx, _viewer, console, err


def report(
    month: Annotated[str, typer.Option(help="YYYY-MM")], out: Annotated[Path, typer.Option(help="FILE.html or FILE.md")],
    team: Annotated[Optional[str], typer.Option()] = None, rep: Annotated[Optional[str], typer.Option()] = None,
    as_user: Annotated[Optional[str], typer.Option("--as")] = None,
) -> None:
    """The monthly review pack: trends, dimensions, common mistakes, flagged transcripts, KPIs, field cases."""
    from coach import reports
    ctx = _ctx()
    try:
        data = reports.gather(ctx.store, _viewer(ctx, as_user), month, team=team, rep=rep, registry=ctx.packs)
        path = reports.render(data, out)
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print(f"wrote {path} ({len(data['sessions'])} sessions)", markup=False)


def export_cmd(what: Annotated[str, typer.Argument(help="sessions | turns | debriefs")],
               out: Annotated[Path, typer.Option(help="FILE.csv or FILE.jsonl")],
               as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    """Export sessions, turns or debriefs (what the viewer may see) as CSV or JSONL."""
    from coach import reports
    ctx = _ctx()
    try:
        n = reports.export(ctx.store, _viewer(ctx, as_user), what, out)
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print(f"wrote {n} rows to {out}", markup=False)
