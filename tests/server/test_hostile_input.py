"""Hostile input gets a refusal in the one error shape, never a 500 or a traceback.

Each case here answered 500 (or took effect, or answered another shape) before
issue 15 items 11-15 were fixed.
"""

from __future__ import annotations

import json

import httpx
import pytest
from support import device_client, login
from websockets.sync.client import connect

TOO_BIG = [2**63, 2**64]


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
    return login(server, "ana")


def refused(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["code"] == code
    assert body["error"]["message"] and body["error"]["message"][0].isupper()
    return body["error"]


# --- item 11: integers that do not fit the column ---------------------------------------


@pytest.mark.parametrize("big", TOO_BIG)
def test_out_of_range_ids_in_paths_and_queries(kiosk, sara, ana, big):
    refused(kiosk.get(f"/api/v1/tickets/{big}"), 422, "INVALID_REQUEST")
    refused(
        sara.post(f"/api/v1/tickets/{big}/cancel", json={"reason": "x"}), 422, "INVALID_REQUEST"
    )
    refused(sara.post(f"/api/v1/tickets/{big}/reactivate"), 422, "INVALID_REQUEST")
    refused(sara.get("/api/v1/events", params={"after": big}), 422, "INVALID_REQUEST")
    refused(ana.post(f"/api/v1/modules/{big}/session"), 422, "INVALID_REQUEST")
    refused(ana.post(f"/api/v1/modules/{2**31}/call-next"), 422, "INVALID_REQUEST")
    # The kept-alive connection survives the refusal.
    assert kiosk.get("/api/v1/tickets/1").status_code == 404


@pytest.mark.parametrize("big", TOO_BIG)
def test_out_of_range_ids_in_bodies(sara, ana, big):
    err = refused(
        sara.post("/api/v1/sync/catalogue/offer/accept", json={"offer_id": big}),
        422,
        "INVALID_REQUEST",
    )
    assert "offer_id" in err["details"]["fields"]
    refused(
        ana.post("/api/v1/modules/1/call", json={"ticket_id": big, "reason": "x"}),
        422,
        "INVALID_REQUEST",
    )
    refused(
        sara.post("/api/v1/day/closing/close-remaining", json={"ticket_ids": [big]}),
        422,
        "INVALID_REQUEST",
    )


def test_ids_in_range_still_reach_the_refusal_of_the_domain(kiosk):
    refused(kiosk.get(f"/api/v1/tickets/{2**63 - 1}"), 404, "UNKNOWN_TICKET")


# --- item 12: the WebSocket's hello ---------------------------------------------------


def _ws_url(server) -> str:
    return server.url.replace("http://", "ws://") + "/api/v1/events"


@pytest.mark.parametrize("since", [True, False, "5", 1.5, [1], {"a": 1}, -1, 2**63, 2**70])
def test_bad_since_in_the_hello_is_refused_alike(server, kiosk, since):
    token = kiosk.headers["Authorization"].split(" ", 1)[1]
    with connect(_ws_url(server)) as ws:
        ws.send(json.dumps({"type": "hello", "token": token, "since": since}))
        msg = json.loads(ws.recv(timeout=10))
        assert msg["type"] == "error" and msg["error"]["code"] == "INVALID_REQUEST"
        with pytest.raises(Exception) as closed:
            ws.recv(timeout=10)
        assert getattr(closed.value, "rcvd", None) is not None
        assert closed.value.rcvd.code == 1008


# --- item 13: sealing a day -------------------------------------------------------------


def test_a_day_never_opened_cannot_be_sealed(server, sara):
    err = refused(sara.post("/api/v1/day/seal", json={"day": "2020-01-02"}), 409, "DAY_NOT_OPENED")
    assert "02/01/2020" in err["message"]
    assert not [e for e in sara.get("/api/v1/events").json() if e["kind"] == "day.sealed"]


@pytest.mark.parametrize("day", [31536000, 31536000.0, "31536000", "2026-11-25T00:00:00", True])
def test_dates_are_iso_strings_only(sara, day):
    refused(sara.post("/api/v1/day/seal", json={"day": day}), 422, "INVALID_REQUEST")
    refused(
        sara.post("/api/v1/day/closing/close-remaining", json={"day": day}), 422, "INVALID_REQUEST"
    )
    refused(sara.get("/api/v1/day/status", params={"day": str(day)}), 422, "INVALID_REQUEST")


def test_an_appointment_time_is_never_a_number(kiosk):
    r = kiosk.post(
        "/api/v1/tickets", json={"service": "DNI-DUP", "appointment": {"at": 1_700_000_000}}
    )
    refused(r, 422, "INVALID_REQUEST")


def test_iso_dates_still_work(sara):
    assert sara.get("/api/v1/day/status", params={"day": "2026-11-25"}).status_code == 200


# --- item 14: one error shape -----------------------------------------------------------


def test_a_body_that_is_not_utf8(kiosk):
    r = kiosk.post(
        "/api/v1/tickets",
        content=b'{"service": "\xff\xfe"}',
        headers={"content-type": "application/json"},
    )
    refused(r, 422, "INVALID_BODY")


def test_starlette_refusals_have_the_shape(kiosk, server):
    refused(kiosk.get("/api/v1/no-such-thing"), 404, "NOT_FOUND")
    refused(httpx.get(f"{server.url}/nowhere"), 404, "NOT_FOUND")
    r = kiosk.put("/api/v1/tickets")
    refused(r, 405, "METHOD_NOT_ALLOWED")
    assert "POST" in r.headers["allow"]


def test_a_body_too_large(kiosk):
    big = b'{"service": "' + b"x" * (2 << 20) + b'"}'
    r = kiosk.post("/api/v1/tickets", content=big, headers={"content-type": "application/json"})
    refused(r, 413, "BODY_TOO_LARGE")

    def chunks():
        yield b'{"service": "'
        for _ in range(40):
            yield b"x" * 65536
        yield b'"}'

    r = kiosk.post(
        "/api/v1/tickets", content=chunks(), headers={"content-type": "application/json"}
    )
    refused(r, 413, "BODY_TOO_LARGE")


# --- item 15: a key reused with another body ------------------------------------------


def test_same_key_with_another_body_is_refused(kiosk):
    h = {"Idempotency-Key": "tap-77"}
    first = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}, headers=h)
    assert first.status_code == 201, first.text
    again = kiosk.post("/api/v1/tickets", json={"service": "BN-PAGO"}, headers=h)
    refused(again, 422, "IDEMPOTENCY_KEY_REUSED")
    # The same body still replays the first answer.
    same = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}, headers=h)
    assert same.status_code == 201 and same.json() == first.json()
    # Written differently (spacing, a null field) it is still the same request.
    again = kiosk.post(
        "/api/v1/tickets",
        content=b'{ "preferential": null,  "service": "DNI-DUP" }',
        headers={**h, "content-type": "application/json"},
    )
    assert again.status_code == 201 and again.json() == first.json()


# --- item 16: DNIs in ASCII digits only ---------------------------------------------------

NOT_ASCII_DNIS = ["١٢٣٤٥٦٧٨", "۱۲۳۴۵۶۷۸", "１２３４５６７８", "12345678\n"]


@pytest.mark.parametrize("dni", NOT_ASCII_DNIS)
def test_a_dni_in_other_digits_is_refused(dni):
    from macturnos.server.sync.appointments import valid_dni

    assert valid_dni("12345678")
    assert not valid_dni(dni)


def test_check_in_refuses_a_dni_in_other_digits(kiosk):
    for dni in NOT_ASCII_DNIS[:3]:
        r = kiosk.post("/api/v1/appointments/check-in", json={"dni": dni})
        err = refused(r, 422, "INVALID_REQUEST")
        assert "dni" in err["message"]


def test_the_pcm_receiver_takes_ascii_dnis_only():
    from macturnos.pcm.store import DNI_RE

    assert DNI_RE.fullmatch("12345678")
    assert not any(DNI_RE.fullmatch(d) for d in NOT_ASCII_DNIS)


# --- item 17: a broken centre file on reload ----------------------------------------------


def test_reload_of_an_impossible_date_is_a_refusal(server, staff, tmp_path):
    from support import FIXTURES

    staff("tic", "ict")
    tic = login(server, "tic")
    bad = tmp_path / "centre.yaml"
    text = (FIXTURES / "centre.yaml").read_text()
    bad.write_text(text.replace("  - date: 2026-12-08", "  - date: 2026-02-30"))
    server.ctx.runtime.source = str(bad)
    err = refused(tic.post("/api/v1/config/reload"), 422, "CONFIG_INVALID")
    assert "centre.yaml:" in err["message"] and "holidays[0].date" in err["message"]


# --- item 18: the OpenAPI document declares every refusal -----------------------------------


def test_the_openapi_document_declares_the_refusals(server):
    doc = httpx.get(f"{server.url}/api/v1/openapi.json").json()
    paths = doc["paths"]

    def declared(method: str, path: str) -> set[str]:
        return set(paths[path][method]["responses"])

    assert {"401", "403", "404", "409", "413", "422"} <= declared(
        "post", "/api/v1/tickets/{ticket_id}/cancel"
    )
    assert {"401", "423", "422"} <= declared("post", "/api/v1/auth/login")
    assert {"401", "403"} <= declared("get", "/api/v1/queues")
    # Even the health check reads the database: 503 while it is out of reach (a failover).
    assert declared("get", "/api/v1/health") == {"200", "503"}
    error = paths["/api/v1/tickets"]["post"]["responses"]["409"]["content"]["application/json"]
    assert error["schema"] == {"$ref": "#/components/schemas/ErrorBody"}
    assert "HTTPValidationError" not in doc["components"]["schemas"]  # never sent
