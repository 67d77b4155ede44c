"""Request size limits for the web app: an ASGI middleware that refuses an oversized body with 413 and a message.

The declared Content-Length is checked first; a body sent without one (chunked) is counted as it arrives and cut
off at the limit. File uploads go through Gradio's own `max_file_size` (UPLOAD_BYTES) on the upload route.
"""
from __future__ import annotations

import json
from typing import Any

from starlette.middleware import Middleware

ASGIApp = Any


class BodyLimit:
    UPLOAD_BYTES = 5 * 1024 * 1024  # a pack file is at most 512 KB; room for a few at once
    UPLOAD_PATH = "/gradio_api/upload"

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    @classmethod
    def middleware(cls, max_bytes: int) -> Middleware:
        return Middleware(cls, max_bytes=max_bytes)

    def _limit(self, scope: dict) -> int:
        return self.UPLOAD_BYTES + 64 * 1024 if scope.get("path", "").startswith(self.UPLOAD_PATH) else self.max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(send, int(declared), limit)
            return
        seen = 0

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge(seen)
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge as exc:
            await self._refuse(send, exc.size, limit)

    @staticmethod
    async def _refuse(send: Any, size: int, limit: int) -> None:
        body = json.dumps({"error": f"request body of {size} bytes is over the limit of {limit} bytes; "
                                    "send less at once (a turn is at most 2,000 characters)"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size
