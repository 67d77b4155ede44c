"""Eval report: per-item results, failures first (HTML, Markdown or JSON)."""
from __future__ import annotations

import html
import json
import platform
from datetime import datetime
from pathlib import Path
from typing import Any


def write_report(results: list[dict[str, Any]], out: Path, model: str, pack_version: str, fast: bool) -> Path:
    meta = {"model": model, "pack_version": pack_version, "fast": fast, "date": datetime.now().isoformat(timespec="seconds"),
            "machine": f"{platform.machine()}, {_cpus()} CPU, Python {platform.python_version()}"}
    if out.suffix == ".md":
        out.write_text(markdown(results, meta), encoding="utf-8")
        return out
    if out.suffix == ".json":
        out.write_text(json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        return out
    e = lambda x: html.escape(str(x))  # noqa: E731
    parts = [f"<!doctype html><meta charset='utf-8'><title>Culture Coach evals</title>"
             f"<style>body{{font-family:system-ui;max-width:1000px;margin:2em auto}}td,th{{border:1px solid #ccc;padding:3px 6px}}"
             f"table{{border-collapse:collapse}}.fail{{background:#fde}}</style><h1>Evals</h1><p>{e(meta)}</p>"]
    for r in results:
        parts.append(f"<h2>{e(r['id'])}</h2><table><tr><th>metric</th><th>value</th><th>threshold</th></tr>")
        for k, v in r["metrics"].items():
            parts.append(f"<tr><td>{e(k)}</td><td>{e(v)}</td><td>{e(r['thresholds'].get(k, ''))}</td></tr>")
        parts.append("</table>")
        if r["failures"]:
            parts.append(f"<p class='fail'>Failed: {e('; '.join(r['failures']))}</p>")
        parts.append("<h3>Items (failures first)</h3><ol>")
        for item in r["items"][:300]:
            cls = " class='fail'" if item.get("ok") is False else ""
            parts.append(f"<li{cls}><code>{e(json.dumps(item, ensure_ascii=False, default=str)[:600])}</code></li>")
        parts.append("</ol>")
    out.write_text("\n".join(parts), encoding="utf-8")
    return out


def _cpus() -> int:
    import os
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 0)


def _cell(x: Any) -> str:
    return str(x).replace("|", "\\|").replace("\n", " ")


def markdown(results: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    """One table of every metric against its threshold, then the first failing items of each eval."""
    lines = [f"model `{meta['model']}` · packs `{meta['pack_version']}` · {'fast subset' if meta['fast'] else 'full suites'}"
             f" · {meta['date']} · {meta['machine']}", "", "| eval | metric | value | threshold | pass |", "|---|---|---|---|---|"]
    for r in results:
        for k, v in r["metrics"].items():
            bound = r["thresholds"].get(k)
            ok = "" if bound is None else ("FAIL" if any(f.startswith(f"{k}=") or f == f"{k} missing" for f in r["failures"]) else "ok")
            lines.append(f"| {r['id']} | {k} | {v:g} | {'' if bound is None else f'{bound:g}'} | {ok} |")
    for r in results:
        bad = [i for i in r["items"] if i.get("ok") is False][:10]
        if bad:
            lines += ["", f"### {r['id']}: first failing items", ""]
            lines += [f"- `{_cell(json.dumps(i, ensure_ascii=False, default=str)[:300])}`" for i in bad]
    return "\n".join(lines) + "\n"
