"""Tests of opening hours and the issuance gate (and the precedence of its refusals)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from macturnos.domain.errors import DomainError
from macturnos.domain.hours import (
    DEFAULT_WEEKLY_HOURS,
    DayHours,
    WeeklyHours,
    default_weekly_hours,
)
from macturnos.domain.issuance import ServiceRules, check_issuance, issuance_refusal

LIMA = ZoneInfo("America/Lima")
MONDAY = date(2024, 5, 6)
SATURDAY = date(2024, 5, 11)
SUNDAY = date(2024, 5, 12)
FIESTAS_PATRIAS = date(2024, 7, 29)  # a Monday
WEEKDAY_HOURS = DayHours(time(8, 30), time(18, 30))
SHORT_HOURS = DayHours(time(9, 0), time(13, 30))


def local(day: date, hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, ss, tzinfo=LIMA)


# --- hours -----------------------------------------------------------------


def test_default_hours_by_day():
    hours = default_weekly_hours(holidays=[FIESTAS_PATRIAS])
    assert hours.hours_on(MONDAY) == WEEKDAY_HOURS
    assert hours.hours_on(date(2024, 5, 10)) == WEEKDAY_HOURS  # Friday
    assert hours.hours_on(SATURDAY) == SHORT_HOURS
    assert hours.hours_on(SUNDAY) is None
    assert hours.hours_on(FIESTAS_PATRIAS) == SHORT_HOURS
    assert DEFAULT_WEEKLY_HOURS.hours_on(FIESTAS_PATRIAS) == WEEKDAY_HOURS


def test_holiday_closed_when_no_holiday_hours():
    hours = WeeklyHours({0: WEEKDAY_HOURS}, holiday_hours=None, holidays=frozenset({MONDAY}))
    assert hours.hours_on(MONDAY) is None
    assert hours.hours_on(date(2024, 5, 13)) == WEEKDAY_HOURS
    assert hours.hours_on(date(2024, 5, 7)) is None  # Tuesday missing -> closed


def test_is_open_at_edges():
    assert not DEFAULT_WEEKLY_HOURS.is_open_at(local(MONDAY, 8, 29, 59))
    assert DEFAULT_WEEKLY_HOURS.is_open_at(local(MONDAY, 8, 30))
    assert DEFAULT_WEEKLY_HOURS.is_open_at(local(MONDAY, 18, 29, 59))
    assert not DEFAULT_WEEKLY_HOURS.is_open_at(local(MONDAY, 18, 30))
    assert not DEFAULT_WEEKLY_HOURS.is_open_at(local(SATURDAY, 13, 30))
    assert not DEFAULT_WEEKLY_HOURS.is_open_at(local(SUNDAY, 10, 0))


def test_weekly_hours_immutable_and_hashable():
    source = {0: WEEKDAY_HOURS}
    hours = WeeklyHours(source)
    source[1] = WEEKDAY_HOURS
    assert hours.hours_on(date(2024, 5, 7)) is None
    with pytest.raises(TypeError):
        hours.by_weekday[2] = WEEKDAY_HOURS  # type: ignore[index]
    assert hash(hours) == hash(WeeklyHours({0: WEEKDAY_HOURS}))
    assert hours == WeeklyHours({0: WEEKDAY_HOURS})


@pytest.mark.parametrize("bad", [{7: WEEKDAY_HOURS}, {-1: None}, {"lunes": None}])
def test_bad_weekday_rejected(bad):
    with pytest.raises(ValueError):
        WeeklyHours(bad)


def test_bad_day_hours_rejected():
    with pytest.raises(ValueError):
        DayHours(time(18, 0), time(9, 0))
    with pytest.raises(ValueError):
        DayHours(time(9, 0), time(9, 0))
    with pytest.raises(ValueError):
        DayHours(time(9, 0, tzinfo=LIMA), time(18, 0))


# --- issuance ----------------------------------------------------------------

OPEN_SERVICE = ServiceRules("RENIEC-DNI", daily_capacity=None, last_issue=None)


def refusal_code(service=OPEN_SERVICE, now=None, issued=0, hours=WEEKDAY_HOURS, **kw):
    kw.setdefault("centre_opened", True)
    err = issuance_refusal(service, now or local(MONDAY, 10, 0), issued, hours, **kw)
    return None if err is None else err.code


def test_allowed_in_normal_conditions():
    assert refusal_code() is None
    check_issuance(OPEN_SERVICE, local(MONDAY, 10, 0), 0, WEEKDAY_HOURS, centre_opened=True)


def test_closed_today():
    err = issuance_refusal(OPEN_SERVICE, local(SUNDAY, 10, 0), 0, None, centre_opened=True)
    assert err is not None and err.code == "CENTRE_CLOSED_TODAY"


@pytest.mark.parametrize(("hh", "mm"), [(7, 0), (8, 29), (18, 30), (20, 0)])
def test_outside_opening_hours(hh, mm):
    err = issuance_refusal(
        OPEN_SERVICE, local(MONDAY, hh, mm), 0, WEEKDAY_HOURS, centre_opened=True
    )
    assert err is not None and err.code == "OUTSIDE_OPENING_HOURS"
    assert err.details == {"abre": "08:30", "cierra": "18:30"}
    assert "08:30" in err.message and "18:30" in err.message


def test_saturday_hours_in_message():
    err = issuance_refusal(OPEN_SERVICE, local(SATURDAY, 14, 0), 0, SHORT_HOURS, centre_opened=True)
    assert err is not None and err.details == {"abre": "09:00", "cierra": "13:30"}


def test_centre_not_opened():
    assert refusal_code(centre_opened=False) == "CENTRE_NOT_OPENED"


def test_suspended_issuing_is_refused_with_the_supervisors_reason():
    err = issuance_refusal(
        OPEN_SERVICE,
        local(MONDAY, 10, 0),
        0,
        WEEKDAY_HOURS,
        centre_opened=True,
        suspended="Sistema de RENIEC caído",
    )
    assert err is not None and err.code == "ISSUING_SUSPENDED"
    assert "Sistema de RENIEC caído" in err.message
    # Even an appointment: the entity cannot serve it either.
    assert refusal_code(suspended="caída", with_appointment=True) == "ISSUING_SUSPENDED"
    # Hours come first: outside them, that is the reason the citizen reads.
    assert refusal_code(now=local(MONDAY, 20, 0), suspended="caída") == "OUTSIDE_OPENING_HOURS"


def test_past_last_issue():
    service = ServiceRules("MIGRA", daily_capacity=None, last_issue=time(17, 0))
    assert refusal_code(service, local(MONDAY, 16, 59, 59)) is None
    assert refusal_code(service, local(MONDAY, 17, 0, 59)) is None  # "hasta las 17:00"
    err = issuance_refusal(service, local(MONDAY, 17, 1), 0, WEEKDAY_HOURS, centre_opened=True)
    assert err is not None and err.code == "SERVICE_PAST_LAST_ISSUE"
    assert err.details == {"hora": "17:00"}
    assert err.message == "Este servicio entrega turnos hasta las 17:00."


def test_no_last_issue_means_closing_time():
    assert refusal_code(OPEN_SERVICE, local(MONDAY, 18, 29)) is None
    assert refusal_code(OPEN_SERVICE, local(MONDAY, 18, 30)) == "OUTSIDE_OPENING_HOURS"


def test_appointment_only():
    service = ServiceRules("MIGRA-PAS", daily_capacity=None, last_issue=None, appointment_only=True)
    assert refusal_code(service) == "SERVICE_APPOINTMENT_ONLY"
    assert refusal_code(service, with_appointment=True) is None


def test_capacity():
    service = ServiceRules("SUNARP", daily_capacity=80, last_issue=None)
    assert refusal_code(service, issued=79) is None
    err = issuance_refusal(service, local(MONDAY, 10, 0), 80, WEEKDAY_HOURS, centre_opened=True)
    assert err is not None and err.code == "SERVICE_CAPACITY_REACHED"
    assert err.details == {"capacidad": 80}
    assert "80" in err.message
    assert refusal_code(service, issued=200) == "SERVICE_CAPACITY_REACHED"


def test_zero_capacity_refuses_walk_ins():
    service = ServiceRules("SUNARP", daily_capacity=0, last_issue=None)
    assert refusal_code(service) == "SERVICE_CAPACITY_REACHED"


def test_appointment_not_bound_by_capacity_but_by_hours():
    service = ServiceRules("MTC", daily_capacity=10, last_issue=time(16, 0))
    assert refusal_code(service, issued=10, with_appointment=True) is None
    assert (
        refusal_code(service, local(MONDAY, 19, 0), issued=10, with_appointment=True)
        == "OUTSIDE_OPENING_HOURS"
    )
    assert (
        refusal_code(service, local(MONDAY, 16, 30), with_appointment=True)
        == "SERVICE_PAST_LAST_ISSUE"
    )
    assert refusal_code(service, centre_opened=False, with_appointment=True) == "CENTRE_NOT_OPENED"


STRICT = ServiceRules("X", daily_capacity=5, last_issue=time(9, 0), appointment_only=True)


@pytest.mark.parametrize(
    ("now", "hours", "opened", "expected"),
    [
        # Each row removes the previous reason; every later reason stays present.
        (local(SUNDAY, 7, 0), None, False, "CENTRE_CLOSED_TODAY"),
        (local(MONDAY, 7, 0), WEEKDAY_HOURS, False, "OUTSIDE_OPENING_HOURS"),
        (local(MONDAY, 10, 0), WEEKDAY_HOURS, False, "CENTRE_NOT_OPENED"),
        (local(MONDAY, 10, 0), WEEKDAY_HOURS, True, "SERVICE_PAST_LAST_ISSUE"),
    ],
)
def test_precedence_first_four(now, hours, opened, expected):
    err = issuance_refusal(STRICT, now, 99, hours, centre_opened=opened)
    assert err is not None and err.code == expected


def test_precedence_appointment_only_before_capacity():
    service = ServiceRules("X", daily_capacity=5, last_issue=None, appointment_only=True)
    assert refusal_code(service, issued=99) == "SERVICE_APPOINTMENT_ONLY"


def test_check_issuance_raises_the_refusal():
    with pytest.raises(DomainError) as info:
        check_issuance(OPEN_SERVICE, local(MONDAY, 10, 0), 0, WEEKDAY_HOURS, centre_opened=False)
    assert info.value.code == "CENTRE_NOT_OPENED"


def test_naive_local_time_accepted():
    naive = datetime(2024, 5, 6, 10, 0)
    assert issuance_refusal(OPEN_SERVICE, naive, 0, WEEKDAY_HOURS, centre_opened=True) is None


def test_bad_service_rules_rejected():
    with pytest.raises(ValueError):
        ServiceRules("X", daily_capacity=-1, last_issue=None)
