"""Advisor latency: p50/p95 over 50 descriptions in one warm process, cold start, peak RSS.

Baseline in the same run: the embedding of the description alone (the floor the advisor builds on).
Run: .venv/bin/python bench/bench_advisor.py
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import peak_rss_mb, summary, table  # noqa: E402


def descriptions() -> list[dict]:
    data = ROOT / "evals" / "advisor" / "descriptions.jsonl"
    items = [json.loads(x) for x in data.read_text(encoding="utf-8").splitlines() if x.strip()]
    out = []
    while len(out) < 50:
        out += items
    return out[:50]


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="coach-bench-adv-")
    env = {**os.environ, "COACH_DATA_DIR": tmp}
    env.setdefault("COACH_MODEL_DIR", str(Path.home() / ".local/share/culture-coach/models"))
    # cold: a new process answering one description (first run also builds the index)
    colds = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "coach.cli", "advise", "Saudi procurement lead, first meeting, I'm Italian", "--json"],
                       env=env, check=True, capture_output=True)
        colds.append(time.perf_counter() - t0)
    os.environ.update(env)
    from coach.context import Context
    t0 = time.perf_counter()
    ctx = Context()
    advisor = ctx.advisor
    warmup = time.perf_counter() - t0
    items = descriptions()
    lat, emb = [], []
    for it in items:
        t0 = time.perf_counter()
        advisor.advise(it["text"], home=it.get("home"))
        lat.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        ctx.embeddings.embed_query(it["text"])
        emb.append((time.perf_counter() - t0) * 1000)
    a, e = summary(lat), summary(emb)
    table("Advisor brief, warm process, 50 descriptions (ms)", ["what", "p50", "p95", "n"], [
        ["embed description only [baseline]", e["p50"], e["p95"], e["n"]],
        ["full brief (resolve + retrieve + rank)", a["p50"], a["p95"], a["n"]],
        ["ratio full / baseline", a["p50"] / e["p50"], a["p95"] / e["p95"], ""],
    ])
    table("Advisor cold start (s)", ["what", "value"], [
        ["new process, first brief (1st run builds the index)", colds[0]],
        ["new process, first brief (index present), median of 2", sorted(colds[1:])[0]],
        ["in-process: packs + embeddings + index ready", warmup],
        ["peak RSS of the warm process (MB)", peak_rss_mb()],
    ])


if __name__ == "__main__":
    main()
