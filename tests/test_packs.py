"""Content packs: the shipped packs validate, and hostile or broken files are refused with
`path:line:col: field.path: message` errors while the other packs in the same root still load."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from coach.packs import load_packs
from coach.packs.loader import MAX_ALIASES, MAX_FILE_BYTES, PackError, iter_pack_files
from coach.packs.models import PersonaCard, ScenarioCard
from coach.packs.tools import SCHEMA_FILES, write_schemas
from coach.packs.vocab import scale_ids

ROOT = Path(__file__).resolve().parent.parent

MARKETS = {"KR", "SA", "DE", "JP", "CN", "BR", "AE", "IN", "US", "NL"}
HOME_CULTURES = ("IT", "US", "DE", "FR", "GB", "ES", "NL", "JP", "KR", "CN", "IN", "BR", "SE", "FI")

# `path:line:col: field.path: message` (field omitted for file-level errors)
ERROR_LINE = re.compile(r"^(?P<path>.+?):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<rest>.+)$")

SCRIPTS = {
    "Korean": re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"),
    "Arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "Japanese": re.compile(r"[\u3040-\u309f\u30a0-\u30ff]"),  # kana: only Japanese uses them
    "Chinese": re.compile(r"[\u4e00-\u9fff]"),
}

DE_MARKET = ROOT / "personas" / "markets" / "DE.yaml"
NL_MARKET = ROOT / "personas" / "markets" / "NL.yaml"
DE_PERSONA = ROOT / "personas" / "de-mittelstand-head-of-purchasing.yaml"
NL_PERSONA = ROOT / "personas" / "nl-operations-manager.yaml"
DE_SCENARIO = ROOT / "scenarios" / "de-machinery-drive-components.yaml"
NL_SCENARIO = ROOT / "scenarios" / "nl-warehouse-automation-service.yaml"
DE_CASE = ROOT / "playbooks" / "DE" / "de-late-to-first-meeting.yaml"


# ---------------------------------------------------------------- helpers

def assert_shape(e: PackError) -> None:
    """The error renders exactly as `path:line:col: field.path: message`."""
    assert isinstance(e, PackError)
    assert e.path and e.line >= 1 and e.col >= 1 and e.message
    expected = f"{e.path}:{e.line}:{e.col}: " + (f"{e.field}: {e.message}" if e.field else e.message)
    assert str(e) == expected
    m = ERROR_LINE.match(str(e))
    assert m, str(e)
    assert (m["path"], int(m["line"]), int(m["col"])) == (e.path, e.line, e.col)
    assert "\n" not in str(e)


def same_file(e: PackError, path: Path) -> bool:
    try:
        return Path(e.path).resolve() == path.resolve()
    except OSError:
        return False


def errors_for(reg, path: Path) -> list[PackError]:
    errs = [e for e in reg.errors if same_file(e, path)]
    for e in errs:
        assert_shape(e)
    return errs


def line_of(text: str, prefix: str, nth: int = 1) -> int:
    """1-based line number of the nth line starting with prefix."""
    seen = 0
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith(prefix):
            seen += 1
            if seen == nth:
                return n
    raise AssertionError(f"no line starting with {prefix!r}")


def set_id(text: str, old: str, new: str, key: str = "id") -> str:
    out = text.replace(f"\n{key}: {old}\n", f"\n{key}: {new}\n", 1)
    assert out != text, f"{key}: {old} not found"
    return out


def derive(src: Path, dest_dir: Path, new_id: str, edit: Callable[[str], str] = lambda t: t,
           file_name: str | None = None) -> tuple[Path, str]:
    """Copy a shipped pack file under a new id (and file name), then apply an edit."""
    text = src.read_text(encoding="utf-8")
    old = re.search(r"^(?:id|code): (\S+)$", text, re.M)
    assert old
    key = "code" if src.parent.name in ("markets", "home") else "id"
    text = edit(set_id(text, old.group(1), new_id, key))
    dest_dir.mkdir(parents=True, exist_ok=True)
    path = dest_dir / (file_name or f"{new_id}.yaml")
    path.write_text(text, encoding="utf-8")
    return path, text


def _pick_cases(market: str, n: int = 3) -> list[Path]:
    reg = load_packs([ROOT])
    picked = [reg.files[f"case:{c.id}"] for c in reg.cases.values() if c.markets == [market]]
    return sorted(picked)[:n]


@pytest.fixture(scope="module")
def baseline_cases() -> dict[str, list[Path]]:
    return {"DE": _pick_cases("DE"), "NL": _pick_cases("NL")}


@pytest.fixture
def root(tmp_path: Path, baseline_cases) -> Path:
    """A small valid pack root: DE and NL markets, one persona and one scenario each, six cases."""
    r = tmp_path / "packs"
    (r / "personas" / "markets").mkdir(parents=True)
    (r / "scenarios").mkdir()
    for f in (DE_MARKET, NL_MARKET):
        shutil.copy(f, r / "personas" / "markets" / f.name)
    for f in (DE_PERSONA, NL_PERSONA):
        shutil.copy(f, r / "personas" / f.name)
    for f in (DE_SCENARIO, NL_SCENARIO):
        shutil.copy(f, r / "scenarios" / f.name)
    for market, files in baseline_cases.items():
        (r / "playbooks" / market).mkdir(parents=True)
        for f in files:
            shutil.copy(f, r / "playbooks" / market / f.name)
    return r


def assert_others_load(reg, baseline_cases) -> None:
    """Every valid file of the fixture root still loaded next to the broken one."""
    assert set(reg.markets) == {"DE", "NL"}
    assert {"de-mittelstand-head-of-purchasing", "nl-operations-manager"} <= set(reg.personas)
    assert {"de-machinery-drive-components", "nl-warehouse-automation-service"} <= set(reg.scenarios)
    assert {f.stem for files in baseline_cases.values() for f in files} <= set(reg.cases)


def _walk(obj: Any, keys: list[str], numbers: list[float], strings: list[str]) -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            keys.append(k)
            _walk(v, keys, numbers, strings)
    elif isinstance(obj, list):
        for v in obj:
            _walk(v, keys, numbers, strings)
    elif isinstance(obj, bool):
        pass
    elif isinstance(obj, (int, float)):
        numbers.append(float(obj))
    elif isinstance(obj, str):
        strings.append(obj)


def number_in_text(value: float, text: str) -> bool:
    """Does `value` appear as a number in free text (104, 104.0, 1,380, 1 380, 216,000)?"""
    forms = {f"{value:g}", f"{value:.2f}"}
    if value == int(value):
        v = int(value)
        forms |= {str(v), f"{v:,}", f"{v:,}".replace(",", " "), f"{v:,}".replace(",", "\u202f"),
                  f"{v:,}".replace(",", ".")}
    for f in forms:
        if re.search(r"(?<![\d.,])" + re.escape(f) + r"(?![\d]|[.,]\d)", text):
            return True
    return False


# ---------------------------------------------------------------- the shipped packs

def test_shipped_packs_validate(registry):
    assert registry.errors == [], "\n".join(map(str, registry.errors))


def test_shipped_counts(registry):
    assert set(registry.markets) == MARKETS
    for code in MARKETS:
        personas = [p for p in registry.personas.values() if p.market == code]
        assert personas, f"no persona for {code}"
        assert len(registry.approved_cases(code)) >= 12, f"{code}: {len(registry.approved_cases(code))} approved cases"
        negotiations = [s for s in registry.scenarios.values() if s.market == code and s.kind == "negotiation"]
        assert negotiations, f"no negotiation scenario for {code}"
    assert len(registry.approved_cases()) >= 120
    assert [s for s in registry.scenarios.values() if s.kind == "headquarters"]


@pytest.mark.parametrize("code", HOME_CULTURES)
def test_home_cultures_have_scale_positions(registry, code):
    pos = registry.scale_positions(code)
    assert pos is not None, f"no market profile or home culture for {code}"
    assert tuple(pos) == scale_ids()
    assert all(1 <= v <= 10 for v in pos.values())


def test_unknown_home_culture_has_no_positions(registry):
    assert registry.scale_positions("ZZ") is None


def test_every_shipped_file_names_its_schema():
    files = list(iter_pack_files(ROOT))
    assert len(files) >= 10 + 6 + 11 + 120 + 11
    bad = []
    for kind, path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        if not m:
            bad.append(f"{path}: first line is {first!r}")
            continue
        target = (path.parent / m.group(1)).resolve()
        if not target.is_file() or target.parent != (ROOT / "schemas").resolve():
            bad.append(f"{path}: {m.group(1)} is not a file under schemas/")
        elif target.name != SCHEMA_FILES[kind]:
            bad.append(f"{path}: a {kind} file points to {target.name}, not {SCHEMA_FILES[kind]}")
    assert not bad, "\n".join(bad)


def test_committed_schemas_are_current(tmp_path):
    written = write_schemas(tmp_path / "schemas")
    expected = sorted([*SCHEMA_FILES.values(), "funnel.schema.json", "crm-mapping.schema.json"])
    assert sorted(p.name for p in written) == expected
    committed = sorted(p.name for p in (ROOT / "schemas").glob("*.json"))
    assert committed == expected
    for p in written:
        assert (ROOT / "schemas" / p.name).read_text(encoding="utf-8") == p.read_text(encoding="utf-8"), (
            f"schemas/{p.name} is stale: run `coach packs schema`"
        )
        json.loads(p.read_text(encoding="utf-8"))


def test_personas_deviate_and_cases_have_provenance(registry):
    for p in registry.personas.values():
        assert p.deviations and all(d.strip() for d in p.deviations), p.id
    for c in registry.cases.values():
        assert c.provenance.kind in ("published", "field_experience", "trainer_rationale"), c.id
        assert c.provenance.source.strip(), c.id


def _non_latin(text: str) -> bool:
    return any(ord(ch) >= 0x250 and ch not in "’‘“”–—…" for ch in text)


def test_non_latin_phrases_have_transliterations(registry):
    missing = [c.id for c in registry.cases.values()
               if c.phrase.native and _non_latin(c.phrase.native) and not (c.phrase.transliteration or "").strip()]
    assert not missing, missing


@pytest.mark.parametrize("script,markets", [
    ("Korean", ("KR",)), ("Arabic", ("SA", "AE")), ("Japanese", ("JP",)), ("Chinese", ("CN",)),
])
def test_native_scripts_present(registry, script, markets):
    rx = SCRIPTS[script]
    phrases = [c for c in registry.cases.values()
               if set(c.markets) & set(markets) and c.phrase.native and rx.search(c.phrase.native)]
    aliases = [m for m in markets
               if rx.search(json.dumps(registry.markets[m].aliases.model_dump(), ensure_ascii=False))]
    assert phrases or aliases, f"no {script} text in the case phrases or aliases of {markets}"


def test_native_text_round_trips(registry):
    objects = [*registry.markets.values(), *registry.homes.values(), *registry.personas.values(),
               *registry.cases.values(), *registry.scenarios.values()]
    seen_scripts = set()
    for obj in objects:
        raw = obj.model_dump_json()
        assert json.loads(raw) == obj.model_dump(mode="json")
        assert type(obj).model_validate_json(raw) == obj
        for name, rx in SCRIPTS.items():
            if rx.search(raw):  # written as UTF-8, not \u escapes
                seen_scripts.add(name)
    assert seen_scripts == set(SCRIPTS)


def test_native_phrase_equals_the_file_text(registry):
    """A native phrase survives loading unchanged (no normalisation, no mojibake)."""
    import yaml
    checked = 0
    for c in registry.cases.values():
        if c.phrase.native and _non_latin(c.phrase.native):
            raw = yaml.safe_load(registry.files[f"case:{c.id}"].read_text(encoding="utf-8"))
            assert c.phrase.native == raw["phrase"]["native"].strip(), c.id
            assert c.phrase.native.split()[0] in registry.files[f"case:{c.id}"].read_text(encoding="utf-8")
            checked += 1
    assert checked >= 20


# ---------------------------------------------------------------- public views

def _scenario_ids() -> list[str]:
    return sorted(load_packs([ROOT]).scenarios)


def test_public_models_have_no_private_fields():
    assert "private" not in ScenarioCard.model_fields
    assert not {"private", "traits", "phrases"} & set(PersonaCard.model_fields)


@pytest.mark.parametrize("scenario_id", _scenario_ids())
def test_scenario_public_view_hides_the_limits(registry, scenario_id):
    sc = registry.scenarios[scenario_id]
    pub = json.loads(sc.public().model_dump_json())
    keys: list[str] = []
    numbers: list[float] = []
    strings: list[str] = []
    _walk(pub, keys, numbers, strings)
    assert "private" not in keys
    assert not {"reservation_price", "target_price", "opening_offer", "limits"} & set(keys)
    rp = sc.private.reservation_price
    assert rp not in numbers, f"reservation_price {rp} appears as a value in the public view"
    leaks = [s for s in strings if number_in_text(rp, s)]
    assert not leaks, f"{scenario_id}: the public brief states the buyer's reservation price {rp:g}: {leaks}"


@pytest.mark.parametrize("persona_id", sorted(load_packs([ROOT]).personas))
def test_persona_public_view_hides_private(registry, persona_id):
    p = registry.personas[persona_id]
    raw = p.public().model_dump_json()
    keys: list[str] = []
    _walk(json.loads(raw), keys, [], [])
    assert not {"private", "hidden_interests", "constraints", "traits", "phrases"} & set(keys)
    for secret in (*p.private.hidden_interests, *p.private.constraints):
        assert secret not in raw


# ---------------------------------------------------------------- hostile and broken files

def test_fixture_root_loads_clean(root, baseline_cases):
    reg = load_packs([root])
    assert reg.errors == [], "\n".join(map(str, reg.errors))
    assert_others_load(reg, baseline_cases)


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system",
    "!!python/object/new:os.system",
    "!!python/name:os.system",
    "!!python/module:os",
])
def test_python_tags_refused_and_not_executed(root, baseline_cases, tmp_path, tag):
    marker = tmp_path / "PWNED"
    payload = f'{tag} ["touch {marker}"]' if "name:" not in tag and "module:" not in tag else f"{tag} ''"
    path, text = derive(DE_CASE, root / "playbooks" / "DE", "evil-tag",
                        lambda t: re.sub(r"^title: .*$", f"title: {payload}", t, count=1, flags=re.M))
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    e = errs[0]
    assert "tag" in e.message and tag.lstrip("!") in e.message
    assert e.line == line_of(text, "title:")
    assert not marker.exists(), "a python tag was executed"
    assert "evil-tag" not in reg.cases
    assert_others_load(reg, baseline_cases)


def test_billion_laughs_refused_fast(root, baseline_cases):
    lines = ['lol0: &l0 "lol"']
    for i in range(1, 10):
        lines.append(f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    path, text = derive(DE_CASE, root / "playbooks" / "DE", "laughs", lambda t: t + "\n".join(lines) + "\n")
    start = time.perf_counter()
    reg = load_packs([root])
    assert time.perf_counter() - start < 2.0
    errs = errors_for(reg, path)
    assert len(errs) == 1
    assert "alias" in errs[0].message
    assert f"{MAX_ALIASES}" in errs[0].message
    assert errs[0].line > line_of(text, "lol0:")
    assert_others_load(reg, baseline_cases)


_SUBLIMIT_BOMB = textwrap.dedent("""
    import resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 ** 3, 3 * 1024 ** 3))
    from coach.packs import load_packs
    start = time.perf_counter()
    reg = load_packs([sys.argv[1]])
    print(f"{time.perf_counter() - start:.2f}")
    for e in reg.errors:
        print(e)
""")


def test_alias_bomb_under_the_alias_limit_refused_fast(root, tmp_path):
    """12 levels of 4 aliases (48 < MAX_ALIASES) expand to 4**12 = 16.7 million nodes from 400 bytes."""
    levels, width = 12, 4
    assert levels * width <= MAX_ALIASES
    lines = ['lol0: &l0 "lol"']
    for i in range(1, levels + 1):
        lines.append(f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    path, _ = derive(DE_CASE, root / "playbooks" / "DE", "small-bomb", lambda t: t + "\n".join(lines) + "\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    try:
        proc = subprocess.run([sys.executable, "-c", _SUBLIMIT_BOMB, str(root)], capture_output=True, text=True,
                              timeout=15, env=env, cwd=str(tmp_path))
    except subprocess.TimeoutExpired:
        pytest.fail(f"load_packs did not finish within 15 s on a {path.stat().st_size}-byte alias bomb "
                    f"with {levels * width} aliases")
    assert proc.returncode == 0, f"load_packs crashed on a sub-limit alias bomb: {proc.stderr[-1500:]}"
    elapsed, *errors = proc.stdout.splitlines()
    assert float(elapsed) < 3.0
    mine = [line for line in errors if "small-bomb.yaml" in line]
    assert mine and any("alias" in line for line in mine), mine


def test_deep_nesting_refused_without_crashing(root, baseline_cases):
    """Hundreds of nested brackets (a few hundred bytes) must be an error, not a RecursionError."""
    path, text = derive(DE_CASE, root / "playbooks" / "DE", "deep-nest",
                        lambda t: t + "nested: " + "[" * 500 + "]" * 500 + "\n")
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1 and "nesting deeper" in errs[0].message
    assert errs[0].line == line_of(text, "nested:")
    assert_others_load(reg, baseline_cases)


def test_moderate_nesting_refused_with_position(root, baseline_cases):
    path, text = derive(DE_CASE, root / "playbooks" / "DE", "nest-60",
                        lambda t: t + "nested: " + "[" * 60 + "]" * 60 + "\n")
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1 and "nesting deeper" in errs[0].message
    assert errs[0].line == line_of(text, "nested:")
    assert_others_load(reg, baseline_cases)


def test_file_over_size_limit_refused(root, baseline_cases):
    path, _ = derive(DE_CASE, root / "playbooks" / "DE", "too-big",
                     lambda t: t + "# " + "x" * (10 * 1024 * 1024) + "\n")
    size = path.stat().st_size
    start = time.perf_counter()
    reg = load_packs([root])
    assert time.perf_counter() - start < 2.0
    errs = errors_for(reg, path)
    assert len(errs) == 1
    assert str(size) in errs[0].message and str(MAX_FILE_BYTES) in errs[0].message
    assert "too-big" not in reg.cases
    assert_others_load(reg, baseline_cases)


def test_unknown_key_top_level(root, baseline_cases):
    path, text = derive(DE_CASE, root / "playbooks" / "DE", "unknown-key",
                        lambda t: t.replace("\nkind: ", "\nbogus_key: 1\nkind: ", 1))
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    e = errs[0]
    assert e.field == "bogus_key" and "unknown field" in e.message
    assert (e.line, e.col) == (line_of(text, "bogus_key:"), 1)
    assert str(e).endswith(f":{e.line}:1: bogus_key: {e.message}")
    assert_others_load(reg, baseline_cases)


def test_unknown_key_nested(root, baseline_cases):
    path, text = derive(DE_PERSONA, root / "personas", "de-unknown-nested",
                        lambda t: t.replace("\n  patience: ", "\n  patiance: 0.4\n  patience: ", 1))
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    e = errs[0]
    assert e.field == "traits.patiance" and "unknown field" in e.message
    assert (e.line, e.col) == (line_of(text, "  patiance:"), 3)
    assert_others_load(reg, baseline_cases)


@pytest.mark.parametrize("src,new_id,edit,field,line_prefix", [
    (DE_PERSONA, "de-wrong-type", lambda t: re.sub(r"^  patience: .*$", "  patience: very", t, count=1, flags=re.M),
     "traits.patience", "  patience:"),
    (DE_SCENARIO, "de-wrong-type-sc", lambda t: t.replace("\ntime_box_minutes: 20\n", "\ntime_box_minutes: twenty\n"),
     "time_box_minutes", "time_box_minutes:"),
    (DE_CASE, "de-wrong-type-case", lambda t: t.replace("\nmarkets: [DE]\n", "\nmarkets:\n  - DE\n  - 7\n"),
     "markets[1]", "  - 7"),
    (DE_CASE, "de-wrong-type-phrase", lambda t: re.sub(r"^phrase:\n(  .*\n)+", "phrase: just a string\n", t,
                                                       count=1, flags=re.M),
     "phrase", "phrase:"),
])
def test_wrong_type_names_field_and_line(root, baseline_cases, src, new_id, edit, field, line_prefix):
    sub = {"personas": root / "personas", "scenarios": root / "scenarios"}.get(src.parent.name, root / "playbooks" / "DE")
    path, text = derive(src, sub, new_id, edit)
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert [e.field for e in errs] == [field], [str(e) for e in errs]
    assert errs[0].line == line_of(text, line_prefix)
    assert_others_load(reg, baseline_cases)


def test_missing_required_field(root, baseline_cases):
    path, text = derive(DE_CASE, root / "playbooks" / "DE", "no-title",
                        lambda t: re.sub(r"^title: .*\n", "", t, count=1, flags=re.M))
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    e = errs[0]
    assert e.field == "title" and e.message == "required field is missing"
    assert e.line == 2  # the document starts after the schema comment
    assert_others_load(reg, baseline_cases)


def test_missing_nested_field_points_at_parent(root, baseline_cases):
    path, text = derive(DE_CASE, root / "playbooks" / "DE", "no-source",
                        lambda t: re.sub(r"^  source: .*\n", "", t, count=1, flags=re.M))
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    e = errs[0]
    assert e.field == "provenance.source" and e.message == "required field is missing"
    assert e.line == line_of(text, "provenance:")
    assert_others_load(reg, baseline_cases)


@pytest.mark.parametrize("key,where", [("title", "top"), ("text", "phrase")])
def test_duplicate_keys_in_a_mapping(root, baseline_cases, key, where):
    if where == "top":
        edit = lambda t: t.replace("\nsector: ", "\ntitle: A second title\nsector: ", 1)  # noqa: E731
        prefix = "title:"
    else:
        edit = lambda t: t.replace("\nphrase:\n", "\nphrase:\n  text: First line\n", 1)  # noqa: E731
        prefix = "  text:"
    path, text = derive(DE_CASE, root / "playbooks" / "DE", f"dup-key-{key}", edit)
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    e = errs[0]
    assert f"duplicate key '{key}'" in e.message
    assert e.line == line_of(text, prefix, nth=2)
    assert_others_load(reg, baseline_cases)


def test_duplicate_case_id_across_two_files(root, baseline_cases):
    first = root / "playbooks" / "DE" / baseline_cases["DE"][0].name
    dup = root / "playbooks" / "NL" / first.name
    shutil.copy(first, dup)
    reg = load_packs([root])
    errs = [e for e in reg.errors if "duplicate" in e.message]
    assert len(errs) == 1
    e = errs[0]
    assert_shape(e)
    assert e.field == "id" and first.stem in e.message
    named = {Path(e.path).resolve()} | {Path(p).resolve() for p in re.findall(r"(\S+\.yaml)", e.message)}
    assert {first.resolve(), dup.resolve()} <= named, str(e)
    assert e.line == 2
    assert reg.files[f"case:{first.stem}"].resolve() == first.resolve()
    assert_others_load(reg, baseline_cases)


def test_duplicate_market_code_yaml_and_yml(root, baseline_cases):
    shutil.copy(root / "personas" / "markets" / "DE.yaml", root / "personas" / "markets" / "DE.yml")
    reg = load_packs([root])
    errs = [e for e in reg.errors if "duplicate" in e.message]
    assert len(errs) == 1 and errs[0].field == "code"
    assert "DE.yml" in str(errs[0]) and "DE.yaml" in str(errs[0])
    assert_others_load(reg, baseline_cases)


def test_scenario_with_unknown_persona(root, baseline_cases):
    path, text = derive(DE_SCENARIO, root / "scenarios", "de-orphan",
                        lambda t: t.replace("\npersona: de-mittelstand-head-of-purchasing\n", "\npersona: nobody-here\n"))
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    e = errs[0]
    assert e.field == "persona" and "nobody-here" in e.message
    assert e.line == line_of(text, "persona:")
    assert "de-orphan" not in reg.scenarios
    assert_others_load(reg, baseline_cases)


def test_scenario_market_differs_from_persona(root, baseline_cases):
    path, text = derive(DE_SCENARIO, root / "scenarios", "de-wrong-market",
                        lambda t: t.replace("\nmarket: DE\n", "\nmarket: NL\n"))
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert [e.field for e in errs] == ["market"]
    assert errs[0].line == line_of(text, "market:")
    assert "de-wrong-market" not in reg.scenarios
    assert_others_load(reg, baseline_cases)


def test_persona_with_unknown_market(root, baseline_cases):
    path, text = derive(DE_PERSONA, root / "personas", "zz-ghost", lambda t: t.replace("\nmarket: DE\n", "\nmarket: ZZ\n"))
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    e = errs[0]
    assert e.field == "market" and "'ZZ'" in e.message
    assert e.line == line_of(text, "market:")
    assert "zz-ghost" not in reg.personas
    assert_others_load(reg, baseline_cases)


def test_case_with_unknown_market(root, baseline_cases):
    path, text = derive(DE_CASE, root / "playbooks" / "DE", "zz-case",
                        lambda t: t.replace("\nmarkets: [DE]\n", "\nmarkets: [DE, ZZ]\n"))
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    assert errs[0].field == "markets" and "ZZ" in errs[0].message
    assert errs[0].line == line_of(text, "markets:")
    assert_others_load(reg, baseline_cases)


@pytest.mark.parametrize("bad_id", ["../evil", "../../etc/passwd", "/etc/passwd", "evil\\0x", "C:\\\\evil", "ev il"])
def test_path_like_ids_refused(root, baseline_cases, tmp_path, bad_id):
    path, text = derive(DE_CASE, root / "playbooks" / "DE", "placeholder-id",
                        lambda t: t.replace("\nid: placeholder-id\n", f'\nid: "{bad_id}"\n'), file_name="bad-id.yaml")
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    e = errs[0]
    assert e.field == "id" and "pattern" in e.message
    assert e.line == line_of(text, "id:")
    assert not any("evil" in k or "passwd" in k for k in reg.cases)
    assert_others_load(reg, baseline_cases)


def test_path_like_persona_reference_refused(root, baseline_cases):
    path, text = derive(DE_SCENARIO, root / "scenarios", "de-traversal",
                        lambda t: t.replace("\npersona: de-mittelstand-head-of-purchasing\n",
                                            '\npersona: "../personas/de-mittelstand-head-of-purchasing"\n'))
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert [e.field for e in errs] == ["persona"]
    assert errs[0].line == line_of(text, "persona:")
    assert_others_load(reg, baseline_cases)


def test_raw_nul_byte_refused(root, baseline_cases):
    path, _ = derive(DE_CASE, root / "playbooks" / "DE", "nul-byte", lambda t: t.replace("\nkind: ", "\nkind: \x00", 1))
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1 and "NUL" in errs[0].message
    assert_others_load(reg, baseline_cases)


def test_file_name_must_match_id(root, baseline_cases):
    src = root / "playbooks" / "DE" / baseline_cases["DE"][0].name
    path = root / "playbooks" / "DE" / "some-other-name.yaml"
    text = src.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    e = errs[0]
    assert e.field == "id" and src.stem in e.message and "some-other-name" in e.message
    assert e.line == line_of(text, "id:")
    assert_others_load(reg, baseline_cases)


def test_bad_file_name_refused(root, baseline_cases):
    path = root / "playbooks" / "DE" / "has space.yaml"
    shutil.copy(DE_CASE, path)
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1 and "file name" in errs[0].message
    assert_others_load(reg, baseline_cases)


def test_non_utf8_bytes_refused_with_their_line(root, baseline_cases):
    path, text = derive(DE_CASE, root / "playbooks" / "DE", "latin1")
    data = path.read_bytes().replace(b"\nsector: ", b"\nsector: Stra\xdfe \xff ", 1)
    path.write_bytes(data)
    bad_line = data[: data.index(b"\xdf")].count(b"\n") + 1
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    assert "UTF-8" in errs[0].message
    assert errs[0].line == bad_line, f"reported line {errs[0].line}, the bad byte is on line {bad_line}"
    assert_others_load(reg, baseline_cases)


@pytest.mark.parametrize("content", ["", "\n\n", "# yaml-language-server: $schema=../../schemas/case.schema.json\n"])
def test_empty_file_refused(root, baseline_cases, content):
    path = root / "playbooks" / "DE" / "empty-case.yaml"
    path.write_text(content, encoding="utf-8")
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1 and "empty" in errs[0].message
    assert (errs[0].line, errs[0].col) == (1, 1)
    assert_others_load(reg, baseline_cases)


@pytest.mark.parametrize("content", ["- id: listed\n- kind: mistake\n", "just a string\n", "42\n", "null\n", "---\n"])
def test_top_level_not_a_mapping(root, baseline_cases, content):
    path = root / "playbooks" / "DE" / "not-a-mapping.yaml"
    path.write_text(content, encoding="utf-8")
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    assert "mapping" in errs[0].message or "empty" in errs[0].message
    assert_others_load(reg, baseline_cases)


def test_invalid_yaml_syntax_has_position(root, baseline_cases):
    path, text = derive(DE_CASE, root / "playbooks" / "DE", "bad-syntax",
                        lambda t: t.replace("\nkind: mistake\n", "\nkind: [mistake\n"))
    reg = load_packs([root])
    errs = errors_for(reg, path)
    assert len(errs) == 1
    assert errs[0].line >= line_of(text, "kind:")
    assert_others_load(reg, baseline_cases)


def test_dangling_symlink_is_an_error_not_an_exception(root, baseline_cases):
    """An entry that vanishes or cannot be read (an editor's half-saved file) is reported, not raised."""
    link = root / "playbooks" / "DE" / "gone.yaml"
    link.symlink_to(root / "playbooks" / "DE" / "never-written.yaml")
    reg = load_packs([root])
    errs = errors_for(reg, link)
    assert len(errs) == 1
    assert_others_load(reg, baseline_cases)


def test_symlink_out_of_the_root_refused(root, baseline_cases, tmp_path):
    outside = tmp_path / "outside"
    path, _ = derive(DE_CASE, outside, "outside-case")
    (root / "playbooks" / "DE" / "outside-case.yaml").symlink_to(path)
    reg = load_packs([root])
    errs = errors_for(reg, root / "playbooks" / "DE" / "outside-case.yaml") or \
        [e for e in reg.errors if "outside" in e.message]
    assert len(errs) == 1 and "outside" in errs[0].message
    assert "outside-case" not in reg.cases
    assert_others_load(reg, baseline_cases)


def test_many_broken_files_at_once(root, baseline_cases):
    """Every error is collected; one bad file never hides another."""
    broken = []
    for i, edit in enumerate([
        lambda t: t + "bogus: 1\n",
        lambda t: t.replace("\nkind: ", "\nkind: !!python/object/apply:os.system ['true']\nxkind: ", 1),
        lambda t: "- a\n",
        lambda t: t.replace("\nstage: ", "\nstage: nowhere\nxstage: ", 1),
    ]):
        path, _ = derive(DE_CASE, root / "playbooks" / "DE", f"broken-{i}", edit)
        broken.append(path)
    reg = load_packs([root])
    for path in broken:
        assert errors_for(reg, path), path
    assert_others_load(reg, baseline_cases)


def test_root_that_is_not_a_directory(tmp_path):
    reg = load_packs([tmp_path / "nope"])
    assert len(reg.errors) == 1
    assert_shape(reg.errors[0])
    assert "not a directory" in reg.errors[0].message


# ---------------------------------------------------------------- several roots

def test_two_roots_merge(root, baseline_cases, tmp_path):
    extra = tmp_path / "extra"
    path, _ = derive(DE_CASE, extra / "playbooks" / "DE", "de-extra-field-case")
    reg = load_packs([root, extra])
    assert reg.errors == [], "\n".join(map(str, reg.errors))
    assert "de-extra-field-case" in reg.cases
    assert reg.files["case:de-extra-field-case"].resolve() == path.resolve()
    assert len(reg.approved_cases("DE")) == len(baseline_cases["DE"]) + 1
    assert_others_load(reg, baseline_cases)
    alone = load_packs([extra])  # on its own, the second root lacks the DE market
    assert [e.field for e in alone.errors] == ["markets"]


def test_second_root_extends_the_shipped_packs(registry, tmp_path):
    extra = tmp_path / "extra"
    derive(DE_CASE, extra / "playbooks" / "KR", "kr-field-case-from-region",
           lambda t: t.replace("\nmarkets: [DE]\n", "\nmarkets: [KR]\n"))
    reg = load_packs([ROOT, extra])
    assert reg.errors == [], "\n".join(map(str, reg.errors))
    assert len(reg.approved_cases("KR")) == len(registry.approved_cases("KR")) + 1


def test_duplicate_id_across_roots_names_both_files(root, baseline_cases, tmp_path):
    extra = tmp_path / "extra"
    original = root / "playbooks" / "DE" / baseline_cases["DE"][0].name
    copy = extra / "playbooks" / "DE" / original.name
    copy.parent.mkdir(parents=True)
    shutil.copy(original, copy)
    reg = load_packs([root, extra])
    assert len(reg.errors) == 1
    e = reg.errors[0]
    assert_shape(e)
    assert e.field == "id" and "duplicate" in e.message
    assert same_file(e, copy)
    assert str(original) in e.message or str(original.resolve()) in e.message, str(e)
    assert reg.files[f"case:{original.stem}"].resolve() == original.resolve()
    assert_others_load(reg, baseline_cases)


def test_a_lone_surrogate_is_a_positioned_pack_error_not_a_crash():
    """libyaml reads UTF-8; text from JSON can hold a lone surrogate ("\\ud800") that has no UTF-8 form."""
    from coach.packs.loader import PackFileError, parse_yaml
    with pytest.raises(PackFileError) as info:
        parse_yaml("id: x\nname: a\ud800b\n", "bad.yaml")
    e = info.value.errors[0]
    assert (e.line, e.col) == (2, 8) and "surrogate" in e.message
