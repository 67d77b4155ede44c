"""Understanding the salesperson: one reading of each utterance, shared by role-play, debrief and advisor."""
from coach.understanding.labels import ACTS, TOPICS
from coach.understanding.reader import Understander
from coach.understanding.reading import Understanding

__all__ = ["ACTS", "TOPICS", "Understander", "Understanding"]
