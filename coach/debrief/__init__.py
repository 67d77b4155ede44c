"""Scored debriefs: deterministic detectors, evidence per score, KPIs, cases, a bounded LLM judge."""
from coach.debrief.models import DIMENSIONS, DebriefResult, Judgement
from coach.debrief.service import DebriefError, DebriefService, parse_judgement

__all__ = ["DIMENSIONS", "DebriefError", "DebriefResult", "DebriefService", "Judgement", "parse_judgement"]
