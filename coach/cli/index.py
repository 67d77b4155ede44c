"""`coach index ...`: the situated-case index."""
from __future__ import annotations

import time
from typing import Annotated

import typer

from coach.cli.common import _ctx, console, err

index_app = typer.Typer(help="The situated-case index.", no_args_is_help=True)


@index_app.command("build")
def index_build(rebuild: Annotated[bool, typer.Option("--rebuild", help="drop and rebuild from the packs")] = False) -> None:
    """Index every approved case (idempotent: unchanged cases are skipped)."""
    from rich.progress import Progress
    ctx = _ctx()
    reg = ctx.packs
    for e in reg.errors:
        err.print(f"[yellow]skipped[/] {e}")
    with Progress(console=err) as progress:
        task = progress.add_task("indexing cases", total=None)

        def tick(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        result = ctx.index.sync(list(reg.cases.values()), rebuild=rebuild, progress=tick)
    console.print(" ".join(f"{k}={v}" for k, v in result.items()))
    # the understanding head trains once per corpus (about a minute): here, not in a trainee's first turn
    t0 = time.perf_counter()
    ctx.understander.heads()
    console.print(f"understanding head ready ({time.perf_counter() - t0:.1f} s)")
    t0 = time.perf_counter()
    ctx.manner.head()  # the debrief's learned reading: reads the development pairs once (about a minute and a half)
    console.print(f"debrief manner reading ready ({time.perf_counter() - t0:.1f} s)")
    t0 = time.perf_counter()
    ctx.moves.heads()  # an imported buyer line's move, learned from the labelled development lines
    console.print(f"debrief buyer-move reader ready ({time.perf_counter() - t0:.1f} s)")
    t0 = time.perf_counter()
    ctx.answers.warm(list(reg.personas.values()))  # the personas' lines, embedded once and kept beside the model
    console.print(f"persona lines embedded ({time.perf_counter() - t0:.1f} s)")
    if ctx.situations.available():
        t0 = time.perf_counter()
        ctx.situations.readers()  # the advisor's situation readers: a few seconds, once per training file
        console.print(f"advisor situation readers ready ({time.perf_counter() - t0:.1f} s)")
