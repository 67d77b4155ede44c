"""One model, one generation at a time: a queue served by priority, with a latency budget per request.

The embedded model runs in-process and uses every core it is given, so two generations side by side only
slow each other down. Requests wait here for their turn — the advisor and the judge before persona turns —
and a request with a deadline is admitted only when the queue ahead of it plus its own expected time fit
(prompt tokens not already in the model's cache at the measured prompt rate, expected tokens at the measured
generation rate). A request that cannot make it is refused at once (`BudgetExceeded`), and a generation
still running at its deadline is cut; the caller then uses its already-checked bank line.
"""
from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

# served first: a salesperson five minutes before a call, a finished rehearsal's debrief
PRIORITY = {"advisor": 0, "judge": 0, "doctor": 0, "persona": 1, "prefill": 2}
BUDGET_MARK = "latency budget"


class BudgetExceeded(RuntimeError):
    """The request could not be served (or finished) within its deadline. `reason`: queue (others ahead), long
    (too long on its own), prompt (too much new prompt once its turn came) or cut (still running at the deadline)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{BUDGET_MARK}: {reason}" + (f" ({detail})" if detail else ""))
        self.reason = reason


@dataclass
class Rates:
    """Measured speeds (exponential moving averages), seeded with conservative 2-core figures."""
    prompt_tps: float = 120.0
    gen_tps: float = 18.0
    alpha: float = 0.3

    def update(self, prompt_tokens: int, prompt_s: float, gen_tokens: int, gen_s: float) -> None:
        if prompt_tokens >= 16 and prompt_s > 0:
            self.prompt_tps += self.alpha * (prompt_tokens / prompt_s - self.prompt_tps)
        if gen_tokens >= 4 and gen_s > 0:
            self.gen_tps += self.alpha * (gen_tokens / gen_s - self.gen_tps)

    def seconds(self, prompt_tokens: int, gen_tokens: int) -> float:
        return prompt_tokens / self.prompt_tps + gen_tokens / self.gen_tps


@dataclass(order=True)
class _Ticket:
    priority: int
    seq: int
    estimate: float = field(compare=False)


class ModelQueue:
    """Serialises generations; waiting requests are served by priority, then in arrival order."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._waiting: list[_Ticket] = []
        self._seq = itertools.count()
        self._busy_until: float | None = None  # expected end of the generation in progress
        self.rates = Rates()
        self.counts: Counter[str] = Counter()
        self._last_refusal = -1e9

    def idle(self, calm_seconds: float = 20.0) -> bool:
        """Nobody is generating or waiting, and no request was refused lately (the machine is not under load)."""
        with self._cond:
            return (self._busy_until is None and not self._waiting
                    and time.monotonic() - self._last_refusal > calm_seconds)

    def _refuse(self, kind: str, load: bool = True) -> None:
        self.counts[f"refused:{kind}"] += 1
        if load:  # a request refused because others were ahead (or ran late): the machine is busy
            self._last_refusal = time.monotonic()

    def backlog(self, priority: int) -> float:
        """Expected seconds before a new request of this priority would start."""
        with self._cond:
            return self._backlog(priority)

    def _backlog(self, priority: int) -> float:
        now = time.monotonic()
        running = max(0.0, self._busy_until - now) if self._busy_until is not None else 0.0
        return running + sum(t.estimate for t in self._waiting if t.priority <= priority)

    @contextmanager
    def slot(self, purpose: str, estimate: float, deadline: float | None) -> Iterator[None]:
        """Hold the model for one generation. With a deadline (time.monotonic()), refuse when it cannot fit."""
        priority = PRIORITY.get(purpose, 1)
        with self._cond:
            if deadline is not None:
                wait = self._backlog(priority)
                if time.monotonic() + wait + estimate > deadline:
                    alone = time.monotonic() + estimate <= deadline
                    self._refuse("queue" if alone else "long", load=alone)
                    raise BudgetExceeded("queue" if alone else "long", f"{wait:.1f} s of work ahead, {estimate:.1f} s own")
            ticket = _Ticket(priority, next(self._seq), estimate)
            heapq.heappush(self._waiting, ticket)
            try:
                while self._busy_until is not None or self._waiting[0] is not ticket:
                    timeout = None if deadline is None else deadline - estimate - time.monotonic()
                    if timeout is not None and timeout <= 0:
                        self._refuse("queue")
                        raise BudgetExceeded("queue", "waited too long for the model")
                    self._cond.wait(timeout)
            except BaseException:
                self._waiting.remove(ticket)
                heapq.heapify(self._waiting)
                self._cond.notify_all()
                raise
            heapq.heappop(self._waiting)
            self._busy_until = time.monotonic() + estimate
        try:
            yield
        finally:
            with self._cond:
                self._busy_until = None
                self._cond.notify_all()

    def refuse(self, kind: str, load: bool = True) -> None:
        """Record a refusal decided by the model itself (prompt too long for the deadline, generation cut)."""
        with self._cond:
            self._refuse(kind, load)

    def extend(self, seconds: float) -> None:
        """The running generation's estimate, corrected once its real prompt length is known."""
        with self._cond:
            if self._busy_until is not None:
                self._busy_until = time.monotonic() + seconds


class ProviderGate:
    """A model server or provider under a latency budget: at most `capacity` calls in flight (a call that would
    wait is refused at once), and after repeated timeouts a short pause (growing, at most a minute) before the
    next try, so replies do not all wait out the budget while the servers are saturated."""

    def __init__(self, capacity: int):
        self._sem = threading.BoundedSemaphore(max(1, capacity))
        self._lock = threading.Lock()
        self.failures = 0
        self.paused_until = 0.0

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._lock:
            if time.monotonic() < self.paused_until:
                raise BudgetExceeded("busy", f"{self.failures} recent timeouts; paused")
        if not self._sem.acquire(blocking=False):
            raise BudgetExceeded("queue", "every model server is busy")
        try:
            yield
        finally:
            self._sem.release()

    def result(self, ok: bool) -> None:
        with self._lock:
            if ok:
                self.failures, self.paused_until = 0, 0.0
                return
            self.failures += 1
            if self.failures >= 2:
                self.paused_until = time.monotonic() + min(60.0, 5.0 * 2 ** (self.failures - 2))
