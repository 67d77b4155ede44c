"""`coach`: the command line (Typer). Thin: parse, call a service, render.

One module per command group; this one builds the `app` and registers them in help order.
"""
from __future__ import annotations

import typer

from coach.cli import advise, debrief, doctor, evals, reports, roleplay, serve, voice
from coach.cli.field import field_app
from coach.cli.index import index_app
from coach.cli.packs import packs_app
from coach.cli.results import results_app
from coach.cli.review import review_app
from coach.cli.scenarios import scenarios_app
from coach.cli.users import users_app
from coach.understanding.cli import understand_cmd

app = typer.Typer(help="Culture Coach: intercultural sales coach and negotiation role-play.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
app.add_typer(users_app, name="users")
app.add_typer(review_app, name="review")
app.add_typer(field_app, name="fieldcase")
app.add_typer(results_app, name="field")
app.add_typer(index_app, name="index")
app.add_typer(packs_app, name="packs")
app.add_typer(scenarios_app, name="scenarios")
app.command("understand")(understand_cmd)
app.command()(doctor.doctor)
app.command()(advise.advise)
app.command()(roleplay.roleplay)
app.command()(debrief.debrief)
app.command()(voice.say)
app.command()(voice.hear)
app.command("eval")(evals.eval_cmd)
app.command()(serve.serve)
app.command()(reports.report)
app.command("export")(reports.export_cmd)

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover
    """Run the `coach` command line."""
    app()
