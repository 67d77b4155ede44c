"""The seller's price and terms in a line: the figures in the scenario's ranges and units, and which of them is the
seller's own offer (not the list moved from, a rival's price, a limit, a count, a cash discount or an availability)."""
from __future__ import annotations

import re
from typing import Any

from coach.understanding.figures import CURRENCY, names_no_price
from coach.understanding.numbers import (CURRENCY_NAMES, ascii_digits, digit_numbers, numbers_in, sentence_around,
                                         spoken_readings)

# r3v34l, base64 runs: not offers (a figure with its thousands or millions suffix, "398k", "1.2m", is one)
_MIXED = re.compile(r"\b(?!\d+(?:[.,]\d+)?[kKmM]\b)(?=\w*[^\W\d_])(?=\w*\d)\w{4,}\b")


def extract_terms(text: str, scenario: Any, und: Any, before: str | None = None) -> None:
    """Price and issue values put on the table (numbers in the scenario's ranges and units); `before`: the buyer's
    previous line (one about the price and nothing else makes "For you, ninety-eight." a price, not payment days)."""
    t = _MIXED.sub(" ", ascii_digits(text))
    list_price = scenario.seller_brief.list_price
    lo, hi = price_range(scenario)
    for issue in scenario.issues:
        if issue.id == "price":
            continue
        value = _issue_value(t, issue.unit)
        if value is not None:
            und.terms[issue.id] = value
    # "5% discount" / "a discount of 5 percent" -> a price relative to the list price; a percentage that is another
    # issue's value ("55% probability, and a discount budget of 330,000") is not
    loose = re.search(r"\b(discount|off|reduc\w*|rebate)\b(?!-)", t, re.IGNORECASE)
    price_issue = next((i for i in scenario.issues if i.id == "price"), None)
    # where the price is itself a discount (headquarters' discount budget), "9% off list" is the customer's price
    percents = [] if price_issue is not None and "discount" in price_issue.unit.lower() else _PERCENT.finditer(t)
    for m in percents:
        if _about_a_rival(t, m.start()) or _CASH_DISCOUNT.match(t, m.end()):
            continue  # a rival's figure; "2 percent discount for payment at 45 days" is a payment term, not the price
        pct = float(m.group(1).replace(",", "."))
        if 0 < pct < 60 and (m.group(3) or _said_as_discount(t, m.start(1)) or (loose and pct not in und.terms.values())):
            und.price = round(list_price * (1 - pct / 100), 4)
            break
    if und.price is None:
        price_unit = f"{price_issue.unit if price_issue is not None else ''} {scenario.seller_brief.unit or ''}"
        limits = {v for v, start, end in digit_numbers(t) if _said_as_limit(t, start, end) or _about_a_rival(t, start)
                  or names_no_price(t, start, end, price_unit)}  # "PPAP level 3", "1,800 a year"
        # a figure that counts something or names the list ("our 96,000 list") is no candidate, so the offer beside
        # it is still read ("... from our 96,000 list. For 500 seats I can go to 88,000")
        candidates = [v for v in numbers_in(t, words=False)
                      if lo <= v <= hi and v not in und.terms.values() and v not in limits and price_cue(t, v, scenario)]
        # "2,180 instead of 2,400": the figure the seller moved from is no offer (unless it is the only one)
        candidates = [v for v in candidates if v not in _moved_from(t)] or candidates
        if not candidates:  # a price in words counts only right before its currency ("eighty-four thousand rupees")
            candidates = [v for m in _WORDS_THEN_MONEY.finditer(t) for v in numbers_in(m.group(1), words=True)[-1:]
                          if lo <= v <= hi and v not in und.terms.values() and not numbers_in(m.group(1), words=False)]
        spots = [(v, start, end) for v, start, end in digit_numbers(t) if v in candidates]
        if not candidates:  # ... or as a large figure that counts nothing ("let me say four hundred thousand.")
            spots = [x for x in _large_in_words(t, price_unit) if lo <= x[0] <= hi and x[0] not in und.terms.values()]
            candidates = [v for v, _, _ in spots]
        # the other issues' ranges: a figure in words one of them could take is no price ("we can do ninety" is days)
        others = [(i.low, i.high) for i in scenario.issues if i.id != "price"]
        if not candidates:  # ... or in two spoken groups, offered ("down to thirteen-sixty", "fourteen-eighty is fair")
            end = before[-30:] if before else ""  # where the buyer's line ended: "... twenty-two years. Anyway. Price. Eighty-eight."
            priced = bool(_SAYS_PRICE.search(end) and not _OTHER_TERM.search(end) and not _CREDIT.search(end))
            spots = [x for x in _two_groups(t, price_unit, others, priced) if lo <= x[0] <= hi and x[0] not in und.terms.values()]
            candidates = [v for v, _, _ in spots]
        if not candidates and lo >= 10_000:  # ... or in thousands, said short ("I can come down to three hundred"), where
            # no other issue could take the figure itself ("I can accept sixty" is payment days in the licence scenario)
            heard = frozenset(numbers_in(before, words=True) + [v for r in _WORD_RUN.findall(before) for v in spoken_readings(r)]) \
                if before else frozenset()
            spots = [x for x in _thousands_said_short(t, price_unit, heard) if lo <= x[0] <= hi and x[0] not in und.terms.values()
                     and not any(a <= x[0] / 1000 <= b for a, b in others)]
            candidates = [v for v, _, _ in spots]
        if candidates:
            step = _further_step(t, spots)
            und.price = step[-1] if step else min(candidates, key=lambda v: abs(v - list_price))
            und.price_steps = step[:-1] if step else []


# a run of number words ("three hundred eighty-five thousand"), not across punctuation
_UNITS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
          r"eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety")
_WORD_RUN = re.compile(rf"\b(?:(?:{_UNITS})(?:-(?:{_UNITS}))?|hundred|thousand|million|lakhs?|crores?)"
                       rf"(?:(?:\s+|\s+and\s+|-)(?:(?:{_UNITS})(?:-(?:{_UNITS}))?|hundred|thousand|million|lakhs?|crores?))*\b",
                       re.IGNORECASE)
_LARGE = re.compile(r"\b(?:hundred|thousand|million|lakhs?|crores?)\b", re.IGNORECASE)


# what says such a figure is offered: "let me say", "I can do", "for you,", "we go to", "So: …"
_OFFERED_BEFORE = re.compile(r"(?:\b(?:say|call it|do|offer|propose|go to|go down to|come to|make it|accept|at|for you|need|"
                             r"(?:price|budget) (?:is|of|to))"
                             r"|:)\s*,?\s*$", re.IGNORECASE)


# what may follow such a figure for it to stand as a price: the end of the clause, or a word that goes on with it
_STANDS = re.compile(r"\s*(?:[.,;:!?)\u2014\u2013]|$|(?:is|would|could|will|for|per|if|with|and|as|then|"
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
# is a really good number"; before it, "down to", "up to"
_PRICE_AFTER = re.compile(r"\s+is (?!not\b|never\b)(?:a |an |our |the |my )?(?:[\w-]+ ){0,2}(?:price|number|offer|figure)\b"
                          r"(?! (?:\w+ )?(?:quoted|offered|charged|gave|gives|pays?))", re.IGNORECASE)
# a sentence about the time of day: a figure in it is a clock time ("we can do lunch at twelve thirty")
_A_TIME_SAID = re.compile(r"\b(?:lunch|dinner|breakfast|call(?! it\b)|meet\w*|arriv\w*|land|lands|landing|flight|train|o'?clock|a\.?m\.?|"
                          r"p\.?m\.?|tomorrow|tonight|morning|afternoon|evening|stand-?up|office)\b", re.IGNORECASE)
# another term named in the sentence: "On payment, I can offer ninety" is days, whatever price word the turn has
_OTHER_TERM = re.compile(r"\b(?:payment|days?|terms?|warranty|months?|weeks?|years?|volume|units)\b", re.IGNORECASE)
_SAYS_NO = re.compile(r"\b(?:no|not|never|can['\u2019]?t|cannot|impossible|says no)\b", re.IGNORECASE)
_CREDIT = re.compile(r"\b(?:credit|pay|paying|how long|tenor|agreed|fine|okay|ok)\b", re.IGNORECASE)
_TO_BEFORE = re.compile(r"\b(?:down|up) to\s*$", re.IGNORECASE)
_GOES_ON = re.compile(r"\s+(?:instead|to start|flat|then)\b", re.IGNORECASE)


_SAYS_PRICE = re.compile(r"\b(?:price|pricing|per (?:unit|piece|kit|set|seat|gearbox|meter|bracket)|dollars?|euros?|usd|eur)\b",
                         re.IGNORECASE)


def _two_groups(t: str, price_unit: str, others: list[tuple[float, float]], priced: bool = False) -> list[tuple[float, int, int]]:
    """Prices said in two spoken groups ("fourteen-eighty" 1480, "twelve ninety" 1290) or in words under a thousand
    ("ninety-five"), offered as prices (an offer
    word before and the clause ending or going on, or "is a fair price" after), with their places; never a year
    said in passing ("founded in nineteen-eighty")."""
    out: list[tuple[float, int, int]] = []
    for m in _WORD_RUN.finditer(t):
        plain = numbers_in(m.group(), words=True)
        values = [v for v in spoken_readings(m.group()) if v not in plain and v >= 100 and v == int(v)]
        sentence = sentence_around(t, m.start(), m.end())
        if _A_TIME_SAID.search(sentence) or _about_a_rival(t, m.start()):
            continue  # "lunch at twelve thirty", "my train arrives at thirteen fifty", "Denso is at fourteen-twenty"
        if not values and len(plain) == 1 and 10 <= plain[0] < 1000 and not _LARGE.search(m.group()) \
                and not _OTHER_TERM.search(sentence) \
                and (_SAYS_PRICE.search(t) or (priced and not _SAYS_NO.search(sentence))
                     or not any(a <= plain[0] <= b for a, b in others)):
            # a price under a thousand said in words ("I can do ninety-five.", "down to one-twenty"), where no other
            # issue could take the figure ("we can do ninety" is payment days too) unless the line speaks of the price
            values = plain
        if not values or names_no_price(t, m.start(), m.end(), price_unit):
            continue
        before = t[max(0, m.start() - 30):m.start()]
        offered = (_OFFERED_BEFORE.search(before) or _TO_BEFORE.search(before)) and (
            _STANDS.match(t, m.end()) or _GOES_ON.match(t, m.end()) or _per_unit(t, m.end(), price_unit))
        if offered or _PRICE_AFTER.match(t, m.end()):
            out.append((values[0], m.start(), m.end()))
    return out


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

# what follows a figure that opens a sentence for it to be offered: a condition or a clause end ("Three-eighty-five
# with an exit", "Four-ten, and ..."); not "Two hundred technicians", "Three-thirty works for the call"
_OPENING_STANDS = re.compile(r"\s*(?:[.,;!)\u2014\u2013](?!\s*(?:no way|that['\u2019]?s (?:how many|the number|aggressive|your|what)|"
                             r"you want to kill|that hurts|impossible|too (?:high|low|much)|really\?))|$|"
                             r"(?:with|for|if|and|(?:is|would be) (?:my|our|the) (?:offer|price|number|best|final|last))\b)",
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
                and not _A_TIME.search(sentence_around(t, m.start(), m.end())) and not _REJECTED_AFTER.match(t[m.end():m.end() + 45]) \
                and not names_no_price(t, m.start(), m.end(), price_unit) and not re.match(r"\s*(?:k|%)", t[m.end():], re.I) \
                and not (_CLOCK.fullmatch(m.group()) and _IT_IS.search(t[:m.start()])
                         and not _SPEAKS_OF_MONEY.search(sentence_around(t, m.start(), m.end()))):
            out.append((values[0] * 1000, m.start(), m.end()))
    return out


# a second, lower figure offered on top of the first: "I can do 160. And actually, if it helps, 150.", "2,100. Even
# 2,000, if it helps", "I could do 2,250. And if that's still tricky, 2,050.", "four hundred thousand. And honestly, for
# you, three hundred eighty-five thousand is possible."
_FURTHER = re.compile(r"\b(?:actually|even|you know what|if needed|for you|if (?:that|it|this)(?:'s| is)?\b[^.?!\d]{0,20}?"
                      r"\b(?:still|helps?|needed|hard|high|tricky|difficult|not enough))\b", re.IGNORECASE)


def _further_step(t: str, spots: list[tuple[float, int, int]]) -> list[float] | None:
    """The seller's figure and the lower one it offers on top, when the last is said as a further step."""
    if len(spots) < 2:
        return None
    (before, _, end), (last, start, stop) = spots[-2], spots[-1]
    between = re.split(r"[.;!?]\s", t[end:start])
    if last >= before or len(between) < 2 or _NOT_FURTHER.search(between[-1]) or _AT_A_LOSS.match(t, stop):
        return None  # only a figure in a sentence of its own ("… 160. And actually, if it helps, 150.")
    return [before, last] if _FURTHER.search(between[-1]) else None


# look-alikes of a further step: "not even our biggest customer gets 150", "even at 150 we would lose money", a tier
# or a later year ("for 2,000 seats, even 165", "in the second year")
_NOT_FURTHER = re.compile(r"\b(?:not even|even at|even (?:cheaper|lower|less) (?:for|than|at)|seats?|units?|pieces|kits?|sets?|"
                          r"years?|months?|volume|tier)\b|\d", re.IGNORECASE)
_AT_A_LOSS = re.compile(r"[^.?!;]{0,25}\b(?:lose|loss|losing|impossible|not possible|cannot|can'?t|below (?:our )?cost)\b",
                        re.IGNORECASE)


# a figure the seller moves away from: "2,180 instead of 2,400", "down from 120", "rather than 90 days", "180 days is
# long for us, but I'll accept 150", "let's forget the 180"
_FROM_BEFORE = re.compile(r"\b(?:instead of|rather than|down from|up from|compared (?:to|with)|versus|vs\.?|"
                          r"(?:forget|scrap|drop|ignore|never mind)(?: about)?|(?:the |our |your )?"
                          r"(?:new |current |old |official |standard )?list(?: price)? (?:is|was|of|at|says))\s*(?:the |our |your |"
                          r"a |an )?(?:list )?(?:price )?(?:of )?[$€£]?\s*$", re.IGNORECASE)
# "180 is the new list", "2,400 is our list price"
_LIST_AFTER = re.compile(r"^\s*(?:[a-z$€£]{1,8}\s*)?(?:is|was|'s)\s+(?:the|our|your)\s+(?:new |current |old |official |standard )?"
                         r"list\b", re.IGNORECASE)
# "move from 120 to 114": the first figure (not "from 2027 to 2029" read as a price: a year is out of the price range)
_FROM_TO_BEFORE = re.compile(r"\bfrom\s*(?:the |our )?[$€£]?\s*$", re.IGNORECASE)
_FROM_TO_AFTER = re.compile(r"^\s*(?:[a-z$€£]{1,8}\s*)?(?:to|down to)\s*[$€£]?\s*\d", re.IGNORECASE)
_REJECTED_AFTER = re.compile(r"^\s*[\w ]{0,25}?\b(?:is|are|'s|would be|seems?)\s+(?:too |very |really |quite |a bit |rather )?"
                             r"(?:long|high|short|far|steep|difficult|hard|impossible|not possible)\b"
                             r"(?!\s+(?:enough|better|lower|higher|faster|shorter|longer|more|less)\b)"
                             # "1,380 with twenty-four months I can't confirm here", "5.70 we cannot do"
                             # (not "1,390, we can't do less": a comma, or "do" with a comparison, keeps the offer)
                             r"|^\s*(?:with [\w -]{0,25}?\s)?(?:i|we) (?:can[\u2019']?t|cannot|can not|won[\u2019']?t) (?:confirm|"
                             r"accept|promise|approve|get (?:it )?approved|do(?! (?:less|better|more|lower|much|any|it for less)\b))\b",
                             re.IGNORECASE)


def _moved_from(t: str) -> set[float]:
    """The figures said as the position the seller moves from (or turns down), not the one put on the table."""
    return {v for v, start, end in digit_numbers(t)
            if _FROM_BEFORE.search(t[max(0, start - 40):start]) or _REJECTED_AFTER.match(t[end:end + 45])
            or _LIST_AFTER.match(t[end:end + 40])
            or (_FROM_TO_BEFORE.search(t[max(0, start - 40):start]) and _FROM_TO_AFTER.match(t[end:end + 20]))
            or _FALLBACK_BEFORE.search(t[max(0, start - 80):start])}


# the price if the trade falls through ("With that clause, 1,395. Without the clause, about 1,440."; "otherwise 2,400"):
# the other figure is the one on the table
_FALLBACK_BEFORE = re.compile(r"\b(?:without (?:the|that|this|it|a|an|such)\b|otherwise\b|if not\b|or else\b)[^.;!?]{0,60}$"
                              # "284 if payment is sixty days; at ninety days I stay at 290"
                              r"|[;,]\s*at [^.;!?]{0,20}\b(?:days|months|years|percent|%)[^.;!?]{0,10}\b(?:i|we)(?:['\u2019]d| would| will|"
                              r"['\u2019]ll)? (?:stay|remain) at\s*$",
                              re.IGNORECASE)


# a number said as a limit is no price on the table: "216,000 is the floor", "our minimum is 1,320"
_LIMIT_BEFORE = re.compile(r"\b(floor|minimum|bottom line|walk[- ]?away|lowest we can go)\s*(price\s*)?(is|of|at|would be|:)?\s*"
                           r"(about|around|roughly|approximately)?\s*[$€£]?\s*$", re.IGNORECASE)
_LIMIT_AFTER = re.compile(r"^\s*(\w+\s*)?(is|would be|'s)\s+(the|our|my)\s+(absolute\s+)?(floor|minimum|bottom line|walk[- ]?away|limit)\b",
                          re.IGNORECASE)


# a figure in a sentence about a rival's price is theirs, not the seller's: "a Korean vendor, about 20% below our list"
_RIVAL = re.compile(r"\b(competitors?|competition|rivals?|(local|domestic|other|cheaper|chinese|korean|indian|japanese|turkish|"
                    r"european|american|german) (vendors?|suppliers?|bidders?|players?|makers?)|they (quote|offer|charge|sell)|"
                    r"their (price|quote|offer|bid)s?)\b", re.IGNORECASE)
_OURS = re.compile(r"\b(we|i) (can|could|will|'ll|would|'d) (do|offer|quote|go|give|match)\b|\bour (price|offer|quote) (is|would be|of)\b",
                   re.IGNORECASE)


def _about_a_rival(t: str, start: int) -> bool:
    """Is the figure at `start` in a sentence about a competitor's price (and no offer of the seller's own)?"""
    sentence = sentence_around(t, start, start)
    return bool(_RIVAL.search(sentence)) and not _OURS.search(sentence)


def _said_as_limit(t: str, start: int, end: int) -> bool:
    return bool(_LIMIT_BEFORE.search(t[max(0, start - 40):start]) or _LIMIT_AFTER.match(t[end:end + 40]))


# words of a unit that do not name it ("days *from* invoice", "USD *per* seat", "*named* seats")
_UNIT_FILLERS = {"per", "from", "after", "of", "the", "by", "paid", "net", "named", "buyer", "cost", "value", "today"}


def _issue_value(t: str, unit: str) -> float | None:
    """The number written right before the word naming the issue's unit ('2,000 seats', '30 days', '3.5%')."""
    word = next((w for w in unit.lower().split() if len(w) >= 3 and w not in _UNIT_FILLERS), None)
    if word is None:
        return None
    after = re.compile(r"(?:%|\s*(?:per ?cent|prozent)\b)(?!\s*(?:discount|off|reduction|rebate|lower)\b)" if word == "percent"
                       else r"\s*" + re.escape(word.rstrip("s")) + r"(?:s|es)?\b", re.IGNORECASE)
    found = [value for value, start, end in digit_numbers(t) if after.match(t, end)
             and not (word == "percent" and _said_as_discount(t, start))]
    moved = _moved_from(t)  # "180 days is long for us, but I'll accept 150 days": 150
    return next((v for v in found if v not in moved), found[0] if found else None)


# a percentage said as a discount: "a discount of 5%", "reduce the price by 4 percent", "another 3% off"
_DISCOUNT_BEFORE = re.compile(r"\b(discount|reduc\w*|rebate|lower\w*|cut\w*|down)\b[^.?!\d]{0,20}\b(of|by)\s*"
                              r"(about |around |roughly |another |an extra |a further |only )?$", re.IGNORECASE)


def _said_as_discount(t: str, start: int) -> bool:
    """Is the number starting at `start` introduced as a discount ("a discount of", "reduce the price by")?"""
    return bool(_DISCOUNT_BEFORE.search(t[max(0, start - 40):start]))


# a discount for paying early (a payment term): "2% discount for payment at 45 days", "3% off if you pay in 10 days"
_CASH_DISCOUNT = re.compile(r"[^.?!;,]{0,20}?\b(?:for (?:early |prompt )?payment|for paying|if (?:you |they )?pay|on payment)\b",
                            re.IGNORECASE)
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(%|percent|per cent|prozent)(\s*(discount|off|reduction|rebate|lower)\b)?",
                      re.IGNORECASE)


def price_range(scenario: Any) -> tuple[float, float]:
    """The band in which a number reads as a price for this scenario."""
    list_price = scenario.seller_brief.list_price
    price_issue = next(i for i in scenario.issues if i.id == "price")
    return min(price_issue.low, list_price) * 0.5, max(price_issue.high, list_price) * 1.5


# the units a price is said per ("per seat"): one list for the currency check and for a price said in words
_PER_UNIT = r"unit|piece|kit|bracket|seat|set|gearbox|pump|meter|licen[cs]e|user"
# a currency, or the price unit said after the figure ("per seat", and here also "per year")
_CURRENCY = re.compile(CURRENCY.pattern + r"|\bper (?:" + _PER_UNIT + r"|year)\b", re.I)


# the currency as a word of its own ("European" names no euros), right after a price said in words
_MONEY_WORDS = (r"\b(?:" + "|".join(CURRENCY_NAMES) + r"|lakhs?|crores?)\b"
                r"|\bper (?:" + _PER_UNIT + r")\b")
# up to six words that end in a number word, then the currency: "we can do eighty-four thousand rupees per seat"
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|"
                r"seventy|eighty|ninety|hundred|thousand|million|lakhs?|crores?|[a-z]+-(?:one|two|three|four|five|six|seven|eight|nine))")
_WORDS_THEN_MONEY = re.compile(r"((?:\b[\w-]+\s+){0,5}" + _NUMBER_WORD + r")\s+(?:" + _MONEY_WORDS + ")", re.I)
_FUNCTION_WORDS = {"per", "each", "a", "an", "the", "for", "with", "would", "will", "could", "and", "or", "is", "as", "then",
                   "flat", "net", "all", "in", "on", "at", "if", "but", "so", "to", "from", "including", "incl", "excluding",
                   "delivered", "fca", "fob", "cif", "ddp", "exw", "plus", "which", "that", "works", "work", "ok", "okay",
                   "instead", "rather", "than", "down", "up", "only", "now", "today", "i", "we",
                   # "I can go down to 1,350 straight away", "right away"
                   "straight", "immediately"}
# words that leave a figure a price only at the end of its clause: "1,390 firm.", "1,400 tops", not "1,400 firm orders"
_CLOSING_WORDS = re.compile(r"\s*(?:firm|tops|already|max(?:imum)?)\s*(?:[.,;:!?)\u2014\u2013]|$)", re.IGNORECASE)


_NAMED_CURRENCY = re.compile(r"\s*(?:us|u\.s\.|american|saudi|uae|emirati|indian|brazilian|chinese|japanese|korean|"
                             r"hong kong|singapore)\s+(?:dollars?|riyals?|dirhams?|rupees?|reais|real|yuan|yen|won)\b", re.I)


# the price moved to the figure: "reduce the price to 1,380", "the unit price would be 6.05" ("the price is 120 because…"
# restates the list beside the offer)
_PRICED_BEFORE = re.compile(r"\b(?:price|priced|quotation|quote)\b(?: \w+)?\s*(?:to|of|at|becomes|would be|will be|could be)\s*"
                            r"(?:about |around |only |just )?$", re.IGNORECASE)


def price_cue(clean: str, price: float, scenario: Any) -> bool:
    """Is the number read as a price really one? Not when it counts something ('1,870 seats', '300 kits')."""
    if scenario is None:
        return False
    text = ascii_digits(clean)
    for value, start, end in digit_numbers(text):
        if abs(value - price) > 1e-6 * max(1.0, price):
            continue
        m = re.match(r"\s*([^\W\d_]+)", text[end:])
        word = m.group(1).lower() if m else ""
        if _NAMED_CURRENCY.match(text[end:]):  # "120 US dollars", "295 Saudi riyals"
            return True
        before = text[max(0, start - 12): start]
        if _PRICED_BEFORE.search(text[max(0, start - 30): start]):  # "reduce the price to 1,380 right away"
            return True
        # a participle after the figure says what happens to the price, it counts nothing ("300,000 approved")
        if (not word or not word.isascii() or word in _FUNCTION_WORDS or word.endswith("ed") or _CURRENCY.fullmatch(word)
                or _CURRENCY.search(before) or _CLOSING_WORDS.match(text[end:])):
            return True
        unit = scenario.seller_brief.unit.lower()
        return f"per {word}" in unit or word in ("k", "m", "thousand", "million")
    return True  # written in words or another form the number reader understood: keep it
