"""Dependency audit of requirements.lock with pip-audit (PyPI's vulnerability data): fail on a known vulnerability
that has a fixed release; list the ones without a fix; say plainly how many packages could not be audited.

    .venv/bin/python scripts/audit.py            (make audit; CI runs it)
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def audit(lock: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        proc = subprocess.run([sys.executable, "-m", "pip_audit", "-r", str(lock), "--require-hashes", "--disable-pip",
                               "--progress-spinner", "off", "-f", "json", "-o", str(out)],
                              capture_output=True, text=True, cwd=ROOT)
        if not out.is_file():
            raise SystemExit(f"pip-audit did not run (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
        return json.loads(out.read_text())


def summarise(data: dict) -> tuple[list[str], list[str], list[str]]:
    fixable, unfixed, skipped = [], [], []
    for dep in data.get("dependencies", []):
        if dep.get("skip_reason"):
            skipped.append(f"{dep['name']}: {dep['skip_reason']}")
        for v in dep.get("vulns", []):
            line = f"{dep['name']}=={dep['version']}: {v['id']} {' '.join(v.get('aliases', []))}".strip()
            if v.get("fix_versions"):
                fixable.append(f"{line} (fixed in {', '.join(v['fix_versions'])})")
            else:
                unfixed.append(f"{line} (no fixed release yet)")
    return fixable, unfixed, skipped


def main() -> int:
    data = audit(ROOT / "requirements.lock")
    fixable, unfixed, skipped = summarise(data)
    total = len(data.get("dependencies", []))
    print(f"dependency audit: {total - len(skipped)} of {total} packages audited against PyPI's vulnerability data")
    for line in unfixed:
        print("  known, no fix yet:", line)
    if skipped:
        print(f"  NOT AUDITED: {len(skipped)} packages — the vulnerability service did not answer for them "
              f"(e.g. {skipped[0]}); audit again where PyPI's per-release JSON API is reachable")
    for line in fixable:
        print("  FIX AVAILABLE:", line)
    if fixable:
        print(f"{len(fixable)} known vulnerabilities with a fix: raise the pins (make lock) and test")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
