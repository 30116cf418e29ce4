"""Figures as rows of a table: the one shape of a report in JSON and in CSV.

Durations are seconds rounded to a tenth, shares 0..1 rounded to four places
(the day summary rounds with the same functions).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from macturnos.domain.modules import PAUSE_REASONS
from macturnos.reports.figures import Stats, TicketFigures
from macturnos.reports.workload import TimeFigures

Row = dict[str, Any]


def seconds(value: float | None) -> float | None:
    """A duration as reports give it: seconds to one decimal."""
    return None if value is None else round(value, 1)


def share(value: float | None) -> float | None:
    """A share as reports give it: 0..1 to four decimals."""
    return None if value is None else round(value, 4)


def stats_row(prefix: str, s: Stats) -> Row:
    """A `Stats` as columns `<prefix>_count`, `_mean_s`, `_p50_s`, `_p90_s`, `_max_s`."""
    return {
        f"{prefix}_count": s.count,
        f"{prefix}_mean_s": seconds(s.mean),
        f"{prefix}_p50_s": seconds(s.p50),
        f"{prefix}_p90_s": seconds(s.p90),
        f"{prefix}_max_s": seconds(s.max),
    }


def ticket_row(f: TicketFigures) -> Row:
    """A group's ticket figures as one row."""
    return {
        "issued": f.issued,
        "arrivals": f.arrivals,
        "served": f.served,
        "no_shows": f.no_shows,
        "cancelled": f.cancelled,
        "not_served_at_closing": f.not_served_at_closing,
        "transferred": f.transferred,
        "pending": f.pending,
        **stats_row("wait", f.wait),
        **stats_row("attention", f.attention),
        "within_target": f.within_target,
        "within_target_share": share(f.within_target_share),
        "rated": f.rated,
        "rating_mean": None if f.rating_mean is None else round(f.rating_mean, 2),
    }


def time_row(t: TimeFigures, reasons: Sequence[str] = PAUSE_REASONS) -> Row:
    """A group's time as one row (a column per pause reason)."""
    return {
        "logged_in_s": seconds(t.logged_in_s),
        "paused_s": seconds(t.paused_s),
        **{f"paused_{r}_s": seconds(t.paused_by_reason_s.get(r, 0.0)) for r in reasons},
        "calling_s": seconds(t.calling_s),
        "serving_s": seconds(t.serving_s),
        "busy_s": seconds(t.busy_s),
        "idle_s": seconds(t.idle_s),
        "utilisation": share(t.utilisation),
    }


@dataclass(frozen=True)
class Table:
    """A report's rows (one per group) and, where they add up, its totals."""

    columns: tuple[str, ...]
    rows: list[Row]
    totals: Row | None = None


def table(rows: list[Row], totals: Row | None = None) -> Table:
    """A table whose columns are those of its rows, in their order."""
    columns: dict[str, None] = {}
    for r in [*rows, *([totals] if totals else [])]:
        columns.update(dict.fromkeys(r))
    return Table(tuple(columns), rows, totals)


def csv_text(t: Table, total_label: Mapping[str, str] | None = None) -> str:
    """The table as CSV (comma-separated, a header, the totals last)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(t.columns), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(t.rows)
    if t.totals is not None:
        writer.writerow({**t.totals, **(total_label or {})})
    return out.getvalue()
