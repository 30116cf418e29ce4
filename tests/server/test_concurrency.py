"""Numbering under concurrency: many kiosks and orientators at the same instant."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import select
from support import device_client, login

from macturnos.server.db.models import Ticket


def test_200_simultaneous_issues_no_duplicate_no_gap(server, staff):
    kiosks = [device_client(server, "kiosk", f"K{i}") for i in range(4)]
    staff("olga", "orientator")
    desks = [login(server, "olga") for _ in range(2)]
    clients = kiosks + desks
    start = threading.Barrier(50)

    def issue(i: int) -> tuple[int, str]:
        client = clients[i % len(clients)]
        if i < 50:
            start.wait()  # the first fifty leave at the very same instant
        with httpx.Client(base_url=server.url, headers=client.headers, timeout=60) as c:
            r = c.post("/api/v1/tickets", json={"service": "DNI-DUP"})
            return r.status_code, r.json()["ticket"]["number"]

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(issue, range(200)))
    assert {status for status, _ in results} == {201}
    numbers = sorted(number for _, number in results)
    assert numbers == [f"R-{i:03d}" for i in range(1, 201)]
    with server.ctx.db.read() as s:
        seqs = sorted(s.scalars(select(Ticket.seq).where(Ticket.prefix == "R")))
    assert seqs == list(range(1, 201))


def test_two_prefixes_interleaved(server):
    kiosk = device_client(server)

    def issue(service: str) -> str:
        with httpx.Client(base_url=server.url, headers=kiosk.headers, timeout=60) as c:
            return c.post("/api/v1/tickets", json={"service": service}).json()["ticket"]["number"]

    services = ["DNI-DUP", "BN-PAGO"] * 50
    with ThreadPoolExecutor(max_workers=20) as pool:
        numbers = list(pool.map(issue, services))
    assert sorted(n for n in numbers if n.startswith("R")) == [f"R-{i:03d}" for i in range(1, 51)]
    assert sorted(n for n in numbers if n.startswith("B")) == [f"B-{i:03d}" for i in range(1, 51)]


def test_many_advisors_never_call_the_same_ticket(server, staff):
    kiosk = device_client(server)
    for _ in range(30):
        kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"})
    staff("ana", "advisor")
    staff("beto", "advisor")
    advisors = [(login(server, "ana"), 1), (login(server, "beto"), 2)]
    for client, module in advisors:
        client.post(f"/api/v1/modules/{module}/session")
    called: list[int] = []
    lock = threading.Lock()

    def work(pair) -> None:
        client, module = pair
        while True:
            r = client.post(f"/api/v1/modules/{module}/call-next")
            if r.status_code == 409:
                assert r.json()["error"]["code"] == "QUEUE_EMPTY"
                return
            with lock:
                called.append(r.json()["id"])
            client.post(f"/api/v1/modules/{module}/start")
            client.post(f"/api/v1/modules/{module}/finish")

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(work, advisors))
    assert len(called) == 30 and len(set(called)) == 30
