"""Voice on the command line: `coach say` (text -> WAV in the offline voice), `coach hear` (WAV -> text and timing),
and the audio script player behind `coach roleplay --audio-script DIR` (WAV files as the seller's turns)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from coach.cli.common import _ctx, _dump, console, err


def _speech(ctx: Any) -> Any:
    from coach.voice import VoiceUnavailable
    try:
        return ctx.speech
    except VoiceUnavailable as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None


def say(
    text: Annotated[str, typer.Argument(help="what to say (English; the one offline voice)")],
    out: Annotated[Path, typer.Option("--out", help="the WAV file to write")] = Path("say.wav"),
    persona: Annotated[Optional[str], typer.Option("--persona", help="speak at this persona's pace")] = None,
) -> None:
    """Speak a line in the offline voice into a WAV file (Piper, US English)."""
    import numpy as np
    from coach.voice.audio import write_wav
    ctx = _ctx()
    if persona and persona not in ctx.packs.personas:
        err.print(f"error: no persona '{persona}'", markup=False)
        raise typer.Exit(2)
    parts = list(_speech(ctx).speak(text, persona or ""))
    if not parts:
        err.print("error: nothing to say (the text has no words)", markup=False)
        raise typer.Exit(2)
    write_wav(out, parts[0][0], np.concatenate([c for _, c in parts]))
    console.print(f"wrote {out} ({sum(c.size for _, c in parts) / parts[0][0]:.1f} s)", markup=False)


def hear(
    wav: Annotated[Path, typer.Argument(help="a 16-bit PCM WAV file")],
    language: Annotated[str, typer.Option("--language", help="en, or the buyer's language (multilingual model)")] = "en",
    phrase: Annotated[Optional[str], typer.Option("--phrase", help="check an attempt at this courtesy phrase")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Transcribe a WAV file with its timing, or check an attempt at a courtesy phrase (best effort)."""
    from coach.voice.audio import AudioError, read_wav
    from coach.voice.speech import speech_spans
    from coach.voice.timing import timing_from_speech
    ctx = _ctx()
    try:
        rate, samples = read_wav(wav)
    except AudioError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    sp = _speech(ctx)
    if phrase:
        check = sp.check_phrase(rate, samples, phrase, language)
        data: dict = {"heard": check.heard, "phrase": phrase, "similarity": check.similarity,
                      "recognisable": check.recognisable, "language": language, "note": check.note}
    else:
        heard = sp.transcribe(rate, samples, language=language)
        t = timing_from_speech(heard.text, heard.audio_s, heard.speech, stt_ms=heard.stt_ms, language=heard.language)
        data = {"text": heard.text, "timing": t.as_meta(), "cut": heard.cut}
    if as_json:
        _dump(data)
    else:
        for k, v in data.items():
            console.print(f"{k}: {v}", markup=False, highlight=False)


def run_audio_script(ctx: Any, rp: Any, scenario: str, directory: Path, home: str | None, out: Path | None,
                     as_json: bool) -> None:
    """`coach roleplay --audio-script DIR`: each WAV is a seller turn; replies are spoken (and saved with --out)."""
    from coach.roleplay import RolePlayError
    from coach.voice.audio import AudioError
    from coach.voice.rehearsal import play_audio_script
    sp = _speech(ctx)
    try:
        sid, turns = play_audio_script(sp, rp, scenario, directory, home=home, out_dir=out)
    except (AudioError, RolePlayError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    rows = []
    for t in turns:
        r = t.stream.result
        rows.append({"you": t.text, "timing": t.timing.as_meta(), "move": r.move, "reply": r.text,
                     "reply_audio_s": round(t.reply_audio_s, 2), "first_audio_s": round(t.first_audio_s or 0, 3)})
        if not as_json:
            console.print(f"[bold]you[/] ({t.timing.speech_s} s, pause {t.timing.pause_s} s): {t.text}", highlight=False)
            console.print(f"[bold]{r.move}[/] ({t.reply_audio_s:.1f} s of audio): {r.text}", highlight=False)
    row = ctx.store.get_session(sid)
    if as_json:
        _dump({"session_id": sid, "scenario": scenario, "turns": rows, "outcome": row.outcome})
    else:
        console.print(f"session {sid}: debrief with `coach debrief {sid}`", markup=False)
