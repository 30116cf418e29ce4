"""The load benchmark's arithmetic: percentiles, the day's arrivals, staffing, the queue count.

Pure (no I/O): tested on its own in tests/bench/test_load_day.py.
"""

from __future__ import annotations

import asyncio
import math
import random
from collections import Counter
from collections.abc import Sequence

from macturnos.config import CentreConfig

# --- figures -----------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation; NaN for no values."""
    if not values:
        return math.nan
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0-100, got {q}")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def summary_ms(samples_s: Sequence[float]) -> dict[str, float | int]:
    """Count, p50, p99 and max of latencies given in seconds, in milliseconds."""
    return {
        "n": len(samples_s),
        "p50_ms": percentile(samples_s, 50) * 1000,
        "p99_ms": percentile(samples_s, 99) * 1000,
        "max_ms": (max(samples_s) * 1000) if samples_s else math.nan,
    }


# --- the day's shape ---------------------------------------------------------------

# Relative arrivals per opening hour of a Lima centre: a queue at the door in
# the morning, a lull at lunch, a smaller afternoon peak, a quiet last hour.
HOURLY_PROFILE = (1.45, 1.35, 1.2, 1.0, 0.8, 0.85, 1.0, 0.95, 0.8, 0.6)


def arrival_offsets(
    count: int, duration_s: float, rng: random.Random, profile: Sequence[float] = HOURLY_PROFILE
) -> list[float]:
    """`count` sorted arrival instants in [0, duration_s) following a piecewise-constant profile."""
    if count < 0 or duration_s <= 0:
        raise ValueError("count must be >= 0 and duration positive")
    total = sum(profile)
    bounds: list[float] = []
    acc = 0.0
    for w in profile:
        acc += w / total
        bounds.append(acc)
    width = duration_s / len(profile)
    out = []
    for _ in range(count):
        u = rng.random()
        i = next((k for k, b in enumerate(bounds) if u < b), len(profile) - 1)
        lo = bounds[i - 1] if i else 0.0
        frac = (u - lo) / (bounds[i] - lo)
        out.append(min((i + frac) * width, math.nextafter(duration_s, 0)))
    out.sort()
    return out


def staffed_modules(cfg: CentreConfig, count: int) -> list[int]:
    """`count` module numbers interleaved across entities, so a small run still serves many."""
    by_entity: dict[str, list[int]] = {}
    for m in cfg.modules:
        by_entity.setdefault(m.entity, []).append(m.number)
    order: list[int] = []
    depth = max(len(v) for v in by_entity.values())
    for i in range(depth):
        order.extend(nums[i] for nums in by_entity.values() if i < len(nums))
    if count > len(order):
        raise ValueError(f"the centre has {len(order)} modules, {count} asked for")
    return sorted(order[:count])


def service_weights(cfg: CentreConfig, modules: Sequence[int]) -> dict[str, float]:
    """Demand per walk-in service, proportional to the staffed modules that serve it.

    A module serving k services adds 1/k to each, so demand matches capacity.
    """
    weights: dict[str, float] = {}
    walk_in = {s.code for s in cfg.services if s.mode == "walk_in"}
    for number in modules:
        served = [s for s in cfg.services_of_module(number) if s in walk_in]
        for s in served:
            weights[s] = weights.get(s, 0.0) + 1 / len(served)
    return weights


# --- the queue as the advisors see it ----------------------------------------------


class Waiting:
    """The bench's own count of waiting tickets per service, as a counter app shows it.

    Advisors call only when one of their services has someone waiting, as a real
    advisor looking at the queue would; a race with a colleague is still
    possible and answered QUEUE_EMPTY by the server.
    """

    def __init__(self, cfg: CentreConfig, modules: Sequence[int]) -> None:
        self.count: Counter[str] = Counter()
        self.services = {n: cfg.services_of_module(n) for n in modules}
        self.modules_of: dict[str, list[int]] = {}
        for n, services in self.services.items():
            for s in services:
                self.modules_of.setdefault(s, []).append(n)
        self.wake = {n: asyncio.Event() for n in modules}

    def issued(self, service: str) -> None:
        """A ticket joined `service`'s queue."""
        self.count[service] += 1
        for n in self.modules_of.get(service, ()):
            self.wake[n].set()

    def take(self, module: int) -> str | None:
        """An advisor about to call takes one waiting ticket off the count; its service.

        Colleagues see the queue shrink at once, as their counter apps would.
        """
        for s in self.services[module]:
            if self.count[s] > 0:
                self.count[s] -= 1
                return s
        return None

    def called(self, taken: str, service: str) -> None:
        """The call answered a ticket of `service` (not necessarily the one `taken`)."""
        if service != taken:
            self.count[taken] += 1
            self.count[service] = max(0, self.count[service] - 1)

    def give_back(self, taken: str) -> None:
        """The call failed without an answer about the queue: the ticket still waits."""
        self.count[taken] += 1

    def any_for(self, module: int) -> bool:
        """Whether someone waits for one of the module's services."""
        return any(self.count[s] > 0 for s in self.services[module])

    def total(self) -> int:
        """Tickets waiting in all services."""
        return sum(self.count.values())
