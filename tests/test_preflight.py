"""A data directory that cannot be written or is full: one clear message at start, exit code 2, nothing written."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.preflight import DataDirError, check_data_dir
from coach.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent


def _start(data_dir: str, **env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "COACH_DATA_DIR": data_dir, "COACH_PORT": "1", **env}
    return subprocess.run([sys.executable, str(ROOT / "app.py")], env=full, capture_output=True, text=True, timeout=120)


def test_a_read_only_data_dir_stops_the_app_with_a_clear_message():
    # /proc is read-only for everyone, root included
    r = _start("/proc/culture-coach-data")
    assert r.returncode == 2
    assert "Culture Coach cannot start: cannot create the data directory /proc/culture-coach-data" in r.stderr
    assert "COACH_DATA_DIR" in r.stderr and "Traceback" not in r.stderr


def test_a_full_data_dir_stops_the_app_before_anything_is_written(tmp_path):
    r = _start(str(tmp_path), COACH_MIN_FREE_MB=str(10**9))
    assert r.returncode == 2 and "MB free in" in r.stderr and "needs at least 1000000000 MB" in r.stderr
    assert list(tmp_path.iterdir()) == [], "no database, index or probe file left behind"


def test_check_passes_on_a_writable_dir(tmp_path):
    s = load_settings(env={}, data_dir=str(tmp_path / "new"))
    assert check_data_dir(s) == tmp_path / "new" and list((tmp_path / "new").iterdir()) == []
    with pytest.raises(DataDirError, match="not writable|cannot create"):
        check_data_dir(load_settings(env={}, data_dir="/proc/self/coach"))
