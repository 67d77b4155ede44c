"""Users and passwords (bcrypt). No default password: the first admin comes from the environment
(COACH_ADMIN_PASSWORD, read through settings) or a random one printed once."""
from __future__ import annotations

import secrets
from datetime import timedelta

import bcrypt

MIN_PASSWORD = 8
LOCK_AFTER = 5  # failed sign-ins in a row ...
LOCK_MINUTES = 5  # ... lock the account for this long (every replica sees the same attempts)


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    return bcrypt.hashpw(password.encode("utf-8")[:72], bcrypt.gensalt(rounds=10)).decode()


def verify_password(password: str, hashed: str | None) -> bool:
    if not hashed or not password:
        return False
    try:
        return bcrypt.checkpw(password.encode("utf-8")[:72], hashed.encode())
    except ValueError:
        return False


def authenticate(store, name: str, password: str):
    user = store.get_user(name)
    return user if user is not None and verify_password(password, user.password_hash) else None


def sign_in(store, name: str, password: str):
    """Authenticate with a lockout: after LOCK_AFTER failures within LOCK_MINUTES (since the last success) the account
    refuses every password until the failures age out. Returns (user or None, message for the log or None)."""
    from coach.store.schema import utcnow
    name = (name or "").strip()[:120]
    now = utcnow()
    failures, latest = store.login_failures_since(name, now - timedelta(minutes=LOCK_MINUTES))
    if failures >= LOCK_AFTER:
        left = LOCK_MINUTES - (now - latest).total_seconds() / 60 if latest else LOCK_MINUTES
        return None, (f"sign-in refused: account '{name}' is locked for {max(1, round(left))} more minute(s) "
                      f"after {failures} failed attempts")
    user = authenticate(store, name, password)
    store.record_login(name, user is not None)
    if user is None and failures + 1 >= LOCK_AFTER:
        return None, f"account '{name}' locked for {LOCK_MINUTES} minutes after {LOCK_AFTER} failed sign-ins"
    return user, None if user else f"failed sign-in for '{name}'"


def unlock(store, name: str) -> None:
    """A trainer lifts a lockout (recorded as a successful sign-in)."""
    store.record_login(name, True)


def ensure_first_admin(store, password: str | None) -> str | None:
    """Create the first trainer account `admin` if there is no user yet; return the password when generated."""
    if store.count_users() > 0:
        return None
    generated = None
    if not password:
        password = generated = secrets.token_urlsafe(12)
    store.add_user("admin", "trainer", team="trainers", password_hash=hash_password(password))
    return generated
