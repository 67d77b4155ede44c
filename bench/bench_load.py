"""A sales team rehearsing at once: N salespeople through the running app's real API (gradio_client).

Each simulated salesperson signs in with their own account, starts a rehearsal (scenarios round-robin) and plays
four turns, with a think time between turns (default 5-15 s) or none. Reply time is measured from sending the
line to the complete reply. Reported: p50/p95/max reply time, errors, bleed (a line of one session showing in
another), the share of replies the model phrased (the rest: the checked bank line, with the budget's reason),
and the app's peak RSS. Targets on a 2-core machine with the embedded model are printed beside the figures.

    .venv/bin/python bench/bench_load.py                     # starts the app on a fresh data dir, both modes
    .venv/bin/python bench/bench_load.py --mode think --users 20
    .venv/bin/python bench/bench_load.py --url http://127.0.0.1:8080/ --database-url postgresql+psycopg://...
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_app import _port, _rss_mb, start  # noqa: E402
from bench.common import pct, table  # noqa: E402

PASSWORD = "load-test-password"
TARGETS = {"think": {"p95": 3.0, "rss_mb": 1500.0}, "none": {"p95": 5.0, "rss_mb": 1500.0}}
# four turns a salesperson might open with, in varied words; {price} is the scenario's list price
LINES = [
    ["Good morning, and thank you for making time for us today.", "Hello, it is good to finally meet in person.",
     "Thank you for receiving us. How was your week?"],
    ["Could you walk me through how a decision like this is made on your side?",
     "What matters most to your team in choosing a supplier this year?",
     "What volumes are you planning for next year?"],
    ["Our price would be {price}, delivered.", "We are proposing {price} for the first year.",
     "For this volume our offer is {price}."],
    ["If you can commit to two years, we can improve the price a little.",
     "We could add an engineer on site if the volume is confirmed.",
     "What would you need from us to move forward?"],
]


@dataclass
class Result:
    user: str
    session: str | None = None
    sent: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    bleed: list[str] = field(default_factory=list)


def make_users(database_url: str, n: int, prefix: str) -> list[str]:
    from coach.auth import hash_password
    from coach.store import Store
    store = Store(database_url)
    names = [f"{prefix}{i:02d}" for i in range(n)]
    hashed = hash_password(PASSWORD)
    for name in names:
        if not store.get_user(name):
            store.add_user(name, "salesperson", team="load", home="US", password_hash=hashed)
    return names


def scenario_prices() -> list[tuple[str, str]]:
    from coach.packs import load_packs
    from coach.roleplay.realise import money
    reg = load_packs([ROOT])
    return [(sc.id, money(sc.seller_brief.list_price, sc)) for sc in sorted(reg.scenarios.values(), key=lambda s: s.id)]


def salesperson(url: str, user: str, scenario: tuple[str, str], turns: int, think: tuple[float, float],
                seed: int, out: Result, barrier: threading.Barrier) -> None:
    """Sign in, start, play `turns` lines; record reply times and anything that is not this session's own."""
    from gradio_client import Client
    rnd = random.Random(seed)
    try:
        client = Client(url, auth=(user, PASSWORD), verbose=False)
        barrier.wait(timeout=300)
        client.predict(scenario[0], "US", False, api_name="/start")
        for i in range(turns):
            if think[1] > 0:
                time.sleep(rnd.uniform(*think))
            line = rnd.choice(LINES[i % len(LINES)]).format(price=scenario[1])
            t0 = time.perf_counter()
            history, _status, _msg = client.predict(line, [], api_name="/send")
            out.seconds.append(time.perf_counter() - t0)
            out.sent.append(line)
            shown = [_text(m["content"]) for m in history if m.get("role") == "user"]
            if shown != [line]:  # the chat we sent was empty: the reply's chat holds this line and nothing else
                out.bleed.append(f"turn {i + 1}: chat shows {shown[-3:]!r}")
    except Exception as exc:  # noqa: BLE001 - every failure is counted and shown
        out.errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")


def _text(content: object) -> str:
    """Gradio 6 sends a chat message's content as a list of parts ({"type": "text", "text": ...})."""
    if isinstance(content, list):
        return "".join(_text(p) for p in content)
    if isinstance(content, dict):
        return str(content.get("text", ""))
    return str(content)


def check_store(database_url: str, results: list[Result]) -> tuple[int, Counter]:
    """Bleed in the database (each user's session holds exactly their lines) and how each reply was phrased."""
    from sqlalchemy import select

    from coach.store import Store
    from coach.store.schema import Session
    store = Store(database_url)
    bleed, sources = 0, Counter()
    for r in results:
        user = store.get_user(r.user)
        with store.tx() as db:
            ids = list(db.scalars(select(Session.id).where(Session.user_id == user.id))) if user else []
        for sid in ids:
            turns = store.turns(sid)
            trainee = [t.text for t in turns if t.role == "trainee"]
            if trainee != r.sent[: len(trainee)]:
                bleed += 1
            for t in turns:
                if t.role == "persona":
                    meta = t.meta or {}
                    sources[meta.get("source") if meta.get("source") == "model" else f"bank:{meta.get('budget') or 'no model'}"] += 1
    return bleed, sources


def run(url: str, database_url: str, users: int, turns: int, mode: str, prefix: str) -> dict:
    names = make_users(database_url, users, prefix)
    scenarios = scenario_prices()
    think = (5.0, 15.0) if mode == "think" else (0.0, 0.0)
    results = [Result(user=n) for n in names]
    barrier = threading.Barrier(users)
    threads = [threading.Thread(target=salesperson, args=(url, n, scenarios[i % len(scenarios)], turns, think, i,
                                                          results[i], barrier), daemon=True)
               for i, n in enumerate(names)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=1800)
    wall = time.perf_counter() - t0
    secs = [s for r in results for s in r.seconds]
    db_bleed, sources = check_store(database_url, results)
    replies = sum(sources.values()) or 1
    return {"mode": mode, "users": users, "replies": len(secs), "p50": pct(secs, 50), "p95": pct(secs, 95),
            "max": max(secs, default=float("nan")), "errors": sum(len(r.errors) for r in results),
            "bleed": sum(len(r.bleed) for r in results) + db_bleed, "model_share": sources["model"] / replies,
            "sources": dict(sources), "wall": wall, "error_lines": [e for r in results for e in r.errors][:5],
            "bleed_lines": [b for r in results for b in r.bleed][:5]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--turns", type=int, default=4)
    ap.add_argument("--mode", choices=["think", "none", "both"], default="both")
    ap.add_argument("--url", help="a running app (default: start one on a fresh data dir)")
    ap.add_argument("--database-url", help="the running app's database (to create the load-test accounts)")
    ap.add_argument("--pid", type=int, action="append", help="a running app process id (for its peak RSS; repeat "
                    "for each replica: the largest is reported)")
    args = ap.parse_args()
    proc = None
    if args.url:
        if not args.database_url:
            ap.error("--url needs --database-url")
        url, database_url, pids = args.url, args.database_url, args.pid or []
    else:
        data = tempfile.mkdtemp(prefix="coach-bench-load-")
        port = _port()
        env = {**os.environ, "COACH_DATA_DIR": data, "COACH_PORT": str(port), "COACH_ADMIN_PASSWORD": PASSWORD}
        env.setdefault("COACH_MODEL_DIR", str(Path.home() / ".local/share/culture-coach/models"))
        _, proc = start([sys.executable, "app.py"], env, port)
        url, database_url, pids = f"http://127.0.0.1:{port}/", f"sqlite:///{data}/culture-coach.db", [proc.pid]
    try:
        rows = []
        for mode in (["think", "none"] if args.mode == "both" else [args.mode]):
            r = run(url, database_url, args.users, args.turns, mode, prefix=f"load-{mode}-{int(time.time())}-")
            r["rss_mb"] = max((_rss_mb(p) for p in pids), default=float("nan"))
            rows.append(r)
            for line in r["error_lines"]:
                print("error:", line)
            for line in r["bleed_lines"]:
                print("bleed:", line)
    finally:
        if proc:
            proc.terminate()
            proc.wait()
    report(rows)


def report(rows: list[dict]) -> None:
    table("Reply time under load (s), app's real API", ["think time", "users", "replies", "p50", "p95", "max",
                                                        "errors", "bleed", "model-phrased", "peak RSS MB", "wall s"],
          [[r["mode"], r["users"], r["replies"], r["p50"], r["p95"], r["max"], r["errors"], r["bleed"],
            f"{r['model_share']:.0%}", r["rss_mb"], r["wall"]] for r in rows])
    table("How the replies were phrased", ["think time", "phrasing (bank: reason)", "replies"],
          [[r["mode"], k, v] for r in rows for k, v in sorted(r["sources"].items())])
    checks = []
    for r in rows:
        t = TARGETS[r["mode"]]
        checks += [[r["mode"], "p95 reply", f"<= {t['p95']} s", r["p95"], r["p95"] <= t["p95"]],
                   [r["mode"], "errors", "0", r["errors"], r["errors"] == 0],
                   [r["mode"], "bleed", "0", r["bleed"], r["bleed"] == 0],
                   [r["mode"], "peak RSS", f"<= {t['rss_mb']:.0f} MB", r["rss_mb"], r["rss_mb"] <= t["rss_mb"]]]
    table("Targets (2 cores, embedded model)", ["think time", "what", "target", "measured", "met"], checks)


if __name__ == "__main__":
    main()
