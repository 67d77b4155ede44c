"""Senior titles as a seller's line names them, shared by the escalation and courtesy readings (regex alternations)."""
from __future__ import annotations

# the seller's own seniors ("our India MD", "our CEO")
OUR_SENIOR = r"ceo|md|president|chairman|founder|managing director|general manager|gm|owner|vp|vice president|chief executive"
# the buyer's seniors ("your CFO", "your father")
THEIR_SENIOR = r"boss|ceo|cfo|md|chairman|president|director|superior|father|board|general manager|managing director|gm|vp"
# a title's dot ends no sentence: "Dr. Khalid's office", "convince Mr. Kapoor — …?" (sentences.split_sentences keeps
# such titles the same way); substitute with r"\1"
TITLE_DOT = r"\b(Dr|Mr|Mrs|Ms|Eng|Prof)\."
