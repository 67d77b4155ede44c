"""Pure renderers: data in, Markdown (or a figure) out, no Gradio. Model output and pack text shown in
the page are escaped (no raw HTML, images or links); the copy formats of the brief are the raw text."""
from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

# empty states: what a workspace shows before there is anything to show
EMPTY_BRIEF = ("_Your brief appears here: the three mistakes people like you most often make with this buyer, "
               "why, what to do instead and a phrase to use._")
EMPTY_CARD = "_Pick a scenario to see who you will meet and what you are selling._"
EMPTY_HEAD = "**No rehearsal yet** · pick a scenario and press Start"
EMPTY_DEBRIEF = ("_No debrief yet. End a rehearsal (Rehearse → End and debrief) and its scores, evidence and "
                 "next steps appear here._")
EMPTY_SESSIONS = "_No sessions match these filters. Clear a filter or widen the dates._"
EMPTY_TREND = "_No scored sessions yet: the trend appears once a listed session has a debrief._"
EMPTY_PICK = "_Pick a session to see its transcript, debrief and comments._"
EMPTY_QUEUE = "_No field cases are waiting for review._"
EMPTY_EVALS = "_No evals run yet: **Run evals** checks the advisor and retrieval suites on the current packs._"
NO_COMMENTS = "_no comments yet_"


def esc(text: Any) -> str:
    """Escape for Markdown: no raw HTML, no images, no links from model or pack text."""
    s = html.escape(str(text), quote=False)
    return s.replace("[", "\\[").replace("]", "\\]").replace("!", "&#33;").replace("`", "&#96;")


def _plain(text: Any) -> str:
    return str(text)


# ---------------------------------------------------------------- the brief (Prepare)
def _brief(adv, e: Callable[[Any], str], md: bool, meta: bool) -> str:
    """One brief in three forms: shown in the page (escaped Markdown with timing), Markdown to copy, plain text."""
    b = (lambda s: f"**{s}**") if md else _plain
    head = [e(adv.market_name or "Unknown market")]
    if adv.stage:
        head.append(e(str(adv.stage).replace("_", " ")))
    if adv.home:
        head.append(f"you: {e(adv.home)}")
    lines = [("## " if md else "") + " · ".join(head)]
    if meta:
        lines.append(f"confidence {adv.confidence:.2f} · {adv.elapsed_ms} ms"
                     + (f" · closest persona: {e(adv.persona)}" if adv.persona else ""))
    lines += [("> ⚠ " if md else "⚠ ") + e(w) for w in adv.warnings]
    for i, m in enumerate(adv.mistakes, 1):
        tags = f"scale: {m.scale}" + (f" · topics: {', '.join(m.topics)}" if m.topics else "")
        lines.append(f"\n### {i}. {e(m.title)}  \n*{tags}*" if md else f"{i}. {m.title} ({tags})")
        lines.append(f"{b('Why.')} {e(m.why)}")
        lines.append(f"{b('Instead.')} {e(m.instead)}")
        if m.phrase:
            native = f" — {e(m.phrase_native)}" if m.phrase_native else ""
            translit = f" ({e(m.phrase_transliteration)})" if m.phrase_transliteration else ""
            lines.append(f"{b('Say.')} “{e(m.phrase)}”{native}{translit}")
        if m.sources:
            lines.append("Cases: " + "; ".join(f"{b(e(s.id))} {e(s.title)}" for s in m.sources))
    return "\n\n".join(lines) + ("" if md else "\n")


def render_brief(adv) -> str:
    return _brief(adv, esc, md=True, meta=True)


def brief_markdown(adv) -> str:
    """The brief as Markdown to paste into an e-mail or a note."""
    return _brief(adv, _plain, md=True, meta=False).replace("\n\n\n", "\n\n").strip() + "\n"


def brief_text(adv) -> str:
    """The brief as plain text (a phone's notes, a chat message)."""
    return _brief(adv, _plain, md=False, meta=False)


# ---------------------------------------------------------------- the scenario (Rehearse)
def render_card(scenario, persona) -> str:
    b = scenario.seller_brief
    return "\n\n".join([
        f"## {esc(scenario.title)}", esc(scenario.situation),
        f"**You sell** {esc(b.product)} for {esc(b.company)} — list {b.list_price:g} {esc(b.currency)} {esc(b.unit)}; {esc(b.volume)}",
        "**Your goals:** " + "; ".join(esc(g) for g in b.goals),
        f"**Counterpart:** {esc(persona.name)}, {esc(persona.role)} at {esc(persona.company)} ({esc(persona.company_type)})",
        f"**How they communicate:** {esc(persona.communication)}",
        f"Time box: {scenario.time_box_minutes} min.",
    ])


def render_head(scenario, persona) -> str:
    """The line pinned above the chat: who you are talking to."""
    return f"**{esc(persona.name)}** · {esc(persona.company)} · {scenario.time_box_minutes} min"


def render_clock(minutes: float | None, box: int | None, ended: bool = False) -> str:
    if minutes is None:
        return "Clock: —"
    return f"Clock: {minutes:.1f} min" + (f" / {box} min" if box else "") + (" — ended" if ended else "")


# ---------------------------------------------------------------- the debrief
def judge_line(j: dict) -> str:
    """What the judge did: model, runs, its bounded adjustments and, over k > 1 runs, their variance."""
    if not j.get("ok"):
        return f"_Judge {esc(j.get('model'))} failed; the deterministic scores stand ({esc(j.get('error') or '')})._"
    adj = ", ".join(f"{esc(k)} {v:+g}" for k, v in j.get("adjustments", {}).items() if v) or "none"
    var = ", ".join(f"{esc(k)} {v:g}" for k, v in j.get("variance", {}).items())
    return (f"_Judge {esc(j.get('model'))}, {j.get('runs')} run(s): adjustments {adj}"
            + (f"; variance over runs: {var}" if var else "") + "._")


def _dimensions(d: dict) -> list[str]:
    from coach.debrief.models import DIMENSION_LABELS
    L = []
    for name, label in DIMENSION_LABELS.items():
        ds = d["dimensions"][name]
        L.append(f"**{esc(label)} — {ds['score']}** (weight {d['weights'][name]:.2f})")
        for e in ds["evidence"][:4] if name != "outcome" else []:
            sign = "✓" if e.get("effect", 0) > 0 else ("✗" if e.get("effect", 0) < 0 else "·")
            L.append(f"- {sign} turn {e['turn']}: “{esc(e['quote'])}” — {esc(e.get('note', ''))}")
        if name == "outcome" and ds.get("summary"):
            L.append(f"  {esc(ds['summary'])}")
    return L


def _manner(m: dict) -> list[str]:
    """The learned reading beside the rules: its points and the turns that read most like either side."""
    L = [f"**Manner beside rehearsed pairs — {'+' if m['adjustment'] > 0 else ''}{m['adjustment']}**",
         f"  {esc(m.get('summary', ''))}"]
    for e in m.get("evidence", [])[:4]:
        L.append(f"- · turn {e['turn']}: “{esc(e['quote'])}” — {esc(e.get('note', ''))}")
    return L


def _kpis(k: dict) -> str:
    return (f"first offer {k['first_offer']} (anchor {k['anchor_vs_list']}) · first price at turn {k['first_price_turn']} · "
            f"concessions {k['concessions_count']} ({k['concessions_untraded']} untraded) · talk ratio {k['talk_ratio']} · "
            f"question rate {k['question_rate']} · agreement {k['agreement']}"
            + (f" · {k['time_vs_home_baseline']}× the home-market time" if k.get("time_vs_home_baseline") else "")
            + (_voice_kpis(k["voice"]) if k.get("voice") else ""))


def _voice_kpis(v: dict) -> str:
    """Spoken rehearsals: the seconds behind the talk."""
    share = f"{v['talk_share']:.0%} of the talking time" if v.get("talk_share") is not None else "talk share —"
    pause = f"median pause before you spoke {v['median_pause_s']} s" if v.get("median_pause_s") is not None else ""
    parts = [f"you spoke {v['seller_seconds']} s, the buyer {v['buyer_seconds']} s ({share})",
             f"longest turn {v['longest_turn_s']} s (turn {v['longest_turn']})", pause,
             f"{v['median_wpm']} words/min" if v.get("median_wpm") else "",
             f"spoke into a silence {v['into_silence']}×, waited one out {v['held_silence']}×"]
    return "\n\n**Voice:** " + " · ".join(p for p in parts if p)


def render_debrief(d: dict) -> str:
    L = [f"## Overall {d['overall']}/100"]
    for key in ("shortfall_note", "mistake_note"):
        if d.get(key):
            L.append(esc(d[key]))
    j = d.get("judge") or {}
    if j.get("narrative"):
        L.append(f"> {esc(j['narrative'])}")
    if j:
        L.append(judge_line(j))
    L += _dimensions(d)
    if d.get("manner"):
        L += _manner(d["manner"])
    if d["mistakes"]:
        L.append("### Mistakes and what to try instead")
        for m in d["mistakes"]:
            L.append(f"- turn {m['turn']}: **{esc(m['title'])}** ({m['scale']})"
                     + (f" — case **{esc(m['case_id'])}**: {esc(m.get('instead') or '')}" if m.get("case_id") else ""))
    L += ["### KPIs", _kpis(d["kpis"]), "### Next"]
    L += [f"- {esc(s)}" for s in d["next_steps"]]
    return "\n\n".join(L)


def _spoken(v: dict | None) -> str:
    """A spoken turn's timing after its text: seconds of speech, the pause before it, a silence spoken into."""
    if not v:
        return ""
    if v.get("held_silence"):
        return f" _(waited the silence out: {v.get('pause_s', 0):g} s)_"
    bits = []
    if v.get("speech_s") is not None:
        bits.append(f"{v['speech_s']:g} s spoken")
    elif v.get("audio_s"):
        bits.append(f"{v['audio_s']:g} s of audio")
    if v.get("pause_s") is not None:
        bits.append(f"after a {v['pause_s']:g} s pause")
    if v.get("into_silence"):
        bits.append("into the buyer's silence")
    return f" _({', '.join(bits)})_" if bits else ""


def render_transcript(turns: list[dict], focus: set[int] | None = None) -> str:
    focus = focus or set()
    out = []
    for t in turns:
        who = {"trainee": "You", "persona": "Buyer", "whisper": "Coach (private)"}.get(t["role"], t["role"])
        line = f"**[{t['n']}] {who}:** {esc(t['text'])}{_spoken(t.get('voice'))}"
        out.append(f"> {line}" if t["n"] in focus else line)
    return "\n\n".join(out) or "_no turns yet_"


def render_comments(cs: list[dict]) -> str:
    return "\n\n".join(f"💬 **{esc(c['author'])}**" + (f" on turn {c['turn']}" if c["turn"] else "") + f": {esc(c['text'])}"
                       for c in cs) or NO_COMMENTS


# ---------------------------------------------------------------- mentor lists
def session_label(row: dict, scenario_title: str | None = None) -> str:
    """How a session is named in a list: who, what, when (and the score once debriefed) — not its id."""
    parts = [row["rep"] or "?", scenario_title or row["scenario"] or "?", f"{row['started_at']:%Y-%m-%d %H:%M}"]
    if row["overall"] is not None:
        parts.append(f"{round(row['overall'])}/100")
    return " · ".join(parts)


# ---------------------------------------------------------------- figures
def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def score_plot(d: dict):
    plt = _pyplot()
    names = list(d["dimensions"])
    fig, ax = plt.subplots(figsize=(5, 3), dpi=100)
    ax.barh([n.replace("_", " ") for n in names], [d["dimensions"][n]["score"] for n in names], color="#4a6fa5")
    ax.set_xlim(0, 100)
    ax.set_title(f"Overall {d['overall']}/100")
    fig.tight_layout()
    return fig


def trend_plot(rows: list[dict]):
    """Scores over time per salesperson, or None when no listed session is scored (the page shows an empty state)."""
    by_rep: dict[str, list] = {}
    for r in rows:
        if r["overall"] is not None:
            by_rep.setdefault(r["rep"] or "?", []).append((r["started_at"], r["overall"]))
    if not by_rep:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 2.6), dpi=100)
    for rep, pts in sorted(by_rep.items()):
        pts.sort()
        ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=rep)
    ax.set_ylim(0, 100)
    ax.legend(fontsize=7)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig
