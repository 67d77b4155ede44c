"""Voice in Rehearse (optional extra): push to talk, the transcript as the turn (sent at once, or left in the box to
edit), the buyer's reply spoken (its first sentence as soon as it is ready, then the rest), and the persona's
silence made real (it waits; if the seller waits too, '...' is their turn and the buyer speaks). Without the extra, the panel says how to add voice."""
from __future__ import annotations

import threading
import time

import gradio as gr
import numpy as np

from coach.voice.rehearsal import NothingHeard, hear, last_persona_move, record_reply_audio, silence_wait, speakable
from coach.voice.timing import VoiceTiming, held_silence, pause_before
from coach.web.common import Services
from coach.web.render import esc


def clips(pieces):
    """The reply as at most two clips: the first sentence as soon as it is synthesised, then the rest (synthesised
    while the first plays) once the first has finished playing, so neither cuts the other off. Gradio would need
    ffmpeg on the server to stream audio; two clips need nothing."""
    first = next(pieces, None)
    if first is None:
        return
    rate, clip = first
    ends = time.time() + clip.size / rate
    yield rate, clip
    rest = [c for _, c in pieces]
    if rest:
        time.sleep(max(0.0, ends - time.time() - 0.05))
        clip = np.concatenate(rest)
        yield rate, clip
        time.sleep(max(0.0, clip.size / rate - 0.05))


class VoicePanel:
    def __init__(self, svc: Services):
        self.svc = svc
        self.ok, self.why = svc.ctx.voice_status()
        self._pending: dict[str, dict] = {}  # session -> timing of the transcript waiting in the box
        self._buyer_done: dict[str, float] = {}  # session -> when the buyer's last line finished (epoch s)
        self._lock = threading.Lock()
        self.listener = None
        if self.ok:
            from coach.voice.handsfree import Listener
            self.listener = Listener()

    # ------------------------------------------------------------ for Rehearse.send
    def take(self, sid: str, text: str) -> dict | None:
        """The timing of the spoken transcript this message came from (marked when the seller edited it)."""
        with self._lock:
            p = self._pending.pop(sid, None)
        if not p:
            return None
        voice = dict(p["timing"])
        if text.strip() != p["text"].strip():
            voice["edited"] = True
        return voice

    def replied(self, sid: str) -> None:
        """A text reply is complete (the buyer's line 'ends' now unless it is spoken)."""
        with self._lock:
            self._buyer_done[sid] = time.time()

    # ------------------------------------------------------------ handlers
    def heard(self, audio, sid: str | None, request: gr.Request):
        """The recording -> the transcript in the message box (with its timing kept for the turn)."""
        user = self.svc.who(request)
        row = self.svc.owned(user, sid)
        if row.status != "active":
            raise gr.Error("Start a rehearsal first, then press record and speak.")
        if audio is None:
            return gr.update(), "Nothing was recorded.", None
        rate, samples = audio
        received = time.time()
        try:
            text, timing = hear(self.svc.ctx.speech, self.svc.rp, sid, rate, np.asarray(samples), pause_s=0.0)
        except NothingHeard as exc:
            return gr.update(), str(exc), None
        self._keep(sid, text, timing, started=received - timing.audio_s)
        how = f"heard in {timing.stt_ms} ms · {timing.speech_s} s of speech · {timing.wpm:g} words/min"
        return text, how, None

    def _keep(self, sid: str, text: str, timing: VoiceTiming, started: float) -> None:
        """Time a recording that began at `started` (epoch s) against the end of the buyer's line, and keep it for
        the turn that sends its transcript."""
        with self._lock:
            done = self._buyer_done.get(sid)
        timing.pause_s = pause_before(started + timing.audio_s, timing.audio_s, timing.lead_s, done)
        if timing.pause_s is not None:
            waiting = last_persona_move(self.svc.store, sid) == "silence"
            timing.into_silence = waiting and timing.pause_s < silence_wait(self.svc.rp, sid)
        with self._lock:
            self._pending[sid] = {"text": text, "timing": timing.as_meta()}

    def _last_reply(self, sid: str):
        """The buyer's latest complete line and the persona speaking it."""
        last = [t for t in self.svc.store.turns(sid) if t.role == "persona" and t.status == "complete"]
        persona = self.svc.packs.scenarios[self.svc.store.get_session(sid).scenario_id].persona
        return (last[-1] if last else None), persona

    def send_heard(self, message: str, history: list, sid: str | None, auto: bool, request: gr.Request):
        """'Send what I say at once': the transcript goes out as the turn; otherwise it waits in the box."""
        if not auto or not (message or "").strip():
            yield gr.update(), gr.update(), gr.update()
            return
        yield from self.rehearse.send(message, history, sid, request)

    def speak(self, sid: str | None, speak_on: bool, request: gr.Request):
        """The buyer's last line, spoken; a silence arms the wait timer instead."""
        user = self.svc.who(request)
        if not sid:
            yield None, gr.Timer(active=False)
            return
        self.svc.owned(user, sid)
        last, persona = self._last_reply(sid)
        if last is None:
            yield None, gr.Timer(active=False)
            return
        said = speakable(last.text) if speak_on else ""
        if said:
            total = 0.0
            for rate, clip in clips(self.svc.ctx.speech.speak(said, persona)):
                total += clip.size / rate
                if self.listener:  # hands-free does not take the buyer's voice for the seller's
                    self.listener.mute_until(sid, time.time() + clip.size / rate + 0.3)
                yield (rate, clip), gr.update()
            record_reply_audio(self.svc.rp, sid, last.n, total)
            with self._lock:
                self._buyer_done[sid] = time.time()
        else:
            self.replied(sid)
        if (last.meta or {}).get("move") == "silence" and self.svc.store.get_session(sid).status == "active":
            yield gr.update(), gr.Timer(value=silence_wait(self.svc.rp, sid), active=True)
        else:
            yield gr.update(), gr.Timer(active=False)

    def silence_over(self, history: list, sid: str | None, request: gr.Request):
        """The buyer's silence has run its course and the seller did not speak: '...' is their turn."""
        user = self.svc.who(request)
        if not sid:
            yield gr.update(), gr.update(), gr.Timer(active=False)
            return
        row = self.svc.owned(user, sid)
        turns = self.svc.store.turns(sid)
        waiting = row.status == "active" and turns and turns[-1].role == "persona" and \
            (turns[-1].meta or {}).get("move") == "silence"
        if not waiting:
            yield gr.update(), gr.update(), gr.Timer(active=False)
            return
        with self._lock:
            self._pending[sid] = {"text": "...", "timing": held_silence(silence_wait(self.svc.rp, sid)).as_meta()}
        for chat, status, _ in self.rehearse.send("...", history, sid, request):
            yield chat, status, gr.Timer(active=False)

    def greeting(self, sc_id: str | None, request: gr.Request):
        """How this buyer tends to greet, in the offline voice (names filled in; a line naming someone absent is
        skipped)."""
        user = self.svc.who(request)
        sc = self.svc.packs.scenarios.get(sc_id or "")
        if sc is None:
            raise gr.Error("Pick a scenario first.")
        persona = self.svc.packs.personas[sc.persona]
        lines = [x for x in persona.phrases.get("greet", []) if "{" not in x.replace("{seller}", "").replace("{name}", "")]
        if not lines:
            raise gr.Error("This persona has no greeting to play.")
        text = lines[0].replace("{seller}", user.name or "").replace("{name}", persona.name)
        parts = list(self.svc.ctx.speech.speak(text, persona.id))
        return (parts[0][0], np.concatenate([c for _, c in parts])) if parts else None

    def listen(self, chunk, history: list, sid: str | None, request: gr.Request):
        """Hands-free: a microphone chunk; when the seller has finished speaking, the turn is played and the reply
        spoken (the microphone is muted while the buyer speaks)."""
        skip = (gr.skip(),) * 5
        if chunk is None or not sid:
            return skip
        user = self.svc.who(request)
        row = self.svc.owned(user, sid)
        if row.status != "active":
            return skip
        rate, samples = chunk
        done = self.listener.feed(sid, rate, np.asarray(samples))
        if done is None:
            return skip
        audio, started = done
        try:
            text, timing = hear(self.svc.ctx.speech, self.svc.rp, sid, 16_000, audio, pause_s=0.0)
        except NothingHeard:
            return skip
        self._keep(sid, text, timing, started)
        chat, status, msg = history, "", ""
        for chat, status, msg in self.rehearse.send(text, history, sid, request):
            pass
        clip, timer = self._reply_clip(sid)
        return chat, status, msg, clip, timer

    def _reply_clip(self, sid: str):
        """The buyer's last line as one clip (hands-free), the microphone muted while it plays."""
        last, persona = self._last_reply(sid)
        said = speakable(last.text)
        if (last.meta or {}).get("move") == "silence" or not said:
            self.replied(sid)
            return gr.skip(), gr.Timer(value=silence_wait(self.svc.rp, sid), active=True)
        parts = list(self.svc.ctx.speech.speak(said, persona))
        rate, clip = parts[0][0], np.concatenate([c for _, c in parts])
        seconds = clip.size / rate
        record_reply_audio(self.svc.rp, sid, last.n, seconds)
        with self._lock:
            self._buyer_done[sid] = time.time() + seconds
        self.listener.mute_until(sid, time.time() + seconds + 0.3)
        return (rate, clip), gr.Timer(active=False)

    # ------------------------------------------------------------ layout
    def build(self) -> None:
        self.timer = gr.Timer(3.0, active=False)
        if not self.ok:
            # our own text (package names and the install command), shown as Markdown so the command reads as code
            self.help = gr.Markdown(f"🎤 **Voice is not available here.** {self.why}", elem_id="mic-help")
            return
        from coach.voice.speech import VOICE_NOTE
        with gr.Accordion("Voice", open=True, elem_id="voice-acc"):
            with gr.Row(equal_height=True):
                self.mic = gr.Audio(sources=["microphone"], type="numpy", label="Speak (press record, then stop)",
                                    elem_id="mic", scale=3, min_width=220)
                # the reply in at most two clips (see clips(); Gradio's streamed audio would need ffmpeg)
                self.reply = gr.Audio(label="The buyer's voice", autoplay=True, interactive=False, type="numpy",
                                      elem_id="reply-audio", scale=2, min_width=200)
            with gr.Row():
                self.auto = gr.Checkbox(label="Send what I say at once (untick to edit the transcript first)",
                                        value=True, elem_id="voice-auto")
                self.speak_on = gr.Checkbox(label="Speak the buyer's replies", value=True, elem_id="voice-speak")
                self.greet_btn = gr.Button("Hear how this buyer greets", elem_id="hear-greeting", size="sm")
            with gr.Accordion("Hands-free (listens; a short pause ends your turn)", open=False, elem_id="handsfree-acc"):
                self.live = gr.Audio(sources=["microphone"], type="numpy", streaming=True, elem_id="live-mic",
                                     label="Hands-free microphone: press record once; stop when you are done")
            gr.Markdown(esc(VOICE_NOTE), elem_id="voice-note")

    def wire(self, rehearse) -> None:
        self.rehearse = rehearse
        if not self.ok:
            return
        chat_io = [rehearse.chat, rehearse.status, rehearse.msg]
        spoken = ([rehearse.sid, self.speak_on], [self.reply, self.timer])
        many = {"concurrency_limit": self.svc.ctx.settings.concurrency, "concurrency_id": "voice"}
        self.mic.stop_recording(self.heard, [self.mic, rehearse.sid], [rehearse.msg, rehearse.status, self.mic],
                                api_name="hear", **many).then(
            self.send_heard, [rehearse.msg, rehearse.chat, rehearse.sid, self.auto], chat_io, api_name=False,
            concurrency_id="turn").then(self.speak, *spoken, api_name=False, **many)
        self.live.stream(self.listen, [self.live, rehearse.chat, rehearse.sid],
                         [*chat_io, self.reply, self.timer], stream_every=0.5, time_limit=1800, api_name=False, **many)
        self.greet_btn.click(self.greeting, rehearse.scenario, self.reply, api_name="hear_greeting")
        self.timer.tick(self.silence_over, [rehearse.chat, rehearse.sid], [*chat_io[:2], self.timer],
                        api_name=False, show_progress="hidden").then(self.speak, *spoken, api_name=False, **many)

    def after_send(self, event) -> None:
        """Typed turns are spoken back too (when voice is on)."""
        if self.ok:
            event.then(self.speak, [self.rehearse.sid, self.speak_on], [self.reply, self.timer], api_name=False,
                       concurrency_limit=self.svc.ctx.settings.concurrency, concurrency_id="voice")
