"""How true is the wait printed on the ticket? Simulated days through the real server.

For each scenario (`bench/estimate_centre.py`: one service; eight services
sharing ten modules; a crowd at the door at opening; modules closing for
lunch) and each seed, a fresh database plays `--days` consecutive days
(`bench/estimate_day.py`): the first day starts with no history (the prior is
the configured default), later days learn from the days before. For every
citizen called, the error is (minutes the ticket said) - (minutes until the
first call). Printed per scenario, beside the naive rule ("every waiting
ticket of the entity x mean attention / staffed modules"):

- within 5: share of citizens whose real wait was within +-5 min of the estimate;
- mean error (positive: the ticket promised longer than the wait);
- p90 |error|;
- in range: share whose real wait fell inside the range the ticket gave (a
  single number counts as a range of +-5 min).

Goal (issue 17): >= 80 % within 5 and |mean error| <= 2 min on every scenario.

    python -m bench.estimate_accuracy            # every scenario, 3 seeds, 2 days each
    python -m bench.estimate_accuracy --seeds 1 --days 2 --scenario shared-modules
"""

from __future__ import annotations

import argparse
import logging
import math
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.estimate_centre import SCENARIOS, Scenario
from bench.estimate_day import DayPlayer, Told, bench_centre

FIRST_DAY = date(2026, 11, 2)  # a Monday
GOAL_WITHIN = 0.80
GOAL_MEAN = 2.0
TOLERANCE_MIN = 5.0


@dataclass(frozen=True)
class Figures:
    """Accuracy of one estimate over many citizens."""

    n: int
    within: float
    mean_error: float
    p90_abs: float
    in_range: float

    @classmethod
    def of(cls, pairs: Sequence[tuple[float, float, float, float]]) -> Figures:
        """From (said, actual, low, high) minutes."""
        if not pairs:
            return cls(0, math.nan, math.nan, math.nan, math.nan)
        errors = [said - actual for said, actual, _, _ in pairs]
        absolute = sorted(abs(e) for e in errors)
        p90 = absolute[min(len(absolute) - 1, math.ceil(0.9 * len(absolute)) - 1)]
        return cls(
            n=len(pairs),
            within=sum(1 for e in absolute if e <= TOLERANCE_MIN) / len(pairs),
            mean_error=statistics.fmean(errors),
            p90_abs=p90,
            in_range=sum(1 for _, a, lo, hi in pairs if lo <= a <= hi) / len(pairs),
        )

    def meets_goal(self) -> bool:
        """>= 80 % within 5 min and |mean error| <= 2 min."""
        return self.within >= GOAL_WITHIN and abs(self.mean_error) <= GOAL_MEAN


def server_pairs(told: Sequence[Told]) -> list[tuple[float, float, float, float]]:
    """(said, actual, low, high) of the server's estimate; unknown estimates count as 0."""
    out = []
    for t in told:
        actual = t.actual
        if actual is None:
            continue
        said = float(t.said) if t.said is not None else 0.0
        low = float(t.low) if t.low is not None else said - TOLERANCE_MIN
        high = float(t.high) if t.high is not None else said + TOLERANCE_MIN
        out.append((said, actual, low, high))
    return out


def naive_pairs(told: Sequence[Told]) -> list[tuple[float, float, float, float]]:
    """The same for the naive rule."""
    out = []
    for t in told:
        actual = t.actual
        if actual is None:
            continue
        said = float(t.naive) if t.naive is not None else 0.0
        out.append((said, actual, said - TOLERANCE_MIN, said + TOLERANCE_MIN))
    return out


def play(scenario: Scenario, seed: int, days: int) -> list[list[Told]]:
    """Every ticket of `days` days of `scenario` (one list per day)."""
    rng = random.Random(f"{scenario.name}/{seed}")
    out = []
    # In memory when the system offers it: the figures do not depend on fsync.
    scratch = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(prefix="macturnos-estimate-", dir=scratch) as folder:
        with bench_centre(scenario, Path(folder), FIRST_DAY) as centre:
            for i in range(days):
                day = FIRST_DAY + timedelta(days=i)
                out.append(list(DayPlayer(centre, day, rng).play().told.values()))
    return out


def _row(label: str, f: Figures) -> str:
    return (
        f"  {label:<10} n={f.n:>5}  within 5 min {f.within:6.1%}  mean error {f.mean_error:+6.1f}"
        f"  p90 |error| {f.p90_abs:5.1f}  in range {f.in_range:6.1%}"
    )


def report(name: str, first: list[Told], learned: list[Told]) -> tuple[str, Figures]:
    """The lines of one scenario, and the figures judged against the goal."""
    judged = learned or first
    est = Figures.of(server_pairs(judged))
    lines = [f"{name}:" + ("" if learned else " (one day only: no history)")]
    lines.append(_row("estimate", est))
    lines.append(_row("naive", Figures.of(naive_pairs(judged))))
    if learned:
        lines.append(_row("1st day", Figures.of(server_pairs(first))))
    goal = "meets" if est.meets_goal() else "MISSES"
    lines.append(f"  goal (>= 80 % within 5 min, |mean| <= 2 min): {goal}")
    return "\n".join(lines), est


def main(argv: Sequence[str] | None = None) -> int:
    """Play the scenarios and print the figures; exit 1 if a scenario misses the goal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--days", type=int, default=2, help="days per seed (1st has no history)")
    parser.add_argument("--scenario", action="append", choices=sorted(SCENARIOS))
    parser.add_argument("--tickets", type=int, help="override the tickets of a day (smoke runs)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    names = args.scenario or list(SCENARIOS)
    missed = False
    started = time.monotonic()
    for name in names:
        scenario = SCENARIOS[name]
        if args.tickets is not None:
            scenario = _scaled(scenario, args.tickets)
        first: list[Told] = []
        learned: list[Told] = []
        for seed in range(1, args.seeds + 1):
            days = play(scenario, seed, args.days)
            first += days[0]
            learned += [t for day in days[1:] for t in day]
        text, est = report(name, first, learned)
        print(text, flush=True)
        missed |= not est.meets_goal()
    print(f"({time.monotonic() - started:.0f} s)")
    return 1 if missed else 0


def _scaled(scenario: Scenario, tickets: int) -> Scenario:
    from dataclasses import replace

    share = tickets / max(1, scenario.tickets)
    return replace(
        scenario,
        tickets=tickets,
        crowd=round(scenario.crowd * share),
        appointments=min(scenario.appointments, 1),
        arrival_hours=max(0.5, scenario.arrival_hours * share),
    )


if __name__ == "__main__":
    sys.exit(main())
