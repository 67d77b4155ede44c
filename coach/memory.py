"""Keep the resident set small on glibc: few malloc arenas, and freed memory returned after bulk work."""
from __future__ import annotations

import ctypes
import ctypes.util

M_ARENA_MAX = -8


def _libc():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


def limit_arenas(n: int = 2) -> None:
    libc = _libc()
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(M_ARENA_MAX, n)


def trim() -> None:
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
