"""The Gradio UI: Prepare · Rehearse · Debrief · Mentor · Packs, one module per workspace.

Thin: every handler identifies the caller (Gradio login, users in the database with hashed passwords),
checks role and ownership (`common.Services`), calls a service and renders (`render`). Handlers are also
API endpoints, so no check lives only in the page. Model output and pack text are rendered as sanitised
Markdown (HTML escaped, no images or links).
"""
from coach.web.app import CSS, build_app, launch
from coach.web.render import esc, judge_line, render_brief, render_card, render_debrief, render_transcript

__all__ = ["CSS", "build_app", "esc", "judge_line", "launch", "render_brief", "render_card", "render_debrief",
           "render_transcript"]
