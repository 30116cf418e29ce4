"""A lean keep-alive HTTP client for the load generator (aiohttp underneath).

The bench measures the server from the client side, so the client's own cost
ends up in every figure. httpx's asynchronous client spent about 3 ms of the
bench's CPU per request on this machine (more than the server's own work on
an issue); aiohttp's C parser spends a fraction of that. This wrapper keeps
the small surface the bench uses: `post`, `get`, and replies with
`status_code`, `text` and `json()`.
"""

from __future__ import annotations

import json
from typing import Any

import aiohttp


class TransportError(Exception):
    """No answer: the connection failed, closed, or the request timed out."""


class Reply:
    """An HTTP answer, read whole."""

    def __init__(self, status_code: int, body: bytes) -> None:
        self.status_code = status_code
        self.content = body

    @property
    def text(self) -> str:
        """The body as text."""
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.content)


class HttpClient:
    """Keep-alive connections to one server; use as `async with HttpClient(...)`."""

    def __init__(self, base_url: str, *, max_connections: int, timeout_s: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._max = max_connections
        self._timeout_s = timeout_s
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> HttpClient:
        connector = aiohttp.TCPConnector(limit=self._max, keepalive_timeout=60)
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(total=self._timeout_s),
            trust_env=False,
        )
        return self

    async def __aexit__(self, *_exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> Reply:
        if self._session is None:
            raise TransportError("client not open")
        data = None
        hdrs = dict(headers or {})
        if json_body is not None:
            data = json.dumps(json_body).encode()
            hdrs["Content-Type"] = "application/json"
        kwargs: dict[str, Any] = {"data": data, "headers": hdrs}
        if timeout is not None:
            kwargs["timeout"] = aiohttp.ClientTimeout(total=timeout)
        try:
            async with self._session.request(method, self.base_url + path, **kwargs) as resp:
                return Reply(resp.status, await resp.read())
        except (TimeoutError, aiohttp.ClientError) as err:
            raise TransportError(f"{type(err).__name__}: {err}") from err

    async def post(
        self,
        path: str,
        json: Any = None,  # noqa: A002 - the same keyword as httpx and requests
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> Reply:
        """POST a JSON body (or none)."""
        return await self._request("POST", path, json_body=json, headers=headers, timeout=timeout)

    async def get(
        self, path: str, headers: dict[str, str] | None = None, timeout: float | None = None
    ) -> Reply:
        """GET a resource."""
        return await self._request("GET", path, headers=headers, timeout=timeout)
