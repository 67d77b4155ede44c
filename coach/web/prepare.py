"""Prepare: who are you meeting → a brief of the three likeliest mistakes, copyable; share a field case."""
from __future__ import annotations

import gradio as gr

from coach.web.common import Services
from coach.web.phrases import PhrasePanel, phrases_of
from coach.web.render import EMPTY_BRIEF, brief_markdown, brief_text, esc, render_brief

HINT = ("Say who they are (role, company, country or city), the stage (first meeting, price talk, closing) "
        "and where you are from. Any language works. Enter sends.")


def copy_js(label: str) -> str:
    """Copies a hidden textbox's value; navigator.clipboard needs a secure context (https, localhost), else execCommand."""
    return """(text) => {
  const done = () => 'Copied the brief as LABEL.';
  if (!text) return 'Nothing to copy yet: ask for a brief first.';
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text).then(done, () => 'Copy failed: select the brief and copy it by hand.');
  }
  const ta = document.createElement('textarea');
  ta.value = text; ta.setAttribute('readonly', ''); ta.style.position = 'fixed'; ta.style.opacity = '0';
  document.body.appendChild(ta); ta.select();
  const ok = document.execCommand('copy'); ta.remove();
  return ok ? done() : 'Copy failed: select the brief and copy it by hand.';
}""".replace("LABEL", label)


class Prepare:
    def __init__(self, svc: Services):
        self.svc = svc
        self.aloud = PhrasePanel(svc)

    # ------------------------------------------------------------ handlers
    def prepare(self, text: str, home: str, request: gr.Request):
        self.svc.who(request)
        from coach.advisor import AdviceInputError
        try:
            adv = self.svc.advisor.advise(text, home=home or None)
        except AdviceInputError as exc:
            return (f"**Please check the description:** {esc(exc)}", None, gr.update(), "", "",
                    gr.update(visible=False), [], None)
        packs = self.svc.packs
        sc = next((s.id for s in packs.scenarios.values() if adv.persona and s.persona == adv.persona), None) or \
            next((s.id for s in packs.scenarios.values() if s.market == adv.market and s.kind == "negotiation"), None)
        known = {v for _, v in self.svc.home_choices()}
        home_shown = gr.update(value=adv.home) if adv.home in known else gr.update()  # "I'm Italian" → Italy (IT)
        return (render_brief(adv), sc, home_shown, brief_markdown(adv), brief_text(adv), gr.update(visible=True),
                phrases_of(adv), adv.market)

    def submit_field(self, market: str, situation: str, happened: str, worked: str, request: gr.Request):
        user = self.svc.who(request)
        from coach import fieldcases
        try:
            fid = fieldcases.submit(self.svc.store, self.svc.viewer(user), market or "", situation or "",
                                    happened or "", worked or "", region=user.region)
        except ValueError as exc:
            return f"**Not saved:** {esc(exc)}"
        return f"Thank you — field case {fid} is saved as a draft for review."

    # ------------------------------------------------------------ layout
    def build(self) -> None:
        with gr.Row(equal_height=False):
            self.text = gr.Textbox(label="Who are you meeting?", lines=1, max_lines=4, max_length=4000, scale=4, info=HINT,
                                   elem_id="who",
                                   placeholder="Saudi procurement lead at a state utility, first meeting in Riyadh, I'm Italian")
            self.home = gr.Dropdown(self.svc.home_choices(), value="", label="Your home culture", scale=1,
                                    info="Filled in from the text when you say it (\"I'm Italian\").")
        self.go = gr.Button("Brief me", variant="primary")
        with gr.Row(visible=False, elem_id="brief-actions") as self.actions:
            self.rehearse_btn = gr.Button("Rehearse this", variant="primary", elem_id="rehearse-this", size="md")
            self.copy_md_btn = gr.Button("Copy brief (Markdown)", elem_id="copy-md", size="md")
            self.copy_txt_btn = gr.Button("Copy brief (plain text)", elem_id="copy-text", size="md")
        self.copied = gr.Markdown(elem_id="copy-status")
        self.brief = gr.Markdown(EMPTY_BRIEF, sanitize_html=True, elem_id="brief")
        self.copy_md = gr.Textbox(visible="hidden", elem_id="brief-md", label="Brief as Markdown")
        self.copy_txt = gr.Textbox(visible="hidden", elem_id="brief-text", label="Brief as text")
        self.suggested = gr.State(None)
        self.phrases = gr.State([])  # the brief's "Say" phrases, for saying them aloud
        self.market = gr.State(None)
        self.aloud.build()
        with gr.Accordion("Share a field case from your market", open=False):
            self.fc_market = gr.Textbox(label="Market (ISO code, e.g. KR)", max_length=2)
            self.fc_situation = gr.Textbox(label="Situation", lines=2)
            self.fc_happened = gr.Textbox(label="What happened", lines=2)
            self.fc_worked = gr.Textbox(label="What worked", lines=2)
            self.fc_submit = gr.Button("Submit for review")
            self.fc_status = gr.Markdown()

    def wire(self, ui) -> None:
        outs = [self.brief, self.suggested, self.home, self.copy_md, self.copy_txt, self.actions, self.phrases,
                self.market]
        self.go.click(self.prepare, [self.text, self.home], outs, api_name="prepare")
        self.text.submit(self.prepare, [self.text, self.home], outs, api_name=False)
        self.rehearse_btn.click(ui.rehearse.pick, [self.suggested, self.home],
                                [ui.rehearse.scenario, ui.rehearse.home, ui.tabs], api_name=False)
        self.copy_md_btn.click(None, self.copy_md, self.copied, js=copy_js("Markdown"), api_name=False)
        self.copy_txt_btn.click(None, self.copy_txt, self.copied, js=copy_js("plain text"), api_name=False)
        self.aloud.wire(self)
        self.fc_submit.click(self.submit_field, [self.fc_market, self.fc_situation, self.fc_happened, self.fc_worked],
                             self.fc_status, api_name="submit_field_case")
