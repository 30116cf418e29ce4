"""ApiClient against the real server: sessions, refusals in Spanish, idempotency, outages."""

from __future__ import annotations

import threading
from datetime import timedelta

import httpx
import pytest
from support import free_port

from macturnos.client.api import ApiClient, new_idempotency_key
from macturnos.client.errors import ApiRefusal, ClientError, ServerUnreachable


def test_login_keeps_the_token_and_logout_ends_it(server, staff, api):
    staff("ana", "advisor")
    client = api()
    answer = client.login("ana", "clave-segura-1")
    assert answer["role"] == "advisor"
    assert client.token == answer["token"]
    assert client.role == "advisor"
    assert client.user["username"] == "ana"
    assert client.me()["role"] == "advisor"

    old_token = client.token
    client.logout()
    assert client.token is None
    with ApiClient(server.url, token=old_token) as stale:
        with pytest.raises(ApiRefusal) as refused:
            stale.me()
    assert refused.value.status == 401
    assert refused.value.code == "NOT_AUTHENTICATED"


def test_wrong_password_is_refused_in_spanish(server, staff, api):
    staff("ana", "advisor")
    client = api()
    with pytest.raises(ApiRefusal) as refused:
        client.login("ana", "otra-clave")
    assert refused.value.status == 401
    assert refused.value.code == "INVALID_CREDENTIALS"
    assert refused.value.message == "Usuario o contraseña incorrectos."
    assert client.token is None


def test_refusals_carry_status_code_and_spanish_reason(server, staff, api):
    staff("ana", "advisor")
    ana = api("ana")
    with pytest.raises(ApiRefusal) as not_open:
        ana.call_next(1)
    assert (not_open.value.status, not_open.value.code) == (403, "MODULE_NOT_YOURS")
    assert not_open.value.message == "El módulo 1 está asignado a otro asesor."

    ana.open_module(1)
    with pytest.raises(ApiRefusal) as empty:
        ana.call_next(1)
    assert (empty.value.status, empty.value.code) == (409, "QUEUE_EMPTY")
    assert "No hay turnos en espera" in empty.value.message

    with pytest.raises(ApiRefusal) as unknown:
        ana.ticket(999)
    assert (unknown.value.status, unknown.value.code) == (404, "UNKNOWN_TICKET")

    with pytest.raises(ApiRefusal) as invalid:
        ana.pause(1, "siesta")
    assert (invalid.value.status, invalid.value.code) == (422, "INVALID_REQUEST")
    assert invalid.value.details["fields"] == ["reason"]


def test_without_a_token_nothing_is_sent(server, api):
    with pytest.raises(ApiRefusal) as refused:
        api().modules()
    assert refused.value.code == "NOT_AUTHENTICATED"
    assert refused.value.message == "Inicie sesión para continuar."


def test_same_key_acts_once(server, device_token, api):
    kiosk = api(token=device_token())
    key = new_idempotency_key()
    first = kiosk.request("POST", "/tickets", json={"service": "DNI-DUP"}, idempotency_key=key)
    second = kiosk.request("POST", "/tickets", json={"service": "DNI-DUP"}, idempotency_key=key)
    assert first.status == second.status == 201
    assert not first.replayed
    assert second.replayed
    assert second.data["ticket"]["id"] == first.data["ticket"]["id"]
    # The public method with the caller's key: the double click of one button.
    again = kiosk.issue("DNI-DUP", idempotency_key=key)
    assert again["ticket"]["number"] == "R-001"
    queue = next(q for q in kiosk.queues() if q["service"] == "DNI-DUP")
    assert queue["waiting"] == 1
    # Without a key each call is a new action.
    assert kiosk.issue("DNI-DUP")["ticket"]["number"] == "R-002"


class LoseFirstAnswer(httpx.BaseTransport):
    """A network that delivers the request but drops the first answer on the way back."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.keys: list[str | None] = []
        self.lost = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.keys.append(request.headers.get("Idempotency-Key"))
        response = self.inner.handle_request(request)
        if not self.lost:
            self.lost = True
            response.read()
            response.close()
            raise httpx.ReadError("connection reset while reading the answer", request=request)
        return response

    def close(self) -> None:
        self.inner.close()


def test_lost_answer_is_retried_with_the_same_key(server, device_token, api):
    network = LoseFirstAnswer()
    kiosk = api(token=device_token(), transport=network, backoff_s=0.01)
    answer = kiosk.issue("DNI-DUP")
    assert answer["ticket"]["number"] == "R-001"
    assert len(network.keys) == 2
    assert network.keys[0] == network.keys[1] is not None
    assert next(q for q in kiosk.queues() if q["service"] == "DNI-DUP")["waiting"] == 1


def test_closed_port_is_server_unreachable():
    client = ApiClient(f"http://127.0.0.1:{free_port()}", token="x", retries=1, backoff_s=0.01)
    with client:
        with pytest.raises(ServerUnreachable) as down:
            client.health()
        assert down.value.message == "No hay conexión con el servidor de turnos"
        assert "ConnectError" in down.value.detail
        with pytest.raises(ServerUnreachable):
            client.issue("DNI-DUP")


def test_invalid_url_is_a_client_error():
    with pytest.raises(ClientError) as bad:
        ApiClient("turnos.local")
    assert "no es válida" in bad.value.message


def test_every_counter_and_desk_route(server, staff, api, device_token):
    """One pass through every route the apps use: paths, bodies and answers fit the server."""
    staff("ana", "advisor")
    staff("sara", "supervisor")
    staff("oscar", "orientator")
    kiosk = api(token=device_token())
    ana, sara, oscar = api("ana"), api("sara"), api("oscar")

    assert kiosk.health()["centre"] == "TEST-MAC"
    assert kiosk.config()["centre"]["code"] == "TEST-MAC"
    assert {m["number"] for m in kiosk.modules()} == {1, 2, 3, 4}
    assert sara.day_status()["state"] in ("open", "open_with_incidents")
    assert "items" in sara.day_checklist()
    assert isinstance(sara.day_closing()["can_seal"], bool)
    assert isinstance(sara.day_summary(), dict)

    issued = kiosk.issue("DNI-DUP")
    assert kiosk.verify(issued["code"])["ticket"]["id"] == issued["ticket"]["id"]
    assert kiosk.lookup("R-001")["id"] == issued["ticket"]["id"]
    preferential = oscar.issue("DNI-DUP", preferential="GESTANTE")
    assert preferential["ticket"]["preferential"] == "GESTANTE"

    assert ana.open_module(1)["state"] == "free"
    called = ana.call_next(1)
    assert called["number"] == "R-002"  # preferential attention first
    assert ana.recall(1)["recall_count"] == 1
    assert ana.return_to_queue(1)["status"] == "issued"
    assert ana.call(1, issued["ticket"]["id"], "Cita coordinada")["number"] == "R-001"
    assert ana.start(1)["status"] == "in_service"
    server.ctx.clock.advance(timedelta(minutes=5))
    moved = ana.module_transfer(1, issued["ticket"]["id"], "BN-PAGO", "Pago de tasa")
    assert moved["number"] == "B-001"
    assert ana.call_next(1)["number"] == "R-002"
    assert ana.no_show(1)["status"] == "no_show"
    assert sara.reactivate(preferential["ticket"]["id"])["status"] == "issued"
    assert ana.call_next(1)["number"] == "R-002"
    assert ana.start(1)["status"] == "in_service"
    assert ana.finish(1)["status"] == "finished"
    assert ana.pause(1, "refrigerio")["state"] == "paused"
    assert ana.resume(1)["state"] == "free"
    assert ana.leave_module(1)["state"] == "closed"

    other = oscar.transfer(moved["id"], "DNI-REN", "Renovación")
    assert other["service"] == "DNI-REN"
    assert oscar.cancel(other["id"], "desistio")["status"] == "cancelled"
    assert ana.open_module(2)["state"] == "free"
    assert sara.close_module(2)["state"] == "closed"

    assert kiosk.report_health("warning", {"paper": "near_end"}) == {"ok": True}
    assert kiosk.ticket(issued["ticket"]["id"])["status"] == "transferred"
    assert sara.snapshot()["seq"] > 0
    kinds = [e["kind"] for e in sara.events(after=0, limit=1000)]
    assert "ticket.transferred" in kinds and "device.health" in kinds
    pairing = sara.register_device("display", "TV-A", "Pantalla zona A")
    assert len(pairing["pairing_code"]) >= 4
    assert sara.end_user_session("ana") == {"ok": True}
    with pytest.raises(ApiRefusal) as ended:
        ana.modules()
    assert ended.value.code == "NOT_AUTHENTICATED"


def test_one_client_serves_many_threads(server, device_token, api):
    kiosk = api(token=device_token())
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def issue() -> None:
        try:
            number = kiosk.issue("BN-PAGO")["ticket"]["number"]
        except BaseException as err:  # reported to the test thread below
            errors.append(err)
            return
        with lock:
            numbers.append(number)

    workers = [threading.Thread(target=issue) for _ in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(30)
    assert not errors
    assert sorted(numbers) == [f"B-{n:03d}" for n in range(1, 9)]
