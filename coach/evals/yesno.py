"""LLM-judged criteria for the eval suites: atomic yes/no questions, never a vague 1-10.

Only used when a provider model (not the embedded one) is configured as judge. Each question is asked k
times; the report gives the judge's agreement with the deterministic check on the same item and how often
its k answers disagree with each other. A malformed answer gets one repair try; an answer that came from a
fallback model (the configured judge failed) is not counted as the judge's.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Any

QUESTIONS: dict[str, str] = {
    "in_character": "Is the BUYER's line spoken by the buyer in the negotiation (not by an AI assistant, not by "
                    "the seller, not a description or narration of the conversation)?",
    "states_limit": "Does the BUYER's line name a specific number as the buyer's own lowest, highest or final "
                    "acceptable price, budget or limit?",
}
"""Each question maps to a deterministic check whose verdict is the expected answer (True = yes)."""

_ANSWER = re.compile(r"^\W*(yes|no)\b", re.IGNORECASE)


def parse_answer(text: str) -> bool | None:
    m = _ANSWER.match(text or "")
    return None if m is None else m.group(1).lower() == "yes"


@dataclass
class JudgedItem:
    question: str
    expected: bool
    buyer: str = ""
    answers: list[bool | None] = field(default_factory=list)

    @property
    def valid(self) -> list[bool]:
        return [a for a in self.answers if a is not None]

    @property
    def majority(self) -> bool | None:
        v = self.valid
        if not v or sum(v) * 2 == len(v):  # no valid answer, or a tie
            return None
        return sum(v) * 2 > len(v)

    @property
    def unstable(self) -> bool:
        return len(set(self.valid)) > 1


class YesNoJudge:
    """Asks one atomic question about one buyer line, k times, through the gateway."""

    def __init__(self, gateway: Any, k: int = 1, session_id: str | None = None):
        self.gateway = gateway
        self.k = max(1, int(k))
        self.session_id = session_id
        self.items: list[JudgedItem] = []
        self.errors: list[str] = []

    def ask(self, question: str, buyer: str, expected: bool, seller: str = "") -> JudgedItem:
        from coach.prompts import render
        prompt = render("judge_yesno.j2", question=QUESTIONS[question], buyer=buyer[:1500], seller=seller[:800])
        item = JudgedItem(question=question, expected=expected, buyer=buyer[:200])
        for _ in range(self.k):
            item.answers.append(self._once(prompt))
        self.items.append(item)
        return item

    def _once(self, prompt: str) -> bool | None:
        messages = [{"role": "user", "content": prompt}]
        for attempt in range(2):  # the answer, then one repair try
            try:
                c = self.gateway.complete(messages, purpose="judge", session_id=self.session_id, max_tokens=4,
                                          temperature=0.7 if self.k > 1 else 0.0)
            except Exception as exc:  # noqa: BLE001 - counted as no answer, reported
                self.errors.append(f"judge call failed: {str(exc)[:200]}")
                return None
            if getattr(c, "fallback", False):
                self.errors.append(f"judge fell back to {c.resolved_model}; answer not counted")
                return None
            answer = parse_answer(c.text)
            if answer is not None:
                return answer
            if attempt == 0:
                messages = messages + [{"role": "assistant", "content": c.text},
                                       {"role": "user", "content": "Answer with exactly one word: yes or no."}]
        self.errors.append(f"malformed judge answer: {c.text[:80]!r}")
        return None

    def metrics(self) -> dict[str, float]:
        """judge_agreement (majority answer = deterministic verdict), judge_instability (k answers differ),
        judge_variance (mean Bernoulli variance of the k answers), judge_invalid_rate; per question too."""
        out: dict[str, float] = {}
        groups: dict[str, list[JudgedItem]] = {"": self.items}
        for q in QUESTIONS:
            groups[q] = [i for i in self.items if i.question == q]
        for q, items in groups.items():
            if not items:
                continue
            suffix = f"_{q}" if q else ""
            decided = [i for i in items if i.majority is not None]
            out[f"judge_agreement{suffix}"] = round(sum(i.majority == i.expected for i in decided) / len(decided), 3) if decided else float("nan")
            if not q:
                answers = [a for i in items for a in i.answers]
                out["judge_items"] = float(len(items))
                out["judge_invalid_rate"] = round(sum(a is None for a in answers) / max(1, len(answers)), 3)
                if self.k > 1:
                    out["judge_instability"] = round(sum(i.unstable for i in items) / len(items), 3)
                    varis = [statistics.fmean(i.valid) * (1 - statistics.fmean(i.valid)) for i in items if i.valid]
                    out["judge_variance"] = round(statistics.fmean(varis), 4) if varis else float("nan")
        return out

    def disagreements(self, limit: int = 20) -> list[dict[str, Any]]:
        return [{"question": i.question, "buyer": i.buyer, "expected": i.expected, "answers": i.answers}
                for i in self.items if i.majority is not None and i.majority != i.expected][:limit]


def judge_candidates(ctx: Any, args: dict, question: str,
                     candidates: list[tuple[str, str, bool]]) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Ask `question` about an evenly spaced sample of (seller line, buyer line, deterministic verdict).

    Returns ({} , []) when no provider judge is configured or the suite's args turn it off (`llm_judge: false`).
    Sample size: args `judge_sample` (default 40); runs per item: args `judge_k` (default 3).
    """
    model = ctx.settings.provider_judge()
    if not args.get("llm_judge", True) or not candidates or model is None:
        return {}, []
    n = min(len(candidates), int(args.get("judge_sample", 40)))
    step = len(candidates) / n
    judge = YesNoJudge(ctx.gateway, k=int(args.get("judge_k", 3)))
    for j in range(n):
        seller, buyer, expected = candidates[int(j * step)]
        judge.ask(question, buyer, expected, seller=seller)
    disagreements = judge.disagreements()
    problems = [{"id": "llm-judge", "ok": not disagreements and not judge.errors, "judge": model,
                 "disagreements": disagreements, "errors": judge.errors[:10]}]
    return judge.metrics(), problems
