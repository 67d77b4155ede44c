"""Rule signals on a seller's utterance: what regular expressions are good at.

Numbers and terms (prices, quantities, days), hidden text (base64, rot13, leetspeak, Unicode tags),
injection and limit-probe phrasings, silence, and a keyword flag per act. The learned head uses the flags
as features; injection and limit-probe detection stay a union of rule and model so they never get weaker.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from coach.understanding.figures import CURRENCY, names_no_price
from coach.understanding.hidden import hidden_texts
from coach.understanding.numbers import ascii_digits, digit_numbers, numbers_in
from coach.understanding.asking import (  # noqa: F401  (read by the reader)
    asks_in_form, asks_indirectly, asks_what_matters, could_probe, inverted_question)
from coach.understanding.role_break import role_break  # noqa: F401  (rules.role_break, read by the reader)

_P = {
    "greeting": r"\b(hello|hi|good (morning|afternoon|evening)|nice to (meet|see)|pleasure to meet|thank you for (having|receiving|meeting)|annyeong|안녕|assalam|salam|السلام|marhaba|مرحبا|konnichiwa|こんにちは|はじめまして|ni ?hao|你好|bom dia|boa tarde|ol[aá]|guten (tag|morgen)|goedemorgen|hallo|namaste|नमस्ते)\b",
    "small_talk": r"\b(weather|family|trip|flight|journey|weekend|holiday|vacation|football|soccer|golf|food|lunch|dinner|coffee|tea|city|hotel|children|kids|hobby|how are you|how have you been|how was|your (city|country|office)|traffic|season|festival|ramadan kareem|chuseok|eid mubarak|happy new year)\b",
    "relationship": r"\b(long[- ]term|partnership|relationship|trust|together|honou?r|respect|appreciate|grateful|visit (you|your)|invite you|our pleasure|gift|small present|learn from you|your (experience|advice)|friend(ship)?)\b",
    "pressure": r"\b(deadline|by (monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|noon|the end of|end of (the )?(week|month|quarter))|today only|final offer|take it or leave it|last chance|expires?|must decide|need (an answer|a decision)|right now|immediately|asap|urgent|this week|end of (the )?quarter|limited time|other customers are waiting|"
                  # "our capacity may go to another project"
                  r"(capacity|slot|allocation|line time) (may|might|will|would|could) (go|be given|be allocated) to (another|other))\b",
    "escalation": r"\b((talk|speak|go|write|email|e-mail|call|contact|meet|complain|escalate)( this)? (to|with|over|above)? ?(your|the) (boss|director|manager|superior|ceo|vp|vice president|team leader|chairman|gm|general manager|head of)|go (over|above|around) your head|speak (to|with) (someone|somebody) (more )?senior|escalat(e|ing) (this|it)|call your (director|boss|ceo)|"
                  # already gone around: "I sent Team Leader Choi an e-mail with the offer this morning"
                  r"(sent|e-?mailed|forwarded|wrote to|copied|cc'?d|called|rang|phoned|contacted)( (it|this|that|the "
                  r"(offer|quote|quotation|proposal|numbers?|draft)))?( (directly )?to)? (your |the )?(boss|director|"
                  r"superior|ceo|vp|vice president|team leader|chairman|gm|general manager)\b(?! of (our|my)\b)"
                  r"(?![^.?!]*\b(as you (suggested|asked|said|wished)|through you|with you in (copy|cc)|cc'?(ing)? you|"
                  r"copying you)\b))",
    "agreement": r"(^\s*(deal|agreed)\b|\b(deal|agreed)[.!]?\s*\??\s*$|\b(it'?s a deal|we have a deal|we (can )?accept|i accept|let'?s sign|we have an agreement|shake hands on|sounds good,? let'?s (do|go)|we('| a)re fine with|(ok(ay)?|fine|good),? (agreed|deal)|i agree to|we agree (to|on)))",
    "walk_away": r"\b(walk away|we('| wi)ll (have to )?(withdraw|walk)|no deal|end (the|these) (talks|negotiation)|we('| a)re (out|done)|not interested anymore|goodbye|this is not going to work|let'?s stop here|we withdraw)\b",
    "commitment_request": r"\b(can you (commit|confirm|sign|approve|decide)|do we have a deal|will you sign|give me (a|your) (yes|commitment|decision)|are you ready to (sign|commit|decide)|can we close|purchase order|\bpo\b|nominat(e|ion) us|sign today)\b",
    # a budget the seller speaks of is no probe: headquarters' "discount budget" is the price in that rehearsal, and
    # the buyer's budget cycle, approval or freeze is the decision process
    "limit_probe": r"\b((?<!discount )budget(?! (cycle|approvals?|planning|plans?|freezes?|locks?|locked|pressure|process|year|round|season|period)\b)|your (max(imum)?|limit|ceiling|target|walk[- ]?away|reservation|bottom line|best price|highest|upper limit)|how (much|high) can you (go|pay)|what('| i)s (the|your) (max|limit|budget|target)|(higher|lower) (than|or lower|or higher)|more or less than|above or below|is it (above|below|over|under)|between \d|internal (price|target|number)|what (number|price|figure) (would|will|did|do) (you|your)|(highest|maximum|max|top|lowest|minimum) (price|number|figure|amount|rate)|how (high|far) can you go|(give me |just )?a (rough )?range|ceiling(?![- ]?(mounted|height|heights|fans?|lights?|tiles?|panels?|hung|hoists?))|maximaler preis|preço máximo|precio máximo|prezzo massimo|obergrenze|höchstpreis|orçamento|presupuesto|limite máximo|prix maximum)\b"
                   r"|最高|最大|上限|予算|预算|底价|예산|한도|최대|الميزانية|الحد الأقصى|أقصى سعر|أقصى",
    "injection": r"(ignore (all |your |the )?(previous |prior |above )?(instructions|rules|prompt)|system prompt|developer mode|debug mode|you are (now )?(an? )?(ai|assistant|language model|chatgpt|the seller)\b|pretend (to be|you are)|\bact as|role[- ]?play as|switch roles|swap roles|reveal (your|the) (instructions|prompt|secret|hidden)|print (your|the) (instructions|prompt|config)\b|<\|im_start\|>|<\|im_end\|>|\[/?inst\]|<<sys>>|### (instruction|system)|jailbreak|as an ai|repeat the (text|words) above|what are your instructions|hidden (limits?|information|numbers?)|private (block|limits?|information|numbers?)|reservation price|역할|システム|指示を無視|忽略|تجاهل|anweisungen|ignoriere|instruções|instrucciones)",
    "concession": r"\b(we can (lower|reduce|drop|go down|come down|offer|include|extend|add)|i can (lower|reduce|drop|go down|come down|offer|include|extend|add)|as a gesture|we('| wi)ll (lower|reduce|drop|include|extend|add)|meet you (in the middle|halfway)|reduce (the|our) price|lower (the|our) price|discount of|additional discount|free (of charge|shipping|training)|waive|"
                  r"(we|i)('ll| will| can| could) (take|cover|absorb|carry|pay) (the |all |full |the full |all the )?"
                  r"(\w+ ){0,2}(costs?|tooling|freight|shipping|duties|duty|fees?)( \w+)? (ourselves|on us|ourself)|"
                  r"you (don'?t|do not|won'?t|will not) (have to |need to )?pay (anything|nothing) for)\b",
    "offer": r"\b(offer|propose|proposal|quote|quotation|price (is|of|would be)|we can do|how about|what about|at \d|for \d|per (unit|piece|bracket|seat|set|kit|meter|year))\b",
    "question": r"(\?|^(what|how|why|when|who|which|could you|can you|would you|do you|is there|are there|may i)\b)",
    "information": r"\b(our (company|plant|factory|team|product|quality|references?|customers?|delivery|lead time|certification|service)|we (have|supply|deliver|produce|manufacture|are certified)|data|spec(ification)?s?|test results?|warranty|case study|references?)\b",
}
_RX = {k: re.compile(v, re.IGNORECASE) for k, v in _P.items()}
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\U000e0000-\U000e007f]")



_SILENCE = re.compile(r"[.…\s]*|[\(\[]?(silence|pause[sd]?|says nothing|stays silent|\.\.\.|waits?)[\)\]]?[.!]?", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|next week|end of (the )?"
                      r"(day|week|month|quarter)|\d{1,2}(st|nd|rd|th)? of \w+|\d{1,2}[./]\d{1,2})\b", re.IGNORECASE)
_SELF_FUTURE = re.compile(r"\b(i'?ll|i will|we'?ll|we will|i am going to|we are going to|i'?m going to|we'?re going to|let me|"
                          r"i can send|we can send|i shall|we shall|you will (have|receive|get) (it|the|our))\b", re.IGNORECASE)
_YOU_MUST = re.compile(r"\b(you (need|have|must|'?ve got) to|need (your|an?) (answer|decision|signature|confirmation)|"
                       r"(your|a) decision (by|before|today)|otherwise|or (else|we)|expires?|only valid|last chance|"
                       r"final offer|take it or leave it|waiting (for|in line)|other (customers|clients|buyers))\b", re.IGNORECASE)
_CONDITIONAL = re.compile(r"\b(if you|if your|provided (that )?you|in return|in exchange|on condition|as long as you|"
                          r"against a|subject to your|should you)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(i|we|our|my|us)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(you|your|yours)\b", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\U000e0000-\U000e007f]")

FLAG_NAMES: tuple[str, ...] = tuple(f"rx_{k}" for k in _P) + (
    "question_mark", "number", "price_in_range", "percent", "date_word", "self_future", "you_must", "conditional",
    "first_person", "second_person", "short", "long", "non_latin", "hidden_intent")


def clean_text(text: str) -> str:
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text or "")).strip()


def is_silence(clean: str) -> bool:
    return not clean or bool(_SILENCE.fullmatch(clean))


def rule_acts(clean: str) -> list[str]:
    return [name for name, rx in _RX.items() if rx.search(clean)]


def hidden_intent(raw: str, clean: str) -> str | None:
    """Text smuggled in an encoding that asks for the rules or the limits, if any."""
    for hidden in hidden_texts(raw):
        # only a signal the plain text does not show itself: "fit your budget: 1,450" read as leetspeak is no attack
        if unicodedata.normalize("NFKC", hidden).strip() != clean and any(
                _RX[a].search(hidden) and not _RX[a].search(clean) for a in ("injection", "limit_probe")):
            return hidden
    return None


def flags(raw: str, clean: str, price_range: tuple[float, float] | None) -> list[float]:
    """One 0/1 feature per rule signal, in FLAG_NAMES order."""
    out = [1.0 if rx.search(clean) else 0.0 for rx in _RX.values()]
    nums = numbers_in(clean, words=False)
    in_range = bool(price_range and any(price_range[0] <= n <= price_range[1] for n in nums))
    words = clean.split()
    out += [
        1.0 if "?" in clean or "？" in clean or "؟" in clean else 0.0,
        1.0 if nums else 0.0,
        1.0 if in_range else 0.0,
        1.0 if re.search(r"\d\s*(%|percent|per cent)", clean, re.I) else 0.0,
        1.0 if _WEEKDAY.search(clean) else 0.0,
        1.0 if _SELF_FUTURE.search(clean) else 0.0,
        1.0 if _YOU_MUST.search(clean) else 0.0,
        1.0 if _CONDITIONAL.search(clean) else 0.0,
        1.0 if _FIRST_PERSON.search(clean) else 0.0,
        1.0 if _SECOND_PERSON.search(clean) else 0.0,
        1.0 if len(words) <= 3 else 0.0,
        1.0 if len(words) >= 40 else 0.0,
        1.0 if re.search(r"[^\x00-\u024f\u2000-\u206f\u20a0-\u20cf]", clean) else 0.0,
        1.0 if hidden_intent(raw, clean) else 0.0,
    ]
    return out


# r3v34l, base64 runs: not offers (a figure with its thousands or millions suffix, "398k", "1.2m", is one)
_MIXED = re.compile(r"\b(?!\d+(?:[.,]\d+)?[kKmM]\b)(?=\w*[^\W\d_])(?=\w*\d)\w{4,}\b")


def extract_terms(text: str, scenario: Any, und: Any) -> None:
    """Price and issue values put on the table (numbers in the scenario's ranges and units)."""
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


# what may follow such a figure for it to stand as a price: the end of the clause, or a word that goes on with it
_STANDS = re.compile(r"\s*(?:[.,;:!?)\u2014\u2013]|$|(?:is|would|could|will|for|per|if|with|and|as|then)\b)", re.IGNORECASE)


def _large_in_words(t: str, price_unit: str) -> list[tuple[float, int, int]]:
    """Figures of a hundred or more said in words that stand on their own ("four hundred thousand.", "three hundred
    eighty-five thousand is possible"; not "one hundred eighty days", "two hundred in planning"), with their places."""
    out: list[tuple[float, int, int]] = []
    for m in _WORD_RUN.finditer(t):
        values = numbers_in(m.group(), words=True)
        if _LARGE.search(m.group()) and len(values) == 1 and _STANDS.match(t, m.end()) \
                and not names_no_price(t, m.start(), m.end(), price_unit):
            out.append((values[0], m.start(), m.end()))
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
    (before, _, end), (last, start, _) = spots[-2], spots[-1]
    return [before, last] if last < before and _FURTHER.search(t[end:start]) else None


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
                             r"(?!\s+(?:enough|better|lower|higher|faster|shorter|longer|more|less)\b)", re.IGNORECASE)


def _moved_from(t: str) -> set[float]:
    """The figures said as the position the seller moves from (or turns down), not the one put on the table."""
    return {v for v, start, end in digit_numbers(t)
            if _FROM_BEFORE.search(t[max(0, start - 40):start]) or _REJECTED_AFTER.match(t[end:end + 45])
            or _LIST_AFTER.match(t[end:end + 40])
            or (_FROM_TO_BEFORE.search(t[max(0, start - 40):start]) and _FROM_TO_AFTER.match(t[end:end + 20]))}


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


def _sentence_around(t: str, start: int, end: int) -> str:
    """The sentence (or clause up to ';') that holds t[start:end], with its closing mark."""
    left = max(t.rfind(c, 0, start) for c in ".;!?\n") + 1
    ends = [i for i in (t.find(c, end) for c in ".;!?\n") if i >= 0]
    return t[left:min(ends) + 1 if ends else len(t)]


def _about_a_rival(t: str, start: int) -> bool:
    """Is the figure at `start` in a sentence about a competitor's price (and no offer of the seller's own)?"""
    sentence = _sentence_around(t, start, start)
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
_CASH_DISCOUNT = re.compile(r"[^.?!;]{0,20}?\b(?:for (?:early |prompt )?payment|for paying|if (?:you |they )?pay|on payment)\b",
                            re.IGNORECASE)
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(%|percent|per cent|prozent)(\s*(discount|off|reduction|rebate|lower)\b)?",
                      re.IGNORECASE)


def price_range(scenario: Any) -> tuple[float, float]:
    """The band in which a number reads as a price for this scenario."""
    list_price = scenario.seller_brief.list_price
    price_issue = next(i for i in scenario.issues if i.id == "price")
    return min(price_issue.low, list_price) * 0.5, max(price_issue.high, list_price) * 1.5


# a currency, or the price unit said after the figure ("per seat")
_CURRENCY = re.compile(CURRENCY.pattern + r"|\bper (?:unit|piece|kit|bracket|seat|set|gearbox|pump|meter|licen[cs]e|user|year)\b",
                       re.I)


# the currency as a word of its own ("European" names no euros), right after a price said in words
_MONEY_WORDS = (r"\b(?:usd|eur|euros?|dollars?|cny|rmb|yuan|jpy|yen|krw|sar|riyals?|aed|dirhams?|brl|reais|inr|rupees?|lakhs?|"
                r"crores?)\b|\bper (?:unit|piece|kit|bracket|seat|set|gearbox|pump|meter|licen[cs]e|user)\b")
# up to six words that end in a number word, then the currency: "we can do eighty-four thousand rupees per seat"
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|"
                r"seventy|eighty|ninety|hundred|thousand|million|lakhs?|crores?|[a-z]+-(?:one|two|three|four|five|six|seven|eight|nine))")
_WORDS_THEN_MONEY = re.compile(r"((?:\b[\w-]+\s+){0,5}" + _NUMBER_WORD + r")\s+(?:" + _MONEY_WORDS + ")", re.I)
_FUNCTION_WORDS = {"per", "each", "a", "an", "the", "for", "with", "would", "will", "could", "and", "or", "is", "as", "then",
                   "flat", "net", "all", "in", "on", "at", "if", "but", "so", "to", "from", "including", "incl", "excluding",
                   "delivered", "fca", "fob", "cif", "ddp", "exw", "plus", "which", "that", "works", "work", "ok", "okay",
                   "instead", "rather", "than", "down", "up", "only", "now", "today", "i", "we"}


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
                or _CURRENCY.search(before)):
            return True
        unit = scenario.seller_brief.unit.lower()
        return f"per {word}" in unit or word in ("k", "m", "thousand", "million")
    return True  # written in words or another form the number reader understood: keep it


_CONTACT = re.compile(r"\b(talk|speak|go|write|e-?mail|call|phone|contact|meet|complain|escalate|cc|copy|loop|involve|bring in|"
                      r"take (this|it)|raise (this|it)|reach out|send (it|this) (to|straight)|over (your|his|her) head|directly|"
                      r"around you|behind)\b", re.I)


def contact_cue(clean: str) -> bool:
    """Words that move toward someone (to the boss, over the head): what an escalation needs."""
    return bool(_CONTACT.search(clean))


_HYPE = re.compile(r"\b(really (great|good|excellent)|the best|best in (class|the world|the market)|world[- ]class|love (it|us|our)|"
                   r"trust me|don'?t worry|no problem at all|second to none|unbeatable|top quality|amazing|fantastic|"
                   r"perfect (solution|fit|product)|it'?ll be fine|it will be fine|everyone (loves|uses)|"
                   # hedges in place of an answer ("It is... a little difficult to say", "we will do our best")
                   r"(we|i)('ll| will| shall)? (do|try) (our|my) (best|utmost)|(difficult|hard|too early) to say|"
                   r"we('ll| will) (try to )?manage|we('ll| will) see|somehow|should be (fine|ok|okay|no problem)|"
                   r"it will work out|we('ll| will) find a (way|solution)|leave it (to|with) (me|us)|"
                   r"everything will be (fine|ok|okay))\b", re.I)


def hype(clean: str) -> bool:
    """Superlatives, reassurance and hedges with no figure behind them: a vague claim, whatever else the line does.
    On the training lines 79 of 81 hedge matches are labelled vague (the other two: "no worries" as small talk)."""
    return bool(_HYPE.search(clean)) and not re.search(r"\d", clean)


# Words of leaving the talks, said plainly or as the consequence of a condition ("if you need 99.5 %, we'll have to
# pass"). Checked on the training lines: 127 of 156 walk-aways match, and 4 of 4,567 other lines (two inside injections).
_A_TEST = (  # what follows "pass" when it is a test to pass ("pass the audit", "pass EU certification", "pass two audits")
    r" (?:the|a|an|our|your|every|through|along|by|muster|inspections?|ppap|audits?|tests?|certifications?|"
    r"(?:[\w-]+ ){1,2}(?:certification|audit|inspection|test|approval|review)s?)\b")
_LEAVING = re.compile(
    r"\b(?:have|need) to pass\b(?!" + _A_TEST + r")|\bwe(?:'ll| will| would| must) (?:have to )?pass\b(?!" + _A_TEST + r")"
    r"|\b(?:cannot|can'?t|could ?n[o']t) (?:continue|go (?:on|ahead|any further))\b|\btake (?:our|my) business elsewhere\b|\blook elsewhere\b|\bwalk away\b"
    r"|\bno point (?:in )?continuing\b|\b(?:stop|end) (?:it )?here\b|\bend (?:the|this|our) (?:conversation|negotiation|discussion|talks)\b"
    r"|\bwithdraw\b(?! (?:this|the|that|our|my) (?:price|discount|terms?|rebate|concession)s?\b(?! (?:quot\w*|offer|bid)))"
    r"|\bno deal\b|\b(?:we'?re|we are|i'?m|i am) (?:done|out|finished)\b|\bnothing more to discuss\b"
    r"|\bdon'?t see (?:a|any) (?:deal|point|basis)\b|\bnot for us\b|\bstep away\b|\bstep out\b(?! of (?:the |your |this |that )?(?:role|character|persona|game|script))|\bstep back from (?:this|the|it)\b"
    r"|\b(?:have to|must|would|will|'ll|'d) (?:politely |respectfully )?decline\b|\bpart (?:ways|as friends)\b"
    r"|\bpull (?:out|the deal|it|\w+ out)\b|\bwe walk(?:\s*[.!,;]|\s*$| away)|\bno from us\b|\brather not (?:bid|quote|sign|take|do)\b"
    r"|\bnot the right (?:partner|supplier|source|second source)\b|\b(?:take|pull) (?:it|the deal|\w+) (?:out of|from) (?:the|my|our) "
    r"(?:forecast|pipeline|number)\b|\b(?:find|look for) (?:another|a different|other) (?:partner|supplier|distributor|dealer)s?\b"
    r"|\b(?:i|we)(?:'ll| will| would|'d| must| am going to| are going to|'m going to|'re going to)? (?:have to |need to )?"
    r"(?:go (?:and )?)?(?:talk|speak|go|work|sign) (?:to|with) (?:the other|another|a different|other|our other) "
    r"(?:dealers?|distributors?|suppliers?|vendors?|partners?|group|importers?|option)\b", re.I)
# A give in the same breath keeps a trade a trade ("we can do 1,400; otherwise we'll have to pass").
_GIVE = re.compile(r"\b(?:we|i) (?:can|could|would|'d|will|'ll) (?!not\b|never\b)(?:do|offer|give|include|extend|add|lower|reduce|go to|"
                   r"accept|agree|come down|meet)\b", re.I)
# Our senior meeting theirs, with them: a relationship gesture; going around them to settle it is an escalation.
_PEER = re.compile(r"\bour (?:ceo|md|president|chairman|founder|managing director|general manager|gm|owner|vp|vice president|"
                   r"chief executive)\b.{0,60}\b(?:meet|visit|see|pay (?:his|her|their) respects|come|fly|host|call on)\b", re.I)
_BYPASS = re.compile(r"\b(?:directly|faster|quicker|speed|speeds|settle|rather than|instead|over your head|without you|skip|"
                     r"just call|sort (?:it|this) out|contact)\b", re.I)


# Taking a price back is pressure on the buyer, not leaving the talks ("if not, we'll have to withdraw this price");
# withdrawing the quotation or the offer is leaving.
_WITHDRAW_PRICE = re.compile(r"\bwithdraw (?:this|the|that|our|my) (?:price|discount|terms?|rebate|concession)s?\b"
                             r"(?! (?:quot\w*|offer|bid))", re.I)


def withdraws_a_price(clean: str) -> bool:
    """The seller threatens to take a price back (pressure), not to leave."""
    return bool(_WITHDRAW_PRICE.search(clean))


def leaving(clean: str) -> bool:
    """The seller leaves the talks, plainly or as the consequence of a condition."""
    return any(not _passes_a_test(clean, m) for m in _LEAVING.finditer(clean))


# "is there a minimum threshold we must pass?": asked about a test to pass, not passing on the deal (asked, with a "?")
_PASS_A_TEST = re.compile(r"\b(?:threshold|test|audit|hurdle|bar|gate|criteria|criterion|inspection|exam|checks)s?\b[^,.;:!?\u2014]{0,60}$", re.I)


def _passes_a_test(clean: str, m: re.Match[str]) -> bool:
    return ("pass" in m.group(0).lower() and bool(re.match(r"[^.!;]*\?", clean[m.end():]))
            and bool(_PASS_A_TEST.search(clean[:m.start() + 1])))


def gives(clean: str) -> bool:
    """The seller offers something in the same line ("we can do…", "I could include…")."""
    return bool(_GIVE.search(clean))


def peer_meeting(clean: str) -> bool:
    """The seller's senior proposes to meet the buyer's senior, not to go around the buyer."""
    return bool(_PEER.search(clean)) and not _BYPASS.search(clean)


_ASKING = re.compile(r"\?|\b(tell|share|give|reveal|show|disclose|print|output|state|write|spell|repeat|confirm|send|what|how much|know|let me|vertel|zeg|sag|nenn|dime|diga|dis|dites|conta)\b", re.I)


_BUDGET_AS_AIM = re.compile(r"\s+(?:predictability|certainty|stability|visibility|discipline)\b", re.I)


# the buyer's target price asked in other languages (the rule table's foreign words cover maxima only); read after the
# head, so the learned features stay as trained
_TARGET_ABROAD = re.compile(r"zielpreis|prix (?:cible|objectif)|precio (?:objetivo|meta)|pre[cç]o[- ](?:alvo|objetivo)|prezzo obiettivo|"
                            r"doelprijs|m[aå]lpris|目標価格|目标价|목표\s?(?:가격|단가)|السعر المستهدف", re.I)


_ASKED_ABROAD = re.compile(r"\b(?:wie hoch|welche[nrs]?|was ist|quel(?:le)?|cu[aá]l|qual|quanto|wat is|vad [aä]r|what)\b|[?？؟]|"
                           r"ですか|는\s?얼마|입니까|是多少|ما هو", re.I)


def asks_a_target(clean: str) -> bool:
    """The buyer's target price asked for in another language ("Wie hoch ist Ihr Zielpreis?")."""
    m = _TARGET_ABROAD.search(clean)
    return bool(m) and bool(_ASKING.search(_sentence_around(clean, m.start(), m.end())) or _ASKED_ABROAD.search(clean))


def asks_a_limit(clean: str) -> bool:
    """The limit-probe rule matched: is a limit asked for? A budget the seller only speaks of ("we can fit your budget
    at 1,450") asks nothing; every other probe phrasing, and any budget in a question or a request, does."""
    for m in _RX["limit_probe"].finditer(clean):
        if not m.group().lower().startswith("budget"):
            return True
        if _BUDGET_AS_AIM.match(clean, m.end()):
            continue  # "unit price, seat flexibility, or budget predictability?": what matters, not the budget
        if _ASKING.search(_sentence_around(clean, m.start(), m.end())):
            return True
    return False
