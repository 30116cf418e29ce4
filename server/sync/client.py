"""The centre's HTTP client of the PCM API (contract: docs/pcm-openapi.yaml)."""

from __future__ import annotations

import json
import ssl
from datetime import date
from typing import Any

import httpx

from macturnos.messages import message, size_text

MAX_DOWNLOAD_BYTES = 4 * 1024 * 1024
"""The largest answer a download may be; a day's appointments of a large centre take ~0.5 MB."""
MAX_APPOINTMENTS = 5_000
"""The most appointments a centre takes in one day; more is a PCM error, not a busy day."""

LINK_DOWN = frozenset({"SYNC_UNREACHABLE", "SYNC_TIMEOUT", "SYNC_SERVER_ERROR"})
"""Failures of the link itself: the sync probes the link and resumes the moment it answers."""
DATA_PROBLEMS = frozenset(
    {"SYNC_BAD_APPOINTMENTS", "SYNC_DOWNLOAD_TOO_LARGE", "SYNC_BAD_CATALOGUE_VERSION"}
)
"""The PCM answered, but with data the centre cannot use: retrying sooner changes nothing."""


class PcmError(Exception):
    """A failed exchange with the PCM; `message` is the Spanish reason for the monitor."""

    def __init__(self, code: str, status: int | None = None, **fields: object) -> None:
        self.code = code
        self.status = status
        self.message = message(code, estado=status, **fields)
        super().__init__(f"{code} ({status})" if status else code)

    @property
    def link_down(self) -> bool:
        """Whether the link failed (as opposed to a refusal or unusable data)."""
        return self.code in LINK_DOWN

    @property
    def data_problem(self) -> bool:
        """Whether the PCM answered with data the centre cannot use."""
        return self.code in DATA_PROBLEMS


class PcmClient:
    """Talks to one PCM endpoint with the centre's credential."""

    def __init__(
        self,
        endpoint: str,
        centre: str,
        token: str,
        *,
        timeout_s: float = 10.0,
        verify: bool | str | ssl.SSLContext = True,
    ) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.base = f"{self.endpoint}/centres/{centre}"
        self.centre = centre
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout_s),
            verify=verify,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def answers(self, timeout_s: float) -> bool:
        """Whether the PCM answers at all (its unauthenticated health route, one short try).

        Cheap enough to ask every second or two while the link is down, so the
        backlog starts the moment the PCM is back rather than at the next backoff.
        """
        try:
            response = self._http.get(f"{self.endpoint}/health", timeout=timeout_s)
        except httpx.HTTPError:
            return False
        return response.status_code < 500

    def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            with self._http.stream(method, f"{self.base}{path}", **kwargs) as response:
                status = response.status_code
                content = _capped_body(response) if status < 400 else b""
        except httpx.TimeoutException as err:
            raise PcmError("SYNC_TIMEOUT") from err
        except httpx.HTTPError as err:
            raise PcmError("SYNC_UNREACHABLE") from err
        if status in (401, 403):
            raise PcmError("SYNC_REJECTED_CREDENTIALS", status)
        if status == 409:
            raise PcmError("SYNC_SEQ_CONFLICT", status)
        if status == 413:
            raise PcmError("SYNC_REJECTED_BATCH", status)
        if status >= 500:
            raise PcmError("SYNC_SERVER_ERROR", status)
        if status >= 400:
            raise PcmError("SYNC_REJECTED_BATCH", status)
        try:
            body = json.loads(content)
        except ValueError as err:
            raise PcmError("SYNC_BAD_ANSWER", status) from err
        if not isinstance(body, dict):
            raise PcmError("SYNC_BAD_ANSWER", status)
        return body

    def post_events(self, after: int, events: list[dict[str, Any]]) -> int:
        """Send the events with seq in (after, last]; returns the PCM's acknowledged seq."""
        payload = json.dumps(
            {"centre": self.centre, "after": after, "events": events},
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode()
        body = self._request(
            "POST", "/events", content=payload, headers={"Content-Type": "application/json"}
        )
        ack = body.get("acknowledged_seq")
        if not isinstance(ack, int) or isinstance(ack, bool) or ack < 0:
            raise PcmError("SYNC_BAD_ANSWER")
        return ack

    def appointments(self, day: date) -> list[dict[str, Any]]:
        """The centre's appointments of `day`."""
        body = self._request("GET", "/appointments", params={"day": day.isoformat()})
        rows = body.get("appointments")
        if not isinstance(rows, list):
            raise PcmError("SYNC_BAD_ANSWER")
        if len(rows) > MAX_APPOINTMENTS:
            raise PcmError("SYNC_DOWNLOAD_TOO_LARGE", limite=f"{MAX_APPOINTMENTS} citas")
        return rows

    def catalogue(self) -> dict[str, Any]:
        """The catalogue version published for the centre and its sections."""
        body = self._request("GET", "/catalogue")
        if not isinstance(body.get("sections", {}), dict):
            raise PcmError("SYNC_BAD_ANSWER")
        return body


def _capped_body(response: httpx.Response) -> bytes:
    """The answer's body, refused past `MAX_DOWNLOAD_BYTES` (read no further than that)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_DOWNLOAD_BYTES:
        raise PcmError("SYNC_DOWNLOAD_TOO_LARGE", limite=size_text(MAX_DOWNLOAD_BYTES))
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > MAX_DOWNLOAD_BYTES:
            raise PcmError("SYNC_DOWNLOAD_TOO_LARGE", limite=size_text(MAX_DOWNLOAD_BYTES))
    return bytes(body)
