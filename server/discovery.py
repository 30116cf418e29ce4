"""Announcing the turn server on the LAN with zeroconf (mDNS/DNS-SD).

Kiosks, call screens and counters browse `_macturnos._tcp.local.` and pick the
server of their centre from the TXT record (centre code, API version, role).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import socket
from types import TracebackType

import ifaddr
from zeroconf import IPVersion, ServiceInfo
from zeroconf.asyncio import AsyncZeroconf

from macturnos import API_VERSION, __version__

SERVICE_TYPE = "_macturnos._tcp.local."
log = logging.getLogger("macturnos.discovery")


def lan_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces, loopback excluded."""
    out = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str):
                addr = ipaddress.ip_address(ip.ip)
                if not addr.is_loopback and not addr.is_link_local:
                    out.append(ip.ip)
    return out


def service_info(
    centre: str,
    port: int,
    addresses: list[str],
    *,
    role: str = "primary",
    instance: str | None = None,
) -> ServiceInfo:
    """The DNS-SD record of this server."""
    instance = instance or f"{centre}-{socket.gethostname()}"
    return ServiceInfo(
        SERVICE_TYPE,
        f"{instance}.{SERVICE_TYPE}",
        port=port,
        addresses=[socket.inet_aton(a) for a in addresses],
        properties={"centre": centre, "api": API_VERSION, "role": role, "version": __version__},
        server=f"{instance}.local.",
    )


class Advertiser:
    """An async context manager that keeps the server announced while it runs."""

    def __init__(self, info: ServiceInfo, interfaces: list[str] | None = None) -> None:
        self.info = info
        self.interfaces = interfaces
        self._zc: AsyncZeroconf | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def set_role(self, role: str) -> None:
        """Announce a new role (pair mode, after a failover); callable from any thread."""
        props = {k.decode(): (v.decode() if v else "") for k, v in self.info.properties.items()}
        if props.get("role") == role:
            return
        props["role"] = role
        self.info = ServiceInfo(
            self.info.type, self.info.name, port=self.info.port,
            addresses=self.info.addresses, properties=props, server=self.info.server,
        )  # fmt: skip
        loop, zc = self._loop, self._zc
        if loop is None or zc is None:
            return  # not announced (yet): __aenter__ registers the new record
        info = self.info
        with contextlib.suppress(RuntimeError):  # the loop closed while shutting down
            asyncio.run_coroutine_threadsafe(zc.async_update_service(info), loop)
        log.info("announced role %s", role)

    async def __aenter__(self) -> Advertiser:
        self._loop = asyncio.get_running_loop()
        try:
            if self.interfaces:
                self._zc = AsyncZeroconf(interfaces=self.interfaces, ip_version=IPVersion.V4Only)
            else:
                self._zc = AsyncZeroconf(ip_version=IPVersion.V4Only)
            await self._zc.async_register_service(self.info, allow_name_change=True)
            log.info("announced as %s", self.info.name)
        except OSError as err:  # no multicast on this network: clients use the address
            log.warning("zeroconf announcement failed: %s", err)
            self._zc = None
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._zc is not None:
            await self._zc.async_unregister_service(self.info)
            await self._zc.async_close()
