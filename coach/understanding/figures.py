"""Figures in a seller's line that are no price: a label ("PPAP level 3", "phase 2"), a count per period ("1,800 a
year") where the price is not itself per that period, a rival's price, or a figure turned down in the same breath."""
from __future__ import annotations

import re

from coach.understanding.numbers import CURRENCY_NAMES, SENTENCE_END, digit_numbers, sentence_around

# the units a price is said per ("per seat"): one list for the currency check and for a price said in words
PER_UNIT = r"unit|piece|kit|bracket|seat|set|gearbox|pump|meter|licen[cs]e|user"
# a currency beside a figure: the symbols and the codes and names the price reader knows (the one list the number
# reader, the price cue and the answer matcher share)
_SHORT_CODES = ("won", "sr", r"r\$", r"rs\.?")  # beside a figure in digits only ("no one won" is no price)
CURRENCY = re.compile(r"[$€£¥₩﷼₹]|\b(?:" + "|".join(CURRENCY_NAMES + _SHORT_CODES) + r")(?!\w)", re.IGNORECASE)

# a figure that numbers a thing ("PPAP level 3", "phase 2", "option 1"), not a price
_LABEL_BEFORE = re.compile(r"\b(?:level|tier|phase|version|step|stage|grade|class|category|option|round|no\.?|"
                           r"page|section|item|revision|rev\.?|generation|gen|iso|api)\s*#?\s*$", re.IGNORECASE)


# a figure that counts per period ("1,800 a year", "1,800 per year flat"): a volume, not a price ("EUR 120,000 a year" names
# its currency: price_cue reads it)
_COUNT_AFTER = re.compile(r"\s*(?P<noun>units?|pieces|pcs|sets|gearboxes|brackets|pumps|meters|kits)?\s*(?:a|per|each) "
                          r"(?P<period>year|month|week|quarter)\b", re.IGNORECASE)


def _counts(t: str, start: int, end: int, price_unit: str) -> bool:
    """A figure said per period with no currency beside it ("1,800 a year"), where the price is not itself per that
    period ("68,000 per year" is the price of a licence priced per seat per year)."""
    m = _COUNT_AFTER.match(t[end:end + 30])
    if not m or CURRENCY.search(t[max(0, start - 6):start] + " " + t[end:end + 8]):
        return False
    return bool(m.group("noun")) or m.group("period").lower() not in price_unit.lower()


# a figure of another measure ("1,000 hours", "the 2,000-hour test", "four weeks", "300 kits"): no price
# ("5%": the sign is no word, it ends the figure without a word boundary after it)
_MEASURE_AFTER = re.compile(r"\s*%|\s*-?\s*(?:hours?|hrs?|days?|weeks?|months?|years?|yrs?|minutes?|percent|per ?cent|pieces|pcs|"
                            r"seats?|users?|licen[cs]es?|meters?|metres?|km|kg|tons?|tonnes?|kits?|sets?|sensors?|modules?|"
                            r"containers?|pallets?|technicians?|engineers?|people|employees|branches|stores|sites|plants?|"
                            r"samples?|units?)\b", re.IGNORECASE)


# a figure whose measure was said once for two ("Payment 90 days, not 120", "from 120 to 90 days", "60 or 90 days"):
# the bare one is of the same measure, and so is the same figure said again in the line ("at 120 we become your bank")
_MEASURE = r"(?:hours?|days?|weeks?|months?|years?)"
_BARE = r"(\d[\d,.]*)(?![\d,.]|\s*(?:%|per\b|a (?:unit|seat|kit|piece)\b))"
_ELIDED = (re.compile(r"\d[\d,.]*\s*-?\s*" + _MEASURE + r"\b\s*[,;(\u2014\u2013-]?\s*(?:and\s+)?(?:not|instead of|rather than|versus|"
                      r"vs\.?)\s+" + _BARE + r"(?!\s*(?:with|if|for|per|from)\b)", re.IGNORECASE),
           re.compile(r"\bfrom\s+(\d[\d,.]*)\s+(?:down |up )?to\s+\d[\d,.]*\s*-?\s*" + _MEASURE + r"\b", re.IGNORECASE),
           # "60 or 90 days", "6-8 weeks" (not "Price 98 - 30 days net": a spaced dash parts two things)
           re.compile(r"(?<![\d,.])(\d[\d,.]*)(?:\s+(?:or|to)\s+|[-\u2013])\d[\d,.]*\s*-?\s*" + _MEASURE + r"\b", re.IGNORECASE))


def elided_measures(t: str) -> set[float]:
    """The bare figures of a measure said once for two ("90 days, not 120" -> {120.0}); none said with a currency."""
    read = {start: value for value, start, _ in digit_numbers(t)}  # as the price candidates are read
    return {read[m.start(1)] for rx in _ELIDED for m in rx.finditer(t) if m.start(1) in read
            and not CURRENCY.search(t[max(0, m.start(1) - 6):m.start(1)] + " " + t[m.end(1):m.end(1) + 8])}  # not "USD 120"


# an availability or a rate said to the decimal ("99.6 against 99.9", "an uptime of 99.95"): a measure, no price
_AVAILABILITY = re.compile(r"9\d\.\d{1,2}")  # not "92,000" (a thousands group), not "96.50" read alone
_UPTIME = re.compile(r"%|\b(?:percent|per cent|uptime|availability|available|sla|against|versus|vs|at or above|or above|"
                     r"or better)\b", re.IGNORECASE)


def _availability(t: str, start: int, end: int) -> bool:
    """A figure from 90.0 to 99.99, said with a percentage, an uptime word or a comparison in its sentence and with no
    currency or price unit beside it: how much of the time something worked."""
    return (bool(_AVAILABILITY.fullmatch(t[start:end])) and bool(_UPTIME.search(sentence_around(t, start, end)))
            and not CURRENCY.search(t[max(0, start - 6):start] + " " + t[end:end + 8])
            and not re.match(r"\s*per\b", t[end:end + 6], re.IGNORECASE))


def names_no_price(t: str, start: int, end: int, price_unit: str) -> bool:
    """The figure at t[start:end] labels a thing, measures another quantity or counts per period: no candidate for
    the price."""
    return (bool(_LABEL_BEFORE.search(t[max(0, start - 20):start]) or _MEASURE_AFTER.match(t[end:end + 16]))
            or _counts(t, start, end, price_unit) or _availability(t, start, end))


# a figure in a sentence about a rival's price is theirs, not the seller's: "a Korean vendor, about 20% below our list"
_RIVAL = re.compile(r"\b(competitors?|competition|rivals?|(local|domestic|other|cheaper|chinese|korean|indian|japanese|turkish|"
                    r"european|american|german) (vendors?|suppliers?|bidders?|players?|makers?)|they (quote|offer|charge|sell)|"
                    r"their (price|quote|offer|bid)s?)\b", re.IGNORECASE)
_OURS = re.compile(r"\b(we|i) (can|could|will|'ll|would|'d) (do|offer|quote|go|give|match)\b|\bour (price|offer|quote) (is|would be|of)\b",
                   re.IGNORECASE)


# the seller turning to his own price after a rival's: "the other bidder maybe is at 260 but we are 295", "domestic
# supplier maybe 5.60, but we are 6.25"
_OUR_TURN = re.compile(r"\b(?:but|while|whereas|yet|however)\s*,?\s*(?:we|our|i)\b", re.IGNORECASE)


def about_a_rival(t: str, start: int) -> bool:
    """Is the figure at `start` in a sentence about a competitor's price (and no offer of the seller's own)? A figure
    after the seller turns to his own price in the same sentence ("... at 260 but we are 295") is his."""
    sentence = sentence_around(t, start, start)
    head, tail = re.split(SENTENCE_END, t[:start])[-1], re.split(SENTENCE_END, t[start:])[0]  # the sentence before and after the figure
    turns = [m.end() for m in _OUR_TURN.finditer(head)]
    if turns and not _RIVAL.search(head[turns[-1]:] + tail):
        return False
    return bool(_RIVAL.search(sentence)) and not _OURS.search(sentence)


# what may follow a figure's refusal: the end of the clause, or words about the spec or the moment
_ENDS_THE_REFUSAL = (r"(?=\s*(?:[.,;:!?\u2014\u2013)-]|$|(?:for|with|in|at|on) (?:this|that|these|the|your)\b|here\b|today\b|"
                     r"now\b|either\b|I'?m afraid\b|sorry\b))")
# a figure turned down right after it is said: "180 days is too long", "1,380 with twenty-four months I can't confirm here"
REJECTED_AFTER = re.compile(r"^\s*[\w ]{0,25}?\b(?:is|are|'s|would be|seems?)\s+(?:still )?(?:too |very |really |quite |a bit |rather )?"
                            r"(?:long|high|short|far|steep|difficult|hard|impossible|not possible)\b"
                            r"(?!\s+(?:enough|better|lower|higher|faster|shorter|longer|more|less)\b)"
                            # "1,380 with twenty-four months I can't confirm here", "5.70 we cannot do"
                            # (not "1,390, we can't do less": a comma, or "do" with a comparison, keeps the offer)
                            r"|^\s*(?:with [\w -]{0,25}?\s)?(?:i|we) (?:can[\u2019']?t|cannot|can not|won[\u2019']?t) (?:(?:confirm|"
                            r"accept|promise|approve|get (?:it )?approved|"
                            r"do(?! (?:less|better|more|lower|much|any|it for less)\b))\b"
                            # "1,250 I cannot reach for this specification" (not "1,420 we cannot go down to 1,400",
                            # "... we cannot meet any lower", "... we can't match 60 days", "... reach unless you commit")
                            r"|(?:reach|match|meet|go (?:down )?to)" + _ENDS_THE_REFUSAL + r")"
                            # "68,000 is not a number we can reach"
                            r"|^\s*(?:is|'s) not (?:a (?:number|price|figure|level) )?(?:that )?(?:i|we) can (?:reach|do|accept|"
                            r"go to|offer|match)" + _ENDS_THE_REFUSAL,
                            re.IGNORECASE)
