"""`coach packs ...`: validate, list, scaffold and write the JSON Schemas of content packs."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table

from coach.cli.common import _ctx, _dump, console, err

packs_app = typer.Typer(help="Content packs: validate, list, scaffold, JSON Schema.", no_args_is_help=True)


@packs_app.command("validate")
def packs_validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="pack roots or files (default: the configured roots)")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Validate pack files; print `path:line:col: field: message` per error; exit 1 on any error."""
    from coach.packs.tools import validate_paths
    targets = paths or list(_ctx().settings.packs)
    errors, counts = validate_paths(targets)
    if as_json:
        _dump({"ok": not errors, "errors": [e.as_dict() for e in errors], "counts": counts})
    else:
        for e in errors:
            err.print(str(e), markup=False, highlight=False, soft_wrap=True)
        summary = " ".join(f"{k}={v}" for k, v in counts.items() if k != "errors")
        console.print(f"{'[red]FAILED[/]' if errors else '[green]ok[/]'} {summary} errors={len(errors)}")
    raise typer.Exit(1 if errors else 0)


@packs_app.command("list")
def packs_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List markets, personas, cases and scenarios."""
    from coach.packs.tools import list_packs
    reg = _ctx().packs
    data = list_packs(reg)
    if as_json:
        _dump(data)
        return
    for section in ("markets", "homes", "personas", "scenarios"):
        table = Table(title=section)
        rows = data[section]
        if not rows:
            continue
        for key in rows[0]:
            table.add_column(key)
        for row in rows:
            table.add_row(*(str(v) for v in row.values()))
        console.print(table)
    console.print(f"cases: {len(data['cases'])}")


@packs_app.command("new")
def packs_new(
    kind: Annotated[str, typer.Argument(help="persona | case | scenario")],
    name: Annotated[str, typer.Argument(help="id of the new file (lower-case, digits, '-'), e.g. fr-retail-buyer")],
    market: Annotated[Optional[str], typer.Option(help="ISO market code (default: the id's prefix, fr-... -> FR)")] = None,
    persona: Annotated[Optional[str], typer.Option(help="persona id (scenarios)")] = None,
    root: Annotated[Optional[Path], typer.Option(help="pack root to write into (default: first configured)")] = None,
) -> None:
    """Scaffold a new pack file with TODO placeholders; it validates once every TODO is replaced.

    Market: --market, else the id's ISO country prefix (fr-retail-buyer -> FR), else a scenario's --persona.

    A market with no profile yet is still used; the output names the profile to write (personas/markets/FR.yaml).

    Profiles hold researched scale positions and sources, so they are not scaffolded with made-up numbers.
    """
    from coach.packs.tools import market_from_id, scaffold, scaffold_notes
    ctx = _ctx()
    target_root = root or ctx.settings.packs[0]
    code = (market or market_from_id(name) or "").upper()
    if kind == "scenario" and not persona:
        persona = next((p.id for p in ctx.packs.personas.values() if p.market == code), None)
    if kind == "scenario" and not code and persona in ctx.packs.personas:
        code = ctx.packs.personas[persona].market
    try:
        path = scaffold(kind, name, code or None, target_root, persona=persona)
    except (ValueError, FileExistsError) as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    console.print(f"wrote {path}", markup=False, highlight=False, soft_wrap=True)
    for note in scaffold_notes(name, code, market, ctx.packs, target_root):  # unwrapped: paths stay copyable
        console.print(f"[yellow]note:[/] {escape(note)}", highlight=False, soft_wrap=True)
    console.print("replace every TODO, then run `coach packs validate`", markup=False, highlight=False)


@packs_app.command("schema")
def packs_schema(out: Annotated[Optional[Path], typer.Option(help="directory (default: <first pack root>/schemas)")] = None) -> None:
    """Write the JSON Schema files that pack YAML files reference."""
    from coach.packs.tools import write_schemas
    target = out or (_ctx().settings.packs[0] / "schemas")
    for p in write_schemas(target):
        console.print(f"wrote {p}")
