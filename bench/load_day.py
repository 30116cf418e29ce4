"""Load benchmark: the largest centre's day, compressed in time, against a real turn server.

Starts `python -m macturnos server` as a subprocess on 127.0.0.1 (SQLite in a
temporary data folder, or a fresh PostgreSQL database), provisions advisors,
displays and kiosks, then:

1. day phase: kiosk workers issue the day's tickets following an opening-hours
   arrival profile, advisor loops call, start and finish them with compressed
   service times, and WebSocket display clients (in a process of their own, as
   the screens are separate machines) timestamp every `ticket.called`;
2. burst phase: kiosk workers issue as fast as the server answers, to measure
   the sustained issuance rate.

It prints latency percentiles, throughput and the server's memory next to the
targets with PASS/FAIL. The exit status is 0 whatever the figures; it is
non-zero only when the run itself went wrong (server did not start, unexpected
HTTP answers, lost or out-of-order events at a display).

Usage: .venv/bin/python bench/load_day.py [--db sqlite|postgresql] [--tickets 6000] ...
See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import tempfile
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from macturnos.config import CentreConfig, load_centre

try:
    from bench.display_fleet import FleetError
    from bench.load_client import PASSWORD, BenchError
    from bench.load_report import build_report, print_report
    from bench.load_run import DEFAULT_CENTRE, DEFAULT_PG_ADMIN, HOST, Options, Run
    from bench.load_shape import (
        Waiting,
        arrival_offsets,
        percentile,
        service_weights,
        staffed_modules,
        summary_ms,
    )
    from bench.ports import free_port
    from bench.server_process import ServerProcess, ServerStartError, server_args
except ImportError:  # run as a script: bench/ is on the path, not its parent
    from display_fleet import FleetError  # type: ignore[no-redef]
    from load_client import PASSWORD, BenchError  # type: ignore[no-redef]
    from load_report import build_report, print_report  # type: ignore[no-redef]
    from load_run import (  # type: ignore[no-redef]
        DEFAULT_CENTRE,
        DEFAULT_PG_ADMIN,
        HOST,
        Options,
        Run,
    )
    from load_shape import (  # type: ignore[no-redef]
        Waiting,
        arrival_offsets,
        percentile,
        service_weights,
        staffed_modules,
        summary_ms,
    )
    from ports import free_port  # type: ignore[no-redef]
    from server_process import (  # type: ignore[no-redef]
        ServerProcess,
        ServerStartError,
        server_args,
    )

__all__ = [  # the pieces the tests and other scripts use, wherever they now live
    "DEFAULT_CENTRE",
    "BenchError",
    "Options",
    "Run",
    "Waiting",
    "arrival_offsets",
    "bench",
    "main",
    "parse_args",
    "percentile",
    "service_weights",
    "staffed_modules",
    "summary_ms",
]

START_AT = "10:00"


# --- the run's database ------------------------------------------------------------


@contextlib.contextmanager
def postgres_database(admin_dsn: str) -> Iterator[str]:
    """A fresh PostgreSQL database for the run, dropped afterwards; yields its SQLAlchemy URL."""
    import psycopg
    from psycopg import sql

    name = f"macturnos_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    info = psycopg.conninfo.conninfo_to_dict(admin_dsn)
    user = info.get("user", "postgres")
    host = info.get("host", HOST)
    port = info.get("port", "5432")
    try:
        yield f"postgresql+psycopg://{user}@{host}:{port}/{name}"
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def provision_accounts(db_url: str, cfg: CentreConfig, modules: Sequence[int]) -> None:
    """Create the schema, a supervisor and one advisor per staffed module.

    This is what `macturnos user add` does, in one process: 120 separate
    commands would spend minutes starting Python.
    """
    from macturnos.server import migrate
    from macturnos.server.auth import Role, create_user
    from macturnos.server.db.engine import Database

    migrate.upgrade(db_url)
    db = Database(db_url)
    try:
        now = datetime.now(UTC)
        with db.write() as s:
            create_user(
                s,
                username="bench-supervisor",
                full_name="Supervisión de carga",
                role=Role.SUPERVISOR,
                password=PASSWORD,
                now=now,
            )
            for number in modules:
                create_user(
                    s,
                    username=f"asesor{number:03d}",
                    full_name=f"Asesor {number}",
                    role=Role.ADVISOR,
                    password=PASSWORD,
                    now=now,
                    entity_code=cfg.module(number).entity,
                )
    finally:
        db.dispose()


# --- entry point -------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    p.add_argument(
        "--pg-admin",
        default=DEFAULT_PG_ADMIN,
        help="PostgreSQL connection used to create and drop the run's database",
    )
    p.add_argument("--config", type=Path, default=DEFAULT_CENTRE, help="centre file")
    p.add_argument("--tickets", type=int, default=6000, help="tickets of the day phase")
    p.add_argument("--modules", type=int, default=120, help="staffed modules (advisors)")
    p.add_argument("--displays", type=int, default=20, help="connected call displays")
    p.add_argument("--kiosks", type=int, default=8, help="kiosks issuing in the day phase")
    pace = p.add_mutually_exclusive_group()
    pace.add_argument(
        "--duration", type=float, help="seconds the day is compressed into (default 120)"
    )
    pace.add_argument(
        "--rate", type=float, help="average issues per second of the day phase (sets the duration)"
    )
    p.add_argument(
        "--service-min", type=float, default=10.0, help="mean attention time in real minutes"
    )
    p.add_argument("--no-show", type=float, default=0.03, help="share of called citizens absent")
    p.add_argument("--preferential", type=float, default=0.08, help="share of preferential tickets")
    p.add_argument(
        "--drain-timeout",
        type=float,
        default=30.0,
        help="seconds to let advisors finish the queues after the last arrival",
    )
    p.add_argument("--burst-seconds", type=float, default=10.0)
    p.add_argument("--burst-workers", type=int, default=8)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--port", type=int, help="server port (default: a free one)")
    p.add_argument("--json", type=Path, dest="json_path", help="also write the figures here")
    p.add_argument(
        "--keep-data",
        action="store_true",
        help="keep the data folder (database, server log) and print where",
    )
    return p


def parse_args(argv: Sequence[str] | None = None) -> Options:
    """Options from the command line."""
    p = _parser()
    a = p.parse_args(argv)
    if a.rate is not None and a.rate <= 0:
        p.error("--rate must be positive")
    duration = a.tickets / a.rate if a.rate else (a.duration or 120.0)
    for name, value in (
        ("--tickets", a.tickets),
        ("--modules", a.modules),
        ("--displays", a.displays),
        ("--kiosks", a.kiosks),
        ("--burst-workers", a.burst_workers),
    ):
        if value < 1:
            p.error(f"{name} must be at least 1")
    if duration <= 0 or a.burst_seconds <= 0:
        p.error("durations must be positive")
    return Options(
        db=a.db,
        pg_admin=a.pg_admin,
        config=a.config.resolve(),
        tickets=a.tickets,
        modules=a.modules,
        displays=a.displays,
        kiosks=a.kiosks,
        duration_s=duration,
        service_min=a.service_min,
        no_show=a.no_show,
        preferential=a.preferential,
        drain_timeout_s=a.drain_timeout,
        burst_s=a.burst_seconds,
        burst_workers=a.burst_workers,
        seed=a.seed,
        port=a.port,
        json_path=a.json_path,
        keep_data=a.keep_data,
    )


def run_async(main: Callable[[], Awaitable[None]]) -> None:
    """Run on uvloop when available, as the server does."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main())
        return
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(main())


def bench(opts: Options) -> dict[str, Any]:
    """Carry out one run and return its report (raises BenchError when it cannot)."""
    cfg = load_centre(opts.config)
    modules = staffed_modules(cfg, opts.modules)
    data_dir = Path(tempfile.mkdtemp(prefix="macturnos-bench-"))
    stack = contextlib.ExitStack()
    try:
        db_url = None
        if opts.db == "postgresql":
            db_url = stack.enter_context(postgres_database(opts.pg_admin))
        print(f"provisioning {len(modules)} advisors in {data_dir} ({opts.db})", flush=True)
        from macturnos.server.db.engine import sqlite_url

        provision_accounts(db_url or sqlite_url(data_dir / "macturnos.db"), cfg, modules)
        port = opts.port or free_port()
        args = server_args(
            config=opts.config, data_dir=data_dir, port=port, start_at=START_AT, db_url=db_url
        )
        server = ServerProcess(args, port, data_dir / "server.log")
        stack.callback(server.stop)
        try:
            server.start()
        except ServerStartError as err:
            raise BenchError(str(err)) from err
        run = Run(opts, cfg, server)
        run_async(run.run)
        server.stop()
        report = build_report(opts, run)
        if not server.log_path.exists() or "Traceback" in server.log_path.read_text(
            errors="replace"
        ):
            report["errors"]["server_traceback"] = 1
            report["error_examples"].append("server log has a traceback:\n" + server.log_tail())
        return report
    finally:
        stack.close()
        if opts.keep_data:
            print(f"data kept in {data_dir}")
        else:
            import shutil

            shutil.rmtree(data_dir, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; 0 when it ran (whatever the figures), 1 on errors, 2 if it could not."""
    opts = parse_args(argv)
    try:
        report = bench(opts)
    except (BenchError, FleetError) as err:
        print(f"benchmark failed: {err}", file=sys.stderr)
        return 2
    print_report(report)
    if opts.json_path:
        opts.json_path.write_text(json.dumps(report, indent=2, default=str) + "\n")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
