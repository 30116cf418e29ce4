"""The TLS trust of the PCM link: one SSL context for the sync and the checklist's probe.

Both talk to the same PCM endpoint, so both must trust the same authorities: a
PCM certified by a private CA (`pcm.ca_file`) that the sync reaches must not make
the internet probe cry "captive portal" and keep the centre closed (issue 16,
item 6).
"""

from __future__ import annotations

import ssl
from os import PathLike

import httpx


def pcm_ssl_context(ca_file: str | PathLike[str] | None) -> ssl.SSLContext:
    """The SSL context that verifies the PCM: the configured CA bundle, else httpx's default.

    httpx's default honours SSL_CERT_FILE / SSL_CERT_DIR, then falls back to
    certifi's bundle; a `ca_file` replaces both (a private authority).
    """
    if ca_file is not None:
        return ssl.create_default_context(cafile=str(ca_file))
    return httpx.create_ssl_context()
