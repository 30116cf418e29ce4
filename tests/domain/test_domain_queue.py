"""Tests of queue order, the next ticket for a module and the position in the queue."""

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from macturnos.domain.errors import DomainError
from macturnos.domain.queue import (
    OrderingRules,
    QueueEntry,
    eligible_at,
    is_plain,
    next_for_module,
    order_queue,
    position_in_queue,
)

LIMA = ZoneInfo("America/Lima")
T0 = datetime(2024, 5, 6, 9, 0, tzinfo=LIMA)
RULES = OrderingRules(
    appointment_window_before=timedelta(minutes=15),
    appointment_window_after=timedelta(minutes=10),
)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def entry(tid, arrival_min, service="R", *, pref=False, appt_min=None):
    return QueueEntry(
        ticket_id=tid,
        service_code=service,
        arrival_at=at(arrival_min),
        preferential=pref,
        appointment_at=None if appt_min is None else at(appt_min),
    )


def ids(entries):
    return [e.ticket_id for e in entries]


def test_walk_ins_by_arrival():
    q = [entry(3, 10), entry(1, 0), entry(2, 5)]
    assert ids(order_queue(q, at(20), RULES)) == [1, 2, 3]


def test_preferential_first_by_arrival():
    q = [entry(1, 0), entry(2, 5, pref=True), entry(3, 1, pref=True), entry(4, 2)]
    assert ids(order_queue(q, at(20), RULES)) == [3, 2, 1, 4]


def test_preferential_beats_due_appointment():
    q = [entry(1, 9, appt_min=20), entry(2, 15, pref=True)]
    assert ids(order_queue(q, at(20), RULES)) == [2, 1]


def test_due_appointments_before_walk_ins_by_appointment_time():
    q = [
        entry(1, 0),
        entry(2, 5, appt_min=30),
        entry(3, 2, appt_min=25),
        entry(4, 1),
    ]
    # At 09:20 both appointments (09:25 and 09:30) are within 15 minutes before.
    assert ids(order_queue(q, at(20), RULES)) == [3, 2, 1, 4]


def test_same_appointment_time_then_arrival_then_id():
    q = [entry(5, 3, appt_min=20), entry(4, 1, appt_min=20), entry(6, 1, appt_min=20)]
    assert ids(order_queue(q, at(20), RULES)) == [4, 6, 5]


@pytest.mark.parametrize(
    ("now_min", "due"),
    [
        (14.99, False),  # just before the window opens (appointment 09:30, 15 min before)
        (15, True),  # window opens, edge included
        (30, True),  # on time
        (40, True),  # window closes (10 min after), edge included
        (40.01, False),  # just after: late, back to arrival order
    ],
)
def test_appointment_window_edges(now_min, due):
    q = [entry(1, 0), entry(2, 12, appt_min=30)]
    expected = [2, 1] if due else [1, 2]
    assert ids(order_queue(q, at(now_min), RULES)) == expected
    assert RULES.appointment_due(q[1], at(now_min)) is due


def test_appointment_outside_window_keeps_arrival_place():
    # Late for the appointment but arrived before the walk-in: still ahead of it.
    q = [entry(1, 10), entry(2, 5, appt_min=0)]
    assert ids(order_queue(q, at(60), RULES)) == [2, 1]


def test_transfer_keeps_original_arrival():
    # Ticket 9 was transferred from another service; it arrived first at the centre.
    q = [entry(7, 30, "SUNAT"), entry(8, 31, "SUNAT"), entry(9, 2, "SUNAT")]
    assert ids(order_queue(q, at(40), RULES)) == [9, 7, 8]


def test_ties_broken_by_ticket_id_and_independent_of_input_order():
    q = [entry(i, 0, pref=i % 3 == 0, appt_min=10 if i % 4 == 0 else None) for i in range(1, 40)]
    expected = ids(order_queue(q, at(5), RULES))
    rng = random.Random(1234)
    for _ in range(20):
        shuffled = q[:]
        rng.shuffle(shuffled)
        assert ids(order_queue(shuffled, at(5), RULES)) == expected
    walk_ins = [i for i in expected if i % 3 != 0 and i % 4 != 0]
    assert walk_ins == sorted(walk_ins)


def test_mixed_time_zones_compare_as_instants():
    q = [
        QueueEntry(1, "R", datetime(2024, 5, 6, 14, 5, tzinfo=UTC)),  # 09:05 Lima
        QueueEntry(2, "R", datetime(2024, 5, 6, 9, 0, tzinfo=LIMA)),
    ]
    assert ids(order_queue(q, at(10), RULES)) == [2, 1]


def test_next_for_module_filters_services():
    q = [
        entry(1, 0, "SUNAT"),
        entry(2, 1, "RENIEC"),
        entry(3, 2, "MIGRA", pref=True),
        entry(4, 3, "RENIEC", pref=True),
    ]
    assert next_for_module(q, {"RENIEC"}, at(10), RULES).ticket_id == 4
    assert next_for_module(q, ["SUNAT", "RENIEC"], at(10), RULES).ticket_id == 4
    assert next_for_module(q, ("SUNAT",), at(10), RULES).ticket_id == 1
    assert next_for_module(q, {"SIS"}, at(10), RULES) is None
    assert next_for_module([], {"RENIEC"}, at(10), RULES) is None


def test_next_for_module_accepts_generator():
    gen = (entry(i, 10 - i) for i in range(1, 4))
    assert next_for_module(gen, {"R"}, at(20), RULES).ticket_id == 3


def test_position_counts_only_own_service():
    q = [
        entry(1, 0, "SUNAT"),
        entry(2, 1, "RENIEC"),
        entry(3, 2, "SUNAT", pref=True),
        entry(4, 3, "RENIEC"),
        entry(5, 4, "SUNAT"),
    ]
    assert position_in_queue(q, 3, at(10), RULES) == 0
    assert position_in_queue(q, 1, at(10), RULES) == 1
    assert position_in_queue(q, 5, at(10), RULES) == 2
    assert position_in_queue(q, 2, at(10), RULES) == 0
    assert position_in_queue(q, 4, at(10), RULES) == 1


def test_position_of_unknown_ticket():
    with pytest.raises(DomainError) as info:
        position_in_queue([entry(1, 0)], 99, at(1), RULES)
    assert info.value.code == "UNKNOWN_TICKET"


def test_duplicate_ticket_ids_rejected():
    with pytest.raises(ValueError, match="twice"):
        order_queue([entry(1, 0), entry(1, 5)], at(10), RULES)


def test_naive_datetimes_rejected():
    with pytest.raises(ValueError):
        QueueEntry(1, "R", datetime(2024, 5, 6, 9, 0))
    with pytest.raises(ValueError):
        QueueEntry(1, "R", T0, appointment_at=datetime(2024, 5, 6, 9, 0))
    with pytest.raises(ValueError):
        order_queue([entry(1, 0)], datetime(2024, 5, 6, 9, 0), RULES)


def test_negative_windows_rejected():
    with pytest.raises(ValueError):
        OrderingRules(timedelta(minutes=-1), timedelta(0))
    with pytest.raises(ValueError):
        OrderingRules(timedelta(0), timedelta(minutes=-1))


def test_zero_windows_only_exact_time():
    rules = OrderingRules(timedelta(0), timedelta(0))
    q = [entry(1, 0), entry(2, 5, appt_min=30)]
    assert ids(order_queue(q, at(30), rules)) == [2, 1]
    assert ids(order_queue(q, at(29), rules)) == [1, 2]


# --- the newcomer's position from the special entries and a count -----------------


def _random_queue(seed: int) -> list:
    import random

    from macturnos.domain.queue import QueueEntry

    rng = random.Random(seed)
    base = datetime(2026, 11, 25, 9, 0, tzinfo=LIMA)
    out = []
    for i in range(1, 40):
        appt = base + timedelta(minutes=rng.randint(0, 120)) if rng.random() < 0.2 else None
        out.append(
            QueueEntry(
                ticket_id=i,
                service_code="S",
                arrival_at=base + timedelta(minutes=i),
                preferential=rng.random() < 0.15,
                appointment_at=appt,
            )
        )
    return out


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("kind", ["plain", "preferential", "appointment"])
def test_people_ahead_of_a_newcomer_matches_the_full_order(seed, kind):
    from macturnos.domain.queue import (
        OrderingRules,
        QueueEntry,
        is_plain,
        order_queue,
        people_ahead_of,
    )

    rules = OrderingRules(timedelta(minutes=15), timedelta(minutes=15))
    others = _random_queue(seed)
    now = datetime(2026, 11, 25, 10, 0, tzinfo=LIMA)
    newcomer = QueueEntry(
        ticket_id=100,
        service_code="S",
        arrival_at=now,
        preferential=kind == "preferential",
        appointment_at=now + timedelta(minutes=5) if kind == "appointment" else None,
    )
    full = order_queue([*others, newcomer], now, rules)
    expected = next(i for i, e in enumerate(full) if e.ticket_id == 100)
    specials = [e for e in others if not is_plain(e)]
    plain = sum(1 for e in others if is_plain(e))
    assert people_ahead_of(newcomer, specials, plain, now, rules) == expected


@pytest.mark.parametrize("seed", range(30))
def test_next_among_specials_and_the_oldest_plain_is_the_next_of_all(seed):
    from macturnos.domain.queue import OrderingRules, is_plain, next_for_module

    rules = OrderingRules(timedelta(minutes=15), timedelta(minutes=15))
    everyone = _random_queue(seed)
    now = datetime(2026, 11, 25, 10, 0, tzinfo=LIMA)
    plain = [e for e in everyone if is_plain(e)]
    oldest = min(plain, key=lambda e: (e.arrival_at, e.ticket_id), default=None)
    candidates = [e for e in everyone if not is_plain(e)] + ([oldest] if oldest else [])
    assert next_for_module(candidates, {"S"}, now, rules) == next_for_module(
        everyone, {"S"}, now, rules
    )


# --- assistance: a ticket that needs sign language is called only where it is offered ---


def test_a_ticket_needing_assistance_is_called_only_where_offered():
    rules = OrderingRules(timedelta(minutes=15), timedelta(minutes=15))
    now = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    deaf = QueueEntry(1, "DNI", now - timedelta(minutes=30), assistance="LSP")
    later = QueueEntry(2, "DNI", now - timedelta(minutes=5))
    assert not is_plain(deaf)  # the servers keep it among the candidates they read
    # A module without sign language skips it (it is not lost: it waits for one that has).
    assert next_for_module([deaf, later], ["DNI"], now, rules) == later
    assert next_for_module([deaf], ["DNI"], now, rules) is None
    # A module that offers it calls it in its turn by arrival.
    assert next_for_module([deaf, later], ["DNI"], now, rules, ["LSP"]) == deaf
    assert next_for_module([deaf, later], ["DNI"], now, rules, ["OTRA"]) == later
    assert eligible_at(later, ["DNI"], ["LSP"])  # everyone else is called anywhere
    assert not eligible_at(deaf, ["RUC"], ["LSP"])  # still only its own service
