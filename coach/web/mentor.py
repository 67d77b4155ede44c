"""Mentor: find sessions, read transcript and debrief side by side, comment, flag, monthly pack, field cases."""
from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

import gradio as gr

from coach.web.common import SCALES, TOPICS, Services, parse_date
from coach.web.render import (EMPTY_PICK, EMPTY_QUEUE, EMPTY_SESSIONS, EMPTY_TREND, esc, render_comments,
                              render_debrief, render_transcript, session_label, trend_plot)

HEADERS = ["rep", "team", "market", "scenario", "started", "overall", "flagged"]


class Mentor:
    def __init__(self, svc: Services):
        self.svc = svc

    # ------------------------------------------------------------ sessions
    def search(self, rep, team, market, scenario, since, until, min_s, max_s, flagged_only, request: gr.Request):
        from coach.store import review
        user = self.svc.reviewer(request)
        rows = review.list_sessions(self.svc.store, self.svc.viewer(user), rep=rep or None, team=team or None,
                                    market=market or None, scenario=scenario or None, date_from=parse_date(since),
                                    date_to=parse_date(until), min_score=min_s if min_s else None,
                                    max_score=max_s if max_s not in (None, 100) else None,
                                    flagged=True if flagged_only else None)
        labels = [(session_label(r, self.svc.scenario_title(r["scenario"])), r["session_id"]) for r in rows]
        table = [[r["rep"] or "", r["team"] or "", r["market"] or "", self.svc.scenario_title(r["scenario"]) or r["scenario"] or "",
                  f"{r['started_at']:%Y-%m-%d %H:%M}", "" if r["overall"] is None else round(r["overall"]),
                  "yes" if r["flagged"] else ""] for r in rows]
        fig = trend_plot(rows)
        note = f"{len(rows)} session{'s' if len(rows) != 1 else ''}." if rows else EMPTY_SESSIONS
        return (gr.Dataframe(value=table, visible=bool(rows)), gr.Dropdown(choices=labels, value=None),
                gr.Plot(value=fig, visible=fig is not None), note, gr.Markdown(EMPTY_TREND, visible=fig is None))

    def open_tab(self, listed, rep, team, market, scenario, since, until, min_s, max_s, flagged_only,
                 request: gr.Request):
        """The first time the tab opens: list the sessions and the field-case queue (later visits keep the view)."""
        if listed:
            return (gr.update(),) * 8 + (True,)
        return (*self.search(rep, team, market, scenario, since, until, min_s, max_s, flagged_only, request),
                *self.field_queue(request), True)

    def view_session(self, sid: str | None, request: gr.Request):
        from coach.store import review
        from coach.store.review import AccessDenied
        user = self.svc.reviewer(request)
        if not sid:
            return EMPTY_PICK, "", ""
        v = self.svc.viewer(user)
        try:
            turns = review.transcript(self.svc.store, v, sid)
            d = review.latest_debrief(self.svc.store, v, sid)
            cs = review.comments(self.svc.store, v, sid)
        except AccessDenied as exc:
            raise gr.Error(str(exc)) from None
        return render_transcript(turns), (render_debrief(d) if d else "_not debriefed yet_"), render_comments(cs)

    def comment(self, sid: str | None, turn: float | None, text: str, request: gr.Request):
        from coach.store import review
        from coach.store.review import AccessDenied
        user = self.svc.reviewer(request)
        try:
            review.add_comment(self.svc.store, self.svc.viewer(user), sid or "", text, int(turn) if turn else None)
        except (AccessDenied, ValueError) as exc:
            raise gr.Error(str(exc)) from None
        return self.view_session(sid, request)[2], ""

    def set_flag(self, sid: str | None, on: bool, request: gr.Request):
        from coach.store import review
        from coach.store.review import AccessDenied
        user = self.svc.reviewer(request)
        try:
            review.flag(self.svc.store, self.svc.viewer(user), sid or "", on)
        except AccessDenied as exc:
            raise gr.Error(str(exc)) from None
        return "Flagged for the monthly session." if on else "Unflagged."

    def monthly(self, month: str, team: str, request: gr.Request):
        from coach import reports
        user = self.svc.reviewer(request)
        try:
            data = reports.gather(self.svc.store, self.svc.viewer(user), month or datetime.now().strftime("%Y-%m"),
                                  team=team or None, registry=self.svc.ctx.packs)
        except ValueError as exc:
            raise gr.Error(str(exc)) from None
        out = Path(tempfile.mkdtemp(prefix="coach-report-")) / f"review-pack-{data['month']}.html"
        reports.render(data, out)
        return str(out)

    # ------------------------------------------------------------ field cases
    def field_queue(self, request: gr.Request):
        from coach.store import review
        user = self.svc.reviewer(request)
        rows = review.list_field_cases(self.svc.store, self.svc.viewer(user), status="draft")
        table = [[r["id"], r["market"], r["region"] or "", r["submitted_by"] or "", r["data"]["situation"][:120]] for r in rows]
        choices = [(f"#{r['id']} · {r['market']} · {r['data']['situation'][:60]}", r["id"]) for r in rows]
        return (gr.Dataframe(value=table, visible=bool(rows)), gr.Dropdown(choices=choices, value=None),
                "" if rows else EMPTY_QUEUE)

    def approve_field(self, fid, title, scale, topics, kind, request: gr.Request):
        from coach import fieldcases
        from coach.store.review import AccessDenied
        user = self.svc.reviewer(request)
        ctx = self.svc.ctx
        try:
            case = fieldcases.approve(ctx.store, self.svc.viewer(user), int(fid), ctx.settings.data_dir, title=title or "",
                                      scale=scale, topics=list(topics or []), kind=kind, known_markets=set(ctx.packs.markets))
        except (AccessDenied, KeyError, ValueError, TypeError) as exc:
            raise gr.Error(f"Not approved: {exc}") from None
        ctx.reload_packs()
        self.svc.refresh()
        return f"Approved as **{esc(case.id)}** and indexed for everyone."

    # ------------------------------------------------------------ layout
    def build(self) -> None:
        self.listed = gr.State(False)
        self._filters()
        self.search_btn = gr.Button("Search sessions", variant="primary")
        self.sessions_note = gr.Markdown("_Open this tab or press **Search sessions** to list sessions._",
                                         elem_id="sessions-note")
        self.sessions = gr.Dataframe(headers=HEADERS, interactive=False, elem_id="sessions", visible=False, wrap=True,
                                     column_widths=["72px", "64px", "64px", "auto", "132px", "64px", "64px"])
        self.trend = gr.Plot(label="Trend", visible=False, elem_id="trend")
        self.trend_note = gr.Markdown(visible=False, elem_id="trend-note")
        self.pick = gr.Dropdown(label="Session", choices=[], allow_custom_value=True, elem_id="session-pick")
        with gr.Row(equal_height=False):
            self.transcript = gr.Markdown(EMPTY_PICK, elem_id="m-transcript", sanitize_html=True)
            self.debrief = gr.Markdown(elem_id="m-debrief", sanitize_html=True)
        self.comments = gr.Markdown(elem_id="m-comments")
        with gr.Row():
            self.c_turn = gr.Number(label="On turn (0 = whole session)", value=0, precision=0, minimum=0)
            self.c_text = gr.Textbox(label="Comment", scale=4)
            self.c_btn = gr.Button("Add comment")
        with gr.Row():
            self.flag_box = gr.Checkbox(label="Bring to the monthly session")
            self.flag_msg = gr.Markdown()
        with gr.Accordion("Monthly review pack", open=False):
            with gr.Row():
                self.month = gr.Textbox(label="Month (YYYY-MM)", value=datetime.now().strftime("%Y-%m"))
                self.month_team = gr.Textbox(label="Team")
                self.month_btn = gr.Button("Build the pack")
            self.month_file = gr.File(label="Review pack")
        self._field_queue()

    def _filters(self) -> None:
        with gr.Row():
            self.f_rep = gr.Textbox(label="Salesperson")
            self.f_team = gr.Textbox(label="Team")
            self.f_market = gr.Textbox(label="Market")
            self.f_scenario = gr.Dropdown([("any", "")] + self.svc.scenario_choices(), value="",
                                          label="Scenario")
        with gr.Row():
            self.f_since = gr.Textbox(label="From (YYYY-MM-DD)")
            self.f_until = gr.Textbox(label="Until (YYYY-MM-DD)")
            self.f_min = gr.Number(label="Min score", value=0, minimum=0, maximum=100)
            self.f_max = gr.Number(label="Max score", value=100, minimum=0, maximum=100)
            self.f_flag = gr.Checkbox(label="Flagged only")

    def _field_queue(self) -> None:
        with gr.Accordion("Field-case review queue", open=False):
            self.fq_btn = gr.Button("Refresh queue")
            self.fq_note = gr.Markdown()
            self.fq_df = gr.Dataframe(headers=["id", "market", "region", "by", "situation"], interactive=False, visible=False)
            with gr.Row():
                self.fq_pick = gr.Dropdown(label="Field case", choices=[])
                self.fq_title = gr.Textbox(label="Title")
                self.fq_scale = gr.Dropdown(SCALES, label="Scale", value="trusting")
                self.fq_topics = gr.CheckboxGroup(TOPICS, label="Topics")
                self.fq_kind = gr.Radio(["mistake", "good_move"], value="mistake", label="Kind")
            self.fq_approve = gr.Button("Approve and index")
            self.fq_msg = gr.Markdown()

    def wire(self, ui) -> None:
        filters = [self.f_rep, self.f_team, self.f_market, self.f_scenario, self.f_since, self.f_until, self.f_min,
                   self.f_max, self.f_flag]
        found = [self.sessions, self.pick, self.trend, self.sessions_note, self.trend_note]
        self.search_btn.click(self.search, filters, found, api_name="search_sessions")
        queue = [self.fq_df, self.fq_pick, self.fq_note]
        ui.mentor_tab.select(self.open_tab, [self.listed, *filters], [*found, *queue, self.listed], api_name=False)
        self.pick.change(self.view_session, self.pick, [self.transcript, self.debrief, self.comments],
                         api_name="view_session")
        self.c_btn.click(self.comment, [self.pick, self.c_turn, self.c_text], [self.comments, self.c_text], api_name="comment")
        self.flag_box.input(self.set_flag, [self.pick, self.flag_box], self.flag_msg, api_name="flag")
        self.month_btn.click(self.monthly, [self.month, self.month_team], self.month_file, api_name="monthly_pack")
        self.fq_btn.click(self.field_queue, None, queue, api_name="field_queue")
        self.fq_approve.click(self.approve_field, [self.fq_pick, self.fq_title, self.fq_scale, self.fq_topics, self.fq_kind],
                              self.fq_msg, api_name="approve_field_case")
