"""The shared funnel definition and the column mapping of each CRM export (YAML, validated, with JSON Schemas)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from coach.packs.base import Line, MarketCode, Strict, Text
from coach.packs.loader import load_model

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "field"
SOURCES = ("salesforce", "hubspot", "pipedrive")
StageId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,39}$")]
CANONICAL = ("deal_id", "name", "account", "rep", "team", "region", "market", "stage", "status", "amount", "currency",
             "created", "first_offer", "first_response", "forecast_close", "closed", "deal_type", "objection")


class Stage(Strict):
    id: StageId
    name: Line
    meaning: Text = Field(description="what has to be true for a deal to be in this stage, in every region")
    outcome: Literal["open", "won", "lost"] = "open"
    codes: dict[Literal["salesforce", "hubspot", "pipedrive"], list[Line]] = Field(
        description="the stage values each CRM writes for this stage (matched without regard to case)")


class Region(Strict):
    home: MarketCode = Field(description="the sellers' home market: cycle times are compared with deals there")
    name: Line


class NoResponse(Strict):
    default_days: int = Field(ge=1, le=365, description="window for a first-offer answer in markets without their own")
    meaning: Text


class Funnel(Strict):
    version: Line
    stages: list[Stage] = Field(min_length=2)
    regions: dict[Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,60}$")], Region]
    no_response: NoResponse
    reorder: Text = Field(description="what counts as a second-year reorder")

    @model_validator(mode="after")
    def _unique(self) -> "Funnel":
        ids = [s.id for s in self.stages]
        if len(ids) != len(set(ids)):
            raise ValueError(f"stage ids repeat: {sorted({i for i in ids if ids.count(i) > 1})}")
        for src in SOURCES:
            seen: dict[str, str] = {}
            for s in self.stages:
                for code in s.codes.get(src, []):
                    if code.lower() in seen:
                        raise ValueError(f"{src} code {code!r} is given to both {seen[code.lower()]} and {s.id}")
                    seen[code.lower()] = s.id
        return self

    def stage_for(self, source: str, value: str) -> Stage | None:
        v = value.strip().lower()
        for s in self.stages:
            if v in (c.lower() for c in s.codes.get(source, [])) or v == s.id:  # type: ignore[arg-type]
                return s
        return None


class Mapping(Strict):
    """How one CRM's export names its columns and writes its values."""
    source: Literal["salesforce", "hubspot", "pipedrive", "objections"]
    documentation: Line = Field(description="where the export's column names come from")
    columns: dict[Literal[CANONICAL], Line] = Field(description="our field -> the export's column header")  # type: ignore[valid-type]
    custom: list[Literal[CANONICAL]] = Field(default_factory=list,  # type: ignore[valid-type]
                                             description="fields that are custom fields an admin adds to the CRM")
    required: list[Literal[CANONICAL]] = Field(default_factory=lambda: ["deal_id", "market", "created"])  # type: ignore[valid-type]
    status: dict[Literal["open", "won", "lost"], list[Line]] = Field(default_factory=dict,
                                                                    description="status column values")
    deal_type: dict[Literal["new", "reorder"], list[Line]] = Field(default_factory=dict)
    date_formats: list[Line] = Field(min_length=1, description="strptime formats, tried in order")
    decimal: Literal[".", ",", "auto"] = "auto"

    @model_validator(mode="after")
    def _required_mapped(self) -> "Mapping":
        missing = [f for f in self.required if f not in self.columns]
        if missing:
            raise ValueError(f"required fields without a column: {missing}")
        return self


def field_dir() -> Path:
    return Path(os.environ.get("COACH_FIELD_DIR") or DATA_DIR)


def load_funnel(path: Path | None = None) -> Funnel:
    return load_model(path or field_dir() / "funnel.yaml", Funnel)  # type: ignore[return-value]


def load_mapping(source: str, path: Path | None = None) -> Mapping:
    if path is None:
        if source not in (*SOURCES, "objections"):
            raise ValueError(f"unknown source {source!r}; use one of {', '.join((*SOURCES, 'objections'))} "
                             "or give --mapping FILE.yaml")
        path = field_dir() / "mappings" / f"{source}.yaml"
    return load_model(path, Mapping)  # type: ignore[return-value]
