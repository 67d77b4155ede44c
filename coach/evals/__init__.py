"""Eval registry: YAML files in evals/ name a suite from an allow-list; never a class named by YAML.

Each YAML: id, description, suite, data, metrics, thresholds, args (and optional `fast` overrides of
args for the CI subset). Results are recorded in the store with model, pack version and date.
"""
from __future__ import annotations

import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from coach.evals.advisor_suite import AdvisorSuite
from coach.evals.debrief_suite import DebriefSuite
from coach.evals.persona_suite import PersonaConsistencySuite
from coach.evals.redteam_suite import RedTeamSuite
from coach.evals.objection_suite import ObjectionSuite
from coach.evals.retrieval_suite import RetrievalSuite
from coach.evals.role_break_suite import RoleBreakSuite
from coach.evals.transcript_suite import TranscriptPairSuite
from coach.evals.responsiveness_suite import ResponsivenessSuite
from coach.evals.understanding_suite import UnderstandingSuite


class EvalSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,60}$")
    description: str
    suite: str
    data: str
    metrics: list[str]
    thresholds: dict[str, float] = Field(default_factory=dict)
    lower_is_better: list[str] = Field(default_factory=list)
    args: dict[str, Any] = Field(default_factory=dict)
    fast: dict[str, Any] = Field(default_factory=dict, description="args overridden in the CI subset")


@dataclass
class RunOptions:
    fast: bool = False
    market: str | None = None  # the pack suite: only what concerns this market
    progress: Callable[[int, int], None] | None = None


@dataclass
class EvalResult:
    spec: EvalSpec
    metrics: dict[str, float]
    items: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0  # wall time of the run, so a trainer (and CI) sees where the time goes

    @property
    def failures(self) -> list[str]:
        out = []
        for name, bound in self.spec.thresholds.items():
            value = self.metrics.get(name)
            if value is None:
                out.append(f"{name} missing")
            elif value != value:  # NaN: nothing in this run to measure it on (e.g. a one-market pack run)
                continue
            elif name in self.spec.lower_is_better and value > bound:
                out.append(f"{name}={value:g} > {bound:g}")
            elif name not in self.spec.lower_is_better and value < bound:
                out.append(f"{name}={value:g} < {bound:g}")
        return out


SUITES: dict[str, type] = {
    "advisor": AdvisorSuite,
    "retrieval": RetrievalSuite,
    "redteam": RedTeamSuite,
    "persona-consistency": PersonaConsistencySuite,
    "debrief-calibration": DebriefSuite,
    "understanding": UnderstandingSuite,
    "debrief-transcripts": TranscriptPairSuite,
    "responsiveness": ResponsivenessSuite,
    "objections": ObjectionSuite,
    "role-breaks": RoleBreakSuite,
}


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


def run_eval(spec: EvalSpec, data: Path, ctx: Any, opts: RunOptions | None = None, record: bool = True) -> EvalResult:
    opts = opts or RunOptions()
    args = {**spec.args, **(spec.fast if opts.fast else {})}
    suite = SUITES[spec.suite]()
    started = time.perf_counter()
    metrics, items = suite.run(args, data, ctx, opts)
    result = EvalResult(spec=spec, metrics=metrics, items=items, seconds=round(time.perf_counter() - started, 1))
    if record and getattr(ctx, "store", None) is not None:
        ctx.store.record_eval(eval_id=spec.id + (f"@{opts.market}" if opts.market else ""), suite=spec.suite,
                              model=ctx.settings.model_for("persona"), pack_version=ctx.packs.version(),
                              metrics=metrics, passed=not result.failures, fast=opts.fast,
                              machine=f"{platform.machine()} {platform.node()}"[:200])
    return result
