"""`coach advise`: the three most common mistakes for a meeting."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer

from coach.cli.common import _ctx, _dump, console, err

if TYPE_CHECKING:
    from coach.advisor import Advice


def _print_advice(adv: "Advice") -> None:
    """Render advice as a header, warnings and one panel per mistake."""
    from rich.panel import Panel
    from rich.text import Text
    head = f"[bold]{adv.market_name or 'unknown market'}[/]"
    if adv.home:
        head += f" · you: {adv.home}"
    if adv.persona:
        head += f" · closest persona: {adv.persona}"
    console.print(head + f" · confidence {adv.confidence:.2f} · {adv.elapsed_ms} ms")
    for w in adv.warnings:
        console.print(f"[yellow]![/] {w}", markup=True, highlight=False)
    for i, m in enumerate(adv.mistakes, 1):
        body = Text()
        body.append("Why: ", style="bold")
        body.append(m.why + "\n")
        body.append("Instead: ", style="bold")
        body.append(m.instead + "\n")
        if m.phrase:
            body.append("Say: ", style="bold")
            body.append(f"\u201c{m.phrase}\u201d")
            if m.phrase_native:
                body.append(f"  {m.phrase_native}" + (f" ({m.phrase_transliteration})" if m.phrase_transliteration else ""))
            body.append("\n")
        if m.sources:
            body.append("Cases: " + "; ".join(f"{s.id}" for s in m.sources), style="dim")
        console.print(Panel(body, title=Text(f"{i}. {m.title}"), subtitle=m.scale, expand=True))


def _advise_batch(advisor: Any, batch: Path) -> NoReturn:
    """One JSON line of advice (or of error) per input line; exit 1 when any line failed."""
    from coach.advisor import AdviceInputError
    failed = 0
    try:
        lines = batch.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        err.print(f"[red]error:[/] cannot read {batch}: {exc}")
        raise typer.Exit(2) from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('each line must be an object with a "text" string')
            adv = advisor.advise(item["text"], home=item.get("home"))
            out = adv.model_dump(mode="json")
        except (ValueError, AdviceInputError) as exc:
            failed += 1
            out = {"error": f"{batch}:{n}: {exc}", "line": n}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    raise typer.Exit(1 if failed else 0)


def advise(
    text: Annotated[Optional[str], typer.Argument(help="who you are meeting, e.g. \"Saudi procurement lead, first meeting, I'm Italian\"")] = None,
    home: Annotated[Optional[str], typer.Option("--home", help="your home culture (ISO code), if not in the text")] = None,
    batch: Annotated[Optional[Path], typer.Option("--batch", help="JSONL file: one {\"text\", \"home\"} per line")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    intro: Annotated[bool, typer.Option("--intro", help="add a short LLM-written introduction (checked)")] = False,
) -> None:
    """The three most common mistakes for this meeting, grounded in situated cases."""
    from coach.advisor import AdviceInputError
    if (text is None) == (batch is None):
        err.print("[red]error:[/] give either TEXT or --batch FILE")
        raise typer.Exit(2)
    advisor = _ctx().advisor
    if batch is not None:
        _advise_batch(advisor, batch)
    try:
        adv = advisor.advise(text or "", home=home)
    except AdviceInputError as exc:
        if as_json:
            _dump({"error": str(exc)})
        else:
            err.print(f"[red]error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    if as_json:
        data = adv.model_dump(mode="json")
        if intro:
            data["introduction"] = "".join(advisor.introduction(adv, text or ""))
        _dump(data)
        return
    _print_advice(adv)
    if intro:
        console.print("".join(advisor.introduction(adv, text or "")), markup=False)
