"""Prepare, aloud (voice extra): hear the brief's "Say" phrases in the offline English voice, and try a phrase in
the buyer's language — the multilingual speech model says whether the attempt was recognisable (best effort,
labelled as such; not a pronunciation score)."""
from __future__ import annotations

import gradio as gr
import numpy as np

from coach.web.common import Services
from coach.web.render import esc

BEST_EFFORT = ("*Best effort: a small multilingual speech model reads your attempt and compares it with the phrase "
               "in its own script. It cannot judge accent or politeness; a miss can be the model's as much as yours.*")


def phrases_of(adv) -> list[dict]:
    """The brief's phrases: English text, the buyer-language version and its transliteration when the case has one."""
    out = []
    for m in adv.mistakes:
        if m.phrase:
            out.append({"text": m.phrase, "native": m.phrase_native, "translit": m.phrase_transliteration})
    return out


class PhrasePanel:
    def __init__(self, svc: Services):
        self.svc = svc
        self.ok, self.why = svc.ctx.voice_status()

    def hear(self, phrases: list[dict] | None, request: gr.Request):
        """The English 'Say' phrases, one after another, in the offline voice."""
        self.svc.who(request)
        if not phrases:
            raise gr.Error("Ask for a brief first; its phrases can then be played.")
        parts, rate = [], 22050
        for p in phrases:
            for rate, clip in self.svc.ctx.speech.speak(p["text"]):
                parts += [clip, np.zeros(int(rate * 0.6), np.int16)]
        return (rate, np.concatenate(parts)) if parts else None

    def choices(self, phrases: list[dict] | None, market: str | None):
        native = [p["native"] for p in phrases or [] if p.get("native")]
        lang = self._language(market)
        return gr.update(choices=native, value=native[0] if native else None,
                         label=f"A phrase in the buyer's language ({lang})" if lang else "A phrase in the buyer's language")

    def _language(self, market: str | None) -> str | None:
        m = self.svc.packs.markets.get(market or "")
        return m.languages[0] if m and m.languages else None

    def check(self, audio, phrase: str | None, market: str | None, request: gr.Request):
        """Was the attempt recognisable as the phrase?"""
        self.svc.who(request)
        if not phrase:
            return "Pick a phrase first (a brief for a market with phrases in its language lists them)."
        if audio is None:
            return "Record your attempt first."
        lang = self._language(market) or "en"
        from coach.voice import VoiceUnavailable
        try:
            rate, samples = audio
            c = self.svc.ctx.speech.check_phrase(rate, np.asarray(samples), phrase, lang)
        except VoiceUnavailable as exc:
            return f"**Not available:** {esc(exc)}"
        verdict = "✅ recognisable" if c.recognisable else "❌ not recognised"
        return (f"**{verdict}** — heard “{esc(c.heard) or '(nothing)'}” · similarity {c.similarity:.2f} "
                f"(language {esc(lang)})\n\n{BEST_EFFORT}")

    def build(self) -> None:
        if not self.ok:
            return
        with gr.Accordion("Say it aloud", open=False, elem_id="say-aloud"):
            with gr.Row(equal_height=True):
                self.hear_btn = gr.Button("Hear the phrases (English voice)", elem_id="hear-phrases", scale=1)
                self.audio = gr.Audio(label="Phrases", autoplay=True, interactive=False, type="numpy",
                                      elem_id="phrases-audio", scale=2)
            self.phrase = gr.Dropdown([], label="A phrase in the buyer's language", elem_id="try-phrase",
                                      allow_custom_value=True)
            with gr.Row(equal_height=True):
                self.mic = gr.Audio(sources=["microphone"], type="numpy", label="Your attempt", elem_id="phrase-mic",
                                    scale=2)
                self.check_btn = gr.Button("Check", elem_id="check-phrase", scale=1)
            self.result = gr.Markdown(BEST_EFFORT, elem_id="phrase-result")

    def wire(self, prepare) -> None:
        if not self.ok:
            return
        self.hear_btn.click(self.hear, prepare.phrases, self.audio, api_name="hear_phrases")
        prepare.phrases.change(self.choices, [prepare.phrases, prepare.market], self.phrase, api_name=False)
        self.check_btn.click(self.check, [self.mic, self.phrase, prepare.market], self.result, api_name="check_phrase")
