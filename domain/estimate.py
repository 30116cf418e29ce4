"""Expected waiting time: what a citizen is told, and the simple model of one service.

`WaitEstimate` is what the server answers and pushes: people ahead, minutes (a
range when uncertain), the expected time of the call. The server fills it from
the forecast of the whole centre's queues (`domain.estimate_forecast`); the
model below (`estimate_wait_minutes`) is the naive one kept as the baseline
the benchmark prints beside it.

Naive model: the modules serving a service work in parallel, each taking on average
`s` minutes per citizen, so together they clear `m / s` citizens a minute and the
`n` people ahead are gone after about ``n * s / m`` minutes. `s` is a robust
average of recent service times (median of a small sample, a 20 % trimmed mean
of a larger one) so one unusually long case (a lost DNI, a complex migration
file) does not swing every estimate; with no usable sample the service's
configured default is used. The time left for citizens already at a counter is
ignored: it shifts the estimate by less than one service time divided by `m`,
and it cannot be known well. With no module serving the service right now the
wait is unknown and the function says so (None) rather than guessing.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

# Below this many samples a trimmed mean would trim nothing; the median is used.
MIN_SAMPLES_FOR_TRIMMED_MEAN = 5
TRIM_FRACTION = 0.2


def robust_service_minutes(recent_service_minutes: Sequence[float], default: float) -> float:
    """A robust average of recent service times in minutes, or `default` with no usable sample."""
    # Non-positive or non-finite durations are recording glitches, not service times.
    sample = sorted(float(m) for m in recent_service_minutes if math.isfinite(m) and m > 0)
    if not sample:
        return default
    if len(sample) < MIN_SAMPLES_FOR_TRIMMED_MEAN:
        return statistics.median(sample)
    cut = int(len(sample) * TRIM_FRACTION)
    return statistics.fmean(sample[cut : len(sample) - cut])


def estimate_wait_minutes(
    people_ahead: int,
    serving_modules: int,
    recent_service_minutes: Sequence[float],
    default_service_minutes: float,
) -> int | None:
    """Expected wait in whole minutes (rounded up), or None when no module serves the service."""
    if people_ahead < 0:
        raise ValueError(f"people_ahead must be >= 0, got {people_ahead}")
    if not math.isfinite(default_service_minutes) or default_service_minutes <= 0:
        raise ValueError(
            f"default_service_minutes must be a positive number, got {default_service_minutes}"
        )
    if serving_modules <= 0:
        return None
    if people_ahead == 0:
        return 0
    per_citizen = robust_service_minutes(recent_service_minutes, default_service_minutes)
    minutes = people_ahead * per_citizen / serving_modules
    # Round away float noise first so 3 * 10 / 3 reads 10, not 11.
    return math.ceil(round(minutes, 6))


RANGE_STEP = 5
"""A range's ends are whole multiples of this many minutes ("entre 15 y 25 min")."""
RANGE_FROM_SD = 2.5
"""A spread (standard deviation, minutes) from which the wait is told as a range."""


@dataclass(frozen=True)
class WaitEstimate:
    """What a citizen is told about their wait (`domain.estimate_forecast.Called`, rounded).

    `minutes` is never 0 with people ahead; `low`/`high` are set when the wait is
    uncertain enough to be told as a range; `call_at` is when a module is
    expected to call (said as a time of day for an appointment).
    """

    people_ahead: int
    minutes: int | None
    low: int | None = None
    high: int | None = None
    call_at: datetime | None = None

    @classmethod
    def unknown(cls, people_ahead: int) -> WaitEstimate:
        """No module that can serve the ticket is staffed: nobody can say when."""
        return cls(people_ahead=people_ahead, minutes=None)

    @classmethod
    def of(cls, wait: float, sd: float, people_ahead: int, now: datetime) -> WaitEstimate:
        """Round a forecast wait (minutes) and its spread into what is said."""
        floor = 1 if people_ahead > 0 else 0
        minutes = max(floor, math.floor(wait + 0.5))
        low = high = None
        if sd >= RANGE_FROM_SD:
            low = max(floor, RANGE_STEP * math.floor((wait - sd) / RANGE_STEP))
            high = max(low + RANGE_STEP, RANGE_STEP * math.ceil((wait + sd) / RANGE_STEP))
        return cls(people_ahead, minutes, low, high, now + timedelta(minutes=wait))

    def fields(self) -> dict[str, Any]:
        """The JSON fields added beside `people_ahead` and `estimated_wait_min`."""
        return {
            "estimated_wait_low_min": self.low,
            "estimated_wait_high_min": self.high,
            "estimated_call_at": self.call_at.isoformat() if self.call_at else None,
        }
