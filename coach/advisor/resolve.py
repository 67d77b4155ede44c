"""Deterministic reading of a meeting description: which market, which seller home culture, which stage.

Markets are recognised from country names, demonyms, cities and companies in several languages and
scripts (the packs' `aliases` plus a gazetteer of markets without packs). A mention introduced by
"I'm", "I am from", "we are", "sono", "je suis", "ich bin"… is the seller's home culture.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files

import yaml

from coach.packs.loader import PackRegistry

# Upper-case abbreviations recognised only as written (never "in", "de" as words).
ABBREVIATIONS = {"US": "US", "USA": "US", "UK": "GB", "UAE": "AE", "KSA": "SA", "PRC": "CN", "ROK": "KR", "NL": "NL", "KL": "MY",
                 "DE": "DE", "JP": "JP", "KR": "KR", "CN": "CN", "BR": "BR"}  # "DE client", "JP buyer"
# An alias that itself carries the cue ("I'm Italian") marks the seller's culture too.
_SELF_CUE = re.compile(r"^(?:i'?m|i am|sono|je suis|ich bin|soy|sou|ik ben|jag ar|olen|jestem)\b")

KIND_WEIGHT = {"name": 1.0, "demonym": 1.0, "city": 0.85, "company": 0.75, "gazetteer": 0.9}

# Words right before a mention that make it the seller's own culture.
_HOME_CUES = re.compile(
    r"(?:\bi\s*am|\bi'?m|\bim|\bi\s+come|\bwe\s+are|\bwe'?re|\bour\s+company\s+is|\bour\s+team\s+is|\bmy\s+company\s+is"
    r"|\bas\s+an?|\bsono|\bsiamo|\bje\s+suis|\bnous\s+sommes|\bich\s+bin|\bwir\s+sind|\bsoy|\bsomos|\bsou"
    r"|\bik\s+ben|\bwe\s+zijn|\bwij\s+zijn|\bjag\s+ar|\bvi\s+ar|\bjeg\s+er|\bvi\s+er|\bolen|\bjestem|\bjestesmy"
    r"|\bseller\s+from|\bselling\s+from|\bbased\s+in|\bhome\s+culture|\bhome)"
    r"(?:\s+(?:from|in|an?|a|the|un|una|une|uma|um|ein|eine|einem|aus|de|da|do|di|del|uit|fran|z|ze|originally"
    r"|company|firm|team|startup|empresa|firma|azienda|societe|entreprise|unternehmen|bedrijf|foretag|firmy)){0,3}"
    r"\s*[:\-]?\s*$"
)
# "as" right before a demonym, with no article ("als Deutscher", "como argentino"; "como um" is "like a"); never after a
# comparative ("direkter als Deutsche") and never before a name ("mercados como Brasil" is "such as")
_AS_CUE = re.compile(r"(?:\bals|\bcomo|\bcomme|\ben\s+tant\s+que|\bin\s+quanto|\bjako)\s+$")
_COMPARATIVE = re.compile(r"\w+er\s+als\s+$")
# The same in scripts without word spaces: "我是" / "私は" / "저는" before the mention ...
_HOME_CUES_CJK = re.compile(r"(?:我是|我们是|我們是|私は|僕は|弊社は|저는|우리는|저희는)\s*(?:一家|一个|一個)?\s*$")
# ... or a word after it: "日本の会社です", "한국 사람입니다", "Dutch here", "from KL here".
_HOME_AFTER = re.compile(r"^(?:\s*(?:の(?:会社|企業|チーム)です|人です|出身です|から来ました|(?:회사|사람|출신)입니다|인입니다)"
                         r"|\s+here\b)")
# "In Sweden we'd just go through it": the seller's home only when the text names another market ("In Japan we'd need
# a partner" alone is about the market)
_HOME_AFTER_WEAK = re.compile(r"^\s+we(?:'d|\s+usually|\s+normally|\s+always)\b")
# A mention that is the seller's side without being the seller's culture is neither the market nor the home:
# - a boss's or colleague's nationality, said as an attribute that ends its clause ("my boss (German)", "my boss is
#   senior and Japanese, …"; not "our CEO is meeting their Japanese CEO");
_PEOPLE = (r"\b(?:my|our)\s+(?:boss|manager|gerente|chef|ceo|cfo|coo|cto|vp|director|colleagues?|team\s+lead(?:er)?|"
           r"management|owner)")
_SIDE_ATTRIBUTE = re.compile(_PEOPLE + r"(?:\s*\(|\s*,\s*(?:an?\s+)?|\s+(?:is|was|'s|are)\s+"
                             r"(?:(?:very|quite|rather|senior|junior|old|young|also|an?|and)\s+){0,3})$")
_CLAUSE_END = re.compile(r"^\s*(?:[,.;:)!?]|and\b|but\b|$)")
# - a colleague's place, our head office, our employer ("my colleagues in Japan", "our HQ in Zurich", "I work for a US
#   company", "arbeite für eine US-Firma"), unless a client word follows ("I work for a German client")
_SIDE_PLACE = re.compile(
    r"(?:" + _PEOPLE + r"\s+(?:in|from|back\s+in)\s+"
    r"|\b(?:our|my)\s+(?:hq|headquarters|head\s+office|parent\s+company)\s*(?:\(|(?:is\s+|are\s+)?in\s+)"
    r"|\b(?:we(?:'re|\s+are)|our\s+company\s+is)\s+headquartered\s+in\s+"
    r"|\b(?:ich\s+)?arbeite\s+f(?:u|ü)r\s+(?:eine?n?\s+)?|\b(?:i|we)\s+work(?:ing)?\s+for\s+(?:an?\s+)?)$")
_CLIENT_AFTER = re.compile(r"^[\s-]*(?:client|customer|buyer|prospect|account|tender|deal|market|kunde|cliente)s?\b")
# a demonym that describes a person ("the Indian procurement head at a family group in Dubai") says less about where
# the buyer's organisation sits than a place or a company does
_PERSON_AFTER = re.compile(r"^\s+(?:procurement\s+|purchasing\s+|sales\s+|project\s+)?(?:head(?!\s+office|quarters)|"
                           r"manager|director|guy|lady|woman|man|engineer|expat|ceo|cfo|boss|colleague)\b")
PERSON_WEIGHT = 0.5
_STAGES: list[tuple[str, re.Pattern]] = [
    ("first_meeting", re.compile(r"first (?:meeting|call|visit|contact)|intro(?:duction|ductory)?\b|kick[- ]?off|never met|initial meeting|meet (?:them|him|her) for the first|첫 ?(?:미팅|만남|회의)|初めて|初回|初次|首次|第一次|أول (?:اجتماع|لقاء)")),
    ("after_signature", re.compile(r"after (?:we )?sign|already signed|renegotiat|after the contract|post[- ]signature")),
    ("follow_up", re.compile(r"follow[- ]?up|no (?:reply|answer|response)|gone quiet|went quiet|silence|ghost|\bchas(?:e|ing)\b")),
    ("closing", re.compile(r"\bclos(?:e|ing)\b|sign(?:ing)? the|final (?:offer|round)|contract (?:signature|signing)|get (?:the|a) signature")),
    ("bargaining", re.compile(r"negotiat|price|discount|bargain|counter[- ]?offer|pricing|rebate|terms")),
    ("exploring", re.compile(r"\bdemo\b|presentation|workshop|requirements|technical (?:meeting|review)|pilot|second meeting")),
]


def fold(text: str) -> str:
    """Lower-case, NFKC, accents removed from Latin letters (CJK, Arabic, Hangul kept as they are)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn" and out and out[-1].isascii():
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).replace("’", "'")


def _is_latin(s: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in s)


def _seller_side(folded: str, start: int, end: int) -> bool:
    """Is the mention at folded[start:end] a boss's, a colleague's, the head office's or the employer's country?"""
    before, after = folded[max(0, start - 60):start], folded[end:end + 20]
    if _CLIENT_AFTER.match(after):
        return False
    return bool(_SIDE_PLACE.search(before) or (_SIDE_ATTRIBUTE.search(before) and _CLAUSE_END.match(after)))


def _is_home(folded: str, start: int, end: int, kind: str = "") -> bool:
    """Is the mention at folded[start:end] the seller's own culture ("I'm from…", "jestem z…", "日本の会社です")?"""
    before = folded[max(0, start - 40):start]
    as_cue = kind == "demonym" and _AS_CUE.search(before) and not _COMPARATIVE.search(before)
    return bool(_HOME_CUES.search(before) or _HOME_CUES_CJK.search(before) or as_cue
                or _HOME_AFTER.match(folded[end:end + 12]))


def _home_or_side(folded: str, start: int, end: int, kind: str = "") -> tuple[bool, bool]:
    """(the seller's own culture, the seller's side without being their culture) for the mention at folded[start:end]."""
    home = _is_home(folded, start, end, kind)
    return home, not home and _seller_side(folded, start, end)


@dataclass(frozen=True)
class Mention:
    code: str
    alias: str
    kind: str
    start: int
    end: int
    home: bool
    side: bool = False  # the seller's side without being the seller's culture (a boss, the HQ, the employer)
    weak_home: bool = False  # "In Sweden we'd …": the home only when another market is named
    person: bool = False  # a demonym describing a person, not the organisation


@dataclass
class Reading:
    market: str | None
    market_confidence: float
    home: str | None
    home_source: str | None
    stage: str | None
    mentions: list[Mention] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, list[str]]:
    text = files("coach.data").joinpath("gazetteer.yaml").read_text(encoding="utf-8")
    # keys are ISO codes; YAML 1.1 reads a bare NO (Norway) as false, so every key is checked as text
    data = yaml.safe_load(text)
    bad = [k for k in data if not isinstance(k, str)]
    if bad:
        raise ValueError(f"coach/data/gazetteer.yaml: market codes must be quoted strings, got {bad!r}")
    return data


class Resolver:
    """Compiled alias patterns for every market the packs or the gazetteer know."""

    def __init__(self, packs: PackRegistry):
        entries: list[tuple[str, str, str]] = [(c, a, "name") for a, c in ABBREVIATIONS.items()]  # (code, alias, kind)
        for code, aliases in _gazetteer().items():
            entries += [(code, a, "gazetteer") for a in aliases]
        for profile in list(packs.markets.values()) + list(packs.homes.values()):
            a = profile.aliases
            entries += [(profile.code, x, "name") for x in a.names]
            entries += [(profile.code, x, "demonym") for x in a.demonyms]
            entries += [(profile.code, x, "city") for x in a.cities]
            entries += [(profile.code, x, "company") for x in a.companies]
            entries.append((profile.code, profile.name, "name"))
        self.names: dict[str, str] = {c: p.name for c, p in {**packs.homes, **packs.markets}.items()}
        for code, aliases in _gazetteer().items():
            self.names.setdefault(code, str(aliases[0]))
        self._lower_words = {fold(str(a)) for c, a, k in entries if k == "gazetteer" and str(a)[:1].islower()}
        latin: dict[str, tuple[str, str]] = {}
        self._other: list[tuple[str, str, str]] = []
        self._upper: dict[str, tuple[str, str]] = {}
        for code, alias, kind in entries:
            alias = str(alias).strip()
            if not alias:
                continue
            if len(alias) <= 3 and alias.isupper() and alias.isascii():
                self._upper.setdefault(alias, (code, kind))  # "KSA", "UAE", "USA", "UK": only as written
            elif _is_latin(alias):
                latin.setdefault(fold(alias), (code, kind))
            else:
                self._other.append((fold(alias), code, kind))
        keys = sorted(latin, key=len, reverse=True)
        self._latin_map = latin
        self._latin_re = re.compile(r"(?<![\w])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w])") if keys else None
        self._upper_re = re.compile(r"\b(" + "|".join(map(re.escape, sorted(self._upper, key=len, reverse=True))) + r")\b") if self._upper else None
        self._other.sort(key=lambda t: len(t[0]), reverse=True)

    def mentions(self, text: str) -> list[Mention]:
        folded = fold(text)
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []

        def free(s: int, e: int) -> bool:
            return all(e <= a or s >= b for a, b in taken)

        def add(code: str, alias: str, kind: str, s: int, e: int) -> None:
            if free(s, e):
                taken.append((s, e))
                # the gazetteer's lower-case words are demonyms too ("argentino", "chilenos", "belge")
                as_kind = "demonym" if kind == "gazetteer" and alias in self._lower_words else kind
                home, side = (True, False) if _SELF_CUE.match(fold(alias)) else _home_or_side(folded, s, e, as_kind)
                person = kind == "demonym" and bool(_PERSON_AFTER.match(folded[e:e + 30]))
                weak = not (home or side) and bool(_HOME_AFTER_WEAK.match(folded[e:e + 20]))
                found.append(Mention(code, alias, kind, s, e, home=home, side=side, person=person, weak_home=weak))

        for alias, code, kind in self._other:  # native scripts: substring match (no word spaces in CJK)
            for m in re.finditer(re.escape(alias), folded):
                add(code, alias, kind, m.start(), m.end())
        if self._latin_re:
            for m in self._latin_re.finditer(folded):
                code, kind = self._latin_map[m.group(1)]
                add(code, m.group(1), kind, m.start(), m.end())
        if self._upper_re:
            # upper-case codes are matched in the original text; fold() keeps offsets for ASCII
            for m in self._upper_re.finditer(unicodedata.normalize("NFKC", text)):
                code, kind = self._upper[m.group(1)]
                add(code, m.group(1), kind, m.start(), m.end())
        return sorted(found, key=lambda m: m.start)

    def _fuzzy(self, text: str) -> list[Mention]:
        import difflib
        folded = fold(text)
        keys = [k for k in self._latin_map if len(k) >= 5 and " " not in k]
        out = []
        for m in re.finditer(r"[^\W\d_]{5,}", folded):
            # a typo is a letter or two off, never a different length by two ("amanha" is no "alemanha")
            near = [k for k in keys if abs(len(k) - len(m.group())) <= 1]
            close = difflib.get_close_matches(m.group(), near, n=1, cutoff=0.84)
            if close:
                code, kind = self._latin_map[close[0]]
                home, side = _home_or_side(folded, m.start(), m.end())
                out.append(Mention(code, close[0], "fuzzy", m.start(), m.end(), home=home, side=side))
        return out

    def read(self, text: str, home: str | None = None) -> Reading:
        mentions = self.mentions(text)
        home_source = "given" if home else None
        if not home:
            homes = [m for m in mentions if m.home] or [
                m for m in mentions if m.weak_home
                and any(o.code != m.code and not (o.home or o.side or o.weak_home) for o in mentions)]
            if homes:
                home, home_source = homes[0].code, "text"
        # "In Sweden we'd …" from a Swedish seller: the seller's home, not the market
        mentions = [replace(m, home=True) if m.weak_home and m.code == (home or "").upper() else m for m in mentions]
        scores: dict[str, float] = {}
        first: dict[str, int] = {}
        for m in mentions:
            if m.home or m.side:
                continue
            weight = PERSON_WEIGHT if m.person else KIND_WEIGHT.get(m.kind, 0.5)
            scores[m.code] = scores.get(m.code, 0.0) + weight
            first.setdefault(m.code, m.start)
        if not scores:  # typos: "Dubaii", "Saudia", "Korea automotiv" — a close spelling of a known alias
            for m in self._fuzzy(text):
                if not (m.home or m.side):
                    scores[m.code] = scores.get(m.code, 0.0) + 0.6
                    first.setdefault(m.code, m.start)
                    mentions.append(m)
        market = None
        confidence = 0.0
        ambiguous: list[str] = []
        if scores:
            ranked = sorted(scores, key=lambda c: (-scores[c], first[c]))
            market = ranked[0]
            top = scores[market]
            confidence = min(1.0, top) * (1.0 if len(ranked) == 1 else top / (top + scores[ranked[1]]))
            ambiguous = [c for c in ranked[1:] if scores[c] >= top * 0.75]
        folded = fold(text)
        stage = next((name for name, rx in _STAGES if rx.search(folded)), None)
        return Reading(market, round(confidence, 3), home, home_source, stage, mentions, ambiguous)
