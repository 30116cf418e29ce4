"""Free TCP ports for the servers and clusters the benchmarks and tests start.

A port found by binding to port 0 comes from the kernel's ephemeral range, the
same range every outgoing connection takes its local port from: between the
check and the server's own bind, a client connection elsewhere on the machine
can take it ("address already in use", seen in CI). Ports are therefore
picked below that range, at random, and never handed out twice by a process.
"""

from __future__ import annotations

import random
import socket
import threading
from pathlib import Path

HOST = "127.0.0.1"
_LOWEST = 20_000
_given: set[int] = set()
_lock = threading.Lock()


def _ephemeral_low() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32_768  # Linux's default


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """An unused TCP port on 127.0.0.1, outside the ephemeral range where possible."""
    high = _ephemeral_low() - 1
    with _lock:
        if high - _LOWEST >= 1_000:
            for _ in range(200):
                port = random.randint(_LOWEST, high)
                if port not in _given and _bindable(port):
                    _given.add(port)
                    return port
        # No room below the ephemeral range (or all taken): let the kernel choose.
        with socket.socket() as s:
            s.bind((HOST, 0))
            port = int(s.getsockname()[1])
        _given.add(port)
        return port
