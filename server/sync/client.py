"""The centre's HTTP client of the PCM API (contract: docs/pcm-openapi.yaml)."""

from __future__ import annotations

import json
import ssl
from datetime import date
from typing import Any

import httpx

from macturnos.messages import message


class PcmError(Exception):
    """A failed exchange with the PCM; `message` is the Spanish reason for the monitor."""

    def __init__(self, code: str, status: int | None = None) -> None:
        self.code = code
        self.status = status
        self.message = message(code, estado=status)
        super().__init__(f"{code} ({status})" if status else code)


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
        self.base = f"{endpoint.rstrip('/')}/centres/{centre}"
        self.centre = centre
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout_s),
            verify=verify,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self._http.request(method, f"{self.base}{path}", **kwargs)
        except httpx.TimeoutException as err:
            raise PcmError("SYNC_TIMEOUT") from err
        except httpx.HTTPError as err:
            raise PcmError("SYNC_UNREACHABLE") from err
        status = response.status_code
        if status in (401, 403):
            raise PcmError("SYNC_REJECTED_CREDENTIALS", status)
        if status == 413:
            raise PcmError("SYNC_REJECTED_BATCH", status)
        if status >= 500:
            raise PcmError("SYNC_SERVER_ERROR", status)
        if status >= 400:
            raise PcmError("SYNC_REJECTED_BATCH", status)
        try:
            body = response.json()
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
        return rows

    def catalogue(self) -> dict[str, Any]:
        """The catalogue version published for the centre and its sections."""
        body = self._request("GET", "/catalogue")
        if not isinstance(body.get("sections", {}), dict):
            raise PcmError("SYNC_BAD_ANSWER")
        return body
