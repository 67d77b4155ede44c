"""`coach`: the command line (Typer). Thin: parse, call a service, render."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from coach.context import Context
from coach.understanding.cli import understand_cmd

app = typer.Typer(help="Culture Coach: intercultural sales coach and negotiation role-play.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
index_app = typer.Typer(help="The situated-case index.", no_args_is_help=True)
packs_app = typer.Typer(help="Content packs: validate, list, scaffold, JSON Schema.", no_args_is_help=True)
scenarios_app = typer.Typer(help="Negotiation scenarios.", no_args_is_help=True)
users_app = typer.Typer(help="Users: add, list, export or delete a user's data.", no_args_is_help=True)
review_app = typer.Typer(help="Mentor review: sessions, comments, flags.", no_args_is_help=True)
field_app = typer.Typer(help="Field cases: submit, list, approve or reject.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(review_app, name="review")
app.add_typer(field_app, name="fieldcase")
app.add_typer(index_app, name="index")
app.add_typer(packs_app, name="packs")
app.add_typer(scenarios_app, name="scenarios")
app.command("understand")(understand_cmd)

console = Console()
err = Console(stderr=True)


def _ctx() -> Context:
    return Context()


def _dump(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


# ---------------------------------------------------------------- doctor
@app.command()
def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="one object per part, with ok and details")] = False,
    no_generate: Annotated[bool, typer.Option("--no-generate", help="skip loading the chat model")] = False,
) -> None:
    """Check every part for real: model, embeddings, database, packs, index."""
    from coach.doctor import run_doctor
    parts = run_doctor(_ctx(), generate=not no_generate)
    if as_json:
        _dump(parts)
    else:
        table = Table("part", "ok", "ms", "details")
        for p in parts:
            details = ", ".join(f"{k}={v}" for k, v in p["details"].items() if k != "first_errors")
            table.add_row(p["part"], "[green]ok[/]" if p["ok"] else "[red]FAIL[/]", str(p["ms"]), details[:300])
        console.print(table)
    raise typer.Exit(0 if all(p["ok"] for p in parts) else 1)


# ---------------------------------------------------------------- advise
def _print_advice(adv) -> None:
    from rich.panel import Panel
    head = f"[bold]{adv.market_name or 'unknown market'}[/]"
    if adv.home:
        head += f" · you: {adv.home}"
    if adv.persona:
        head += f" · closest persona: {adv.persona}"
    console.print(head + f" · confidence {adv.confidence:.2f} · {adv.elapsed_ms} ms")
    for w in adv.warnings:
        console.print(f"[yellow]![/] {w}", markup=True, highlight=False)
    for i, m in enumerate(adv.mistakes, 1):
        from rich.text import Text
        body = Text()
        body.append("Why: ", style="bold")
        body.append(m.why + "\n")
        body.append("Instead: ", style="bold")
        body.append(m.instead + "\n")
        if m.phrase:
            body.append("Say: ", style="bold")
            body.append(f"\u201c{m.phrase}\u201d")
            if m.phrase_native:
                body.append(f"  {m.phrase_native}" + (f" ({m.phrase_transliteration})" if m.phrase_transliteration else ""))
            body.append("\n")
        if m.sources:
            body.append("Cases: " + "; ".join(f"{s.id}" for s in m.sources), style="dim")
        console.print(Panel(body, title=Text(f"{i}. {m.title}"), subtitle=m.scale, expand=True))


@app.command()
def advise(
    text: Annotated[Optional[str], typer.Argument(help="who you are meeting, e.g. \"Saudi procurement lead, first meeting, I'm Italian\"")] = None,
    home: Annotated[Optional[str], typer.Option("--home", help="your home culture (ISO code), if not in the text")] = None,
    batch: Annotated[Optional[Path], typer.Option("--batch", help="JSONL file: one {\"text\", \"home\"} per line")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    intro: Annotated[bool, typer.Option("--intro", help="add a short LLM-written introduction (checked)")] = False,
) -> None:
    """The three most common mistakes for this meeting, grounded in situated cases."""
    from coach.advisor import AdviceInputError
    if (text is None) == (batch is None):
        err.print("[red]error:[/] give either TEXT or --batch FILE")
        raise typer.Exit(2)
    ctx = _ctx()
    advisor = ctx.advisor
    if batch is not None:
        failed = 0
        try:
            lines = batch.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            err.print(f"[red]error:[/] cannot read {batch}: {exc}")
            raise typer.Exit(2) from None
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                    raise ValueError('each line must be an object with a "text" string')
                adv = advisor.advise(item["text"], home=item.get("home"))
                out = adv.model_dump(mode="json")
            except (ValueError, AdviceInputError) as exc:
                failed += 1
                out = {"error": f"{batch}:{n}: {exc}", "line": n}
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        raise typer.Exit(1 if failed else 0)
    try:
        adv = advisor.advise(text or "", home=home)
    except AdviceInputError as exc:
        if as_json:
            _dump({"error": str(exc)})
        else:
            err.print(f"[red]error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    if as_json:
        data = adv.model_dump(mode="json")
        if intro:
            data["introduction"] = "".join(advisor.introduction(adv, text or ""))
        _dump(data)
        return
    _print_advice(adv)
    if intro:
        console.print("".join(advisor.introduction(adv, text or "")), markup=False)


# ---------------------------------------------------------------- roleplay
def _read_script(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        data = json.loads(text)
        if not isinstance(data, list) or not all(isinstance(x, str) for x in data):
            raise ValueError(f"{path}: a JSON script must be a list of strings")
        return data
    return [line for line in text.splitlines() if line.strip()]


@app.command()
def roleplay(
    scenario: Annotated[str, typer.Option("--scenario", help="scenario id (coach packs list)")],
    home: Annotated[Optional[str], typer.Option("--home", help="your home culture (ISO code)")] = None,
    script: Annotated[Optional[Path], typer.Option("--script", help="one trainee turn per line, or a JSON list of strings")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    bank: Annotated[bool, typer.Option("--bank", help="phrase-bank only, no model (deterministic)")] = False,
    whisper: Annotated[bool, typer.Option("--whisper", help="private coach hints after known mistakes")] = False,
    resume: Annotated[Optional[str], typer.Option("--resume", help="continue a session by id")] = None,
) -> None:
    """Rehearse a negotiation against a market persona (interactive, or scripted with --script)."""
    from coach.roleplay import RolePlayError
    ctx = _ctx()
    rp = ctx.roleplay("bank" if bank else "auto")
    try:
        if resume:
            sid = resume
            rp.resume(sid)
        else:
            sid = rp.start(scenario, home=home, whisper=whisper)
    except RolePlayError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    sc = ctx.packs.scenarios[scenario] if scenario in ctx.packs.scenarios else None
    if script is not None:
        try:
            lines = _read_script(script)
        except (OSError, ValueError) as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(2) from None
        for line in lines:
            try:
                t = rp.turn(sid, line)
                reply = t.text()
            except RolePlayError as exc:
                err.print(f"error: {exc}", markup=False)
                break
            if not as_json:
                console.print(f"[bold]you:[/] {line}", markup=True, highlight=False)
                console.print(f"[bold]{t.result.move}:[/] {reply}", highlight=False)
            if t.result.ended:
                break
        row = ctx.store.get_session(sid)
        if row.status == "active":
            rp.end(sid)
            row = ctx.store.get_session(sid)
        data = {"session_id": sid, "scenario": row.scenario_id,
                "turns": [{"n": t["n"], "role": t["role"], "text": t["text"], "act": t["act"]}
                          for t in rp.transcript(sid) if t["role"] in ("trainee", "persona")],
                "outcome": row.outcome}
        if as_json:
            _dump(data)
        else:
            console.print_json(json.dumps(row.outcome, ensure_ascii=False))
        return
    # interactive
    if sc:
        persona = ctx.packs.personas[sc.persona]
        console.print(f"[bold]{sc.title}[/]", highlight=False)
        console.print(sc.situation, markup=False)
        console.print(f"You meet {persona.name}, {persona.role}. Time box: {sc.time_box_minutes} min. "
                      "Type /end to finish.", markup=False)
    while True:
        try:
            line = input("you> ")
        except (EOFError, KeyboardInterrupt):
            line = "/end"
        if line.strip() == "/end":
            outcome = rp.end(sid)
            console.print_json(json.dumps(outcome, ensure_ascii=False))
            console.print(f"session {sid}: debrief with `coach debrief {sid}`", markup=False)
            return
        try:
            t = rp.turn(sid, line)
            for piece in t:
                console.print(piece, end="", markup=False, highlight=False)
            console.print()
        except RolePlayError as exc:
            err.print(f"error: {exc}", markup=False)
            continue
        if t.result.whisper:
            console.print(f"[dim italic]{t.result.whisper}[/]", highlight=False)
        if t.result.ended:
            console.print(f"(session ended: {t.result.ended})", markup=False)
            console.print_json(json.dumps(ctx.store.get_session(sid).outcome, ensure_ascii=False))
            return


# ---------------------------------------------------------------- debrief
def _print_debrief(d) -> None:
    from coach.debrief.models import DIMENSION_LABELS
    console.print(f"[bold]Overall {d.overall}/100[/] · {d.scenario} · market {d.market}" + (f" · you: {d.home}" if d.home else ""))
    table = Table("dimension", "score", "weight", "evidence")
    for name, label in DIMENSION_LABELS.items():
        ds = getattr(d.dimensions, name)
        ev = "; ".join(f"turn {e.turn}: {e.note}" for e in ds.evidence[:3])
        table.add_row(label, str(ds.score), f"{d.weights[name]:.2f}", ev)
    console.print(table)
    for m in d.mistakes:
        console.print(f"[red]-[/] turn {m.turn}: {m.title} ({m.scale})" + (f" — case {m.case_id}: {m.instead}" if m.case_id else ""),
                      highlight=False)
    k = d.kpis
    console.print(f"KPIs: first offer {k.first_offer} (anchor {k.anchor_vs_list}), concessions {k.concessions_count} "
                  f"({k.concessions_untraded} untraded), talk ratio {k.talk_ratio}, question rate {k.question_rate}, "
                  f"agreement {k.agreement}", highlight=False)
    for step in d.next_steps:
        console.print(f"[green]>[/] {step}", highlight=False)
    if d.judge:
        console.print(f"judge {d.judge.model}: {'ok' if d.judge.ok else 'failed'} {d.judge.narrative or d.judge.error or ''}",
                      markup=False)
        if d.judge.variance:
            console.print(f"judge variance over {d.judge.runs} runs: "
                          + ", ".join(f"{k} {v:g}" for k, v in d.judge.variance.items()), markup=False)


@app.command()
def debrief(
    session_id: Annotated[Optional[str], typer.Argument(metavar="SESSION_ID")] = None,
    transcript: Annotated[Optional[Path], typer.Option("--transcript", help='JSON: {"scenario", "home", "turns": [{"role", "text"}]}')] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    judge: Annotated[bool, typer.Option("--judge", help="add the LLM judge's narrative and bounded adjustments")] = False,
    k: Annotated[int, typer.Option("--k", min=1, max=10, help="judge runs (variance shown when k > 1)")] = 1,
) -> None:
    """Score a rehearsal (or an imported transcript) with evidence, KPIs and matched cases."""
    from coach.debrief import DebriefError, DebriefService
    if (session_id is None) == (transcript is None):
        err.print("error: give either SESSION_ID or --transcript FILE", markup=False)
        raise typer.Exit(2)
    ctx = _ctx()
    ctx.ensure_index()
    svc = DebriefService(ctx.packs, ctx.store, index=ctx.index, understander=ctx.understander, gateway=ctx.gateway if judge else None)
    try:
        if transcript is not None:
            try:
                data = json.loads(transcript.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise DebriefError(f"{transcript}: {exc}") from None
            result = svc.for_transcript(data, judge=judge, k=k)
        else:
            result = svc.for_session(session_id or "", judge=judge, k=k)
    except DebriefError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    if as_json:
        _dump(result.model_dump(mode="json"))
    else:
        _print_debrief(result)


# ---------------------------------------------------------------- eval
@app.command("eval")
def eval_cmd(
    eval_id: Annotated[str, typer.Argument(metavar="ID", help="an eval id from evals/*.yaml, 'all', or 'pack'")] = "all",
    model: Annotated[Optional[str], typer.Option("--model", help="litellm model string for persona and judge")] = None,
    judge: Annotated[Optional[str], typer.Option("--judge", help="litellm model string for the judge only (adds "
                                                 "LLM-judged yes/no criteria when it is a provider model)")] = None,
    pack: Annotated[Optional[Path], typer.Option("--pack", help="a pack root to add and evaluate (with 'pack': its market)")] = None,
    market: Annotated[Optional[str], typer.Option("--market", help="only what concerns this market")] = None,
    fast: Annotated[bool, typer.Option("--fast", help="the CI subset")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", help="write a report (.html, .md or .json)")] = None,
    evals_dir: Annotated[Optional[Path], typer.Option(help="registry directory")] = None,
) -> None:
    """Run registered evals; print metrics against thresholds; exit 1 when a threshold fails."""
    from rich.progress import Progress
    from coach.evals import RunOptions, load_specs, run_eval
    from coach.settings import PROJECT_ROOT, load_settings
    specs = load_specs(evals_dir or PROJECT_ROOT / "evals")
    overrides: dict = {}
    if model:
        overrides.update(persona_model=model, judge_model=model, advisor_model=model)
    if judge:
        overrides.update(judge_model=judge)
    settings = load_settings(**overrides)
    if pack is not None:
        settings = settings.model_copy(update={"packs": list(settings.packs) + [pack.resolve()]})
    ctx = Context(settings)
    if ctx.packs.errors:
        for e in ctx.packs.errors:
            err.print(str(e), markup=False)
        raise typer.Exit(1)
    if eval_id == "pack":
        if not market and pack is not None:
            from coach.packs import load_packs
            own = load_packs([pack])
            codes = sorted({c.markets[0] for c in own.cases.values()} | set(own.markets) | {p.market for p in own.personas.values()})
            market = codes[0] if len(codes) == 1 else None
        if not market:
            err.print("error: `coach eval pack` needs --market CC (or a --pack with one market)", markup=False)
            raise typer.Exit(2)
        chosen = list(specs)
    else:
        chosen = list(specs) if eval_id == "all" else [eval_id]
    unknown = [c for c in chosen if c not in specs]
    if unknown:
        err.print(f"error: unknown eval {', '.join(unknown)}; known: {', '.join(specs)}, pack", markup=False)
        raise typer.Exit(2)
    results = []
    with Progress(console=err, transient=True) as progress:
        for c in chosen:
            task = progress.add_task(c, total=None)
            opts = RunOptions(fast=fast, market=market.upper() if market else None,
                              progress=lambda done, total, t=task: progress.update(t, completed=done, total=total))
            results.append(run_eval(*specs[c], ctx, opts))
    failed = any(r.failures for r in results)
    payload = [{"id": r.spec.id, "metrics": r.metrics, "thresholds": r.spec.thresholds, "failures": r.failures,
                "items": r.items} for r in results]
    if out is not None:
        from coach.evals.report import write_report
        write_report(payload, out, model=settings.model_for("persona"), pack_version=ctx.packs.version(), fast=fast)
    if as_json:
        _dump(payload)
    else:
        table = Table("eval", "metric", "value", "threshold", "pass")
        for r in results:
            for name, value in r.metrics.items():
                bound = r.spec.thresholds.get(name)
                if bound is None:
                    table.add_row(r.spec.id, name, f"{value:g}", "", "")
                    continue
                lower = name in r.spec.lower_is_better
                ok = value == value and (value <= bound if lower else value >= bound)
                table.add_row(r.spec.id, name, f"{value:g}", f"{'<=' if lower else '>='} {bound:g}",
                              "[green]pass[/]" if ok else "[red]FAIL[/]")
        console.print(table)
        for r in results:
            for item in r.items[:5]:
                if item.get("ok") is False:  # an item that missed; the eval fails only on its thresholds
                    label = "[red]fail[/]" if r.failures else "[yellow]missed item[/]"
                    console.print(f"{label} {r.spec.id}: " + json.dumps(item, ensure_ascii=False, default=str)[:300],
                                  highlight=False)
    raise typer.Exit(1 if failed else 0)


# ---------------------------------------------------------------- index
@index_app.command("build")
def index_build(rebuild: Annotated[bool, typer.Option("--rebuild", help="drop and rebuild from the packs")] = False) -> None:
    """Index every approved case (idempotent: unchanged cases are skipped)."""
    from rich.progress import Progress
    ctx = _ctx()
    reg = ctx.packs
    for e in reg.errors:
        err.print(f"[yellow]skipped[/] {e}")
    with Progress(console=err) as progress:
        task = progress.add_task("indexing cases", total=None)

        def tick(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        result = ctx.index.sync(list(reg.cases.values()), rebuild=rebuild, progress=tick)
    console.print(" ".join(f"{k}={v}" for k, v in result.items()))
    # the understanding head trains once per corpus (about a minute): here, not in a trainee's first turn
    import time
    t0 = time.perf_counter()
    ctx.understander.heads()
    console.print(f"understanding head ready ({time.perf_counter() - t0:.1f} s)")


# ---------------------------------------------------------------- packs
@packs_app.command("validate")
def packs_validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="pack roots or files (default: the configured roots)")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Validate pack files; print `path:line:col: field: message` per error; exit 1 on any error."""
    from coach.packs.tools import validate_paths
    targets = paths or list(_ctx().settings.packs)
    errors, counts = validate_paths(targets)
    if as_json:
        _dump({"ok": not errors, "errors": [e.as_dict() for e in errors], "counts": counts})
    else:
        for e in errors:
            err.print(str(e), markup=False, highlight=False, soft_wrap=True)
        summary = " ".join(f"{k}={v}" for k, v in counts.items() if k != "errors")
        console.print(f"{'[red]FAILED[/]' if errors else '[green]ok[/]'} {summary} errors={len(errors)}")
    raise typer.Exit(1 if errors else 0)


@packs_app.command("list")
def packs_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List markets, personas, cases and scenarios."""
    from coach.packs.tools import list_packs
    reg = _ctx().packs
    data = list_packs(reg)
    if as_json:
        _dump(data)
        return
    for section in ("markets", "homes", "personas", "scenarios"):
        table = Table(title=section)
        rows = data[section]
        if not rows:
            continue
        for key in rows[0]:
            table.add_column(key)
        for row in rows:
            table.add_row(*(str(v) for v in row.values()))
        console.print(table)
    console.print(f"cases: {len(data['cases'])}")


@packs_app.command("new")
def packs_new(
    kind: Annotated[str, typer.Argument(help="persona | case | scenario")],
    name: Annotated[str, typer.Argument(help="id of the new file (lower-case, digits, '-')")],
    market: Annotated[str, typer.Option(help="ISO market code")] = "DE",
    persona: Annotated[Optional[str], typer.Option(help="persona id (scenarios)")] = None,
    root: Annotated[Optional[Path], typer.Option(help="pack root to write into (default: first configured)")] = None,
) -> None:
    """Scaffold a new pack file that validates, with TODOs to fill in."""
    from coach.packs.tools import scaffold
    ctx = _ctx()
    target_root = root or ctx.settings.packs[0]
    if kind == "scenario" and not persona:
        persona = next((p.id for p in ctx.packs.personas.values() if p.market == market.upper()), None)
    try:
        path = scaffold(kind, name, market, target_root, persona=persona)
    except (ValueError, FileExistsError) as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    console.print(f"wrote {path}")


@packs_app.command("schema")
def packs_schema(out: Annotated[Optional[Path], typer.Option(help="directory (default: <first pack root>/schemas)")] = None) -> None:
    """Write the JSON Schema files that pack YAML files reference."""
    from coach.packs.tools import write_schemas
    target = out or (_ctx().settings.packs[0] / "schemas")
    for p in write_schemas(target):
        console.print(f"wrote {p}")


# ---------------------------------------------------------------- scenarios
@scenarios_app.command("show")
def scenarios_show(
    scenario_id: Annotated[str, typer.Argument(metavar="ID")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    reveal: Annotated[bool, typer.Option("--reveal", help="trainer view: add the private limits")] = False,
) -> None:
    """Show a scenario: the trainee's public brief, or with --reveal the buyer's private limits too."""
    reg = _ctx().packs
    sc = reg.scenarios.get(scenario_id)
    if sc is None:
        known = ", ".join(sorted(reg.scenarios)) or "none"
        err.print(f"[red]error:[/] no scenario '{escape(scenario_id)}'. Known: {known}")
        raise typer.Exit(2)
    data = sc.public().model_dump(mode="json")
    persona = reg.personas[sc.persona]
    data["persona_card"] = persona.public().model_dump(mode="json")
    if reveal:
        data["private"] = sc.private.model_dump(mode="json")
        data["persona_private"] = persona.private.model_dump(mode="json")
    if as_json:
        _dump(data)
        return
    console.print(f"[bold]{sc.title}[/] ({sc.id}, {sc.market})")
    console.print(sc.situation, markup=False)
    b = sc.seller_brief
    console.print(f"You sell {b.product} for {b.company}: list {b.list_price:g} {b.currency} {b.unit}; {b.volume}", markup=False)
    console.print(f"Counterpart: {persona.name}, {persona.role}, {persona.company}", markup=False)
    if reveal:
        console.print_json(json.dumps(data["private"], ensure_ascii=False))


@app.command()
def serve() -> None:
    """Start the web app on COACH_HOST:COACH_PORT (default 127.0.0.1:7860)."""
    from coach.web import build_app, launch
    ctx = _ctx()
    launch(build_app(ctx), ctx)


# ---------------------------------------------------------------- users, review, reports, field cases
def _viewer(ctx: Context, name: Optional[str]):
    from coach.store.review import Viewer
    if not name:
        return Viewer.operator()
    user = ctx.store.get_user(name)
    if user is None:
        err.print(f"error: no user '{name}'", markup=False)
        raise typer.Exit(2)
    return Viewer.of(user)


@users_app.command("add")
def users_add(
    name: str, role: Annotated[str, typer.Option(help="salesperson | mentor | trainer")] = "salesperson",
    team: Annotated[Optional[str], typer.Option()] = None, region: Annotated[Optional[str], typer.Option()] = None,
    home: Annotated[Optional[str], typer.Option(help="home culture, ISO code")] = None,
    password: Annotated[Optional[str], typer.Option(help="at least 8 characters (prompted when omitted)")] = None,
) -> None:
    """Add a user with a hashed password."""
    from coach.auth import hash_password
    ctx = _ctx()
    if password is None:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    try:
        if ctx.store.get_user(name):
            raise ValueError(f"user '{name}' exists")
        ctx.store.add_user(name, role, team=team, region=region, home=home.upper() if home else None,
                           password_hash=hash_password(password))
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print(f"added {name} ({role}{', team ' + team if team else ''})", markup=False)


@users_app.command("list")
def users_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    from coach.store.review import list_users
    rows = list_users(_ctx().store)
    if as_json:
        _dump(rows)
    else:
        for r in rows:
            console.print(f"{r['name']:<20} {r['role']:<12} {r['team'] or '':<12} {r['region'] or ''}", markup=False)


@users_app.command("export")
def users_export(name: str, out: Annotated[Optional[Path], typer.Option()] = None) -> None:
    """Everything stored about a user, as JSON (a data-subject request)."""
    from coach.store.review import export_user
    try:
        data = export_user(_ctx().store, name)
    except KeyError as exc:
        err.print(f"error: {exc.args[0]}", markup=False)
        raise typer.Exit(2) from None
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
        console.print(f"wrote {out}", markup=False)
    else:
        sys.stdout.write(text + "\n")


@users_app.command("delete")
def users_delete(name: str, yes: Annotated[bool, typer.Option("--yes", help="do not ask")] = False) -> None:
    """Delete a user and their sessions, turns, debriefs and comments."""
    from coach.store.review import delete_user
    if not yes and not typer.confirm(f"delete {name} and all their sessions?"):
        raise typer.Exit(1)
    try:
        counts = delete_user(_ctx().store, name)
    except KeyError as exc:
        err.print(f"error: {exc.args[0]}", markup=False)
        raise typer.Exit(2) from None
    console.print("deleted " + ", ".join(f"{k}={v}" for k, v in counts.items()), markup=False)


@review_app.command("list")
def review_list(
    as_user: Annotated[Optional[str], typer.Option("--as", help="see what this user may see")] = None,
    rep: Annotated[Optional[str], typer.Option()] = None, team: Annotated[Optional[str], typer.Option()] = None,
    market: Annotated[Optional[str], typer.Option()] = None, scenario: Annotated[Optional[str], typer.Option()] = None,
    since: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")] = None,
    until: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")] = None,
    min_score: Annotated[Optional[float], typer.Option()] = None, max_score: Annotated[Optional[float], typer.Option()] = None,
    flagged: Annotated[Optional[bool], typer.Option("--flagged/--not-flagged")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Sessions with filters (salesperson, team, market, scenario, dates, score, flag)."""
    from datetime import datetime as dt
    from coach.store.review import list_sessions
    ctx = _ctx()
    rows = list_sessions(ctx.store, _viewer(ctx, as_user), rep=rep, team=team, market=market, scenario=scenario,
                         date_from=dt.fromisoformat(since) if since else None, date_to=dt.fromisoformat(until) if until else None,
                         min_score=min_score, max_score=max_score, flagged=flagged)
    if as_json:
        _dump(rows)
        return
    table = Table("session", "rep", "team", "market", "scenario", "started", "overall", "flag")
    for r in rows:
        table.add_row(r["session_id"][:8], r["rep"] or "", r["team"] or "", r["market"] or "", r["scenario"] or "",
                      f"{r['started_at']:%Y-%m-%d %H:%M}", "" if r["overall"] is None else f"{r['overall']:.0f}",
                      "*" if r["flagged"] else "")
    console.print(table)


@review_app.command("comment")
def review_comment(session_id: str, text: str, turn: Annotated[Optional[int], typer.Option()] = None,
                   as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    """Comment on a session or one of its turns (mentors and trainers)."""
    from coach.store.review import AccessDenied, add_comment
    ctx = _ctx()
    try:
        add_comment(ctx.store, _viewer(ctx, as_user), session_id, text, turn)
    except (AccessDenied, ValueError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print("comment added")


@review_app.command("flag")
def review_flag(session_id: str, off: Annotated[bool, typer.Option("--off")] = False,
                as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    """Bring a session to the monthly review (or --off to unflag)."""
    from coach.store.review import AccessDenied, flag
    ctx = _ctx()
    try:
        flag(ctx.store, _viewer(ctx, as_user), session_id, not off)
    except AccessDenied as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print("unflagged" if off else "flagged for the monthly session")


@app.command()
def report(
    month: Annotated[str, typer.Option(help="YYYY-MM")], out: Annotated[Path, typer.Option(help="FILE.html or FILE.md")],
    team: Annotated[Optional[str], typer.Option()] = None, rep: Annotated[Optional[str], typer.Option()] = None,
    as_user: Annotated[Optional[str], typer.Option("--as")] = None,
) -> None:
    """The monthly review pack: trends, dimensions, common mistakes, flagged transcripts, KPIs, field cases."""
    from coach import reports
    ctx = _ctx()
    try:
        data = reports.gather(ctx.store, _viewer(ctx, as_user), month, team=team, rep=rep)
        path = reports.render(data, out)
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print(f"wrote {path} ({len(data['sessions'])} sessions)", markup=False)


@app.command("export")
def export_cmd(what: Annotated[str, typer.Argument(help="sessions | turns | debriefs")],
               out: Annotated[Path, typer.Option(help="FILE.csv or FILE.jsonl")],
               as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    """Export sessions, turns or debriefs (what the viewer may see) as CSV or JSONL."""
    from coach import reports
    ctx = _ctx()
    try:
        n = reports.export(ctx.store, _viewer(ctx, as_user), what, out)
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print(f"wrote {n} rows to {out}", markup=False)


@field_app.command("submit")
def field_submit(market: str, situation: Annotated[str, typer.Option()], happened: Annotated[str, typer.Option()],
                 worked: Annotated[str, typer.Option()], region: Annotated[Optional[str], typer.Option()] = None,
                 as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    """Submit a field case from your market (stored as a draft for review)."""
    from coach import fieldcases
    ctx = _ctx()
    try:
        fid = fieldcases.submit(ctx.store, _viewer(ctx, as_user), market.upper(), situation, happened, worked, region)
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print(f"field case {fid} submitted as a draft", markup=False)


@field_app.command("list")
def field_list(status: Annotated[Optional[str], typer.Option()] = None, as_json: Annotated[bool, typer.Option("--json")] = False,
               as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    from coach.store.review import list_field_cases
    ctx = _ctx()
    rows = list_field_cases(ctx.store, _viewer(ctx, as_user), status=status)
    if as_json:
        _dump(rows)
    else:
        for r in rows:
            console.print(f"{r['id']:>4} {r['market']} {r['status']:<9} {r['region'] or '':<12} {r['data']['situation'][:70]}", markup=False)


@field_app.command("approve")
def field_approve(fid: int, title: Annotated[str, typer.Option()], scale: Annotated[str, typer.Option()],
                  topic: Annotated[Optional[list[str]], typer.Option("--topic")] = None,
                  kind: Annotated[str, typer.Option()] = "mistake", instead: Annotated[Optional[str], typer.Option()] = None,
                  as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    """Tag and approve a field case: it becomes a situated case, indexed for everyone."""
    from coach import fieldcases
    from coach.store.review import AccessDenied
    ctx = _ctx()
    try:
        case = fieldcases.approve(ctx.store, _viewer(ctx, as_user), fid, ctx.settings.data_dir, title=title, scale=scale,
                                  topics=list(topic or []), kind=kind, instead=instead, known_markets=set(ctx.packs.markets))
    except (AccessDenied, KeyError, ValueError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    ctx.reload_packs()
    console.print(f"approved as case {case.id}; index updated", markup=False)


@field_app.command("reject")
def field_reject(fid: int, as_user: Annotated[Optional[str], typer.Option("--as")] = None) -> None:
    from coach import fieldcases
    from coach.store.review import AccessDenied
    ctx = _ctx()
    try:
        fieldcases.reject(ctx.store, _viewer(ctx, as_user), fid)
    except (AccessDenied, KeyError, ValueError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    console.print("rejected")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
