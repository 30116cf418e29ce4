"""The reports over the real HTTP API: agreement with the day summary, roles, refusals.

On SQLite and PostgreSQL, from the events the real operations wrote.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

import httpx
import openpyxl
import pytest
from support import LIMA, device_client, login

WED = datetime(2026, 11, 25, 10, 0, tzinfo=LIMA)
DAY = {"from": "2026-11-25", "to": "2026-11-25"}

# The day summary's keys and the report's columns of the same figures.
SUMMARY_COLUMNS = {
    "issued": "issued",
    "attentions": "served",
    "no_shows": "no_shows",
    "closed_at_end": "not_served_at_closing",
    "cancelled": "cancelled",
    "transferred": "transferred",
    "avg_wait_s": "wait_mean_s",
    "p90_wait_s": "wait_p90_s",
    "avg_service_s": "attention_mean_s",
    "p90_service_s": "attention_p90_s",
    "within_target": "within_target",
    "within_target_share": "within_target_share",
}


@pytest.fixture
def kiosk(server):
    return device_client(server)


@pytest.fixture
def sara(server, staff):
    staff("sara", "supervisor")
    return login(server, "sara")


@pytest.fixture
def ana(server, staff):
    staff("ana", "advisor")
    client = login(server, "ana")
    assert client.post("/api/v1/modules/1/session").status_code == 200
    return client


@pytest.fixture
def beto(server, staff):
    staff("beto", "advisor")
    client = login(server, "beto")
    assert client.post("/api/v1/modules/3/session").status_code == 200
    return client


def ok(response: httpx.Response) -> dict:
    assert response.status_code in (200, 201), response.text
    return response.json()


def issue(kiosk, service="DNI-DUP"):
    return ok(kiosk.post("/api/v1/tickets", json={"service": service}))["ticket"]


def refusal(response, status, code):
    assert response.status_code == status, response.text
    err = response.json()["error"]
    assert set(err) >= {"code", "message"} and err["code"] == code
    assert err["message"] and err["message"][0].isupper()
    return err


@pytest.fixture
def day(server, kiosk, ana, beto):
    """A morning at two modules: attentions, a no-show, a transfer, a pause, a cancellation."""
    clock = server.ctx.clock

    def at(hh, mm):
        clock.set(WED.replace(hour=hh, minute=mm))

    at(10, 0)
    r1, r2, b1 = issue(kiosk), issue(kiosk), issue(kiosk, "BN-PAGO")
    at(10, 5), ok(ana.post("/api/v1/modules/1/call-next"))  # R-001 waited 5 min
    at(10, 6), ok(ana.post("/api/v1/modules/1/start"))
    at(10, 25), ok(ana.post("/api/v1/modules/1/finish"))  # 19 min
    ok(ana.post("/api/v1/modules/1/call-next"))  # R-002 waited 25 min
    at(10, 26), ok(ana.post("/api/v1/modules/1/start"))
    at(10, 30), ok(beto.post("/api/v1/modules/3/call-next"))  # B-001 waited 30 min
    ok(beto.post("/api/v1/modules/3/no-show"))
    # R-002 goes on to the bank: B-002 is issued at 10:36.
    at(10, 36)
    ok(
        ana.post(
            "/api/v1/modules/1/transfer",
            json={"ticket_id": r2["id"], "service": "BN-PAGO", "note": "pago de tasa"},
        )
    )
    at(10, 40), ok(beto.post("/api/v1/modules/3/call-next"))  # B-002 waited 4 min
    at(10, 41), ok(beto.post("/api/v1/modules/3/start"))
    at(10, 50), ok(beto.post("/api/v1/modules/3/finish"))  # 9 min
    ok(ana.post("/api/v1/modules/1/pause", json={"reason": "refrigerio"}))
    at(11, 0), ok(ana.post("/api/v1/modules/1/resume"))  # 10 min of lunch break
    r3 = issue(kiosk)
    at(11, 1), ok(kiosk.post(f"/api/v1/tickets/{r3['id']}/cancel", json={"reason": "print_failed"}))
    issue(kiosk)  # R-004, left waiting
    at(11, 30)
    return r1, r2, b1


def _as_summary(row: dict) -> dict:
    return {key: row[column] for key, column in SUMMARY_COLUMNS.items()}


def test_the_report_and_the_day_summary_agree(server, sara, day):
    summary = ok(sara.get("/api/v1/day/summary"))
    by_centre = ok(sara.get("/api/v1/reports/tickets", params=DAY))
    assert _as_summary(by_centre["totals"]) == summary["totals"]
    (centre,) = by_centre["rows"]
    assert _as_summary(centre) == summary["totals"]

    by_service = ok(
        sara.get("/api/v1/reports/tickets", params={**DAY, "group_by": "entity,service"})
    )
    rows = {(r["entity"], r["service"]): _as_summary(r) for r in by_service["rows"]}
    expected = {
        (e["entity"], s["service"]): {k: s[k] for k in SUMMARY_COLUMNS}
        for e in summary["entities"]
        for s in e["services"]
    }
    assert rows == expected
    # Sealed: the remaining ticket is closed as not served, and both still agree.
    server.ctx.clock.set(WED.replace(hour=18, minute=0))
    ok(sara.post("/api/v1/day/closing/close-remaining", json={}))
    sealed = ok(sara.post("/api/v1/day/seal", json={}))
    report = ok(sara.get("/api/v1/reports/tickets", params=DAY))
    assert _as_summary(report["totals"]) == sealed["totals"]
    assert sealed["totals"]["closed_at_end"] == 1


def test_the_figures_of_the_day_by_hand(sara, day):
    t = ok(sara.get("/api/v1/reports/tickets", params=DAY))["totals"]
    # B-001, B-002 (the transfer's), R-003 (misprint), R-004 (waiting).
    assert (t["issued"], t["arrivals"], t["served"], t["no_shows"]) == (6, 5, 2, 1)
    assert (t["transferred"], t["cancelled"], t["pending"]) == (1, 1, 1)
    # Served: R-001 waited 5 min, B-002 4 min (since the transfer); attentions 19 and 9 min.
    assert (t["wait_mean_s"], t["wait_p50_s"], t["wait_p90_s"]) == (270.0, 240.0, 300.0)
    assert (t["attention_mean_s"], t["attention_max_s"]) == (840.0, 1140.0)
    assert (t["within_target"], t["within_target_share"]) == (2, 1.0)


def test_advisors_and_modules_time(sara, day):
    rows = {r["advisor"]: r for r in ok(sara.get("/api/v1/reports/advisors", params=DAY))["rows"]}
    ana = rows["ana"]
    # Ana's module opened at 10:00 (the fixture's clock) and is still open at 11:30.
    assert ana["logged_in_s"] == 5400.0
    assert (ana["paused_s"], ana["paused_refrigerio_s"]) == (600.0, 600.0)
    # Calling: R-001 10:05-10:06, R-002 10:25-10:26; serving 10:06-10:25, 10:26-10:36.
    assert (ana["calling_s"], ana["serving_s"]) == (120.0, 1740.0)
    assert ana["idle_s"] == 5400.0 - 600.0 - 1860.0
    assert ana["served"] == 1
    (m3,) = [
        r for r in ok(sara.get("/api/v1/reports/modules", params=DAY))["rows"] if r["module"] == 3
    ]
    # Calling B-001 10:30 (no-show at once), B-002 10:40-10:41; serving 10:41-10:50.
    assert (m3["entity"], m3["calling_s"], m3["serving_s"]) == ("BN", 60.0, 540.0)


def test_a_past_day_changed_later_is_reported_as_it_is_now(server, sara, day):
    # Thursday: Wednesday is a past day, folded once and kept.
    server.ctx.clock.set(WED.replace(day=26, hour=8, minute=0))
    sara = login(server, "sara")
    before = ok(sara.get("/api/v1/reports/tickets", params=DAY))["totals"]
    assert (before["pending"], before["not_served_at_closing"]) == (1, 0)
    assert ok(sara.get("/api/v1/reports/tickets", params=DAY))["totals"] == before
    # Its last ticket is closed only now: the report counts it at once.
    closed = sara.post("/api/v1/day/closing/close-remaining", json={"day": "2026-11-25"})
    ok(closed)
    after = ok(sara.get("/api/v1/reports/tickets", params=DAY))["totals"]
    assert (after["pending"], after["not_served_at_closing"]) == (0, 1)
    advisors = ok(sara.get("/api/v1/reports/advisors", params=DAY))["rows"]
    assert {r["advisor"] for r in advisors} == {"ana", "beto"}


def test_hourly_profile_and_csv(sara, day):
    hourly = ok(sara.get("/api/v1/reports/hourly", params=DAY))
    assert hourly["rows"] == [
        {"hour": 10, "arrivals": 3, "served": 2},
        {"hour": 11, "arrivals": 2, "served": 0},
    ]
    r = sara.get("/api/v1/reports/tickets", params={**DAY, "group_by": "entity", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    lines = list(csv.DictReader(io.StringIO(r.text)))
    assert [line["entity"] for line in lines] == ["BN", "RENIEC", "total"]
    assert [line["issued"] for line in lines] == ["2", "4", "6"]
    # The same table as a spreadsheet, numbers as numbers.
    r = sara.get("/api/v1/reports/tickets", params={**DAY, "group_by": "entity", "format": "xlsx"})
    assert r.status_code == 200 and r.headers["content-type"].endswith("spreadsheetml.sheet")
    sheet = openpyxl.load_workbook(io.BytesIO(r.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Informe «tickets» de Centro MAC de Pruebas, del 2026-11-25 al 2026-11-25"
    header = rows[2]
    issued = header.index("issued")
    assert [(row[0], row[issued]) for row in rows[3:]] == [("BN", 2), ("RENIEC", 4), ("total", 6)]


def test_an_advisor_sees_only_their_own_figures(server, sara, day, staff):
    ana = login(server, "ana")
    rows = ok(ana.get("/api/v1/reports/tickets", params={**DAY, "group_by": "advisor"}))["rows"]
    assert [(r["advisor"], r["issued"], r["served"]) for r in rows] == [("ana", 2, 1)]
    advisors = ok(ana.get("/api/v1/reports/advisors", params=DAY))
    assert [r["advisor"] for r in advisors["rows"]] == ["ana"]
    assert advisors["filters"] == {"advisor": "ana"}
    refusal(
        ana.get("/api/v1/reports/advisors", params={**DAY, "advisor": "beto"}),
        403,
        "REPORT_OWN_FIGURES_ONLY",
    )
    # The centre's figures are the supervisor's and the coordinator's.
    staff("coco", "coordinator")
    coco = ok(login(server, "coco").get("/api/v1/reports/advisors", params=DAY))
    assert [r["advisor"] for r in coco["rows"]] == ["ana", "beto"]
    staff("olga", "orientator")
    refusal(login(server, "olga").get("/api/v1/reports/tickets"), 403, "FORBIDDEN_ROLE")
    refusal(device_client(server).get("/api/v1/reports/tickets"), 403, "FORBIDDEN_ROLE")


REFUSED = [
    ("tickets", {"desde": "2026-11-01"}, "REPORT_UNKNOWN_PARAMETER", "desde"),
    ("hourly", {"group_by": "entity"}, "REPORT_UNKNOWN_PARAMETER", "group_by"),
    ("advisors", {"service": "DNI-DUP"}, "REPORT_UNKNOWN_PARAMETER", "service"),
    ("tickets", {"from": "2026-11-31"}, "REPORT_INVALID_VALUE", "from"),
    ("tickets", {"group_by": "entity,planet"}, "REPORT_INVALID_VALUE", "group_by"),
    ("tickets", {"group_by": "entity,entity"}, "REPORT_INVALID_VALUE", "group_by"),
    ("tickets", {"format": "docx"}, "REPORT_INVALID_VALUE", "format"),
    ("modules", {"module": "uno"}, "REPORT_INVALID_VALUE", "module"),
    ("tickets", {"from": "2026-11-25", "to": "2026-11-01"}, "REPORT_INVALID_RANGE", "2026-11-01"),
    ("tickets", {"from": "2025-01-01", "to": "2026-11-25"}, "REPORT_RANGE_TOO_LONG", "366"),
]


def test_a_question_the_report_cannot_answer_is_refused(sara):
    for path, params, code, named in REFUSED:
        err = refusal(sara.get(f"/api/v1/reports/{path}", params=params), 422, code)
        assert named in err["message"], (path, params)
    # Named twice is as unreadable as a wrong value.
    r = sara.get("/api/v1/reports/tickets?from=2026-11-01&from=2026-11-02")
    refusal(r, 422, "REPORT_INVALID_VALUE")
