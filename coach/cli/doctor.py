"""`coach doctor`: check every part for real."""
from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from coach.cli.common import _ctx, _dump, console


def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="one object per part, with ok and details")] = False,
    no_generate: Annotated[bool, typer.Option("--no-generate", help="skip loading the chat model")] = False,
) -> None:
    """Check every part for real: model, embeddings, database, packs, index."""
    from coach.doctor import run_doctor
    parts = run_doctor(_ctx(), generate=not no_generate)
    if as_json:
        _dump(parts)
    else:
        table = Table("part", "ok", "ms", "details")
        for p in parts:
            details = ", ".join(f"{k}={v}" for k, v in p["details"].items() if k != "first_errors")
            table.add_row(p["part"], "[green]ok[/]" if p["ok"] else "[red]FAIL[/]", str(p["ms"]), details[:300])
        console.print(table)
    raise typer.Exit(0 if all(p["ok"] for p in parts) else 1)
