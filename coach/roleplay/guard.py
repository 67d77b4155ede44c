"""Step 5: check every persona reply before anyone sees it.

- Leak check: every private number (reservation, target, other issues' limits), in any written form —
  digits with any separator, currency forms, words, Arabic-Indic and full-width digits, ranges,
  "four point one", per-unit vs total, prices said in two spoken groups ("twelve ninety", "six oh five"),
  thousands grouped with dots or spaces — after Unicode normalisation. The guard reads a superset: a number
  any reader could hear counts.
- Persona checks (from the measured failure modes of the small model): name labels, assistant/system
  words, seller voice, numbers outside the allowed set, length, newlines, markdown, capitulation.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from coach.packs.models import Persona, Scenario
from coach.understanding.numbers import numbers_in, spoken_readings

# words that break the frame; business words that merely look similar ("ERP system", "prompt payment", "work
# instructions", "my assistant will send it") are a buyer's ordinary speech and pass
_META = re.compile(r"\b(trainee|(ai|virtual|chat) assistant|as an assistant|system (prompt|message)|"
                   r"(my|your|previous|above|hidden|system) instructions?|"
                   r"(system|my|your|the) prompt(?! (payment|delivery|response|reply|answer|action|attention|service))|"
                   r"debug|as an ai|language model|"
                   r"chatgpt|openai|qwen|role[- ]?play|hidden (limit|information)|reservation price|"
                   r"i am an ai|i'm an ai|private (limit|information|block))\b", re.IGNORECASE)
_SELLER_VOICE = re.compile(r"\b(our (price|product|quotation|quote|discount)|we (can )?offer you|"
                           r"my company can offer)\b", re.IGNORECASE)
_CAPITULATION = re.compile(r"(\b(we can sign|it'?s a deal|we have a deal|we accept (your|the|that)|i accept (your|the|that))\b"
                           r"|(^|[.!?]\s+)(agreed|deal)\s*[.!,:])", re.IGNORECASE)
_LABEL = re.compile(r"^\s*\**([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})\**\s*:")
# one capitalised word before a colon that opens a buyer's sentence, not a speaker's name ("Yes: complete
# documents.", "Simple: I collect input…", "Counter-proposal: …")
_LEAD_WORDS = frozenset("""yes no okay ok fine good simple straightforward both deal agreed counter-proposal
    first second third finally note honestly frankly briefly so well look listen remember again example answer
    question point result condition conditions one two three today now then also please important clear short
    summary correction careful update reminder next sorry thanks otherwise exactly correct true""".split())
_MARKDOWN = re.compile(r"(^|\s)(#{1,6} |\*\*|__|```|\|.*\|)")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reasons: tuple[str, ...] = ()


def private_numbers(scenario: Scenario) -> list[float]:
    p = scenario.private
    values = [p.target_price, p.reservation_price]
    for lim in p.limits.values():
        values += [lim.target, lim.reservation]
    volume = _volume(scenario)
    if volume:
        values += [p.target_price * volume, p.reservation_price * volume]  # totals give the unit price away too
    return values


def _volume(scenario: Scenario) -> float | None:
    nums = [v for v in numbers_in(scenario.seller_brief.volume, words=False) if v >= 10]
    return nums[0] if nums else None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(abs(b) * 0.004, 1e-9)


def is_private(value: float, scenario: Scenario) -> bool:
    """Is the value (within the guard's tolerance) one of the scenario's private numbers?"""
    return any(_close(value, p) for p in private_numbers(scenario))


def leaks(text: str, banned: list[float], allowed: list[float] | None = None) -> list[float]:
    """Private numbers found in the text (allowed numbers — said by the trainee or already public — excepted)."""
    allowed = allowed or []
    found = []
    for v in set(spoken_readings(text)):
        for b in banned:
            if _close(v, b) and not any(_close(v, a) for a in allowed):
                found.append(b)
    return found


def name_label(text: str, persona: Persona) -> bool:
    """Does the text open with a speaker label ("Park:", "Buyer:", "Dr. Brenner:"), as a model writing a script does?"""
    first = persona.name.split("(")[0].strip()
    label = _LABEL.match(text)
    return bool(label and label.group(1).lower() not in _LEAD_WORDS) or text.lower().startswith(first.lower() + ":")


def check_reply(text: str, persona: Persona, scenario: Scenario, move: str, allowed_numbers: list[float],
                from_model: bool, lead: str = "") -> Verdict:
    """`lead`: bank parts (acknowledgement, answer) the model was given verbatim; length limits apply after it."""
    reasons: list[str] = []
    norm = unicodedata.normalize("NFKC", text).strip()
    if not norm:
        return Verdict(False, ("empty",))
    if leaks(norm, private_numbers(scenario), allowed_numbers):
        reasons.append("private number")
    if from_model:
        if name_label(norm, persona):
            reasons.append("name label")
        if _META.search(norm):
            reasons.append("out of character word")
        if _SELLER_VOICE.search(norm):
            reasons.append("seller voice")
        stray = [v for v in numbers_in(norm, words=False) if not any(_close(v, a) for a in allowed_numbers)]
        if stray:
            reasons.append("number not in the allowed set")
        if "\n" in norm or _MARKDOWN.search(norm):
            reasons.append("layout")
        own = norm[len(lead):] if lead and norm.startswith(lead) else norm
        if len(re.findall(r"[.!?](?:\s|$)", own)) > 3 or len(own.split()) > 60:
            reasons.append("too long")
        if not re.search(r"[.!?…)\"”’]$", norm):
            reasons.append("cut off")
        if move not in ("accept", "conditional_accept") and _CAPITULATION.search(norm):
            reasons.append("capitulation")
    return Verdict(not reasons, tuple(reasons))
