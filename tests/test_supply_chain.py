"""Supply chain: the lock pins every dependency with hashes, keeps known-bad releases out, and the audit's verdict."""
from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


def _lock() -> dict[str, tuple[str, int]]:
    pins: dict[str, tuple[str, int]] = {}
    name = None
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^ \\]+)", line)
        if m:
            name = m.group(1).lower().replace("_", "-").replace(".", "-")
            pins[name] = (m.group(2), 0)
        elif "--hash=sha256:" in line and name:
            v, n = pins[name]
            pins[name] = (v, n + 1)
    return pins


def _declared() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    return [re.split(r"[<>=!\[; ]", r, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-") for r in reqs]


def test_every_declared_dependency_is_pinned_with_hashes():
    pins = _lock()
    missing = [d for d in _declared() if d not in pins]
    assert not missing, f"declared but not in requirements.lock (run make lock): {missing}"
    unhashed = [n for n, (_, h) in pins.items() if h == 0]
    assert not unhashed, f"pinned without a hash: {unhashed}"
    assert len(pins) > 100


def test_known_bad_releases_are_excluded():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    litellm = next(r for r in project["dependencies"] if r.startswith("litellm"))
    assert "!=1.82.7" in litellm and "!=1.82.8" in litellm
    assert _lock()["litellm"][0] not in ("1.82.7", "1.82.8")


def test_the_audit_fails_only_on_vulnerabilities_with_a_fix():
    from audit import summarise
    data = {"dependencies": [
        {"name": "a", "version": "1.0", "vulns": [{"id": "PYSEC-1", "fix_versions": ["1.1"], "aliases": ["CVE-1"]}]},
        {"name": "b", "version": "2.0", "vulns": [{"id": "GHSA-2", "fix_versions": []}]},
        {"name": "c", "version": "3.0", "skip_reason": "Dependency not found on PyPI"},
        {"name": "d", "version": "4.0", "vulns": []},
    ]}
    fixable, unfixed, skipped = summarise(data)
    assert fixable == ["a==1.0: PYSEC-1 CVE-1 (fixed in 1.1)"]
    assert unfixed == ["b==2.0: GHSA-2 (no fixed release yet)"]
    assert skipped == ["c: Dependency not found on PyPI"]
