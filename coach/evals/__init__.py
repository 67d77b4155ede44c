"""Eval registry: YAML files in evals/ name a suite from an allow-list; never a class named by YAML."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from pydantic import BaseModel, ConfigDict, Field

from coach.evals.advisor_suite import AdvisorSuite


class EvalSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,60}$")
    description: str
    suite: str
    data: str
    metrics: list[str]
    thresholds: dict[str, float] = Field(default_factory=dict)
    args: dict[str, Any] = Field(default_factory=dict)


@dataclass
class EvalResult:
    spec: EvalSpec
    metrics: dict[str, float]
    items: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failures(self) -> list[str]:
        out = []
        for name, bound in self.spec.thresholds.items():
            value = self.metrics.get(name)
            if value is None or value < bound:
                out.append(f"{name}={value} < {bound}")
        return out


class Suite(Protocol):
    def run(self, spec: EvalSpec, data_path: Path, ctx: Any) -> EvalResult: ...


SUITES: dict[str, type] = {"advisor": AdvisorSuite}


def load_specs(evals_dir: Path) -> dict[str, tuple[EvalSpec, Path]]:
    specs = {}
    for f in sorted(evals_dir.glob("*.yaml")):
        spec = EvalSpec.model_validate(yaml.safe_load(f.read_text(encoding="utf-8")))
        if spec.suite not in SUITES:
            raise ValueError(f"{f}: suite '{spec.suite}' is not one of {', '.join(SUITES)}")
        data = (f.parent / spec.data).resolve()
        if evals_dir.resolve() not in data.parents:
            raise ValueError(f"{f}: data path must stay inside {evals_dir}")
        specs[spec.id] = (spec, data)
    return specs


def run_eval(spec: EvalSpec, data: Path, ctx: Any) -> EvalResult:
    return SUITES[spec.suite]().run(spec, data, ctx)
