"""The load benchmark's HTTP side: actions with retries and latencies, logins, pairing, opening.

`Figures` holds everything a run measures; `Client` records into it.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

try:
    from bench.http_client import HttpClient, Reply, TransportError
except ImportError:  # run as a script: bench/ is on the path, not its parent
    from http_client import HttpClient, Reply, TransportError  # type: ignore[no-redef]

PASSWORD = "clave-de-carga-2026"
"""Every bench account's password."""
RETRIES = 2
"""Times an action without answer is sent again (same Idempotency-Key)."""


class BenchError(Exception):
    """The run could not be carried out (not a figure missing its target)."""


@dataclass
class Figures:
    """Everything measured during one run."""

    issue_day: list[float] = field(default_factory=list)
    issue_burst: list[float] = field(default_factory=list)
    call: list[float] = field(default_factory=list)
    other_actions: list[float] = field(default_factory=list)
    login: list[float] = field(default_factory=list)
    call_sent: dict[int, float] = field(default_factory=dict)
    rss: list[int] = field(default_factory=list)
    loop_lag: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    error_examples: list[str] = field(default_factory=list)
    refusals: Counter[str] = field(default_factory=Counter)
    empty_calls: int = 0
    issued_day: int = 0
    issued_burst: int = 0
    not_issued: int = 0
    retries: int = 0
    ended: int = 0
    no_shows: int = 0
    burst_window_s: float = 0.0
    day_window_s: float = 0.0
    drain_s: float = 0.0
    left_waiting: int = 0
    cpu: dict[str, dict[str, float]] = field(default_factory=dict)
    rss_idle: int = 0

    def error(self, kind: str, detail: str) -> None:
        """Count a failure of the run and keep a few examples."""
        self.errors[kind] += 1
        if len(self.error_examples) < 10:
            self.error_examples.append(f"{kind}: {detail}")


class Client:
    """The run's HTTP side: actions with retries and latencies, and the setup steps."""

    def __init__(self, fig: Figures) -> None:
        self.fig = fig
        self.http: HttpClient | None = None
        self.supervisor = ""
        self.login_slots = asyncio.Semaphore(4)

    @property
    def client(self) -> HttpClient:
        """The keep-alive HTTP client of the run."""
        if self.http is None:
            raise BenchError("HTTP client not open")
        return self.http

    async def post(
        self,
        path: str,
        token: str,
        body: dict[str, Any] | None = None,
    ) -> tuple[Reply | None, float]:
        """POST an action with a fresh Idempotency-Key; returns the answer and its latency.

        A request without answer (typically a keep-alive connection the server
        closed just as it was reused) is sent again with the same key, as the
        real clients do; the latency runs from the first attempt. One that
        still gets no answer is an error of the run and is answered None.
        """
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex}
        t0 = time.perf_counter()
        for attempt in range(RETRIES + 1):
            try:
                r = await self.client.post(path, json=body, headers=headers)
            except TransportError as err:
                if attempt == RETRIES:
                    self.fig.error(f"no_answer_{type(err).__name__}", path)
                    return None, time.perf_counter() - t0
                self.fig.retries += 1
                continue
            return r, time.perf_counter() - t0
        raise AssertionError("unreachable")

    async def must(
        self, path: str, token: str, body: dict[str, Any] | None = None, status: int = 200
    ) -> dict[str, Any]:
        """A setup step that has to succeed; its answer's JSON."""
        r, _ = await self.post(path, token, body)
        if r is None:
            raise BenchError(f"{path}: no answer from the server")
        if r.status_code != status:
            raise BenchError(f"{path} refused: {r.status_code} {r.text[:200]}")
        return dict(r.json())

    def unexpected(self, what: str, r: Reply) -> None:
        """Count an answer the bench did not expect."""
        self.fig.error(f"{what}_http_{r.status_code}", r.text[:200])

    @staticmethod
    def code_of(r: Reply) -> str:
        """The stable error code of a refusal."""
        try:
            return str(r.json()["error"]["code"])
        except (ValueError, KeyError, TypeError):
            return f"HTTP_{r.status_code}"

    async def login(self, username: str) -> str:
        """A staff member's bearer token."""
        # Password checks are slow on purpose (argon2) and serialised by the
        # server: log in a few at a time, as advisors arriving do.
        async with self.login_slots:
            t0 = time.perf_counter()
            try:
                r = await self.client.post(
                    "/api/v1/auth/login",
                    json={"username": username, "password": PASSWORD},
                    timeout=120.0,
                )
            except TransportError as err:
                raise BenchError(f"login of {username}: no answer ({err!r})") from err
            self.fig.login.append(time.perf_counter() - t0)
        if r.status_code != 200:
            raise BenchError(f"login of {username} refused: {r.status_code} {r.text[:200]}")
        return str(r.json()["token"])

    async def pair(self, kind: str, code: str) -> str:
        """Register a device as the supervisor and pair it; returns its token."""
        device = await self.must(
            "/api/v1/devices",
            self.supervisor,
            {"kind": kind, "code": code, "name": f"{kind} {code}"},
            status=201,
        )
        pr = await self.client.post(
            "/api/v1/devices/pair", json={"pairing_code": device["pairing_code"]}
        )
        if pr.status_code != 200:
            raise BenchError(f"pairing {code} refused: {pr.status_code} {pr.text[:200]}")
        return str(pr.json()["token"])

    async def open_day(self) -> None:
        """The supervisor runs the morning checklist ("Registrar apertura") and the day opens.

        Items the server's probes found fine stay as they are; the supervisor
        confirms the rest (guards, lighting, ...) by hand, with a note.
        """
        r = await self.client.get(
            "/api/v1/day/checklist", headers={"Authorization": f"Bearer {self.supervisor}"}
        )
        if r.status_code != 200:
            raise BenchError(f"the checklist was refused: {r.status_code} {r.text[:200]}")
        answers = [
            {"code": item["code"], "result": "ok", "note": "Verificado para la prueba de carga"}
            for item in r.json()["items"]
            if (item.get("prefill") or {}).get("result") not in ("ok", "not_applicable")
        ]
        body = await self.must(
            "/api/v1/day/checklist",
            self.supervisor,
            {"items": answers, "note": "Prueba de carga"},
        )
        if not body.get("opened"):
            raise BenchError(f"the checklist did not open the day: {body.get('blocking_reasons')}")
