"""The internet probe: can the server reach the PCM over HTTPS, past any captive portal?

It trusts what the sync trusts (`pcm_ssl_context`: the centre file's `pcm.ca_file`,
else the default authorities). A plain-HTTP endpoint is probed only on this
machine (a lab or the demo, as the centre file allows) and the result says the
link is not encrypted; any other plain-HTTP address fails, it never raises.

It lives with the server, not in the hardware layer: it speaks HTTP (httpx), and
the hardware layer only speaks to devices. It returns the hardware layer's
`ProbeResult` so the checklist reads every probe the same way.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from os import PathLike
from typing import Any
from urllib.parse import urlsplit

import httpx

from macturnos.hardware.probes import ProbeResult, ProbeState, probe_result, run_bounded
from macturnos.messages import N_, _
from macturnos.server.sync.tls import pcm_ssl_context

_MAX_BODY_BYTES = 64 * 1024

NET_OK = N_("Hay conexión a internet ({host})")
NET_SLOW = N_("Hay conexión a internet, pero es lenta ({seconds:.1f} s)")
NET_DNS_FAILED = N_("No se pudo resolver el nombre {host} (DNS)")
NET_DNS_ONLY = N_("El DNS responde, pero no hay conexión HTTPS con {host}")
NET_TLS_FAILED = N_("El certificado de {host} no es válido: posible portal cautivo")
NET_REDIRECTED = N_("La conexión fue redirigida a otra página: posible portal cautivo")
NET_UNEXPECTED_STATUS = N_("Respuesta inesperada de {host} (código {status})")
NET_UNEXPECTED_CONTENT = N_("Respuesta inesperada de {host}: posible portal cautivo")
NET_TIMEOUT = N_("Tiempo agotado al comprobar la conexión a internet")
NET_NOT_HTTPS = N_("La dirección de comprobación debe empezar con https://")
NET_PLAIN_LOCAL = N_(
    "Conexión sin cifrar con {host} (http://): solo para un laboratorio o una demostración"
)


@dataclass(frozen=True)
class _Answer:
    """What the HTTPS GET brought back (the body only up to `_MAX_BODY_BYTES`)."""

    status_code: int
    is_redirect: bool
    location: str
    body: bytes


def probe_internet(
    url: str,
    timeout_s: float = 5.0,
    *,
    expect_text: str | None = None,
    ca_file: str | PathLike[str] | None = None,
    slow_after_s: float | None = None,
) -> ProbeResult:
    """Resolve the host, then GET the HTTPS URL with a verified certificate and no redirects.

    OK needs a 2xx answer (containing expect_text, when given) from the real
    host: a redirect, a certificate error or another page is a captive portal,
    and a name that resolves without an HTTPS answer is not internet. A
    plain-HTTP URL on this machine's loopback is probed and answered as a
    warning (not encrypted: a lab or the demo); raises ValueError for any other
    URL that is not https (`probe_pcm` turns that into a failed result).
    """
    parts = urlsplit(url)
    plain = parts.scheme == "http" and is_loopback(parts.hostname)
    if not parts.hostname or not (parts.scheme == "https" or plain):
        raise ValueError(_(NET_NOT_HTTPS))
    host = parts.hostname
    port = parts.port or (80 if plain else 443)
    deadline = time.monotonic() + timeout_s
    slow = timeout_s / 2 if slow_after_s is None else slow_after_s

    def work() -> ProbeResult:
        started = time.monotonic()
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            reason = _(NET_DNS_FAILED).format(host=host)
            return probe_result(ProbeState.FAIL, reason, url=url, step="dns", error=str(exc))
        addresses = sorted({str(info[4][0]) for info in infos})
        try:
            answer = _get(url, ca_file, max(0.001, deadline - time.monotonic()))
        except httpx.HTTPError as exc:
            return _http_failure(exc, url, host, addresses)
        elapsed = time.monotonic() - started
        detail: dict[str, Any] = {
            "url": url,
            "addresses": addresses,
            "status_code": answer.status_code,
            "elapsed_s": round(elapsed, 3),
        }
        verdict = _judge(answer, host, detail, expect_text, slow=elapsed > slow)
        if plain and verdict.state is not ProbeState.FAIL:
            # Reachable, but nothing is verified: a lab's link, never a centre's.
            reason = _(NET_PLAIN_LOCAL).format(host=host)
            return probe_result(ProbeState.WARNING, reason, plain_http=True, **detail)
        return verdict

    return run_bounded(
        work,
        timeout_s,
        lambda: probe_result(ProbeState.FAIL, _(NET_TIMEOUT), url=url, step="timeout"),
    )


def probe_pcm(
    endpoint: str, ca_file: str | PathLike[str] | None, timeout_s: float = 5.0
) -> ProbeResult:
    """The checklist's internet probe of the centre's PCM endpoint: never raises.

    An address the probe refuses (plain HTTP off this machine) is a failed item,
    not a server error: the checklist must always answer.
    """
    try:
        return probe_internet(endpoint, timeout_s, ca_file=ca_file)
    except ValueError as exc:
        return probe_result(ProbeState.FAIL, str(exc), url=endpoint, step="url")


def is_loopback(host: str | None) -> bool:
    """True for this machine's own names and addresses (localhost, 127.0.0.0/8, ::1)."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _get(url: str, ca_file: str | PathLike[str] | None, timeout_s: float) -> _Answer:
    """GET `url` with a verified certificate (the sync's trust), never following a redirect."""
    context = pcm_ssl_context(ca_file)
    with httpx.Client(
        verify=context, timeout=httpx.Timeout(timeout_s), follow_redirects=False
    ) as client:
        with client.stream("GET", url) as response:
            body = b""
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) >= _MAX_BODY_BYTES:
                    break
    return _Answer(
        status_code=response.status_code,
        is_redirect=response.is_redirect,
        location=response.headers.get("location", ""),
        body=body,
    )


def _http_failure(exc: httpx.HTTPError, url: str, host: str, addresses: list[str]) -> ProbeResult:
    """No HTTPS answer: a certificate error (a captive portal) or no connection at all."""
    if _caused_by(exc, ssl.SSLCertVerificationError):
        reason = _(NET_TLS_FAILED).format(host=host)
        step = "tls"
    else:
        reason = _(NET_DNS_ONLY).format(host=host)
        step = "https"
    return probe_result(
        ProbeState.FAIL,
        reason,
        url=url,
        step=step,
        addresses=addresses,
        error=type(exc).__name__,
    )


def _judge(
    answer: _Answer, host: str, detail: dict[str, Any], expect_text: str | None, *, slow: bool
) -> ProbeResult:
    """The verdict on an HTTPS answer: redirected, unexpected, slow or OK."""
    if answer.is_redirect or 300 <= answer.status_code < 400:
        detail["location"] = answer.location
        return probe_result(ProbeState.FAIL, _(NET_REDIRECTED), step="http", **detail)
    if not 200 <= answer.status_code < 300:
        reason = _(NET_UNEXPECTED_STATUS).format(host=host, status=answer.status_code)
        return probe_result(ProbeState.WARNING, reason, step="http", **detail)
    if expect_text is not None and expect_text.encode() not in answer.body:
        reason = _(NET_UNEXPECTED_CONTENT).format(host=host)
        return probe_result(ProbeState.FAIL, reason, step="content", **detail)
    if slow:
        seconds = detail["elapsed_s"]
        return probe_result(ProbeState.WARNING, _(NET_SLOW).format(seconds=seconds), **detail)
    return probe_result(ProbeState.OK, _(NET_OK).format(host=host), **detail)


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
