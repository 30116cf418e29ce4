"""Finding the turn server: a configured address wins, else zeroconf on the LAN.

The server announces `_macturnos._tcp.local.` with TXT keys centre, api, role
and version (see `macturnos.server.discovery`); a client keeps the servers of
its centre that speak its API version, primaries first.

A centre with two machines (pair mode) configures both addresses, separated by
a comma: the client asks each one's /health and takes the primary's server,
else any that answers (both serve the whole centre); the HTTP client keeps the
other address to go on with when this one fails (`client.http`).
"""

from __future__ import annotations

import logging
import queue
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from zeroconf import InterfaceChoice, IPVersion, ServiceBrowser, ServiceStateChange, Zeroconf

from macturnos import API_VERSION
from macturnos.client import messages as msg
from macturnos.client.errors import ClientError, ServerUnreachable
from macturnos.messages import t

log = logging.getLogger("macturnos.client.discovery")

SERVICE_TYPE = "_macturnos._tcp.local."
# Once a primary of the wanted centre answered, wait this much longer for others
# (a standby, a second interface) instead of the whole browse time.
_GRACE_S = 0.3
_RESOLVE_TIMEOUT_MS = 1000
# Order of roles in the answer: the primary first, then anything else.
_ROLE_RANK = {"primary": 0, "standby": 1}
# How long each configured address has to answer /health when there are several.
_HEALTH_TIMEOUT_S = 1.5


@dataclass(frozen=True)
class ServerAddress:
    """Where a turn server listens, with what its announcement said about it."""

    host: str
    port: int
    centre: str | None = None
    role: str = "primary"
    api: str = API_VERSION

    @property
    def base_url(self) -> str:
        """The HTTP root, e.g. http://192.168.1.10:8470."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def events_url(self) -> str:
        """The WebSocket of live events."""
        return "ws" + self.base_url.removeprefix("http") + "/api/v1/events"


def address_from_url(url: str, centre: str | None = None) -> ServerAddress:
    """A configured server URL (http://host:port) as a ServerAddress."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ClientError(t(msg.SERVER_URL_INVALID, url=url))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as err:
        raise ClientError(t(msg.SERVER_URL_INVALID, url=url)) from err
    return ServerAddress(parts.hostname, port, centre, role="configured")


def configured_addresses(urls: str, centre: str | None = None) -> list[ServerAddress]:
    """The configured server addresses: one URL, or several separated by commas."""
    found = [address_from_url(part, centre) for part in urls.replace(",", " ").split()]
    if not found:
        raise ClientError(t(msg.SERVER_URL_INVALID, url=urls))
    return list(dict.fromkeys(found))


def _health_role(address: ServerAddress, timeout_s: float) -> str | None:
    """The role a turn server says it has (None when it does not answer as healthy)."""
    try:
        resp = httpx.get(f"{address.base_url}/api/v1/health", timeout=timeout_s, trust_env=False)
    except httpx.HTTPError:
        return None
    if resp.status_code != 200:
        return None
    try:
        body = resp.json()
    except ValueError:
        return None
    role = body.get("role") if isinstance(body, dict) else None
    return role if isinstance(role, str) and role else "primary"


def choose_configured(
    urls: str, centre: str | None = None, timeout_s: float = _HEALTH_TIMEOUT_S
) -> ServerAddress:
    """Of the configured addresses, the primary's server, else one that answers, else the first.

    With one address, that one (without asking: the caller's retries handle a
    server still starting).
    """
    addresses = configured_addresses(urls, centre)
    if len(addresses) == 1:
        return addresses[0]
    answering: list[ServerAddress] = []
    for address in addresses:
        role = _health_role(address, timeout_s)
        if role is None:
            continue
        found = ServerAddress(address.host, address.port, centre, role=role)
        if role == "primary":
            return found
        answering.append(found)
    if answering:
        return answering[0]
    log.info("no configured server answers yet; starting with %s", addresses[0].base_url)
    return addresses[0]


def _text(props: dict[str, Any], key: str) -> str | None:
    value = props.get(key)
    return value if isinstance(value, str) and value else None


def _rank(address: ServerAddress) -> tuple[int, str, int]:
    return (_ROLE_RANK.get(address.role, 2), address.host, address.port)


def browse(
    centre: str | None = None, timeout_s: float = 3.0, interfaces: list[str] | None = None
) -> list[ServerAddress]:
    """Turn servers announced on the LAN (of `centre`, if given), primaries first.

    Servers speaking another API version are left out. Browsing lasts at most
    `timeout_s`; it ends earlier once a primary of the centre has answered. A
    network without multicast yields an empty list, never an exception.
    """
    found: dict[tuple[str, int], ServerAddress] = {}
    names: queue.Queue[str] = queue.Queue()

    def on_change(
        zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange
    ) -> None:
        # Runs on zeroconf's own thread, which must not block: resolve outside.
        if state_change in (ServiceStateChange.Added, ServiceStateChange.Updated):
            names.put(name)

    try:
        zc = Zeroconf(
            interfaces=interfaces if interfaces else InterfaceChoice.All,
            ip_version=IPVersion.V4Only,
        )
    except OSError as err:
        log.warning("zeroconf unavailable, no discovery: %s", err)
        return []
    browser: ServiceBrowser | None = None
    try:
        browser = ServiceBrowser(zc, SERVICE_TYPE, handlers=[on_change])
        deadline = time.monotonic() + timeout_s
        primary_at: float | None = None
        while True:
            now = time.monotonic()
            end = deadline if primary_at is None else min(deadline, primary_at + _GRACE_S)
            if now >= end:
                break
            try:
                name = names.get(timeout=end - now)
            except queue.Empty:
                break
            for address in _resolve_name(zc, name, centre):
                found[(address.host, address.port)] = address
                if address.role == "primary" and primary_at is None:
                    primary_at = time.monotonic()
    finally:
        if browser is not None:
            browser.cancel()
        zc.close()
    return sorted(found.values(), key=_rank)


def _resolve_name(zc: Zeroconf, name: str, centre: str | None) -> list[ServerAddress]:
    info = zc.get_service_info(SERVICE_TYPE, name, timeout=_RESOLVE_TIMEOUT_MS)
    if info is None or info.port is None:
        log.info("announcement %s could not be resolved", name)
        return []
    props = info.decoded_properties
    their_centre = _text(props, "centre")
    api = _text(props, "api") or ""
    role = _text(props, "role") or "primary"
    if centre is not None and their_centre != centre:
        return []
    if api != API_VERSION:
        log.warning("server %s speaks API %r, this client %r: ignored", name, api, API_VERSION)
        return []
    return [
        ServerAddress(host, info.port, their_centre, role, api)
        for host in info.parsed_addresses(IPVersion.V4Only)
    ]


def resolve(
    configured_url: str | None,
    centre: str | None,
    *,
    timeout_s: float = 3.0,
    interfaces: list[str] | None = None,
) -> ServerAddress:
    """The server to use: the configured URL(s) if any, else the primary discovered.

    Raises ServerUnreachable (with a Spanish message) when discovery finds none.
    """
    if configured_url:
        return choose_configured(configured_url, centre)
    # A standby copies the primary and takes no writes: only a primary will do.
    servers = [a for a in browse(centre, timeout_s, interfaces) if a.role == "primary"]
    if not servers:
        text = (
            t(msg.SERVER_NOT_FOUND_FOR_CENTRE, centre=centre) if centre else t(msg.SERVER_NOT_FOUND)
        )
        raise ServerUnreachable(text, detail=f"no {SERVICE_TYPE} announcement for {centre!r}")
    log.info("using server %s (%s) of centre %s", servers[0].base_url, servers[0].role, centre)
    return servers[0]
