"""Culture Coach: intercultural sales coach and negotiation role-play simulator."""
__version__ = "0.1.0"
