"""`coach eval`: run registered evals against their thresholds."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table

from coach.cli.common import _dump, console, err
from coach.context import Context


def _eval_context(model: Optional[str], judge: Optional[str], pack: Optional[Path]) -> Context:
    """Settings with the model overrides and the extra pack root; exit 1 when the packs do not load cleanly."""
    from coach.settings import load_settings
    overrides: dict = {}
    if model:
        overrides.update(persona_model=model, judge_model=model, advisor_model=model)
    if judge:
        overrides.update(judge_model=judge)
    settings = load_settings(**overrides)
    if pack is not None:
        settings = settings.model_copy(update={"packs": list(settings.packs) + [pack.resolve()]})
    ctx = Context(settings)
    if ctx.packs.errors:
        for e in ctx.packs.errors:
            err.print(str(e), markup=False)
        raise typer.Exit(1)
    return ctx


def _choose(eval_id: str, specs: dict, market: Optional[str], pack: Optional[Path]) -> tuple[list[str], Optional[str]]:
    """The eval ids to run and the market to restrict them to ('pack' means every eval, for one market)."""
    if eval_id == "pack":
        if not market and pack is not None:
            from coach.packs import load_packs
            own = load_packs([pack])
            codes = sorted({c.markets[0] for c in own.cases.values()} | set(own.markets) | {p.market for p in own.personas.values()})
            market = codes[0] if len(codes) == 1 else None
        if not market:
            err.print("error: `coach eval pack` needs --market CC (or a --pack with one market)", markup=False)
            raise typer.Exit(2)
        chosen = list(specs)
    else:
        chosen = list(specs) if eval_id == "all" else [eval_id]
    unknown = [c for c in chosen if c not in specs]
    if unknown:
        err.print(f"error: unknown eval {', '.join(unknown)}; known: {', '.join(specs)}, pack", markup=False)
        raise typer.Exit(2)
    return chosen, market


def _run(chosen: list[str], specs: dict, ctx: Context, fast: bool, market: Optional[str]) -> list[Any]:
    """Run each chosen eval with a progress bar on stderr."""
    from rich.progress import Progress
    from coach.evals import RunOptions, run_eval
    results = []
    with Progress(console=err, transient=True) as progress:
        for c in chosen:
            task = progress.add_task(c, total=None)
            opts = RunOptions(fast=fast, market=market.upper() if market else None,
                              progress=lambda done, total, t=task: progress.update(t, completed=done, total=total))
            results.append(run_eval(*specs[c], ctx, opts))
    return results


def _print_results(results: list[Any]) -> None:
    """A metric table against thresholds, then up to five missed items per eval."""
    table = Table("eval", "metric", "value", "threshold", "pass")
    for r in results:
        for name, value in r.metrics.items():
            bound = r.spec.thresholds.get(name)
            if bound is None:
                table.add_row(r.spec.id, name, f"{value:g}", "", "")
                continue
            lower = name in r.spec.lower_is_better
            ok = value == value and (value <= bound if lower else value >= bound)
            verdict = "n/a" if value != value else ("[green]pass[/]" if ok else "[red]FAIL[/]")  # nan: no such items
            table.add_row(r.spec.id, name, f"{value:g}", f"{'<=' if lower else '>='} {bound:g}", verdict)
    console.print(table)
    console.print("time: " + ", ".join(f"{r.spec.id} {r.seconds:.0f} s" for r in results), highlight=False)
    for r in results:
        for item in r.items[:5]:
            if item.get("ok") is False:  # an item that missed; the eval fails only on its thresholds
                label = "[red]fail[/]" if r.failures else "[yellow]missed item[/]"
                console.print(f"{label} {r.spec.id}: " + json.dumps(item, ensure_ascii=False, default=str)[:300],
                              highlight=False)


def eval_cmd(
    eval_id: Annotated[str, typer.Argument(metavar="ID", help="an eval id from evals/*.yaml, 'all', or 'pack'")] = "all",
    model: Annotated[Optional[str], typer.Option("--model", help="litellm model string for persona and judge")] = None,
    judge: Annotated[Optional[str], typer.Option("--judge", help="litellm model string for the judge only (adds "
                                                 "LLM-judged yes/no criteria when it is a provider model)")] = None,
    pack: Annotated[Optional[Path], typer.Option("--pack", help="a pack root to add and evaluate (with 'pack': its market)")] = None,
    market: Annotated[Optional[str], typer.Option("--market", help="only what concerns this market")] = None,
    fast: Annotated[bool, typer.Option("--fast", help="the CI subset")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", help="write a report (.html, .md or .json)")] = None,
    evals_dir: Annotated[Optional[Path], typer.Option(help="registry directory")] = None,
) -> None:
    """Run registered evals; print metrics against thresholds; exit 1 when a threshold fails."""
    from coach.evals import load_specs
    from coach.settings import PROJECT_ROOT
    specs = load_specs(evals_dir or PROJECT_ROOT / "evals")
    ctx = _eval_context(model, judge, pack)
    chosen, market = _choose(eval_id, specs, market, pack)
    results = _run(chosen, specs, ctx, fast, market)
    failed = any(r.failures for r in results)
    payload = [{"id": r.spec.id, "metrics": r.metrics, "thresholds": r.spec.thresholds, "failures": r.failures,
                "seconds": r.seconds, "items": r.items} for r in results]
    if out is not None:
        from coach.evals.report import write_report
        write_report(payload, out, model=ctx.settings.model_for("persona"), pack_version=ctx.packs.version(), fast=fast)
    if as_json:
        _dump(payload)
    else:
        _print_results(results)
    raise typer.Exit(1 if failed else 0)
