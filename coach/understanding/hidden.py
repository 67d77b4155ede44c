"""Text smuggled past the reader: base64, rot13, leetspeak, letters spelled out one by one, Unicode tags."""
from __future__ import annotations

import base64
import binascii
import codecs
import re


def hidden_texts(text: str) -> list[str]:
    """Base64, rot13, leetspeak, spelled-out and Unicode-tag smuggling: decode so the act detector sees the intent."""
    out = []
    tags = "".join(chr(ord(c) - 0xE0000) for c in text if 0xE0020 <= ord(c) <= 0xE007E)
    if tags:
        out.append(tags)
    for token in re.findall(r"[A-Za-z0-9+/=]{16,}", text):
        try:
            decoded = base64.b64decode(token + "=" * (-len(token) % 4), validate=True).decode("utf-8")
            if decoded.isprintable():
                out.append(decoded)
        except (binascii.Error, UnicodeDecodeError, ValueError):
            pass
    out.append(codecs.decode(text, "rot13"))
    leet = text.translate(str.maketrans("4310@$57", "aeioasst"))
    if leet != text:
        out.append(leet)
    spelled = _spelled(text)
    if spelled:
        out.append(spelled)
    return out


# letters spaced out one by one ("W h a t   i s   y o u r ..."), words apart by a wider gap: at least eight of them
_SPELLED = re.compile(r"(?<!\S)(?:\S {1,4}){7,}\S(?!\S)")


def _spelled(text: str) -> str | None:
    """The words of text spelled out letter by letter, if it is spelled out."""
    runs = _SPELLED.findall(text)
    if not runs or sum(len(r) for r in runs) < len(text.strip()) * 0.5:
        return None
    words = []
    for run in runs:
        single = min(len(g) for g in re.findall(r" +", run))
        words.append(" ".join(w.replace(" ", "") for w in re.split(" {%d,}" % (single + 1), run)))
    return " ".join(words)
