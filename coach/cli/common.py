"""What every command module shares: the consoles, the context, JSON output and the viewer."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console

from coach.context import Context

if TYPE_CHECKING:
    from coach.store.review import Viewer

console = Console()
err = Console(stderr=True)


def _ctx() -> Context:
    """A fresh application context (settings, packs, store, services)."""
    return Context()


def _dump(data: object) -> None:
    """Write `data` to stdout as indented JSON (non-ASCII kept, unknown types as text)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _rows(rows: list[dict], as_json: bool, line: Callable[[dict], str]) -> None:
    """A listing: JSON with --json, else one plain line per row."""
    if as_json:
        _dump(rows)
        return
    for r in rows:
        console.print(line(r), markup=False)


def _viewer(ctx: Context, name: Optional[str]) -> "Viewer":
    """Who is asking: the named user, or the operator (sees everything) when no name is given."""
    from coach.store.review import Viewer
    if not name:
        return Viewer.operator()
    user = ctx.store.get_user(name)
    if user is None:
        err.print(f"error: no user '{name}'", markup=False)
        raise typer.Exit(2)
    return Viewer.of(user)
