"""`coach scenarios ...`: negotiation scenarios."""
from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape

from coach.cli.common import _ctx, _dump, console, err

scenarios_app = typer.Typer(help="Negotiation scenarios.", no_args_is_help=True)


@scenarios_app.command("show")
def scenarios_show(
    scenario_id: Annotated[str, typer.Argument(metavar="ID")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    reveal: Annotated[bool, typer.Option("--reveal", help="trainer view: add the private limits")] = False,
) -> None:
    """Show a scenario: the trainee's public brief, or with --reveal the buyer's private limits too."""
    reg = _ctx().packs
    sc = reg.scenarios.get(scenario_id)
    if sc is None:
        known = ", ".join(sorted(reg.scenarios)) or "none"
        err.print(f"[red]error:[/] no scenario '{escape(scenario_id)}'. Known: {known}")
        raise typer.Exit(2)
    data = sc.public().model_dump(mode="json")
    persona = reg.personas[sc.persona]
    data["persona_card"] = persona.public().model_dump(mode="json")
    if reveal:
        data["private"] = sc.private.model_dump(mode="json")
        data["persona_private"] = persona.private.model_dump(mode="json")
    if as_json:
        _dump(data)
        return
    console.print(f"[bold]{sc.title}[/] ({sc.id}, {sc.market})")
    console.print(sc.situation, markup=False)
    b = sc.seller_brief
    console.print(f"You sell {b.product} for {b.company}: list {b.list_price:g} {b.currency} {b.unit}; {b.volume}", markup=False)
    console.print(f"Counterpart: {persona.name}, {persona.role}, {persona.company}", markup=False)
    if reveal:
        console.print_json(json.dumps(data["private"], ensure_ascii=False))
