"""A spoken turn through the same pipeline as a typed one: recording -> transcript + timing -> role-play turn ->
the reply spoken sentence by sentence. Shared by the Rehearse tab, `coach roleplay --audio-script` and the bench.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from coach.voice.audio import AudioError, read_wav
from coach.voice.timing import VoiceTiming, timing_from_speech

FIRST_AUDIO_BUDGET = 2.5  # seconds from the end of the seller's speech to the first audio of the reply
TTS_RESERVE = 0.4  # seconds kept for speaking the first sentence
_STAGE = re.compile(r"\([^)]*\)|\[[^\]]*\]|\*[^*]*\*")  # "(silence)", "[pauses]", "*nods*": shown, not spoken


@dataclass
class SpokenTurn:
    text: str
    timing: VoiceTiming
    stream: Any | None = None  # the role-play TurnStream (None when nothing was heard)
    reply_audio: list[tuple[int, np.ndarray]] = field(default_factory=list)
    first_audio_s: float | None = None  # end of speech (recording received) -> first sentence's audio ready
    reply_audio_s: float = 0.0


class NothingHeard(ValueError):
    """The recording held no speech; the message says what to do."""


def record_reply_audio(rp: Any, session_id: str, persona_n: int, audio_s: float) -> None:
    """How long the buyer's spoken reply lasted (for talk time in seconds in the debrief)."""
    for t in rp.store.turns(session_id):
        if t.n == persona_n and t.role == "persona":
            rp.store.update_turn(t.id, meta={**(t.meta or {}), "voice": {"audio_s": round(float(audio_s), 2)}})
            return


def silence_wait(rp: Any, session_id: str) -> float:
    """How long this buyer's deliberate silence lasts in voice mode (the market's voice norms)."""
    row = rp.store.get_session(session_id)
    market = rp.packs.markets.get(row.market) if row else None
    return float(market.voice.pause_s) if market and market.voice else 3.0


def last_persona_move(store: Any, session_id: str) -> str | None:
    turns = [t for t in store.turns(session_id) if t.role == "persona"]
    return (turns[-1].meta or {}).get("move") if turns else None


def hear(speech: Any, rp: Any, session_id: str, rate: int, samples: np.ndarray,
         pause_s: float | None = None) -> tuple[str, VoiceTiming]:
    """Transcript and timing of a recording (pause_s: None = the recording's own leading silence)."""
    heard = speech.transcribe(rate, samples)
    if not heard.text:
        raise NothingHeard("No speech was heard in that recording. Check the microphone and speak after pressing "
                           "record (or type your line).")
    if pause_s is None and heard.speech:
        pause_s = heard.speech[0][0]
    wait = silence_wait(rp, session_id) if last_persona_move(rp.store, session_id) == "silence" else None
    t = timing_from_speech(heard.text, heard.audio_s, heard.speech, pause_s=pause_s, silence_wait_s=wait,
                           stt_ms=heard.stt_ms, language=heard.language)
    return heard.text, t


def voice_budget(rp: Any, spent_s: float) -> float:
    """What is left of the first-audio budget for the model, after transcription and with room for speech."""
    left = FIRST_AUDIO_BUDGET - spent_s - TTS_RESERVE
    configured = rp.budget if rp.budget > 0 else left
    return max(0.05, min(configured, left))


def speakable(text: str) -> str:
    """The reply without stage directions; '' when nothing is left to say (a silence)."""
    said = re.sub(r"\s+", " ", _STAGE.sub(" ", text or "")).strip()
    return said if re.search(r"\w", said) else ""


def spoken_turn(speech: Any, rp: Any, session_id: str, rate: int, samples: np.ndarray, persona_id: str = "",
                pause_s: float | None = None, speak: bool = True) -> SpokenTurn:
    """Hear, play the turn, speak the reply; timings measured from the moment the recording is handed over."""
    t0 = time.perf_counter()
    text, timing = hear(speech, rp, session_id, rate, samples, pause_s)
    stream = rp.turn(session_id, text, voice=timing.as_meta(), budget=voice_budget(rp, time.perf_counter() - t0))
    reply = stream.text()
    out = SpokenTurn(text, timing, stream)
    if speak:
        for rate_out, chunk in speech.speak(speakable(reply), persona_id):
            if out.first_audio_s is None:  # the app plays the first sentence as soon as it is synthesised
                out.first_audio_s = time.perf_counter() - t0
            out.reply_audio.append((rate_out, chunk))
            out.reply_audio_s += chunk.size / rate_out
        record_reply_audio(rp, session_id, stream.result.persona_n, out.reply_audio_s)
    return out


def audio_script(directory: Path) -> list[Path]:
    """The WAV files of an audio script, in name order (01-hello.wav, 02-price.wav …)."""
    d = Path(directory)
    if not d.is_dir():
        raise AudioError(f"{d}: not a directory of WAV files")
    files = sorted(p for p in d.iterdir() if p.suffix.lower() == ".wav")
    if not files:
        raise AudioError(f"{d}: no .wav files (name them 01-….wav, 02-….wav in speaking order)")
    return files


def play_audio_script(speech: Any, rp: Any, scenario_id: str, directory: Path, home: str | None = None,
                      out_dir: Path | None = None, seed: str | None = None) -> tuple[str, list[SpokenTurn]]:
    """Play each WAV as the seller's turn (its leading silence is the pause after the buyer's line); the buyer's
    replies are spoken and, with out_dir, written as NN-reply.wav. Returns the session id and the turns."""
    from coach.voice.audio import write_wav
    files = audio_script(directory)
    persona_id = rp.packs.scenarios[scenario_id].persona if scenario_id in rp.packs.scenarios else ""
    sid = rp.start(scenario_id, home=home, seed=seed)
    turns: list[SpokenTurn] = []
    for i, f in enumerate(files, 1):
        rate, samples = read_wav(f)
        try:
            turn = spoken_turn(speech, rp, sid, rate, samples, persona_id, speak=True)
        except NothingHeard:
            raise AudioError(f"{f.name}: no speech heard") from None
        turns.append(turn)
        if out_dir is not None and turn.reply_audio:
            out_dir.mkdir(parents=True, exist_ok=True)
            write_wav(out_dir / f"{i:02d}-reply.wav", turn.reply_audio[0][0],
                      np.concatenate([c for _, c in turn.reply_audio]))
        if turn.stream.result.ended:
            break
    if rp.store.get_session(sid).status == "active":
        rp.end(sid)
    return sid, turns
