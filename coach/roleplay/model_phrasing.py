"""Phrasing a reply with a model: the persona's prompt and history, reading ahead while the salesperson types, and
adapting the checked bank line within the turn's budget (the bank line stays the fallback; the guard has the last word).

`ModelPhrasing` is mixed into `coach.roleplay.engine.RolePlay`, which holds the gateway, the store and the turn counters.
"""
from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

from coach.packs.models import Persona, Scenario
from coach.roleplay import guard
from coach.roleplay.policy import Move
from coach.roleplay.realise import Choice, model_messages
from coach.roleplay.state import NegotiationState


class ModelPhrasing:
    """The model side of a role-play turn (see the module docstring)."""

    gateway: Any
    store: Any
    realiser: str
    _active: int
    _last_turn: float

    def _load(self, session_id: str) -> tuple[Any, Scenario, Persona, NegotiationState]:
        raise NotImplementedError
    def _use_model(self) -> bool:
        return not (self.realiser == "bank" or self.gateway is None)

    def _context(self, session_id: str, st: NegotiationState, persona: Persona,
                 scenario: Scenario) -> tuple[str, list[dict[str, str]]]:
        """The persona's system prompt and the conversation so far (complete turns; older ones summarised)."""
        from coach.llm import fit_messages
        from coach.prompts import render
        b = scenario.seller_brief
        system = render("persona_system.j2", persona=persona.public().model_dump(), language="English",
                        company=choice_company(scenario), product=b.product.split("(")[0].strip())
        history = []
        for t in self.store.turns(session_id):
            if t.role == "trainee" and t.status == "complete":
                history.append({"role": "user", "content": t.text or "(silence)"})
            elif t.role == "persona" and t.status == "complete":
                history.append({"role": "assistant", "content": t.text})
        history = history[:-1] if history and history[-1]["role"] == "user" else history  # the current turn goes last
        counter = self.gateway.token_counter("persona") if hasattr(self.gateway, "token_counter") else None
        kept, dropped = fit_messages([{"role": "system", "content": system}], history,
                                     budget=self.gateway.settings.n_ctx - 600, reserve=200, counter=counter)
        if dropped:
            kept = [{"role": "system", "content": "Earlier in this meeting: " + st.summary(b.currency)}] + kept
        return system, kept

    def prefill(self, session_id: str) -> None:
        """While the salesperson reads and types, let an idle local model read the conversation so far, so the
        next reply needs only the new words (no-op for providers, the bank realiser, or a busy model)."""
        if not self._use_model() or not hasattr(self.gateway, "prefill"):
            return

        def build() -> list[dict[str, str]]:
            _, scenario, persona, st = self._load(session_id)
            system, kept = self._context(session_id, st, persona, scenario)
            return [{"role": "system", "content": system}, *kept]

        self.gateway.prefill(build, purpose="persona", busy=self._busy)

    def _busy(self) -> bool:
        """Another turn is in progress or has just arrived: the cores are better spent on it than on reading ahead."""
        return self._active > 0 or time.monotonic() - self._last_turn < 1.0

    def _phrase_with_model(self, session_id: str, text: str, move: Move, choice: Choice, st: NegotiationState,
                           persona: Persona, scenario: Scenario, deadline: float | None = None) -> Iterator[Any]:
        from coach.llm import BudgetExceeded, LLMUnavailable
        from coach.llm.router import is_small
        strong = not is_small(self.gateway.model_for("persona"))
        system, kept = self._context(session_id, st, persona, scenario)
        lines = list(persona.phrases.get(choice.move, []))  # type: ignore[call-overload]
        if strong:
            examples = [choice.text] + [x for x in lines if x != choice.template][:2]
        else:  # the small model adapts the chosen line; every example token is read on each turn (~100 tok/s here)
            examples = [choice.last or choice.text]
        examples = [ex for ex in examples if "{" not in ex]
        messages = model_messages(system, kept, text, move, choice, examples, strong, persona.name)
        prefix = messages[-1]["content"] if not strong else ""
        if prefix:
            yield prefix
        try:
            h = self.gateway.stream(messages, purpose="persona", session_id=session_id, max_tokens=70, temperature=0.6,
                                    stop=["\n", "<|im_end|>", "Seller:", "Trainee:", "User:"], deadline=deadline,
                                    expect_tokens=expected_tokens(choice, prefix), fallback=False)
            generated = "".join(h)
        except BudgetExceeded as exc:
            yield ("final", choice.text, "bank", [], exc.reason)
            return
        except LLMUnavailable:  # no fallback model here: the checked bank line is the persona's own fallback
            yield ("final", choice.text, "bank", ["model unavailable"], None)
            return
        reply = (prefix + generated).strip()
        verdict = guard.check_reply(reply, persona, scenario, choice.move, choice.allowed_numbers, from_model=True,
                                    lead=choice.lead)
        if verdict.ok:
            yield ("final", reply, "model", [], None)
        else:
            yield ("final", choice.text, "bank", list(verdict.reasons), None)


# forced words cost prompt processing before the first generated token (~130 tokens/s on 2 cores)
MAX_FORCED_LEAD_WORDS = 14


def model_may_phrase(choice: Choice) -> bool:
    """The model phrases only the final move line, after at most a short forced acknowledgement; a reply that
    carries an answer stays the checked bank reply (its content matters, and a long forced lead is slow)."""
    if choice.plan and not choice.plan[-1].startswith("move:"):
        return False
    return len(choice.lead.split()) <= MAX_FORCED_LEAD_WORDS


def expected_tokens(choice: Choice, prefix: str) -> int:
    """About how many tokens the model will write: the rest of the bank line it adapts, plus a little."""
    rest = len((choice.lead + " " + (choice.last or choice.text)).split()) - len(prefix.split())
    return max(8, int(rest * 1.4) + 6)


def choice_company(scenario: Scenario) -> str:
    return re.sub(r"\s*\(fictional\)", "", scenario.seller_brief.company)
