"""Prices said in words in a seller's line ("fourteen-eighty is a fair price", "let me say four hundred thousand",
"two ninety-nine. that's the number", "six-ten per bracket" where prices run in cents, "call it one-eighty" where they
run in thousands): which spoken figure is put on the table as the price, and which is a time, a count, a year or
another issue's value. Read by coach.understanding.prices when no figure in digits is one."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Collection

from coach.understanding.figures import PER_UNIT, REJECTED_AFTER, about_a_rival, names_no_price
from coach.understanding.numbers import CURRENCY_NAMES, numbers_in, sentence_around, spoken_readings


@dataclass(frozen=True)
class _Line:
    """What the readings of one line share: the price unit and band, whether a price can be said with cents (the band
    reaches under a hundred), the other issues (low, high, the words that name them) and what the buyer said before."""
    price_unit: str
    band: tuple[float, float]
    others: tuple[tuple[float, float, re.Pattern[str]], ...]
    priced: bool  # the buyer's line ended on the price ("Give me your final figure.")
    heard: frozenset[float]  # the figures the buyer's line said
    asks_other: bool  # the buyer's line asked for a count, a time or a duration ("How many technicians?")

    @property
    def cents(self) -> bool:
        return self.band[0] < 100


def spoken_spots(t: str, scenario: Any, taken: Collection[float], before: str | None, price_unit: str,
                 band: tuple[float, float]) -> list[tuple[float, int, int]]:
    """The seller's price said in words, with its place: right before its currency ("eighty-four thousand rupees"),
    as a large figure offered ("let me say four hundred thousand."), in two spoken groups offered or opening the line
    ("down to thirteen-sixty", "fourteen-fifty, final"), or in thousands said short where prices run in thousands ("I
    can come down to three hundred"). `taken`: the values other issues took; `band`: the figures that can be a price."""
    lo, hi = band
    line = _line(scenario, before, price_unit, band)
    spots = [x for x in _before_money(t, line) if x[0] not in taken]
    if not spots:  # ... or as a large figure that counts nothing ("let me say four hundred thousand.")
        spots = [x for x in _large_in_words(t, price_unit) if lo <= x[0] <= hi and x[0] not in taken]
    if not spots:  # ... or in two spoken groups, offered ("down to thirteen-sixty", "fourteen-eighty is fair")
        spots = [x for x in _offered_in_words(t, line) if x[0] not in taken]
    if not spots and lo >= 10_000:  # ... or in thousands, said short ("I can come down to three hundred"), where
        # no other issue could take the figure itself ("I can accept sixty" is payment days in the licence scenario)
        spots = [x for x in _thousands_said_short(t, price_unit, line.heard) if lo <= x[0] <= hi and x[0] not in taken
                 and not any(a <= x[0] / 1000 <= b for a, b, _ in line.others)]
    return spots


# words of an issue's unit that do not name it ("days *from* invoice", "percent *of* tooling cost")
_FILLERS = {"per", "from", "after", "of", "the", "by", "paid", "named", "buyer", "cost", "value", "today", "total"}
# the buyer asking for a count, a time or a duration: a figure opening the answer is no price
_ASKS_OTHER = re.compile(r"\b(?:how many|how much (?:volume|stock|time)|how long|how soon|when|what time|which year|what year|"
                         r"how old|what percentage|what share)\b[^.!?]*\?\s*$", re.IGNORECASE)


def _line(scenario: Any, before: str | None, price_unit: str, band: tuple[float, float]) -> _Line:
    """What the readings of this line share (see _Line)."""
    others = []
    for i in scenario.issues:
        if i.id != "price":
            words = {w for w in re.findall(r"[a-z]+", f"{i.id} {i.unit}".lower()) if len(w) >= 3 and w not in _FILLERS}
            # payment days are named by "net" and "credit" as well ("net 45", "sixty days credit")
            words |= {"net", "credit", "pay"} if "payment" in words else set()
            others.append((i.low, i.high, re.compile(r"\b(?:" + "|".join(sorted(words)) + r")s?\b", re.IGNORECASE)))
    end = before[-30:] if before else ""  # where the buyer's line ended: "... twenty-two years. Anyway. Price. Eighty-eight."
    heard = frozenset(numbers_in(before, words=True) + [v for r in _WORD_RUN.findall(before) for v in spoken_readings(r)]) \
        if before else frozenset()
    return _Line(price_unit, band, tuple(others), bool(_SAYS_PRICE.search(end) and not _OTHER_TERM.search(end)
                 and not _CREDIT.search(end)), heard, bool(before and _ASKS_OTHER.search(before)))


# a run of number words ("three hundred eighty-five thousand", "six point two five"), not across punctuation; a zero
# said "oh" ends it ("one-oh-eight" is left unread while the debrief judges any first price 10% below list, traded or not,
# as a deep opening: read, it cost skilled sellers who trade it for volume after the buyer named the list); after
# "point" it is a zero ("six point oh five" 6.05, as a transcribed call writes it)
_UNITS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
          r"eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety")
_TOKEN = rf"(?:{_UNITS})(?:-(?:{_UNITS}))?|hundred|thousand|million|lakhs?|crores?"
_WORD_RUN = re.compile(rf"\b(?:{_TOKEN})(?:(?:\s+|\s+and\s+|-)(?:{_TOKEN})|\s+point\s+(?:oh\s+)?(?:{_UNITS}))*\b",
                       re.IGNORECASE)
_LARGE = re.compile(r"\b(?:hundred|thousand|million|lakhs?|crores?)\b", re.IGNORECASE)
_K_AFTER = re.compile(r"\s*k\b", re.IGNORECASE)  # "three ninety-five k": thousands


def _readings(run: str, line: _Line, scale: float = 1, least: float = 10) -> list[float]:
    """The reading of a spoken figure that falls in the price band: two groups first ("fourteen-eighty" 1480; where
    a price can have cents "six-ten" 6.10, "ninety-eight fifty" 98.50), else the figure as counted ("a hundred and
    seventy" 170, "six point two five" 6.25, "fourteen hundred" 1400; under
    `least` only with cents: "six" alone is a count, "six dollars" a price)."""
    lo, hi = line.band
    plain = numbers_in(run, words=True)
    grouped = [v for v in spoken_readings(run) if v not in plain]
    hundreds = [v * scale for v in grouped if v >= 100 and v == int(v)]
    cents = [v * scale for v in grouped if v != int(v)] if line.cents and scale == 1 else []
    hit = [v for v in hundreds + cents if lo <= v <= hi]
    if hit or hundreds:  # "ninety-eight fifty" is never a hundred and forty-eight
        return hit[:1]
    if len(plain) == 1 and (least <= plain[0] or plain[0] != int(plain[0])) and lo <= plain[0] * scale <= hi:
        return [plain[0] * scale]
    return []


# what says such a figure is offered: "let me say", "I can do", "for you,", "we go to", "So: …", "I can give you",
# "we could live with", "we are", "give me" (the seller's ask: "give me two-seventy k and I'll commit")
_OFFERED_BEFORE = re.compile(r"(?:\b(?:say|call it|do|offer|propose|go to|go down to|come to|make it|accept|at|for you|need|"
                             r"give you|give me|live with|land (?:it )?(?:at|on)|we are|we['\u2019]re|"
                             r"(?:price|budget) (?:is|of|to)|hold|keep|stay at|"
                             # "on price two eighty five", "on price for the full programme two eighty five" (spoken)
                             r"\bprice(?: for (?:the )?[\w -]{0,25}?)?)"
                             r"|:)\s*,?\s*$", re.IGNORECASE)


# what may follow such a figure for it to stand as a price: the end of the clause, or a word that goes on with it
_STANDS = re.compile(r"\s*(?:[.,;:!?)\u2014\u2013]|$|(?:is|would|could|will|for|per|if|with|and|as|then|um|uh|erm|"
                     r"to (?:win|get|close|secure|cover|make))\b)", re.IGNORECASE)


# "seventy-five thousand a seat": the figure then the price's own unit ("per named seat per year")
_A_UNIT = re.compile(r"\s+(?:a|an|each|every)\s+([a-z]+)\b", re.IGNORECASE)


def _per_unit(t: str, end: int, price_unit: str) -> bool:
    """What follows the figure at `end` is its price unit said with "a"/"each" ("a seat", "each kit")."""
    m = _A_UNIT.match(t, end)
    return bool(m) and re.search(rf"\b{re.escape(m.group(1).lower().rstrip('s'))}s?\b", price_unit.lower()) is not None


def _large_in_words(t: str, price_unit: str) -> list[tuple[float, int, int]]:
    """Figures of a hundred or more said in words that stand on their own ("four hundred thousand.", "three hundred
    eighty-five thousand is possible"; not "one hundred eighty days", "two hundred in planning"), with their places."""
    out: list[tuple[float, int, int]] = []
    for m in _WORD_RUN.finditer(t):
        values = numbers_in(m.group(), words=True)
        if _LARGE.search(m.group()) and len(values) == 1 and (_STANDS.match(t, m.end()) or _per_unit(t, m.end(), price_unit)) \
                and _OFFERED_BEFORE.search(t[max(0, m.start() - 30):m.start()]) \
                and not names_no_price(t, m.start(), m.end(), price_unit):
            out.append((values[0], m.start(), m.end()))
    return out


# said after a figure in two groups, it is put forward as the price: "Fourteen-eighty is a fair price", "thirteen-sixty
# is a really good number", "one sixty-five is our best"; before it, "down to", "up to"
_PRICE_AFTER = re.compile(r"\s+is (?!not\b|never\b)(?:a |an |our |the |my )?(?:[\w-]+ ){0,2}(?:price|number|offer|figure|best)\b"
                          r"(?! (?:\w+ )?(?:quoted|offered|charged|gave|gives|pays?))", re.IGNORECASE)
# the buyer's figure praised and turned down: "Eighty-five is a beautiful number, Mr. Hamad. I'd like it on my car plate,
# not on my price list." ("Eighty-eight is a fair price, let's sign" takes it up: a price)
_TURNED_DOWN = re.compile(r"\b(?:not|no|but|can['\u2019]?t|cannot|impossible|too low)\b", re.IGNORECASE)


def _turned_down_heard(t: str, end: int, value: float, line: _Line) -> bool:
    """The figure is the buyer's, turned down after it is praised."""
    return value in line.heard and bool(_TURNED_DOWN.search(t[end:end + 90]))


# a sentence about the time of day: a figure in it is a clock time ("we can do lunch at twelve thirty")
_A_TIME_SAID = re.compile(r"\b(?:lunch|dinner|breakfast|call(?! it\b)|meet\w*|arriv\w*|land|lands|landing|flight|train|o'?clock|a\.?m\.?|"
                          r"p\.?m\.?|tomorrow|tonight|morning|afternoon|evening|stand-?up|office)\b", re.IGNORECASE)
# another term named in the sentence: "On payment, I can offer ninety" is days, whatever price word the turn has
_OTHER_TERM = re.compile(r"\b(?:payment|days?|terms?|warranty|months?|weeks?|years?|volume|units)\b", re.IGNORECASE)
_SAYS_NO = re.compile(r"\b(?:no|not|never|can['\u2019]?t|cannot|impossible|says no)\b", re.IGNORECASE)
_CREDIT = re.compile(r"\b(?:credit|pay|paying|how long|tenor|agreed|fine|okay|ok)\b", re.IGNORECASE)
_TO_BEFORE = re.compile(r"\b(?:down|up) to\s*$", re.IGNORECASE)
_GOES_ON = re.compile(r"\s+(?:instead|to start|flat|then)\b", re.IGNORECASE)


# the line (or the end of the buyer's) speaks of the price: a price word, a currency, a delivery basis ("one-ten,
# delivered Jebel Ali") or the number asked for ("Give me your final figure.", not "the number of sites")
_SAYS_PRICE = re.compile(r"\b(?:price|pricing|per (?:unit|piece|kit|set|seat|gearbox|meter|bracket)|dollars?|euros?|usd|eur|"
                         r"delivered|ddp|fca|fob|cif|exw|(?:final|best|last|your|a|the|our) (?:number|figure|offer)(?! of))\b",
                         re.IGNORECASE)


# a figure said in two groups: "one-fifteen", "two ninety-nine", "ninety-eight fifty" (not "ninety-five",
# "a hundred and ten": one number each)
_SMALL = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
          r"eighteen|nineteen")
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_DIGIT = r"one|two|three|four|five|six|seven|eight|nine"
_GROUP = rf"(?:{_SMALL}|(?:{_TENS})(?:[\s-](?:{_DIGIT}))?)"
_IN_GROUPS = re.compile(rf"{_GROUP}[\s-]+{_GROUP}", re.IGNORECASE)
_ONE_NUMBER = re.compile(rf"(?:{_TENS})[\s-](?:{_DIGIT})", re.IGNORECASE)


def _taken_by_another_issue(v: float, run: str, place: tuple[int, int], t: str, line: _Line) -> bool:
    """A figure another issue could take is that issue's when the sentence names it ("On payment, I can offer
    ninety") or when the line does not speak of the price ("we can do ninety"). A figure said in two groups, the way
    prices are said ("one-fifteen", "two-ninety"), is only when its own clause names the issue ("with one hundred
    twenty days ..., so I need to be at one-ten" is a price); a figure with cents is no issue's."""
    fits = [words for a, b, words in line.others if a <= v <= b]
    if not fits or v != int(v):
        return False
    if _IN_GROUPS.fullmatch(run) and not _ONE_NUMBER.fullmatch(run):
        clause = re.split(r"[,;:.!?\u2014\u2013]", t[:place[0]])[-1] + re.split(r"[,;:.!?\u2014\u2013]", t[place[1]:])[0]
        return any(w.search(clause) for w in fits)
    sentence = sentence_around(t, *place)
    return any(w.search(sentence) for w in fits) or not (_SAYS_PRICE.search(t) or (line.priced and not _SAYS_NO.search(sentence)))


def _offered_in_words(t: str, line: _Line) -> list[tuple[float, int, int]]:
    """Prices said in words ("fourteen-eighty" 1480, "ninety-five", "six-ten" 6.10, "three ninety-five k") offered as
    prices: an offer word before and the clause ending or going on, "is a fair price" after, or opening the line or
    its main clause ("fourteen-fifty, final", "if we go three years, one sixty-five, ..."); with their places."""
    out: list[tuple[float, int, int]] = []
    for m in _WORD_RUN.finditer(t):
        k = _K_AFTER.match(t, m.end())
        end = k.end() if k else m.end()
        values = _readings(m.group(), line, 1000 if k else 1)
        sentence = sentence_around(t, m.start(), end)
        if not values or _A_TIME_SAID.search(sentence) or about_a_rival(t, m.start()) \
                or names_no_price(t, m.start(), end, line.price_unit) \
                or _taken_by_another_issue(values[0], m.group(), (m.start(), end), t, line):
            continue  # "lunch at twelve thirty", "Denso is at fourteen-twenty", "two hundred technicians", "ninety days"
        before = t[max(0, m.start() - 30):m.start()]
        offered = (_OFFERED_BEFORE.search(before) or _TO_BEFORE.search(before)) and (
            _STANDS.match(t, end) or _GOES_ON.match(t, end) or _per_unit(t, end, line.price_unit))
        if offered or (_PRICE_AFTER.match(t, end) and not _turned_down_heard(t, end, values[0], line)) \
                or _opens_as_price(t, m, end, values[0], line):
            out.append((values[0], m.start(), end))
    return out


# a figure that opens the line, a sentence or the main clause after a condition ("fourteen-fifty, final", "ok, two
# ninety-nine.", "if we go three years, one sixty-five, same as today", "Here's a real step: at ten thousand committed,
# one-ten.", "a hundred and seventy flat.")
_OPENS_CLAUSE = re.compile(r"(?:^|[.!?:\u2014\u2013]\s*|\.\.\.\s*|\bif\b[^.?!]{3,60},\s*"
                           r"|(?:^|[.!?:]\s+)(?:at|with|for)\b[^.?!:,]{3,60},\s*)"
                           r"(?:(?:ok(?:ay)?|so|well|alright|fine|look|listen|right|honestly|yes|yeah|sure)\b[,.!]?\s*)*(?:a\s+)?$",
                           re.IGNORECASE)
# a figure that could be a year ("twenty twenty-six"): a price only where the line or the buyer's speaks of the price
_A_YEAR = re.compile(r"^(?:nineteen|twenty)\b", re.IGNORECASE)


def _opens_as_price(t: str, m: re.Match[str], end: int, value: float, line: _Line) -> bool:
    """The spoken figure opens the line or its main clause and stands as a price there (the clause ends, a condition
    or "final", "flat", "even", "per bracket" follows), and is no figure of the buyer's, no count or time asked for,
    no clock time ("it's four-forty") and no year said in passing."""
    sentence = sentence_around(t, m.start(), end)
    return bool(_OPENS_CLAUSE.search(t[:m.start()]) and (_OPENING_STANDS.match(t, end) or _per_unit(t, end, line.price_unit))
                and value not in line.heard and not line.asks_other and not _RIVALS_SAID.search(sentence)
                and not _HOW_MANY.search(t[max(0, m.start() - 40):m.start()]) and not _A_TIME.search(sentence)
                and not REJECTED_AFTER.match(t[end:end + 45])
                and not (_CLOCK.fullmatch(m.group()) and _IT_IS.search(t[:m.start()]) and not _SPEAKS_OF_MONEY.search(sentence))
                and not (_A_YEAR.match(m.group()) and 1900 <= value <= 2100 and not _SAYS_PRICE.search(t) and not line.priced))


# what says a figure under a thousand is offered as thousands: "I can come down to three hundred", "call it one-eighty",
# "we could probably do it at one-eighty", "or — even one-eighty"
# ("at two hundred we'd be at eight percent" weighs a figure, it offers none)
_SHORT_OFFERED = re.compile(r"(?:\b(?:do|do it (?:at|for)|even|offer|propose|go to|go down to|come down to|come to|make it|call it|need|settle (?:at|on)|"
                            r"ask(?:ing)? for|(?:my |our )?budget (?:of|to)|(?:our |my |the )?(?:price|offer|proposal) (?:is|of|to)|"
                            r"(?:offer|proposal)[^.?!:]{0,25}:|it['\u2019]?s|it is|that['\u2019]?s|that is|special:?)"
                            r"|\bif\b[^.?!]{0,60}\bthen)\s*,?\s*$", re.IGNORECASE)
# a turn or a sentence that opens with the figure ("Three-eighty-five with an exit tied to response.")
_OPENS = re.compile(r"(?:^|[.!?:\u2014\u2013]\s*|\.\.\.\s*)$")
_SHORT_FIGURE = re.compile(rf"\b(?:\d{{2,3}}(?![\d.,]\d)|(?:(?:{_UNITS})(?:-(?:{_UNITS}))?|hundred)"
                           rf"(?:(?:\s+|\s+and\s+|-)(?:(?:{_UNITS})(?:-(?:{_UNITS}))?|hundred))*)\b", re.IGNORECASE)

# what follows a figure that opens a sentence for it to be offered: a condition, a clause end or a word that closes a
# price ("Three-eighty-five with an exit", "Four-ten, and ...", "fourteen-fifty, final", "fourteen hundred even",
# "six-ten per bracket", "one seventy-four for 2000 seats"); not "Two hundred technicians", "Three-thirty works for the
# call", "Two-fifty. That's the number of sites"
_OPENING_STANDS = re.compile(r"\s*(?:[.,;!)\u2014\u2013](?!\s*(?:no way|that['\u2019]?s (?:how many|the number of|aggressive|your|what)|"
                             r"you want to kill|that hurts|impossible|too (?:high|low|much)|really\?))|$|"
                             r"(?:with|for|per|if|unless|and|flat|even|firm|final|tops|net|"
                             r"(?:is|would be) (?:my|our|the) (?:offer|price|number|best|final|last))\b)",
                             re.IGNORECASE)
_RIVALS_SAID = re.compile(r"\b(?:gave|quoted|offered|charged) you\b|\bwith them\b|\b(?:current|other) (?:provider|supplier|vendor)\b",
                          re.IGNORECASE)
_HOW_MANY = re.compile(r"\bhow many\b[^.!]*\?\s*$|\b(?:call-outs|sites|technicians|people|units)\b[^.!]*\?\s*$", re.IGNORECASE)
_ACCEPTED_AFTER = re.compile(r"\s+(?:is|would be) (?:fine|ok(?:ay)?|acceptable|workable)\b", re.IGNORECASE)
_REFUSED = re.compile(r"\b(?:won[\u2019']?t|will not|can[\u2019']?t|cannot|can not|unable|not|never|no way)\b[^.,;:!?]{0,25}$",
                      re.IGNORECASE)
# a time of day said the same way ("two thirty is fine", "call it two thirty then, my time")
_A_TIME = re.compile(r"\b(?:am|pm|a\.m\.|p\.m\.|o'?clock|my time|your time|morning|afternoon|evening|"
                     r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|meeting|meet|call (?:you|me|us)|break|lunch|dinner|"
                     r"train|flight|half past|quarter (?:past|to))\b", re.IGNORECASE)
# "it's three-thirty": an hour and its minutes said after "it's" are the time, unless the sentence speaks of money
_CLOCK = re.compile(r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ](?:o-?\w+|oh-?\w+|ten|eleven|twelve|"
                    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty)(?:-\w+)?)",
                    re.IGNORECASE)
_IT_IS = re.compile(r"\b(?:it['\u2019]?s|it is)\s*$", re.IGNORECASE)
_SPEAKS_OF_MONEY = re.compile(r"\b(?:price|cost|costs|pay|euros?|dollars?|eur|usd|per|package|discount|out|without|offer)\b", re.I)
_THEIRS = re.compile(r"\b(?:your|their|the other|competitor'?s?|list)\b[^.?!\d]{0,20}$", re.IGNORECASE)


def _thousands_said_short(t: str, price_unit: str, heard: frozenset[float] = frozenset()) -> list[tuple[float, int, int]]:
    """Figures from 10 to 999 offered where the prices run in thousands ("I can come down to three hundred", "call it
    one-eighty"), read as thousands, with their places; not a measure ("call it fifty percent")."""
    out: list[tuple[float, int, int]] = []
    for m in _SHORT_FIGURE.finditer(t):
        values = numbers_in(m.group(), words=True)
        if len(values) == 1 and 10 <= values[0] < 1000 and _STANDS.match(t, m.end()) \
                and (_SHORT_OFFERED.search(t[max(0, m.start() - 30):m.start()]) or _ACCEPTED_AFTER.match(t, m.end())
                     or (_OPENS.search(t[:m.start()]) and _OPENING_STANDS.match(t, m.end()) and values[0] not in heard
                         and not _RIVALS_SAID.search(sentence_around(t, m.start(), m.end()))
                         and not _HOW_MANY.search(t[max(0, m.start() - 40):m.start()]))) \
                and not _REFUSED.search(t[max(0, m.start() - 40):m.start()]) and not _THEIRS.search(t[max(0, m.start() - 30):m.start()]) \
                and not _A_TIME.search(sentence_around(t, m.start(), m.end())) and not REJECTED_AFTER.match(t[m.end():m.end() + 45]) \
                and not names_no_price(t, m.start(), m.end(), price_unit) and not re.match(r"\s*(?:k|%)", t[m.end():], re.I) \
                and not (_CLOCK.fullmatch(m.group()) and _IT_IS.search(t[:m.start()])
                         and not _SPEAKS_OF_MONEY.search(sentence_around(t, m.start(), m.end()))):
            out.append((values[0] * 1000, m.start(), m.end()))
    return out


# the currency as a word of its own ("European" names no euros), right after a price said in words
_MONEY_WORDS = (r"\b(?:" + "|".join(CURRENCY_NAMES) + r"|lakhs?|crores?)\b"
                r"|\bper (?:" + PER_UNIT + r")\b")
# up to six words that end in a number word, then the currency: "we can do eighty-four thousand rupees per seat" (not
# from inside a spoken figure: "six-ten per bracket" is no ten)
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|"
                r"seventy|eighty|ninety|hundred|thousand|million|lakhs?|crores?|[a-z]+-(?:" + _UNITS + r"))")
_WORDS_THEN_MONEY = re.compile(r"(?<![\w-])((?:\b[\w-]+\s+){0,5}" + _NUMBER_WORD + r")\s+(?:" + _MONEY_WORDS + ")", re.I)


def _before_money(t: str, line: _Line) -> list[tuple[float, int, int]]:
    """A price in words right before its currency or price unit ("eighty-four thousand rupees", "six-ten per bracket"),
    with its place; not where digits are said in the same words ("for 500 seats, eighty thousand rupees")."""
    out: list[tuple[float, int, int]] = []
    for m in _WORDS_THEN_MONEY.finditer(t):
        runs = [r for r in _WORD_RUN.finditer(t, m.start(1), m.end(1)) if r.end() == m.end(1)]
        if runs and not numbers_in(m.group(1), words=False):
            out += [(v, runs[0].start(), runs[0].end()) for v in _readings(runs[0].group(), line, least=0)]
    return out


# a price's whole and its cents said around the currency ("6 dollar 15 cent", "six dollars and twenty cents", "6 dollars
# 20" at the end of its clause): one price, written 6.15 dollar
_SAID_FIGURE = rf"\d{{1,3}}|(?:{_UNITS})(?:[\s-]+(?:{_UNITS}))*"
_MONEY_PAIR = re.compile(rf"(?<![\d.,\w-])({_SAID_FIGURE})\s*(dollars?|usd|euros?|eur|bucks)\s+(?:and\s+)?({_SAID_FIGURE})"
                         rf"(?:\s*(cents?)\b|(?=\s*(?:[.,;!?]|$)))", re.IGNORECASE)


def money_pairs(t: str) -> str:
    """The line with each price said as whole and cents around its currency written as one figure."""
    def one(m: re.Match[str]) -> str:
        whole, cents = numbers_in(m.group(1), words=True), numbers_in(m.group(3), words=True)
        if len(whole) != 1 or len(cents) != 1 or not (0 < cents[0] < 100 and cents[0] == int(cents[0])):
            return m.group()
        return f"{whole[0] + cents[0] / 100:.2f} {m.group(2)}"
    return _MONEY_PAIR.sub(one, t)
