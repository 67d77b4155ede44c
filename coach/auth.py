"""Users and passwords (bcrypt). No default password: the first admin comes from the environment
(COACH_ADMIN_PASSWORD, read through settings) or a random one printed once."""
from __future__ import annotations

import secrets

import bcrypt

MIN_PASSWORD = 8


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


def ensure_first_admin(store, password: str | None) -> str | None:
    """Create the first trainer account `admin` if there is no user yet; return the password when generated."""
    if store.count_users() > 0:
        return None
    generated = None
    if not password:
        password = generated = secrets.token_urlsafe(12)
    store.add_user("admin", "trainer", team="trainers", password_hash=hash_password(password))
    return generated
