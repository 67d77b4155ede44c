"""Mentor review, privacy on every read path, exports, user data requests, field cases, the monthly report."""
from __future__ import annotations

import csv
import json
import re
from datetime import datetime

import pytest
from typer.testing import CliRunner

from coach import fieldcases, reports
from coach.debrief import DebriefService
from coach.roleplay import RolePlay
from coach.store.review import (
    AccessDenied,
    Viewer,
    add_comment,
    comments,
    delete_user,
    export_rows,
    export_user,
    flag,
    latest_debrief,
    list_field_cases,
    list_sessions,
    transcript,
)

SKILLED = ["Good morning, Mr Park. Thank you for receiving me.", "How was your weekend with the family?",
           "We hope for a long-term partnership with your company.", "How does Team Leader Choi decide on the nomination?",
           "Our price is 6.40 USD per bracket.", "If you pay half the tooling, we can do 6.25.",
           "If you confirm the five-year volume, we can do 6.10.", "Agreed at 6.05?", "Agreed at 6.05?"]
POOR = ["Our price is 6.40 USD per bracket.", "OK, 6.00 then.", "Decide by Friday or the offer expires.",
        "Then I will call your director.", "5.70, final.", "Deal at 5.60?"]


@pytest.fixture
def seeded(registry, store):
    """Two teams; two salespeople in team north, one in team south; a mentor each; debriefed sessions."""
    ana = store.add_user("ana", "salesperson", team="north", region="Milan")
    ben = store.add_user("ben", "salesperson", team="north", region="Munich")
    cho = store.add_user("cho", "salesperson", team="south", region="Seoul")
    mia = store.add_user("mia", "mentor", team="north")
    sol = store.add_user("sol", "mentor", team="south")
    rp = RolePlay(registry, store, realiser="bank")
    ds = DebriefService(registry, store)
    sessions = {}
    for user, lines in ((ana, SKILLED), (ben, POOR), (cho, SKILLED)):
        sid = rp.start("kr-auto-bracket-supply", home="IT", user_id=user.id)
        for line in lines:
            t = rp.turn(sid, line)
            t.text()
            if t.result.ended:
                break
        if store.get_session(sid).status == "active":
            rp.end(sid)
        ds.for_session(sid)
        sessions[user.name] = sid
    users = {u.name: Viewer.of(u) for u in (ana, ben, cho, mia, sol)}
    return users, sessions


def test_salesperson_sees_only_own_sessions(store, seeded):
    users, sessions = seeded
    ana = users["ana"]
    assert [r["session_id"] for r in list_sessions(store, ana)] == [sessions["ana"]]
    with pytest.raises(AccessDenied):
        transcript(store, ana, sessions["ben"])
    with pytest.raises(AccessDenied):
        latest_debrief(store, ana, sessions["ben"])
    with pytest.raises(AccessDenied):
        comments(store, ana, sessions["ben"])
    assert {r["session_id"] for r in export_rows(store, ana, "turns")} == {sessions["ana"]}
    with pytest.raises(AccessDenied):
        add_comment(store, ana, sessions["ana"], "I comment my own?")  # only mentors comment
    with pytest.raises(AccessDenied):
        flag(store, ana, sessions["ana"])


def test_mentor_sees_their_team_only(store, seeded):
    users, sessions = seeded
    mia, sol = users["mia"], users["sol"]
    assert {r["session_id"] for r in list_sessions(store, mia)} == {sessions["ana"], sessions["ben"]}
    assert {r["session_id"] for r in list_sessions(store, sol)} == {sessions["cho"]}
    with pytest.raises(AccessDenied):
        transcript(store, sol, sessions["ana"])
    with pytest.raises(AccessDenied):
        add_comment(store, sol, sessions["ana"], "not my team")


def test_filters_comments_and_flags(store, seeded):
    users, sessions = seeded
    mia = users["mia"]
    assert [r["rep"] for r in list_sessions(store, mia, rep="ben")] == ["ben"]
    low = list_sessions(store, mia, max_score=40)
    high = list_sessions(store, mia, min_score=60)
    assert [r["rep"] for r in low] == ["ben"] and [r["rep"] for r in high] == ["ana"]
    assert list_sessions(store, mia, market="SA") == []
    assert len(list_sessions(store, mia, scenario="kr-auto-bracket-supply", date_from=datetime(2000, 1, 1))) == 2
    add_comment(store, mia, sessions["ben"], "Turn 1: price before any relationship.", turn_n=1)
    add_comment(store, mia, sessions["ben"], "Bring this one to the monthly session.")
    with pytest.raises(ValueError, match="no turn 99"):
        add_comment(store, mia, sessions["ben"], "x", turn_n=99)
    flag(store, mia, sessions["ben"])
    assert [r["rep"] for r in list_sessions(store, mia, flagged=True)] == ["ben"]
    cs = comments(store, mia, sessions["ben"])
    assert [c["turn"] for c in cs] == [1, None] and cs[0]["author"] == "mia"
    # the salesperson may read the comments on their own session
    assert len(comments(store, users["ben"], sessions["ben"])) == 2


def test_exports_csv_and_jsonl(store, seeded, tmp_path):
    users, sessions = seeded
    n = reports.export(store, users["mia"], "sessions", tmp_path / "s.csv")
    rows = list(csv.DictReader(open(tmp_path / "s.csv", encoding="utf-8")))
    assert n == len(rows) == 2
    n = reports.export(store, users["mia"], "turns", tmp_path / "t.jsonl")
    lines = [json.loads(x) for x in (tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines()]
    assert n == len(lines) and {x["session_id"] for x in lines} == {sessions["ana"], sessions["ben"]}
    n = reports.export(store, users["mia"], "debriefs", tmp_path / "d.jsonl")
    assert n == 2


def test_user_export_and_delete(store, seeded):
    users, sessions = seeded
    data = export_user(store, "ben")
    assert data["user"]["name"] == "ben" and [s["session_id"] for s in data["sessions"]] == [sessions["ben"]]
    assert data["turns"] and data["debriefs"]
    counts = delete_user(store, "ben")
    assert counts["sessions"] == 1 and counts["turns"] > 0
    assert store.get_user("ben") is None and store.get_session(sessions["ben"]) is None
    assert store.turns(sessions["ben"]) == []
    assert {r["rep"] for r in list_sessions(store, users["mia"])} == {"ana"}


def test_field_case_flow_teaches_the_advisor(store, seeded, registry, tmp_path, embeddings):
    from coach.advisor import Advisor
    from coach.knowledge import CaseIndex
    from coach.packs import load_packs
    from tests.conftest import ROOT
    users, _ = seeded
    fid = fieldcases.submit(store, users["cho"], "KR", situation="Quarterly review with a Tier-1 buyer in Changwon",
                            what_happened="I brought a cake for the team's monthly birthday celebration and the buyer opened up",
                            what_worked="Join the team's small rituals; the buyer later shared the real cost target informally",
                            region="Seoul")
    assert list_field_cases(store, users["cho"])[0]["status"] == "draft"
    assert list_field_cases(store, users["ana"]) == []  # not theirs, not a reviewer
    with pytest.raises(AccessDenied):
        fieldcases.approve(store, users["ana"], fid, tmp_path, title="x", scale="trusting", topics=[])
    case = fieldcases.approve(store, users["sol"], fid, tmp_path, title="Joining the team's small rituals",
                              scale="trusting", topics=["hospitality"], kind="good_move", known_markets=set(registry.markets))
    assert case.region == "Seoul" and case.status == "approved"
    merged = load_packs([ROOT, fieldcases.field_root(tmp_path)])
    assert merged.ok, merged.errors
    assert case.id in merged.cases
    idx = CaseIndex(embeddings, path=tmp_path / "chroma")
    idx.sync(merged.cases.values())
    hits = idx.search("bring a cake to the team's birthday celebration", k=1, market="KR")
    assert hits[0].case_id == case.id  # indexed and found for everyone
    assert "Seoul" in merged.cases[case.id].provenance.source


def test_monthly_report_html_and_md(store, seeded, tmp_path):
    users, sessions = seeded
    add_comment(store, users["mia"], sessions["ben"], "Price before relationship at turn 1", turn_n=1)
    flag(store, users["mia"], sessions["ben"])
    month = datetime.now().strftime("%Y-%m")
    data = reports.gather(store, users["mia"], month)
    assert len(data["sessions"]) == 2 and data["flagged"] and data["mistakes"]
    out = reports.render(data, tmp_path / "pack.html")
    html = out.read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 2  # trend and per-dimension plots embedded
    assert "Price before relationship at turn 1" in html and "ben" in html
    assert not re.search(r"\bcho\b", html)  # team south is not in mentor mia's pack
    md = reports.render(data, tmp_path / "pack.md")
    assert (tmp_path / "pack-trend.png").stat().st_size > 1000
    assert "## Most common mistakes" in md.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="month must look like"):
        reports.gather(store, users["mia"], "November")


def test_cli_users_report_and_privacy(tmp_path, monkeypatch, model_dir):
    from coach.cli import app
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_MODEL_DIR", str(model_dir))
    r = CliRunner()
    assert r.invoke(app, ["users", "add", "eva", "--role", "salesperson", "--team", "west", "--password", "correct horse"]).exit_code == 0
    assert r.invoke(app, ["users", "add", "max", "--role", "mentor", "--team", "west", "--password", "battery staple"]).exit_code == 0
    bad = r.invoke(app, ["users", "add", "zed", "--role", "admin", "--password", "whatever1"])
    assert bad.exit_code == 2 and "role must be one of" in bad.output
    short = r.invoke(app, ["users", "add", "zoe", "--password", "short"])
    assert short.exit_code == 2 and "at least 8" in short.output
    out = r.invoke(app, ["users", "list", "--json"])
    assert {u["name"] for u in json.loads(out.output)} == {"eva", "max"}
    rep = r.invoke(app, ["report", "--month", datetime.now().strftime("%Y-%m"), "--out", str(tmp_path / "r.html"), "--as", "max"])
    assert rep.exit_code == 0, rep.output and (tmp_path / "r.html").exists()
    exp = r.invoke(app, ["users", "export", "eva"])
    assert json.loads(exp.output)["user"]["team"] == "west"
    assert r.invoke(app, ["users", "delete", "eva", "--yes"]).exit_code == 0
    assert r.invoke(app, ["users", "export", "eva"]).exit_code == 2
