"""Culture Coach: intercultural sales coach and negotiation role-play simulator."""
import os as _os

from coach import offline as _offline

_offline.apply()
# llama.cpp's OpenMP threads spin-wait by default; when anything else uses the CPU (the embedder, a second
# request, a browser) generation collapses to 1-4 tokens/s. Passive waiting keeps ~37 tokens/s on 2 cores
# (../shared/embedded-model.md). Must be set before llama_cpp loads; an explicit setting wins.
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

__version__ = "0.1.0"
