"""What one call of a service costs a module, learned from recent days and today.

A module that calls a citizen is busy until it calls the next one: the walk to
the counter (called -> started), the attention (started -> ended), the gap
before the next call, and now and then a citizen who never comes (recalled,
then marked absent: called -> ended). `ServiceHistory` holds those figures of
recent days, by service and hour of the day (a morning renewal is not an
afternoon one); `call_cost` blends them with today's finished attentions:

- the prior is the service's history at this hour when it has enough
  samples, else its history over the whole day, else the configured
  default (a new service on its first day);
- today's attentions pull the mean towards themselves as they accumulate,
  weighted against `PRIOR_WEIGHT` pseudo-samples, so one 5-second
  attention early in the day no longer turns 36 minutes into 1;
- the no-show rate is blended the same way with `DEFAULT_NO_SHOW`.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from macturnos.domain.estimate_forecast import ServiceCost

MIN_SAMPLES = 8
"""Fewer samples than this in an hour's history: the whole day's history is the prior."""
PRIOR_WEIGHT = 6.0
"""Pseudo-samples the prior counts for against today's attentions."""
DEFAULT_CV = 0.5
"""Spread of an attention relative to its mean when nothing measured it."""
DEFAULT_WALK_MIN = 0.5
DEFAULT_GAP_MIN = 0.2
DEFAULT_NO_SHOW = 0.05
DEFAULT_NO_SHOW_MIN = 3.0
NO_SHOW_PRIOR_WEIGHT = 20.0
OUTLIER_MEDIANS = 4.0
"""A duration beyond this many medians of its sample counts as this many medians."""
MAX_GAP_MIN = 5.0
"""A gap longer than this between an end and the module's next call was an idle module."""


@dataclass(frozen=True)
class Moments:
    """Count, mean and standard deviation of a sample, in minutes."""

    n: int
    mean: float
    sd: float

    @classmethod
    def of(cls, sample: Sequence[float]) -> Moments | None:
        """The moments of the usable values (finite, positive); None if there are none."""
        values = [float(v) for v in sample if math.isfinite(v) and v > 0]
        if not values:
            return None
        # A mean, not a median: waits add attentions up, and they are skewed to the right.
        # Values beyond a few medians (a lost file, an advisor who forgot to finish)
        # are clipped, not dropped: they did take long.
        cap = OUTLIER_MEDIANS * statistics.median(values)
        clipped = [min(v, cap) for v in values]
        mean = statistics.fmean(clipped)
        # Plain floats: statistics.pstdev works in exact fractions, slow on every estimate.
        sd = math.sqrt(statistics.fmean([(v - mean) ** 2 for v in clipped]))
        return cls(len(clipped), mean, sd)


@dataclass
class ServiceHistory:
    """Figures of recent days of every service (see the module's doc)."""

    attention: dict[tuple[str, int | None], Moments] = field(default_factory=dict)
    """(service, hour) -> started->ended minutes; hour None: the whole day."""
    walk: Moments | None = None
    gap: Moments | None = None
    no_show_min: Moments | None = None
    calls: dict[str, int] = field(default_factory=dict)
    no_shows: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        attentions: Sequence[tuple[str, int, float]],
        walks: Sequence[float],
        gaps: Sequence[float],
        no_show_minutes: Sequence[float],
        calls: Mapping[str, int],
        no_shows: Mapping[str, int],
    ) -> ServiceHistory:
        """From raw samples: (service, local hour, minutes) attentions and the rest."""
        by_key: dict[tuple[str, int | None], list[float]] = {}
        for service, hour, minutes in attentions:
            by_key.setdefault((service, hour), []).append(minutes)
            by_key.setdefault((service, None), []).append(minutes)
        attention = {k: m for k, v in by_key.items() if (m := Moments.of(v)) is not None}
        return cls(
            attention=attention,
            walk=Moments.of(walks),
            gap=Moments.of([g for g in gaps if g <= MAX_GAP_MIN]),
            no_show_min=Moments.of(no_show_minutes),
            calls=dict(calls),
            no_shows=dict(no_shows),
        )

    def prior(self, service: str, hour: int) -> Moments | None:
        """The service's history at this hour, or over the day; None without enough of it."""
        for key in ((service, hour), (service, None)):
            m = self.attention.get(key)
            if m is not None and m.n >= MIN_SAMPLES:
                return m
        return None

    def no_show_rate(self, service: str) -> float:
        """Share of calls of the service that ended absent, shrunk towards the default."""
        calls = self.calls.get(service, 0)
        absent = self.no_shows.get(service, 0)
        return (absent + NO_SHOW_PRIOR_WEIGHT * DEFAULT_NO_SHOW) / (calls + NO_SHOW_PRIOR_WEIGHT)


def attention_minutes(
    history: ServiceHistory, service: str, hour: int, today: Sequence[float], default: float
) -> Moments:
    """Expected attention minutes of a service now: its prior pulled towards today's."""
    prior = history.prior(service, hour) or Moments(0, float(default), float(default) * DEFAULT_CV)
    measured = Moments.of(today)
    if measured is None:
        return prior
    weight = PRIOR_WEIGHT
    mean = (weight * prior.mean + measured.n * measured.mean) / (weight + measured.n)
    sd = prior.sd if measured.n < MIN_SAMPLES or prior.n >= MIN_SAMPLES else measured.sd
    return Moments(prior.n + measured.n, mean, sd)


def call_cost(
    history: ServiceHistory, service: str, hour: int, today: Sequence[float], default: float
) -> ServiceCost:
    """What one call of `service` costs a module now, no-shows and walk included."""
    attention = attention_minutes(history, service, hour, today, default)
    walk = history.walk.mean if history.walk else DEFAULT_WALK_MIN
    gap = history.gap.mean if history.gap else DEFAULT_GAP_MIN
    absent_min = history.no_show_min.mean if history.no_show_min else DEFAULT_NO_SHOW_MIN
    p = history.no_show_rate(service)
    served = walk + attention.mean + gap
    lost = absent_min + gap
    mean = (1 - p) * served + p * lost
    # Variance of a mixture: each branch's spread plus the spread between the branches.
    var = (1 - p) * attention.sd**2 + p * (1 - p) * (served - lost) ** 2
    return ServiceCost(mean=max(mean, 0.1), sd=math.sqrt(var))
