"""The transport of the turn server's /api/v1: requests, retries, idempotency keys, answers.

Every state-changing request carries an `Idempotency-Key`; a request retried
after a network error reuses its key, so a lost answer or a double click never
acts twice. Errors reach the app only as `ClientError` subclasses with a
Spanish message, never as raw httpx exceptions.

A centre with two machines (pair mode) gives its clients both addresses
("http://a:8470,http://b:8470"): a client that cannot reach one, or that one
answers 503 (its database is changing hands), goes on with the other by
itself. A 503 with Retry-After is waited out as the server asks, within a
bounded time, so a failover of a few seconds reaches staff as a short wait.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

import httpx

from macturnos import __version__
from macturnos.client import messages as msg
from macturnos.client.errors import ApiRefusal, ClientError, ServerFault, ServerUnreachable
from macturnos.messages import t

# The logger keeps the name it had before the transport left api.py, so log
# settings and filters that name it keep working.
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
# How long a request keeps waiting out 503 answers that carry Retry-After (a
# failover takes seconds), and the longest single wait honoured.
DEFAULT_UNAVAILABLE_WAIT_S = 30.0
MAX_RETRY_AFTER_S = 5.0
# After a 503, an address that could not be reached this recently is not tried.
UNREACHABLE_FOR_S = 10.0


def new_idempotency_key() -> str:
    """A fresh key naming one user action (pass it again to repeat the same action)."""
    return uuid.uuid4().hex


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


def split_server_urls(urls: str) -> list[str]:
    """The addresses of a configured server setting: one URL, or several separated by commas."""
    found: list[str] = []
    for part in urls.replace(",", " ").split():
        url = _normalise_base_url(part)
        if url not in found:
            found.append(url)
    if not found:
        raise ClientError(t(msg.SERVER_URL_INVALID, url=urls))
    return found


def _retry_after_s(resp: httpx.Response) -> float | None:
    """The seconds of a Retry-After header given in seconds (None if absent or a date)."""
    value = resp.headers.get("Retry-After", "").strip()
    try:
        seconds = float(value)
    except ValueError:
        return None
    return max(0.0, seconds)


def _key_or_new(key: str | None) -> str:
    if key is None:
        return new_idempotency_key()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValueError(f"an idempotency key must have 1 to {MAX_KEY_LENGTH} characters")
    return key


class HttpClient:
    """A thread-safe transport to the turn server's HTTP API with bounded timeouts and retries."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff_s: float = DEFAULT_BACKOFF_S,
        unavailable_wait_s: float = DEFAULT_UNAVAILABLE_WAIT_S,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if retries < 0:
            raise ValueError("retries must not be negative")
        self._lock = threading.Lock()
        self._urls = split_server_urls(base_url)
        """The server's addresses, the one in use first."""
        self._unreachable_at: dict[str, float] = {}
        """When each address last failed to connect."""
        self._token = token
        self.role: str | None = None
        self.user: dict[str, Any] | None = None
        self.retries = retries
        self.backoff_s = backoff_s
        self.unavailable_wait_s = unavailable_wait_s
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
        """The root URL of the server in use, e.g. http://192.168.1.10:8470."""
        with self._lock:
            return self._urls[0]

    @base_url.setter
    def base_url(self, url: str) -> None:
        """Use `url` now; several (comma-separated) replace the known addresses."""
        urls = split_server_urls(url)
        with self._lock:
            if len(urls) > 1:
                self._urls = urls
            else:
                # One address (e.g. found by discovery): in use now, the others kept.
                self._urls = urls + [u for u in self._urls if u != urls[0]]

    @property
    def server_urls(self) -> list[str]:
        """Every known address of the centre's turn servers, the one in use first."""
        with self._lock:
            return list(self._urls)

    def _next_server(self, *, avoid_failed: bool = False) -> bool:
        """Go on with the next known address; False when there is no other.

        `avoid_failed`: skip addresses that could not be reached a moment ago (a
        machine that is off costs a whole connect timeout each time).
        """
        now = time.monotonic()
        with self._lock:
            for _ in range(len(self._urls) - 1):
                self._urls = self._urls[1:] + self._urls[:1]
                failed = self._unreachable_at.get(self._urls[0])
                if not avoid_failed or failed is None or now - failed > UNREACHABLE_FOR_S:
                    log.info("switching to the turn server at %s", self._urls[0])
                    return True
            if len(self._urls) > 1:
                self._urls = self._urls[1:] + self._urls[:1]  # back where it was
            return False

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

    def __enter__(self) -> Self:
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
        # Each address gets the retries: with two machines, a dead one costs one try.
        allowed = self.retries + (len(self.server_urls) - 1) * (self.retries + 1)
        unavailable_until: float | None = None
        waiting: set[str] = set()  # addresses that answered 503 since the last wait
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
                with self._lock:
                    self._unreachable_at[self._urls[0]] = time.monotonic()
                if attempt < allowed and (never_sent or replay_safe):
                    log.info("%s %s failed (%s), retrying", method, path, type(err).__name__)
                    if not self._next_server() or attempt >= len(self.server_urls) - 1:
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
            if resp.status_code in RETRY_STATUSES and replay_safe:
                wait = _retry_after_s(resp)
                now = time.monotonic()
                if unavailable_until is None:
                    unavailable_until = now + self.unavailable_wait_s
                if wait is not None and now + min(wait, MAX_RETRY_AFTER_S) <= unavailable_until:
                    # The server says when to come back (its database is changing hands):
                    # the other machine may already reach the new primary.
                    log.info("%s %s: %d, retrying in %.1f s", method, path, resp.status_code, wait)
                    waiting.add(self.base_url)
                    if not self._next_server(avoid_failed=True) or self.base_url in waiting:
                        # Every address asked to wait: wait as asked.
                        time.sleep(min(wait, MAX_RETRY_AFTER_S))
                        waiting.clear()
                    # Bounded by the wait above; a reachable server resets the count.
                    attempt = 0
                    continue
                if wait is None and attempt < self.retries:
                    self._next_server()
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
            # A gateway's answer (the turn server itself is down or restarting), or
            # the turn server's own 503 with its Spanish reason (no database now).
            reason = message if isinstance(error, dict) and error.get("message") else None
            raise ServerUnreachable(reason, detail=f"HTTP {status} {code}")
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
