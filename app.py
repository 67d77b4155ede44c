"""Culture Coach web app (Gradio). `python app.py` serves on 127.0.0.1:7860 with the embedded defaults."""
from __future__ import annotations

import coach  # noqa: F401  (offline switches before gradio is imported)
from coach import memory

memory.limit_arenas()
from coach.context import Context
from coach.web import build_app, launch

if __name__ == "__main__":
    import sys

    from coach.preflight import DataDirError, check_data_dir
    ctx = Context()
    try:
        check_data_dir(ctx.settings)  # before anything is written
    except DataDirError as exc:
        print(f"Culture Coach cannot start: {exc}", file=sys.stderr)
        sys.exit(2)
    launch(build_app(ctx), ctx)
