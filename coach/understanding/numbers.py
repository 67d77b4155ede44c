"""Numbers in free text, in any written form: digits of every script, separators, words, multipliers.

Used to read the trainee's offers and, in the guard, to find a private number however it is written.
"""
from __future__ import annotations

import re
import unicodedata

_UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    # German, Spanish/Portuguese/Italian, French, Dutch small numbers (enough for "vier komma eins" style games)
    "null": 0, "eins": 1, "ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "funf": 5, "sechs": 6, "sieben": 7,
    "acht": 8, "neun": 9, "zehn": 10, "cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "um": 1, "dois": 2, "três": 3, "quatro": 4, "sete": 7, "oito": 8,
    "nove": 9, "dez": 10, "due": 2, "tre": 3, "quattro": 4, "sei": 6, "sette": 7, "otto": 8, "dieci": 10,
    "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "een": 1, "twee": 2, "drie": 3, "zes": 6, "zeven": 7, "negen": 9, "tien": 10,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
           "hundert": 100, "tausend": 1000, "mil": 1000, "mille": 1000, "cent": 100, "cien": 100, "cento": 100}
_POINT = {"point", "komma", "comma", "punto", "virgule", "vírgula", "virgula", "dot", "punkt"}
# CJK numerals (enough for prices): 四点一, 二百九十二, 四百
_CJK = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
        "十": 10, "百": 100, "千": 1000, "万": 10000, "萬": 10000, "点": -1, "點": -1}
_KO = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9, "십": 10, "백": 100, "천": 1000, "만": 10000}

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def ascii_digits(text: str) -> str:
    """NFKC (full-width digits) and every Unicode decimal digit (Arabic-Indic, Devanagari…) to ASCII."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        if ch.isdigit() and not ch.isascii():
            try:
                out.append(str(unicodedata.digit(ch)))
                continue
            except (TypeError, ValueError):
                pass
        out.append(ch)
    return "".join(out).replace("٫", ".").replace("٬", ",")


def _words_to_numbers(text: str) -> list[float]:
    """Numbers written as words: 'four point one', 'two hundred ninety-two', 'two nine two' (digit by digit)."""
    tokens = [t.lower() for t in re.findall(r"[^\W\d_]+", text)]
    values: list[float] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t not in _UNITS and t not in _TENS and t not in _SCALES:
            i += 1
            continue
        total, current, digits_seq, j = 0, 0, [], i
        decimals: list[int] = []
        in_decimals = False
        while j < len(tokens):
            w = tokens[j]
            if w in ("and", "und", "e", "y", "et", "en") and j + 1 < len(tokens) and (tokens[j + 1] in _UNITS or tokens[j + 1] in _TENS):
                j += 1
                continue
            if w in _POINT:
                in_decimals = True
                j += 1
                continue
            if in_decimals and w in _UNITS and _UNITS[w] < 10:
                decimals.append(_UNITS[w])
            elif w in _UNITS:
                current += _UNITS[w]
                if _UNITS[w] < 10:
                    digits_seq.append(_UNITS[w])
            elif w in _TENS:
                # "one-eighty", "three ninety-five": a unit said before the tens names the hundreds (180, 395)
                current = (current * 100 if 0 < current < 10 and j > i and tokens[j - 1] in _UNITS else current) + _TENS[w]
                digits_seq = []
            elif w in _SCALES:
                current = max(current, 1) * _SCALES[w]
                if _SCALES[w] >= 1000:
                    total += current
                    current = 0
                digits_seq = []
            else:
                break
            j += 1
        value = float(total + current)
        if decimals:
            value += float("0." + "".join(map(str, decimals)))
        values.append(value)
        if len(digits_seq) >= 2 and len(digits_seq) == j - i:  # "two nine two" said digit by digit
            values.append(float("".join(map(str, digits_seq))))
        i = max(j, i + 1)
    return values


def _cjk_numbers(text: str) -> list[float]:
    out = []
    for run in re.findall(r"[零〇一二两三四五六七八九十百千万萬点點]{2,}", text):
        total, section, num, dec, in_dec = 0, 0, 0, "", False
        for ch in run:
            v = _CJK[ch]
            if v == -1:
                in_dec = True
            elif in_dec:
                dec += str(v) if v < 10 else ""
            elif v < 10:
                num = v
            elif v >= 10000:
                total += (section + num) * v
                section, num = 0, 0
            else:
                section += max(num, 1) * v
                num = 0
        value = float(total + section + num)
        if dec:
            value += float("0." + dec)
        out.append(value)
    for run in re.findall(r"[일이삼사오육칠팔구십백천만]{2,}", text):
        total, num = 0, 0
        for ch in run:
            v = _KO[ch]
            if v < 10:
                num = v
            else:
                total += max(num, 1) * v
                num = 0
        out.append(float(total + num))
    return out


_NUM = re.compile(r"(?<![\d.])(\d{1,3}(?:[,\s'’]\d{3})+|\d+)(?:[.,](\d+))?(?:\s*(k|m|mn|million|thousand|tsd|mio|만|千|万)(?![a-z]))?", re.IGNORECASE)


def digit_numbers(t: str) -> list[tuple[float, int, int]]:
    """Numbers written with digits in ASCII-digit text: (value, start, end) of each, multipliers applied."""
    out: list[tuple[float, int, int]] = []
    for m in _NUM.finditer(t):
        whole = re.sub(r"[,\s'’]", "", m.group(1))
        frac = m.group(2)
        mult = (m.group(3) or "").lower()
        if frac is not None and len(frac) == 3 and "," in m.group(0) and "." not in m.group(0):
            whole, frac = whole + frac, None  # "1,380" is one thousand three hundred and eighty
        try:
            value = float(whole + ("." + frac if frac else ""))
        except ValueError:
            continue
        value *= {"k": 1e3, "thousand": 1e3, "tsd": 1e3, "千": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "mio": 1e6,
                  "만": 1e4, "万": 1e4}.get(mult, 1)
        out.append((value, m.start(), m.end()))
    return out


def numbers_in(text: str, words: bool = True) -> list[float]:
    """Every number a reader would see in the text, as floats."""
    t = ascii_digits(text)
    values: list[float] = [v for v, _, _ in digit_numbers(t)]
    # digits separated by spaces, dots or dashes: "2 9 2", "2-9-2", "4 . 1"
    for m in re.finditer(r"(?<!\d)\d(?:\s*[-_/ ]\s*\d){1,6}(?!\d)", t):
        values.append(float(re.sub(r"\D", "", m.group())))
    if words:
        values += _words_to_numbers(t)
        values += _cjk_numbers(t)
    return values


_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,\s'’]\d{3})+(?![\d])")
_SPOKEN_SMALL = {**{w: v for w, v in _UNITS.items() if v < 20}, **_TENS}
_ENGLISH = frozenset("""zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen""".split()) | frozenset(_TENS)
# currency names, said beside a figure (coach.understanding.figures), after a price said in words (prices.py) and
# between a price's whole and cents ("six dollars and five cents")
CURRENCY_NAMES = ("usd", "eur", "euros?", "dollars?", "gbp", "cny", "rmb", "yuan", "jpy", "yen", "krw", "sar", "riyals?", "aed",
                  "dirhams?", "brl", "reais", "inr", "rupees?")
_MONEY_WORDS = r"(?:" + "|".join(CURRENCY_NAMES + ("bucks", "won")) + r")"
_WORDS_ALT = "|".join(sorted(_ENGLISH, key=len, reverse=True))
_RUN = rf"(?:{_WORDS_ALT})(?:[\s-]+(?:{_WORDS_ALT}))*"
_MONEY_PAIR = re.compile(rf"\b({_RUN})\s+{_MONEY_WORDS}\s+(?:and\s+)?({_RUN})\b", re.I)  # "six dollars and five cents"


def _spoken_groups(tokens: list[str]) -> list[tuple[int, int]]:
    """A run of number words cut into spoken groups of one or two digits: (value, width) each; 'oh five' is (5, 2)."""
    groups: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        w = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if w in _TENS and nxt in _UNITS and 0 < _UNITS[nxt] < 10:
            groups.append((_TENS[w] + _UNITS[nxt], 2))
            i += 2
        elif w in ("oh", "zero", "o") and nxt in _UNITS and _UNITS[nxt] < 10:
            groups.append((_UNITS[nxt], 2))
            i += 2
        else:
            v = _SPOKEN_SMALL.get(w, 0)
            groups.append((v, 2 if v >= 10 else 1))
            i += 1
    return groups


def _clause_readings(tokens: list[str]) -> list[float]:
    """The readings `numbers_in` does not make, in one clause's lower-case word tokens."""
    out: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] not in _SPOKEN_SMALL:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and (tokens[j] in _SPOKEN_SMALL or (tokens[j] == "o" and j + 1 < len(tokens)
                                                                   and tokens[j + 1] in _SPOKEN_SMALL)):
            j += 1
        run, near = tokens[i:j], set(tokens[max(0, i - 1):i] + tokens[j:j + 1])
        i = j
        if near & (_SCALES.keys() | _POINT):  # 'thirty thousand', 'three point five': numbers_in reads those
            continue
        core = run[:]
        while core and core[0] not in _ENGLISH:  # 'due sixty days': 'due' is Italian two and English 'due'
            core.pop(0)
        while core and core[-1] not in _ENGLISH:
            core.pop()
        if core and core != run:
            out += _words_to_numbers(" ".join(core))
        groups = _spoken_groups([w for w in core if w in _ENGLISH or w == "o"])
        for (a, _), (b, width) in zip(groups, groups[1:]):
            if width == 2 and a > 0:  # 'twelve ninety': 1290 or 12.90; 'six oh five': 605 or 6.05
                out += [a * 100.0 + b, a + b / 100.0]
    return out


def spoken_readings(text: str) -> list[float]:
    """Every value the text could be heard to say, a superset for the leak guard (for reading offers only where an
    offer word frames a two-group price, coach.understanding.prices).

    Beyond `numbers_in`: prices said in two groups ('twelve ninety' 1290 and 12.90, 'five seventy-five' 5.75,
    'six oh five' and 'six-o-five' 6.05, 'six dollars and five cents'), the English part of a run that starts or ends
    with a foreign number word ('due sixty days' is 60 as well as 260) and digits grouped by thousands with any
    separator ('368.000', '1.290'). A run never crosses punctuation ('week six, five days').
    """
    t = ascii_digits(text).replace("’", "'")
    values = numbers_in(text)
    values += [float(re.sub(r"\D", "", m.group())) for m in _GROUPED.finditer(t)]
    for m in _MONEY_PAIR.finditer(t):
        whole, cents = _words_to_numbers(m.group(1)), _words_to_numbers(m.group(2))
        if whole and cents and cents[0] < 100:
            values.append(whole[0] + cents[0] / 100.0)
    for clause in re.split(r"[.,;:!?()\[\]\n]+(?:\s|$)|[;:!?()\n]", t):
        values += _clause_readings([w.lower() for w in re.findall(r"[^\W\d_]+", clause)])
    return values


def format_amount(value: float, reference: float) -> str:
    """Format like the scenario's list price: cents for small prices, whole units with separators for large."""
    if reference < 100:
        return f"{value:,.2f}"
    return f"{value:,.0f}"


def nice_round(value: float, reference: float) -> float:
    """Round a persona counter to a number people say: cents under 100, tens under 10k, hundreds above."""
    if reference < 100:
        return round(value * 20) / 20  # 0.05 steps
    if reference < 10_000:
        return round(value / 5) * 5
    return round(value / 500) * 500


SENTENCE_END = re.compile(r"[.;!?](?=\s|$)|\n")  # not the point in "99.95" or "release 4.2"


def sentence_around(t: str, start: int, end: int) -> str:
    """The sentence (or clause up to ';') that holds t[start:end], with its closing mark."""
    left = max((m.end() for m in SENTENCE_END.finditer(t, 0, start)), default=0)
    m = SENTENCE_END.search(t, end)
    return t[left:m.end() if m else len(t)]
