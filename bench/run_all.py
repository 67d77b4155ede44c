"""Run every benchmark in turn (each prints its own tables)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for script in sorted(HERE.glob("bench_*.py")):
    print(f"\n# {script.name}\n", flush=True)
    subprocess.run([sys.executable, str(script)], check=False)
