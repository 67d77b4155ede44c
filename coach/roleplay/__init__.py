"""Negotiation role-play: understand -> state -> move -> phrase -> guard, persisted turn by turn."""
from coach.roleplay.engine import RolePlay, RolePlayError, TurnResult, TurnStream

__all__ = ["RolePlay", "RolePlayError", "TurnResult", "TurnStream"]
