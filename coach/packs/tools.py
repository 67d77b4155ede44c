"""Trainer tools on packs: validate paths, list, scaffold new files, write JSON Schemas."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from coach.packs.loader import (
    MODEL_FOR_KIND,
    PackError,
    PackFileError,
    PackRegistry,
    kind_for,
    load_model,
    load_packs,
)
from coach.packs.vocab import REQUIRED_MOVES

SCHEMA_FILES = {kind: f"{kind}.schema.json" for kind in MODEL_FOR_KIND}
_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
# ISO 3166-1 alpha-2: an id such as `fr-retail-buyer` names its market by this prefix (`hq-...` names none).
ISO_COUNTRIES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())


def market_from_id(name: str) -> str | None:
    """The market an id names: the two letters before its first '-' when they are an ISO country code."""
    m = re.match(r"([A-Za-z]{2})-", name)
    code = m.group(1).upper() if m else None
    return code if code in ISO_COUNTRIES else None


def scaffold_notes(name: str, market: str, explicit: str | None, reg: PackRegistry, root: Path) -> list[str]:
    """What a trainer must know after `packs new`: a missing market profile, a market that contradicts the id."""
    notes = []
    prefix = market_from_id(name)
    if explicit and prefix and prefix != market:
        notes.append(f"the id starts with '{prefix.lower()}-' but --market is {market}; the file is written for {market}")
    profile = root / "personas" / "markets" / f"{market}.yaml"
    if market not in reg.markets and not profile.exists():
        notes.append(f"there is no market profile for {market} yet: write {profile} (the fields are in "
                     f"schemas/market.schema.json; any file in personas/markets/ is an example). Until it exists, "
                     f"`coach packs validate` reports \"no market profile for '{market}'\" and the file does not load.")
        if market in reg.homes:
            notes.append(f"{market} is a seller home culture today ({reg.files.get(f'home:{market}', 'personas/home/')}): "
                         "a market profile also serves as the home culture, so move that file's aliases and scales "
                         "into the new profile and delete the home file.")
    return notes


def _find_root(path: Path) -> Path | None:
    for parent in path.resolve().parents:
        if parent.name in ("personas", "playbooks", "scenarios"):
            return parent.parent
    return None


def validate_paths(paths: list[Path]) -> tuple[list[PackError], dict[str, int]]:
    """Directories are pack roots (merged, with cross-file checks); files are checked on their own."""
    errors: list[PackError] = []
    counts: dict[str, int] = {}
    roots = [p for p in paths if p.is_dir()]
    for p in paths:
        if not p.exists():
            errors.append(PackError(str(p), 1, 1, "", "no such file or directory"))
    if roots:
        reg = load_packs(roots)
        errors.extend(reg.errors)
        counts = reg.counts()
    for f in (p for p in paths if p.is_file()):
        root = _find_root(f)
        kind = kind_for(root, f.resolve()) if root else None
        if kind is None:
            errors.append(PackError(str(f), 1, 1, "", "cannot tell the pack kind from the location "
                                    "(expected personas/markets/, personas/home/, personas/, playbooks/<CC>/ or scenarios/)"))
            continue
        try:
            load_model(f, MODEL_FOR_KIND[kind], str(f))
            counts[kind] = counts.get(kind, 0) + 1
        except PackFileError as exc:
            errors.extend(exc.errors)
    return errors, counts


def list_packs(reg: PackRegistry) -> dict[str, list[dict[str, Any]]]:
    return {
        "markets": [{"code": m.code, "market": m.code, "name": m.name,
                     "personas": sum(p.market == m.code for p in reg.personas.values()),
                     "cases": len(reg.approved_cases(m.code))} for m in reg.markets.values()],
        "homes": [{"code": h.code, "market": h.code, "name": h.name} for h in reg.homes.values()],
        "personas": [{"id": p.id, "market": p.market, "name": p.name, "role": p.role, "sector": p.sector}
                     for p in reg.personas.values()],
        "cases": [{"id": c.id, "market": c.markets[0], "markets": list(c.markets), "title": c.title, "kind": c.kind,
                   "scale": c.scale, "topics": list(c.topics), "stage": c.stage, "status": c.status}
                  for c in reg.cases.values()],
        "scenarios": [{"id": s.id, "market": s.market, "persona": s.persona, "title": s.title, "kind": s.kind}
                      for s in reg.scenarios.values()],
    }


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    from coach.field.config import Funnel, Mapping
    files = {**{kind: (model, SCHEMA_FILES[kind]) for kind, model in MODEL_FOR_KIND.items()},
             "funnel": (Funnel, "funnel.schema.json"), "CRM column mapping": (Mapping, "crm-mapping.schema.json")}
    for kind, (model, name) in files.items():
        schema = model.model_json_schema()
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"
        schema["title"] = f"Culture Coach {kind} pack"
        path = out_dir / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def schema_line(kind: str, file_path: Path, root: Path) -> str:
    depth = len(file_path.resolve().relative_to(root.resolve()).parts) - 1
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{SCHEMA_FILES[kind]}"


def _todo(what: str) -> str:
    return f"TODO: {what}"


def _persona_data(name: str, market: str) -> dict[str, Any]:
    return {
        "id": name, "market": market, "name": _todo("a name that fits"), "role": _todo("role"),
        "sector": _todo("sector"), "company": _todo("fictional company"), "company_type": _todo("company type"),
        "seniority": _todo("seniority"), "language": "en", "personality": _todo("personality"),
        "deviations": [_todo("where this person differs from the market average")],
        "communication": _todo("how they communicate"),
        "decision": {"style": _todo("how they decide"), "superior": _todo("whom they defer to")},
        "stages": {s: _todo(f"behaviour when {s}") for s in ("opening", "exploring", "bargaining", "closing")},
        "signals": [{"signal": _todo("a signal"), "meaning": _todo("what it means")} for _ in range(2)],
        "offends": [_todo("what offends")] * 2, "builds_trust": [_todo("what builds trust")] * 2,
        "traits": {"patience": 0.5, "directness": 0.5, "relationship_need": 0.5, "hierarchy": 0.5,
                   "concession_speed": 0.5, "pressure_sensitivity": 0.5},
        "phrases": {m: [_todo(f"a line for {m}"), _todo(f"another line for {m}")] for m in REQUIRED_MOVES},
        "private": {"hidden_interests": [_todo("hidden interest")], "constraints": [_todo("constraint")]},
        "rationale": _todo("what this portrait rests on"),
    }


def _case_data(name: str, market: str) -> dict[str, Any]:
    return {
        "id": name, "markets": [market], "kind": "mistake", "title": _todo("short concrete title"),
        "sector": "any", "counterpart_role": _todo("counterpart role"), "stage": "first_meeting",
        "situation": _todo("the situation"), "seller_action": _todo("what the seller did"),
        "lesson": _todo("the mistake or the good move"), "why": _todo("why, in terms of the scale"),
        "scale": "trusting", "topics": [], "instead": _todo("what works instead"),
        "phrase": {"text": _todo("a phrase to use")}, "outcome": _todo("what happened"),
        "provenance": {"kind": "field_experience", "source": _todo("whose experience, where, when")},
        "status": "draft", "author": _todo("author"),
    }


def _scenario_data(name: str, market: str, persona: str) -> dict[str, Any]:
    return {
        "id": name, "title": _todo("title"), "persona": persona,
        "market": market, "situation": _todo("what the trainee is told"),
        "seller_brief": {"company": _todo("seller company"), "product": _todo("product"), "currency": "EUR",
                         "list_price": 100.0, "unit": "per unit", "volume": _todo("volume"),
                         "goals": [_todo("goal")], "knows": [_todo("what the seller knows")], "floor_price": 80.0},
        "issues": [{"id": "price", "name": "Unit price", "unit": "EUR per unit", "low": 70.0, "high": 110.0,
                    "buyer_prefers": "low"}],
        "private": {"opening_offer": 75.0, "target_price": 85.0, "reservation_price": 92.0,
                    "must_haves": [_todo("must-have")]},
        "stages": ["opening", "exploring", "bargaining", "closing"], "time_box_minutes": 20,
        "success_criteria": [_todo("success criterion")],
        "rubric_weights": {"cultural_reading": 0.2, "relationship": 0.15, "hierarchy": 0.15, "communication": 0.15,
                           "pacing": 0.1, "value": 0.15, "outcome": 0.1},
    }


def scaffold(kind: str, name: str, market: str | None, root: Path, persona: str | None = None) -> Path:
    """Write a new pack file with every field present and `TODO: ...` text that fails validation until replaced.

    `market` None means the id's prefix (`fr-retail-buyer` -> FR).
    """
    if not _SAFE_NAME.match(name):
        raise ValueError(f"name {name!r}: use lower-case letters, digits and '-' (2-80 characters), no paths")
    if kind not in ("persona", "case", "scenario"):
        raise ValueError(f"kind must be persona, case or scenario (got {kind!r})")
    market = (market or market_from_id(name) or "").upper()
    if not market:
        raise ValueError(f"cannot tell the market of {name!r}: start the id with the market's ISO code "
                         "(e.g. fr-retail-buyer) or pass --market CC")
    if not re.fullmatch(r"[A-Z]{2}", market):
        raise ValueError(f"market {market!r}: use an ISO 3166-1 alpha-2 code such as DE")
    if kind == "persona":
        path, data = root / "personas" / f"{name}.yaml", _persona_data(name, market)
    elif kind == "case":
        path, data = root / "playbooks" / market / f"{name}.yaml", _case_data(name, market)
    else:
        if not persona or not _SAFE_NAME.match(persona):
            raise ValueError("a scenario needs --persona ID (an existing persona of the market)")
        path, data = root / "scenarios" / f"{name}.yaml", _scenario_data(name, market, persona)
    if path.exists():
        raise FileExistsError(f"{path} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(schema_line(kind, path, root) + "\n" + body, encoding="utf-8")
    return path
