"""Culture Coach: intercultural sales coach and negotiation role-play simulator."""
from coach import offline as _offline

_offline.apply()

__version__ = "0.1.0"
