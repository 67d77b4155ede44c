"""`coach fieldcase ...`: field cases from salespeople: submit, list, approve or reject."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from coach.cli.common import _ctx, _rows, _viewer, console, err

field_app = typer.Typer(help="Field cases: submit, list, approve or reject.", no_args_is_help=True)


@field_app.command("submit")
def field_submit(market: str, situation: Annotated[str, typer.Option()], happened: Annotated[str, typer.Option()],
                 worked: Annotated[str, typer.Option()], region: Annotated[Optional[str], typer.Option()] = None,
                 as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    """Submit a field case from your market (stored as a draft for review)."""
    from coach import fieldcases
    ctx = _ctx()
    try:
        fid = fieldcases.submit(ctx.store, _viewer(ctx, as_user), market.upper(), situation, happened, worked, region)
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print(f"field case {fid} submitted as a draft", markup=False)


@field_app.command("list")
def field_list(status: Annotated[Optional[str], typer.Option()] = None, as_json: Annotated[bool, typer.Option("--json")] = False,
               as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    """List the field cases the viewer may see (optionally by status)."""
    from coach.store.review import list_field_cases
    ctx = _ctx()
    rows = list_field_cases(ctx.store, _viewer(ctx, as_user), status=status)
    _rows(rows, as_json, lambda r: f"{r['id']:>4} {r['market']} {r['status']:<9} {r['region'] or '':<12} "
                                  f"{r['data']['situation'][:70]}")


@field_app.command("approve")
def field_approve(fid: int, title: Annotated[str, typer.Option()], scale: Annotated[str, typer.Option()],
                  topic: Annotated[Optional[list[str]], typer.Option("--topic")] = None,
                  kind: Annotated[str, typer.Option()] = "mistake", instead: Annotated[Optional[str], typer.Option()] = None,
                  as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    """Tag and approve a field case: it becomes a situated case, indexed for everyone."""
    from coach import fieldcases
    from coach.store.review import AccessDenied
    ctx = _ctx()
    try:
        case = fieldcases.approve(ctx.store, _viewer(ctx, as_user), fid, ctx.settings.data_dir, title=title, scale=scale,
                                  topics=list(topic or []), kind=kind, instead=instead, known_markets=set(ctx.packs.markets))
    except (AccessDenied, KeyError, ValueError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    ctx.reload_packs()
    console.print(f"approved as case {case.id}; index updated", markup=False)


@field_app.command("reject")
def field_reject(fid: int, as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    """Reject a draft field case."""
    from coach import fieldcases
    from coach.store.review import AccessDenied
    ctx = _ctx()
    try:
        fieldcases.reject(ctx.store, _viewer(ctx, as_user), fid)
    except (AccessDenied, KeyError, ValueError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print("rejected")
