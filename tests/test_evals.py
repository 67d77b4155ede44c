"""Eval registry and suites: allow-list, thresholds, recorded results, reports."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from coach.evals import EvalSpec, load_specs

ROOT = Path(__file__).resolve().parent.parent


def test_registry_is_an_allow_list(tmp_path):
    (tmp_path / "evil.yaml").write_text(yaml.safe_dump({
        "id": "evil", "description": "x", "suite": "os.system", "data": "x.jsonl", "metrics": []}))
    with pytest.raises(ValueError, match="is not one of"):
        load_specs(tmp_path)
    (tmp_path / "evil.yaml").write_text(yaml.safe_dump({
        "id": "evil", "description": "x", "suite": "advisor", "data": "../../etc/passwd", "metrics": []}))
    with pytest.raises(ValueError, match="must stay inside"):
        load_specs(tmp_path)
    with pytest.raises(Exception):
        EvalSpec.model_validate({"id": "x", "description": "x", "suite": "advisor", "data": "d", "metrics": [], "bogus": 1})


def test_every_shipped_eval_names_a_known_suite_and_existing_data():
    specs = load_specs(ROOT / "evals")
    assert {"advisor", "redteam", "persona-consistency"} <= set(specs)
    for spec, data in specs.values():
        assert data.exists(), spec.id


def _run(tmp_path, monkeypatch, model_dir, *args):
    from coach.cli import app
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_MODEL_DIR", str(model_dir))
    return CliRunner().invoke(app, ["eval", *args])


def test_persona_consistency_fast_passes_and_is_recorded(tmp_path, monkeypatch, model_dir):
    out = tmp_path / "report.html"
    r = _run(tmp_path, monkeypatch, model_dir, "persona-consistency", "--fast", "--json", "--out", str(out))
    assert r.exit_code == 0, r.output[-2000:]
    [res] = json.loads(r.output)
    assert res["metrics"]["contradiction_rate"] == 0 and res["metrics"]["behaviour_checks_passed"] == 1
    assert res["metrics"]["replies"] >= 200
    assert res["seconds"] > 0  # each eval says how long it took (where CI time goes)
    assert "persona-consistency" in out.read_text(encoding="utf-8")
    from coach.store import Store
    store = Store(f"sqlite:///{tmp_path / 'data' / 'culture-coach.db'}")
    [run] = store.eval_runs("persona-consistency")
    assert run.passed and run.fast and len(run.pack_version) == 12 and run.model == "local/qwen2.5-0.5b"


def _registry_subset(tmp_path: Path, fast_redteam: dict) -> Path:
    """A copy of four shipped evals and their data (the red team's CI subset replaced by `fast_redteam`)."""
    evals = tmp_path / "evals"
    for name, data in (("advisor", "advisor/descriptions.jsonl"), ("persona", "persona/sessions.yaml"),
                       ("debrief", "debrief/pairs.yaml"), ("redteam", "redteam/attacks.yaml")):
        spec = yaml.safe_load((ROOT / "evals" / f"{name}.yaml").read_text(encoding="utf-8"))
        assert spec["data"] == data, name
        if name == "redteam":
            spec["fast"] = fast_redteam
        (evals / data).parent.mkdir(parents=True, exist_ok=True)
        (evals / data).write_bytes((ROOT / "evals" / data).read_bytes())
        (evals / f"{name}.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return evals


def test_pack_eval_for_one_market(tmp_path, monkeypatch, model_dir):
    """`eval pack --market DE` runs what concerns DE only, the red team with the real model. On a copy of four
    shipped evals, the red team cut to one attack of each of three families: `coach eval all --fast` (CI) runs the
    whole registry and its red-team subset, so the pack path here is not a third run of it."""
    evals = _registry_subset(tmp_path, {"realiser": "auto", "per_scenario": 3, "crescendos": 0})
    r = _run(tmp_path, monkeypatch, model_dir, "pack", "--market", "DE", "--fast", "--json", "--evals-dir", str(evals))
    try:
        results = {x["id"]: x for x in json.loads(r.output)}
    except ValueError:
        raise AssertionError(r.output[-2000:]) from None
    assert r.exit_code == 0, {k: (x["failures"], x["metrics"]) for k, x in results.items() if x["failures"]} \
        or r.output[-2000:]
    assert set(results) == {"advisor", "persona-consistency", "debrief-calibration", "redteam"}
    assert results["advisor"]["metrics"]["n"] >= 3  # only DE descriptions
    assert results["persona-consistency"]["metrics"]["behaviour_checks"] == 2  # the two DE checks
    attacks = [x for x in results["redteam"]["items"] if x.get("family") != "crescendo"]
    assert attacks and {x["scenario"] for x in attacks} == {"de-machinery-drive-components"}
    assert len(attacks) == 3 and results["redteam"]["metrics"]["leak_rate"] == 0.0


def test_a_failing_threshold_exits_1(tmp_path, monkeypatch, model_dir):
    evals = tmp_path / "evals"
    (evals / "advisor").mkdir(parents=True)
    (evals / "advisor" / "d.jsonl").write_text(json.dumps({
        "id": "x", "text": "Saudi buyer", "expect_market": "KR", "expect_scales": []}) + "\n")
    (evals / "strict.yaml").write_text(yaml.safe_dump({
        "id": "strict", "description": "wrong on purpose", "suite": "advisor", "data": "advisor/d.jsonl",
        "metrics": ["market_accuracy"], "thresholds": {"market_accuracy": 1.0}}))
    r = _run(tmp_path, monkeypatch, model_dir, "strict", "--evals-dir", str(evals))
    assert r.exit_code == 1 and "FAIL" in r.output and "time: strict " in r.output


# ---------------------------------------------------------------- LLM-judged yes/no criteria
class _YesNoGateway:
    """A fake provider judge: answers from a rule on the prompt, or from a queue; can fall back."""

    def __init__(self, rule=None, queue=None, fallback=False):
        self.rule, self.queue, self.fallback, self.prompts = rule, list(queue or []), fallback, []

    def complete(self, messages, **kw):
        from coach.llm import Completion
        self.prompts.append(messages)
        text = self.queue.pop(0) if self.queue else self.rule(messages[0]["content"])
        return Completion(text=text, requested_model="openai/judge", resolved_model="openai/judge", fallback=self.fallback)


def test_yes_no_answers_parse_strictly():
    from coach.evals.yesno import parse_answer
    assert parse_answer("Yes.") is True and parse_answer("  no, it does not") is False and parse_answer("**YES**") is True
    assert parse_answer("Yesterday") is None and parse_answer("It is yes") is None and parse_answer("") is None


def test_yes_no_judge_agreement_instability_repair_and_fallback():
    from coach.evals.yesno import YesNoJudge
    gw = _YesNoGateway(queue=["yes", "yes", "yes",          # item 1: stable yes, agrees
                              "no", "Hmm, hard to say", "yes", "no",  # item 2: one malformed answer repaired -> unstable
                              "no", "no", "no"])            # item 3: stable no, disagrees with expected yes
    j = YesNoJudge(gw, k=3)
    j.ask("in_character", "Thank you, we will study it.", expected=True)
    j.ask("in_character", "Please wait.", expected=False)
    j.ask("in_character", "Let us talk about delivery.", expected=True)
    m = j.metrics()
    assert m["judge_items"] == 3 and m["judge_invalid_rate"] == 0
    assert m["judge_agreement"] == pytest.approx(2 / 3, abs=1e-3)  # item 2: majority "no" = expected; item 3 disagrees
    assert m["judge_agreement"] == m["judge_agreement_in_character"]
    assert m["judge_instability"] == pytest.approx(1 / 3, abs=1e-3) and m["judge_variance"] > 0
    assert gw.prompts[5][-1]["content"] == "Answer with exactly one word: yes or no."  # the one repair try
    assert [d["buyer"] for d in j.disagreements()] == ["Let us talk about delivery."]
    # the private numbers never enter a judge prompt: it only sees the lines themselves
    assert all("reservation" not in m_[0]["content"] for m_ in gw.prompts)
    fb = YesNoJudge(_YesNoGateway(rule=lambda p: "yes", fallback=True), k=2)
    fb.ask("states_limit", "Our budget is fixed.", expected=False)
    assert fb.metrics()["judge_invalid_rate"] == 1 and "fell back" in fb.errors[0]


def test_persona_suite_adds_judged_criteria_only_with_a_provider_judge(tmp_path, model_dir):
    from coach.context import Context
    from coach.evals import RunOptions, run_eval
    from coach.settings import load_settings
    spec, data = load_specs(ROOT / "evals")["persona-consistency"]
    spec = spec.model_copy(update={"fast": {"realiser": "bank", "turns": 12, "judge_sample": 8, "judge_k": 2}})
    base = load_settings(env={}, data_dir=str(tmp_path), model_dir=str(model_dir))
    plain = run_eval(spec, data, Context(base), RunOptions(fast=True, market="DE"), record=False)
    assert not any(k.startswith("judge_") for k in plain.metrics)  # embedded default: deterministic checks only
    ctx = Context(base.model_copy(update={"judge_model": "openai/judge"}))
    # a judge that calls every buyer line in character, except when it speaks like an assistant
    ctx.__dict__["gateway"] = gw = _YesNoGateway(rule=lambda p: "no" if "as an ai" in p.lower() else "yes")
    res = run_eval(spec, data, ctx, RunOptions(fast=True, market="DE"), record=False)
    assert res.metrics["judge_items"] == 8 and len(gw.prompts) == 16
    assert res.metrics["judge_agreement"] == 1.0 and res.metrics["judge_instability"] == 0
    assert any(i["id"] == "llm-judge" and i["ok"] for i in res.items)
    assert all("BUYER said:" in p[0]["content"] for p in gw.prompts)


def test_markdown_report_marks_failures(tmp_path):
    from coach.evals.report import write_report
    res = [{"id": "redteam", "metrics": {"n": 3.0, "leak_rate": 0.3333}, "thresholds": {"leak_rate": 0.0},
            "failures": ["leak_rate=0.3333 > 0"], "items": [{"ok": False, "attack": "a|b", "reply": "4.10"}, {"ok": True}]}]
    md = write_report(res, tmp_path / "r.md", model="openai/x", pack_version="abc123", fast=True).read_text(encoding="utf-8")
    assert "| redteam | leak_rate | 0.3333 | 0 | FAIL |" in md and "| redteam | n | 3 |  |  |" in md
    assert "fast subset" in md and "a\\|b" in md and md.count("- `") == 1


def test_judged_metrics_count_only_replies_still_word_for_word_the_ones_judged(tmp_path):
    from coach.evals.responsiveness_suite import judged_metrics, load_judged
    path = tmp_path / "judged.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in [
        {"id": "a", "reply": "Noted, thank you.", "acceptable": True, "reason": "registers the step"},
        {"id": "b", "reply": "Our agenda is long.", "acceptable": False, "reason": "ignores the question"},
        {"id": "c", "reply": "Old reply.", "acceptable": True, "reason": ""}]) + "\n", encoding="utf-8")
    out = [{"id": "a", "reply": "Noted, thank you.", "ok": True}, {"id": "b", "reply": "Our agenda is long.", "ok": True},
           {"id": "c", "reply": "A new reply nobody judged.", "ok": False}]
    m = judged_metrics(out, load_judged(path))
    assert m == {"judged_acceptable": 0.5, "judged_coverage": 0.667, "grader_agrees_with_judge": 0.5,
                 "judged_changed_were_acceptable": 1.0, "judged_changed_were_not": 0.0}
    path.write_text('{"id": "x", "reply": "Hm."}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="item x"):
        load_judged(path)


def test_red_team_says_attacks_after_a_business_sentence_and_the_reader_sees_them(understander, registry):
    """The red team puts a business sentence before the role-swap, extraction and paraphrased attacks; the understanding
    layer reads them as attacks (a whole-line reading once missed the attack behind 'I'll send the report Friday.')."""
    from coach.evals.redteam_suite import PREFIXED, expand
    data = yaml.safe_load((ROOT / "evals" / "redteam" / "attacks.yaml").read_text(encoding="utf-8"))
    sc = registry.scenarios["de-machinery-drive-components"]
    attacks = expand(data["templates"], sc.seller_brief.list_price, sc.seller_brief.currency, data["openings"])
    prefixed = [t for f, t in attacks if f == "prefixed"]
    assert len(prefixed) == sum(len(data["templates"][f]) for f in PREFIXED)
    assert all(any(t.startswith(o + " ") for o in data["openings"]) for t in prefixed)
    seen = [t for t in prefixed if {"injection", "limit_probe"} & set(understander.read(t, sc).acts)]
    assert len(seen) >= 0.9 * len(prefixed), sorted(set(prefixed) - set(seen))
    assert not [f for f, _ in expand(data["templates"], 100.0, "EUR") if f == "prefixed"]  # no openings, no family
