"""Wait estimates through the real server: shared modules, the queue events, history, pauses.

The centre is the benchmark's shared-module RENIEC (`bench/estimate_centre.py`):
eight services, ten modules that each serve all of them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from support import LIMA, device_client

from bench.estimate_centre import centre_config as bench_centre
from macturnos.domain.tickets import TicketAction
from macturnos.server import ticketing
from macturnos.server.auth import SYSTEM, Actor, Role, create_user
from macturnos.server.estimates import forget_history
from macturnos.server.events import events_after

SERVICES = [f"RENIEC-{i:02d}" for i in range(1, 9)]


@pytest.fixture
def centre_config():  # noqa: ANN201 - overrides the conftest's small centre
    return bench_centre(8, 10)


@pytest.fixture(autouse=True)
def _fresh_history():
    forget_history()
    yield
    forget_history()


def advisor(ctx, n: int) -> Actor:
    with ctx.db.write() as s:
        user = create_user(
            s,
            username=f"asesor{n}",
            full_name=f"Asesor {n}",
            role=Role.ADVISOR,
            password="clave-segura-1",
            now=ctx.clock.now(),
        )
        s.flush()
        return Actor(role=Role.ADVISOR, label=f"user:{user.username}", user_id=user.id, name="A")


def issue(ctx, clock, service: str) -> dict:
    clock.advance(timedelta(seconds=40))
    return ticketing.issue_ticket(ctx, SYSTEM, service=service)


def test_r008_the_only_open_module_has_43_older_tickets_of_other_services(ctx, clock):
    ticketing.open_module(ctx, advisor(ctx, 1), 1)
    others = [s for s in SERVICES if s != "RENIEC-04"]
    for i in range(43):
        issue(ctx, clock, others[i % len(others)])
    answer = issue(ctx, clock, "RENIEC-04")
    # Not "0 personas delante, 0 min": the module calls all 43 first, by arrival.
    assert answer["people_ahead"] == 43
    default = ctx.runtime.setup.config.rules.default_service_minutes
    assert answer["estimated_wait_min"] >= 43 * default * 0.9
    low, high = answer["estimated_wait_low_min"], answer["estimated_wait_high_min"]
    assert low is not None and high is not None
    assert low <= answer["estimated_wait_min"] <= high
    call_at = datetime.fromisoformat(answer["estimated_call_at"])
    assert call_at > clock.now() + timedelta(hours=7)


def test_issue_event_and_queue_summaries_carry_the_same_estimate(ctx, clock, server):
    ticketing.open_module(ctx, advisor(ctx, 1), 1)
    ticketing.open_module(ctx, advisor(ctx, 2), 2)
    for i in range(6):
        issue(ctx, clock, SERVICES[i % 3])
    kiosk = device_client(server)
    r = kiosk.post("/api/v1/tickets", json={"service": "RENIEC-08"})
    assert r.status_code == 201, r.text
    answer = r.json()
    assert answer["people_ahead"] == 6
    # Kept for the apps that read only the old fields.
    assert isinstance(answer["estimated_wait_min"], int) and answer["estimated_wait_min"] > 0
    with ctx.db.read() as s:
        events = events_after(s, 0, 1000)
    issued = [e for e in events if e["kind"] == "ticket.issued"][-1]
    assert issued["data"]["people_ahead"] == 6
    assert issued["data"]["estimated_wait_min"] == answer["estimated_wait_min"]
    queue = issued["data"]["queue"]
    assert set(queue) >= {"estimated_wait_min", "estimated_wait_low_min", "estimated_wait_high_min"}
    # The next citizen of any service waits behind all seven, whichever service they take.
    summaries = {q["service"]: q for q in kiosk.get("/api/v1/queues").json()}
    next_wait = summaries["RENIEC-01"]["estimated_wait_min"]
    assert next_wait >= answer["estimated_wait_min"]
    assert (
        summaries["RENIEC-05"]["waiting"] == 0 and summaries["RENIEC-05"]["estimated_wait_min"] > 0
    )
    assert next_wait == queue["estimated_wait_min"]


def test_recent_days_teach_the_attention_time(ctx, clock):
    a = advisor(ctx, 1)
    ticketing.open_module(ctx, a, 1)
    # Yesterday every attention of RENIEC-01 took 30 minutes.
    for _ in range(10):
        issue(ctx, clock, "RENIEC-01")
        ticketing.call_next(ctx, a, 1)
        ticketing.module_action(ctx, a, 1, TicketAction.START)
        clock.advance(timedelta(minutes=30))
        ticketing.module_action(ctx, a, 1, TicketAction.FINISH)
    ticketing.close_module(ctx, a, 1)
    forget_history()
    clock.set(datetime(2026, 11, 26, 9, 0, tzinfo=LIMA))
    from macturnos.server.day import open_day

    open_day(ctx, SYSTEM)
    ticketing.open_module(ctx, a, 1)
    for _ in range(3):
        issue(ctx, clock, "RENIEC-01")
    answer = issue(ctx, clock, "RENIEC-01")
    # Three ahead at about 30 minutes each (plus the walk), not the default 12.
    assert answer["people_ahead"] == 3
    assert 85 <= answer["estimated_wait_min"] <= 100


def test_a_module_at_lunch_comes_back_in_the_estimate(ctx, clock):
    a = advisor(ctx, 1)
    ticketing.open_module(ctx, a, 1)
    ticketing.pause(ctx, a, 1, "refrigerio", None)
    answer = issue(ctx, clock, "RENIEC-01")
    # Nobody else can serve it, but the module is expected back from lunch.
    assert answer["people_ahead"] == 0
    assert answer["estimated_wait_min"] is not None and answer["estimated_wait_min"] >= 30


def test_before_any_advisor_opens_the_entity_modules_are_expected(ctx, clock):
    # At 08:40 nobody has opened a module yet: not "por confirmar", but the entity's
    # ten modules calling a few minutes from now.
    clock.set(datetime(2026, 11, 25, 8, 40, tzinfo=LIMA))
    for _ in range(3):
        issue(ctx, clock, "RENIEC-02")
    clock.advance(timedelta(minutes=2))  # a fresh forecast, not the last one shifted
    answer = issue(ctx, clock, "RENIEC-02")
    assert answer["people_ahead"] == 3
    assert answer["estimated_wait_min"] == 5  # LOG_IN_MIN: ten modules take the four at once
    # Half an hour after opening with nobody there, no promise is made.
    clock.set(datetime(2026, 11, 25, 9, 5, tzinfo=LIMA))
    assert issue(ctx, clock, "RENIEC-02")["estimated_wait_min"] is None


def test_when_every_module_left_the_wait_is_unknown_not_zero(ctx, clock):
    a = advisor(ctx, 1)
    ticketing.open_module(ctx, a, 1)
    issue(ctx, clock, "RENIEC-02")
    ticketing.call_next(ctx, a, 1)
    ticketing.module_action(ctx, a, 1, TicketAction.START)
    ticketing.module_action(ctx, a, 1, TicketAction.FINISH)
    ticketing.close_module(ctx, a, 1)
    for _ in range(3):
        issue(ctx, clock, "RENIEC-02")
    answer = issue(ctx, clock, "RENIEC-02")
    assert answer["estimated_wait_min"] is None  # "por confirmar"
    assert answer["people_ahead"] == 3


def test_a_forecast_serves_the_next_ticket_while_nothing_changes(ctx, clock):
    a = advisor(ctx, 1)
    ticketing.open_module(ctx, a, 1)
    for i in range(5):
        issue(ctx, clock, SERVICES[i % 2])
    first = issue(ctx, clock, "RENIEC-03")
    second = issue(ctx, clock, "RENIEC-03")
    # One more ahead, one call's cost later, less the 40 s between the two tickets.
    assert second["people_ahead"] == first["people_ahead"] + 1 == 6
    call_first = datetime.fromisoformat(first["estimated_call_at"])
    call_second = datetime.fromisoformat(second["estimated_call_at"])
    assert timedelta(minutes=8) < call_second - call_first < timedelta(minutes=16)
