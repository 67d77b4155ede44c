"""The field section of the monthly pack: per region, what changed, the practice before it, practices that
travelled between regions, and questions about methods; a KPI table, plots and a CSV export."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from coach.field.parse import safe_cell

COLUMNS = ("deals", "first_offer_response_rate", "cycle_time_vs_home", "expected_cycle_ratio", "second_year_retention",
           "hit_rate", "forecast_error", "objection_specificity")
LABELS = {"first_offer_response_rate": "first offers answered in the market's window",
          "cycle_time_vs_home": "closing time vs home", "second_year_retention": "second-year reorders",
          "hit_rate": "hit rate", "forecast_error": "forecast slip", "objection_specificity": "specific objections"}
BETTER_UP = {"first_offer_response_rate": True, "second_year_retention": True, "hit_rate": True,
             "objection_specificity": True, "forecast_error": False}


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)


def kpi_table(rows: list[dict[str, Any]]) -> str:
    """Plain text, one line per group."""
    if not rows:
        return "no field data yet: import a CRM export with `coach field import FILE --source ...`"
    keys = [k for k in ("region", "market", "team", "rep") if k in rows[0]]
    head = keys + list(COLUMNS)
    table = [head] + [[_fmt(r.get(k)) for k in head] for r in rows]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(head))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(row, widths)) for row in table)


def to_csv(rows: list[dict[str, Any]]) -> str:
    """KPI rows as CSV; no cell can run as a formula in a spreadsheet."""
    buf = io.StringIO()
    if rows:
        fields = [k for k in rows[0] if k != "decision_status"] + ["won", "lost", "open", "stalled"]
        w = csv.DictWriter(buf, fieldnames=fields)
        w.writeheader()
        for r in rows:
            flat = {k: v for k, v in r.items() if k != "decision_status"} | dict(r.get("decision_status", {}))
            w.writerow({k: safe_cell(v) for k, v in flat.items()})
    return buf.getvalue()


def gather(store: Any, registry: Any, viewer: Any, month_start: datetime, month_end: datetime) -> dict[str, Any]:
    """KPIs this month against the three months before, per region and market, with the practice before them."""
    from coach.field.kpis import compute
    before = month_start - timedelta(days=91)
    now = compute(store, registry, viewer, by=("region", "market"), since=month_start, until=month_end)
    if not now and not compute(store, registry, viewer, by=("region",)):
        return {"regions": [], "empty": True}
    prev = {(r["region"], r["market"]): r for r in compute(store, registry, viewer, by=("region", "market"),
                                                           since=before, until=month_start)}
    regions: dict[str, dict[str, Any]] = {}
    for r in now:
        reg = regions.setdefault(r["region"], {"region": r["region"], "rows": [], "changes": [], "questions": []})
        reg["rows"].append(r)
        p = prev.get((r["region"], r["market"]))
        for k, up in BETTER_UP.items():
            if p and r.get(k) is not None and p.get(k) is not None and abs(r[k] - p[k]) >= 0.1:
                better = (r[k] > p[k]) == up
                reg["changes"].append({"market": r["market"], "kpi": k, "before": p[k], "now": r[k], "better": better})
    from coach.field.config import load_funnel
    from coach.field.kpis import load_deals
    order = [st.id for st in load_funnel().stages]
    funnel: dict[str, dict[str, int]] = {}
    for d in load_deals(store, viewer):  # the pipeline as it stands: deals per stage, per region
        counts = funnel.setdefault(d.region, dict.fromkeys(order, 0))
        counts[d.stage] = counts.get(d.stage, 0) + 1
    trend: dict[str, list[tuple[str, float | None]]] = {}
    for k in range(11, -1, -1):  # first offers answered in the market's window, month by month
        y, m = divmod(month_start.year * 12 + month_start.month - 1 - k, 12)
        start = datetime(y, m + 1, 1)
        end = datetime(y + (m == 11), (m + 1) % 12 + 1, 1)
        for r in compute(store, registry, viewer, by=("region",), since=start, until=end):
            trend.setdefault(r["region"], []).append((f"{start:%Y-%m}", r["first_offer_response_rate"]))
    practice = _practice(store, viewer, before, month_end)
    for reg in regions.values():
        reg["practice"] = practice.get(reg["region"], {"scenarios": {}, "field_cases": []})
        for c in sorted(reg["changes"], key=lambda c: -abs(c["now"] - c["before"]))[:3]:
            verb = "improve" if c["better"] else "change"
            reg["questions"].append(f"{c['market']}: {LABELS[c['kpi']]} went from {_fmt(c['before'])} to "
                                    f"{_fmt(c['now'])}. What did you do differently, and could another region "
                                    f"{verb} the same way?" if c["better"] else
                                    f"{c['market']}: {LABELS[c['kpi']]} went from {_fmt(c['before'])} to "
                                    f"{_fmt(c['now'])}. Which step of the method changed, and what would you try next?")
    return {"regions": list(regions.values()), "travelled": _travelled(practice), "empty": False, "funnel": funnel,
            "trend": trend}


def _practice(store: Any, viewer: Any, since: datetime, until: datetime) -> dict[str, dict[str, Any]]:
    """Per region: scenarios rehearsed and field cases shared in the months before."""
    from coach.store.review import list_field_cases, list_sessions
    out: dict[str, dict[str, Any]] = {}
    for s in list_sessions(store, viewer, date_from=since, date_to=until, limit=100_000):
        region = s.get("region") or "—"
        sc = out.setdefault(region, {"scenarios": {}, "field_cases": []})["scenarios"]
        sc[s["scenario"]] = sc.get(s["scenario"], 0) + 1
    for fc in list_field_cases(store, viewer, month=(since, until)):
        out.setdefault(fc["region"] or "—", {"scenarios": {}, "field_cases": []})["field_cases"].append(fc)
    return out


def _travelled(practice: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """A field case one region shared about a market that another region then rehearsed."""
    out = []
    for origin, p in practice.items():
        for fc in p["field_cases"]:
            if fc.get("status") != "approved":
                continue
            for other, q in practice.items():
                hits = {k: v for k, v in q["scenarios"].items() if k.split("-")[0].upper() == fc["market"]}
                if other != origin and hits:
                    out.append({"from": origin, "to": other, "market": fc["market"],
                                "case": fc["data"].get("title") or fc["data"].get("situation", "")[:100],
                                "rehearsals": sum(hits.values())})
    return out


def markdown(section: dict[str, Any]) -> list[str]:
    if section.get("empty"):
        return ["", "## Field results", "", "No CRM data imported yet."]
    L = ["", "## Field results — what the field learned", ""]
    for reg in section["regions"]:
        L += [f"### Region {reg['region']}", "", "| market | " + " | ".join(COLUMNS) + " |",
              "|---|" + "---|" * len(COLUMNS)]
        L += ["| " + r["market"] + " | " + " | ".join(_fmt(r.get(c)) for c in COLUMNS) + " |" for r in reg["rows"]]
        L += ["", "What changed against the three months before:"]
        L += [f"- {c['market']}: {LABELS[c['kpi']]} {_fmt(c['before'])} → {_fmt(c['now'])}" for c in reg["changes"]] or ["- nothing moved by 0.1 or more"]
        sc = reg["practice"]["scenarios"]
        L += ["", "Practice before it: " + (", ".join(f"{k} ({v})" for k, v in sorted(sc.items())) or "no rehearsals")]
        L += ["", "Questions for the session:"] + [f"- {q}" for q in reg["questions"]]
        L.append("")
    L += ["### Practices that travelled", ""]
    L += [f"- {t['market']}: a case from {t['from']} ({t['case']}) — {t['to']} rehearsed it {t['rehearsals']} times"
          for t in section["travelled"]] or ["- none this period"]
    return L


def html_section(section: dict[str, Any], imgs: dict[str, str]) -> str:
    import html as h
    e = lambda x: h.escape(str(x))  # noqa: E731
    if section.get("empty"):
        return "<h2>Field results</h2><p>No CRM data imported yet.</p>"
    parts = ["<h2>Field results — what the field learned</h2>"]
    for name, src in imgs.items():
        if name.startswith("field-"):
            parts.append(f'<img alt="{e(name)}" src="{src}">')
    for reg in section["regions"]:
        parts.append(f"<h3>Region {e(reg['region'])}</h3><table><tr><th>market</th>"
                     + "".join(f"<th>{e(c)}</th>" for c in COLUMNS) + "</tr>")
        parts += ["<tr><td>" + e(r["market"]) + "</td>" + "".join(f"<td>{e(_fmt(r.get(c)))}</td>" for c in COLUMNS)
                  + "</tr>" for r in reg["rows"]]
        parts.append("</table><ul>" + "".join(f"<li>{e(c['market'])}: {e(LABELS[c['kpi']])} {e(_fmt(c['before']))} → "
                                              f"{e(_fmt(c['now']))}</li>" for c in reg["changes"]) + "</ul>")
        parts.append("<p>Questions for the session:</p><ul>" + "".join(f"<li>{e(q)}</li>" for q in reg["questions"]) + "</ul>")
    parts.append("<h3>Practices that travelled</h3><ul>" + "".join(
        f"<li>{e(t['market'])}: a case from {e(t['from'])} ({e(t['case'])}) — {e(t['to'])} rehearsed it "
        f"{t['rehearsals']} times</li>" for t in section["travelled"]) + "</ul>")
    return "\n".join(parts)


def plots(section: dict[str, Any]) -> dict[str, bytes]:
    """Cycle time vs home by market (with the expected ratio), per region."""
    if section.get("empty") or not section["regions"]:
        return {}
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, len(section["regions"]), figsize=(5 * len(section["regions"]), 3.2), squeeze=False)
    for ax, reg in zip(axes[0], section["regions"]):
        rows = [r for r in reg["rows"] if r.get("cycle_time_vs_home") is not None]
        xs = range(len(rows))
        ax.bar(xs, [r["cycle_time_vs_home"] for r in rows], label="actual")
        ax.scatter(xs, [r.get("expected_cycle_ratio") or 0 for r in rows], color="black", marker="_", s=300,
                   label="expected")
        ax.set_xticks(list(xs), [r["market"] for r in rows])
        ax.set_title(f"{reg['region']}: closing time vs home")
        ax.legend(fontsize=7)
    out = {"field-cycle.png": _png(fig, plt)}
    if section.get("funnel"):
        fig, axes = plt.subplots(1, len(section["funnel"]), figsize=(5 * len(section["funnel"]), 3), squeeze=False)
        for ax, (region, stages) in zip(axes[0], sorted(section["funnel"].items())):
            ax.barh(list(stages)[::-1], list(stages.values())[::-1])
            ax.set_title(f"{region}: deals per funnel stage")
        out["field-funnel.png"] = _png(fig, plt)
    if section.get("trend"):
        fig, ax = plt.subplots(figsize=(8, 3))
        for region, points in sorted(section["trend"].items()):
            ax.plot([p[0] for p in points], [float("nan") if p[1] is None else p[1] for p in points], marker="o",
                    label=region)
        ax.set_title("First offers answered within the market's window, by month")
        ax.set_ylim(0, 1)
        ax.tick_params(axis="x", labelrotation=45, labelsize=7)
        ax.legend(fontsize=7)
        out["field-trend.png"] = _png(fig, plt)
    return out


def _png(fig: Any, plt: Any) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    return buf.getvalue()


def write_csv(rows: list[dict[str, Any]], out: Path) -> Path:
    out.write_text(to_csv(rows), encoding="utf-8")
    return out
