"""The SQL count of a service's used capacity is the domain's rule, ticket by ticket."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from macturnos.domain.tickets import PRINT_FAILED, counts_against_capacity
from macturnos.server import reads, ticketing
from macturnos.server.auth import SYSTEM
from macturnos.server.db.models import Ticket

SERVICES = ("DNI-DUP", "DNI-REN")


def test_issued_count_applies_the_domain_rule(ctx, clock):
    ids = []
    for i in range(6):
        clock.advance(timedelta(seconds=30))
        body = ticketing.issue_ticket(ctx, SYSTEM, service=SERVICES[i % 2])
        ids.append(body["ticket"]["id"])
    ticketing.cancel(ctx, SYSTEM, ids[0], PRINT_FAILED)  # gives its place back
    ticketing.cancel(ctx, SYSTEM, ids[1], "se retiró")  # keeps it
    ticketing.transfer(ctx, SYSTEM, ids[2], "DNI-REN", None)  # the new ticket takes none

    view = ctx.runtime.setup
    with ctx.db.write() as s:
        day = view.day_of(ctx.clock.now())
        rows = s.scalars(select(Ticket).where(Ticket.day == day)).all()
        assert any(r.origin_ticket_id is not None for r in rows)
        for svc in SERVICES:
            expected = sum(
                1
                for r in rows
                if r.service_code == svc
                and counts_against_capacity(
                    origin_ticket_id=r.origin_ticket_id,
                    appointment_at=r.appointment_at,
                    end_reason=r.end_reason,
                )
            )
            assert reads.issued_count(s, day, svc) == expected
        assert reads.issued_count(s, day, "DNI-DUP") == 2  # three issued, one failed print
