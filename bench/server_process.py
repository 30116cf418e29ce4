"""A server in a subprocess on 127.0.0.1, for the benchmarks and the durability tests.

`python -m macturnos server ...` (or another command: the demo, the PCM receiver)
is started with its output in a log file, waited for until its health route
answers, and stopped (politely, then SIGKILL) or killed outright. The figures the
load benchmark reads (resident memory, CPU time) come from psutil.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

import httpx
import psutil

HOST = "127.0.0.1"
HEALTH = "/api/v1/health"


class ServerStartError(RuntimeError):
    """The server exited at start or did not answer in time (the message ends with its log)."""


def server_args(
    *,
    config: Path,
    data_dir: Path,
    port: int,
    start_at: str | None = None,
    db_url: str | None = None,
    public_port: int = 0,
) -> list[str]:
    """The arguments of `macturnos server` on 127.0.0.1:`port`, without zeroconf.

    The citizen's pages are off unless a `public_port` is given: two benches' servers
    must not race for the default one."""
    args = ["server", "--config", str(config), "--data-dir", str(data_dir)]
    args += ["--host", HOST, "--port", str(port), "--no-zeroconf"]
    args += ["--public-port", str(public_port)]
    if start_at is not None:
        args += ["--start-at", start_at]
    if db_url:
        args += ["--db", db_url]
    return args


class ServerProcess:
    """`python -m <module> <args>` serving HTTP on 127.0.0.1:`port`, its output in `log_path`.

    The log is appended to, so a server killed and started again keeps one log.
    """

    def __init__(
        self,
        args: Sequence[str],
        port: int,
        log_path: Path,
        *,
        module: str = "macturnos",
        health_url: str | None = None,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.port = port
        self.url = f"http://{HOST}:{port}"
        self.health_url = health_url or self.url + HEALTH
        self.log_path = log_path
        self.argv = [sys.executable, "-m", module, *args]
        self.env = dict(env) if env is not None else None
        self.cwd = cwd
        self.proc: subprocess.Popen[bytes] | None = None
        self.ps: psutil.Process | None = None

    def start(self, timeout_s: float = 60.0) -> None:
        """Start the server and wait until its health route answers 200."""
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                self.argv, stdout=log, stderr=subprocess.STDOUT, env=self.env, cwd=self.cwd
            )
        self.ps = psutil.Process(self.proc.pid)
        try:
            self.wait_healthy(timeout_s)
        except ServerStartError:
            self.kill()
            raise

    def wait_healthy(self, timeout_s: float = 60.0) -> None:
        """Wait until the health route answers 200; raise if the process ends first."""
        assert self.proc is not None, "start() first"
        deadline = time.monotonic() + timeout_s
        with httpx.Client(trust_env=False, timeout=1.0) as client:
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise ServerStartError(f"the server exited at start:\n{self.log_tail()}")
                with contextlib.suppress(httpx.HTTPError):
                    if client.get(self.health_url).status_code == 200:
                        return
                time.sleep(0.1)
        raise ServerStartError(
            f"the server did not answer within {timeout_s:.0f} s:\n{self.log_tail()}"
        )

    def alive(self) -> bool:
        """Whether the server process still runs."""
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout_s: float = 15.0) -> None:
        """Ask the server to shut down (SIGINT, as Ctrl+C would), then insist with SIGKILL."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL the server, as a power cut would, and reap it."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def rss_bytes(self) -> int:
        """Resident memory of the server and any child process."""
        if self.ps is None:
            return 0
        try:
            procs = [self.ps, *self.ps.children(recursive=True)]
            return sum(p.memory_info().rss for p in procs)
        except psutil.Error:
            return 0

    def cpu_seconds(self) -> float:
        """User plus system CPU time the server has used so far."""
        if self.ps is None:
            return 0.0
        try:
            t = self.ps.cpu_times()
            return float(t.user + t.system)
        except psutil.Error:
            return 0.0

    def log_tail(self, lines: int = 30) -> str:
        """The end of the server's log."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def __enter__(self) -> ServerProcess:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
