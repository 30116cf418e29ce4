"""The synchronous HTTP client of the turn server's /api/v1, shared by the three apps.

Every state-changing request carries an `Idempotency-Key`; a request retried
after a network error reuses its key, so a lost answer or a double click never
acts twice. Errors reach the app only as `ClientError` subclasses with a
Spanish message, never as raw httpx exceptions.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from macturnos import __version__
from macturnos.client import messages as msg
from macturnos.client.errors import ApiRefusal, ClientError, ServerFault, ServerUnreachable
from macturnos.messages import t

log = logging.getLogger("macturnos.client.api")

API_PREFIX = "/api/v1"
# A LAN server answers in milliseconds; these bounds only stop a dead link from
# freezing a counter for longer than staff would tolerate.
DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF_S = 0.25
# Statuses a proxy or a restarting server answers; worth one more try.
RETRY_STATUSES = frozenset({502, 503, 504})
# The server keeps keys of at most 80 characters.
MAX_KEY_LENGTH = 80


def new_idempotency_key() -> str:
    """A fresh key naming one user action (pass it again to repeat the same action)."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Appointment:
    """An appointment being checked in at the kiosk (no personal data)."""

    at: datetime
    ref: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The request body's shape."""
        return {"at": self.at.isoformat(), "ref": self.ref}


@dataclass(frozen=True)
class ApiResponse:
    """A successful answer: its status, its JSON body and whether it was a replay."""

    status: int
    data: Any
    replayed: bool


def _normalise_base_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ClientError(t(msg.SERVER_URL_INVALID, url=url))
    return f"{parts.scheme}://{parts.netloc}"


def _day_param(day: date | None) -> dict[str, str] | None:
    return {"day": day.isoformat()} if day is not None else None


def _key_or_new(key: str | None) -> str:
    if key is None:
        return new_idempotency_key()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValueError(f"an idempotency key must have 1 to {MAX_KEY_LENGTH} characters")
    return key


class ApiClient:
    """A thread-safe client of the turn server's HTTP API with bounded timeouts and retries."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff_s: float = DEFAULT_BACKOFF_S,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if retries < 0:
            raise ValueError("retries must not be negative")
        self._lock = threading.Lock()
        self._base_url = _normalise_base_url(base_url)
        self._token = token
        self.role: str | None = None
        self.user: dict[str, Any] | None = None
        self.retries = retries
        self.backoff_s = backoff_s
        # trust_env=False: the server is on the centre's LAN; a proxy set in the
        # environment for the Internet must not sit between a counter and it.
        self._http = httpx.Client(
            timeout=timeout,
            transport=transport,
            trust_env=False,
            headers={"User-Agent": f"macturnos-client/{__version__}"},
        )

    # --- connection settings ---------------------------------------------------

    @property
    def base_url(self) -> str:
        """The server's root URL, e.g. http://192.168.1.10:8470."""
        with self._lock:
            return self._base_url

    @base_url.setter
    def base_url(self, url: str) -> None:
        with self._lock:
            self._base_url = _normalise_base_url(url)

    @property
    def token(self) -> str | None:
        """The bearer token of the session or device, if any."""
        with self._lock:
            return self._token

    @token.setter
    def token(self, value: str | None) -> None:
        with self._lock:
            self._token = value

    def close(self) -> None:
        """Release the connection pool."""
        self._http.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- the request machinery -------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        replay_safe: bool = True,
        authenticated: bool = True,
    ) -> ApiResponse:
        """Send one request to /api/v1`path`, retrying network failures when that is safe.

        Writes (anything but GET) carry an Idempotency-Key, the caller's or a new
        one, reused on every retry. A request that may have reached the server is
        retried only when `replay_safe` (reads, and writes the server deduplicates
        by key or that do no harm twice); one that never left is always retried.
        """
        method = method.upper()
        headers: dict[str, str] = {}
        if method != "GET":
            headers["Idempotency-Key"] = _key_or_new(idempotency_key)
        if authenticated:
            token = self.token
            if token is None:
                raise ApiRefusal(401, "NOT_AUTHENTICATED", t(msg.NOT_LOGGED_IN))
            headers["Authorization"] = f"Bearer {token}"
        attempt = 0
        while True:
            url = f"{self.base_url}{API_PREFIX}{path}"
            started = time.monotonic()
            try:
                resp = self._http.request(method, url, json=json, params=params, headers=headers)
            except httpx.HTTPError as err:
                # A refused or timed-out connect never reached the server: always safe.
                never_sent = isinstance(
                    err, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout
                )
                if attempt < self.retries and (never_sent or replay_safe):
                    log.info("%s %s failed (%s), retrying", method, path, type(err).__name__)
                    self._pause(attempt)
                    attempt += 1
                    continue
                log.warning("%s %s: server unreachable (%s)", method, path, type(err).__name__)
                raise ServerUnreachable(detail=f"{type(err).__name__}: {err}") from err
            log.debug(
                "%s %s -> %d in %.0f ms",
                method,
                path,
                resp.status_code,
                (time.monotonic() - started) * 1000,
            )
            if resp.status_code in RETRY_STATUSES and attempt < self.retries and replay_safe:
                self._pause(attempt)
                attempt += 1
                continue
            return self._answer(resp)

    def _pause(self, attempt: int) -> None:
        # Exponential backoff with jitter, so a room of counters does not retry in step.
        delay = self.backoff_s * (2**attempt)
        time.sleep(random.uniform(delay / 2, delay))

    @staticmethod
    def _answer(resp: httpx.Response) -> ApiResponse:
        status = resp.status_code
        try:
            body = resp.json()
        except ValueError:
            body = None
        if 200 <= status < 300:
            if body is None:
                raise ServerFault(status, "INVALID_ANSWER", t(msg.SERVER_ANSWER_INVALID))
            return ApiResponse(
                status, body, resp.headers.get("Idempotent-Replay", "").lower() == "true"
            )
        error = body.get("error") if isinstance(body, dict) else None
        code = f"HTTP_{status}"
        message = t(msg.SERVER_ANSWER_INVALID if status < 500 else msg.SERVER_FAILED)
        details: dict[str, Any] = {}
        if isinstance(error, dict):
            code = str(error.get("code") or code)
            message = str(error.get("message") or message)
            if isinstance(error.get("details"), dict):
                details = error["details"]
        if status in RETRY_STATUSES:
            # A gateway's answer: the turn server itself is down or restarting.
            raise ServerUnreachable(detail=f"HTTP {status}")
        if status >= 500:
            raise ServerFault(status, code, message)
        raise ApiRefusal(status, code, message, details)

    def _get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        return self.request("GET", path, params=params).data

    def _write(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        key: str | None = None,
        replay_safe: bool = True,
        authenticated: bool = True,
    ) -> Any:
        return self.request(
            method,
            path,
            json=body,
            idempotency_key=key,
            replay_safe=replay_safe,
            authenticated=authenticated,
        ).data

    # --- centre --------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        """Whether the server and its database answer, with its centre and versions."""
        return self.request("GET", "/health", authenticated=False).data

    def config(self) -> dict[str, Any]:
        """The centre's configuration as clients need it."""
        return self._get("/config")

    def snapshot(self) -> dict[str, Any]:
        """The whole live state with the sequence number it reflects."""
        return self._get("/snapshot")

    def queues(self) -> list[dict[str, Any]]:
        """Every service with waiting count, estimate and availability."""
        return self._get("/queues")

    def events(self, after: int = 0, limit: int = 1000) -> list[dict[str, Any]]:
        """The event log after a sequence number (supervisors, reports)."""
        return self._get("/events", {"after": after, "limit": limit})

    # --- the centre's day: opening checklist, closing, seal ---------------------

    def day_checklist(self) -> dict[str, Any]:
        """Today's opening checklist, automatic items pre-filled by the server's probes."""
        return self._get("/day/checklist")

    def register_opening(
        self,
        items: list[Mapping[str, Any]],
        note: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Registrar apertura: send the checklist answers ({code, result, note}); answers the run."""
        return self._write(
            "POST",
            "/day/checklist",
            {"items": [dict(i) for i in items], "note": note},
            key=idempotency_key,
        )

    def day_status(self, day: date | None = None) -> dict[str, Any]:
        """A day's state (open, blocked, sealed...) with the message for citizens."""
        return self._get("/day/status", _day_param(day))

    def day_closing(self, day: date | None = None) -> dict[str, Any]:
        """The tickets still open near closing, and whether the day can be sealed."""
        return self._get("/day/closing", _day_param(day))

    def close_remaining(
        self,
        day: date | None = None,
        ticket_ids: list[int] | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Close waiting and called tickets (all, or these) as not served at closing."""
        return self._write(
            "POST",
            "/day/closing/close-remaining",
            {"day": day.isoformat() if day else None, "ticket_ids": ticket_ids},
            key=idempotency_key,
        )

    def seal_day(
        self, day: date | None = None, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Seal the day (no ticket left open); answers its summary."""
        return self._write(
            "POST", "/day/seal", {"day": day.isoformat() if day else None}, key=idempotency_key
        )

    def day_summary(self, day: date | None = None) -> dict[str, Any]:
        """A day's figures: kept at the seal, or provisional."""
        return self._get("/day/summary", _day_param(day))

    def reload_config(self, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Make the server read the centre file again; answers the list of changes."""
        return self._write("POST", "/config/reload", key=idempotency_key)

    # --- sessions and devices ------------------------------------------------

    def login(self, username: str, password: str) -> dict[str, Any]:
        """Log a staff member in and keep the session's token for later calls."""
        # A retry after a lost answer only opens a second session: harmless.
        data = self._write(
            "POST",
            "/auth/login",
            {"username": username, "password": password},
            authenticated=False,
        )
        with self._lock:
            self._token = data["token"]
            self.role = data.get("role")
            self.user = data.get("user")
        return data

    def logout(self) -> None:
        """End this session on the server and forget its token (also when offline)."""
        try:
            if self.token is not None:
                self._write("POST", "/auth/logout")
        finally:
            with self._lock:
                self._token = None
                self.role = None
                self.user = None

    def pair(self, pairing_code: str) -> dict[str, Any]:
        """Exchange a kiosk's or call screen's one-time pairing code for its token."""
        # The code is spent on first use, so a request that may have arrived is
        # not repeated: the answer would only be a refusal.
        data = self._write(
            "POST",
            "/devices/pair",
            {"pairing_code": pairing_code},
            replay_safe=False,
            authenticated=False,
        )
        with self._lock:
            self._token = data["token"]
            self.role = data.get("role")
            self.user = None
        return data

    def me(self) -> dict[str, Any]:
        """Who this token belongs to (role, label, name)."""
        return self._get("/auth/me")

    def end_user_session(
        self, username: str, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """A supervisor ends every session of a staff member."""
        return self._write(
            "POST", f"/users/{quote(username, safe='')}/end-session", key=idempotency_key
        )

    def register_device(
        self, kind: str, code: str, name: str, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Register a kiosk or call screen; answers its one-time pairing code."""
        return self._write(
            "POST",
            "/devices",
            {"kind": kind, "code": code, "name": name},
            key=idempotency_key,
            replay_safe=False,
        )

    def report_health(
        self,
        status: str,
        detail: Mapping[str, str | int | float | bool | None] | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """A device reports its health: ok, warning or error, with details."""
        return self._write(
            "POST",
            "/devices/me/health",
            {"status": status, "detail": dict(detail or {})},
            key=idempotency_key,
        )

    # --- tickets --------------------------------------------------------------

    def issue(
        self,
        service: str,
        preferential: str | None = None,
        appointment: Appointment | Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Issue a ticket; answers the ticket, people ahead, estimate and signed code."""
        body: dict[str, Any] = {"service": service, "preferential": preferential}
        if isinstance(appointment, Appointment):
            body["appointment"] = appointment.to_json()
        elif appointment is not None:
            body["appointment"] = {
                k: v.isoformat() if isinstance(v, datetime) else v for k, v in appointment.items()
            }
        return self._write("POST", "/tickets", body, key=idempotency_key)

    def lookup(self, number: str) -> dict[str, Any]:
        """Today's ticket by its number, e.g. R-023."""
        return self._get("/tickets/lookup", {"number": number})

    def ticket(self, ticket_id: int) -> dict[str, Any]:
        """One ticket by id."""
        return self._get(f"/tickets/{int(ticket_id)}")

    def cancel(
        self, ticket_id: int, reason: str, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Cancel a waiting or called ticket with a reason (e.g. print_failed)."""
        return self._write(
            "POST", f"/tickets/{int(ticket_id)}/cancel", {"reason": reason}, key=idempotency_key
        )

    def reactivate(self, ticket_id: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Put a no-show or cancelled ticket back in its queue."""
        return self._write("POST", f"/tickets/{int(ticket_id)}/reactivate", key=idempotency_key)

    def transfer(
        self,
        ticket_id: int,
        service: str,
        note: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Reception sends a citizen to another service; answers the new ticket."""
        return self._write(
            "POST",
            f"/tickets/{int(ticket_id)}/transfer",
            {"service": service, "note": note},
            key=idempotency_key,
        )

    def verify(self, code: str) -> dict[str, Any]:
        """Check the signed code read from a ticket's QR."""
        return self._write("POST", "/tickets/verify", {"code": code})

    # --- modules ---------------------------------------------------------------

    def modules(self) -> list[dict[str, Any]]:
        """Every module with its advisor, state and current ticket."""
        return self._get("/modules")

    def _module(
        self, method: str, number: int, action: str, body: Any = None, key: str | None = None
    ) -> dict[str, Any]:
        return self._write(method, f"/modules/{int(number)}/{action}", body, key=key)

    def open_module(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """The advisor takes the module."""
        return self._module("POST", number, "session", key=idempotency_key)

    def leave_module(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """The advisor leaves the module."""
        return self._module("DELETE", number, "session", key=idempotency_key)

    def close_module(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """A supervisor closes a module."""
        return self._module("POST", number, "close", key=idempotency_key)

    def call_next(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Call the next citizen to the module; answers the called ticket."""
        return self._module("POST", number, "call-next", key=idempotency_key)

    def call(
        self, number: int, ticket_id: int, reason: str, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Call a given ticket out of order, with the reason."""
        return self._module(
            "POST",
            number,
            "call",
            {"ticket_id": int(ticket_id), "reason": reason},
            key=idempotency_key,
        )

    def recall(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Call the module's current ticket again."""
        return self._module("POST", number, "recall", key=idempotency_key)

    def start(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Start serving the citizen who came."""
        return self._module("POST", number, "start", key=idempotency_key)

    def finish(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Finish the attention."""
        return self._module("POST", number, "finish", key=idempotency_key)

    def no_show(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """The called citizen did not come."""
        return self._module("POST", number, "no-show", key=idempotency_key)

    def return_to_queue(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Put the module's called ticket back in its queue."""
        return self._module("POST", number, "return", key=idempotency_key)

    def module_transfer(
        self,
        number: int,
        ticket_id: int,
        service: str,
        note: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Transfer the module's current ticket to another service; answers the new ticket."""
        return self._module(
            "POST",
            number,
            "transfer",
            {"ticket_id": int(ticket_id), "service": service, "note": note},
            key=idempotency_key,
        )

    def pause(
        self,
        number: int,
        reason: str,
        note: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Pause the module: refrigerio, capacitacion, soporte_tecnico or otro (with a note)."""
        return self._module(
            "POST", number, "pause", {"reason": reason, "note": note}, key=idempotency_key
        )

    def resume(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """End the module's pause."""
        return self._module("POST", number, "resume", key=idempotency_key)

    # --- appointments ----------------------------------------------------------

    def check_in(
        self,
        *,
        dni: str | None = None,
        code: str | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Check in today's appointment by DNI or booking code (exactly one); answers the ticket.

        The DNI travels only in this request's body: it is never logged here.
        """
        if (dni is None) == (code is None):
            raise ValueError("give either a DNI or a booking code")
        body = {"dni": dni} if dni is not None else {"code": code}
        return self._write("POST", "/appointments/check-in", body, key=idempotency_key)

    # --- supervisor's monitor: devices and the PCM sync ------------------------

    def devices(self) -> list[dict[str, Any]]:
        """Every paired kiosk and call screen: connected now, last seen, last health report."""
        return self._get("/devices")

    def sync_status(self) -> dict[str, Any]:
        """The PCM sync: last successful upload, backlog of events, last error (Spanish)."""
        return self._get("/sync/status")

    def pair_status(self) -> dict[str, Any]:
        """Pair mode: this server's role, the standby, the lag and their judgement (`health`).

        `{"mode": "single", ...}` on a centre with one server. No login needed.
        """
        return self.request("GET", "/pair", authenticated=False).data
