"""Prompt templates (Jinja2, package data), rendered with StrictUndefined: a missing value is an error."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound


class _PackageLoader(BaseLoader):
    def get_source(self, environment: Environment, template: str):  # type: ignore[override]
        if "/" in template or "\\" in template or not template.endswith(".j2"):
            raise TemplateNotFound(template)
        res = files("coach.prompts").joinpath(template)
        if not res.is_file():
            raise TemplateNotFound(template)
        source = res.read_text(encoding="utf-8")
        return source, template, lambda: True


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(loader=_PackageLoader(), undefined=StrictUndefined, autoescape=False,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def render(template: str, /, **values: Any) -> str:
    return environment().get_template(template).render(**values).strip()
