"""Helpers of the PCM sync tests: the receiver in a thread or in a process, polling."""

from __future__ import annotations

import os
import signal
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable

import httpx
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from support import free_port

CENTRE = "TEST-MAC"  # the code of tests/fixtures/centre.yaml


class AppThread:
    """An ASGI application served by uvicorn on 127.0.0.1 in a thread."""

    def __init__(self, app, port: int | None = None) -> None:  # noqa: ANN001
        from macturnos.pcm.app import BASE_PATH

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.base = self.url + BASE_PATH
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self):  # noqa: ANN201 - the subclass's own type
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)

    def __enter__(self):  # noqa: ANN204
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class ReceiverThread(AppThread):
    """The reference receiver app served by uvicorn in a thread."""

    def __init__(self, store, port: int | None = None, **app_options) -> None:  # noqa: ANN001
        from macturnos.pcm.app import create_app

        self.store = store
        super().__init__(create_app(store, **app_options), port)


class ScriptedPcm(AppThread):
    """A PCM whose downloads the test writes: any rows, any catalogue, raw bodies.

    The reference receiver refuses malformed appointments when they are loaded;
    a real PCM might still send them, so the centre's side is tested against this.
    """

    def __init__(self) -> None:
        from macturnos.pcm.app import BASE_PATH

        self.rows: list = []
        self.raw_appointments: bytes | None = None
        self.catalogue: dict = {"version": None, "sections": {}}
        self.event_answers: list[int] = []
        """Statuses for the next event uploads, in order (then every batch is taken)."""
        self.delivered: list[int] = []
        app = FastAPI()

        @app.get(f"{BASE_PATH}/health")
        async def health() -> dict:
            return {"status": "ok"}

        @app.get(BASE_PATH + "/centres/{code}/appointments")
        async def appointments(code: str, day: str) -> Response:
            if self.raw_appointments is not None:
                return Response(self.raw_appointments, media_type="application/json")
            return JSONResponse({"centre": code, "day": day, "appointments": self.rows})

        @app.get(BASE_PATH + "/centres/{code}/catalogue")
        async def catalogue(code: str) -> dict:
            return {"centre": code, **self.catalogue}

        @app.post(BASE_PATH + "/centres/{code}/events")
        async def events(code: str, request: Request) -> Response:
            batch = await request.json()
            status = self.event_answers.pop(0) if self.event_answers else 200
            if status != 200:
                return JSONResponse({"error": {"code": "X", "message": "falla"}}, status)
            self.delivered += [e["seq"] for e in batch["events"]]
            return JSONResponse({"centre": code, "acknowledged_seq": batch["events"][-1]["seq"]})

        super().__init__(app)


class ReceiverProcess:
    """The receiver as `python -m macturnos.pcm.receiver serve`, so it can be killed."""

    def __init__(self, db_url: str, port: int, *, tls: tuple | None = None) -> None:
        from macturnos.pcm.app import BASE_PATH

        self.db_url = db_url
        self.port = port
        self.tls = tls
        """(certificate, key) to serve HTTPS with; the certificate is also what to trust."""
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
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
                *(
                    ["--tls-cert", str(self.tls[0]), "--tls-key", str(self.tls[1])]
                    if self.tls
                    else []
                ),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        verify = ssl.create_default_context(cafile=str(self.tls[0])) if self.tls else True
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/health", timeout=1, verify=verify).status_code == 200:
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
