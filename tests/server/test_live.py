"""The live queues (server.live) always agree with the tables, whatever happens."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from support import make_context

from macturnos.domain.errors import DomainError
from macturnos.domain.tickets import TicketAction
from macturnos.server import reads, ticketing
from macturnos.server.auth import SYSTEM, Actor, Role, create_user
from macturnos.server.gate import day_opened
from macturnos.server.live import LiveDay

SERVICES = ["DNI-DUP", "DNI-REN", "BN-PAGO"]


def advisors(ctx, count: int) -> list[Actor]:
    out = []
    with ctx.db.write() as s:
        for i in range(count):
            user = create_user(
                s,
                username=f"asesor{i}",
                full_name=f"Asesor {i}",
                role=Role.ADVISOR,
                password="clave-segura-1",
                now=ctx.clock.now(),
            )
            s.flush()
            out.append(
                Actor(role=Role.ADVISOR, label=f"user:{user.username}", user_id=user.id, name="A")
            )
    return out


def assert_live_matches_tables(ctx) -> None:
    view = ctx.runtime.setup
    with ctx.db.write() as s:
        day = view.day_of(ctx.clock.now())
        live = ctx.live.ensure(s, view, day)
        fresh = LiveDay.load(s, view, day, live.seq)
        assert live.state() == fresh.state()
        # ...and with the queries the write path used before it kept them in memory.
        assert live.staffed == reads.staffed_modules(s)
        assert live.opened == day_opened(s, day)
        sample = view.config.rules.recent_service_sample
        for svc in SERVICES:
            assert live.waiting_count(svc) == reads.waiting_count(s, day, svc)
            assert live.plain_count(svc) == reads.plain_waiting_count(s, day, svc)
            assert live.issued_count(svc) == reads.issued_count(s, day, svc)
            assert set(live.special_entries([svc])) == set(reads.special_entries(s, day, [svc]))
            expected = reads.recent_service_minutes(s, svc, day, sample)
            assert live.recent_minutes(svc) == pytest.approx(expected)
        assert set(live.call_candidates(SERVICES)) == set(reads.call_candidates(s, day, SERVICES))


def test_random_day_keeps_live_queues_equal_to_the_tables(ctx, clock):
    rng = random.Random(2026)
    staff = advisors(ctx, 4)
    modules = {a.user_id: n for a, n in zip(staff, [1, 2, 3, 4], strict=True)}
    for a in staff:
        ticketing.open_module(ctx, a, modules[a.user_id])
    issued: list[int] = []
    refusals = 0
    for step in range(250):
        clock.advance(timedelta(seconds=rng.randint(5, 120)))
        a = rng.choice(staff)
        n = modules[a.user_id]
        op = rng.random()
        try:
            if op < 0.35:
                pref = "ADULTO_MAYOR" if rng.random() < 0.15 else None
                body = ticketing.issue_ticket(
                    ctx, SYSTEM, service=rng.choice(SERVICES), preferential=pref
                )
                issued.append(body["ticket"]["id"])
            elif op < 0.5:
                ticketing.call_next(ctx, a, n)
            elif op < 0.6:
                ticketing.module_action(ctx, a, n, TicketAction.START)
            elif op < 0.7:
                ticketing.module_action(ctx, a, n, TicketAction.FINISH)
            elif op < 0.74:
                ticketing.module_action(ctx, a, n, TicketAction.RECALL)
            elif op < 0.78:
                ticketing.module_action(ctx, a, n, TicketAction.NO_SHOW)
            elif op < 0.81:
                ticketing.module_action(ctx, a, n, TicketAction.RETURN_TO_QUEUE)
            elif op < 0.85 and issued:
                reason = "print_failed" if rng.random() < 0.5 else "se retiró"
                ticketing.cancel(ctx, SYSTEM, rng.choice(issued), reason)
            elif op < 0.88 and issued:
                ticketing.reactivate(ctx, SYSTEM, rng.choice(issued))
            elif op < 0.91 and issued:
                ticketing.transfer(ctx, SYSTEM, rng.choice(issued), rng.choice(SERVICES), None)
            elif op < 0.94:
                ticketing.pause(ctx, a, n, "refrigerio", None)
            elif op < 0.97:
                ticketing.resume(ctx, a, n)
            else:
                ticketing.close_module(ctx, a, n)
                ticketing.open_module(ctx, a, n)
        except DomainError:
            refusals += 1  # refused actions must leave the live queues untouched too
        if step % 10 == 0:
            assert_live_matches_tables(ctx)
    assert_live_matches_tables(ctx)
    assert len(issued) > 50 and refusals > 0


def test_events_from_another_writer_are_folded_in(ctx, db_url, centre_config, clock):
    """The other turn server of a pair (or a command-line tool) writes to the same database."""
    first = ticketing.issue_ticket(ctx, SYSTEM, service="DNI-DUP")
    assert first["people_ahead"] == 0
    other = make_context(db_url, centre_config, clock, opened=False)
    try:
        for _ in range(3):
            ticketing.issue_ticket(other, SYSTEM, service="DNI-DUP")
    finally:
        other.db.dispose()
    mine = ticketing.issue_ticket(ctx, SYSTEM, service="DNI-DUP")
    assert mine["people_ahead"] == 4
    assert mine["ticket"]["number"] == "R-005"
    assert_live_matches_tables(ctx)


def test_a_rolled_back_write_leaves_nothing_behind(ctx, monkeypatch):
    ticketing.issue_ticket(ctx, SYSTEM, service="DNI-DUP")

    def broken(*_args, **_kwargs):
        raise RuntimeError("the signing key went missing")

    with monkeypatch.context() as m:
        # Fails after the event was recorded and the live queues took the ticket.
        m.setattr(ticketing, "sign_ticket_code", broken)
        with pytest.raises(RuntimeError):
            ticketing.issue_ticket(ctx, SYSTEM, service="DNI-DUP")
    again = ticketing.issue_ticket(ctx, SYSTEM, service="DNI-DUP")
    assert again["ticket"]["number"] == "R-002"  # the failed number was never issued
    assert again["people_ahead"] == 1
    assert_live_matches_tables(ctx)


def test_capacity_counts_survive_a_printer_failure(ctx):
    """DNI-REN takes 3 a day; a ticket cancelled because it never printed gives its slot back."""
    ids = [ticketing.issue_ticket(ctx, SYSTEM, service="DNI-REN")["ticket"]["id"] for _ in range(3)]
    with pytest.raises(DomainError) as refused:
        ticketing.issue_ticket(ctx, SYSTEM, service="DNI-REN")
    assert refused.value.code == "SERVICE_CAPACITY_REACHED"
    ticketing.cancel(ctx, SYSTEM, ids[0], "print_failed")
    assert ticketing.issue_ticket(ctx, SYSTEM, service="DNI-REN")["ticket"]["number"] == "R-004"
    assert_live_matches_tables(ctx)
