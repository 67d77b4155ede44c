"""Foundation benchmarks: embedded model load / first token / tokens per second; embedding
throughput; case-index query latency at 1k/10k/100k synthetic cases (vs brute-force numpy baseline).

Run: .venv/bin/python bench/bench_foundation.py [--sizes 1000,10000,100000]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from bench.common import peak_rss_mb, summary, table  # noqa: E402
from coach.settings import load_settings  # noqa: E402


def bench_model(settings) -> None:
    from coach.llm import EmbeddedModel, Gateway
    t0 = time.perf_counter()
    em = EmbeddedModel.get(settings)
    load = time.perf_counter() - t0
    gw = Gateway(settings, None)
    system = {"role": "system", "content": "You are Park Ji-hoon, a purchasing manager at a Korean automotive supplier. "
              "Answer politely in one or two sentences. " * 6}
    ttft_fresh, ttft_cached, tps = [], [], []
    for i in range(6):
        # a fresh prompt prefix each time (cache miss) vs the same prefix (llama.cpp prefix cache)
        fresh = [{"role": "system", "content": f"Session {i}. " + system["content"]},
                 {"role": "user", "content": "Can you tell me about your supplier approval process?"}]
        h = gw.stream(fresh, max_tokens=48, temperature=0.0)
        list(h)
        ttft_fresh.append(h.result.first_token_ms / 1000)
        cached = [system, {"role": "user", "content": f"Question {i}: what matters most to your team?"}]
        h = gw.stream(cached, max_tokens=48, temperature=0.0)
        list(h)
        ttft_cached.append(h.result.first_token_ms / 1000)
        gen_s = (h.result.duration_ms - h.result.first_token_ms) / 1000
        if h.result.completion_tokens and gen_s > 0:
            tps.append(h.result.completion_tokens / gen_s)
    f, c, t = summary(ttft_fresh), summary(ttft_cached), summary(tps)
    table("Embedded chat model (Qwen2.5-Coder-0.5B Q4_K_M, llama.cpp, CPU)", ["metric", "p50", "p95", "n"], [
        ["load time (s)", load, load, 1],
        ["first token, fresh prompt (s) [baseline]", f["p50"], f["p95"], f["n"]],
        ["first token, cached prefix (s)", c["p50"], c["p95"], c["n"]],
        ["cached / fresh ratio", c["p50"] / f["p50"], c["p95"] / f["p95"], ""],
        ["generation (tokens/s)", t["p50"], t["p95"], t["n"]],
        ["peak RSS (MB)", peak_rss_mb(), "", ""],
    ])
    del em


def bench_embeddings(settings):
    from coach.knowledge import OnnxMiniLM
    e = OnnxMiniLM(settings.resolved_model_dir)
    texts = [f"The buyer at a Tier-1 supplier went quiet after offer number {i} and asked for written detail." for i in range(1000)]
    e.embed_array(texts[:32])
    t0 = time.perf_counter()
    e.embed_array(texts)
    batched = len(texts) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for t in texts[:200]:
        e.embed_query(t)
    single = 200 / (time.perf_counter() - t0)
    table("Embeddings (all-MiniLM-L6-v2, ONNX Runtime, CPU)", ["mode", "sentences/s", "ratio vs one-by-one"], [
        ["one at a time [baseline]", single, 1.0], ["batched (32, dynamic padding)", batched, batched / single],
    ])
    return e


def bench_index(e, sizes: list[int]) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    rng = np.random.default_rng(7)
    queries = ["silence after our price offer", "hierarchy: who should I address", "Ramadan and deadlines",
               "contract renegotiation after signature", "gift etiquette at a first meeting"] * 4
    qv = e.embed_array(queries)
    rows = []
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="coach-bench-idx-"))
        client = chromadb.PersistentClient(path=str(tmp), settings=ChromaSettings(anonymized_telemetry=False))
        col = client.get_or_create_collection("bench", metadata={"hnsw:space": "cosine"})
        vecs = rng.normal(size=(n, 384)).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        markets = ["KR", "SA", "DE", "JP", "CN", "BR", "AE", "IN", "US", "NL"]
        t0 = time.perf_counter()
        for s in range(0, n, 5000):
            ids = [f"c{i}" for i in range(s, min(n, s + 5000))]
            col.add(ids=ids, embeddings=vecs[s:s + len(ids)],
                    metadatas=[{f"market_{markets[i % 10]}": True, "status": "approved"} for i in range(s, s + len(ids))])
        build = time.perf_counter() - t0
        lat, flt, brute = [], [], []
        for q in qv:
            t0 = time.perf_counter()
            col.query(query_embeddings=[q.tolist()], n_results=8)
            lat.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            col.query(query_embeddings=[q.tolist()], n_results=8, where={"market_KR": True})
            flt.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            np.argpartition(-(vecs @ q), 8)[:8]
            brute.append((time.perf_counter() - t0) * 1000)
        a, b, c = summary(lat), summary(flt), summary(brute)
        rows.append([n, build, a["p50"], a["p95"], b["p50"], b["p95"], c["p50"], c["p95"]])
        del client
        shutil.rmtree(tmp, ignore_errors=True)
    table("Case index query latency (Chroma persistent, HNSW cosine; k=8; ms)",
          ["cases", "build s", "p50", "p95", "market filter p50", "market filter p95", "numpy brute p50 [baseline]", "numpy brute p95"], rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--skip-model", action="store_true")
    args = ap.parse_args()
    settings = load_settings()
    if not args.skip_model:
        bench_model(settings)
    e = bench_embeddings(settings)
    bench_index(e, [int(x) for x in args.sizes.split(",")])
    print(f"\npeak RSS of this process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
