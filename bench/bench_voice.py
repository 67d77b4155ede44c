"""Spoken rehearsal latency and memory: end of the seller's speech -> the first audio of the reply, with the embedded
model, through the same code the app runs (coach.voice.rehearsal.spoken_turn: transcription, role-play turn under
the voice budget, Piper synthesis of the reply's first sentence, which the app plays while the rest is synthesised). Reported: p50/p95/max of that time and of each
stage, the share of replies the model phrased, peak RSS of this process (models, embeddings and speech loaded as in
the app), and as the baseline in the same run the typed turn (pipeline only).

The WAV files are spoken by the app's own offline voice with room noise added (no recording of a person is
shipped); each starts with a pause of 0.3-1.5 s, and the bench waits as long as the recording lasts before handing
it over (the seller is speaking meanwhile, and the app may read ahead, as it does in a rehearsal). Targets (2 cores): first audio p95 <= 2.5 s, RSS <= 1.8 GB.

    .venv/bin/python bench/bench_voice.py [--turns 8]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import peak_rss_mb, summary, table  # noqa: E402

TARGETS = {"first_audio_p95": 2.5, "rss_mb": 1800.0}
SCENARIOS = ["kr-auto-bracket-supply", "jp-keiretsu-component-supply", "de-machinery-drive-components"]
LINES = [
    "Good morning, and thank you for making time for us today.",
    "Could you walk me through how a decision like this is made on your side?",
    "What matters most to your team in choosing a supplier this year?",
    "Our price would be {price}, delivered to your plant.",
    "If you can commit to two years, we can improve the price a little.",
    "We could add an engineer on site if the volume is confirmed.",
    "I understand. What would your director need to see from us?",
    "We will send the test report and the revised offer by Wednesday.",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--turns", type=int, default=8, help="spoken turns per scenario")
    args = ap.parse_args()
    import numpy as np
    from coach.context import Context
    from coach.settings import load_settings
    from coach.voice.rehearsal import spoken_turn
    tmp = Path(tempfile.mkdtemp(prefix="bench-voice-"))
    ctx = Context(load_settings(data_dir=str(tmp)))
    ctx.understander.heads()
    speech = ctx.speech
    speech.warm()
    rng = random.Random(7)
    rp = ctx.roleplay("auto")
    first, stt, turn_s, tts, typed, phrased = [], [], [], [], [], []
    for sc_id in SCENARIOS:
        sc = ctx.packs.scenarios[sc_id]
        price = f"{sc.seller_brief.list_price:g} {sc.seller_brief.currency}"
        sid = rp.start(sc_id, home="US")
        typed_sid = ctx.roleplay("auto").start(sc_id, home="US")
        for line in LINES[: args.turns]:
            text = line.format(price=price)
            parts = [c for _, c in speech.speak(text)]
            rate = 22050
            pause = np.zeros(int(rate * rng.uniform(0.3, 1.5)), np.int16)
            audio = np.concatenate([pause, *parts, np.zeros(int(rate * 0.4), np.int16)])
            hiss = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 150, audio.size).astype(np.int32)
            audio = (audio.astype(np.int32) + hiss).clip(-32768, 32767).astype(np.int16)  # room noise
            time.sleep(audio.size / rate)  # the seller speaks: the recording ends no sooner than the speech
            turn = spoken_turn(speech, rp, sid, rate, audio, sc.persona)
            first.append(turn.first_audio_s or 0.0)
            turn_s.append(turn.stream.result.total_ms / 1000)
            phrased.append(turn.stream.result.source == "model")
            t0 = time.perf_counter()  # the stages on their own, after the measured turn
            heard = speech.transcribe(rate, audio)
            stt.append(time.perf_counter() - t0)
            t1 = time.perf_counter()
            list(speech.speak(turn.stream.result.text, sc.persona))
            tts.append(time.perf_counter() - t1)
            tt = ctx.roleplay("auto").turn(typed_sid, heard.text or text)
            tt.text()
            typed.append(tt.result.total_ms / 1000)
            if turn.stream.result.ended:
                break
    rss = peak_rss_mb()
    rows = []
    for name, vals in (("end of speech -> first audio of the reply", first), ("transcription (tiny.en)", stt),
                       ("role-play turn (voice budget)", turn_s), ("synthesis of the whole reply (first sentence plays meanwhile)", tts),
                       ("baseline: typed turn (same pipeline)", typed)):
        s = summary(vals)
        rows.append([name, s["n"], s["p50"], s["p95"], max(vals) if vals else float("nan")])
    table("Spoken turn latency (s), embedded model, 2 cores", ["stage", "n", "p50", "p95", "max"], rows)
    table("Phrasing and memory", ["what", "value"],
          [["replies phrased by the model", f"{sum(phrased)}/{len(phrased)}"], ["peak RSS MB", round(rss, 1)],
           ["OMP_WAIT_POLICY", os.environ.get("OMP_WAIT_POLICY", "")]])
    p95 = summary(first)["p95"]
    table("Targets", ["what", "target", "measured", "met"],
          [["first audio p95", f"<= {TARGETS['first_audio_p95']} s", round(p95, 3), p95 <= TARGETS["first_audio_p95"]],
           ["peak RSS", f"<= {TARGETS['rss_mb']:.0f} MB", round(rss, 1), rss <= TARGETS["rss_mb"]]])


if __name__ == "__main__":
    main()
