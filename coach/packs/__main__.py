"""`python -m coach.packs [ROOT ...]`: validate pack roots without the full app (prints errors, exit 1)."""
from __future__ import annotations

import sys

from coach.packs.loader import load_packs


def main(argv: list[str]) -> int:
    reg = load_packs(argv or ["."])
    for err in reg.errors:
        print(err)
    print(" ".join(f"{k}={v}" for k, v in reg.counts().items()))
    return 1 if reg.errors else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
