"""The seller's price and terms in a line: the figures in the scenario's ranges and units, and which of them is the
seller's own offer (not the list moved from, a rival's price, a limit, a count, a cash discount or an availability)."""
from __future__ import annotations

import re
from typing import Any

from coach.understanding.figures import (CURRENCY, PER_UNIT, REJECTED_AFTER, about_a_rival, elided_measures,
                                         names_no_price)
from coach.understanding.numbers import ascii_digits, digit_numbers, numbers_in
from coach.understanding.spoken_prices import money_pairs, spoken_spots

# r3v34l, base64 runs: not offers (a figure with its thousands or millions suffix, "398k", "1.2m", is one)
_MIXED = re.compile(r"\b(?!\d+(?:[.,]\d+)?[kKmM]\b)(?=\w*[^\W\d_])(?=\w*\d)\w{4,}\b")


def extract_terms(text: str, scenario: Any, und: Any, before: str | None = None) -> None:
    """Price and issue values put on the table (numbers in the scenario's ranges and units); `before`: the buyer's
    previous line (one about the price and nothing else makes "For you, ninety-eight." a price, not payment days)."""
    t = _written_out(money_pairs(_MIXED.sub(" ", ascii_digits(text))), scenario)
    for issue in scenario.issues:
        if issue.id == "price":
            continue
        value = _issue_value(t, issue.unit)
        if value is not None:
            und.terms[issue.id] = value
    price_issue = next((i for i in scenario.issues if i.id == "price"), None)
    price_unit = f"{price_issue.unit if price_issue is not None else ''} {scenario.seller_brief.unit or ''}"
    # the price said wins over arithmetic on a percentage beside it ("ok 3% off, so 310" is 310; "92,000 per seat,
    # that's about 4% off the 96,000 list" is 92,000); a percentage alone is taken off the list ("I can do 5% off")
    _stated_price(t, scenario, und, before, price_unit)
    # where the price is itself a discount (headquarters' discount budget), "9% off list" is the customer's price
    if und.price is None and not (price_issue is not None and "discount" in price_issue.unit.lower()):
        pct = _percent_off(t, und)
        if pct is not None:
            und.price = round(scenario.seller_brief.list_price * (1 - pct / 100), 4)


def _stated_price(t: str, scenario: Any, und: Any, before: str | None, price_unit: str) -> None:
    """The seller's own price as a figure in digits, else in words, and a further step down on top of it."""
    list_price = scenario.seller_brief.list_price
    lo, hi = price_range(scenario)
    limits = {v for v, start, end in digit_numbers(t) if _said_as_limit(t, start, end) or about_a_rival(t, start)
              or names_no_price(t, start, end, price_unit) or _PERCENT_BASE.search(t[max(0, start - 30):start])}
    # "PPAP level 3", "1,800 a year", "4% off the 96,000" (the figure a percentage is taken from); and the list itself
    # beside a discount ("from 180, 5% off"), and the buyer's figure said back ("you mentioned 1,300 — below our cost")
    limits |= ({list_price} if _percent_off(t, und) is not None else set()) | _buyers(t) | elided_measures(t)
    # a figure that counts something or names the list ("our 96,000 list") is no candidate, so the offer beside
    # it is still read ("... from our 96,000 list. For 500 seats I can go to 88,000")
    candidates = [v for v in numbers_in(t, words=False)
                  if lo <= v <= hi and v not in und.terms.values() and v not in limits and price_cue(t, v, scenario)]
    # "2,180 instead of 2,400": the figure the seller moved from is no offer (unless it is the only one)
    # ... and one turned down each time it is said ("1,250 I cannot reach for this specification") is none, even alone
    # (not "100 is really hard... but okay. So: 100, 90 days")
    said = digit_numbers(t)
    turned_down = {v for v, _, end in said if all(refused_at(t, e) for x, _, e in said if x == v)}
    candidates = [v for v in candidates if v not in turned_down]
    candidates = [v for v in candidates if v not in _moved_from(t)] or candidates
    spots = [(v, start, end) for v, start, end in said if v in candidates]
    if not candidates:  # ... or a price said in words
        spots = spoken_spots(t, scenario, set(und.terms.values()), before, price_unit, (lo, hi))
        candidates = [v for v, _, _ in spots]
    if candidates:
        step = _further_step(t, spots)
        und.price = step[-1] if step else min(candidates, key=lambda v: abs(v - list_price))
        und.price_steps = step[:-1] if step else []


# what keeps a refused figure in play: "1,390 is really difficult for us, but I can accept it for three years", "I can
# give 1,420 but your 90 days is too long" (the refusal is about something else)
_STILL_IN_PLAY = re.compile(r"\b(?:but|however|though|still|yet|unless|if|without|except|and|below|under|above|to beat)\b|\d")


def refused_at(t: str, end: int) -> bool:
    """The figure ending at `end` is refused right after it is said, and nothing in the rest of its sentence takes it
    back into play."""
    m = REJECTED_AFTER.match(t[end:end + 45])
    if m is None:
        return False
    rest = re.split(r"(?<=[.!?])\s", t[end:], maxsplit=1)[0]
    return not _STILL_IN_PLAY.search(rest)


def _percent_off(t: str, und: Any) -> float | None:
    """The percentage the seller takes off the list ("5% discount", "a discount of 5 percent"); not another issue's
    value ("55% probability"), a rival's, a cash discount, a yearly reduction ("annual reduction of 1.5 percent", "2
    percent reduction every year") or a step on top of an earlier one ("another 2% off": off a figure not said here)."""
    loose = re.search(r"\b(discount|off|reduc\w*|rebate)\b(?!-)", t, re.IGNORECASE)
    for m in _PERCENT.finditer(t):
        ahead = t[max(0, m.start() - 30):m.start()]
        if about_a_rival(t, m.start()) or _CASH_DISCOUNT.match(t, m.end()) or _YEARLY_BEFORE.search(ahead) \
                or _YEARLY_AFTER.match(t, m.end()) or _ON_TOP.search(ahead):
            continue  # "2 percent discount for payment at 45 days" is a payment term, not the price
        pct = float(m.group(1).replace(",", "."))
        if 0 < pct < 60 and (m.group(3) or _said_as_discount(t, m.start(1)) or (loose and pct not in und.terms.values())):
            return pct
    return None


# a percentage said per year is the yearly price reduction, not a discount off the list ("with annual reduction of 1.5
# percent", "2 percent reduction every year", "1% a year"; not "5% off for a year")
_YEARLY_BEFORE = re.compile(r"\b(?:annual|annually|yearly|per year|each year|every year)\b[^.;!?\d]{0,20}$", re.IGNORECASE)
_YEARLY_AFTER = re.compile(r"\s*(?:%|percent|per cent|prozent)?\s*(?:\w+\s+){0,2}?(?:per year|(?<!for )a year|each year|every year|"
                           r"annual(?:ly)?|yearly|per annum|year on year|year over year)\b", re.IGNORECASE)
# a step on top of an earlier one: "I can take another 2% off", "a further 3 percent"
_ON_TOP = re.compile(r"\b(?:another|a further|further|an extra|extra|an additional|additional)\s*$", re.IGNORECASE)
# the figure a percentage is taken from: "4% off the 96,000 list", "13% of 2.4 million", "5% below 320"
_PERCENT_BASE = re.compile(r"(?:%|\bper ?cent|\bprozent)\s*(?:off|of|below|under|from|on)\s+(?:(?:the|our|your|a|list|"
                           r"price)\s+)*(?:of\s+)?[$€£¥]?\s*$", re.IGNORECASE)
# the buyer's figure said back: "you mentioned 1,300", "you said 150", "your target of 1,300" (not "your price is 1,420":
# the seller telling the buyer what he pays)
_BUYERS_BEFORE = re.compile(r"\b(?:you (?:mentioned|said|asked for|offered|proposed|suggested|wanted|want|quoted)|your (?:target|"
                            r"budget|offer|number|figure|proposal|counter(?:-?offer)?)(?: of| is| was)?)\s*(?:about |around )?"
                            r"[$€£¥]?\s*$", re.IGNORECASE)


def _buyers(t: str) -> set[float]:
    """The figures said only as the buyer's ("You said 150. I can get to 162, not 150." leaves 162), where every time
    a figure is said it is his (one said again as one's own is not: "you said 1,440? Ok, 1,440 it is")."""
    spots = digit_numbers(t)
    theirs = {v for v, start, _ in spots if _BUYERS_BEFORE.search(t[max(0, start - 40):start])}
    return {v for v in theirs if all(_BUYERS_BEFORE.search(t[max(0, s - 40):s]) for x, s, _ in spots if x == v)}


# thousands grouped with dots, cents after a comma ("1.395 euros", "EUR 1.435,00", "1.420,- EUR"): 1,395 / 1,435.00 /
# 1,420 where no price has three decimals (the lowest acceptable price is a hundred or more)
_CONTINENTAL = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+)(,\d{2}|,-)?(?![\d.,]*\d)")


def _written_out(t: str, scenario: Any) -> str:
    """The line with figures grouped the continental way written the English way, where a price is one of them."""
    price_issue = next((i for i in scenario.issues if i.id == "price"), None)
    if price_issue is None or price_issue.low < 100:
        return t
    return _CONTINENTAL.sub(lambda m: m.group(1).replace(".", ",") + ("." + m.group(2)[1:] if m.group(2) and m.group(2) != ",-"
                                                                         else ""), t)


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


def _moved_from(t: str) -> set[float]:
    """The figures said as the position the seller moves from (or turns down), not the one put on the table."""
    return {v for v, start, end in digit_numbers(t)
            if _FROM_BEFORE.search(t[max(0, start - 40):start]) or REJECTED_AFTER.match(t[end:end + 45])
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


def _said_as_limit(t: str, start: int, end: int) -> bool:
    return bool(_LIMIT_BEFORE.search(t[max(0, start - 40):start]) or _LIMIT_AFTER.match(t[end:end + 40]))


# words of a unit that do not name it ("days *from* invoice", "USD *per* seat", "*named* seats")
_UNIT_FILLERS = {"per", "from", "after", "of", "the", "by", "paid", "net", "named", "buyer", "cost", "value", "today"}


def _issue_value(t: str, unit: str) -> float | None:
    """The number written right before the word naming the issue's unit ('2,000 seats', '30 days', '3.5%')."""
    word = next((w for w in unit.lower().split() if len(w) >= 3 and w not in _UNIT_FILLERS), None)
    if word is None:
        return None
    # not a share of a sum ("that's about 13% of 2.4 million", "5% of the list")
    after = re.compile(r"(?:%|\s*(?:per ?cent|prozent)\b)(?!\s*(?:discount|off|reduction|rebate|lower)\b)"
                       r"(?!\s*of\s+(?:the\s+|our\s+|your\s+)?(?:list|[$€£¥]?\s*\d))" if word == "percent"
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


# a currency, or the price unit said after the figure ("per seat", and here also "per year")
_CURRENCY = re.compile(CURRENCY.pattern + r"|\bper (?:" + PER_UNIT + r"|year)\b", re.I)


_FUNCTION_WORDS = {"per", "each", "a", "an", "the", "for", "with", "would", "will", "could", "and", "or", "is", "as", "then",
                   "flat", "net", "all", "in", "on", "at", "if", "but", "so", "to", "from", "including", "incl", "excluding",
                   "delivered", "fca", "fob", "cif", "ddp", "exw", "plus", "which", "that", "works", "work", "ok", "okay",
                   "instead", "rather", "than", "down", "up", "only", "now", "today", "i", "we", "unless",
                   # a price held: "if not three years, then 180 stays", "1,450 remains our price"
                   "stays", "stands", "remains", "holds",
                   # "I can go down to 1,350 straight away", "right away"
                   "straight", "immediately"}
# words that leave a figure a price only at the end of its clause: "1,390 firm.", "1,400 tops", not "1,400 firm orders"
_CLOSING_WORDS = re.compile(r"\s*(?:firm|tops|already|max(?:imum)?)\s*(?:[.,;:!?)\u2014\u2013]|$)", re.IGNORECASE)


_NAMED_CURRENCY = re.compile(r"\s*(?:us|u\.s\.|american|saudi|uae|emirati|indian|brazilian|chinese|japanese|korean|"
                             r"hong kong|singapore)\s+(?:dollars?|riyals?|dirhams?|rupees?|reais|real|yuan|yen|won)\b", re.I)


# the price moved to the figure: "reduce the price to 1,380", "the unit price would be 6.05" ("the price is 120 because…"
# restates the list beside the offer); or held at it: "we hold 398,000 through Spring Festival", "we stay at 6.40"
_PRICED_BEFORE = re.compile(r"(?:\b(?:price|priced|quotation|quote)\b(?: \w+)?\s*(?:to|of|at|becomes|would be|will be|could be)|"
                            r"\b(?:we|i) (?:hold|keep|stay at|remain at|stick (?:to|with))(?: the price(?: at)?)?)\s*"
                            r"(?:about |around |only |just )?$", re.IGNORECASE)
# the price's own noun after the figure, where the price is a sum of that name ("320,000 discount", "300k of discount
# budget" where the price is headquarters' discount budget)
_OWN_NOUN = re.compile(r"\s*(?:of\s+)?(?:the\s+)?(discount|budget|rebate)\b", re.IGNORECASE)


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
        noun = _OWN_NOUN.match(text, end)
        return f"per {word}" in unit or word in ("k", "m", "thousand", "million") or bool(noun and noun.group(1).lower() in unit)
    return True  # written in words or another form the number reader understood: keep it
