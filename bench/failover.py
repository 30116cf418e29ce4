"""Failover benchmark: time from the primary's death to the first ticket on the new primary.

Builds a whole pair on 127.0.0.1 (two PostgreSQL clusters made by `macturnos pair
init`, synchronous streaming replication, two turn servers in pair mode), keeps a
kiosk issuing tickets through the standby's turn server, kills the primary's
postmaster (and its backends) and turn server with SIGKILL, runs `macturnos
failover --yes` at once and measures until a ticket is acknowledged again.
Target: <= 15 s. `PairLab` is also the harness of tests/pair/.

Usage (as root or as the `postgres` user): .venv/bin/python -m bench.failover [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import psutil

try:
    from bench.ports import free_port
    from bench.server_process import ServerProcess, server_args
except ImportError:  # run as a script: bench/ is on the path, not its parent
    from ports import free_port  # type: ignore[no-redef]
    from server_process import ServerProcess, server_args  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parent.parent
CENTRE = REPO / "tests" / "fixtures" / "centre.yaml"
START_AT = "2026-11-25T10:00:00-05:00"  # a Wednesday at 10:00 in Lima: the centre is open
PASSWORD = "clave-segura-1"
TARGET_S = 15.0


class PairLab:
    """Two clusters and two turn servers of one centre on this machine, all cleaned up by close()."""

    def __init__(
        self,
        *,
        standby_lost_after_s: float = 2.0,
        pg_bin: str | None = None,
        root_owned_homes: bool = False,
    ) -> None:
        """`root_owned_homes`: the folders holding the data directories stay root's, as
        /var/lib/postgresql/15 may be on a real machine (the server log goes there)."""
        self.root = Path(tempfile.mkdtemp(prefix="macturnos-pair-", dir="/tmp"))
        self.root.chmod(0o755)  # the postgres user must reach its data directories
        from macturnos.server.pair.config import installed_pg_bin

        pg_bin = pg_bin or os.environ.get("MACTURNOS_PG_BIN") or str(installed_pg_bin())
        self.pg_bin = Path(pg_bin)
        self.pg_port = {"a": free_port(), "b": free_port()}
        self.api_port = {"a": free_port(), "b": free_port()}
        nodes = ""
        for n in ("a", "b"):
            home = self.root / n
            home.mkdir()
            if os.geteuid() == 0 and not root_owned_homes:
                shutil.chown(home, "postgres", "postgres")
            (self.root / f"srv-{n}").mkdir()
            nodes += (
                f"  {n}:\n    address: 127.0.0.1\n    pg_port: {self.pg_port[n]}\n"
                f"    api_port: {self.api_port[n]}\n    pgdata: {home / 'pgdata'}\n"
            )
        self.pair_file = self.root / "pair.yaml"
        self.pair_file.write_text(
            f"initial_primary: a\nnodes:\n{nodes}passfile: {self.root / 'pair.pgpass'}\n"
            f"pg_bin: {pg_bin}\nos_user: {'postgres' if os.geteuid() == 0 else os.getlogin()}\n"
            f"standby_lost_after_s: {standby_lost_after_s}\n"
        )
        # Both turn servers sign ticket QR codes with the centre's one key.
        key = os.urandom(32).hex()
        for n in ("a", "b"):
            (self.root / f"srv-{n}" / "ticket-signing.key").write_text(key)
        self.servers: dict[str, ServerProcess] = {}

    # --- commands ------------------------------------------------------------------------

    def env(self, node: str) -> dict[str, str]:
        """The environment of a command or turn server of `node`."""
        return {**os.environ, "MACTURNOS_PAIR": str(self.pair_file), "MACTURNOS_PAIR_NODE": node}

    def macturnos(
        self, *args: str, node: str, stdin: str | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """Run `python -m macturnos ...` as machine `node` would."""
        extra: list[str] = []
        if args[0] in ("user", "device", "db"):
            extra = ["--config", str(CENTRE), "--data-dir", str(self.root / f"srv-{node}")]
        done = subprocess.run(
            [sys.executable, "-m", "macturnos", *args, *extra], input=stdin, capture_output=True,
            text=True, timeout=300, env=self.env(node), cwd=REPO,
        )  # fmt: skip
        if check and done.returncode != 0:
            raise RuntimeError(f"macturnos {' '.join(args)}: {done.stderr}{done.stdout}")
        return done

    def init(self) -> None:
        """`macturnos pair init` on the primary, then on the standby."""
        self.macturnos("pair", "init", node="a")
        self.macturnos("pair", "init", node="b")

    def url(self, node: str) -> str:
        """The turn server of `node`."""
        return f"http://127.0.0.1:{self.api_port[node]}"

    def start_server(self, node: str, timeout_s: float = 60) -> None:
        """Start the turn server of `node` and wait until it answers."""
        folder = self.root / f"srv-{node}"
        port = self.api_port[node]
        args = server_args(config=CENTRE, data_dir=folder, port=port, start_at=START_AT)
        server = ServerProcess(args, port, folder / "server.log", env=self.env(node), cwd=REPO)
        self.servers[node] = server
        server.start(timeout_s)

    def server_log(self, node: str) -> str:
        """The turn server's output so far."""
        return (self.root / f"srv-{node}" / "server.log").read_text(errors="replace")

    def kill_server(self, node: str) -> None:
        """SIGKILL the turn server of `node`."""
        server = self.servers.pop(node, None)
        if server is not None:
            server.kill()

    def postmaster_pid(self, node: str) -> int | None:
        """The pid of `node`'s postmaster, if it runs."""
        pidfile = self.root / node / "pgdata" / "postmaster.pid"
        try:
            pid = int(pidfile.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return pid if psutil.pid_exists(pid) else None

    def kill_postgres(self, node: str) -> None:
        """SIGKILL `node`'s postmaster and every backend, as if the machine died."""
        pid = self.postmaster_pid(node)
        if pid is None:
            return
        try:
            procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for p in procs:
            try:
                p.send_signal(signal.SIGKILL)
            except psutil.NoSuchProcess:
                pass
        psutil.wait_procs(procs, timeout=10)

    def pg_ctl(self, node: str, *args: str) -> None:
        """pg_ctl on `node`'s cluster as its owner (cleanup)."""
        pgdata = self.root / node / "pgdata"
        if not (pgdata / "PG_VERSION").exists():
            return
        argv = [str(self.pg_bin / "pg_ctl"), *args, "-D", str(pgdata)]
        if os.geteuid() == 0:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        subprocess.run(argv, capture_output=True, timeout=60, cwd="/")

    def close(self) -> None:
        """Stop everything this lab started and delete its folder."""
        for node in list(self.servers):
            self.servers.pop(node).stop(timeout_s=10)
        for node in ("a", "b"):
            if self.postmaster_pid(node) is not None:
                self.pg_ctl(node, "stop", "-m", "immediate", "-w")
            self.kill_postgres(node)
        shutil.rmtree(self.root, ignore_errors=True)

    # --- the centre's staff and devices ---------------------------------------------------

    def open_day(self) -> None:
        """Open the lab's Wednesday as the server itself does in training (no checklist)."""
        from macturnos.server.auth import SYSTEM
        from macturnos.server.day import open_day
        from macturnos.server.main import ServerSettings, build_context

        settings = ServerSettings(
            config_path=CENTRE,
            data_dir=self.root / "srv-a",
            start_at=datetime.fromisoformat(START_AT),
            pair_file=self.pair_file,
            pair_node="a",
        )
        ctx = build_context(settings)
        try:
            open_day(ctx, SYSTEM)
        finally:
            ctx.db.dispose()

    def provision(self, advisors: int = 1) -> dict[str, Any]:
        """A supervisor, advisors on modules 1.., a kiosk; the day opened. Returns tokens."""
        self.macturnos(
            "user",
            "add",
            "sara",
            "--role",
            "supervisor",
            "--password-stdin",
            node="a",
            stdin=PASSWORD + "\n",
        )
        for i in range(advisors):
            self.macturnos(
                "user",
                "add",
                f"asesor{i + 1}",
                "--role",
                "advisor",
                "--password-stdin",
                node="a",
                stdin=PASSWORD + "\n",
            )
        out = self.macturnos("device", "add", "--kind", "kiosk", "--code", "K1", node="a").stdout
        pairing = out.strip().split()[-4]
        url = self.url("a")
        kiosk = httpx.post(f"{url}/api/v1/devices/pair", json={"pairing_code": pairing}).json()
        sara = httpx.post(
            f"{url}/api/v1/auth/login", json={"username": "sara", "password": PASSWORD}
        ).json()["token"]
        self.open_day()
        tokens = {"kiosk": kiosk["token"], "supervisor": sara, "advisors": []}
        for i in range(advisors):
            token = httpx.post(
                f"{url}/api/v1/auth/login",
                json={"username": f"asesor{i + 1}", "password": PASSWORD},
            ).json()["token"]
            httpx.post(
                f"{url}/api/v1/modules/{i + 1}/session",
                headers={"Authorization": f"Bearer {token}"},
            )
            tokens["advisors"].append(token)
        return tokens


def issue_until_ok(url: str, token: str, deadline_s: float = 60) -> dict[str, Any]:
    """Issue one ticket, retrying with the same idempotency key until acknowledged."""
    key = os.urandom(8).hex()
    end = time.monotonic() + deadline_s
    with httpx.Client(
        base_url=url,
        timeout=3,
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
    ) as c:
        while time.monotonic() < end:
            try:
                r = c.post("/api/v1/tickets", json={"service": "DNI-DUP"})
                if r.status_code == 201:
                    return r.json()
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
    raise RuntimeError("no ticket acknowledged after the failover")


def one_round(lab: PairLab, tokens: dict[str, Any]) -> float:
    """Kill the primary, fail over at once; seconds until a ticket is issued on the new primary."""
    stop = threading.Event()

    def kiosk() -> None:
        with httpx.Client(
            base_url=lab.url("b"), timeout=3, headers={"Authorization": f"Bearer {tokens['kiosk']}"}
        ) as c:
            while not stop.is_set():
                try:
                    c.post("/api/v1/tickets", json={"service": "DNI-DUP"})
                except httpx.HTTPError:
                    time.sleep(0.05)

    load = threading.Thread(target=kiosk)
    load.start()
    time.sleep(2)
    died = time.monotonic()
    lab.kill_postgres("a")
    lab.kill_server("a")
    # A kiosk of the client library with both machines' addresses, asking from the
    # moment of the death: it waits out the 503s and finds the survivor by itself.
    library: list[float] = []
    follower = threading.Thread(target=library_kiosk, args=(lab, tokens, library))
    follower.start()
    done = lab.macturnos("failover", "--yes", node="b", check=False)
    stop.set()
    load.join(10)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    promoted = time.monotonic()
    issue_until_ok(lab.url("b"), tokens["kiosk"])
    first = time.monotonic()
    follower.join(60)
    by_library = f"{library[0] - died:5.2f} s" if library else "none"
    print(
        f"  failover command {promoted - died:5.2f} s, first ticket {first - died:5.2f} s, "
        f"client library (both addresses) {by_library}"
    )
    return first - died


def library_kiosk(lab: PairLab, tokens: dict[str, Any], out: list[float]) -> None:
    """Issue one ticket with ApiClient given both addresses; append when it was acknowledged."""
    from macturnos.client.api import ApiClient

    with ApiClient(f"{lab.url('a')},{lab.url('b')}", tokens["kiosk"]) as client:
        client.issue("DNI-DUP")
    out.append(time.monotonic())


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    times: list[float] = []
    for i in range(args.rounds):
        lab = PairLab()
        try:
            lab.init()
            lab.start_server("a")
            lab.start_server("b")
            tokens = lab.provision()
            print(f"round {i + 1}:")
            times.append(one_round(lab, tokens))
        finally:
            lab.close()
    worst = max(times)
    print(
        f"primary death -> first ticket on the new primary: median "
        f"{statistics.median(times):.2f} s, worst {worst:.2f} s "
        f"(target <= {TARGET_S:.0f} s): {'PASS' if worst <= TARGET_S else 'FAIL'}"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
