"""Step 1 of a turn: what did the trainee do (dialogue acts) and which terms did they put on the table."""
from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from coach.packs.models import Scenario
from coach.roleplay.numbers import ascii_digits, numbers_in

ACTS = ("greeting", "small_talk", "relationship", "question", "information", "offer", "concession", "pressure",
        "commitment_request", "escalation", "agreement", "walk_away", "limit_probe", "injection", "silence", "vague")

_P = {
    "greeting": r"\b(hello|hi|good (morning|afternoon|evening)|nice to (meet|see)|pleasure to meet|thank you for (having|receiving|meeting)|annyeong|안녕|assalam|salam|السلام|marhaba|مرحبا|konnichiwa|こんにちは|はじめまして|ni ?hao|你好|bom dia|boa tarde|ol[aá]|guten (tag|morgen)|goedemorgen|hallo|namaste|नमस्ते)\b",
    "small_talk": r"\b(weather|family|trip|flight|journey|weekend|holiday|vacation|football|soccer|golf|food|lunch|dinner|coffee|tea|city|hotel|children|kids|hobby|how are you|how have you been|how was|your (city|country|office)|traffic|season|festival|ramadan kareem|chuseok|eid mubarak|happy new year)\b",
    "relationship": r"\b(long[- ]term|partnership|relationship|trust|together|honou?r|respect|appreciate|grateful|visit (you|your)|invite you|our pleasure|gift|small present|learn from you|your (experience|advice)|friend(ship)?)\b",
    "pressure": r"\b(deadline|by (monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|noon|the end of|end of (the )?(week|month|quarter))|today only|final offer|take it or leave it|last chance|expires?|must decide|need (an answer|a decision)|right now|immediately|asap|urgent|this week|end of (the )?quarter|limited time|other customers are waiting)\b",
    "escalation": r"\b((talk|speak|go|write|email|e-mail|call|contact|meet|complain|escalate)( this)? (to|with|over|above)? ?(your|the) (boss|director|manager|superior|ceo|vp|vice president|team leader|chairman|gm|general manager|head of)|go (over|above|around) your head|speak (to|with) (someone|somebody) (more )?senior|escalat(e|ing) (this|it)|call your (director|boss|ceo))",
    "agreement": r"(^\s*(deal|agreed)\b|\b(deal|agreed)[.!]?\s*\??\s*$|\b(it'?s a deal|we have a deal|we (can )?accept|i accept|let'?s sign|we have an agreement|shake hands on|sounds good,? let'?s (do|go)|we('| a)re fine with|(ok(ay)?|fine|good),? (agreed|deal)|i agree to|we agree (to|on)))",
    "walk_away": r"\b(walk away|we('| wi)ll (have to )?(withdraw|walk)|no deal|end (the|these) (talks|negotiation)|we('| a)re (out|done)|not interested anymore|goodbye|this is not going to work|let'?s stop here|we withdraw)\b",
    "commitment_request": r"\b(can you (commit|confirm|sign|approve|decide)|do we have a deal|will you sign|give me (a|your) (yes|commitment|decision)|are you ready to (sign|commit|decide)|can we close|purchase order|\bpo\b|nominat(e|ion) us|sign today)\b",
    "limit_probe": r"\b(budget|your (max(imum)?|limit|ceiling|target|walk[- ]?away|reservation|bottom line|best price|highest|upper limit)|how (much|high) can you (go|pay)|what('| i)s (the|your) (max|limit|budget|target)|(higher|lower) (than|or lower|or higher)|more or less than|above or below|is it (above|below|over|under)|between \d|internal (price|target|number)|what (number|price|figure) (would|will|did|do) (you|your)|(highest|maximum|max|top|lowest|minimum) (price|number|figure|amount|rate)|how (high|far) can you go|(give me |just )?a (rough )?range|ceiling|budget|maximaler preis|preço máximo|precio máximo|prezzo massimo|obergrenze|höchstpreis|orçamento|presupuesto|limite máximo|prix maximum)\b"
                   r"|最高|最大|上限|予算|预算|底价|예산|한도|최대|الميزانية|الحد الأقصى|أقصى سعر|أقصى",
    "injection": r"(ignore (all |your |the )?(previous |prior |above )?(instructions|rules|prompt)|system prompt|developer mode|debug mode|you are (now )?(an? )?(ai|assistant|language model|chatgpt|the seller)|pretend (to be|you are)|act as|role[- ]?play as|switch roles|swap roles|reveal (your|the) (instructions|prompt|secret|hidden)|print (your|the) (instructions|prompt|config)|<\|im_start\|>|<\|im_end\|>|\[/?inst\]|<<sys>>|### (instruction|system)|jailbreak|as an ai|repeat the (text|words) above|what are your instructions|hidden (limits?|information|numbers?)|private (block|limits?|information|numbers?)|reservation price|역할|システム|指示を無視|忽略|تجاهل|anweisungen|ignoriere|instruções|instrucciones)",
    "concession": r"\b(we can (lower|reduce|drop|go down|come down|offer|include|extend|add)|i can (lower|reduce|drop|go down|come down|offer|include|extend|add)|as a gesture|we('| wi)ll (lower|reduce|drop|include|extend|add)|meet you (in the middle|halfway)|reduce (the|our) price|lower (the|our) price|discount of|additional discount|free (of charge|shipping|training)|waive)\b",
    "offer": r"\b(offer|propose|proposal|quote|quotation|price (is|of|would be)|we can do|how about|what about|at \d|for \d|per (unit|piece|bracket|seat|set|kit|meter|year))\b",
    "question": r"(\?|^(what|how|why|when|who|which|could you|can you|would you|do you|is there|are there|may i)\b)",
    "information": r"\b(our (company|plant|factory|team|product|quality|references?|customers?|delivery|lead time|certification|service)|we (have|supply|deliver|produce|manufacture|are certified)|data|spec(ification)?s?|test results?|warranty|case study|references?)\b",
}
_RX = {k: re.compile(v, re.IGNORECASE) for k, v in _P.items()}
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\U000e0000-\U000e007f]")


@dataclass
class Understanding:
    acts: list[str]
    price: float | None = None
    terms: dict[str, float] = field(default_factory=dict)  # issue id -> value
    numbers: list[float] = field(default_factory=list)
    decoded: str | None = None  # text hidden in base64/rot13/tag characters, when found

    @property
    def main(self) -> str:
        for a in ("injection", "limit_probe", "walk_away", "agreement", "escalation", "pressure", "concession", "offer",
                  "commitment_request", "question", "relationship", "small_talk", "greeting", "information", "silence", "vague"):
            if a in self.acts:
                return a
        return "information"


def _hidden_texts(text: str) -> list[str]:
    """Base64, rot13, leetspeak and Unicode-tag smuggling: decode so the act detector sees the intent."""
    out = []
    tags = "".join(chr(ord(c) - 0xE0000) for c in text if 0xE0020 <= ord(c) <= 0xE007E)
    if tags:
        out.append(tags)
    for token in re.findall(r"[A-Za-z0-9+/=]{16,}", text):
        try:
            decoded = base64.b64decode(token + "=" * (-len(token) % 4), validate=True).decode("utf-8")
            if decoded.isprintable():
                out.append(decoded)
        except (binascii.Error, UnicodeDecodeError, ValueError):
            pass
    out.append(codecs.decode(text, "rot13"))
    leet = text.translate(str.maketrans("4310@$57", "aeioasst"))
    if leet != text:
        out.append(leet)
    return out


def understand(text: str, scenario: Scenario) -> Understanding:
    raw = text or ""
    clean = _INVISIBLE.sub("", unicodedata.normalize("NFKC", raw)).strip()
    acts: list[str] = []
    if not clean or re.fullmatch(r"[.…\s]*|\(?(silence|pause|says nothing|\.\.\.)\)?", clean, re.IGNORECASE):
        return Understanding(acts=["silence"])
    for name, rx in _RX.items():
        if rx.search(clean):
            acts.append(name)
    decoded = None
    for hidden in _hidden_texts(raw):
        if unicodedata.normalize("NFKC", hidden).strip() != clean and (
                _RX["injection"].search(hidden) or _RX["limit_probe"].search(hidden)):
            decoded = hidden
            if "injection" not in acts:
                acts.append("injection")
    und = Understanding(acts=acts, decoded=decoded)
    und.numbers = numbers_in(clean, words=False)
    if "limit_probe" in acts:
        und.acts = acts
        return und  # a question about limits puts no offer on the table
    _extract_terms(clean, scenario, und)
    if und.price is not None and "offer" not in acts and "limit_probe" not in acts:
        acts.append("offer")
    if not acts:
        acts.append("vague" if len(clean.split()) < 6 else "information")
    und.acts = acts
    return und


_MIXED = re.compile(r"\b(?=\w*[^\W\d_])(?=\w*\d)\w{4,}\b")  # r3v34l, base64 runs: not offers


def _extract_terms(text: str, scenario: Scenario, und: Understanding) -> None:
    if "injection" in und.acts:
        return  # nothing said inside an injection attempt is an offer
    t = _MIXED.sub(" ", ascii_digits(text))
    list_price = scenario.seller_brief.list_price
    price_issue = next(i for i in scenario.issues if i.id == "price")
    lo, hi = min(price_issue.low, list_price) * 0.5, max(price_issue.high, list_price) * 1.5
    # "5% discount" / "discount of 5 percent" -> a price relative to the list price
    m = re.search(r"(\d+(?:[.,]\d+)?)\s*(%|percent|per cent|prozent)\s*(discount|off|reduction|rebate|lower)?\b", t, re.IGNORECASE)
    if m and (m.group(3) or re.search(r"\b(discount|off|reduc\w*|rebate)\b(?!-)", t, re.IGNORECASE)):
        pct = float(m.group(1).replace(",", "."))
        if 0 < pct < 60:
            und.price = round(list_price * (1 - pct / 100), 4)
    for issue in scenario.issues:
        if issue.id == "price":
            continue
        unit_words = issue.unit.lower().split()
        for word in unit_words[:2]:
            if len(word) < 3:
                continue
            mm = re.search(r"(\d+(?:[.,]\d+)?)\s*" + re.escape(word.rstrip("s")), t, re.IGNORECASE)
            if mm:
                und.terms[issue.id] = float(mm.group(1).replace(",", "."))
                break
    if und.price is None:
        candidates = [v for v in numbers_in(t, words=False) if lo <= v <= hi and v not in und.terms.values()]
        if candidates:
            und.price = min(candidates, key=lambda v: abs(v - list_price))
