"""The Gradio UI: Prepare · Rehearse · Debrief · Mentor · Packs.

Thin: every handler identifies the caller (Gradio login, users in the database with hashed passwords),
checks role and ownership, calls a service and renders. Handlers are also API endpoints, so no check
lives only in the page. Per-browser state (the current session) is in gr.State, never shared.
Model output and pack text are rendered as sanitised Markdown (HTML escaped, no images or links).
"""
from __future__ import annotations

import html
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import gradio as gr

from coach.context import Context

HOME_CHOICES = ["", "IT", "US", "DE", "FR", "GB", "ES", "NL", "JP", "KR", "CN", "IN", "BR", "SE", "FI"]
SCALES = ["communicating", "evaluating", "persuading", "leading", "deciding", "trusting", "disagreeing", "scheduling"]
TOPICS = ["contract", "pricing", "hospitality", "calendar", "language", "headquarters", "followup"]
CSS = """
.message, .prose, .md { unicode-bidi: plaintext; }
#brief, #debrief, #transcript { unicode-bidi: plaintext; }
"""


def esc(text: Any) -> str:
    """Escape for Markdown: no raw HTML, no images, no links from model or pack text."""
    s = html.escape(str(text), quote=False)
    return s.replace("[", "\\[").replace("]", "\\]").replace("!", "&#33;").replace("`", "&#96;")


# ---------------------------------------------------------------- renderers (pure, testable)
def render_brief(adv) -> str:
    lines = [f"### {esc(adv.market_name or 'Unknown market')}" + (f" · you: {esc(adv.home)}" if adv.home else ""),
             f"confidence {adv.confidence:.2f} · {adv.elapsed_ms} ms"
             + (f" · closest persona: {esc(adv.persona)}" if adv.persona else "")]
    for w in adv.warnings:
        lines.append(f"> ⚠ {esc(w)}")
    for i, m in enumerate(adv.mistakes, 1):
        lines.append(f"\n#### {i}. {esc(m.title)}  \n*scale: {m.scale}*" + (f" · topics: {', '.join(m.topics)}" if m.topics else ""))
        lines.append(f"**Why.** {esc(m.why)}")
        lines.append(f"**Instead.** {esc(m.instead)}")
        if m.phrase:
            native = f" — {esc(m.phrase_native)}" if m.phrase_native else ""
            translit = f" ({esc(m.phrase_transliteration)})" if m.phrase_transliteration else ""
            lines.append(f"**Say.** “{esc(m.phrase)}”{native}{translit}")
        if m.sources:
            lines.append("Cases: " + "; ".join(f"**{esc(s.id)}** {esc(s.title)}" for s in m.sources))
    return "\n\n".join(lines)


def render_card(scenario, persona) -> str:
    b = scenario.seller_brief
    return "\n\n".join([
        f"### {esc(scenario.title)}", esc(scenario.situation),
        f"**You sell** {esc(b.product)} for {esc(b.company)} — list {b.list_price:g} {esc(b.currency)} {esc(b.unit)}; {esc(b.volume)}",
        "**Your goals:** " + "; ".join(esc(g) for g in b.goals),
        f"**Counterpart:** {esc(persona.name)}, {esc(persona.role)} at {esc(persona.company)} ({esc(persona.company_type)})",
        f"**How they communicate:** {esc(persona.communication)}",
        f"Time box: {scenario.time_box_minutes} min.",
    ])


def judge_line(j: dict) -> str:
    """What the judge did: model, runs, its bounded adjustments and, over k > 1 runs, their variance."""
    if not j.get("ok"):
        return f"_Judge {esc(j.get('model'))} failed; the deterministic scores stand ({esc(j.get('error') or '')})._"
    adj = ", ".join(f"{esc(k)} {v:+g}" for k, v in j.get("adjustments", {}).items() if v) or "none"
    var = ", ".join(f"{esc(k)} {v:g}" for k, v in j.get("variance", {}).items())
    return (f"_Judge {esc(j.get('model'))}, {j.get('runs')} run(s): adjustments {adj}"
            + (f"; variance over runs: {var}" if var else "") + "._")


def render_debrief(d: dict) -> str:
    from coach.debrief.models import DIMENSION_LABELS
    L = [f"## Overall {d['overall']}/100"]
    j = d.get("judge") or {}
    if j.get("narrative"):
        L.append(f"> {esc(j['narrative'])}")
    if j:
        L.append(judge_line(j))
    for name, label in DIMENSION_LABELS.items():
        ds = d["dimensions"][name]
        L.append(f"**{esc(label)} — {ds['score']}** (weight {d['weights'][name]:.2f})")
        for e in ds["evidence"][:4] if name != "outcome" else []:
            sign = "✓" if e.get("effect", 0) > 0 else ("✗" if e.get("effect", 0) < 0 else "·")
            L.append(f"- {sign} turn {e['turn']}: “{esc(e['quote'])}” — {esc(e.get('note', ''))}")
        if name == "outcome" and ds.get("summary"):
            L.append(f"  {esc(ds['summary'])}")
    if d["mistakes"]:
        L.append("### Mistakes and what to try instead")
        for m in d["mistakes"]:
            L.append(f"- turn {m['turn']}: **{esc(m['title'])}** ({m['scale']})"
                     + (f" — case **{esc(m['case_id'])}**: {esc(m.get('instead') or '')}" if m.get("case_id") else ""))
    k = d["kpis"]
    L.append("### KPIs")
    L.append(f"first offer {k['first_offer']} (anchor {k['anchor_vs_list']}) · first price at turn {k['first_price_turn']} · "
             f"concessions {k['concessions_count']} ({k['concessions_untraded']} untraded) · talk ratio {k['talk_ratio']} · "
             f"question rate {k['question_rate']} · agreement {k['agreement']}"
             + (f" · {k['time_vs_home_baseline']}× the home-market time" if k.get("time_vs_home_baseline") else ""))
    L.append("### Next")
    L += [f"- {esc(s)}" for s in d["next_steps"]]
    return "\n\n".join(L)


def render_transcript(turns: list[dict], focus: set[int] | None = None) -> str:
    focus = focus or set()
    out = []
    for t in turns:
        who = {"trainee": "You", "persona": "Buyer", "whisper": "Coach (private)"}.get(t["role"], t["role"])
        line = f"**[{t['n']}] {who}:** {esc(t['text'])}"
        out.append(f"> {line}" if t["n"] in focus else line)
    return "\n\n".join(out) or "_no turns yet_"


# ---------------------------------------------------------------- the app
def build_app(ctx: Context | None = None) -> gr.Blocks:
    ctx = ctx or Context()
    from coach.auth import ensure_first_admin
    generated = ensure_first_admin(ctx.store, ctx.settings.admin_password)
    if generated:
        print(f"First run: created trainer 'admin' with password {generated} (shown once; change it with the CLI).",
              flush=True)
    advisor = ctx.advisor  # packs, embeddings and index load once, at start-up
    rp = ctx.roleplay("auto")
    from coach.debrief import DebriefService
    judge_on = ctx.settings.provider_judge() is not None  # a provider judge adds narrative and bounded adjustments

    def debrief_service() -> DebriefService:
        return DebriefService(ctx.packs, ctx.store, index=ctx.index, understander=ctx.understander, gateway=ctx.gateway if judge_on else None)

    debriefs = debrief_service()
    from coach.store import review
    from coach.store.review import AccessDenied, Viewer

    scenario_choices = [(f"{s.title} ({s.market})", s.id) for s in ctx.packs.scenarios.values()]
    from coach import memory
    memory.trim()

    def who(request: gr.Request | None):
        name = getattr(request, "username", None) if request is not None else None
        user = ctx.store.get_user(name) if name else None
        if user is None:
            raise gr.Error("Please log in.")
        return user

    def reviewer(request):
        user = who(request)
        if user.role not in ("mentor", "trainer"):
            raise gr.Error("This workspace is for mentors and trainers.")
        return user

    def owned(user, sid: str | None):
        if not sid:
            raise gr.Error("Start or pick a session first.")
        if not review.can_see(ctx.store, Viewer.of(user), sid):
            raise gr.Error("That session is not yours.")
        return ctx.store.get_session(sid)

    # ------------------------------------------------------------ handlers
    def on_load(request: gr.Request):
        user = who(request)
        is_reviewer = user.role in ("mentor", "trainer")
        return (f"Signed in as **{esc(user.name)}** ({user.role}{', team ' + esc(user.team) if user.team else ''})",
                gr.update(value=user.home or ""), gr.update(value=user.home or ""),
                gr.update(visible=is_reviewer), gr.update(visible=user.role == "trainer"))

    def prepare(text: str, home: str, request: gr.Request):
        who(request)
        from coach.advisor import AdviceInputError
        try:
            adv = advisor.advise(text, home=home or None)
        except AdviceInputError as exc:
            return f"**Please check the description:** {esc(exc)}", None
        sc = next((s.id for s in ctx.packs.scenarios.values() if adv.persona and s.persona == adv.persona), None) or \
            next((s.id for s in ctx.packs.scenarios.values() if s.market == adv.market and s.kind == "negotiation"), None)
        return render_brief(adv), sc

    def rehearse_this(sc: str | None, request: gr.Request):
        who(request)
        if not sc:
            raise gr.Error("No scenario for this market yet.")
        return gr.update(value=sc), gr.Tabs(selected="rehearse")

    def show_card(sc_id: str, request: gr.Request):
        who(request)
        sc = ctx.packs.scenarios.get(sc_id)
        return render_card(sc, ctx.packs.personas[sc.persona].public()) if sc else ""

    def start(sc_id: str, home: str, whisper: bool, request: gr.Request):
        user = who(request)
        if sc_id not in ctx.packs.scenarios:
            raise gr.Error("Pick a scenario.")
        sid = rp.start(sc_id, home=home or user.home, user_id=user.id, whisper=whisper, seller_name=None)
        return sid, [], time.time(), "Session started — say hello.", gr.update(interactive=True)

    def send(message: str, history: list, sid: str | None, request: gr.Request):
        user = who(request)
        row = owned(user, sid)
        if row.status != "active":
            raise gr.Error("This session has ended. Start a new one.")
        history = list(history or []) + [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        yield history, "", ""  # the input box clears as soon as the line is sent
        from coach.roleplay import RolePlayError
        try:
            stream = rp.turn(sid, message)
            text = ""
            for piece in stream:
                text += piece
                history[-1] = {"role": "assistant", "content": text}
                yield history, "", gr.update()
        except RolePlayError as exc:
            raise gr.Error(str(exc)) from None
        r = stream.result
        from coach import memory
        memory.trim()  # return what prompt processing freed, so the resident set stays flat over a session
        history[-1] = {"role": "assistant", "content": r.text}
        if r.whisper:
            history.append({"role": "assistant", "content": f"🤫 {r.whisper}", "metadata": {"title": "Coach whisper"}})
        status = f"ended: {r.ended}" if r.ended else ""
        yield history, status, gr.update()

    def clock(started: float | None, sid: str | None):
        if not started or not sid:
            return "Clock: —"
        row = ctx.store.get_session(sid)
        sc = ctx.packs.scenarios.get(row.scenario_id) if row else None
        mins = (time.time() - started) / 60
        box = f" / {sc.time_box_minutes} min" if sc else ""
        return f"Clock: {mins:.1f} min{box}" + (" — ended" if row and row.status != "active" else "")

    def end(sid: str | None, request: gr.Request):
        user = who(request)
        row = owned(user, sid)
        if row.status == "active":
            rp.end(sid)
        d = debriefs.for_session(sid, judge=judge_on).model_dump(mode="json")
        turns = review.transcript(ctx.store, Viewer.of(user), sid)
        cited = sorted({e["turn"] for v in d["dimensions"].values() for e in v["evidence"]})
        return (render_debrief(d), _score_plot(d), render_transcript(turns), gr.update(choices=cited, value=None),
                gr.Tabs(selected="debrief"), sid)

    def focus_turn(turn: int | None, sid: str | None, request: gr.Request):
        user = who(request)
        owned(user, sid)
        turns = review.transcript(ctx.store, Viewer.of(user), sid)
        if turn is None:
            return render_transcript(turns)
        near = [t for t in turns if abs(t["n"] - int(turn)) <= 1]
        return render_transcript(near, {int(turn)})

    def again(sid: str | None, request: gr.Request):
        user = who(request)
        row = owned(user, sid)
        return gr.update(value=row.scenario_id), gr.Tabs(selected="rehearse")

    def submit_field(market: str, situation: str, happened: str, worked: str, request: gr.Request):
        user = who(request)
        from coach import fieldcases
        try:
            fid = fieldcases.submit(ctx.store, Viewer.of(user), market or "", situation or "", happened or "", worked or "",
                                    region=user.region)
        except ValueError as exc:
            return f"**Not saved:** {esc(exc)}"
        return f"Thank you — field case {fid} is saved as a draft for review."

    # mentor
    def search(rep, team, market, scenario, since, until, min_s, max_s, flagged_only, request: gr.Request):
        user = reviewer(request)
        rows = review.list_sessions(ctx.store, Viewer.of(user), rep=rep or None, team=team or None, market=market or None,
                                    scenario=scenario or None, date_from=_date(since), date_to=_date(until),
                                    min_score=min_s if min_s else None, max_score=max_s if max_s not in (None, 100) else None,
                                    flagged=True if flagged_only else None)
        table = [[r["session_id"], r["rep"] or "", r["team"] or "", r["market"] or "", r["scenario"] or "",
                  f"{r['started_at']:%Y-%m-%d %H:%M}", "" if r["overall"] is None else round(r["overall"]),
                  "yes" if r["flagged"] else ""] for r in rows]
        return table, gr.update(choices=[r["session_id"] for r in rows], value=None), _trend_plot(rows)

    def view_session(sid: str | None, request: gr.Request):
        user = reviewer(request)
        if not sid:
            return "", "", ""
        try:
            turns = review.transcript(ctx.store, Viewer.of(user), sid or "")
            d = review.latest_debrief(ctx.store, Viewer.of(user), sid or "")
            cs = review.comments(ctx.store, Viewer.of(user), sid or "")
        except AccessDenied as exc:
            raise gr.Error(str(exc)) from None
        comments_md = "\n\n".join(f"💬 **{esc(c['author'])}**" + (f" on turn {c['turn']}" if c["turn"] else "") + f": {esc(c['text'])}"
                                  for c in cs) or "_no comments yet_"
        return render_transcript(turns), (render_debrief(d) if d else "_not debriefed yet_"), comments_md

    def comment(sid: str | None, turn: float | None, text: str, request: gr.Request):
        user = reviewer(request)
        try:
            review.add_comment(ctx.store, Viewer.of(user), sid or "", text, int(turn) if turn else None)
        except (AccessDenied, ValueError) as exc:
            raise gr.Error(str(exc)) from None
        return view_session(sid, request)[2], ""

    def set_flag(sid: str | None, on: bool, request: gr.Request):
        user = reviewer(request)
        try:
            review.flag(ctx.store, Viewer.of(user), sid or "", on)
        except AccessDenied as exc:
            raise gr.Error(str(exc)) from None
        return "Flagged for the monthly session." if on else "Unflagged."

    def monthly(month: str, team: str, request: gr.Request):
        user = reviewer(request)
        from coach import reports
        try:
            data = reports.gather(ctx.store, Viewer.of(user), month or datetime.now().strftime("%Y-%m"), team=team or None)
        except ValueError as exc:
            raise gr.Error(str(exc)) from None
        out = Path(tempfile.mkdtemp(prefix="coach-report-")) / f"review-pack-{data['month']}.html"
        reports.render(data, out)
        return str(out)

    def field_queue(request: gr.Request):
        user = reviewer(request)
        rows = review.list_field_cases(ctx.store, Viewer.of(user), status="draft")
        table = [[r["id"], r["market"], r["region"] or "", r["submitted_by"] or "", r["data"]["situation"][:120]] for r in rows]
        return table, gr.update(choices=[r["id"] for r in rows], value=None)

    def approve_field(fid, title, scale, topics, kind, request: gr.Request):
        user = reviewer(request)
        from coach import fieldcases
        try:
            case = fieldcases.approve(ctx.store, Viewer.of(user), int(fid), ctx.settings.data_dir, title=title or "",
                                      scale=scale, topics=list(topics or []), kind=kind, known_markets=set(ctx.packs.markets))
        except (AccessDenied, KeyError, ValueError, TypeError) as exc:
            raise gr.Error(f"Not approved: {exc}") from None
        ctx.reload_packs()
        nonlocal advisor, debriefs
        advisor = ctx.advisor
        debriefs = debrief_service()
        return f"Approved as **{esc(case.id)}** and indexed for everyone."

    # packs (trainers)
    pack_files = sorted(str(p) for p in ctx.packs.files.values())

    def trainer(request):
        user = who(request)
        if user.role != "trainer":
            raise gr.Error("The Packs workspace is for trainers.")
        return user

    def open_pack(path: str, request: gr.Request):
        trainer(request)
        if path not in pack_files:
            raise gr.Error("Pick a pack file from the list.")
        return Path(path).read_text(encoding="utf-8")

    def validate_pack(path: str, text: str, request: gr.Request):
        trainer(request)
        return _validate(path, text)

    def save_draft(path: str, text: str, request: gr.Request):
        trainer(request)
        if path not in pack_files:
            raise gr.Error("Pick a pack file from the list.")
        report = _validate(path, text)
        drafts = ctx.settings.data_dir / "draft-packs"
        rel = _relative(path, ctx.settings.packs)
        target = drafts / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return report + f"\n\nSaved as a draft: `{esc(rel)}` (the published pack is unchanged)."

    def run_pack_evals(path: str, request: gr.Request, progress=gr.Progress()):
        trainer(request)
        from coach.evals import load_specs, run_eval
        from coach.settings import PROJECT_ROOT
        specs = load_specs(PROJECT_ROOT / "evals")
        lines = []
        for i, (spec, data) in enumerate(specs.values()):
            if spec.suite not in ("advisor", "retrieval"):
                continue
            progress((i, len(specs)), desc=f"eval {spec.id}")
            r = run_eval(spec, data, ctx)
            lines.append(f"**{esc(spec.id)}**: " + ", ".join(f"{k}={v:g}" for k, v in r.metrics.items())
                         + (" — ❌ " + "; ".join(r.failures) if r.failures else " — ✅"))
        return "\n\n".join(lines) or "No evals."

    def reindex(request: gr.Request, progress=gr.Progress()):
        trainer(request)
        packs = ctx.reload_packs()
        progress(0.5, desc="indexing cases")
        res = ctx.index.sync(list(packs.cases.values()), progress=lambda d, t: progress(d / max(1, t), desc="indexing"))
        return "Index: " + ", ".join(f"{k}={v}" for k, v in res.items())

    # ------------------------------------------------------------ layout
    with gr.Blocks(title="Culture Coach", analytics_enabled=False) as demo:
        sid_state = gr.State(None)
        started_state = gr.State(None)
        suggested = gr.State(None)
        with gr.Row():
            gr.Markdown("# Culture Coach")
            whoami = gr.Markdown(elem_id="whoami")
        with gr.Tabs() as tabs:
            with gr.Tab("Prepare", id="prepare"):
                with gr.Row():
                    text = gr.Textbox(label="Who are you meeting?", lines=2, max_length=4000, scale=4,
                                      placeholder="Saudi procurement lead at a state utility, first meeting in Riyadh, I'm Italian")
                    home = gr.Dropdown(HOME_CHOICES, value="", label="Your home culture", scale=1)
                go = gr.Button("Brief me", variant="primary")
                brief = gr.Markdown(sanitize_html=True, elem_id="brief")
                rehearse_btn = gr.Button("Rehearse this")
                with gr.Accordion("Share a field case from your market", open=False):
                    fc_market = gr.Textbox(label="Market (ISO code, e.g. KR)", max_length=2)
                    fc_situation = gr.Textbox(label="Situation", lines=2)
                    fc_happened = gr.Textbox(label="What happened", lines=2)
                    fc_worked = gr.Textbox(label="What worked", lines=2)
                    fc_submit = gr.Button("Submit for review")
                    fc_status = gr.Markdown()
            with gr.Tab("Rehearse", id="rehearse"):
                with gr.Row():
                    scenario = gr.Dropdown(scenario_choices, label="Scenario", scale=3)
                    r_home = gr.Dropdown(HOME_CHOICES, value="", label="Your home culture", scale=1)
                    whisper = gr.Checkbox(label="Coach whispers", value=False, scale=1)
                card = gr.Markdown(elem_id="persona-card")
                start_btn = gr.Button("Start rehearsal", variant="primary")
                status = gr.Markdown(elem_id="rp-status")
                clock_md = gr.Markdown("Clock: —", elem_id="clock")
                chat = gr.Chatbot(label="Negotiation", height=420, sanitize_html=True, allow_tags=False, elem_id="chat",
                                  feedback_options=None)
                with gr.Row():
                    msg = gr.Textbox(label="You", scale=5, max_length=2000, interactive=False)
                    send_btn = gr.Button("Send", scale=1)
                end_btn = gr.Button("End and debrief", variant="stop")
                timer = gr.Timer(1.0)
            with gr.Tab("Debrief", id="debrief"):
                with gr.Row():
                    with gr.Column(scale=3):
                        debrief_md = gr.Markdown(elem_id="debrief", sanitize_html=True)
                    with gr.Column(scale=2):
                        score_plot = gr.Plot(label="Scores")
                        cited = gr.Dropdown(label="Jump to a cited turn", choices=[])
                        transcript_md = gr.Markdown(elem_id="transcript", sanitize_html=True)
                again_btn = gr.Button("Rehearse again")
            with gr.Tab("Mentor", id="mentor", visible=False) as mentor_tab:
                with gr.Row():
                    f_rep = gr.Textbox(label="Salesperson")
                    f_team = gr.Textbox(label="Team")
                    f_market = gr.Textbox(label="Market")
                    f_scenario = gr.Dropdown([""] + list(ctx.packs.scenarios), value="", label="Scenario")
                with gr.Row():
                    f_since = gr.Textbox(label="From (YYYY-MM-DD)")
                    f_until = gr.Textbox(label="Until (YYYY-MM-DD)")
                    f_min = gr.Number(label="Min score", value=0, minimum=0, maximum=100)
                    f_max = gr.Number(label="Max score", value=100, minimum=0, maximum=100)
                    f_flag = gr.Checkbox(label="Flagged only")
                search_btn = gr.Button("Search sessions", variant="primary")
                sessions_df = gr.Dataframe(headers=["session", "rep", "team", "market", "scenario", "started", "overall", "flagged"],
                                           interactive=False, elem_id="sessions")
                trend = gr.Plot(label="Trend")
                pick = gr.Dropdown(label="Session", choices=[], allow_custom_value=True)
                with gr.Row():
                    m_transcript = gr.Markdown(elem_id="m-transcript", sanitize_html=True)
                    m_debrief = gr.Markdown(elem_id="m-debrief", sanitize_html=True)
                m_comments = gr.Markdown(elem_id="m-comments")
                with gr.Row():
                    c_turn = gr.Number(label="On turn (0 = whole session)", value=0, precision=0, minimum=0)
                    c_text = gr.Textbox(label="Comment", scale=4)
                    c_btn = gr.Button("Add comment")
                with gr.Row():
                    flag_box = gr.Checkbox(label="Bring to the monthly session")
                    flag_msg = gr.Markdown()
                with gr.Accordion("Monthly review pack", open=False):
                    with gr.Row():
                        month = gr.Textbox(label="Month (YYYY-MM)", value=datetime.now().strftime("%Y-%m"))
                        month_team = gr.Textbox(label="Team")
                        month_btn = gr.Button("Build the pack")
                    month_file = gr.File(label="Review pack")
                with gr.Accordion("Field-case review queue", open=False):
                    fq_btn = gr.Button("Refresh queue")
                    fq_df = gr.Dataframe(headers=["id", "market", "region", "by", "situation"], interactive=False)
                    with gr.Row():
                        fq_pick = gr.Dropdown(label="Field case", choices=[])
                        fq_title = gr.Textbox(label="Title")
                        fq_scale = gr.Dropdown(SCALES, label="Scale", value="trusting")
                        fq_topics = gr.CheckboxGroup(TOPICS, label="Topics")
                        fq_kind = gr.Radio(["mistake", "good_move"], value="mistake", label="Kind")
                    fq_approve = gr.Button("Approve and index")
                    fq_msg = gr.Markdown()
            with gr.Tab("Packs", id="packs", visible=False) as packs_tab:
                pf = gr.Dropdown(pack_files, label="Pack file")
                editor = gr.Code(language="yaml", label="YAML", lines=24)
                pv = gr.Markdown(elem_id="pack-validation")
                with gr.Row():
                    save_btn = gr.Button("Save as draft")
                    eval_btn = gr.Button("Run evals")
                    index_btn = gr.Button("Rebuild index")
                pout = gr.Markdown()

        # ------------------------------------------------------------ wiring (api names = endpoints)
        demo.load(on_load, None, [whoami, home, r_home, mentor_tab, packs_tab], api_name=False)
        go.click(prepare, [text, home], [brief, suggested], api_name="prepare")
        text.submit(prepare, [text, home], [brief, suggested], api_name=False)
        rehearse_btn.click(rehearse_this, [suggested], [scenario, tabs], api_name=False)
        fc_submit.click(submit_field, [fc_market, fc_situation, fc_happened, fc_worked], fc_status, api_name="submit_field_case")
        scenario.change(show_card, scenario, card, api_name=False)
        start_btn.click(start, [scenario, r_home, whisper], [sid_state, chat, started_state, status, msg], api_name="start")
        send_btn.click(send, [msg, chat, sid_state], [chat, status, msg], api_name="send")
        msg.submit(send, [msg, chat, sid_state], [chat, status, msg], api_name=False)
        timer.tick(clock, [started_state, sid_state], clock_md, api_name=False, show_progress="hidden")
        end_btn.click(end, sid_state, [debrief_md, score_plot, transcript_md, cited, tabs, sid_state], api_name="end")
        cited.change(focus_turn, [cited, sid_state], transcript_md, api_name=False)
        again_btn.click(again, sid_state, [scenario, tabs], api_name=False)
        search_btn.click(search, [f_rep, f_team, f_market, f_scenario, f_since, f_until, f_min, f_max, f_flag],
                         [sessions_df, pick, trend], api_name="search_sessions")
        pick.change(view_session, pick, [m_transcript, m_debrief, m_comments], api_name="view_session")
        c_btn.click(comment, [pick, c_turn, c_text], [m_comments, c_text], api_name="comment")
        flag_box.input(set_flag, [pick, flag_box], flag_msg, api_name="flag")
        month_btn.click(monthly, [month, month_team], month_file, api_name="monthly_pack")
        fq_btn.click(field_queue, None, [fq_df, fq_pick], api_name="field_queue")
        fq_approve.click(approve_field, [fq_pick, fq_title, fq_scale, fq_topics, fq_kind], fq_msg, api_name="approve_field_case")
        pf.change(open_pack, pf, editor, api_name=False)
        editor.change(validate_pack, [pf, editor], pv, api_name=False, show_progress="hidden")
        save_btn.click(save_draft, [pf, editor], pv, api_name="save_pack_draft")
        eval_btn.click(run_pack_evals, pf, pout, api_name=False)
        index_btn.click(reindex, None, pout, api_name=False)
    return demo


def _date(s: str | None):
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.strip())
    except ValueError:
        raise gr.Error(f"Dates look like 2026-11-01 (got {s!r}).") from None


def _relative(path: str, roots: list[Path]) -> Path:
    p = Path(path).resolve()
    for r in roots:
        try:
            return p.relative_to(Path(r).resolve())
        except ValueError:
            continue
    return Path(p.name)


def _validate(path: str | None, text: str) -> str:
    from coach.packs.loader import MODEL_FOR_KIND, PackFileError, kind_for, validate_text
    from coach.packs.tools import _find_root
    if not path:
        return ""
    p = Path(path)
    root = _find_root(p)
    kind = kind_for(root, p.resolve()) if root else None
    if kind is None:
        return "cannot tell the pack kind from the file's location"
    try:
        validate_text(text or "", MODEL_FOR_KIND[kind], p.name)
    except PackFileError as exc:
        return "**Errors:**\n\n" + "\n".join(f"- `{esc(str(e))}`" for e in exc.errors)
    return f"✅ valid {kind}"


def _score_plot(d: dict):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    names = list(d["dimensions"])
    fig, ax = plt.subplots(figsize=(5, 3), dpi=100)
    ax.barh([n.replace("_", " ") for n in names], [d["dimensions"][n]["score"] for n in names], color="#4a6fa5")
    ax.set_xlim(0, 100)
    ax.set_title(f"Overall {d['overall']}/100")
    fig.tight_layout()
    return fig


def _trend_plot(rows: list[dict]):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 2.6), dpi=100)
    by_rep: dict[str, list] = {}
    for r in rows:
        if r["overall"] is not None:
            by_rep.setdefault(r["rep"] or "?", []).append((r["started_at"], r["overall"]))
    for rep, pts in sorted(by_rep.items()):
        pts.sort()
        ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=rep)
    ax.set_ylim(0, 100)
    if by_rep:
        ax.legend(fontsize=7)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def launch(demo: gr.Blocks, ctx: Context | None = None) -> None:
    ctx = ctx or Context()
    settings = ctx.settings
    from coach.auth import authenticate

    def check(username: str, password: str) -> bool:
        return authenticate(ctx.store, username, password) is not None

    demo.queue(default_concurrency_limit=4).launch(
        server_name=settings.host, server_port=settings.port, share=False, show_error=False, auth=check,
        auth_message="Culture Coach — sign in", css=CSS, ssr_mode=False,
    )
