"""The cache of folded days: a day is reused only in the state it was folded in."""

from __future__ import annotations

from datetime import date, datetime

from support import LIMA

from macturnos.domain.tickets import TicketStatus
from macturnos.reports.cache import DayCache, FoldedDay
from macturnos.reports.facts import TicketFact

D1, D2, D3 = date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 4)


def _facts(day: date, n: int) -> tuple[TicketFact, ...]:
    at = datetime(day.year, day.month, day.day, 9, tzinfo=LIMA)
    return tuple(
        TicketFact(i, day, "RENIEC", "DNI-DUP", TicketStatus.ISSUED, "kiosk", at) for i in range(n)
    )


def test_a_day_is_reused_only_at_the_same_version_and_with_what_was_asked():
    cache = DayCache()
    cache.put(D1, FoldedDay(version=10, facts=_facts(D1, 3)))
    assert cache.get(D1, 10, with_spans=False) is not None
    assert cache.get(D1, 11, with_spans=False) is None  # the day's log moved on
    assert cache.get(D1, 10, with_spans=True) is None  # folded without its module time
    assert cache.get(D2, 10, with_spans=False) is None


def test_the_least_recently_used_days_go_first_beyond_the_limit():
    cache = DayCache(max_tickets=5)
    cache.put(D1, FoldedDay(1, _facts(D1, 2)))
    cache.put(D2, FoldedDay(1, _facts(D2, 2)))
    assert cache.get(D1, 1, with_spans=False) is not None  # D2 is now the oldest used
    cache.put(D3, FoldedDay(1, _facts(D3, 2)))
    assert len(cache) == 2
    assert cache.get(D2, 1, with_spans=False) is None
    assert cache.get(D1, 1, with_spans=False) is not None
    # A day folded again replaces itself without counting twice.
    cache.put(D3, FoldedDay(2, _facts(D3, 2)))
    assert len(cache) == 2
