"""The pre-call advisor: three most common mistakes for this buyer and this seller, grounded in cases.

Deterministic first: resolve the market, the seller's home culture and the stage; retrieve the
market's approved situated cases; weight each by the gap between seller and buyer on its scale, by
how often sellers from this home culture make it, by similarity to the description and by stage, and — when
the description says what is happening (the buyer went quiet, agrees to everything) — by the scales that
situation turns on (`situations.py`), so the situation outranks the static gap; keep
three mistakes on three different scales where possible. An LLM pass may then add a short personal
introduction — checked, and replaced by a template when the check fails.
"""
from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from coach.advisor.resolve import Reading, Resolver, fold
from coach.advisor.situations import SituationReader
from coach.knowledge import IndexUnavailable
from coach.packs.loader import PackRegistry
from coach.packs.models import Case
from coach.packs.vocab import taxonomy

MAX_TEXT = 4000
SITUATION_WEIGHT = 0.8  # chosen on the development descriptions (situations_dev.jsonl and descriptions.jsonl), five writers
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class AdviceInputError(ValueError):
    """The description cannot be used; the message says why and what to do."""


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str


class Mistake(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    why: str
    instead: str
    phrase: str
    phrase_native: str | None = None
    phrase_transliteration: str | None = None
    scale: str
    topics: list[str]
    sources: list[Source]
    gap: int | None = Field(default=None, description="seller-buyer distance on the scale, 0-9")
    score: float = 0.0


class Advice(BaseModel):
    model_config = ConfigDict(extra="forbid")
    market: str | None
    market_name: str | None = None
    persona: str | None
    home: str | None
    pack_found: bool
    confidence: float
    stage: str | None = None
    mistakes: list[Mistake]
    warnings: list[str]
    elapsed_ms: int


def clean_text(text: str) -> str:
    if text is None or not str(text).strip():
        raise AdviceInputError("the description is empty: say who you are meeting, e.g. "
                               "\"Saudi procurement lead at a state utility, first meeting, I'm Italian\"")
    text = unicodedata.normalize("NFC", str(text))
    if len(text) > MAX_TEXT:
        raise AdviceInputError(f"the description is {len(text)} characters; keep it under {MAX_TEXT} "
                               "(who you are meeting, their company and country, the stage)")
    bad = _CONTROL.search(text)
    if bad:
        raise AdviceInputError(f"the description contains a control character (U+{ord(bad.group()):04X}) at "
                               f"position {bad.start()}; paste plain text")
    return text.strip()


def _poles(scale: str) -> tuple[str, str]:
    left, _, right = taxonomy()["scales"][scale].partition("<->")
    return left.split(":")[0].strip(), right.split(":")[0].strip()


def pair_sentence(scale: str, seller: str, seller_pos: int, buyer: str, buyer_pos: int) -> str:
    left, right = _poles(scale)
    gap = abs(seller_pos - buyer_pos)
    def side(p: int) -> str:
        return left if p <= 4 else right if p >= 7 else "the middle"
    if gap <= 1:
        return (f"On {scale}, {seller} ({seller_pos}/10) and {buyer} ({buyer_pos}/10) sit close together "
                f"({side(buyer_pos)}), so this one is less about culture than about the situation.")
    return (f"On {scale}, {seller} tends toward {side(seller_pos)} ({seller_pos}/10) and {buyer} toward "
            f"{side(buyer_pos)} ({buyer_pos}/10): a gap of {gap}, which is where {seller} sellers misread {buyer} buyers.")


# Generic, honest advice by scale when no pack exists: what the gap direction implies.
_GAP_ADVICE: dict[str, tuple[str, str]] = {
    # scale: (advice when the buyer sits further right than the seller, advice when further left)
    "communicating": ("Listen for what is implied; confirm understanding gently and in writing afterwards.",
                      "Say it plainly, put it in writing and repeat key points; do not expect them to read between the lines."),
    "evaluating": ("Soften criticism, praise first and give negative feedback in private.",
                   "Expect blunt feedback and take it as information, not as an attack."),
    "persuading": ("Open with concrete examples, references and practical results before the theory.",
                   "Explain the reasoning and principles before you give the conclusion."),
    "leading": ("Address the most senior person first, use titles and respect who may speak for whom.",
                "Talk to whoever has the expertise; titles matter less than competence."),
    "deciding": ("Expect the boss to decide, possibly fast, and to revise later; find out who decides.",
                 "Expect a slower group decision that then sticks; give everyone what they need to agree."),
    "trusting": ("Invest time in the relationship — meals, small talk, visits — before pushing the deal.",
                 "Earn trust by being reliable and competent; keep meetings on task."),
    "disagreeing": ("Avoid open confrontation; raise disagreement privately or indirectly and protect face.",
                    "Expect open debate; disagreeing with ideas is not an attack on people."),
    "scheduling": ("Leave slack in the timeline and stay flexible about agendas and dates.",
                   "Be punctual, keep to the agenda and meet every date you promise."),
}


class Advisor:
    """The service. Packs, index and embeddings come in; nothing global."""

    def __init__(self, packs: PackRegistry, index: Any, embeddings: Any, gateway: Any | None = None,
                 cache_dir: Path | None = None, situations: SituationReader | None = None):
        self.packs = packs
        self.situations = situations or SituationReader(embeddings, cache_dir)
        self.index = index
        self.embeddings = embeddings
        self.gateway = gateway
        self.resolver = Resolver(packs)
        self._persona_ids = list(packs.personas)
        texts = [f"{p.role} at {p.company_type}, {p.sector} sector, {p.seniority}" for p in packs.personas.values()]
        self._persona_vecs = embeddings.embed_array(texts) if texts else np.zeros((0, 384), dtype=np.float32)

    # ---------------------------------------------------------- main entry
    def advise(self, text: str, home: str | None = None, k: int = 3) -> Advice:
        t0 = time.perf_counter()
        text = clean_text(text)
        home = home.upper() if home else None
        warnings: list[str] = []
        reading = self.resolver.read(text, home=home)
        qvec = np.asarray(self.embeddings.embed_query(text), dtype=np.float32)
        market = reading.market
        if reading.home and self.packs.scale_positions(reading.home) is None:
            warnings.append(f"No culture profile for your home culture {self._name(reading.home)} ({reading.home}); "
                            "advice is not weighted by the culture pair.")
        if reading.home is None:
            warnings.append("Home culture unknown (say \"I'm Italian\" or pass --home CC): advice is not weighted "
                            "by the culture pair.")
        if market is None:
            warnings.append("Could not tell which market the buyer is in; name the country, a city or the company.")
            return self._result(reading, None, False, 0.0, [], warnings, t0)
        if reading.ambiguous:
            warnings.append("Several markets are mentioned (" + ", ".join([market] + reading.ambiguous) +
                            f"); advising on {self._name(market)}.")
        if market not in self.packs.markets:
            warnings.append(f"No pack for {self._name(market)} ({market}) yet: no situated cases to draw on. "
                            + ("What follows comes only from the culture-scale gap." if self.packs.scale_positions(market)
                               else "Nothing more can honestly be said."))
            mistakes = self._gap_only(market, reading.home, k)
            return self._result(reading, None, False, reading.market_confidence * 0.5, mistakes, warnings, t0)

        persona, persona_sim = self._persona(market, qvec)
        situation = self.situations.weights(text, qvec)
        try:
            mistakes = self._rank(market, reading, qvec, k, situation=situation)
        except IndexUnavailable:
            warnings.append("The case index is not reachable right now: these cards come from the packs' approved "
                            "cases for this market, ranked by the culture gap, the stage and your home culture — not "
                            "by how closely they match what you typed.")
            mistakes = self._rank(market, reading, qvec, k, local=True, situation=situation)
        if len(mistakes) < k:
            warnings.append(f"Only {len(mistakes)} approved cases fit this description.")
        confidence = reading.market_confidence * (0.7 + 0.3 * min(1.0, max(0.0, persona_sim) / 0.5))
        return self._result(reading, persona, True, confidence, mistakes, warnings, t0)

    # ---------------------------------------------------------- parts
    def _name(self, code: str) -> str:
        return self.resolver.names.get(code, code)

    def _result(self, reading: Reading, persona: str | None, found: bool, confidence: float,
                mistakes: list[Mistake], warnings: list[str], t0: float) -> Advice:
        return Advice(
            market=reading.market, market_name=self._name(reading.market) if reading.market else None,
            persona=persona, home=reading.home, pack_found=found, confidence=round(float(confidence), 3),
            stage=reading.stage, mistakes=mistakes, warnings=warnings,
            elapsed_ms=int((time.perf_counter() - t0) * 1000),
        )

    def _persona(self, market: str, qvec: np.ndarray) -> tuple[str | None, float]:
        best, best_sim = None, -1.0
        for i, pid in enumerate(self._persona_ids):
            if self.packs.personas[pid].market != market:
                continue
            sim = float(self._persona_vecs[i] @ qvec)
            if sim > best_sim:
                best, best_sim = pid, sim
        return (best if best_sim >= 0.25 else None), best_sim

    def _candidates(self, market: str, qvec: np.ndarray, local: bool = False) -> list[tuple[Case, float]]:
        if local:  # no vector ranking: every approved case of the market, equally similar
            return [(c, 0.0) for c in self.packs.approved_cases(market)]
        hits = self.index.search(vector=qvec.tolist(), k=200, market=market)
        out = [(self.packs.cases[h.case_id], h.score) for h in hits if h.case_id in self.packs.cases]
        return out

    def _rank(self, market: str, reading: Reading, qvec: np.ndarray, k: int, local: bool = False,
              situation: dict[str, float] | None = None) -> list[Mistake]:
        """Similarity, culture gap, the seller's culture, stage and kind; when the description says what is
        happening, the scales that situation turns on (`situations.py`) weigh in on top."""
        situation = situation or {}
        buyer = self.packs.scale_positions(market) or {}
        seller = self.packs.scale_positions(reading.home) if reading.home else None
        scored: list[tuple[float, Case, int | None]] = []
        for case, sim in self._candidates(market, qvec, local):
            gap = abs(seller[case.scale] - buyer[case.scale]) if seller else None
            gap_term = (gap / 9.0) if gap is not None else 0.3
            if not case.seller_cultures:
                culture_term = 0.5
            elif reading.home and reading.home in case.seller_cultures:
                culture_term = 1.0
            else:
                culture_term = 0.0 if reading.home else 0.5
            stage_term = 1.0 if reading.stage and case.stage == reading.stage else 0.0
            kind_term = 1.0 if case.kind == "mistake" else 0.0
            score = 0.30 * sim + 0.35 * gap_term + 0.15 * culture_term + 0.10 * stage_term + 0.10 * kind_term
            score += SITUATION_WEIGHT * situation.get(case.scale, 0.0)
            scored.append((score, case, gap))
        scored.sort(key=lambda t: -t[0])
        chosen: list[tuple[float, Case, int | None]] = []
        used_scales: set[str] = set()
        for item in scored:  # three different scales where possible
            if item[1].scale not in used_scales:
                chosen.append(item)
                used_scales.add(item[1].scale)
            if len(chosen) == k:
                break
        for item in scored:
            if len(chosen) == k:
                break
            if item not in chosen:
                chosen.append(item)
        return [self._card(case, score, gap, market, reading.home, [c for _, c, _ in scored]) for score, case, gap in chosen]

    def _card(self, case: Case, score: float, gap: int | None, market: str, home: str | None,
              ranked: list[Case]) -> Mistake:
        buyer = self.packs.scale_positions(market) or {}
        seller = self.packs.scale_positions(home) if home else None
        why = case.why
        if seller and case.scale in buyer:
            why = f"{why} {pair_sentence(case.scale, self._name(home), seller[case.scale], self._name(market), buyer[case.scale])}"
        related = [c for c in ranked if c.id != case.id and c.scale == case.scale][:2]
        title = case.title if case.kind == "mistake" else f"Missing the move: {case.title}"
        return Mistake(
            title=title, why=why, instead=case.instead, phrase=case.phrase.text,
            phrase_native=case.phrase.native, phrase_transliteration=case.phrase.transliteration,
            scale=case.scale, topics=list(case.topics),
            sources=[Source(id=c.id, title=c.title) for c in [case, *related]],
            gap=gap, score=round(score, 4),
        )

    def _gap_only(self, market: str, home: str | None, k: int) -> list[Mistake]:
        buyer = self.packs.scale_positions(market)
        seller = self.packs.scale_positions(home) if home else None
        if not buyer or not seller:
            return []
        gaps = sorted(buyer, key=lambda s: -abs(buyer[s] - seller[s]))[:k]
        out = []
        for s in gaps:
            right, left = _GAP_ADVICE[s]
            instead = right if buyer[s] > seller[s] else left
            out.append(Mistake(
                title=f"Reading {self._name(market)} through a {self._name(home)} lens on {s}",
                why=pair_sentence(s, self._name(home), seller[s], self._name(market), buyer[s])
                + " (From the culture-scale profiles only: no situated cases for this market yet.)",
                instead=instead, phrase="", scale=s, topics=[], sources=[], gap=abs(buyer[s] - seller[s]),
            ))
        return out

    # ---------------------------------------------------------- optional LLM pass
    def introduction(self, advice: Advice, text: str, session_id: str | None = None) -> Iterator[str]:
        """Stream a short personal introduction to the brief; the cards themselves stay as they are.

        The model sees only the brief; its output is checked (no numbers or markets the brief does not
        hold, no more than three sentences) and replaced by a template introduction when the check fails.
        """
        template = template_intro(advice)
        if self.gateway is None or not advice.mistakes:
            yield template
            return
        from coach.prompts import render
        messages = [
            {"role": "system", "content": render("advisor_intro.j2", advice=advice.model_dump(), text=text)},
            {"role": "user", "content": clean_text(text)},
        ]
        try:
            c = self.gateway.complete(messages, purpose="advisor", session_id=session_id, max_tokens=90, temperature=0.3)
            intro = c.text.strip()
        except Exception:  # noqa: BLE001 - the deterministic brief stands on its own
            intro = ""
        yield intro if intro_ok(intro, advice, self.resolver) else template


def template_intro(advice: Advice) -> str:
    if not advice.mistakes:
        return "No grounded advice for this meeting yet."
    scales = ", ".join(dict.fromkeys(m.scale for m in advice.mistakes))
    who = advice.market_name or advice.market
    home = f" from {advice.home}" if advice.home else ""
    return f"For a seller{home} meeting a buyer in {who}, the three risks below turn on {scales}."


def intro_ok(intro: str, advice: Advice, resolver: Resolver) -> bool:
    if not intro or len(intro) > 600 or "\n\n" in intro.strip():
        return False
    if len(re.findall(r"[.!?](?:\s|$)", intro)) > 3:
        return False
    brief_text = advice.model_dump_json()
    for num in re.findall(r"\d+(?:[.,]\d+)?", intro):
        if num not in brief_text:
            return False
    allowed = {advice.market, advice.home}
    for m in resolver.mentions(intro):
        if m.code not in allowed:
            return False
    lowered = fold(intro)
    return not any(w in lowered for w in ("as an ai", "language model", "i cannot", "instruction"))
