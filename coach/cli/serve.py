"""`coach serve`: the web app."""
from __future__ import annotations

from coach.cli.common import _ctx


def serve() -> None:
    """Start the web app on COACH_HOST:COACH_PORT (default 127.0.0.1:7860)."""
    from coach.web import build_app, launch
    ctx = _ctx()
    launch(build_app(ctx), ctx)
