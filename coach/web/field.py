"""Field workspace: mentors and trainers import CRM exports (with the row report); everyone sees the field KPIs
they may see (a salesperson: their own deals), with a plot and a formula-safe CSV."""
from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

import gradio as gr

from coach.web.common import Services
from coach.web.render import esc

GROUP_CHOICES = [("region and market", "region,market"), ("region", "region"), ("market", "market"),
                 ("team", "team"), ("salesperson", "rep")]
SHOWN = {"deals": "deals", "first_offer_response_rate": "first offers answered in window",
         "cycle_time_vs_home": "closing time vs home", "expected_cycle_ratio": "expected ratio",
         "second_year_retention": "2nd-year reorders", "hit_rate": "hit rate", "forecast_error": "forecast slip",
         "objection_specificity": "specific objections"}
GROUP_LABELS = {"region": "region", "market": "market", "team": "team", "rep": "salesperson"}


def _day(value: str, label: str) -> datetime | None:
    if not (value or "").strip():
        return None
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d")
    except ValueError:
        raise gr.Error(f"{label} must look like 2026-01-31") from None


class FieldResults:
    def __init__(self, svc: Services):
        self.svc = svc

    def build(self) -> None:
        gr.Markdown("Field results from the CRM beside practice: process KPIs that show whether a team is learning a "
                    "market. Salespeople see their own deals; mentors and trainers import exports.")
        with gr.Accordion("Import a CRM export (mentors and trainers)", open=False):
            with gr.Row():
                self.file = gr.File(label="Export (CSV or XLSX)", file_types=[".csv", ".xlsx"], elem_id="field-file")
                with gr.Column():
                    self.source = gr.Dropdown(["salesforce", "hubspot", "pipedrive", "objections"], value="hubspot",
                                              label="Source", elem_id="field-source")
                    self.region = gr.Textbox(label="Region (for rows without one)", elem_id="field-region")
                    self.import_btn = gr.Button("Import", variant="primary", elem_id="field-import")
            self.import_report = gr.Markdown(elem_id="field-import-report")
        with gr.Row():
            self.by = gr.Dropdown(GROUP_CHOICES, value="region,market", label="Per")
            self.since = gr.Textbox(label="From (YYYY-MM-DD)")
            self.until = gr.Textbox(label="Until (YYYY-MM-DD, exclusive)")
            self.show_btn = gr.Button("Show KPIs", elem_id="field-show")
        self.note = gr.Markdown(elem_id="field-note")
        self.table = gr.Dataframe(interactive=False, visible=False, elem_id="field-kpis", wrap=True)
        self.plot = gr.HTML(visible=False, elem_id="field-plot")
        self.csv = gr.File(label="KPIs as CSV", visible=False)

    def do_import(self, file, source: str, region: str, request: gr.Request):
        from coach.field.config import load_mapping
        from coach.field.importer import import_file
        from coach.field.parse import FileError
        user = self.svc.reviewer(request)
        if not file:
            raise gr.Error("Choose an export file first.")
        path = Path(file if isinstance(file, str) else file.name)
        ctx = self.svc.ctx
        try:
            report = import_file(ctx.store, path, source, region=(region or "").strip() or None, registry=ctx.packs,
                                 mapping=load_mapping(source), classify=ctx.specificity.rate, user_id=user.id)
        except (FileError, ValueError) as exc:
            raise gr.Error(str(exc)) from None
        lines = [f"**{esc(path.name)}**: {report.imported} imported, {report.updated} updated, "
                 f"{report.unchanged} unchanged, {len(report.rejected)} rejected."]
        lines += [f"- line {r['line']}: {esc(r['reason'])}" for r in report.rejected[:100]]
        if len(report.rejected) > 100:
            lines.append(f"- … and {len(report.rejected) - 100} more (the CLI's --json lists them all)")
        lines += [f"- note, line {w['line']}: {esc(w['reason'])}" for w in report.warnings[:20]]
        return "\n".join(lines)

    def show(self, by: str, since: str, until: str, request: gr.Request):
        from coach.field.kpis import compute
        from coach.field.report import plots, to_csv
        user = self.svc.who(request)
        groups = tuple(by.split(","))
        rows = compute(self.svc.store, self.svc.packs, self.svc.viewer(user), by=groups, since=_day(since, "From"),
                       until=_day(until, "Until"))
        if not rows:
            msg = ("No deals of yours in the imported CRM data yet." if user.role == "salesperson"
                   else "No field data yet: import a CRM export above.")
            return msg, gr.update(visible=False), gr.update(visible=False), gr.update(visible=False)
        keys = list(groups) + list(SHOWN)
        head = [GROUP_LABELS[g] for g in groups] + list(SHOWN.values())
        table = [[("—" if r.get(k) is None else r.get(k)) for k in keys] for r in rows]
        out = Path(tempfile.mkdtemp(prefix="coach-field-")) / "field-kpis.csv"
        out.write_text(to_csv(rows), encoding="utf-8")
        img = None
        if "market" in groups and "region" in groups:
            section = {"regions": [{"region": reg, "rows": [r for r in rows if r["region"] == reg]}
                                   for reg in sorted({r["region"] for r in rows})], "empty": False}
            png = plots(section).get("field-cycle.png")
            if png:
                import base64
                img = ('<img style="max-width:100%" alt="Closing time vs the home market, by market and region, with '
                       f'the expected ratio" src="data:image/png;base64,{base64.b64encode(png).decode()}">')
        note = f"{len(rows)} groups." + (" Your own deals only." if user.role == "salesperson" else "")
        import pandas as pd
        return (note, gr.update(value=pd.DataFrame(table, columns=head), visible=True),
                gr.update(value=img or "", visible=img is not None), gr.update(value=str(out), visible=True))

    def wire(self, ui) -> None:
        self.import_btn.click(self.do_import, [self.file, self.source, self.region], self.import_report,
                              api_name="field_import")
        self.show_btn.click(self.show, [self.by, self.since, self.until], [self.note, self.table, self.plot, self.csv],
                            api_name="field_kpis")
