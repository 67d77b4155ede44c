"""`coach review ...`: mentor review of sessions: list, comment, flag."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Optional

import typer
from rich.table import Table

from coach.cli.common import _ctx, _dump, _viewer, console, err

review_app = typer.Typer(help="Mentor review: sessions, comments, flags.", no_args_is_help=True)


@review_app.command("list")
def review_list(
    as_user: Annotated[Optional[str], typer.Option("--as", help="see what this user may see")] = None,
    rep: Annotated[Optional[str], typer.Option()] = None, team: Annotated[Optional[str], typer.Option()] = None,
    market: Annotated[Optional[str], typer.Option()] = None, scenario: Annotated[Optional[str], typer.Option()] = None,
    since: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")] = None,
    until: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")] = None,
    min_score: Annotated[Optional[float], typer.Option()] = None, max_score: Annotated[Optional[float], typer.Option()] = None,
    flagged: Annotated[Optional[bool], typer.Option("--flagged/--not-flagged")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Sessions with filters (salesperson, team, market, scenario, dates, score, flag)."""
    from coach.store.review import list_sessions
    ctx = _ctx()
    rows = list_sessions(ctx.store, _viewer(ctx, as_user), rep=rep, team=team, market=market, scenario=scenario,
                         date_from=datetime.fromisoformat(since) if since else None,
                         date_to=datetime.fromisoformat(until) if until else None,
                         min_score=min_score, max_score=max_score, flagged=flagged)
    if as_json:
        _dump(rows)
        return
    table = Table("session", "rep", "team", "market", "scenario", "started", "overall", "flag")
    for r in rows:
        table.add_row(r["session_id"][:8], r["rep"] or "", r["team"] or "", r["market"] or "", r["scenario"] or "",
                      f"{r['started_at']:%Y-%m-%d %H:%M}", "" if r["overall"] is None else f"{r['overall']:.0f}",
                      "*" if r["flagged"] else "")
    console.print(table)


@review_app.command("comment")
def review_comment(session_id: str, text: str, turn: Annotated[Optional[int], typer.Option()] = None,
                   as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    """Comment on a session or one of its turns (mentors and trainers)."""
    from coach.store.review import AccessDenied, add_comment
    ctx = _ctx()
    try:
        add_comment(ctx.store, _viewer(ctx, as_user), session_id, text, turn)
    except (AccessDenied, ValueError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print("comment added")


@review_app.command("flag")
def review_flag(session_id: str, off: Annotated[bool, typer.Option("--off")] = False,
                as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    """Bring a session to the monthly review (or --off to unflag)."""
    from coach.store.review import AccessDenied, flag
    ctx = _ctx()
    try:
        flag(ctx.store, _viewer(ctx, as_user), session_id, not off)
    except AccessDenied as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print("unflagged" if off else "flagged for the monthly session")
