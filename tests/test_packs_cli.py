"""`coach packs ...` and `coach scenarios show`: exit codes, machine-readable output, scaffolding."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from coach.cli import app
from coach.packs import Case, PackFileError, load_packs
from coach.packs.loader import PLACEHOLDER, validate_text
from coach.packs.tools import SCHEMA_FILES, market_from_id, scaffold
from coach.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
ERROR_LINE = re.compile(r"^(?P<path>.+?\.ya?ml):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<rest>.+)$")
DE_MARKET = ROOT / "personas" / "markets" / "DE.yaml"
DE_PERSONA = ROOT / "personas" / "de-mittelstand-head-of-purchasing.yaml"
DE_CASE = ROOT / "playbooks" / "DE" / "de-late-to-first-meeting.yaml"
SCENARIO = "de-machinery-drive-components"


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Invoke the CLI with COACH_PACKS (default: the repository) and a private COACH_DATA_DIR."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_PACKS", str(ROOT))
    monkeypatch.delenv("COACH_CONFIG", raising=False)
    get_settings.cache_clear()

    def invoke(*args: str, packs: Path | None = None):
        if packs is not None:
            monkeypatch.setenv("COACH_PACKS", str(packs))
        get_settings.cache_clear()
        return CliRunner().invoke(app, [str(a) for a in args])

    yield invoke
    get_settings.cache_clear()


def keys_of(obj: Any) -> set[str]:
    out: set[str] = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.add(k)
            out |= keys_of(v)
    elif isinstance(obj, list):
        for v in obj:
            out |= keys_of(v)
    return out


def numbers_of(obj: Any) -> list[float]:
    if isinstance(obj, dict):
        return [n for v in obj.values() for n in numbers_of(v)]
    if isinstance(obj, list):
        return [n for v in obj for n in numbers_of(v)]
    if isinstance(obj, (int, float)) and not isinstance(obj, bool):
        return [float(obj)]
    return []


def broken_root(tmp_path: Path) -> Path:
    """A pack root with a valid DE market and case plus three broken files."""
    root = tmp_path / "a-pack-root-with-a-long-enough-name-to-wrap-a-terminal" / "packs"
    (root / "personas" / "markets").mkdir(parents=True)
    (root / "playbooks" / "DE").mkdir(parents=True)
    (root / "scenarios").mkdir()
    shutil.copy(DE_MARKET, root / "personas" / "markets" / "DE.yaml")
    shutil.copy(DE_CASE, root / "playbooks" / "DE" / DE_CASE.name)
    text = DE_CASE.read_text(encoding="utf-8")
    (root / "playbooks" / "DE" / "de-unknown-key.yaml").write_text(
        text.replace("id: de-late-to-first-meeting\n", "id: de-unknown-key\nbogus_key: 1\n"), encoding="utf-8")
    (root / "playbooks" / "DE" / "de-dup-key.yaml").write_text(
        text.replace("id: de-late-to-first-meeting\n", "id: de-dup-key\nid: de-dup-key\n"), encoding="utf-8")
    sc = (ROOT / "scenarios" / f"{SCENARIO}.yaml").read_text(encoding="utf-8")
    (root / "scenarios" / "de-orphan.yaml").write_text(
        sc.replace(f"id: {SCENARIO}\n", "id: de-orphan\n"), encoding="utf-8")  # its persona is not in this root
    return root


# ---------------------------------------------------------------- packs validate

def test_validate_shipped_packs(run):
    r = run("packs", "validate")
    assert r.exit_code == 0, r.output
    assert "errors=0" in r.stdout and "markets=10" in r.stdout
    assert r.stderr == ""


def test_validate_shipped_packs_json(run):
    r = run("packs", "validate", ROOT, "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["ok"] is True and data["errors"] == []
    assert data["counts"]["markets"] == 10 and data["counts"]["cases"] >= 120


def test_validate_broken_root_exits_1_with_positioned_lines(run, tmp_path):
    root = broken_root(tmp_path)
    expected = [str(e) for e in load_packs([root]).errors]
    assert len(expected) == 3
    r = run("packs", "validate", root)
    assert r.exit_code == 1
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    for want in expected:
        assert want in lines, f"error line missing or wrapped:\n{want}\nstderr was:\n{r.stderr}"
    assert all(ERROR_LINE.match(line) for line in lines), r.stderr
    assert "FAILED" in r.stdout and "errors=3" in r.stdout


def test_validate_broken_root_json(run, tmp_path):
    root = broken_root(tmp_path)
    r = run("packs", "validate", root, "--json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert data["ok"] is False and len(data["errors"]) == 3
    by_field = {e["field"]: e for e in data["errors"]}
    assert by_field["bogus_key"]["line"] == 3 and by_field["bogus_key"]["col"] == 1
    assert by_field["bogus_key"]["path"].endswith("de-unknown-key.yaml")
    assert by_field["persona"]["path"].endswith("de-orphan.yaml")
    assert any("duplicate key 'id'" in e["message"] and e["line"] == 3 for e in data["errors"])
    for e in data["errors"]:
        assert set(e) == {"path", "line", "col", "field", "message"}


def test_validate_single_valid_file(run):
    for f in (DE_MARKET, DE_PERSONA, DE_CASE, ROOT / "scenarios" / f"{SCENARIO}.yaml",
              ROOT / "personas" / "home" / "IT.yaml"):
        r = run("packs", "validate", f)
        assert r.exit_code == 0, (f, r.output)
        assert "errors=0" in r.stdout


def test_validate_single_broken_file(run, tmp_path):
    root = broken_root(tmp_path)
    f = root / "playbooks" / "DE" / "de-unknown-key.yaml"
    r = run("packs", "validate", f)
    assert r.exit_code == 1
    assert f"{f}:3:1: bogus_key: unknown field (not in the schema; check the spelling)" in r.stderr.splitlines(), r.stderr


def test_validate_file_outside_a_pack_layout(run, tmp_path):
    f = tmp_path / "loose.yaml"
    shutil.copy(DE_CASE, f)
    r = run("packs", "validate", f)
    assert r.exit_code == 1
    assert "pack kind" in " ".join(r.stderr.split())


def test_validate_missing_path(run, tmp_path):
    r = run("packs", "validate", tmp_path / "nope")
    assert r.exit_code == 1
    assert "no such file" in r.stderr


# ---------------------------------------------------------------- packs list

def test_list_json(run):
    r = run("packs", "list", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert {"markets", "personas", "cases", "scenarios"} <= set(data)
    assert {m["code"] for m in data["markets"]} == {"KR", "SA", "DE", "JP", "CN", "BR", "AE", "IN", "US", "NL"}
    for m in data["markets"]:
        assert m["market"] == m["code"]
    for section in ("personas", "cases", "scenarios"):
        assert data[section], section
        for item in data[section]:
            assert item["id"] and re.fullmatch(r"[A-Z]{2}", item["market"]), (section, item)
    assert len(data["cases"]) >= 120
    assert not keys_of(data) & {"private", "reservation_price", "hidden_interests"}


def test_list_table(run):
    r = run("packs", "list")
    assert r.exit_code == 0, r.output
    assert "cases:" in r.stdout


# ---------------------------------------------------------------- packs new

@pytest.fixture
def new_root(tmp_path) -> Path:
    root = tmp_path / "new-packs"
    (root / "personas" / "markets").mkdir(parents=True)
    shutil.copy(DE_MARKET, root / "personas" / "markets" / "DE.yaml")
    return root


def fill_placeholders(path: Path) -> None:
    """Replace every placeholder as a trainer would, with real text (no digits: phrase-bank lines take slots)."""
    def fill(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, str) and PLACEHOLDER.search(value):
            return "Written by the trainer from field experience."
        return value

    text = path.read_text(encoding="utf-8")
    schema_comment = text.splitlines()[0]
    body = yaml.safe_dump(fill(yaml.safe_load(text)), allow_unicode=True, sort_keys=False, width=100)
    path.write_text(schema_comment + "\n" + body, encoding="utf-8")


def add_market(root: Path, code: str) -> None:
    """A market profile for `code` (the DE profile under another code: enough for cross-file checks)."""
    text = DE_MARKET.read_text(encoding="utf-8").replace("\ncode: DE\n", f"\ncode: {code}\n")
    (root / "personas" / "markets" / f"{code}.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("kind,name,where", [
    ("persona", "de-new-buyer", "personas/de-new-buyer.yaml"),
    ("case", "de-new-field-case", "playbooks/DE/de-new-field-case.yaml"),
])
def test_new_writes_a_file_that_validates_once_filled(run, new_root, kind, name, where):
    r = run("packs", "new", kind, name, "--market", "DE", "--root", new_root, packs=new_root)
    assert r.exit_code == 0, r.output
    path = new_root / where
    assert path.is_file()
    first = path.read_text(encoding="utf-8").splitlines()[0]
    depth = len(Path(where).parts) - 1
    assert first == f"# yaml-language-server: $schema={'../' * depth}schemas/{SCHEMA_FILES[kind]}"
    v = run("packs", "validate", new_root, packs=new_root)
    assert v.exit_code == 1 and "still a placeholder" in v.stderr, v.output
    fill_placeholders(path)
    v = run("packs", "validate", new_root, packs=new_root)
    assert v.exit_code == 0, v.output
    reg = load_packs([new_root])
    assert name in (reg.personas if kind == "persona" else reg.cases)


def test_new_scenario_validates_once_filled(run, new_root):
    shutil.copy(DE_PERSONA, new_root / "personas" / DE_PERSONA.name)
    r = run("packs", "new", "scenario", "de-new-scenario", packs=new_root)
    assert r.exit_code == 0, r.output
    path = new_root / "scenarios" / "de-new-scenario.yaml"
    assert path.is_file()
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schemas/scenario.schema.json\n")
    assert run("packs", "validate", packs=new_root).exit_code == 1
    fill_placeholders(path)
    v = run("packs", "validate", packs=new_root)
    assert v.exit_code == 0, v.output
    reg = load_packs([new_root])
    assert reg.scenarios["de-new-scenario"].persona == DE_PERSONA.stem
    assert reg.scenarios["de-new-scenario"].market == "DE"


def test_new_persona_takes_the_market_from_the_id(run, new_root):
    """`fr-retail-buyer` is a French buyer, not a German one; the missing FR profile is named in the output."""
    r = run("packs", "new", "persona", "fr-retail-buyer", "--root", new_root, packs=new_root)
    assert r.exit_code == 0, r.output
    path = new_root / "personas" / "fr-retail-buyer.yaml"
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["market"] == "FR"
    assert "no market profile for FR" in r.stdout
    assert str(new_root / "personas" / "markets" / "FR.yaml") in r.stdout
    c = run("packs", "new", "case", "fr-first-meeting-too-fast", "--root", new_root, packs=new_root)
    assert c.exit_code == 0, c.output
    case = new_root / "playbooks" / "FR" / "fr-first-meeting-too-fast.yaml"
    assert yaml.safe_load(case.read_text(encoding="utf-8"))["markets"] == ["FR"]


def test_new_with_a_known_market_has_no_profile_note(run, new_root):
    r = run("packs", "new", "persona", "de-buyer-two", "--root", new_root, packs=new_root)
    assert r.exit_code == 0, r.output
    assert "note:" not in r.stdout


def test_new_market_that_is_a_home_culture_says_so(run, new_root):
    """FR is a seller home culture in the shipped packs: its market profile would replace the home file."""
    r = run("packs", "new", "persona", "fr-retail-buyer", "--root", new_root)  # packs: the repository
    assert r.exit_code == 0, r.output
    flat = " ".join(r.stdout.split())
    assert "no market profile for FR" in flat and "home culture" in flat
    assert not (ROOT / "personas" / "fr-retail-buyer.yaml").exists()


def test_new_explicit_market_wins_over_the_prefix(run, new_root):
    r = run("packs", "new", "persona", "fr-border-buyer", "--market", "de", "--root", new_root, packs=new_root)
    assert r.exit_code == 0, r.output
    assert yaml.safe_load((new_root / "personas" / "fr-border-buyer.yaml").read_text(encoding="utf-8"))["market"] == "DE"
    assert "starts with 'fr-' but --market is DE" in " ".join(r.stdout.split())


def test_new_without_a_market_asks_for_one(run, new_root, tmp_path):
    before = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    r = run("packs", "new", "case", "first-meeting-late", "--root", new_root, packs=new_root)
    assert r.exit_code == 2
    flat = " ".join(r.stderr.split())
    assert "cannot tell the market" in flat and "--market" in flat
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == before
    r = run("packs", "new", "case", "first-meeting-late", "--market", "DE", "--root", new_root, packs=new_root)
    assert r.exit_code == 0, r.output
    assert (new_root / "playbooks" / "DE" / "first-meeting-late.yaml").is_file()


@pytest.mark.parametrize("name,market", [
    ("fr-retail-buyer", "FR"), ("FR-retail-buyer", "FR"), ("us-hq-sales-director", "US"), ("no-fjord-buyer", "NO"),
    ("hq-explain-market-uncertainty", None), ("fra-buyer", None), ("f-buyer", None), ("buyer", None),
])
def test_market_from_id(name, market):
    assert market_from_id(name) == market


def test_untouched_scaffold_fails_naming_file_and_field(run, new_root):
    r = run("packs", "new", "persona", "fr-retail-buyer", "--root", new_root, packs=new_root)
    assert r.exit_code == 0, r.output
    path = new_root / "personas" / "fr-retail-buyer.yaml"
    v = run("packs", "validate", path, packs=new_root)
    assert v.exit_code == 1 and "FAILED" in v.stdout
    lines = [line for line in v.stderr.splitlines() if line.strip()]
    assert all(ERROR_LINE.match(line) for line in lines), v.stderr
    personality = [line for line in lines if ": personality: still a placeholder ('TODO: personality')" in line]
    assert len(personality) == 1 and personality[0].startswith(f"{path}:"), v.stderr
    assert any(": phrases.greet[0]: still a placeholder" in line for line in lines), v.stderr
    data = json.loads(run("packs", "validate", path, "--json", packs=new_root).stdout)
    fields = {e["field"] for e in data["errors"]}
    assert {"name", "personality", "decision.style", "rationale"} <= fields
    assert all("placeholder" in e["message"] for e in data["errors"])


def test_placeholders_fail_the_shared_validation(new_root):
    """The app's Packs workspace validates an edited file with `validate_text`: placeholders block it there too."""
    path = scaffold("case", "de-web-draft", None, new_root)
    with pytest.raises(PackFileError) as exc:
        validate_text(path.read_text(encoding="utf-8"), Case, path.name)
    fields = {e.field for e in exc.value.errors}
    assert {"title", "situation", "provenance.source"} <= fields
    assert all(e.path == "de-web-draft.yaml" for e in exc.value.errors)
    fill_placeholders(path)
    assert validate_text(path.read_text(encoding="utf-8"), Case, path.name).id == "de-web-draft"


def test_placeholders_and_schema_errors_are_reported_together(new_root):
    text = DE_CASE.read_text(encoding="utf-8").replace("id: de-late-to-first-meeting\n", "id: de-x\nbogus_key: 1\n")
    text = text.replace("\ntitle: ", "\ntitle: TODO ", 1)
    with pytest.raises(PackFileError) as exc:
        validate_text(text, Case, "de-x.yaml")
    assert {e.field for e in exc.value.errors} == {"bogus_key", "title"}


def test_filled_scaffold_validates_alone_and_with_its_market(run, new_root):
    assert run("packs", "new", "persona", "fr-retail-buyer", "--root", new_root, packs=new_root).exit_code == 0
    path = new_root / "personas" / "fr-retail-buyer.yaml"
    fill_placeholders(path)
    v = run("packs", "validate", path, packs=new_root)
    assert v.exit_code == 0 and "errors=0" in v.stdout, v.output
    v = run("packs", "validate", new_root, packs=new_root)
    assert v.exit_code == 1 and "no market profile for 'FR'" in v.stderr  # the note said so
    add_market(new_root, "FR")
    v = run("packs", "validate", new_root, packs=new_root)
    assert v.exit_code == 0, v.output
    assert load_packs([new_root]).personas["fr-retail-buyer"].market == "FR"


@pytest.mark.parametrize("text", [
    "TODO: personality", "TODO", "  TODO fill this in", "see TODO: later", "FIXME: wording", "TBD",
    "<fill in>", "<Fill in the buyer's name>", "Lorem ipsum dolor sit amet",
])
def test_placeholder_texts(text):
    assert PLACEHOLDER.search(text)


@pytest.mark.parametrize("text", [
    "Todo bien, gracias", "todo el equipo", "The TODO list is long", "a <b> tag", "Mr Lorem", "to be decided",
])
def test_texts_that_are_not_placeholders(text):
    assert not PLACEHOLDER.search(text)


def test_new_persona_has_no_yaml_anchors(run, new_root):
    """The scaffold is for trainers to edit by hand: repeated entries must be separate, not `&id001`/`*id001`."""
    r = run("packs", "new", "persona", "de-anchor-check", "--root", new_root, packs=new_root)
    assert r.exit_code == 0, r.output
    text = (new_root / "personas" / "de-anchor-check.yaml").read_text(encoding="utf-8")
    assert not re.search(r"[&*]id\d+", text), "the scaffold shares entries through YAML anchors"


@pytest.mark.parametrize("name", ["../evil", "../../evil", "/etc/passwd", "sub/evil", "..", "Evil", "e", "[/x]"])
def test_new_refuses_unsafe_names(run, new_root, tmp_path, name):
    before = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    r = run("packs", "new", "case", name, "--root", new_root, packs=new_root)
    assert r.exit_code == 2
    flat = " ".join(r.stderr.split())
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert "name" in flat and "no paths" in flat
    after = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert after == before
    assert not Path("/etc/passwd.yaml").exists()


def test_new_refuses_unsafe_market(run, new_root, tmp_path):
    before = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    r = run("packs", "new", "case", "de-ok-name", "--market", "../x", "--root", new_root, packs=new_root)
    assert r.exit_code == 2
    assert "market" in r.stderr
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == before


def test_new_refuses_to_overwrite(run, new_root):
    assert run("packs", "new", "case", "de-once", "--root", new_root, packs=new_root).exit_code == 0
    path = new_root / "playbooks" / "DE" / "de-once.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited by a trainer\n", encoding="utf-8")
    r = run("packs", "new", "case", "de-once", "--root", new_root, packs=new_root)
    assert r.exit_code == 2
    assert "already exists" in " ".join(r.stderr.split())
    assert path.read_text(encoding="utf-8").endswith("# edited by a trainer\n")


def test_new_unknown_kind(run, new_root):
    r = run("packs", "new", "market", "de-x", "--root", new_root, packs=new_root)
    assert r.exit_code == 2
    assert "kind" in r.stderr


# ---------------------------------------------------------------- packs schema

def test_schema_writes_the_pack_funnel_and_mapping_schemas(run, tmp_path):
    out = tmp_path / "schemas-out"
    r = run("packs", "schema", "--out", out)
    assert r.exit_code == 0, r.output
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted([*SCHEMA_FILES.values(), "funnel.schema.json", "crm-mapping.schema.json"])
    assert len(files) == 7
    for name in files:
        schema = json.loads((out / name).read_text(encoding="utf-8"))
        assert schema["title"].startswith("Culture Coach")
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == (out / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------- scenarios show

@pytest.mark.parametrize("scenario_id", [SCENARIO, "hq-explain-market-uncertainty", "kr-auto-bracket-supply"])
def test_show_json_hides_private(run, scenario_id):
    reg = load_packs([ROOT])
    sc = reg.scenarios[scenario_id]
    r = run("scenarios", "show", scenario_id, "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["id"] == scenario_id and "persona_card" in data
    keys = keys_of(data)
    assert not keys & {"private", "persona_private", "reservation_price", "target_price", "hidden_interests", "traits"}
    assert sc.private.reservation_price not in numbers_of(data)
    for secret in reg.personas[sc.persona].private.hidden_interests:
        assert secret not in r.stdout


def test_show_reveal_adds_private(run):
    reg = load_packs([ROOT])
    sc = reg.scenarios[SCENARIO]
    r = run("scenarios", "show", SCENARIO, "--json", "--reveal")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["private"]["reservation_price"] == sc.private.reservation_price
    assert data["private"]["target_price"] == sc.private.target_price
    assert data["persona_private"]["hidden_interests"] == list(reg.personas[sc.persona].private.hidden_interests)


def test_show_text(run):
    r = run("scenarios", "show", SCENARIO)
    assert r.exit_code == 0, r.output
    sc = load_packs([ROOT]).scenarios[SCENARIO]
    assert sc.title in r.stdout.replace("\n", " ") or sc.id in r.stdout
    assert f"{sc.private.reservation_price:g}" not in r.stdout


def test_show_unknown_scenario(run):
    r = run("scenarios", "show", "no-such-scenario")
    assert r.exit_code == 2
    flat = " ".join(r.stderr.split())
    assert "no scenario 'no-such-scenario'" in flat
    assert SCENARIO in flat  # lists the known ids
    assert r.stdout == ""


@pytest.mark.parametrize("scenario_id", ["[/x]", "[bold]x", "../../etc/passwd"])
def test_show_unknown_scenario_with_odd_characters(run, scenario_id):
    r = run("scenarios", "show", scenario_id)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code == 2
    assert scenario_id in " ".join(r.stderr.split())


def test_show_in_a_tmp_root(run, tmp_path):
    root = tmp_path / "packs"
    (root / "personas" / "markets").mkdir(parents=True)
    (root / "scenarios").mkdir()
    shutil.copy(DE_MARKET, root / "personas" / "markets" / "DE.yaml")
    shutil.copy(DE_PERSONA, root / "personas" / DE_PERSONA.name)
    shutil.copy(ROOT / "scenarios" / f"{SCENARIO}.yaml", root / "scenarios" / f"{SCENARIO}.yaml")
    r = run("scenarios", "show", SCENARIO, "--json", packs=root)
    assert r.exit_code == 0, r.output
    assert r.stdout and "private" not in keys_of(json.loads(r.stdout))
    r = run("scenarios", "show", "kr-auto-bracket-supply", packs=root)
    assert r.exit_code == 2
