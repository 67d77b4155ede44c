"""`coach users ...`: add, list, export or delete a user's data."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from coach.cli.common import _ctx, _rows, console, err

users_app = typer.Typer(help="Users: add, list, export or delete a user's data.", no_args_is_help=True)


@users_app.command("add")
def users_add(
    name: str, role: Annotated[str, typer.Option(help="salesperson | mentor | trainer")] = "salesperson",
    team: Annotated[Optional[str], typer.Option()] = None, region: Annotated[Optional[str], typer.Option()] = None,
    home: Annotated[Optional[str], typer.Option(help="home culture, ISO code")] = None,
    password: Annotated[Optional[str], typer.Option(help="at least 8 characters (prompted when omitted)")] = None,
) -> None:
    """Add a user with a hashed password."""
    from coach.auth import hash_password
    ctx = _ctx()
    if password is None:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    try:
        if ctx.store.get_user(name):
            raise ValueError(f"user '{name}' exists")
        ctx.store.add_user(name, role, team=team, region=region, home=home.upper() if home else None,
                           password_hash=hash_password(password))
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print(f"added {name} ({role}{', team ' + team if team else ''})", markup=False)


@users_app.command("list")
def users_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List users: name, role, team and region."""
    from coach.store.review import list_users
    rows = list_users(_ctx().store)
    _rows(rows, as_json, lambda r: f"{r['name']:<20} {r['role']:<12} {r['team'] or '':<12} {r['region'] or ''}")


@users_app.command("export")
def users_export(name: str, out: Annotated[Optional[Path], typer.Option()] = None) -> None:
    """Everything stored about a user, as JSON (a data-subject request)."""
    from coach.store.review import export_user
    try:
        data = export_user(_ctx().store, name)
    except KeyError as exc:
        err.print(f"error: {exc.args[0]}", markup=False)
        raise typer.Exit(2) from None
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
        console.print(f"wrote {out}", markup=False)
    else:
        sys.stdout.write(text + "\n")


@users_app.command("unlock")
def users_unlock(name: str) -> None:
    """Lift a sign-in lockout (after repeated failed passwords) before it expires."""
    from coach.auth import unlock
    ctx = _ctx()
    if not ctx.store.get_user(name):
        err.print(f"error: no user '{name}'", markup=False)
        raise typer.Exit(2)
    unlock(ctx.store, name)
    console.print(f"unlocked {name}", markup=False)


@users_app.command("delete")
def users_delete(name: str, yes: Annotated[bool, typer.Option("--yes", help="do not ask")] = False) -> None:
    """Delete a user and their sessions, turns, debriefs and comments."""
    from coach.store.review import delete_user
    if not yes and not typer.confirm(f"delete {name} and all their sessions?"):
        raise typer.Exit(1)
    try:
        counts = delete_user(_ctx().store, name)
    except KeyError as exc:
        err.print(f"error: {exc.args[0]}", markup=False)
        raise typer.Exit(2) from None
    console.print("deleted " + ", ".join(f"{k}={v}" for k, v in counts.items()), markup=False)
