"""What a spoken turn tells beyond its words: how long, how fast, and the pause before it (pure; no speech libs).

Conventions: `lead_s` is the silence at the start of a recording before speech; `pause_s` is the time from the end
of the buyer's line (its audio) to the start of the seller's speech. In an audio script each WAV starts when the
buyer stops speaking, so its leading silence is the pause.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class VoiceTiming:
    audio_s: float  # the whole recording
    speech_s: float  # from the first to the last speech in it
    lead_s: float  # silence before the first speech
    words: int
    wpm: float  # words per minute of speech
    pause_s: float | None = None  # after the buyer's line, before the seller spoke (None: not known)
    into_silence: bool = False  # spoke before the buyer's deliberate silence was over
    held_silence: bool = False  # this turn is the seller waiting the buyer's silence out (no speech)
    stt_ms: int | None = None  # transcription time
    language: str | None = None

    def as_meta(self) -> dict:
        return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in asdict(self).items() if v is not None}


def timing_from_speech(text: str, audio_s: float, speech: list[tuple[float, float]], pause_s: float | None = None,
                       silence_wait_s: float | None = None, stt_ms: int | None = None,
                       language: str | None = None) -> VoiceTiming:
    """Timing of one spoken turn from its transcript, the recording's length and its speech spans (seconds).

    silence_wait_s: when the buyer's last move was a deliberate silence, how long it lasts; speaking sooner is
    `into_silence`."""
    words = len(text.split())
    if speech:
        lead, end = speech[0][0], speech[-1][1]
        spoken = max(0.0, end - lead)
    else:
        lead, spoken = audio_s, 0.0
    wpm = round(60.0 * words / spoken, 1) if spoken >= 0.5 else 0.0
    into = bool(silence_wait_s is not None and pause_s is not None and words and pause_s < silence_wait_s)
    return VoiceTiming(audio_s=round(audio_s, 2), speech_s=round(spoken, 2), lead_s=round(lead, 2), words=words,
                       wpm=wpm, pause_s=None if pause_s is None else round(max(0.0, pause_s), 2), into_silence=into,
                       stt_ms=stt_ms, language=language)


def pause_before(received_at: float, audio_s: float, lead_s: float, buyer_done_at: float | None) -> float | None:
    """The pause before the seller spoke, for a recording received at `received_at` (epoch seconds) that lasted
    `audio_s` and began with `lead_s` of silence, after the buyer's line finished at `buyer_done_at`."""
    if buyer_done_at is None:
        return None
    started = received_at - audio_s + lead_s
    return max(0.0, started - buyer_done_at)


def held_silence(waited_s: float) -> VoiceTiming:
    """The seller let the buyer's silence run its course (the app sends '...' as their turn)."""
    return VoiceTiming(audio_s=round(waited_s, 2), speech_s=0.0, lead_s=round(waited_s, 2), words=0, wpm=0.0,
                       pause_s=round(waited_s, 2), held_silence=True)
