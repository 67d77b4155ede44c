"""`coach debrief`: score a rehearsal or an imported transcript."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.table import Table

from coach.cli.common import _ctx, _dump, console, err

if TYPE_CHECKING:
    from coach.debrief.models import DebriefResult


def _print_debrief(d: "DebriefResult") -> None:
    """Render a debrief: overall score, dimension table, mistakes, KPIs, next steps, judge."""
    from coach.debrief.models import DIMENSION_LABELS
    console.print(f"[bold]Overall {d.overall}/100[/] · {d.scenario} · market {d.market}" + (f" · you: {d.home}" if d.home else ""))
    for note in (d.shortfall_note, d.mistake_note):
        if note:
            console.print(note, highlight=False, markup=False)
    table = Table("dimension", "score", "weight", "evidence")
    for name, label in DIMENSION_LABELS.items():
        ds = getattr(d.dimensions, name)
        ev = "; ".join(f"turn {e.turn}: {e.note}" for e in ds.evidence[:3])
        table.add_row(label, str(ds.score), f"{d.weights[name]:.2f}", ev)
    console.print(table)
    if d.manner is not None:
        console.print(f"manner beside rehearsed pairs: {d.manner.summary}", highlight=False, markup=False)
        for e in d.manner.evidence:
            console.print(f"  turn {e.turn}: {e.quote} — {e.note}", highlight=False, markup=False)
    for m in d.mistakes:
        console.print(f"[red]-[/] turn {m.turn}: {m.title} ({m.scale})" + (f" — case {m.case_id}: {m.instead}" if m.case_id else ""),
                      highlight=False)
    k = d.kpis
    console.print(f"KPIs: first offer {k.first_offer} (anchor {k.anchor_vs_list}), concessions {k.concessions_count} "
                  f"({k.concessions_untraded} untraded), talk ratio {k.talk_ratio}, question rate {k.question_rate}, "
                  f"agreement {k.agreement}", highlight=False)
    for step in d.next_steps:
        console.print(f"[green]>[/] {step}", highlight=False)
    if d.judge:
        console.print(f"judge {d.judge.model}: {'ok' if d.judge.ok else 'failed'} {d.judge.narrative or d.judge.error or ''}",
                      markup=False)
        if d.judge.variance:
            console.print(f"judge variance over {d.judge.runs} runs: "
                          + ", ".join(f"{k} {v:g}" for k, v in d.judge.variance.items()), markup=False)


def debrief(
    session_id: Annotated[Optional[str], typer.Argument(metavar="SESSION_ID")] = None,
    transcript: Annotated[Optional[Path], typer.Option("--transcript", help='JSON: {"scenario", "home", "turns": [{"role", "text"}]}')] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    judge: Annotated[bool, typer.Option("--judge", help="add the LLM judge's narrative and bounded adjustments")] = False,
    k: Annotated[int, typer.Option("--k", min=1, max=10, help="judge runs (variance shown when k > 1)")] = 1,
) -> None:
    """Score a rehearsal (or an imported transcript) with evidence, KPIs and matched cases."""
    from coach.debrief import DebriefError, DebriefService
    if (session_id is None) == (transcript is None):
        err.print("error: give either SESSION_ID or --transcript FILE", markup=False)
        raise typer.Exit(2)
    ctx = _ctx()
    ctx.ensure_index()
    svc = DebriefService(ctx.packs, ctx.store, index=ctx.index, understander=ctx.understander, manner=ctx.manner, moves=ctx.moves,
                         gateway=ctx.gateway if judge else None)
    try:
        if transcript is not None:
            try:
                data = json.loads(transcript.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise DebriefError(f"{transcript}: {exc}") from None
            result = svc.for_transcript(data, judge=judge, k=k)
        else:
            result = svc.for_session(session_id or "", judge=judge, k=k)
    except DebriefError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    if as_json:
        _dump(result.model_dump(mode="json"))
    else:
        _print_debrief(result)
