"""`coach roleplay`: rehearse a negotiation, interactively or from a script."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from coach.cli.common import _ctx, _dump, console, err
from coach.context import Context


def _read_script(path: Path) -> list[str]:
    """Trainee turns: a JSON list of strings, or one turn per non-empty line."""
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        data = json.loads(text)
        if not isinstance(data, list) or not all(isinstance(x, str) for x in data):
            raise ValueError(f"{path}: a JSON script must be a list of strings")
        return data
    return [line for line in text.splitlines() if line.strip()]


def _run_script(ctx: Context, rp: Any, sid: str, script: Path, as_json: bool) -> None:
    """Play every scripted turn, end the session and print its outcome (or the whole run as JSON)."""
    from coach.roleplay import RolePlayError
    try:
        lines = _read_script(script)
    except (OSError, ValueError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    for line in lines:
        try:
            t = rp.turn(sid, line)
            reply = t.text()
        except RolePlayError as exc:
            err.print(f"error: {exc}", markup=False)
            break
        if not as_json:
            console.print(f"[bold]you:[/] {line}", markup=True, highlight=False)
            console.print(f"[bold]{t.result.move}:[/] {reply}", highlight=False)
        if t.result.ended:
            break
    row = ctx.store.get_session(sid)
    if row.status == "active":
        rp.end(sid)
        row = ctx.store.get_session(sid)
    data = {"session_id": sid, "scenario": row.scenario_id,
            "turns": [{"n": t["n"], "role": t["role"], "text": t["text"], "act": t["act"]}
                      for t in rp.transcript(sid) if t["role"] in ("trainee", "persona")],
            "outcome": row.outcome}
    if as_json:
        _dump(data)
    else:
        console.print_json(json.dumps(row.outcome, ensure_ascii=False))


def _interactive(ctx: Context, rp: Any, sid: str, scenario: str) -> None:
    """Read turns from the terminal until /end (or end of input) or until the persona ends the session."""
    from coach.roleplay import RolePlayError
    sc = ctx.packs.scenarios[scenario] if scenario in ctx.packs.scenarios else None
    if sc:
        persona = ctx.packs.personas[sc.persona]
        console.print(f"[bold]{sc.title}[/]", highlight=False)
        console.print(sc.situation, markup=False)
        console.print(f"You meet {persona.name}, {persona.role}. Time box: {sc.time_box_minutes} min. "
                      "Type /end to finish.", markup=False)
    while True:
        try:
            line = input("you> ")
        except (EOFError, KeyboardInterrupt):
            line = "/end"
        if line.strip() == "/end":
            outcome = rp.end(sid)
            console.print_json(json.dumps(outcome, ensure_ascii=False))
            console.print(f"session {sid}: debrief with `coach debrief {sid}`", markup=False)
            return
        try:
            t = rp.turn(sid, line)
            for piece in t:
                console.print(piece, end="", markup=False, highlight=False)
            console.print()
        except RolePlayError as exc:
            err.print(f"error: {exc}", markup=False)
            continue
        if t.result.whisper:
            console.print(f"[dim italic]{t.result.whisper}[/]", highlight=False)
        if t.result.ended:
            console.print(f"(session ended: {t.result.ended})", markup=False)
            console.print_json(json.dumps(ctx.store.get_session(sid).outcome, ensure_ascii=False))
            return


def roleplay(
    scenario: Annotated[str, typer.Option("--scenario", help="scenario id (coach packs list)")],
    home: Annotated[Optional[str], typer.Option("--home", help="your home culture (ISO code)")] = None,
    script: Annotated[Optional[Path], typer.Option("--script", help="one trainee turn per line, or a JSON list of strings")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    bank: Annotated[bool, typer.Option("--bank", help="phrase-bank only, no model (deterministic)")] = False,
    whisper: Annotated[bool, typer.Option("--whisper", help="private coach hints after known mistakes")] = False,
    resume: Annotated[Optional[str], typer.Option("--resume", help="continue a session by id")] = None,
    audio_script: Annotated[Optional[Path], typer.Option("--audio-script", help="a directory of WAV files played as "
                                                         "your turns in name order (the voice extra)")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="with --audio-script: write the buyer's spoken replies "
                                                "here as NN-reply.wav")] = None,
) -> None:
    """Rehearse a negotiation against a market persona (interactive, or scripted with --script)."""
    from coach.roleplay import RolePlayError
    ctx = _ctx()
    rp = ctx.roleplay("bank" if bank else "auto")
    if audio_script is not None:
        from coach.cli.voice import run_audio_script
        run_audio_script(ctx, rp, scenario, audio_script, home, out, as_json)
        return
    try:
        if resume:
            sid = resume
            rp.resume(sid)
        else:
            sid = rp.start(scenario, home=home, whisper=whisper)
    except RolePlayError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    if script is not None:
        _run_script(ctx, rp, sid, script, as_json)
    else:
        _interactive(ctx, rp, sid, scenario)
