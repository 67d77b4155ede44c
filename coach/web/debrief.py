"""Debrief: scores with evidence, the transcript beside them (jump to a cited turn), rehearse again."""
from __future__ import annotations

import gradio as gr

from coach.web.common import Services
from coach.web.render import EMPTY_DEBRIEF, render_debrief, render_transcript, score_plot


class Debrief:
    def __init__(self, svc: Services):
        self.svc = svc

    def show(self, user, sid: str) -> tuple:
        """The debrief of a session the user may see, as updates for `outputs()`."""
        from coach.store import review
        d = self.svc.debriefs.for_session(sid, judge=self.svc.judge_on).model_dump(mode="json")
        turns = review.transcript(self.svc.store, self.svc.viewer(user), sid)
        cited = sorted({e["turn"] for v in d["dimensions"].values() for e in v["evidence"]}
                       | {e["turn"] for e in (d.get("manner") or {}).get("evidence", [])})
        return (render_debrief(d), gr.Plot(value=score_plot(d), visible=True), render_transcript(turns),
                gr.Dropdown(choices=cited, value=None, visible=bool(cited)), gr.Button(visible=True))

    def outputs(self) -> list:
        return [self.md, self.plot, self.transcript, self.cited, self.again_btn]

    # ------------------------------------------------------------ handlers
    def focus_turn(self, turn: int | None, sid: str | None, request: gr.Request):
        from coach.store import review
        user = self.svc.who(request)
        self.svc.owned(user, sid)
        turns = review.transcript(self.svc.store, self.svc.viewer(user), sid)
        if turn is None:
            return render_transcript(turns)
        near = [t for t in turns if abs(t["n"] - int(turn)) <= 1]
        return render_transcript(near, {int(turn)})

    def again(self, sid: str | None, request: gr.Request):
        user = self.svc.who(request)
        row = self.svc.owned(user, sid)
        return gr.update(value=row.scenario_id), gr.Tabs(selected="rehearse")

    # ------------------------------------------------------------ layout
    def build(self) -> None:
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                self.md = gr.Markdown(EMPTY_DEBRIEF, elem_id="debrief", sanitize_html=True)
            with gr.Column(scale=2):
                self.plot = gr.Plot(label="Scores", visible=False, elem_id="score-plot")
                self.cited = gr.Dropdown(label="Jump to a cited turn", choices=[], visible=False)
                self.transcript = gr.Markdown(elem_id="transcript", sanitize_html=True)
        self.again_btn = gr.Button("Rehearse again", visible=False)

    def wire(self, ui) -> None:
        sid = ui.rehearse.sid
        self.cited.change(self.focus_turn, [self.cited, sid], self.transcript, api_name=False)
        self.again_btn.click(self.again, sid, [ui.rehearse.scenario, ui.tabs], api_name=False)
