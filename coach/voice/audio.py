"""Audio as numpy arrays: read and write 16-bit WAV, mono float32 at 16 kHz for speech recognition, the sentences
of a reply for speaking it one by one. Only the standard library and numpy."""
from __future__ import annotations

import io
import re
import wave
from pathlib import Path

import numpy as np

STT_RATE = 16_000
MAX_SECONDS = 120.0  # a spoken turn longer than this is cut (and said so)


class AudioError(ValueError):
    """An audio file or recording that cannot be used; the message names it."""


def read_wav(path: Path | str) -> tuple[int, np.ndarray]:
    """(sample rate, int16 mono samples) of a PCM WAV file; clear errors for anything else."""
    p = Path(path)
    try:
        with wave.open(str(p), "rb") as w:
            rate, width, channels, frames = w.getframerate(), w.getsampwidth(), w.getnchannels(), w.getnframes()
            raw = w.readframes(frames)
    except (wave.Error, EOFError) as exc:
        raise AudioError(f"{p.name}: not a PCM WAV file ({exc})") from None
    except OSError as exc:
        raise AudioError(f"{p.name}: cannot read ({exc.strerror or exc})") from None
    if width != 2:
        raise AudioError(f"{p.name}: {8 * width}-bit samples; use 16-bit PCM WAV")
    data = np.frombuffer(raw, dtype="<i2")
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1).astype(np.int16)
    return rate, data


def wav_bytes(rate: int, samples: np.ndarray) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(to_int16(samples).tobytes())
    return buf.getvalue()


def write_wav(path: Path | str, rate: int, samples: np.ndarray) -> Path:
    p = Path(path)
    p.write_bytes(wav_bytes(rate, samples))
    return p


def to_int16(samples: np.ndarray) -> np.ndarray:
    if samples.dtype == np.int16:
        return samples
    x = np.asarray(samples, dtype=np.float32)
    if x.size and np.abs(x).max() > 1.0 + 1e-6:  # int-like values in a float array
        return np.clip(x, -32768, 32767).astype(np.int16)
    return (np.clip(x, -1.0, 1.0) * 32767).astype(np.int16)


def for_stt(rate: int, samples: np.ndarray) -> np.ndarray:
    """Mono float32 in [-1, 1] at 16 kHz (linear resampling is enough for speech recognition)."""
    x = np.asarray(samples)
    if x.ndim > 1:
        x = x.mean(axis=1)
    if x.dtype == np.int16 or (x.size and np.abs(x).max() > 1.0 + 1e-6):
        x = x.astype(np.float32) / 32768.0
    else:
        x = x.astype(np.float32)
    if rate != STT_RATE and x.size:
        n = int(round(x.size * STT_RATE / rate))
        x = np.interp(np.linspace(0, x.size - 1, n), np.arange(x.size), x).astype(np.float32)
    return x


_SENTENCE = re.compile(r"(?<=[.!?…。！？])\s+")


def sentences(text: str, min_chars: int = 12) -> list[str]:
    """A reply cut into sentences to speak one by one (very short ones join the next)."""
    out: list[str] = []
    for part in _SENTENCE.split((text or "").strip()):
        if out and len(out[-1]) < min_chars:
            out[-1] = f"{out[-1]} {part}"
        elif part:
            out.append(part)
    return out
