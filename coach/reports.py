"""The monthly review pack: trends, dimensions, common mistakes, flagged transcripts, KPIs, field cases.

HTML (plots embedded as PNG, print-friendly) or Markdown (plots written beside the file).
"""
from __future__ import annotations

import base64
import html
import io
import statistics
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.debrief.models import DIMENSION_LABELS, DIMENSIONS
from coach.store.review import Viewer, comments, export_rows, latest_debrief, list_field_cases, list_sessions, transcript


def month_range(month: str) -> tuple[datetime, datetime]:
    try:
        start = datetime.strptime(month, "%Y-%m")
    except ValueError:
        raise ValueError(f"month must look like 2026-11 (got {month!r})") from None
    end = datetime(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start, end


def gather(store: Any, viewer: Viewer, month: str, team: str | None = None, rep: str | None = None,
           registry: Any | None = None) -> dict[str, Any]:
    from coach.field.report import gather as field_gather
    start, end = month_range(month)
    sessions = list_sessions(store, viewer, team=team, rep=rep, date_from=start, date_to=end, limit=100_000)
    debriefs: dict[str, dict] = {}
    for s in sessions:
        d = latest_debrief(store, viewer, s["session_id"])
        if d:
            debriefs[s["session_id"]] = d
    per_rep: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    dims: dict[str, list[int]] = defaultdict(list)
    mistakes_all: Counter = Counter()
    mistakes_market: dict[str, Counter] = defaultdict(Counter)
    kpi_rows = []
    for s in sessions:
        d = debriefs.get(s["session_id"])
        if not d:
            continue
        per_rep[s["rep"] or "unassigned"].append((s["started_at"], d["overall"]))
        for name in DIMENSIONS:
            dims[name].append(d["dimensions"][name]["score"])
        for m in d.get("mistakes", []):
            mistakes_all[m["title"]] += 1
            mistakes_market[s["market"] or "?"][m["title"]] += 1
        kpi_rows.append(d["kpis"])
    flagged = []
    for s in sessions:
        if s["flagged"]:
            flagged.append({**s, "transcript": transcript(store, viewer, s["session_id"]),
                            "comments": comments(store, viewer, s["session_id"]), "debrief": debriefs.get(s["session_id"])})
    field = list_field_cases(store, viewer, month=(start, end))
    return {"month": month, "team": team, "rep": rep, "sessions": sessions, "per_rep": dict(per_rep), "dims": dict(dims),
            "mistakes": mistakes_all.most_common(10),
            "mistakes_by_market": {m: c.most_common(5) for m, c in sorted(mistakes_market.items())},
            "kpis": _kpi_summary(kpi_rows), "flagged": flagged, "field_cases": field,
            "field": field_gather(store, registry, viewer, start, end)}


def _kpi_summary(rows: list[dict]) -> dict[str, float | None]:
    def mean(key: str) -> float | None:
        vals = [r[key] for r in rows if r.get(key) is not None]
        return round(statistics.fmean(vals), 3) if vals else None
    return {
        "debriefed sessions": float(len(rows)),
        "agreement rate": round(sum(1 for r in rows if r.get("agreement")) / len(rows), 3) if rows else None,
        "anchor vs list (mean)": mean("anchor_vs_list"),
        "concessions per session": mean("concessions_count"),
        "untraded concessions per session": mean("concessions_untraded"),
        "question rate": mean("question_rate"),
        "talk ratio": mean("talk_ratio"),
        "time vs home baseline": mean("time_vs_home_baseline"),
    }


def _plots(data: dict[str, Any]) -> dict[str, bytes]:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    out: dict[str, bytes] = {}
    if data["per_rep"]:
        fig, ax = plt.subplots(figsize=(7, 3.2), dpi=110)
        for rep, points in sorted(data["per_rep"].items()):
            pts = sorted(points)
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=rep)
        ax.set_ylim(0, 100)
        ax.set_ylabel("overall score")
        ax.set_title("Per-rep trend this month")
        ax.legend(fontsize=8, loc="lower right")
        fig.autofmt_xdate()
        out["trend.png"] = _png(fig)
    if data["dims"]:
        fig, ax = plt.subplots(figsize=(7, 3.2), dpi=110)
        names = list(DIMENSIONS)
        means = [statistics.fmean(data["dims"][n]) if data["dims"].get(n) else 0 for n in names]
        ax.barh([DIMENSION_LABELS[n].split(" (")[0] for n in names], means, color="#4a6fa5")
        ax.set_xlim(0, 100)
        ax.set_xlabel("mean score")
        ax.set_title("Per-dimension scores (team)")
        fig.tight_layout()
        out["dimensions.png"] = _png(fig)
    return out


def _png(fig) -> bytes:
    import matplotlib.pyplot as plt
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def render(data: dict[str, Any], out: Path) -> Path:
    from coach.field.report import plots as field_plots
    plots = {**_plots(data), **field_plots(data.get("field") or {"empty": True})}
    if out.suffix.lower() == ".md":
        for name, png in plots.items():
            (out.parent / f"{out.stem}-{name}").write_bytes(png)
        out.write_text(_markdown(data, {n: f"{out.stem}-{n}" for n in plots}), encoding="utf-8")
    elif out.suffix.lower() in (".html", ".htm"):
        imgs = {n: "data:image/png;base64," + base64.b64encode(p).decode() for n, p in plots.items()}
        out.write_text(_html(data, imgs), encoding="utf-8")
    else:
        raise ValueError("the report file must end in .html or .md")
    return out


def _markdown(d: dict[str, Any], imgs: dict[str, str]) -> str:
    L = [f"# Monthly review pack — {d['month']}" + (f" — team {d['team']}" if d["team"] else "") + (f" — {d['rep']}" if d["rep"] else ""),
         "", f"{len(d['sessions'])} sessions."]
    for name in ("trend.png", "dimensions.png"):
        if name in imgs:
            L += ["", f"![{name}]({imgs[name]})"]
    L += ["", "## KPIs", "", "| KPI | value |", "|---|---|"] + [f"| {k} | {v if v is not None else '—'} |" for k, v in d["kpis"].items()]
    L += ["", "## Most common mistakes (team)", ""] + [f"- {t} ({n})" for t, n in d["mistakes"]]
    L += ["", "## By market", ""]
    for m, items in d["mistakes_by_market"].items():
        L.append(f"- **{m}**: " + "; ".join(f"{t} ({n})" for t, n in items))
    L += ["", "## Flagged for the monthly session", ""]
    for f in d["flagged"]:
        L.append(f"### {f['rep']} — {f['scenario']} — {f['started_at']:%Y-%m-%d} — overall {f['overall']}")
        for t in f["transcript"]:
            L.append(f"- [{t['n']}] **{t['role']}**: {t['text']}")
        for c in f["comments"]:
            L.append(f"  - 💬 {c['author']}" + (f" on turn {c['turn']}" if c["turn"] else "") + f": {c['text']}")
    L += ["", "## Field cases this month — what was learned where", ""]
    for fc in d["field_cases"]:
        L.append(f"- {fc['market']} from {fc['region'] or '?'} ({fc['status']}): {fc['data'].get('title') or fc['data']['situation'][:100]}")
    from coach.field.report import markdown as field_markdown
    for name in imgs:
        if name.startswith("field-"):
            L += ["", f"![{name}]({imgs[name]})"]
    L += field_markdown(d.get("field") or {"empty": True})
    return "\n".join(L) + "\n"


def _html(d: dict[str, Any], imgs: dict[str, str]) -> str:
    e = lambda x: html.escape(str(x))  # noqa: E731
    parts = [f"""<!doctype html><html><head><meta charset="utf-8"><title>Monthly review pack {e(d['month'])}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto;color:#222}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px 8px}}img{{max-width:100%}}.turn{{margin:2px 0}}.c{{color:#555;margin-left:2em}}
@media print{{.flag{{page-break-before:always}}}}</style></head><body>""",
             f"<h1>Monthly review pack — {e(d['month'])}{(' — team ' + e(d['team'])) if d['team'] else ''}{(' — ' + e(d['rep'])) if d['rep'] else ''}</h1>",
             f"<p>{len(d['sessions'])} sessions.</p>"]
    for name in ("trend.png", "dimensions.png"):
        if name in imgs:
            parts.append(f'<img alt="{name}" src="{imgs[name]}">')
    parts.append("<h2>KPIs</h2><table>" + "".join(f"<tr><td>{e(k)}</td><td>{e(v if v is not None else '—')}</td></tr>"
                                                  for k, v in d["kpis"].items()) + "</table>")
    parts.append("<h2>Most common mistakes (team)</h2><ul>" + "".join(f"<li>{e(t)} ({n})</li>" for t, n in d["mistakes"]) + "</ul>")
    parts.append("<h2>By market</h2><ul>" + "".join(
        f"<li><b>{e(m)}</b>: " + "; ".join(f"{e(t)} ({n})" for t, n in items) + "</li>" for m, items in d["mistakes_by_market"].items()) + "</ul>")
    parts.append("<h2>Flagged for the monthly session</h2>")
    for f in d["flagged"]:
        parts.append(f"<div class='flag'><h3>{e(f['rep'])} — {e(f['scenario'])} — {f['started_at']:%Y-%m-%d} — overall {e(f['overall'])}</h3>")
        by_turn: dict[int | None, list] = defaultdict(list)
        for c in f["comments"]:
            by_turn[c["turn"]].append(c)
        for c in by_turn.get(None, []):
            parts.append(f"<p class='c'>💬 {e(c['author'])}: {e(c['text'])}</p>")
        for t in f["transcript"]:
            parts.append(f"<p class='turn'>[{t['n']}] <b>{e(t['role'])}</b>: {e(t['text'])}</p>")
            for c in by_turn.get(t["n"], []):
                parts.append(f"<p class='c'>💬 {e(c['author'])}: {e(c['text'])}</p>")
        parts.append("</div>")
    parts.append("<h2>Field cases this month — what was learned where</h2><ul>" + "".join(
        f"<li>{e(fc['market'])} from {e(fc['region'] or '?')} ({e(fc['status'])}): {e(fc['data'].get('title') or fc['data']['situation'][:100])}</li>"
        for fc in d["field_cases"]) + "</ul>")
    from coach.field.report import html_section
    parts.append(html_section(d.get("field") or {"empty": True}, imgs) + "</body></html>")
    return "\n".join(parts)


def export(store: Any, viewer: Viewer, what: str, out: Path) -> int:
    import csv
    import json

    from coach.field.parse import safe_cell
    rows = export_rows(store, viewer, what)
    if out.suffix == ".jsonl":
        with out.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif out.suffix == ".csv":
        with out.open("w", encoding="utf-8", newline="") as fh:
            if rows:
                w = csv.DictWriter(fh, fieldnames=list(rows[0]))
                w.writeheader()
                for r in rows:  # no cell can run as a formula in a spreadsheet
                    w.writerow({k: safe_cell(json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, (dict, list))
                                             else v) for k, v in r.items()})
    else:
        raise ValueError("export file must end in .csv or .jsonl")
    return len(rows)
