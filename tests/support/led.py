"""Helpers of the LED agent's tests (tests/led/)."""

from __future__ import annotations

from pathlib import Path

from support import RunningServer


def agent_args(server: RunningServer, data_dir: Path, *extra: str) -> list[str]:
    """The agent's command line against the test server, checking and reporting often."""
    return [
        "--server", server.url, "--data-dir", str(data_dir),
        "--check-interval", "0.2", "--report-interval", "0.5", *extra,
    ]  # fmt: skip
