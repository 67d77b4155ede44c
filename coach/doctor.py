"""`coach doctor`: check every part for real and say what is configured."""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from coach.context import Context


def _timed(fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    t0 = time.perf_counter()
    try:
        details = fn()
        ok = details.pop("_ok", True)
        return {"ok": bool(ok), "details": details, "ms": int((time.perf_counter() - t0) * 1000)}
    except Exception as exc:  # noqa: BLE001 - doctor reports every failure
        return {"ok": False, "details": {"error": f"{type(exc).__name__}: {exc}"}, "ms": int((time.perf_counter() - t0) * 1000)}


def run_doctor(ctx: Context, generate: bool = True) -> list[dict[str, Any]]:
    s = ctx.settings

    def settings_part() -> dict[str, Any]:
        return s.public_dict()

    def offline_part() -> dict[str, Any]:
        keys = ["LITELLM_LOCAL_MODEL_COST_MAP", "HF_HUB_OFFLINE", "GRADIO_ANALYTICS_ENABLED", "ANONYMIZED_TELEMETRY", "TIKTOKEN_CACHE_DIR"]
        env = {k: os.environ.get(k) for k in keys}
        from coach.llm import count_tokens
        env["tiktoken_ok"] = count_tokens("hello world") == 2
        env["_ok"] = env["LITELLM_LOCAL_MODEL_COST_MAP"] == "True" and env["tiktoken_ok"]
        return env

    def model_part() -> dict[str, Any]:
        from coach.llm import EmbeddedModel
        models = {role: s.model_for(role) for role in ("persona", "advisor", "judge")}
        details: dict[str, Any] = {"models": models, "fallback_model": s.fallback_model}
        if generate:
            c = ctx.gateway.complete([{"role": "user", "content": "Reply with one word: ready?"}], purpose="doctor",
                                     max_tokens=8, temperature=0.0)
            details.update(resolved_model=c.resolved_model, reply=c.text.strip()[:60],
                           completion_tokens=c.completion_tokens, duration_ms=c.duration_ms, fell_back=c.fallback)
            if EmbeddedModel.loaded():
                details["embedded_model_file"] = str(EmbeddedModel._instance.path)  # type: ignore[union-attr]
                details["embedded_load_seconds"] = round(EmbeddedModel._instance.load_seconds, 2)  # type: ignore[union-attr]
            details["_ok"] = bool(c.text.strip())
        return details

    def embeddings_part() -> dict[str, Any]:
        import numpy as np
        e = ctx.embeddings
        v = e.embed_array(["The buyer went quiet after our offer.", "After the offer the customer said nothing.",
                           "Ramadan changes office hours."])
        near, far = float(v[0] @ v[1]), float(v[0] @ v[2])
        return {"dimension": int(v.shape[1]), "norm": round(float(np.linalg.norm(v[0])), 4),
                "paraphrase_similarity": round(near, 3), "unrelated_similarity": round(far, 3), "_ok": near > far}

    def database_part() -> dict[str, Any]:
        info = ctx.store.ping()
        info["url"] = s.public_dict()["database_url"]
        info["users"] = ctx.store.count_users()
        return info

    def packs_part() -> dict[str, Any]:
        reg = ctx.packs
        d: dict[str, Any] = {"roots": [str(r) for r in reg.roots], **reg.counts()}
        if reg.errors:
            d["first_errors"] = [str(e) for e in reg.errors[:5]]
        d["_ok"] = not reg.errors and reg.counts()["markets"] > 0
        return d

    def index_part() -> dict[str, Any]:
        idx = ctx.index
        n = idx.count()
        d: dict[str, Any] = {"location": s.chroma_url or str(s.resolved_chroma_path), "documents": n,
                             "approved_cases": len(ctx.packs.approved_cases())}
        if n:
            hits = idx.search("first meeting, price negotiation", k=1)
            d["query_ok"] = bool(hits)
        else:
            d["hint"] = "run `coach index build`"
        return d

    def voice_part() -> dict[str, Any]:
        """Optional: when the voice extra is installed, the models pass their checks and a spoken line reads back."""
        ok, why = ctx.voice_status()
        if not ok:
            return {"installed": False, "note": why}
        import numpy as np
        sp = ctx.speech
        parts = list(sp.speak("Thank you for your time today."))
        rate = parts[0][0]
        heard = sp.transcribe(rate, np.concatenate([np.zeros(rate // 4, np.int16), *[c for _, c in parts]]))
        return {"installed": True, "licences": sp.assets.licences, "heard": heard.text, "stt_ms": heard.stt_ms,
                "_ok": "thank you" in heard.text.lower()}

    parts = [("settings", settings_part), ("offline", offline_part), ("database", database_part),
             ("packs", packs_part), ("embeddings", embeddings_part), ("index", index_part), ("voice", voice_part),
             ("model", model_part)]
    return [{"part": name, **_timed(fn)} for name, fn in parts]
