"""The Gradio UI. Thin: every handler calls a service; no business rules here.

Today: the Prepare workspace (the five-minute pre-call brief). Rehearse, Debrief, Mentor and Packs
arrive with their issues.
"""
from __future__ import annotations

import html

import gradio as gr

from coach.context import Context

HOME_CHOICES = ["", "IT", "US", "DE", "FR", "GB", "ES", "NL", "JP", "KR", "CN", "IN", "BR", "SE", "FI"]


def _esc(text: str) -> str:
    """Pack and model text is shown as Markdown; escape HTML and Markdown link/image syntax."""
    return html.escape(text, quote=False).replace("[", "\\[").replace("]", "\\]").replace("!", "&#33;")


def render_brief(adv) -> str:
    lines = []
    head = f"### {_esc(adv.market_name or 'Unknown market')}"
    if adv.home:
        head += f" · you: {_esc(adv.home)}"
    lines.append(head)
    lines.append(f"confidence {adv.confidence:.2f} · {adv.elapsed_ms} ms"
                 + (f" · closest persona: `{_esc(adv.persona)}`" if adv.persona else ""))
    for w in adv.warnings:
        lines.append(f"> ⚠ {_esc(w)}")
    for i, m in enumerate(adv.mistakes, 1):
        lines.append(f"\n#### {i}. {_esc(m.title)}  \n*scale: {m.scale}*" + (f" · topics: {', '.join(m.topics)}" if m.topics else ""))
        lines.append(f"**Why.** {_esc(m.why)}")
        lines.append(f"**Instead.** {_esc(m.instead)}")
        if m.phrase:
            native = f" — {_esc(m.phrase_native)}" if m.phrase_native else ""
            translit = f" ({_esc(m.phrase_transliteration)})" if m.phrase_transliteration else ""
            lines.append(f"**Say.** “{_esc(m.phrase)}”{native}{translit}")
        if m.sources:
            lines.append("Cases: " + "; ".join(f"`{_esc(s.id)}` {_esc(s.title)}" for s in m.sources))
    return "\n\n".join(lines)


def build_app(ctx: Context | None = None) -> gr.Blocks:
    ctx = ctx or Context()
    counts = ctx.packs.counts()
    advisor = ctx.advisor  # packs, embeddings and index load once, at start-up

    def prepare(text: str, home: str) -> str:
        from coach.advisor import AdviceInputError
        try:
            adv = advisor.advise(text, home=home or None)
        except AdviceInputError as exc:
            return f"**Please check the description:** {_esc(str(exc))}"
        return render_brief(adv)

    with gr.Blocks(title="Culture Coach", analytics_enabled=False) as demo:
        gr.Markdown("# Culture Coach\nIntercultural sales coach and negotiation role-play.")
        with gr.Tab("Prepare"):
            with gr.Row():
                text = gr.Textbox(label="Who are you meeting?", lines=2, max_length=4000, scale=4,
                                  placeholder="Saudi procurement lead at a state utility, first meeting in Riyadh, I'm Italian")
                home = gr.Dropdown(HOME_CHOICES, value="", label="Your home culture", scale=1)
            go = gr.Button("Brief me", variant="primary")
            out = gr.Markdown(sanitize_html=True, elem_id="brief")
            go.click(prepare, [text, home], out, api_name="prepare")
            text.submit(prepare, [text, home], out, api_name=False)
        gr.Markdown(
            f"<small>Packs: {counts['markets']} markets, {counts['personas']} personas, "
            f"{counts['cases']} situated cases, {counts['scenarios']} scenarios.</small>"
        )
    return demo


def launch(demo: gr.Blocks, ctx: Context | None = None) -> None:
    settings = (ctx or Context()).settings
    demo.queue().launch(server_name=settings.host, server_port=settings.port, share=False, show_error=False)
