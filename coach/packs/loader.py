"""Load and validate pack files: safe YAML, line-numbered errors, cross-file checks.

A pack root is a directory holding any of `personas/` (with `markets/` and `home/` inside),
`playbooks/<CC>/` and `scenarios/`. Several roots merge into one `PackRegistry`. A bad file is
reported as `path:line:col: field.path: message` and skipped; the valid files still load.
Text a scaffold left for the trainer (`TODO: ...`, `<fill in>`) fails the file like a schema error.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import ValidationError

from coach.packs.models import (
    Case,
    HomeCulture,
    MarketProfile,
    Persona,
    Scenario,
    Strict,
)

MAX_FILE_BYTES = 512 * 1024
MAX_ALIASES = 50
MAX_DEPTH = 40
MAX_NODES = MAX_FILE_BYTES  # a document without aliases cannot hold more nodes than bytes
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}\.ya?ml$")


@dataclass(frozen=True)
class PackError:
    path: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "col": self.col, "field": self.field, "message": self.message}


class PackFileError(Exception):
    def __init__(self, errors: list[PackError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


@dataclass
class PackRegistry:
    """All packs loaded from one or more roots; read-only after loading."""
    roots: list[Path] = field(default_factory=list)
    markets: dict[str, MarketProfile] = field(default_factory=dict)
    homes: dict[str, HomeCulture] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    errors: list[PackError] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # "kind:id" -> file it came from
    marks: dict[str, dict] = field(default_factory=dict)  # "kind:id" -> key path -> (line, col)

    @property
    def ok(self) -> bool:
        return not self.errors

    def scale_positions(self, code: str) -> dict[str, int] | None:
        """Positions on the eight scales for a market or a seller home culture."""
        if code in self.homes:
            return self.homes[code].scales.as_dict()
        if code in self.markets:
            return self.markets[code].scales.as_dict()
        return None

    def approved_cases(self, market: str | None = None) -> list[Case]:
        return [c for c in self.cases.values() if c.status == "approved" and (market is None or market in c.markets)]

    def version(self) -> str:
        """A short digest of every loaded pack file: which content an eval or a debrief ran on."""
        import hashlib
        h = hashlib.sha256()
        for key in sorted(self.files):
            h.update(key.encode())
            h.update(self.files[key].read_bytes())
        return h.hexdigest()[:12]

    def counts(self) -> dict[str, int]:
        return {
            "markets": len(self.markets), "homes": len(self.homes), "personas": len(self.personas),
            "cases": len(self.cases), "scenarios": len(self.scenarios), "errors": len(self.errors),
        }


# ---------------------------------------------------------------- safe YAML with positions

# libyaml's parser when PyYAML was built with it (about six times faster on the packs); the pure-Python one otherwise
_FastLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_bombs(text: str) -> None:
    """Walk the parser's events (no recursion) and refuse alias bombs and deep nesting before composing."""
    aliases = depth = 0
    for event in yaml.parse(text, Loader=_FastLoader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise yaml.MarkedYAMLError(None, None, f"more than {MAX_ALIASES} aliases (refused: alias bomb?)", event.start_mark)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH + 1:
                raise yaml.MarkedYAMLError(None, None, f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _check_node(node: yaml.Node, depth: int = 0, budget: list[int] | None = None) -> None:
    budget = [MAX_NODES] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0:  # aliases can make a few hundred bytes expand to millions of nodes
        raise yaml.MarkedYAMLError(None, None, f"document expands to more than {MAX_NODES} nodes through aliases (refused: alias bomb?)", node.start_mark)
    if depth > MAX_DEPTH:
        raise yaml.MarkedYAMLError(None, None, f"nesting deeper than {MAX_DEPTH} levels", node.start_mark)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, yaml.Node] = {}
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else id(key)
            if k in seen:
                raise yaml.MarkedYAMLError(None, None, f"duplicate key '{k}'", key.start_mark)
            seen[k] = key
            _check_node(value, depth + 1, budget)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_node(item, depth + 1, budget)


def _marks(node: yaml.Node, path: tuple = (), out: dict | None = None) -> dict[tuple, tuple[int, int]]:
    """Map each key path in the document to its (line, col), 1-based."""
    out = {} if out is None else out
    out.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else None
            out[path + (k,)] = (key.start_mark.line + 1, key.start_mark.column + 1)
            _marks(value, path + (k,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _marks(item, path + (i,), out)
    return out


def parse_yaml(text: str, display: str) -> tuple[Any, dict[tuple, tuple[int, int]]]:
    """Parse one YAML document safely; return the data and a key-path -> (line, col) map."""
    if "\x00" in text:
        raise PackFileError([PackError(display, 1, 1, "", "file contains a NUL byte")])
    loader = None
    try:
        _refuse_bombs(text)
        loader = _FastLoader(text)
        node = loader.get_single_node()
        if node is None:
            raise PackFileError([PackError(display, 1, 1, "", "file is empty")])
        _check_node(node)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        if "could not determine a constructor" in msg:
            msg = "unsupported YAML tag (only plain YAML is allowed): " + msg
        raise PackFileError([PackError(display, line, col, "", msg)]) from None
    except yaml.YAMLError as exc:
        raise PackFileError([PackError(display, 1, 1, "", f"invalid YAML: {exc}")]) from None
    except UnicodeEncodeError as exc:  # libyaml reads UTF-8: a lone surrogate ("\ud800" sent through JSON) cannot be
        line = text.count("\n", 0, exc.start) + 1
        col = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
        raise PackFileError([PackError(display, line, col, "", "not UTF-8 text (a lone surrogate character)")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, _marks(node)


def _field_path(loc: tuple) -> str:
    parts: list[str] = []
    for p in loc:
        if isinstance(p, int):
            parts.append(f"[{p}]")
        else:
            parts.append(("." if parts else "") + str(p))
    return "".join(parts)


def _errors_from_validation(exc: ValidationError, display: str, marks: dict) -> list[PackError]:
    errors = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        probe = loc
        while probe not in marks and probe:
            probe = probe[:-1]
        line, col = marks.get(probe, (1, 1))
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (not in the schema; check the spelling)"
        elif err["type"] == "missing":
            msg = "required field is missing"
        errors.append(PackError(display, line, col, _field_path(loc), msg))
    return errors


def load_model(path: Path, model: type[Strict], display: str | None = None) -> Strict:
    """Read and validate one pack file; raise PackFileError with positioned messages."""
    return load_model_with_marks(path, model, display)[0]


def load_model_with_marks(path: Path, model: type[Strict], display: str | None = None) -> tuple[Strict, dict]:
    display = display or str(path)
    if not _FILE_NAME.match(path.name):
        raise PackFileError([PackError(display, 1, 1, "", "file name must be letters, digits, '-' or '_' ending in .yaml")])
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PackFileError([PackError(display, 1, 1, "", f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")])
        raw = path.read_bytes()
    except OSError as exc:
        raise PackFileError([PackError(display, 1, 1, "", f"cannot read the file ({exc.strerror or exc})")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PackFileError([PackError(display, line, col, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    return validate_text_with_marks(text, model, display)


def validate_text(text: str, model: type[Strict], display: str) -> Strict:
    return validate_text_with_marks(text, model, display)[0]


def validate_text_with_marks(text: str, model: type[Strict], display: str) -> tuple[Strict, dict]:
    """Schema errors and leftover placeholders both fail the file (every loader, CLI and app path comes here)."""
    data, marks = parse_yaml(text, display)
    if not isinstance(data, dict):
        raise PackFileError([PackError(display, 1, 1, "", "top level must be a mapping of fields")])
    placeholders = placeholder_errors(data, display, marks)
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        raise PackFileError(_errors_from_validation(exc, display, marks) + placeholders) from None
    if placeholders:
        raise PackFileError(placeholders)
    return obj, marks


# Scaffold text nobody replaced would reach trainees as if it were content: `TODO: ...`, `<fill in>`, lorem ipsum.
PLACEHOLDER = re.compile(r"^\s*(?:TODO|FIXME|TBD)\b|\b(?:TODO|FIXME)\s*:|(?i:<\s*(?:fill[ -]?in|todo|tbd)\b[^<>]*>|\blorem ipsum\b)")


def placeholder_errors(data: Any, display: str, marks: dict, path: tuple = ()) -> list[PackError]:
    """One error per string value that is still a placeholder, naming its field."""
    if isinstance(data, dict):
        return [e for k, v in data.items() for e in placeholder_errors(v, display, marks, path + (k,))]
    if isinstance(data, list):
        return [e for i, v in enumerate(data) for e in placeholder_errors(v, display, marks, path + (i,))]
    if not isinstance(data, str) or not PLACEHOLDER.search(data):
        return []
    line, col = marks.get(path, (1, 1))
    shown = data if len(data) <= 60 else data[:57] + "..."
    return [PackError(display, line, col, _field_path(path), f"still a placeholder ({shown!r}); replace it with real content")]


# ---------------------------------------------------------------- discovering files in roots

def kind_for(root: Path, path: Path) -> str | None:
    rel = path.relative_to(root).parts
    if len(rel) == 3 and rel[0] == "personas" and rel[1] == "markets":
        return "market"
    if len(rel) == 3 and rel[0] == "personas" and rel[1] == "home":
        return "home"
    if len(rel) == 2 and rel[0] == "personas":
        return "persona"
    if len(rel) == 3 and rel[0] == "playbooks":
        return "case"
    if len(rel) == 2 and rel[0] == "scenarios":
        return "scenario"
    return None


MODEL_FOR_KIND: dict[str, type[Strict]] = {
    "market": MarketProfile, "home": HomeCulture, "persona": Persona, "case": Case, "scenario": Scenario,
}


def iter_pack_files(root: Path) -> Iterable[tuple[str, Path]]:
    root = root.resolve()
    for sub in ("personas", "playbooks", "scenarios"):
        base = root / sub
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith((".yaml", ".yml")):
                    continue
                path = Path(dirpath) / name
                kind = kind_for(root, path)
                if kind:
                    yield kind, path


def _display(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _identity(kind: str, obj: Strict) -> str:
    return obj.code if kind in ("market", "home") else obj.id  # type: ignore[attr-defined]


def load_packs(roots: Iterable[Path | str]) -> PackRegistry:
    """Load every pack file under the roots; collect errors instead of raising."""
    reg = PackRegistry(roots=[Path(r) for r in roots])
    store = {"market": reg.markets, "home": reg.homes, "persona": reg.personas, "case": reg.cases, "scenario": reg.scenarios}
    origin: dict[str, tuple[str, tuple[int, int]]] = {}
    for root in reg.roots:
        if not root.is_dir():
            reg.errors.append(PackError(str(root), 1, 1, "", "pack root is not a directory"))
            continue
        rroot = root.resolve()
        for kind, path in iter_pack_files(rroot):
            display = _display(rroot, path)
            real = path.resolve()
            if rroot not in real.parents:
                reg.errors.append(PackError(display, 1, 1, "", "file resolves outside its pack root (symlink?)"))
                continue
            try:
                obj, marks = load_model_with_marks(path, MODEL_FOR_KIND[kind], display)
            except PackFileError as exc:
                reg.errors.extend(exc.errors)
                continue
            ident = _identity(kind, obj)
            key_field = "code" if kind in ("market", "home") else "id"
            line, col = marks.get((key_field,), (1, 1))
            if Path(path).stem != ident:
                reg.errors.append(PackError(display, line, col, key_field, f"'{ident}' must match the file name '{path.stem}'"))
                continue
            key = f"{kind}:{ident}"
            if key in origin:
                reg.errors.append(PackError(display, line, col, key_field, f"duplicate {kind} id '{ident}' (first defined in {origin[key][0]})"))
                continue
            origin[key] = (display, (line, col))
            reg.files[key] = path
            reg.marks[key] = marks
            store[kind][ident] = obj
    _check_references(reg)
    return reg


def _check_references(reg: PackRegistry) -> None:
    """Cross-file checks: every reference points at something loaded. Dangling items are dropped."""
    def err(kind: str, ident: str, fld: str, msg: str) -> None:
        key = f"{kind}:{ident}"
        path = reg.files.get(key)
        line, col = reg.marks.get(key, {}).get((fld,), (1, 1))
        reg.errors.append(PackError(_display(Path("."), path) if path else ident, line, col, fld, msg))

    for pid, persona in list(reg.personas.items()):
        if persona.market not in reg.markets:
            err("persona", pid, "market", f"no market profile for '{persona.market}'")
            del reg.personas[pid]
    for cid, case in list(reg.cases.items()):
        unknown = [m for m in case.markets if m not in reg.markets]
        if unknown:
            err("case", cid, "markets", f"no market profile for {', '.join(unknown)}")
            del reg.cases[cid]
    for sid, sc in list(reg.scenarios.items()):
        persona = reg.personas.get(sc.persona)
        if persona is None:
            err("scenario", sid, "persona", f"no persona with id '{sc.persona}'")
            del reg.scenarios[sid]
        elif persona.market != sc.market:
            err("scenario", sid, "market", f"'{sc.market}' differs from persona '{sc.persona}' market '{persona.market}'")
            del reg.scenarios[sid]
    for code in list(reg.homes):
        if code in reg.markets:
            err("home", code, "code", f"'{code}' already has a market profile; its scales serve as the home culture")
            del reg.homes[code]
