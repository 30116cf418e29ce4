"""Ports for test and bench servers come from below the kernel's ephemeral range."""

from __future__ import annotations

import socket

from bench import ports


def test_ports_are_free_distinct_and_below_the_ephemeral_range():
    low = ports._ephemeral_low()
    picked = [ports.free_port() for _ in range(50)]
    assert len(set(picked)) == len(picked)
    if low - ports._LOWEST >= 1_000:
        assert all(ports._LOWEST <= p < low for p in picked)
    for port in picked[:5]:
        with socket.socket() as s:
            s.bind((ports.HOST, port))  # still free to take


def test_a_taken_port_is_never_handed_out(monkeypatch):
    with socket.socket() as taken:
        taken.bind((ports.HOST, 0))
        taken.listen()
        busy = taken.getsockname()[1]
        choices = iter([busy, busy, busy + 1 if busy < 65535 else busy - 1])
        monkeypatch.setattr(ports, "_ephemeral_low", lambda: 65_536)
        monkeypatch.setattr(ports.random, "randint", lambda _a, _b: next(choices))
        assert ports.free_port() != busy
