"""Helpers of the PCM sync tests: the receiver in a thread or in a process, polling."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable

import httpx
import uvicorn

from support import free_port

CENTRE = "TEST-MAC"  # the code of tests/fixtures/centre.yaml


class ReceiverThread:
    """The reference receiver app served by uvicorn in a thread."""

    def __init__(self, store, port: int | None = None, **app_options) -> None:  # noqa: ANN001
        from macturnos.pcm.app import BASE_PATH, create_app

        self.store = store
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.base = self.url + BASE_PATH
        config = uvicorn.Config(
            create_app(store, **app_options), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> ReceiverThread:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("receiver did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


class ReceiverProcess:
    """The receiver as `python -m macturnos.pcm.receiver serve`, so it can be killed."""

    def __init__(self, db_url: str, port: int) -> None:
        from macturnos.pcm.app import BASE_PATH

        self.db_url = db_url
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.base = self.url + BASE_PATH
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> ReceiverProcess:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "macturnos.pcm.receiver",
                "--db",
                self.db_url,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("receiver process did not start")

    def kill(self) -> None:
        """Crash it: SIGKILL, no chance to finish anything."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)


def wait_for(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    """Poll until `predicate()` holds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.02)
