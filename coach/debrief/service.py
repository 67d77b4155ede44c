"""The debrief service: detectors -> scores with evidence -> KPIs -> mistakes matched to cases ->
optional bounded LLM judge (one repair try, then the deterministic debrief stands) -> stored."""
from __future__ import annotations

import json
import logging
import re
import statistics
from typing import Any

from pydantic import ValidationError

from coach.debrief.detectors import TurnView, detect, quote, traded, views_from_turns
from coach.debrief.manner import MANNER_WEIGHT, cited
from coach.debrief.mistake_queries import MISTAKE_QUERIES
from coach.debrief.shortfall import mistake_points, shortfall
from coach.debrief.voice import detect_voice, voice_kpis, voiced
from coach.debrief.models import (
    DIMENSIONS,
    ConcessionKpi,
    DebriefResult,
    DimensionScore,
    Dimensions,
    Evidence,
    JudgeReport,
    Judgement,
    Kpis,
    Manner,
    MistakeFound,
)
from coach.knowledge import IndexUnavailable
from coach.packs.loader import PackRegistry
from coach.packs.models import Persona, Scenario

log = logging.getLogger(__name__)

BASE = {"cultural_reading": 70, "relationship": 50, "hierarchy": 60, "communication": 60, "pacing": 70, "value": 60}


MIN_CASE_SIMILARITY = 0.3
# the nearest cases of the market looked at for one about the mistake (cases that declare the mistake come first)
CASE_CANDIDATES = 4
# how an imported transcript ends, read from the buyer's last line (its move is only inferred from word overlap): a
# cold close ("We're not close. Don't call me before I call you.") is no open door, whatever postponement it names; a
# warm one ("Send it in writing, exactly like that; I'll take it to the MT") is. Read sentence by sentence, the last
# sentence that says either decides ("We are not close to a decision yet; I'll take it to the committee" is warm)
_COLD_END = re.compile(r"\b(?:(?<!not a )no[- ]go\b|(?:we'?re|we are) not close\b(?! to)|don'?t call (?:me|us)\b(?! on)|"
                       r"not convinced|waste of (?:my|our) time|not interested\b(?! in (?:the|your|an?) )|"
                       r"(?:we are|we'?re) done\s*[.!]?\s*$|(?:i|we) have (?:my|our|serious) doubts|"
                       r"we(?:'ll| will) see(?:\s*[.!]?\s*$| whether| if))", re.I)
_WARM_END = re.compile(r"\b(?:(?:send|put) (?:us |me )?(?:it|that|this|the [\w-]+(?: [\w-]+)?|me (?:the|your|a) [\w-]+"
                       r"(?: [\w-]+)?) in writing|(?:i'?ll|i will|we'?ll|we will) take (?:it|this|that) to (?:the |our |my )?"
                       r"(?:[\w-]+ )?(?:mt|board|committee|management|director|boss|ceo|cfo|owner|chairman)|"
                       r"(?:that|this|it) sounds (?:good|fair|practical|reasonable)|we can work with (?:that|this))\b", re.I)
_NOT_BEFORE = re.compile(r"\b(?:don'?t|do not|no need|not sure|don'?t think|nothing|none|never|can'?t|cannot|won'?t)\b", re.I)


def ending(text: str) -> str | None:
    """'cold', 'warm' or None: how the buyer's last line of an imported transcript closes the conversation."""
    said = None
    for sentence in re.split(r"(?<=[.!?;])\s+", text.replace("\u2019", "'")):
        warm = _WARM_END.search(sentence)
        if warm and _NOT_BEFORE.search(sentence[:warm.start()]):
            warm = None
        cold = _COLD_END.search(sentence)
        if cold or warm:
            said = "warm" if warm else "cold"
    return said


class DebriefError(ValueError):
    pass


def _signed(effect: int, note: str) -> str:
    """'−8: personal talk after …' — the weight that applied, shown with the moment."""
    if not effect:
        return note
    return f"{'+' if effect > 0 else '−'}{abs(effect)}: {note}"


def _overall(weights: dict[str, float], scores: dict[str, int], manner: Manner | None,
             lost: int = 0) -> tuple[int, int, str]:
    """The overall (the weighted dimension scores, less the shortfall below the starting scores and `lost`, the named
    mistakes' points (shortfall.mistake_points), plus the learned reading's points when there is one, kept within
    0..100), with the shortfall's points and the sentence saying so."""
    points, note = shortfall(scores, BASE)
    score = round(sum(weights[d] * scores[d] for d in DIMENSIONS)) - points - lost
    return max(0, min(100, score + (manner.adjustment if manner is not None else 0))), points, note


class DebriefService:
    def __init__(self, packs: PackRegistry, store: Any | None = None, index: Any | None = None,
                 gateway: Any | None = None, understander: Any | None = None, manner: Any | None = None,
                 moves: Any | None = None):
        self.understander = understander
        self.manner = manner  # coach.debrief.manner.MannerReader: the learned reading beside the rules (None: rules only)
        self.moves = moves  # coach.debrief.move_reader.MoveReader: an imported buyer line's move (None: word overlap)
        self.packs = packs
        self.store = store
        self.index = index
        self.gateway = gateway

    # ---------------------------------------------------------- entry points
    def for_session(self, session_id: str, judge: bool = False, k: int = 1, save: bool = True) -> DebriefResult:
        row = self.store.get_session(session_id)
        if row is None:
            raise DebriefError(f"no session '{session_id}'")
        turns = [{"n": t.n, "role": t.role, "text": t.text, "act": t.act, "meta": t.meta} for t in self.store.turns(session_id)]
        minutes = None
        if row.ended_at and row.started_at:
            minutes = round((row.ended_at - row.started_at).total_seconds() / 60, 2)
        result = self._debrief(row.scenario_id, row.home, turns, session_id, row.outcome, minutes, judge, k)
        if save:
            self.store.save_debrief(session_id, result.overall, result.model_dump(mode="json"),
                                    result.judge.model if result.judge else None)
        return result

    def for_transcript(self, data: dict, judge: bool = False, k: int = 1) -> DebriefResult:
        """Score an imported transcript: {"scenario": ID, "home": "CC", "turns": [{"role", "text"}]}."""
        if not isinstance(data, dict) or "scenario" not in data or not isinstance(data.get("turns"), list):
            raise DebriefError('a transcript needs {"scenario": ID, "home": "CC", "turns": [{"role": ..., "text": ...}]}')
        turns = []
        for i, t in enumerate(data["turns"], 1):
            if not isinstance(t, dict) or t.get("role") not in ("trainee", "persona") or not isinstance(t.get("text"), str):
                raise DebriefError(f"turns[{i - 1}]: each turn needs role 'trainee' or 'persona' and a text")
            voice = t.get("voice")
            if voice is not None and not (isinstance(voice, dict) and all(
                    isinstance(x, (int, float, bool)) or x is None for x in voice.values())):
                raise DebriefError(f"turns[{i - 1}].voice: timing must map names to numbers, e.g. "
                                   '{"speech_s": 12.5, "pause_s": 0.8}')
            turns.append({"n": i, "role": t["role"], "text": t["text"], "act": None,
                          "meta": {"voice": voice} if voice else None})
        return self._debrief(data["scenario"], data.get("home"), turns, None, None, None, judge, k)

    # ---------------------------------------------------------- the work
    def _debrief(self, scenario_id: str, home: str | None, turns: list[dict], session_id: str | None,
                 outcome: dict | None, minutes: float | None, judge: bool, k: int) -> DebriefResult:
        scenario = self.packs.scenarios.get(scenario_id)
        if scenario is None:
            raise DebriefError(f"no scenario '{scenario_id}'")
        persona = self.packs.personas[scenario.persona]
        views = views_from_turns(turns, scenario, persona, self.understander, self.moves)
        if not any(v.role == "trainee" for v in views):
            raise DebriefError("the transcript has no trainee turn to score")
        outcome = outcome or self._outcome_from_views(views, scenario)
        market = self.packs.markets[scenario.market]
        events = detect(views, scenario, persona, market.debrief_weights)
        if voiced(views):
            events += detect_voice(views, market.voice)
        dims: dict[str, DimensionScore] = {}
        for name in DIMENSIONS:
            if name == "outcome":
                dims[name] = self._outcome_score(outcome, scenario, views)
                continue
            mine = [e for e in events if e.dimension == name]
            score = max(0, min(100, BASE[name] + sum(e.effect for e in mine)))
            evidence = [Evidence(turn=e.turn, quote=e.quote, note=_signed(e.effect, e.note), effect=e.effect) for e in mine]
            if not evidence:
                evidence = self._neutral_evidence(name, views)
            dims[name] = DimensionScore(score=score, evidence=evidence, summary=_summary(name, score, mine))
        weights = scenario.rubric_weights.model_dump()
        manner = self._manner(views, market)
        scores = {d: dims[d].score for d in DIMENSIONS}
        mistakes = self._mistakes(events, scenario)
        lost, lost_note = mistake_points([m.title for m in mistakes])
        overall, points, note = _overall(weights, scores, manner, lost)
        kpis = self._kpis(views, scenario, outcome, minutes)
        result = DebriefResult(
            session_id=session_id, scenario=scenario.id, market=scenario.market, home=home, overall=overall,
            overall_deterministic=overall, dimensions=Dimensions(**dims), weights=weights, mistakes=mistakes,
            kpis=kpis, outcome=outcome, next_steps=self._next_steps(mistakes, dims), manner=manner,
            shortfall=points, shortfall_note=note, mistake_points=lost, mistake_note=lost_note)
        if judge:
            result = self._judge(result, views, scenario, persona, k, session_id)
        return result

    def _manner(self, views: list[TurnView], market: Any) -> Manner | None:
        """The learned reading of the seller's turns, with the turns that read most like either side as evidence."""
        try:
            reading = self.manner.read(views, market) if self.manner is not None else None
        except Exception as exc:  # noqa: BLE001 - the rules' debrief stands without the learned reading
            log.warning("debrief manner reading skipped: %s", exc)
            return None
        if reading is None:
            return None
        evidence = [Evidence(turn=t.turn, quote=quote(t.quote), note=(
            f"reads like the {'stronger' if t.chance > 0.5 else 'weaker'} seller of a rehearsed pair: a "
            f"{round(100 * t.chance)}% chance the stronger one said it; weighed most: {', '.join(t.weighed)}"))
            for t in cited(reading.turns)]
        summary = (f"{_signed(reading.adjustment, '')}over the seller's {len(reading.turns)} turns read, a "
                   f"{round(100 * reading.chance)}% chance that the stronger seller of {reading.pairs} rehearsed "
                   f"skilled/poor pairs spoke like this (a learned reading beside the rules; at most ±{MANNER_WEIGHT} points)")
        return Manner(adjustment=reading.adjustment, chance=reading.chance, pairs=reading.pairs, evidence=evidence,
                      summary=summary)

    def _outcome_from_views(self, views: list[TurnView], scenario: Scenario) -> dict:
        trainee = [v for v in views if v.role == "trainee"]
        agreed = None
        for i, v in enumerate(views):
            if v.role == "persona" and v.move == "accept":
                agreed = next((x.price for x in reversed(views[:i]) if x.role == "trainee" and x.price is not None), None)
        out: dict[str, Any] = {"end_reason": "agreement" if agreed is not None else "imported", "agreement": agreed is not None,
                               "turns": len(trainee), "terms": {"price": agreed} if agreed is not None else {}}
        if agreed is not None:
            out["price"] = agreed
        return out

    def _outcome_score(self, outcome: dict, scenario: Scenario, views: list[TurnView]) -> DimensionScore:
        p = scenario.private
        floor = scenario.seller_brief.floor_price or p.reservation_price * 0.95
        last_turn = views[-1].n
        ev_quote = quote(views[-1].text)
        revealed = (f"The buyer's limits (now revealed): opened at {p.opening_offer:g}, aimed for {p.target_price:g}, "
                    f"could go up to {p.reservation_price:g} {scenario.seller_brief.currency}; your floor was {floor:g}.")
        if outcome.get("agreement"):
            price = float(outcome.get("price") or 0)
            if price < floor:
                score, note = 10, f"agreed at {price:g}, below your floor"
            else:
                share = (price - floor) / max(1e-9, p.reservation_price - floor)
                score, note = round(50 + 50 * max(0.0, min(1.0, share))), f"agreed at {price:g}: {100 * max(0.0, min(1.0, share)):.0f}% of the zone between your floor and their limit"
        else:
            reason = outcome.get("end_reason")
            last = next((v for v in reversed(views) if v.role == "persona"), None)
            last_persona = last.move if last else None
            closes = ending(last.text) if reason == "imported" and last is not None else None
            if closes:
                last_persona = "hold_firm" if closes == "cold" else "conditional_accept"
            if reason == "persona_walked":
                score, note = 15, "the buyer walked away"
            elif last_persona in ("postpone", "defer", "conditional_accept"):
                score, note = 40, "no agreement yet, but the door is open"
            else:
                score, note = 25, "no agreement"
        return DimensionScore(score=score, evidence=[Evidence(turn=last_turn, quote=ev_quote, note=note)],
                              summary=f"{note}. {revealed}")

    def _neutral_evidence(self, name: str, views: list[TurnView]) -> list[Evidence]:
        v = next(x for x in views if x.role == "trainee")
        return [Evidence(turn=v.n, quote=quote(v.text), note=f"nothing notable for {name.replace('_', ' ')}; base score")]

    def _kpis(self, views: list[TurnView], scenario: Scenario, outcome: dict, minutes: float | None) -> Kpis:
        L = scenario.seller_brief.list_price
        trainee = [v for v in views if v.role == "trainee"]
        prices = [(v.n, v.price, v) for v in trainee if v.price is not None and "limit_probe" not in v.acts]
        concessions = []
        for (n0, p0, _), (n1, p1, view) in zip(prices, prices[1:]):
            if p1 < p0:
                concessions.append(ConcessionKpi(turn=n1, before=p0, after=p1, size=round(p0 - p1, 4),
                                                 size_pct_of_list=round(100 * (p0 - p1) / L, 2),
                                                 traded=traded(view)))
        words_t = sum(len(v.text.split()) for v in trainee)
        words_all = sum(len(v.text.split()) for v in views) or 1
        questions = sum(1 for v in trainee if "question" in v.acts or v.text.strip().endswith("?"))
        baseline = scenario.home_baseline_minutes
        agreement = bool(outcome.get("agreement"))
        return Kpis(
            first_offer=prices[0][1] if prices else None,
            anchor_vs_list=round(prices[0][1] / L, 3) if prices else None,
            first_price_turn=prices[0][0] if prices else None,
            concessions=concessions, concessions_count=len(concessions),
            concessions_untraded=sum(1 for c in concessions if not c.traded),
            talk_ratio=round(words_t / words_all, 3), question_rate=round(questions / max(1, len(trainee)), 3),
            trainee_turns=len(trainee), agreement=agreement, terms=outcome.get("terms") or {},
            minutes=minutes if agreement else None, home_baseline_minutes=baseline,
            time_vs_home_baseline=round(minutes / baseline, 2) if (agreement and minutes and baseline) else None,
            voice=voice_kpis(views),
        )

    def _mistakes(self, events: list, scenario: Scenario) -> list[MistakeFound]:
        out: list[MistakeFound] = []
        seen: set[str] = set()
        for e in events:
            if not e.mistake or e.mistake in seen:
                continue
            seen.add(e.mistake)
            # match on what the mistake is, not on the turn's words (a price turn must not pull a holiday case)
            query, about = MISTAKE_QUERIES.get(e.mistake, (e.mistake, re.escape(e.mistake.lower())))
            case = self._declared_case(e.mistake, query, scenario.market) or self._match_case(query, scenario.market,
                                                                                                e.scale, about)
            out.append(MistakeFound(title=e.mistake, scale=case.scale if case else (e.scale or "communicating"),
                                    turn=e.turn, case_id=case.id if case else None,
                                    case_title=case.title if case else None, instead=case.instead if case else None,
                                    dimension=e.dimension))
        return out

    def _declared_case(self, mistake: str, query: str, market: str):
        """The market's case that says it illustrates this mistake (`illustrates` in the pack); of several, the nearest
        to the mistake by meaning."""
        declared = {c.id: c for c in self.packs.approved_cases(market) if c.kind == "mistake" and mistake in c.illustrates}
        if len(declared) > 1 and self.index is not None:
            try:
                hit = next((h for h in self.index.search(query, k=64, market=market, kind="mistake")
                            if h.case_id in declared), None)
                if hit is not None:
                    return declared[hit.case_id]
            except IndexUnavailable:
                pass
        return declared[min(declared)] if declared else None

    def _match_case(self, text: str, market: str, scale: str | None, about: str = ""):
        """The market's case about this mistake: nearest by meaning, and saying what the mistake is."""
        def is_about(case) -> bool:
            body = " ".join([case.title, case.lesson, case.instead]).lower()
            return not about or bool(re.search(about, body))
        if self.index is not None:
            try:
                for flt in ({"scale": scale} if scale else {}, {}):
                    for hit in self.index.search(text, k=CASE_CANDIDATES, market=market, kind="mistake", **flt):
                        case = self.packs.cases.get(hit.case_id)
                        if case is not None and hit.score >= MIN_CASE_SIMILARITY and is_about(case):
                            return case
                return None
            except IndexUnavailable:
                pass  # the index server is down: match by words in the packs' cases below
        words = set(re.findall(r"[a-z]{4,}", text.lower()))
        cands = [c for c in self.packs.approved_cases(market) if c.kind == "mistake" and is_about(c)]
        if scale:
            cands = [c for c in cands if c.scale == scale] or cands
        if not cands:
            return None
        return max(cands, key=lambda c: len(words & set(re.findall(r"[a-z]{4,}", (c.title + " " + c.lesson).lower()))))

    def _next_steps(self, mistakes: list[MistakeFound], dims: dict[str, DimensionScore]) -> list[str]:
        steps: list[str] = []
        for m in mistakes:
            if m.instead and m.instead not in steps and len(steps) < 3:
                steps.append(m.instead)
        weakest = min((d for d in DIMENSIONS if d != "outcome"), key=lambda d: dims[d].score)
        steps.append(f"Next rehearsal: focus on {weakest.replace('_', ' ')} (your lowest score, {dims[weakest].score}).")
        return steps

    # ---------------------------------------------------------- the bounded LLM judge
    def _judge(self, result: DebriefResult, views: list[TurnView], scenario: Scenario, persona: Persona, k: int,
               session_id: str | None) -> DebriefResult:
        from coach.prompts import render
        model = self.gateway.model_for("judge") if self.gateway else "none"
        if self.gateway is None:
            result.judge = JudgeReport(model=model, ok=False, runs=0, error="no gateway configured")
            return result
        transcript = "\n".join(f"[{v.n}] {'SELLER' if v.role == 'trainee' else 'BUYER'}: {v.text}" for v in views)[-6000:]
        prompt = render("debrief_judge.j2", transcript=transcript, scores={d: getattr(result.dimensions, d).score for d in DIMENSIONS},
                        market=scenario.market, persona=persona.public().model_dump())
        judgements: list[Judgement] = []
        errors: list[str] = []
        for _ in range(max(1, k)):
            messages = [{"role": "user", "content": prompt}]
            j, err = self._judge_once(messages, session_id)
            if j is None:
                errors.append(err or "malformed")
            else:
                judgements.append(j)
        if not judgements:
            result.judge = JudgeReport(model=model, ok=False, runs=k, error="; ".join(errors)[:500])
            return result
        adj = {d: statistics.fmean(j.adjustments.get(d, 0) for j in judgements) for d in DIMENSIONS if d != "outcome"}
        var = {d: round(statistics.pvariance([j.adjustments.get(d, 0) for j in judgements]), 2) for d in adj} if len(judgements) > 1 else {}
        for d, a in adj.items():
            ds = getattr(result.dimensions, d)
            ds.score = max(0, min(100, ds.score + round(a)))
        scores = {d: getattr(result.dimensions, d).score for d in DIMENSIONS}
        result.overall, result.shortfall, result.shortfall_note = _overall(result.weights, scores, result.manner,
                                                                           result.mistake_points)
        result.judge = JudgeReport(model=model, ok=True, runs=len(judgements), narrative=judgements[0].narrative,
                                   adjustments={d: round(a, 2) for d, a in adj.items()}, variance=var,
                                   error="; ".join(errors) or None)
        return result

    def _judge_once(self, messages: list[dict], session_id: str | None) -> tuple[Judgement | None, str | None]:
        error = None
        for attempt in range(2):  # the first answer, then one repair try
            try:
                c = self.gateway.complete(messages, purpose="judge", session_id=session_id, max_tokens=400, temperature=0.2)
            except Exception as exc:  # noqa: BLE001 - the deterministic debrief stands
                return None, f"judge call failed: {exc}"
            try:
                return parse_judgement(c.text), None
            except (ValueError, ValidationError) as exc:
                error = f"attempt {attempt + 1}: {str(exc)[:200]}"
                messages = messages + [{"role": "assistant", "content": c.text},
                                       {"role": "user", "content": "That was not valid. Reply with ONLY a JSON object: "
                                        '{"narrative": "...", "adjustments": {"relationship": 0, ...}} with integer '
                                        f"adjustments between -10 and 10. Error: {str(exc)[:200]}"}]
        return None, error


def parse_judgement(text: str) -> Judgement:
    m = re.search(r"\{.*\}", text or "", re.S)
    if not m:
        raise ValueError("no JSON object in the judge's answer")
    return Judgement.model_validate(json.loads(m.group()))


def _summary(name: str, score: int, events: list) -> str:
    good = sum(1 for e in events if e.effect > 0)
    bad = sum(1 for e in events if e.effect < 0)
    return f"{score}/100 — {good} moment(s) that helped, {bad} that hurt." if events else f"{score}/100 — no clear signal either way."

