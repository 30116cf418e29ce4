"""The citizen's follow-your-turn pages on their own listener (issue 20, section 1)."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from typing import Any

import httpx
import pytest
from support import RunningServer, device_client, login, wait_until

from macturnos.domain.estimate import WaitEstimate
from macturnos.domain.ticket_code import sign_ticket_code
from macturnos.server.main import PUBLIC_SHUTDOWN_S
from macturnos.server.public.app import create_public_app
from macturnos.server.public.limits import Limiter
from macturnos.server.public.pages import card
from macturnos.server.public.progress import Progress


@pytest.fixture
def public(ctx):  # noqa: ANN001, ANN201
    """The citizen's listener of the test's centre."""
    srv = public_server(ctx, create_public_app(ctx))
    yield srv
    srv.stop()


def public_server(ctx, app) -> RunningServer:  # noqa: ANN001
    """The listener as `serve` runs it: open live channels end with the server."""
    srv = RunningServer(ctx, app)
    srv.server.config.timeout_graceful_shutdown = PUBLIC_SHUTDOWN_S
    return srv.start()


@pytest.fixture
def kiosk(server):  # noqa: ANN001, ANN201
    return device_client(server, "kiosk", "K1")


def issue(kiosk: httpx.Client, service: str = "DNI-DUP") -> dict[str, Any]:
    r = kiosk.post("/api/v1/tickets", json={"service": service})
    assert r.status_code == 201, r.text
    return r.json()


def page(public: RunningServer, code: str, **params: str) -> httpx.Response:
    return httpx.get(f"{public.url}/t/{code}", params=params)


def test_the_page_shows_the_ticket_its_place_and_nothing_of_the_staff_api(
    server, public, kiosk, staff
):
    issue(kiosk)
    mine = issue(kiosk)
    r = page(public, mine["code"])
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert mine["ticket"]["number"] in html and "Duplicado de DNI" in html
    assert "1 persona delante de usted" in html and "En espera" in html
    # One small page: nothing loads from elsewhere, and it works without script.
    assert "http://" not in html and "https://" not in html
    assert '<noscript><meta http-equiv="refresh"' in html
    assert r.headers["referrer-policy"] == "no-referrer"
    # The staff API does not exist on this listener.
    for path in ("/api/v1/health", "/api/v1/snapshot", "/api/v1/tickets", "/docs"):
        r = httpx.get(public.url + path)
        assert r.status_code == 404 and "Esta página no existe." in r.text, path
    assert httpx.post(f"{public.url}/t/{mine['code']}").status_code == 405


def test_a_tampered_or_other_day_code_gets_a_page_in_words(server, public, kiosk, ctx):
    code = issue(kiosk)["code"]
    tampered = code[:-3] + ("AAA" if not code.endswith("AAA") else "BBB")
    for bad in (tampered, "nada", "MT1." + "A" * 300, "%00%ff"):
        r = page(public, bad)
        assert r.status_code == 404, bad
        assert "Este código no corresponde a un ticket de este centro." in r.text
        assert "Traceback" not in r.text and "error" not in r.text.lower()
    yesterday = ctx.runtime.setup.local(ctx.clock.now()) - timedelta(days=1)
    old = sign_ticket_code(
        ctx.secret,
        centre=ctx.runtime.setup.config.centre.code,
        day=yesterday.date(),
        number="R-001",
        issued_at=yesterday,
    )
    r = page(public, old)
    assert r.status_code == 404
    assert f"Este ticket es del {yesterday:%d/%m/%Y}" in r.text
    # A genuine-looking code for a number never issued here.
    r = page(
        public,
        sign_ticket_code(
            ctx.secret,
            centre=ctx.runtime.setup.config.centre.code,
            day=ctx.runtime.setup.day_of(ctx.clock.now()),
            number="R-999",
            issued_at=ctx.runtime.setup.local(ctx.clock.now()),
        ),
    )
    assert r.status_code == 404 and "No encontramos este ticket." in r.text


def test_the_page_speaks_the_citizens_language(server, public, kiosk):
    code = issue(kiosk)["code"]
    assert 'lang="qu"' in page(public, code, l="qu").text
    english = httpx.get(f"{public.url}/t/{code}", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert "Nobody ahead of you" in english.text and "Your turn" in english.text
    quechua = page(public, code, l="qu").text
    assert "Manam pipas ñawpaqniykipichu" in quechua


def test_a_transferred_citizen_follows_the_new_number(server, public, kiosk, staff):
    first = issue(kiosk, "DNI-REN")
    staff("sara", "supervisor")
    sara = login(server, "sara")
    r = sara.post(f"/api/v1/tickets/{first['ticket']['id']}/transfer", json={"service": "BN-PAGO"})
    assert r.status_code == 201, r.text
    new = r.json()["number"]
    html = page(public, first["code"]).text
    assert f"su número ahora es {new}" in html
    assert f"Número anterior: {first['ticket']['number']}" in html
    assert "Pago de tasas" in html


class Stream:
    """A phone's live channel, read in a thread."""

    def __init__(self, url: str) -> None:
        self.messages: list[dict[str, Any]] = []
        self.response: httpx.Response | None = None
        self._client = httpx.Client(timeout=30)
        self._thread = threading.Thread(target=self._read, args=(url,), daemon=True)
        self._thread.start()

    def _read(self, url: str) -> None:
        try:
            with self._client.stream("GET", url) as r:
                self.response = r
                for line in r.iter_lines():
                    if line.startswith("data: "):
                        self.messages.append(json.loads(line[6:]))
        except (httpx.HTTPError, RuntimeError):  # closed by the test: the phone left
            pass

    def close(self) -> None:
        self._client.close()


def test_the_live_channel_follows_the_queue_and_the_call(server, public, kiosk, staff):
    ahead = issue(kiosk)
    mine = issue(kiosk)
    stream = Stream(f"{public.url}/t/{mine['code']}/live")
    try:
        wait_until(lambda: stream.messages)
        assert stream.response is not None
        assert stream.response.headers["content-type"].startswith("text/event-stream")
        assert stream.messages[0]["state"] == "waiting"
        assert stream.messages[0]["people_ahead"] == 1
        staff("ana", "advisor")
        ana = login(server, "ana")
        assert ana.post("/api/v1/modules/2/session").status_code == 200
        called = ana.post("/api/v1/modules/2/call-next").json()
        assert called["id"] == ahead["ticket"]["id"]
        wait_until(lambda: stream.messages[-1]["people_ahead"] == 0)
        ana.post("/api/v1/modules/2/start")
        ana.post("/api/v1/modules/2/finish")
        ana.post("/api/v1/modules/2/call-next")
        wait_until(lambda: stream.messages[-1]["state"] == "called")
        last = stream.messages[-1]
        assert last["module"] == 2 and "¡Es su turno!" in last["html"]
        assert "Acérquese al módulo 2" in last["html"]
    finally:
        stream.close()


def test_too_many_requests_from_one_address_get_a_page_that_says_so(server, ctx, kiosk):
    code = issue(kiosk)["code"]
    srv = public_server(ctx, create_public_app(ctx, Limiter(burst=3, per_second=0.0)))
    try:
        answers = [httpx.get(f"{srv.url}/t/{code}").status_code for _ in range(5)]
        assert answers == [200, 200, 200, 429, 429]
        r = httpx.get(f"{srv.url}/t/{code}")
        assert "Demasiadas consultas" in r.text and r.headers["retry-after"]
    finally:
        srv.stop()


def test_the_limiter_caps_live_channels_per_address_and_in_all():
    limits = Limiter(streams_per_address=2, streams_total=3)
    assert [limits.open_stream("a") for _ in range(3)] == [True, True, False]
    assert limits.open_stream("b") and not limits.open_stream("c")
    limits.close_stream("a")
    assert limits.open_stream("c") and limits.open_streams == 3


def test_the_limits_are_raised_from_the_environment():
    limits = Limiter.from_environment(
        {"MACTURNOS_PUBLIC_STREAMS_PER_ADDRESS": "600", "MACTURNOS_PUBLIC_BURST": "1000"}
    )
    assert (limits.streams_per_address, limits.burst, limits.streams_total) == (600, 1000, 2000)
    assert Limiter.from_environment({}) == Limiter()


def test_the_staff_scanner_reads_the_same_qr_as_the_phone(server, public, kiosk):
    """The QR holds the page's address; POST /tickets/verify finds the code in it."""
    answer = issue(kiosk)
    scanned = f"{public.url}/t/{answer['code']}?l=qu\n"
    r = kiosk.post("/api/v1/tickets/verify", json={"code": scanned})
    assert r.status_code == 200, r.text
    assert r.json()["number"] == answer["ticket"]["number"]
    assert kiosk.get("/api/v1/config").json()["public_url"] is None  # not served here
    r = kiosk.post("/api/v1/tickets/verify", json={"code": f"{public.url}/t/NADA"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "TICKET_CODE_INVALID"


def _progress(**estimate: Any) -> Progress:
    ticket = {
        "number": "R-008",
        "entity": "RENIEC",
        "entity_name": "RENIEC",
        "service_name": "Duplicado de DNI",
        "status": "issued",
        "module": None,
        "location": "Planta 1 - Ala A",
        "colour": "#C8102E",
    }
    call_time = estimate.pop("call_time", None)
    return Progress(ticket=ticket, held=(), estimate=WaitEstimate(**estimate), call_time=call_time)


def test_the_card_tells_a_range_and_an_appointments_time_as_the_kiosk_does():
    uncertain = card(_progress(people_ahead=43, minutes=20, low=15, high=25), "es")
    assert "43 personas delante de usted" in uncertain
    assert "entre 15 y 25 min" in uncertain and "Planta 1 - Ala A" in uncertain
    booked = card(_progress(people_ahead=1, minutes=180, call_time="12:33"), "es")
    assert "Le llamaremos cerca de las 12:33" in booked
    assert "persona delante" not in booked  # an appointment is not behind the walk-ins
    assert "<script" not in card(_progress(people_ahead=0, minutes=0), "es")
