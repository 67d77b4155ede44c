"""Assembles the five workspaces into one Gradio app and launches it.

Each workspace (prepare, rehearse, debrief, mentor, field, packs) is a class with `build()` (its layout, inside its
tab) and `wire(ui)` (its events; `ui` gives the tabs and the other workspaces for hand-overs such as
Prepare → Rehearse → Debrief). Per-browser state (the current session) is in gr.State, never shared.
"""
from __future__ import annotations

import sys
from types import SimpleNamespace

import gradio as gr

from coach.context import Context
from coach.web.common import Services
from coach.web.debrief import Debrief
from coach.web.field import FieldResults
from coach.web.mentor import Mentor
from coach.web.packs import Packs
from coach.web.prepare import Prepare
from coach.web.rehearse import Rehearse
from coach.web.render import esc

CSS = """
.message, .prose, .md { unicode-bidi: plaintext; }
#brief, #debrief, #transcript { unicode-bidi: plaintext; }
#title h1 { margin: 0; font-size: 1.6rem; }
#whoami { text-align: right; }
#keys, #clock, #rp-status { color: var(--body-text-color); font-size: var(--text-sm); }
#clock { text-align: right; }
#chat-head > #persona-head { flex: 1 1 0 !important; min-width: 0; }
#chat-head > #clock { flex: 0 0 9.5rem !important; }
/* the editor's syntax colours are too light on white for WCAG AA */
#pack-editor .cm-content span { color: var(--body-text-color) !important; }
#end-row { align-items: center; flex-wrap: nowrap; }
/* Gradio's audio player: its time labels are too light for WCAG AA, and its speed button's accessible name
   ("Adjust playback speed to 1.5x") does not match its text ("1x"); the speed control is not needed here */
#reply-audio time, #phrases-audio time, #mic time, #phrase-mic time { color: var(--body-text-color) !important; }
#reply-audio button.playback, #phrases-audio button.playback, #mic button.playback,
#phrase-mic button.playback { display: none !important; }
/* its waveform (in a shadow root) scrolls sideways once a long reply is wider than the player, and a scrollable
   region must take keyboard focus (axe); the player's own controls seek, so the waveform stays within its box */
#reply-audio ::part(scroll), #phrases-audio ::part(scroll), #mic ::part(scroll),
#phrase-mic ::part(scroll) { overflow-x: hidden !important; }
@media (min-width: 768px) {
  /* the chat column stays in view while the card beside it scrolls */
  #rehearse-main { position: sticky; top: 0.5rem; align-self: flex-start; }
}
@media (max-width: 767px) {
  #title h1 { font-size: 1.25rem; }
  #header { flex-wrap: nowrap; }
  #chat-head { flex-wrap: wrap; row-gap: 0; }
  #chat-head > #persona-head, #chat-head > #clock { flex: 1 1 100% !important; text-align: left; }
  #chat { height: calc(100dvh - 380px) !important; }
  #end-row #keys { display: none; }
}
"""

# Ctrl+Shift+Enter (Cmd+Shift+Enter on a Mac) ends the rehearsal from anywhere on the page; the YAML editor's
# scroll area takes keyboard focus (arrow keys scroll it) like any other scrollable region; Gradio's empty-media
# placeholder (a div labelled "Empty value", an aria-label a plain div may not carry) is given the role of an image
JS = """() => {
  const mend = () => {
    document.querySelectorAll('.cm-scroller:not([tabindex="0"])').forEach((el) => el.setAttribute('tabindex', '0'));
    document.querySelectorAll('div.empty[aria-label]:not([role])').forEach((el) => el.setAttribute('role', 'img'));
  };
  new MutationObserver(mend).observe(document.body, {childList: true, subtree: true});
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !e.shiftKey || !(e.ctrlKey || e.metaKey)) return;
    const end = document.querySelector('#end-btn');
    if (!end || end.disabled || end.offsetParent === null) return;
    e.preventDefault(); e.stopPropagation(); end.click();
  }, true);
}"""


def theme() -> gr.themes.Base:
    """The default theme with darker buttons, accent (selected tab) and secondary text: all meet WCAG AA contrast."""
    return gr.themes.Default().set(
        body_text_color_subdued="*neutral_600", body_text_color_subdued_dark="*neutral_300", color_accent="*primary_700",
        button_primary_background_fill="*primary_700", button_primary_background_fill_dark="*primary_700",
        button_primary_background_fill_hover="*primary_800", button_primary_background_fill_hover_dark="*primary_800",
        button_primary_text_color="white", button_primary_text_color_dark="white",
        button_cancel_background_fill="#b91c1c", button_cancel_background_fill_dark="#b91c1c",
        button_cancel_background_fill_hover="#991b1b", button_cancel_background_fill_hover_dark="#991b1b",
        button_cancel_text_color="white", button_cancel_text_color_dark="white",
    )


def first_admin(ctx: Context) -> None:
    """On first launch with an empty database: create the trainer `admin`. A generated password is shown once,
    on the console, and stored only as a bcrypt hash — not logged, not written to any file."""
    from coach.auth import ensure_first_admin
    generated = ensure_first_admin(ctx.store, ctx.settings.admin_password)
    if generated:
        print(f"First run: created trainer 'admin' with password {generated} (shown once; change it with the CLI).",
              file=sys.stderr, flush=True)


def build_app(ctx: Context | None = None) -> gr.Blocks:
    ctx = ctx or Context()
    first_admin(ctx)
    svc = Services(ctx)  # packs, embeddings and index load once, at start-up
    from coach import memory
    memory.trim()
    ui = SimpleNamespace(prepare=Prepare(svc), rehearse=Rehearse(svc), debrief=Debrief(svc), mentor=Mentor(svc),
                         field=FieldResults(svc), packs=Packs(svc))
    with gr.Blocks(title="Culture Coach", analytics_enabled=False) as demo:
        with gr.Row(elem_id="header", equal_height=True):
            gr.Markdown("# Culture Coach", elem_id="title")
            whoami = gr.Markdown(elem_id="whoami")
        with gr.Tabs() as ui.tabs:
            with gr.Tab("Prepare", id="prepare"):
                ui.prepare.build()
            with gr.Tab("Rehearse", id="rehearse"):
                ui.rehearse.build()
            with gr.Tab("Debrief", id="debrief"):
                ui.debrief.build()
            with gr.Tab("Mentor", id="mentor", visible=False) as ui.mentor_tab:
                ui.mentor.build()
            with gr.Tab("Field", id="field"):
                ui.field.build()
            with gr.Tab("Packs", id="packs", visible=False) as ui.packs_tab:
                ui.packs.build()
        for workspace in (ui.prepare, ui.rehearse, ui.debrief, ui.mentor, ui.field, ui.packs):
            workspace.wire(ui)

        def on_load(request: gr.Request):
            user = svc.who(request)
            homes = {v for _, v in svc.home_choices()}
            home = user.home if user.home in homes else ""
            trainer = user.role == "trainer"
            return (f"Signed in as **{esc(user.name)}** ({user.role}{', team ' + esc(user.team) if user.team else ''})",
                    gr.update(value=home), gr.update(value=home), gr.Tab(visible=user.role in ("mentor", "trainer")),
                    gr.Tab(visible=trainer), ui.packs.choices() if trainer else gr.update(),
                    ui.rehearse.resumable(request))

        demo.load(on_load, None, [whoami, ui.prepare.home, ui.rehearse.home, ui.mentor_tab, ui.packs_tab, ui.packs.file,
                                  ui.rehearse.resume_btn], api_name=False)
    return demo


def launch(demo: gr.Blocks, ctx: Context | None = None) -> None:
    ctx = ctx or Context()
    settings = ctx.settings
    from coach.auth import LOCK_AFTER, LOCK_MINUTES, sign_in
    from coach.web.limits import BodyLimit

    def check(username: str, password: str) -> bool:
        user, message = sign_in(ctx.store, username, password)
        if message:
            print(message, file=sys.stderr, flush=True)
        return user is not None

    ctx.warm_up()
    demo.queue(default_concurrency_limit=4).launch(
        server_name=settings.host, server_port=settings.port, share=False, show_error=False, auth=check,
        auth_message=f"Culture Coach — sign in. After {LOCK_AFTER} wrong passwords an account is locked for "
                     f"{LOCK_MINUTES} minutes (a trainer can unlock it).",
        css=CSS, js=JS, theme=theme(), ssr_mode=False, max_file_size=BodyLimit.UPLOAD_BYTES,
        app_kwargs={"middleware": [BodyLimit.middleware(settings.max_request_bytes)]},
    )
