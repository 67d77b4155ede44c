"""Limits, each with a clear message: turn length, turns per rehearsal, rehearsals per hour, request size, sign-ins."""
from __future__ import annotations

import pytest

from coach.auth import LOCK_AFTER, hash_password, sign_in, unlock
from coach.roleplay import RolePlay, RolePlayError


def test_turns_per_rehearsal_and_characters_per_turn(registry, store):
    rp = RolePlay(registry, store, realiser="bank", max_turns=3)
    sid = rp.start("nl-warehouse-automation-service")
    with pytest.raises(RolePlayError, match="2000"):
        rp.turn(sid, "x" * 2001)
    for line in ["Good morning.", "How are you?", "Shall we look at the agenda?"]:
        rp.turn(sid, line).text()
    with pytest.raises(RolePlayError, match="reached 3 turns; end it to see the debrief"):
        rp.turn(sid, "One more thing.")
    assert len([t for t in store.turns(sid) if t.role == "trainee"]) == 3, "the refused line stored nothing"
    rp.end(sid)  # and the rehearsal still ends normally


def test_rehearsals_per_hour_per_salesperson(registry, store):
    a = store.add_user("ana", "salesperson", password_hash=hash_password("password-a"))
    b = store.add_user("ben", "salesperson", password_hash=hash_password("password-b"))
    rp = RolePlay(registry, store, realiser="bank", sessions_per_hour=2)
    rp.start("nl-warehouse-automation-service", user_id=a.id)
    rp.start("nl-warehouse-automation-service", user_id=a.id)
    with pytest.raises(RolePlayError, match="started 2 rehearsals in the last hour"):
        rp.start("nl-warehouse-automation-service", user_id=a.id)
    rp.start("nl-warehouse-automation-service", user_id=b.id)  # someone else is not affected


def test_repeated_wrong_passwords_lock_the_account_until_unlocked(store):
    store.add_user("rita", "salesperson", password_hash=hash_password("right-password"))
    user, _ = sign_in(store, "rita", "right-password")
    assert user is not None
    for i in range(LOCK_AFTER):
        user, message = sign_in(store, "rita", f"wrong-{i}")
        assert user is None
    assert "locked" in message
    user, message = sign_in(store, "rita", "right-password")
    assert user is None and "locked for" in message and "more minute" in message, "even the right password waits"
    other, _ = sign_in(store, "admin-less", "whatever-password")
    assert other is None
    unlock(store, "rita")
    user, message = sign_in(store, "rita", "right-password")
    assert user is not None and message is None


def test_a_success_resets_the_count(store):
    store.add_user("sam", "salesperson", password_hash=hash_password("right-password"))
    for i in range(LOCK_AFTER - 1):
        sign_in(store, "sam", f"wrong-{i}")
    assert sign_in(store, "sam", "right-password")[0] is not None
    for i in range(LOCK_AFTER - 1):
        sign_in(store, "sam", f"wrong-again-{i}")
    assert sign_in(store, "sam", "right-password")[0] is not None


def test_oversized_request_bodies_are_refused_with_413():
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from coach.web.limits import BodyLimit

    async def echo(request):
        return PlainTextResponse(str(len(await request.body())))

    app = Starlette(routes=[Route("/gradio_api/queue/join", echo, methods=["POST"]),
                            Route("/gradio_api/upload", echo, methods=["POST"])],
                    middleware=[BodyLimit.middleware(100_000)])
    client = TestClient(app)
    assert client.post("/gradio_api/queue/join", content=b"x" * 1000).text == "1000"
    r = client.post("/gradio_api/queue/join", content=b"x" * 200_000)
    assert r.status_code == 413 and "over the limit of 100000 bytes" in r.json()["error"]

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(30):
            yield b"y" * 10_000
    r = client.post("/gradio_api/queue/join", content=chunks())
    assert r.status_code == 413
    assert client.post("/gradio_api/upload", content=b"z" * 200_000).text == "200000", "uploads have their own limit"
