"""Expected waiting time for a ticket, from the queue ahead and recent service times.

Model: the modules serving a service work in parallel, each taking on average
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
