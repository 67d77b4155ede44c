"""Horizontal learning: a rep's field case becomes, once a mentor or trainer approves it, a situated
case like any other — written as a validated pack file in the field-case pack root, indexed, and used
by the advisor, the role-play whispers and the debrief for everyone, crediting the submitting region."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from coach.packs.models import Case
from coach.packs.tools import schema_line
from coach.store.review import AccessDenied, Viewer, list_field_cases, review_field_case, submit_field_case

REQUIRED = ("situation", "what_happened", "what_worked")


def field_root(data_dir: Path) -> Path:
    return data_dir / "field-packs"


def submit(store: Any, viewer: Viewer, market: str, situation: str, what_happened: str, what_worked: str,
           region: str | None = None, sector: str = "any", counterpart_role: str = "buyer") -> int:
    data = {"situation": situation.strip(), "what_happened": what_happened.strip(), "what_worked": what_worked.strip(),
            "sector": sector, "counterpart_role": counterpart_role}
    missing = [k for k in REQUIRED if not data[k]]
    if missing:
        raise ValueError(f"a field case needs {', '.join(missing)}")
    if len(market) != 2 or not market.isalpha():
        raise ValueError(f"market must be an ISO code such as KR (got {market!r})")
    return submit_field_case(store, viewer, market, data, region)


def approve(store: Any, viewer: Viewer, field_case_id: int, data_dir: Path, *, title: str, scale: str,
            topics: list[str], kind: str = "mistake", why: str | None = None, instead: str | None = None,
            phrase: str | None = None, stage: str = "exploring", known_markets: set[str] | None = None) -> Case:
    """Review, tag and approve: validates the case, writes it as a pack file, marks the field case approved."""
    if viewer.role not in ("mentor", "trainer", "operator"):
        raise AccessDenied("only mentors and trainers approve field cases")
    rows = [r for r in list_field_cases(store, viewer) if r["id"] == field_case_id]
    if not rows:
        raise KeyError(f"no field case {field_case_id}")
    fc = rows[0]
    if known_markets is not None and fc["market"] not in known_markets:
        raise ValueError(f"no market profile for {fc['market']}: add the market pack before approving its cases")
    d = fc["data"]
    case_id = f"field-{fc['market'].lower()}-{field_case_id}"
    region = fc["region"] or "unknown region"
    case_data = {
        "id": case_id, "markets": [fc["market"]], "kind": kind, "title": title, "sector": d.get("sector", "any"),
        "counterpart_role": d.get("counterpart_role", "buyer"), "stage": stage, "situation": d["situation"],
        "seller_action": d["what_happened"], "lesson": d["what_happened"] if kind == "mistake" else d["what_worked"],
        "why": why or d["what_worked"], "scale": scale, "topics": topics, "instead": instead or d["what_worked"],
        "phrase": {"text": phrase or d["what_worked"].split(".")[0][:200]},
        "outcome": d["what_worked"], "provenance": {"kind": "field_experience",
                                                    "source": f"Field case from {region}, submitted by {fc['submitted_by'] or 'a rep'}"},
        "status": "approved", "author": fc["submitted_by"] or "field rep", "region": region,
    }
    try:
        case = Case.model_validate(case_data)
    except ValidationError as exc:
        raise ValueError("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())) from None
    root = field_root(data_dir)
    path = root / "playbooks" / fc["market"] / f"{case_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(case.model_dump(mode="json", exclude_none=True), allow_unicode=True, sort_keys=False, width=100)
    path.write_text(schema_line("case", path, root) + "\n" + body, encoding="utf-8")
    review_field_case(store, viewer, field_case_id, "approved", data={**d, "title": title, "scale": scale, "topics": topics},
                      case_id=case_id)
    return case


def reject(store: Any, viewer: Viewer, field_case_id: int) -> None:
    review_field_case(store, viewer, field_case_id, "rejected")
