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
    assert "persona-consistency" in out.read_text(encoding="utf-8")
    from coach.store import Store
    store = Store(f"sqlite:///{tmp_path / 'data' / 'culture-coach.db'}")
    [run] = store.eval_runs("persona-consistency")
    assert run.passed and run.fast and len(run.pack_version) == 12 and run.model == "local/qwen2.5-0.5b"


def test_pack_eval_for_one_market(tmp_path, monkeypatch, model_dir):
    r = _run(tmp_path, monkeypatch, model_dir, "pack", "--market", "DE", "--fast", "--json")
    results = {x["id"]: x for x in json.loads(r.output)}
    assert r.exit_code == 0, r.output[-2000:]
    assert results["advisor"]["metrics"]["n"] >= 3  # only DE descriptions
    assert results["persona-consistency"]["metrics"]["behaviour_checks"] == 2  # the two DE checks


def test_a_failing_threshold_exits_1(tmp_path, monkeypatch, model_dir):
    evals = tmp_path / "evals"
    (evals / "advisor").mkdir(parents=True)
    (evals / "advisor" / "d.jsonl").write_text(json.dumps({
        "id": "x", "text": "Saudi buyer", "expect_market": "KR", "expect_scales": []}) + "\n")
    (evals / "strict.yaml").write_text(yaml.safe_dump({
        "id": "strict", "description": "wrong on purpose", "suite": "advisor", "data": "advisor/d.jsonl",
        "metrics": ["market_accuracy"], "thresholds": {"market_accuracy": 1.0}}))
    r = _run(tmp_path, monkeypatch, model_dir, "strict", "--evals-dir", str(evals))
    assert r.exit_code == 1 and "FAIL" in r.output
