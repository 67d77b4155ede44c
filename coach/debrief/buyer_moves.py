"""For imported transcripts: which persona move a buyer line makes (a silence, an indirect no, a postponement, a plain
question), read from the persona's phrase bank and a few rules; the debrief's cultural reading builds on it."""
from __future__ import annotations

import re

from coach.debrief.acceptance import accepts_plainly
from coach.debrief.wording import _SOFT_NO, says_it
from coach.debrief.yes_reading import asks_plainly, own_pace
from coach.packs.models import Persona

SIGNAL_MOVES = {"silence", "indirect_refusal", "postpone", "defer", "hold_firm"}
LEARNED_SIGNAL = 0.5  # beside a learned "accept", a signal move this likely is what the line does
_SPOKEN = re.compile(r"\d|(?:\b[^\W\d_]{2,}\b\W+){4}", re.UNICODE)  # a figure, or four words said aloud


def infer_move(text: str, persona: Persona, late: bool = False, learned: dict[str, float] | None = None) -> str:
    """For imported transcripts: the move the learned reader (coach.debrief.move_reader) gives the line most chance
    of, or without one the persona move whose phrase-bank lines share the most words; a plain yes in the second half of
    the talk (`late`) is an acceptance (coach.debrief.acceptance)."""
    words = set(re.findall(r"[a-z]{4,}", text.lower()))
    if not text.strip() or re.fullmatch(r"[\(\[].*[\)\]]\s*\w*\.?|\.+|…", text.strip()):
        return "silence"
    if late and accepts_plainly(text):
        return "accept"
    best, best_score = "ask", 0.0
    spoken = re.sub(r"[(\[][^)\]]*[)\]]", " ", text)
    if learned and len(re.findall(r"[^\W\d_]+", spoken)) < 3 and not re.search(r"\d", spoken):
        learned = None  # "Agreed.", "Noted, thank you.", "Okay.": too few words for the head; the bank's words read them
    if learned:
        best = max(learned, key=lambda m: learned[m])
        if best == "silence":  # three words or more were said: not a silence ("Yes. Yes, we can accept that.")
            best = max((m for m in learned if m != "silence"), key=lambda m: learned[m])
        if best == "accept":  # the labellers' "accept" takes a term too ("Fine. Show me."); the debrief's closes the
            # deal, and only the rule above reads that; a plain yes is no signal, but one beside a yes still counts
            # ("Pode deixar. Send it. We see what my father thinks.")
            signal = max(SIGNAL_MOVES, key=lambda m: learned.get(m, 0.0))
            best = signal if learned[signal] >= LEARNED_SIGNAL and not accepts_plainly(text) else "inform"
    for move, lines in ({} if learned else persona.phrases).items():
        if not says_it(move, text) or (move == "silence" and _SPOKEN.search(spoken)):
            continue  # "(He sips his coffee.) Hmm. Ninety days... 100 dollars, 90 days. That is my offer." is spoken
        for line in lines:
            lw = set(re.findall(r"[a-z]{4,}", line.lower()))
            if lw:
                score = len(words & lw) / len(lw)
                if score > best_score:
                    best, best_score = move, score
    if best in SIGNAL_MOVES - {"silence"} and asks_plainly(text):
        return "ask"  # "CRM says this quarter, fifteen percent. Are we good?" puts nothing off
    if best not in SIGNAL_MOVES and own_pace(text):
        return "postpone"  # "Mr. Girard, the tender committee sits when it sits."
    if best not in SIGNAL_MOVES and _SOFT_NO.search(text) and "?" not in text:
        return "indirect_refusal"
    return best
