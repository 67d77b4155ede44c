"""Packs (trainers): edit a pack file with live validation, save a draft, publish only when valid, run evals.

Files are named relative to their pack root: the page never shows where the deployment keeps them."""
from __future__ import annotations

from pathlib import Path

import gradio as gr

from coach.web.common import Services
from coach.web.render import EMPTY_EVALS, esc


def validation_errors(path: Path, text: str) -> tuple[str | None, list[str]]:
    """(kind, errors) for the text as that pack file: schema, placeholders left by a scaffold, file name."""
    from coach.packs.loader import MODEL_FOR_KIND, PackFileError, kind_for, validate_text
    from coach.packs.tools import _find_root
    root = _find_root(path)
    kind = kind_for(root, path.resolve()) if root else None
    if kind is None:
        return None, ["cannot tell the pack kind from the file's location"]
    try:
        obj = validate_text(text or "", MODEL_FOR_KIND[kind], path.name)
    except PackFileError as exc:
        return kind, [str(e) for e in exc.errors]
    key = "code" if kind in ("market", "home") else "id"
    if getattr(obj, key) != path.stem:
        return kind, [f"{path.name}: {key}: '{getattr(obj, key)}' must match the file name '{path.stem}'"]
    return kind, []


def _report(kind: str | None, errors: list[str], title: str = "Errors:") -> str:
    if errors:
        return f"**{title}**\n\n" + "\n".join(f"- `{esc(e)}`" for e in errors)
    return f"✓ valid {kind}"


class Packs:
    def __init__(self, svc: Services):
        self.svc = svc

    # ------------------------------------------------------------ files, by their name inside a pack root
    def files(self) -> dict[str, Path]:
        roots = [Path(r).resolve() for r in self.svc.packs.roots]
        out: dict[str, Path] = {}
        for p in self.svc.packs.files.values():
            real = Path(p).resolve()
            i, root = next(((i, r) for i, r in enumerate(roots) if r in real.parents), (None, None))
            rel = str(real.relative_to(root)) if root else real.name
            out[rel if not i else f"{root.name}/{rel}"] = real
        return dict(sorted(out.items()))

    def _path(self, key: str | None) -> tuple[str, Path]:
        files = self.files()
        if key in files:
            return key, files[key]
        by_path = {str(p): k for k, p in files.items()}  # API callers that still send a full path
        if key and str(Path(key).resolve()) in by_path:
            k = by_path[str(Path(key).resolve())]
            return k, files[k]
        raise gr.Error("Pick a pack file from the list.")

    def _shown(self, error) -> str:
        """A registry error with its file named as in the list, not by its place on the server."""
        names = {str(p): k for k, p in self.files().items()}
        real = str(Path(error.path).resolve())
        return str(error).replace(error.path, names.get(real, Path(error.path).name), 1)

    def choices(self) -> gr.Dropdown:
        keys = list(self.files())
        return gr.Dropdown(choices=keys, value=keys[0] if keys else None)

    # ------------------------------------------------------------ handlers
    def open_pack(self, key: str | None, request: gr.Request):
        self.svc.trainer(request)
        if not key:
            return ""
        return self._path(key)[1].read_text(encoding="utf-8")

    def validate(self, key: str | None, text: str, request: gr.Request):
        self.svc.trainer(request)
        if not key:
            return ""
        return _report(*validation_errors(self._path(key)[1], text))

    def save_draft(self, path: str, text: str, request: gr.Request):
        self.svc.trainer(request)
        rel, file = self._path(path)
        report = _report(*validation_errors(file, text))
        target = self.svc.ctx.settings.data_dir / "draft-packs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return report + f"\n\nSaved as a draft: `{esc(rel)}` (the published pack is unchanged)."

    def publish(self, path: str, text: str, request: gr.Request):
        """Replace the pack file, only when it validates, and reload the packs; undone if the packs then disagree."""
        self.svc.trainer(request)
        rel, file = self._path(path)
        kind, errors = validation_errors(file, text)
        if errors:
            return _report(kind, errors, "Not published — fix these first:")
        ctx = self.svc.ctx
        before, known = file.read_text(encoding="utf-8"), {str(e) for e in ctx.packs.errors}
        file.write_text(text, encoding="utf-8")
        ctx.reload_packs()
        mine = [self._shown(e) for e in ctx.packs.errors if str(e) not in known]  # e.g. an id that no longer matches
        if mine:
            file.write_text(before, encoding="utf-8")
            ctx.reload_packs()
            self.svc.refresh()
            return _report(kind, mine, "Not published — the packs disagree with it:")
        self.svc.refresh()
        return f"✓ Published `{esc(rel)}`; the packs are reloaded and the case index is up to date."

    def run_evals(self, key: str, request: gr.Request, progress=gr.Progress()):
        self.svc.trainer(request)
        from coach.evals import load_specs, run_eval
        from coach.settings import PROJECT_ROOT
        specs = load_specs(PROJECT_ROOT / "evals")
        lines = []
        for i, (spec, data) in enumerate(specs.values()):
            if spec.suite not in ("advisor", "retrieval"):
                continue
            progress((i, len(specs)), desc=f"eval {spec.id}")
            r = run_eval(spec, data, self.svc.ctx)
            lines.append(f"**{esc(spec.id)}**: " + ", ".join(f"{k}={v:g}" for k, v in r.metrics.items())
                         + (" — ❌ " + "; ".join(r.failures) if r.failures else " — ✅"))
        return "\n\n".join(lines) or "No evals."

    def reindex(self, request: gr.Request, progress=gr.Progress()):
        self.svc.trainer(request)
        packs = self.svc.ctx.reload_packs()
        self.svc.refresh()
        progress(0.5, desc="indexing cases")
        res = self.svc.ctx.index.sync(list(packs.cases.values()),
                                      progress=lambda d, t: progress(d / max(1, t), desc="indexing"))
        return "Index: " + ", ".join(f"{k}={v}" for k, v in res.items())

    # ------------------------------------------------------------ layout
    def build(self) -> None:
        self.file = gr.Dropdown([], value=None, label="Pack file", elem_id="pack-file", allow_custom_value=True)
        self.editor = gr.Code(language="yaml", label="YAML", lines=20, max_lines=28, elem_id="pack-editor")
        self.validation = gr.Markdown(elem_id="pack-validation")
        with gr.Row():
            self.save_btn = gr.Button("Save as draft")
            self.publish_btn = gr.Button("Publish", variant="primary", elem_id="publish-btn")
            self.eval_btn = gr.Button("Run evals")
            self.index_btn = gr.Button("Rebuild index")
        self.out = gr.Markdown(EMPTY_EVALS, elem_id="pack-out")

    def wire(self, ui) -> None:
        self.file.change(self.open_pack, self.file, self.editor, api_name=False)
        ui.packs_tab.select(self.open_pack, self.file, self.editor, api_name=False)
        self.editor.change(self.validate, [self.file, self.editor], self.validation, api_name=False, show_progress="hidden")
        self.save_btn.click(self.save_draft, [self.file, self.editor], self.validation, api_name="save_pack_draft")
        self.publish_btn.click(self.publish, [self.file, self.editor], self.validation, api_name="publish_pack")
        self.eval_btn.click(self.run_evals, self.file, self.out, api_name=False)
        self.index_btn.click(self.reindex, None, self.out, api_name=False)
