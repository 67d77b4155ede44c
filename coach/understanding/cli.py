"""`coach understand`: how the understanding layer reads a seller's line (for trainers and tests)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

MAX_BATCH_LINES = 100_000


def _scenario(ctx: Any, sid: str | None, where: str) -> Any:
    if not sid:
        return None
    sc = ctx.packs.scenarios.get(sid)
    if sc is None:
        raise typer.BadParameter(f"{where}: no scenario '{sid}' (see `coach packs list`)")
    return sc


def understand_cmd(
    text: Annotated[Optional[str], typer.Argument(help="the seller's line")] = None,
    before: Annotated[Optional[str], typer.Option("--before", help="the buyer's previous line")] = None,
    scenario: Annotated[Optional[str], typer.Option("--scenario", help="scenario id (for prices and terms)")] = None,
    batch: Annotated[Optional[Path], typer.Option("--batch", help='JSONL: one {"text", "before", "scenario"} per line')] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output (one object per line with --batch)")] = False,
) -> None:
    """Read a seller's line: dialogue acts (with confidence), topics, terms."""
    from coach.context import Context
    if (text is None) == (batch is None):
        sys.stderr.write("error: give either TEXT or --batch FILE\n")
        raise typer.Exit(2)
    ctx = Context()
    reader = ctx.understander
    if batch is not None:
        try:
            lines = batch.read_text(encoding="utf-8").splitlines()[:MAX_BATCH_LINES]
        except (OSError, UnicodeDecodeError) as exc:
            sys.stderr.write(f"error: {batch}: {exc}\n")
            raise typer.Exit(2) from None
        items = []
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                if not isinstance(d, dict) or not isinstance(d.get("text", ""), str):
                    raise ValueError('each line needs {"text": "..."}')
            except ValueError as exc:
                sys.stderr.write(f"error: {batch}:{n}: {exc}\n")
                raise typer.Exit(2) from None
            items.append((d.get("text") or "", _scenario(ctx, d.get("scenario"), f"{batch}:{n}"), d.get("before")))
        for u in reader.read_many(items):
            sys.stdout.write(json.dumps(u.to_json(), ensure_ascii=False) + "\n")
        return
    u = reader.read(text, _scenario(ctx, scenario, "--scenario"), before)
    if as_json:
        sys.stdout.write(json.dumps(u.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    acts = ", ".join(f"{a} {u.confidence.get(a, 1.0):.2f}" for a in u.acts)
    topics = ", ".join(u.topics) or "-"
    terms = {**({"price": u.price} if u.price is not None else {}), **u.terms}
    sys.stdout.write(f"acts: {acts}\ntopics: {topics}\nterms: {terms or '-'}\n({u.source}, {u.elapsed_ms:.1f} ms)\n")
