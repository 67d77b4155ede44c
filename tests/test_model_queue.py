"""One model, one generation at a time: priorities, the latency budget, and the bank line when it runs out."""
from __future__ import annotations

import threading
import time

import pytest

from coach.llm import BudgetExceeded, ModelQueue


def _hold(q: ModelQueue, seconds: float, estimate: float, started: threading.Event) -> threading.Thread:
    def run() -> None:
        with q.slot("persona", estimate, None):
            started.set()
            time.sleep(seconds)
    t = threading.Thread(target=run)
    t.start()
    assert started.wait(5)
    return t


def test_waiting_requests_are_served_advisor_first_then_in_order():
    q = ModelQueue()
    started = threading.Event()
    holder = _hold(q, 0.3, 0.3, started)
    order: list[str] = []

    def ask(name: str, purpose: str, delay: float) -> threading.Thread:
        def run() -> None:
            time.sleep(delay)
            with q.slot(purpose, 0.01, None):
                order.append(name)
        t = threading.Thread(target=run)
        t.start()
        return t

    threads = [ask("persona-1", "persona", 0.0), ask("persona-2", "persona", 0.05), ask("advisor", "advisor", 0.1)]
    for t in [holder, *threads]:
        t.join(5)
    assert order == ["advisor", "persona-1", "persona-2"]


def test_a_request_that_cannot_fit_behind_the_queue_is_refused_at_once():
    q = ModelQueue()
    started = threading.Event()
    holder = _hold(q, 0.5, 5.0, started)
    t0 = time.monotonic()
    with pytest.raises(BudgetExceeded) as exc:
        with q.slot("persona", 0.5, time.monotonic() + 1.0):
            pass
    assert exc.value.reason == "queue" and time.monotonic() - t0 < 0.2
    assert not q.idle(), "a refusal behind others marks the machine as busy (no cache warm-ups for a while)"
    holder.join(5)
    assert q.counts["refused:queue"] == 1


def test_a_request_too_long_on_its_own_is_refused_without_marking_load():
    q = ModelQueue()
    with pytest.raises(BudgetExceeded) as exc:
        with q.slot("persona", 3.0, time.monotonic() + 1.0):
            pass
    assert exc.value.reason == "long" and q.idle()


def test_a_request_that_waits_past_its_start_time_gives_up():
    q = ModelQueue()
    started = threading.Event()
    holder = _hold(q, 1.0, 0.05, started)  # runs much longer than it said
    t0 = time.monotonic()
    with pytest.raises(BudgetExceeded) as exc:
        with q.slot("persona", 0.2, time.monotonic() + 0.6):
            pass
    waited = time.monotonic() - t0
    assert exc.value.reason == "queue" and 0.3 < waited < 0.9
    holder.join(5)
    with q.slot("persona", 0.1, time.monotonic() + 1.0):  # the queue is free again
        pass


def test_rates_learn_from_measured_calls():
    q = ModelQueue()
    before = q.rates.seconds(100, 20)
    for _ in range(10):
        q.rates.update(200, 1.0, 40, 1.0)  # 200 tok/s prompt, 40 tok/s generation
    assert q.rates.seconds(100, 20) < before
    assert q.rates.prompt_tps == pytest.approx(200, rel=0.05) and q.rates.gen_tps == pytest.approx(40, rel=0.05)


class _TimedGateway:
    """A fake gateway: records each call's deadline, then runs out of time (or answers)."""

    def __init__(self, fail: bool):
        from types import SimpleNamespace
        self.settings = SimpleNamespace(n_ctx=2048, persona_budget=2.5)
        self.fail = fail
        self.calls: list[dict] = []

    def model_for(self, purpose: str) -> str:
        return "local/qwen2.5-0.5b"

    def stream(self, messages, **kw):
        self.calls.append({**kw, "at": time.monotonic()})
        if self.fail:
            raise BudgetExceeded("queue", "3.0 s of work ahead")
        return iter([" and we will see."])


def test_a_turn_out_of_budget_gets_the_checked_bank_line_with_the_reason(registry, store):
    from coach.roleplay import RolePlay
    from coach.roleplay.guard import check_reply
    gw = _TimedGateway(fail=True)
    rp = RolePlay(registry, store, gateway=gw, realiser="model")
    assert rp.budget == 2.5, "the budget comes from the settings"
    # a task-first buyer: its reply to a price ends on a move line the model phrases (a relationship-first buyer's
    # reply to an early price ends on a bank bridge instead, with no model call)
    sid = rp.start("de-machinery-drive-components", home="US")
    rp.turn(sid, "Good morning, Dr. Brenner.").text()  # greeting: a move line the model may phrase
    t_start = time.monotonic()
    t = rp.turn(sid, "Our price is 1,450 EUR per gearbox.")
    text = t.text()
    assert gw.calls, "the model was asked"
    call = gw.calls[-1]
    assert abs(call["deadline"] - (t_start + 2.5)) < 0.3, "the budget counts from the turn's start"
    assert call["deadline"] > call["at"] and call["expect_tokens"] >= 8
    assert t.result.source == "bank" and t.result.budget == "queue"
    persona = [x for x in store.turns(sid) if x.role == "persona"][-1]
    assert persona.status == "complete" and persona.text == text and persona.meta["budget"] == "queue"
    sc = registry.scenarios["de-machinery-drive-components"]
    assert len(text.split()) >= 6 and persona.meta["plan"] == t.result.plan, "the composed bank reply, whole"
    assert any(p.startswith(("ack:offer", "move:")) for p in t.result.plan)
    assert check_reply(text, registry.personas[sc.persona], sc, persona.meta["move"], [1450.0], from_model=False).ok


def test_without_a_budget_the_model_gets_no_deadline(registry, store):
    from coach.roleplay import RolePlay
    gw = _TimedGateway(fail=False)
    rp = RolePlay(registry, store, gateway=gw, realiser="model", budget=0)
    sid = rp.start("de-machinery-drive-components", home="US")
    t = rp.turn(sid, "Good morning, Dr. Brenner.")
    t.text()
    assert gw.calls and gw.calls[-1]["deadline"] is None and t.result.budget is None


def test_the_gateway_does_not_fall_back_when_the_budget_ran_out(settings, store):
    """A budget refusal is an answer (use the bank line), not a failure: no second model is tried."""
    import litellm
    from litellm import CustomLLM
    from litellm.types.utils import GenericStreamingChunk
    from litellm.utils import custom_llm_setup

    from coach.llm import Gateway

    used: list[str] = []

    class Slow(CustomLLM):
        def streaming(self, *a, **kw):
            used.append("slow")
            raise BudgetExceeded("cut", "12 tokens in 2.5 s")

    class Quick(CustomLLM):
        def streaming(self, *a, **kw):
            used.append("quick")
            yield GenericStreamingChunk(text="hi", is_finished=True, finish_reason="stop", index=0, tool_use=None,
                                        usage=None)

    gw = Gateway(settings.model_copy(update={"persona_model": "slowprobe/x", "fallback_model": "quickprobe/x"}), store)
    litellm.custom_provider_map = [p for p in litellm.custom_provider_map if p["provider"] not in ("slowprobe", "quickprobe")]
    litellm.custom_provider_map += [{"provider": "slowprobe", "custom_handler": Slow()},
                                    {"provider": "quickprobe", "custom_handler": Quick()}]
    custom_llm_setup()
    with pytest.raises(BudgetExceeded) as exc:
        "".join(gw.stream([{"role": "user", "content": "hello"}], deadline=time.monotonic() + 5, session_id="b-1"))
    assert exc.value.reason == "cut" and used == ["slow"]
    [row] = store.llm_calls("b-1")
    assert "latency budget" in (row.error or "")
    # without a deadline the same failure falls back as before
    assert "".join(gw.stream([{"role": "user", "content": "hello"}])) == "hi" and used[-1] == "quick"


def test_a_saturated_provider_is_refused_at_once_and_paused_after_timeouts():
    from coach.llm.queue import ProviderGate
    gate = ProviderGate(capacity=1)
    with gate.slot():
        with pytest.raises(BudgetExceeded) as exc:
            with gate.slot():
                pass
        assert exc.value.reason == "queue", "a call that would wait for a busy server is refused at once"
    gate.result(False)
    with gate.slot():  # one timeout: try again
        pass
    gate.result(False)
    with pytest.raises(BudgetExceeded) as exc:
        with gate.slot():
            pass
    assert exc.value.reason == "busy" and 0 < gate.paused_until - time.monotonic() <= 5.0
    gate.paused_until = 0.0
    gate.result(True)
    assert gate.failures == 0
