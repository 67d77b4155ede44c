"""Debriefs: deterministic scores with evidence, skilled play far above poor play, single mistakes land on
their dimension, the bounded judge and its repair path, imported transcripts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from coach.debrief import DIMENSIONS, DebriefError, DebriefService
from coach.llm import Completion
from coach.roleplay import RolePlay

PAIRS = yaml.safe_load((Path(__file__).resolve().parent.parent / "evals" / "debrief" / "pairs.yaml").read_text(encoding="utf-8"))


def run_session(rp: RolePlay, scenario: str, lines: list[str], home: str = "US", seed: str | None = None) -> str:
    return rp.play_script(scenario, lines, home=home, seed=seed)  # a seed: the same buyer lines on every run


@pytest.fixture
def env(registry, store, understander):
    return (RolePlay(registry, store, realiser="bank", understander=understander),
            DebriefService(registry, store, understander=understander))


@pytest.mark.parametrize("pair", PAIRS["pairs"], ids=[p["id"] for p in PAIRS["pairs"]])
def test_skilled_beats_poor_by_a_wide_margin(env, pair):
    rp, ds = env
    good = ds.for_session(run_session(rp, pair["scenario"], pair["skilled"], pair["home"], f"{pair['id']}-skilled"))
    bad = ds.for_session(run_session(rp, pair["scenario"], pair["poor"], pair["home"], f"{pair['id']}-poor"))
    assert good.overall - bad.overall >= 20, (good.overall, bad.overall, pair["id"])
    assert len(bad.mistakes) > len(good.mistakes)


@pytest.mark.parametrize("case", PAIRS["single_mistake"], ids=[c["id"] for c in PAIRS["single_mistake"]])
def test_a_single_mistake_costs_most_on_its_dimension(env, case):
    rp, ds = env
    d = ds.for_session(run_session(rp, case["scenario"], case["lines"], case.get("home", "US")))
    dim = case["dimension"]
    hurt = {name: sum(e.effect for e in getattr(d.dimensions, name).evidence if e.effect < 0)
            for name in DIMENSIONS if name != "outcome"}
    assert hurt[dim] < 0, (case["id"], hurt)
    assert hurt[dim] == min(hurt.values()), (case["id"], hurt)


def test_scores_are_deterministic_and_evidence_points_at_real_turns(env, store):
    rp, ds = env
    pair = PAIRS["pairs"][0]
    sid = run_session(rp, pair["scenario"], pair["poor"], pair["home"])
    a, b = ds.for_session(sid), ds.for_session(sid)
    assert a.model_dump() == b.model_dump()
    turns = {t.n: t.text for t in store.turns(sid)}
    for name in DIMENSIONS:
        ds_ = getattr(a.dimensions, name)
        assert 0 <= ds_.score <= 100 and ds_.evidence
        for e in ds_.evidence:
            assert e.turn in turns
            assert e.quote.rstrip("…")[:40] in " ".join(turns[e.turn].split())
    for m in a.mistakes:
        assert m.turn in turns
        assert m.case_id is None or m.case_id.startswith(pair["scenario"][:2])
    assert store.latest_debrief(sid).overall == a.overall
    w = a.weights
    # the weighted dimensions less the shortfall below the starting scores (coach.debrief.shortfall), within 0..100
    assert a.overall == max(0, round(sum(w[d] * getattr(a.dimensions, d).score for d in DIMENSIONS)) - a.shortfall)
    assert a.shortfall > 0 and a.shortfall_note  # a poor seller's rehearsal ends some dimension below its start


def test_kpis(env, registry):
    rp, ds = env
    sid = run_session(rp, "kr-auto-bracket-supply", [
        "Good morning.", "How is the family?", "We value our partnership.",
        "Our price is 6.40 USD per bracket.", "If you pay half the tooling, we can do 6.25.", "OK, 6.00.", "Agreed at 6.00?",
        "Agreed at 6.00?"])
    k = ds.for_session(sid).kpis
    assert k.first_offer == 6.40 and k.anchor_vs_list == 1.0 and k.first_price_turn == 7
    assert [c.traded for c in k.concessions] == [True, False]
    assert k.concessions_count == 2 and k.concessions_untraded == 1
    assert 0 < k.talk_ratio < 1 and 0 <= k.question_rate <= 1
    assert k.home_baseline_minutes == registry.scenarios["kr-auto-bracket-supply"].home_baseline_minutes


class _Judge:
    """A queued fake judge: returns the given texts in order."""

    def __init__(self, *texts: str):
        self.texts = list(texts)
        self.calls = 0

    def model_for(self, purpose: str) -> str:
        return "fake/judge"

    def complete(self, messages, **kw):
        self.calls += 1
        return Completion(text=self.texts.pop(0), requested_model="fake/judge", resolved_model="fake/judge")


def test_judge_adjusts_within_bounds_after_one_repair(registry, store, env):
    rp, _ = env
    sid = run_session(rp, "de-machinery-drive-components", PAIRS["pairs"][0]["poor"] if PAIRS["pairs"][0]["scenario"].startswith("de")
                      else ["Guten Tag.", "Our price is 1,600 EUR per unit."])
    base = DebriefService(registry, store).for_session(sid, save=False)
    judge = _Judge("Sure! Here is my view: the seller rushed.",  # malformed: no JSON
                   '{"narrative": "Turn 3 rushed the price.", "adjustments": {"pacing": -5, "relationship": 4}}')
    d = DebriefService(registry, store, gateway=judge).for_session(sid, judge=True, save=False)
    assert judge.calls == 2 and d.judge.ok and d.judge.narrative.startswith("Turn 3")
    assert d.dimensions.pacing.score == max(0, base.dimensions.pacing.score - 5)
    assert d.overall_deterministic == base.overall


def test_judge_failure_leaves_the_deterministic_debrief(registry, store, env):
    rp, _ = env
    sid = run_session(rp, "nl-warehouse-automation-service", ["Hello Sanne.", "Our fee is 420,000 EUR per year."])
    base = DebriefService(registry, store).for_session(sid, save=False)
    judge = _Judge("not json", '{"narrative": "x", "adjustments": {"pacing": 50}}')  # out of bounds, then gives up
    d = DebriefService(registry, store, gateway=judge).for_session(sid, judge=True, save=False)
    assert judge.calls == 2 and d.judge.ok is False and "attempt 2" in d.judge.error
    assert d.overall == base.overall and d.dimensions.model_dump() == base.dimensions.model_dump()


def test_judge_variance_over_k_runs(registry, store, env):
    rp, _ = env
    sid = run_session(rp, "us-enterprise-saas-renewal", ["Hi Rachel.", "Our price is 180 USD per seat."])
    judge = _Judge(*[json.dumps({"narrative": "n", "adjustments": {"value": v}}) for v in (-4, 0, 4)])
    d = DebriefService(registry, store, gateway=judge).for_session(sid, judge=True, k=3, save=False)
    assert d.judge.runs == 3 and d.judge.adjustments["value"] == 0 and d.judge.variance["value"] == pytest.approx(32 / 3, rel=1e-3)
    from coach.web import render_debrief
    shown = render_debrief(d.model_dump(mode="json"))  # what the trainee sees in the app
    assert "Judge fake/judge, 3 run(s)" in shown and "variance over runs: " in shown and "value 10.67" in shown


def test_imported_transcript_and_cli(tmp_path, monkeypatch, model_dir, registry):
    from coach.cli import app
    data = {"scenario": "sa-utility-smart-meter-supply", "home": "DE", "turns": [
        {"role": "trainee", "text": "Our price is 320 SAR per meter and we need a decision by Friday."},
        {"role": "persona", "text": "Inshallah, we will study it with the committee."},
        {"role": "trainee", "text": "Great, so we have a deal then!"},
    ]}
    ds = DebriefService(registry)
    d = ds.for_transcript(data)
    titles = {m.title for m in d.mistakes}
    assert "Hard deadline on the buyer" in titles and "Reading a postponement as a yes" in titles
    with pytest.raises(DebriefError, match="turns\\[0\\]"):
        ds.for_transcript({"scenario": "sa-utility-smart-meter-supply", "turns": [{"role": "boss", "text": "x"}]})
    f = tmp_path / "t.json"
    f.write_text(json.dumps(data, ensure_ascii=False))
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_MODEL_DIR", str(model_dir))
    r = CliRunner().invoke(app, ["debrief", "--transcript", str(f), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert {"overall", "dimensions", "mistakes", "kpis"} <= set(out)
    assert all({"score", "evidence"} <= set(v) for v in out["dimensions"].values())
    assert all({"title", "scale", "turn", "case_id"} <= set(m) for m in out["mistakes"])
    assert any(m["case_id"] and m["case_id"].startswith("sa-") for m in out["mistakes"])
    r = CliRunner().invoke(app, ["debrief", "no-such-session"])
    assert r.exit_code == 2 and "no session" in r.output


def test_weights_come_from_the_market_and_show_as_evidence(registry, understander):
    """The same personal talk after the buyer asked for the agenda costs with a German buyer, not a Brazilian one."""
    ds = DebriefService(registry, understander=understander)
    de, br = registry.markets["DE"].debrief_weights, registry.markets["BR"].debrief_weights
    assert de.personal_talk_after_agenda < 0 <= br.personal_talk_after_agenda + 2
    assert de.own_commitment > 0 and br.own_commitment > 0
    turns = [{"role": "trainee", "text": "Good morning, Dr. Brenner, thank you for the meeting."},
             {"role": "persona", "text": "Good morning. Shall we start with point one of the agenda, the delivery times?"},
             {"role": "trainee", "text": "Of course, but first, how was your weekend? I went hiking with my kids, the weather was lovely."},
             {"role": "persona", "text": "Fine, thank you. The delivery times, please."},
             {"role": "trainee", "text": "Six weeks from call-off. I will send the written summary by Thursday."}]
    d = ds.for_transcript({"scenario": "de-machinery-drive-components", "home": "IT", "turns": turns})
    notes = [e.note for e in d.dimensions.relationship.evidence]
    assert any(n.startswith(f"−{abs(de.personal_talk_after_agenda)}: personal talk after Dr. Stefan Brenner") for n in notes), notes
    notes = [e.note for e in d.dimensions.pacing.evidence]
    assert any("dated next step" in n and n.startswith("+") for n in notes), notes


def test_gives_on_other_terms_count_for_value_and_a_deadline_is_no_trade(registry, understander):
    """Payment days given away cost value, the same days linked to a volume earn it; '2,100 if we sign this month' is
    an exploding offer, not a trade."""
    ds = DebriefService(registry, understander=understander)
    opening = [{"role": "trainee", "text": "Good morning, Marcos. Our price is 2,400 dollars per kit, FCA, payment 30 days."},
               {"role": "persona", "text": "Hmm. Payment is a problem for us. Our farmers pay after the harvest."}]

    def value(line: str) -> list[str]:
        d = ds.for_transcript({"scenario": "br-distributor-exclusivity", "home": "DE",
                               "turns": opening + [{"role": "trainee", "text": line}]})
        return [e.note for e in d.dimensions.value.evidence if e.turn == 3]

    given = value("Fine, no problem, we can give you 120 days payment, whatever you need.")
    linked = value("We can move to 90 days payment if you commit to 400 kits in the first year.")
    assert any("without asking anything back" in n and n.startswith("−") for n in given), given
    assert any("to something in return" in n and n.startswith("+") for n in linked), linked
    rushed = value("OK, I can offer 2,100 dollars per kit if we sign this month.")
    assert any("without asking anything back" in n for n in rushed), rushed
    volume = value("I can go to 2,100 dollars per kit if you order 500 kits this quarter.")
    assert any("in exchange for something" in n for n in volume), volume
    together = value("For a launch partner I can offer 2,300 in year one, if we do the launch together on your stand.")
    assert any("in exchange for something" in n for n in together), together


def test_a_blunt_contradiction_or_a_dated_ask_after_a_soft_no_is_no_patience(registry, understander):
    """After an indirect refusal, 'I don't think that's correct' and 'Can I expect your answer by Friday?' are not
    the patient answer the buyer's signal asks for; a question about his concern is."""
    ds = DebriefService(registry, understander=understander)
    opening = [{"role": "trainee", "text": "Good morning, Marcos. For exclusivity we would need 400 kits a year."},
               {"role": "persona", "text": "Hmm, 400 kits... that will be difficult. Let us think about it.", "act": "indirect_refusal"}]

    def reading(line: str) -> list[str]:
        d = ds.for_transcript({"scenario": "br-distributor-exclusivity", "home": "DE",
                               "turns": opening + [{"role": "trainee", "text": line}]})
        return [e.note for e in d.dimensions.cultural_reading.evidence if e.turn == 3]

    assert not any("patience" in n for n in reading("I don't think that's correct. Our analysis shows 4,000 sprayers."))
    pushed = reading("Of course. Can I expect your answer by Friday?")
    assert any("pushed after" in n for n in pushed), pushed
    patient = reading("I understand. What would make a smaller first year easier for you?")
    assert any("patience" in n for n in patient), patient
    # a fresh hand's transcripts: 'aligned' and 'agreement in principle' after 'let us think' read the soft no as a
    # yes; a price dropped straight after it is caving, not patience
    for line in ("Great! Then I think we're aligned. I'll tell headquarters we have an agreement in principle.",
                 "Wonderful, I'm glad we're aligned. I'll let my team know we're moving forward."):
        notes = reading(line)
        assert any("as a yes" in n for n in notes), (line, notes)
    assert not any("patience" in n for n in reading("I understand. Let's say 1,950 per kit then; that is really our limit."))


def test_matched_cases_are_about_the_mistake_and_next_steps_are_unique(registry, understander, embeddings, tmp_path):
    from coach.knowledge import CaseIndex
    index = CaseIndex(embeddings, path=tmp_path / "chroma")
    index.sync(list(registry.cases.values()))
    ds = DebriefService(registry, index=index, understander=understander)
    turns = [{"role": "trainee", "text": "Our price is 6.40 USD per bracket, and we need your decision by Friday."},
             {"role": "persona", "text": "..."},
             {"role": "trainee", "text": "OK, 5.80 USD per bracket then."}]
    d = ds.for_transcript({"scenario": "kr-auto-bracket-supply", "home": "US", "turns": turns})
    assert len(d.next_steps) == len(set(d.next_steps))
    for m in d.mistakes:
        if m.case_id:
            case = registry.cases[m.case_id]
            assert case.kind == "mistake" and "chuseok" not in case.id or "deadline" in m.title.lower(), (m.title, m.case_id)
