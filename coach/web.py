"""The Gradio UI. Thin: every handler calls a service; no business rules here."""
from __future__ import annotations

import gradio as gr

from coach.context import Context


def build_app(ctx: Context | None = None) -> gr.Blocks:
    ctx = ctx or Context()
    counts = ctx.packs.counts()
    with gr.Blocks(title="Culture Coach", analytics_enabled=False) as demo:
        gr.Markdown("# Culture Coach\nIntercultural sales coach and negotiation role-play.")
        gr.Markdown(
            f"Packs loaded: {counts['markets']} markets, {counts['personas']} personas, "
            f"{counts['cases']} situated cases, {counts['scenarios']} scenarios."
        )
    return demo


def launch(demo: gr.Blocks, ctx: Context | None = None) -> None:
    settings = (ctx or Context()).settings
    demo.queue().launch(server_name=settings.host, server_port=settings.port, share=False, show_error=False)
