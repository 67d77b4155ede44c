"""Rehearse: a negotiation with a market persona. The scenario card sits beside the chat (above it, collapsed,
on a phone); the persona's name and the clock are pinned above the chat. Enter sends; Ctrl+Shift+Enter ends."""
from __future__ import annotations

import time
from datetime import timezone

import gradio as gr

from coach.web.common import Services
from coach.web.render import EMPTY_CARD, EMPTY_HEAD, render_card, render_clock, render_head
from coach.web.voice import VoicePanel

KEYS = "**Enter** sends · **Ctrl+Shift+Enter** ends and opens the debrief"
CHAT_PLACEHOLDER = "Pick a scenario and press **Start rehearsal**; the buyer's replies appear here."

# after Start: the cursor goes to the message box; on a phone the card folds away and the chat comes into view
AFTER_START_JS = """() => {
  if (window.matchMedia('(max-width: 767px)').matches) {
    const acc = document.querySelector('#card-acc');
    const toggle = acc && acc.querySelector('button, .label-wrap');
    if (toggle && acc.querySelector('#persona-card') && acc.querySelector('#persona-card').offsetParent) toggle.click();
  }
  setTimeout(() => {
    const box = document.querySelector('#msg textarea');
    if (box) box.focus({preventScroll: true});
    const composer = document.querySelector('#composer');
    if (composer && composer.getBoundingClientRect().bottom > window.innerHeight) {
      document.querySelector('#chat-head').scrollIntoView({block: 'start'});
    }
  }, 100);
}"""


UPDATE_EVERY = 0.1  # seconds between chat updates while a reply streams

FOCUS_JS = "() => { const box = document.querySelector('#msg textarea'); if (box) box.focus({preventScroll: true}); }"


class Rehearse:
    def __init__(self, svc: Services):
        self.svc = svc
        self.voice = VoicePanel(svc)

    # ------------------------------------------------------------ handlers
    def pick(self, sc: str | None, home: str | None, request: gr.Request):
        """From another workspace: this scenario (and home culture), on the Rehearse tab."""
        self.svc.who(request)
        if not sc:
            raise gr.Error("No scenario for this market yet.")
        return gr.update(value=sc), (gr.update(value=home) if home else gr.update()), gr.Tabs(selected="rehearse")

    def _scenario(self, sc_id: str | None):
        sc = self.svc.packs.scenarios.get(sc_id or "")
        return (sc, self.svc.packs.personas[sc.persona].public()) if sc else (None, None)

    def show_card(self, sc_id: str, request: gr.Request):
        self.svc.who(request)
        sc, persona = self._scenario(sc_id)
        return (render_card(sc, persona), render_head(sc, persona)) if sc else (EMPTY_CARD, EMPTY_HEAD)

    def start(self, sc_id: str, home: str, whisper: bool, request: gr.Request):
        user = self.svc.who(request)
        if sc_id not in self.svc.packs.scenarios:
            raise gr.Error("Pick a scenario.")
        from coach.roleplay import RolePlayError
        try:
            sid = self.svc.rp.start(sc_id, home=home or user.home, user_id=user.id, whisper=whisper, seller_name=None)
        except RolePlayError as exc:
            raise gr.Error(str(exc)) from None
        sc, persona = self._scenario(sc_id)
        on = gr.update(interactive=True)
        return (sid, [], time.time(), "Session started — say hello.", on, on, on, gr.Timer(active=True),
                gr.Accordion(open=False), render_head(sc, persona), render_clock(0.0, sc.time_box_minutes))

    def resumable(self, request: gr.Request):
        """The Continue button: shown when this salesperson has a rehearsal that has not ended."""
        user = self.svc.who(request)
        row = self.svc.store.latest_active_session(user.id) if user.id is not None else None
        if row is None:
            return gr.update(visible=False)
        title = self.svc.scenario_title(row.scenario_id) or row.scenario_id
        return gr.update(visible=True, value=f"Continue: {title}")

    def resume(self, request: gr.Request):
        """Continue this salesperson's latest open rehearsal with every turn it holds (after a reload, or when the
        app restarted or another server took over); a reply cut off mid-way is completed first."""
        user = self.svc.who(request)
        row = self.svc.store.latest_active_session(user.id) if user.id is not None else None
        if row is None:
            raise gr.Error("No open rehearsal to continue. Pick a scenario and start one.")
        self.svc.rp.resume(row.id)
        history = []
        for t in self.svc.store.turns(row.id):
            if t.role == "trainee":
                history.append({"role": "user", "content": t.text})
            elif t.role == "persona" and t.status == "complete":
                history.append({"role": "assistant", "content": t.text})
            elif t.role == "whisper":
                history.append({"role": "assistant", "content": f"🤫 {t.text}", "metadata": {"title": "Coach whisper"}})
        sc, persona = self._scenario(row.scenario_id)
        started = row.started_at.replace(tzinfo=timezone.utc).timestamp()
        on = gr.update(interactive=True)
        return (row.id, history, started, "Rehearsal continued — every turn so far is above.", on, on, on,
                gr.Timer(active=True), gr.Accordion(open=False), render_head(sc, persona),
                render_clock((time.time() - started) / 60, sc.time_box_minutes), gr.update(visible=False))

    def send(self, message: str, history: list, sid: str | None, request: gr.Request):
        user = self.svc.who(request)
        row = self.svc.owned(user, sid)
        if row.status != "active":
            raise gr.Error("This session has ended. Start a new one.")
        if not (message or "").strip():
            raise gr.Error("Type what you would say first (or '...' to hold a silence).")
        voice = self.voice.take(sid, message)
        history = list(history or []) + [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        yield history, "", ""  # the input box clears as soon as the line is sent
        from coach.roleplay import RolePlayError
        try:
            stream = self.svc.rp.turn(sid, message, voice=voice)
            text, shown = "", time.monotonic()
            for piece in stream:
                text += piece
                if time.monotonic() - shown >= UPDATE_EVERY:  # each update re-sends the chat: not once per word
                    history[-1] = {"role": "assistant", "content": text}
                    shown = time.monotonic()
                    yield history, "", gr.update()
        except RolePlayError as exc:
            raise gr.Error(str(exc)) from None
        r = stream.result
        from coach import memory
        memory.trim()  # return what prompt processing freed, so the resident set stays flat over a session
        history[-1] = {"role": "assistant", "content": r.text}
        self.voice.replied(sid)
        if r.whisper:
            history.append({"role": "assistant", "content": f"🤫 {r.whisper}", "metadata": {"title": "Coach whisper"}})
        status = " ".join(x for x in (f"ended: {r.ended}" if r.ended else "", r.notice or "") if x)
        yield history, status, gr.update()

    def clock(self, started: float | None, sid: str | None):
        if not started or not sid:
            return render_clock(None, None), gr.Timer(active=False)
        row = self.svc.store.get_session(sid)
        sc = self.svc.packs.scenarios.get(row.scenario_id) if row else None
        ended = bool(row and row.status != "active")
        text = render_clock((time.time() - started) / 60, sc.time_box_minutes if sc else None, ended)
        return text, (gr.Timer(active=False) if ended else gr.update())

    def end(self, sid: str | None, request: gr.Request):
        user = self.svc.who(request)
        row = self.svc.owned(user, sid)
        if row.status == "active":
            self.svc.rp.end(sid)
        debrief = self.ui.debrief.show(user, sid)
        off = gr.update(interactive=False)
        return (*debrief, gr.Tabs(selected="debrief"), sid, off, off, off, gr.Timer(active=False),
                gr.Accordion(open=True), "Session ended — the debrief is open.")

    # ------------------------------------------------------------ layout
    def build(self) -> None:
        self.sid = gr.State(None)
        self.started = gr.State(None)
        with gr.Row(elem_id="rehearse-layout", equal_height=False):
            with gr.Column(scale=2, min_width=300, elem_id="rehearse-side"):
                with gr.Accordion("Scenario and start", open=True, elem_id="setup-acc") as self.setup:
                    self.scenario = gr.Dropdown(self.svc.scenario_choices(), value=None, label="Scenario")
                    with gr.Row():
                        self.home = gr.Dropdown(self.svc.home_choices(), value="", label="Your home culture", min_width=140)
                        self.whisper = gr.Checkbox(label="Coach whispers", value=False, min_width=120)
                    self.start_btn = gr.Button("Start rehearsal", variant="primary", elem_id="start-btn")
                    self.resume_btn = gr.Button("Continue", visible=False, elem_id="resume-btn")
                with gr.Accordion("Scenario card", open=True, elem_id="card-acc"):
                    self.card = gr.Markdown(EMPTY_CARD, elem_id="persona-card", sanitize_html=True)
            with gr.Column(scale=3, min_width=300, elem_id="rehearse-main"):
                with gr.Row(elem_id="chat-head", equal_height=True):
                    self.head = gr.Markdown(EMPTY_HEAD, elem_id="persona-head", scale=4, min_width=180)
                    self.clock_md = gr.Markdown("Clock: —", elem_id="clock", scale=1, min_width=130)
                self.status = gr.Markdown(elem_id="rp-status")
                self.chat = gr.Chatbot(label="Negotiation", show_label=False, height="calc(100dvh - 400px)", min_height=220,
                                       sanitize_html=True, allow_tags=False, elem_id="chat", feedback_options=None,
                                       buttons=["copy", "copy_all"],
                                       placeholder=CHAT_PLACEHOLDER)
                with gr.Row(elem_id="composer", equal_height=True):
                    self.msg = gr.Textbox(label="You", scale=5, lines=1, max_lines=4, max_length=2000, interactive=False,
                                          elem_id="msg", placeholder="Type your line, Enter sends")
                    self.send_btn = gr.Button("Send", scale=1, min_width=80, interactive=False, elem_id="send-btn")
                with gr.Row(elem_id="end-row", equal_height=True):
                    self.end_btn = gr.Button("End and debrief", variant="stop", interactive=False, elem_id="end-btn",
                                             scale=0, min_width=160)
                    gr.Markdown(KEYS, elem_id="keys")
                self.voice.build()
        self.timer = gr.Timer(1.0, active=False)

    def wire(self, ui) -> None:
        self.ui = ui
        self.voice.rehearse = self
        self.scenario.change(self.show_card, self.scenario, [self.card, self.head], api_name=False)
        self.start_btn.click(self.start, [self.scenario, self.home, self.whisper],
                             [self.sid, self.chat, self.started, self.status, self.msg, self.send_btn, self.end_btn,
                              self.timer, self.setup, self.head, self.clock_md],
                             api_name="start").then(None, js=AFTER_START_JS).then(
                                 lambda: gr.update(visible=False), None, self.resume_btn, api_name=False)
        self.resume_btn.click(self.resume, None,
                              [self.sid, self.chat, self.started, self.status, self.msg, self.send_btn, self.end_btn,
                               self.timer, self.setup, self.head, self.clock_md, self.resume_btn],
                              api_name="resume").then(None, js=AFTER_START_JS)
        send_io = ([self.msg, self.chat, self.sid], [self.chat, self.status, self.msg])
        # a line sent while the buyer is still replying goes out as soon as the reply is complete; a whole team's
        # turns run side by side (each is bounded by the persona's latency budget; the model itself is queued)
        turns = {"trigger_mode": "always_last", "concurrency_limit": self.svc.ctx.settings.concurrency,
                 "concurrency_id": "turn"}
        self.voice.after_send(self.send_btn.click(self.send, *send_io, api_name="send", **turns))
        self.send_btn.click(None, js=FOCUS_JS, api_name=False)  # after a click on Send, type on
        self.voice.after_send(self.msg.submit(self.send, *send_io, api_name=False, **turns))
        self.voice.wire(self)
        self.timer.tick(self.clock, [self.started, self.sid], [self.clock_md, self.timer], api_name=False,
                        show_progress="hidden")
        d = ui.debrief
        self.end_btn.click(self.end, self.sid,
                           [*d.outputs(), ui.tabs, self.sid, self.msg, self.send_btn, self.end_btn, self.timer,
                            self.setup, self.status], api_name="end")
