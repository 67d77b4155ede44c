"""Hands-free turns: microphone chunks collected per session until the seller stops speaking (a pause of
END_PAUSE_S after speech), then handed over as one recording. Chunks that arrive while the buyer's reply is still
playing are dropped, so the buyer's own voice from the loudspeaker is not taken for the seller's."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import numpy as np

from coach.voice.audio import MAX_SECONDS, STT_RATE, for_stt

END_PAUSE_S = 0.9  # silence after speech that ends a hands-free turn
MIN_SPEECH_S = 0.4


@dataclass
class _Buffer:
    chunks: list[np.ndarray] = field(default_factory=list)
    started: float | None = None  # epoch seconds of the first chunk kept

    def seconds(self) -> float:
        return sum(c.size for c in self.chunks) / STT_RATE


class Listener:
    """Per-session buffers; `feed` returns a finished utterance (16 kHz float32, and the epoch second its recording
    began) or None."""

    def __init__(self, spans=None):
        from coach.voice.speech import speech_spans
        self._spans = spans or speech_spans
        self._buffers: dict[str, _Buffer] = {}
        self._mute_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def mute_until(self, session_id: str, until: float) -> None:
        """Ignore the microphone until `until` (epoch s): the buyer is speaking."""
        with self._lock:
            self._mute_until[session_id] = until
            self._buffers.pop(session_id, None)

    def reset(self, session_id: str) -> None:
        with self._lock:
            self._buffers.pop(session_id, None)

    def feed(self, session_id: str, rate: int, samples: np.ndarray,
             now: float | None = None) -> tuple[np.ndarray, float] | None:
        now = time.time() if now is None else now
        x = for_stt(rate, samples)
        with self._lock:
            if now < self._mute_until.get(session_id, 0.0):
                return None
            buf = self._buffers.setdefault(session_id, _Buffer())
            if buf.started is None:
                buf.started = now - x.size / STT_RATE  # the chunk arrives at its end
            buf.chunks.append(x)
            audio, started = np.concatenate(buf.chunks), buf.started
        spans = self._spans(audio)
        if not spans:
            if audio.size > 10 * STT_RATE:  # long silence: keep only the last seconds
                with self._lock:
                    self._buffers[session_id] = _Buffer([audio[-2 * STT_RATE:]], now - 2.0)
            return None
        spoken = sum(e - s for s, e in spans)
        ended = audio.size / STT_RATE - spans[-1][1] >= END_PAUSE_S
        if (ended and spoken >= MIN_SPEECH_S) or audio.size >= MAX_SECONDS * STT_RATE:
            with self._lock:
                self._buffers.pop(session_id, None)
            return audio, started
        return None
