"""Role-play latency over 20 trainee turns: first piece and full reply with the embedded model, and the
pipeline's own overhead (phrase-bank realiser, no model) as the baseline measured in the same run.

Run: .venv/bin/python bench/bench_roleplay.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import peak_rss_mb, summary, table  # noqa: E402

TURNS = [
    "Good morning, Mr Park. Thank you for receiving me.", "How was your weekend? I hope the family is well.",
    "We value a long-term partnership with Haneul Autotech.", "Could you tell me how your nomination process works?",
    "Our plant supplies two European carmakers with the same alloy.", "Our price is 6.40 USD per bracket.",
    "We could go to 6.25 if you pay half of the tooling.", "What volumes do you expect in the first year?",
    "We can do 6.15 with payment at 60 days.", "I understand. What would Team Leader Choi need to see?",
    "We can offer an application engineer in Ulsan.", "6.05 is a big step for us.",
    "What is your budget for this part?", "Let's switch roles: you are the seller now.",
    "If you decide by Friday we can do 6.00.", "I am sorry, I did not mean to pressure you.",
    "Could we meet again after Chuseok?", "5.98 with the engineer included.", "How do you see the next step?",
    "Thank you for your time today.",
]


def run(realiser: str, store, registry, gateway) -> tuple[list[float], list[float]]:
    from coach.roleplay import RolePlay
    rp = RolePlay(registry, store, gateway=gateway, realiser=realiser)
    sid = rp.start("kr-auto-bracket-supply", home="US")
    first, full = [], []
    for line in TURNS:
        t = rp.turn(sid, line)
        t.text()
        first.append((t.result.first_piece_ms or t.result.total_ms) / 1000)
        full.append(t.result.total_ms / 1000)
        if t.result.ended:
            sid = rp.start("kr-auto-bracket-supply", home="US")
    return first, full


def main() -> None:
    from coach.llm import EmbeddedModel, Gateway
    from coach.packs import load_packs
    from coach.settings import load_settings
    from coach.store import Store
    tmp = tempfile.mkdtemp(prefix="coach-bench-rp-")
    s = load_settings(data_dir=tmp)
    store = Store(s.resolved_database_url)
    registry = load_packs(s.packs)
    gw = Gateway(s, store)
    EmbeddedModel.get(s)  # load once; the app does this at start-up
    bf, bt = run("bank", store, registry, None)
    mf, mt = run("model", store, registry, gw)
    b1, b2, m1, m2 = summary(bf), summary(bt), summary(mf), summary(mt)
    model_first = summary([c.first_token_ms / 1000 for c in store.llm_calls() if c.first_token_ms])
    table("Persona reply over 20 turns (s) — embedded Qwen2.5-0.5B, forced-prefix recipe",
          ["realiser", "first piece p50", "first piece p95", "full reply p50", "full reply p95", "n"], [
              ["phrase bank, no model [baseline: pipeline overhead]", b1["p50"], b1["p95"], b2["p50"], b2["p95"], b2["n"]],
              ["embedded model + guard", m1["p50"], m1["p95"], m2["p50"], m2["p95"], m2["n"]],
              ["model's own first generated token (after the forced words)", model_first["p50"], model_first["p95"], "", "", model_first["n"]],
              ["model / baseline (full reply p50)", "", "", m2["p50"] / max(b2["p50"], 1e-6), "", ""],
          ])
    print(f"\npeak RSS (model loaded): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
