"""App start-up: from `python app.py` to the first page served, and the process's RSS once warm
(the whole app: packs, embeddings, index, store, Gradio; the chat model loads on first use).

Baseline in the same run: a bare Python process importing gradio and serving an empty Blocks.
Run: .venv/bin/python bench/bench_app.py
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import summary, table  # noqa: E402

BARE = """
import os; os.environ['GRADIO_ANALYTICS_ENABLED']='False'
import gradio as gr, sys
with gr.Blocks() as d: gr.Markdown('hi')
d.launch(server_name='127.0.0.1', server_port=int(sys.argv[1]))
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def start(cmd: list[str], env: dict, port: int) -> tuple[float, subprocess.Popen]:
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as r:
                if r.status == 200:
                    return time.perf_counter() - t0, p
        except OSError:
            time.sleep(0.1)
        if time.perf_counter() - t0 > 300:
            p.kill()
            raise RuntimeError("app did not start")


def main() -> None:
    rows_bare, rows_app, rss_app = [], [], []
    for _ in range(3):
        port = _port()
        t, p = start([sys.executable, "-c", BARE, str(port)], dict(os.environ), port)
        rows_bare.append(t)
        p.terminate()
        p.wait()
        port = _port()
        env = {**os.environ, "COACH_DATA_DIR": tempfile.mkdtemp(prefix="coach-bench-app-"), "COACH_PORT": str(port),
               "COACH_ADMIN_PASSWORD": "bench-password"}
        env.setdefault("COACH_MODEL_DIR", str(Path.home() / ".local/share/culture-coach/models"))
        t, p = start([sys.executable, "app.py"], env, port)
        rows_app.append(t)
        # a real rehearsal through the app's API (login, start, three turns with the embedded model)
        from gradio_client import Client
        client = Client(f"http://127.0.0.1:{port}/", auth=("admin", "bench-password"), verbose=False)
        client.predict("kr-auto-bracket-supply", "IT", False, api_name="/start")
        for line in ("Good morning, Mr Park.", "How is the family?", "Our price is 6.40 USD per bracket."):
            client.predict(line, [], api_name="/send")
        rss_app.append(_rss_mb(p.pid))
        p.terminate()
        p.wait()
    b, a = summary(rows_bare), summary(rows_app)
    table("App start-up to first page (s)", ["process", "p50", "p95", "n"], [
        ["bare Gradio Blocks [baseline]", b["p50"], b["p95"], b["n"]],
        ["Culture Coach app (fresh data dir: builds the index)", a["p50"], a["p95"], a["n"]],
        ["ratio", a["p50"] / b["p50"], a["p95"] / b["p95"], ""],
    ])
    table("Whole app memory after a rehearsal (embedded model loaded)", ["what", "MB"],
          [["peak RSS (VmHWM), median of 3", sorted(rss_app)[1]], ["target", 1200.0]])


if __name__ == "__main__":
    main()
