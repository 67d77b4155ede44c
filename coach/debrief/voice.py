"""What a spoken rehearsal adds to the debrief: seconds, not words. Talk share in seconds, monologues, speaking
into the buyer's deliberate silence (worse when it carries a concession) or waiting it out, each weighed by the
buyer market's voice norms (`voice:` in personas/markets/*.yaml) and cited with its turn and seconds.

Reads only the timing stored on each turn (meta['voice']); text rehearsals are untouched."""
from __future__ import annotations

from statistics import median

from coach.debrief.detectors import Event, TurnView, quote
from coach.debrief.models import VoiceKpis
from coach.packs.models import VoiceNorms

DEFAULT_NORMS = VoiceNorms(
    pause_s=3.0, monologue_s=60.0, seller_talk_share=0.6, into_silence=-3, waited_out_silence=3, monologue=-3,
    talk_share_over=-3, rationale="Generic norms for a market without its own voice block.",
    source="trainer judgement")
MAX_MONOLOGUES = 3


def voiced(views: list[TurnView]) -> bool:
    return any(v.voice for v in views if v.role == "trainee")


def detect_voice(views: list[TurnView], norms: VoiceNorms | None) -> list[Event]:
    n = norms or DEFAULT_NORMS
    ev: list[Event] = []
    for i, v in enumerate(views):
        if v.role != "trainee" or not v.voice:
            continue
        t = v.voice
        prev = next((x for x in reversed(views[:i]) if x.role == "persona"), None)
        before = next((x.price for x in reversed(views[:i]) if x.role == "trainee" and x.price is not None), None)
        gave = "concession" in v.acts or (v.price is not None and before is not None and v.price < before)
        pause = t.get("pause_s")
        if prev is not None and prev.move == "silence" and not t.get("held_silence") and pause is not None:
            if t.get("into_silence") or pause < n.pause_s:
                what = " and filled it with a concession" if gave else ""
                ev.append(Event("cultural_reading", v.n, quote(v.text),
                                f"spoke {pause:.1f} s into the buyer's silence{what} (here a pause of about "
                                f"{n.pause_s:g} s is thinking time)", n.into_silence * (2 if gave else 1),
                                mistake="Filling the silence with a discount" if gave else None, scale="communicating"))
            else:
                ev.append(Event("cultural_reading", v.n, quote(v.text),
                                f"let the buyer's silence run ({pause:.1f} s) before speaking", n.waited_out_silence))
    long_turns = [v for v in views if v.role == "trainee" and v.voice and v.voice.get("speech_s", 0) > n.monologue_s]
    for v in long_turns[:MAX_MONOLOGUES]:
        ev.append(Event("communication", v.n, quote(v.text),
                        f"spoke {v.voice['speech_s']:.0f} s without a break (a monologue for this buyer beyond about "
                        f"{n.monologue_s:g} s)", n.monologue, mistake="Monologue instead of dialogue", scale="communicating"))
    k = voice_kpis(views)
    if k and k.talk_share is not None and k.talk_share > n.seller_talk_share and k.longest_turn:
        longest = next(v for v in views if v.n == k.longest_turn)
        ev.append(Event("communication", longest.n, quote(longest.text),
                        f"talked {k.talk_share:.0%} of the time in seconds ({k.seller_seconds:.0f} s vs the buyer's "
                        f"{k.buyer_seconds:.0f} s; above {n.seller_talk_share:.0%} for this buyer)", n.talk_share_over))
    return ev


def voice_kpis(views: list[TurnView]) -> VoiceKpis | None:
    seller = [v for v in views if v.role == "trainee" and v.voice and not v.voice.get("held_silence")]
    if not seller:
        return None
    buyer_s = sum(float((v.voice or {}).get("audio_s") or 0) for v in views if v.role == "persona")
    seller_s = sum(float(v.voice.get("speech_s") or 0) for v in seller)
    longest = max(seller, key=lambda v: v.voice.get("speech_s") or 0)
    pauses = [v.voice["pause_s"] for v in seller if v.voice.get("pause_s") is not None]
    rates = [v.voice["wpm"] for v in seller if v.voice.get("wpm")]
    total = seller_s + buyer_s
    return VoiceKpis(
        voiced_turns=len(seller), seller_seconds=round(seller_s, 1), buyer_seconds=round(buyer_s, 1),
        talk_share=round(seller_s / total, 3) if total > 0 and buyer_s > 0 else None,
        longest_turn=longest.n, longest_turn_s=round(float(longest.voice.get("speech_s") or 0), 1),
        median_pause_s=round(median(pauses), 2) if pauses else None, median_wpm=round(median(rates)) if rates else None,
        into_silence=sum(1 for v in seller if v.voice.get("into_silence")),
        held_silence=sum(1 for v in views if v.role == "trainee" and v.voice and v.voice.get("held_silence")),
    )
