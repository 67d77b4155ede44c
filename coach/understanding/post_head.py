"""The readings the rules make after the head, in order, on what the head read of a whole line.

Each is a small module with a `read_into(conf, clean)` that adds or drops acts: the seller's own step said as a
promise, an apology without a word of one, pressure that is a promise or time given (and the rival or the expiry that
is pressure after all), an invitation to a site put as a question, a question about the buyer's own life. Concessions (which need the buyer's previous line)
and going around the buyer stay in coach.understanding.reader, where the order with leaving matters.
"""
from __future__ import annotations

from coach.understanding import apologies, personal_questions, pressure, promises, respect, visits


def read_into(conf: dict[str, float], clean: str) -> None:
    promises.read_into(conf, clean)  # "we will train him ourselves": a step of the seller's own, undated too
    apologies.read_into(conf, clean)  # "Please correct anything that is not accurate." is no apology
    pressure.read_into(conf, clean)  # the seller's own dated step is no pressure; an offer that expires is
    respect.read_into(conf, clean)  # "the other vendor is a decent tool" runs nobody down
    visits.read_into(conf, clean)  # "Would a visit to our plant help?": an invitation put as a question
    personal_questions.read_into(conf, clean)  # "your kids still in hockey?": small talk, whatever its topic
