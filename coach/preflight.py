"""Checks before the app writes anything: the data directory can be created, written and has room.

A read-only or full data directory gives one clear message at start (and exit code 2) instead of a stack trace
or a half-written database later.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from coach.settings import Settings

MB = 1024 * 1024


class DataDirError(RuntimeError):
    """The data directory cannot hold Culture Coach's data; the message says what to do."""


def check_data_dir(settings: Settings) -> Path:
    d = Path(settings.data_dir)
    hint = "Set COACH_DATA_DIR to a writable directory with space, or fix this one."
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataDirError(f"cannot create the data directory {d}: {exc.strerror or exc}. {hint}") from None
    probe = d / f".write-test-{os.getpid()}"
    try:
        with open(probe, "wb") as fh:
            fh.write(b"\0" * 4096)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise DataDirError(f"the data directory {d} is not writable ({exc.strerror or exc}). {hint}") from None
    finally:
        try:
            probe.unlink()
        except OSError:
            pass
    free = shutil.disk_usage(d).free
    if free < settings.min_free_mb * MB:
        raise DataDirError(f"only {free // MB} MB free in {d}; Culture Coach needs at least {settings.min_free_mb} MB "
                           f"there (database, case index, assembled model). {hint}")
    return d
