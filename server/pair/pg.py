"""Running PostgreSQL's own tools and queries for the pair (initdb, pg_ctl, replication views)."""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from macturnos.server.pair.config import PairConfig

NODE_CONF = "macturnos-node.conf"
"""Settings proper to one machine (port, address, upstream), kept out of
postgresql.auto.conf because base backups and pg_rewind copy that file."""


class PairError(Exception):
    """A pair operation failed; the message is in Spanish and says what to do."""


# --- processes ----------------------------------------------------------------------


def _as_owner(config: PairConfig, argv: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root: drop to the clusters' owner.
    if os.geteuid() == 0 and config.os_user != "root":
        return ["runuser", "-u", config.os_user, "--", *argv]
    return argv


def run_tool(
    config: PairConfig,
    tool: str,
    *args: str,
    password: str | None = None,
    timeout_s: float = 600,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run one PostgreSQL program as the clusters' owner; raise PairError when it fails."""
    env = dict(os.environ)
    env.pop("PGPASSFILE", None)
    if password is not None:
        # The owner cannot read the root-only password file: hand over just this one.
        env["PGPASSWORD"] = password
    argv = _as_owner(config, [str(config.pg_bin / tool), *args])
    try:
        done = subprocess.run(
            argv, env=env, capture_output=True, text=True, timeout=timeout_s, cwd="/"
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise PairError(f"No se pudo ejecutar {tool}: {err}") from err
    if check and done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise PairError(f"{tool} falló: {' / '.join(detail)}")
    return done


def chown_to_owner(config: PairConfig, path: Path) -> None:
    """Give `path` to the clusters' owner (when running as root)."""
    if os.geteuid() == 0 and config.os_user != "root":
        entry = pwd.getpwnam(config.os_user)
        os.chown(path, entry.pw_uid, entry.pw_gid)


def log_file(pgdata: Path) -> Path:
    """Where pg_ctl writes the server log: beside the data directory, not copied by backups."""
    return pgdata.with_name(pgdata.name + ".log")


def prepare_log_file(config: PairConfig, pgdata: Path) -> Path:
    """Create the server log beside `pgdata`, owned by the clusters' owner; return its path.

    pg_ctl opens it as that owner, who may not write in the (root-owned) parent
    folder: root creates the file and hands it over. Without root, a folder the
    caller cannot write in is said plainly before pg_ctl fails on it.
    """
    path = log_file(pgdata)
    if not path.exists():
        if not os.access(path.parent, os.W_OK):
            raise PairError(
                f"No se puede crear el registro de PostgreSQL {path}: la carpeta "
                f"{path.parent} no admite escritura para este usuario."
            )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
        os.close(fd)
    chown_to_owner(config, path)
    return path


def pg_ctl(config: PairConfig, node: str, action: str, *extra: str) -> None:
    """pg_ctl start|stop|restart on this node's cluster, waiting for the result."""
    pgdata = config.node(node).pgdata
    args = [action, "-D", str(pgdata), "-w", "-t", "60"]
    if action in ("start", "restart"):
        args += ["-l", str(prepare_log_file(config, pgdata))]
    run_tool(config, "pg_ctl", *args, *extra)


def cluster_running(config: PairConfig, node: str) -> bool:
    """Whether this node's postmaster runs (pg_ctl status)."""
    done = run_tool(config, "pg_ctl", "status", "-D", str(config.node(node).pgdata), check=False)
    return done.returncode == 0


# --- passwords --------------------------------------------------------------------------


def read_passwords(config: PairConfig) -> dict[str, str]:
    """The passwords of the pair's roles from the libpq password file (user -> password)."""
    out: dict[str, str] = {}
    try:
        lines = config.passfile.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise PairError(
            f"No se puede leer el archivo de contraseñas {config.passfile}: {err.strerror}. "
            "Cópielo desde la primera máquina (ver docs/pair.md)."
        ) from err
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split(":")
        if len(fields) >= 5:
            out.setdefault(fields[3], ":".join(fields[4:]))
    return out


def ensure_passfile(config: PairConfig) -> dict[str, str]:
    """Create the password file with fresh random passwords unless it exists."""
    if config.passfile.exists():
        return read_passwords(config)
    config.passfile.parent.mkdir(parents=True, exist_ok=True)
    passwords = {
        role: secrets.token_urlsafe(24)
        for role in (config.admin_user, config.user, config.replication_user)
    }
    text = "# MAC Turnos pair: libpq password file (keep it mode 0600)\n" + "".join(
        f"*:*:*:{role}:{pw}\n" for role, pw in passwords.items()
    )
    fd = os.open(config.passfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return passwords


@contextlib.contextmanager
def owner_readable_file(config: PairConfig, content: str) -> Iterator[Path]:
    """A temporary 0600 file the clusters' owner can read (e.g. initdb's --pwfile)."""
    folder = Path(tempfile.mkdtemp(prefix="macturnos-pair-"))
    try:
        path = folder / "secret"
        path.write_text(content, encoding="utf-8")
        path.chmod(0o600)
        chown_to_owner(config, folder)
        chown_to_owner(config, path)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- connections and probes ---------------------------------------------------------------


def connect(conninfo: str) -> psycopg.Connection[Any]:
    """An autocommit connection (raises psycopg.OperationalError when unreachable)."""
    return psycopg.connect(conninfo, autocommit=True)


def tcp_open(host: str, port: int, timeout_s: float) -> bool:
    """Whether something accepts TCP connections at host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return True
    except OSError:
        return False


@dataclass
class NodeProbe:
    """What one node's database says about itself."""

    reachable: bool
    in_recovery: bool | None = None
    timeline: int | None = None
    read_only: bool | None = None
    error: str | None = None

    @property
    def primary(self) -> bool:
        """A reachable, writable primary."""
        return self.reachable and self.in_recovery is False and not self.read_only


# The timeline a database is on now. A primary's is in the name of the WAL file it
# writes (the control file's checkpoint keeps the old one until the next
# checkpoint after a promotion); a standby's is the one its receiver follows
# (its last restartpoint may be older), else that restartpoint's.
ROLE_QUERY = (
    "SELECT pg_is_in_recovery(),"
    " CASE WHEN pg_is_in_recovery() THEN coalesce("
    "  (SELECT received_tli FROM pg_stat_wal_receiver),"
    "  (pg_control_checkpoint()).timeline_id)"
    " ELSE ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int END,"
    " current_setting('default_transaction_read_only') = 'on'"
)


def read_role(conn: psycopg.Connection[Any]) -> NodeProbe:
    """What the database behind `conn` is: primary or standby, its timeline, read-only."""
    row = conn.execute(ROLE_QUERY).fetchone()
    assert row is not None
    return NodeProbe(True, bool(row[0]), int(row[1]), bool(row[2]))


def probe(config: PairConfig, node: str, *, timeout_s: int | None = None) -> NodeProbe:
    """Ask one node's database whether it is primary or standby, and its timeline."""
    info = config.conninfo(node=node, user=config.user, timeout_s=timeout_s)
    try:
        with connect(info) as conn:
            return read_role(conn)
    except psycopg.Error as err:
        return NodeProbe(False, error=str(err).strip().splitlines()[0] if str(err) else "error")


def set_system(conn: psycopg.Connection[Any], **settings: str | None) -> None:
    """ALTER SYSTEM SET (None: RESET) each setting, then reload the configuration."""
    for name, value in settings.items():
        if value is None:
            conn.execute(sql.SQL("ALTER SYSTEM RESET {}").format(sql.Identifier(name)))
        else:
            conn.execute(
                sql.SQL("ALTER SYSTEM SET {} = {}").format(sql.Identifier(name), sql.Literal(value))
            )
    conn.execute("SELECT pg_reload_conf()")


def replication_rows(conn: psycopg.Connection[Any]) -> list[dict[str, Any]]:
    """pg_stat_replication on a primary, with lag in bytes and seconds."""
    cur = conn.execute(
        "SELECT application_name, state, sync_state,"
        " pg_wal_lsn_diff(pg_current_wal_lsn(), flush_lsn)::bigint,"
        " pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint,"
        " extract(epoch FROM coalesce(replay_lag, interval '0'))::float8,"
        " extract(epoch FROM coalesce(flush_lag, interval '0'))::float8"
        " FROM pg_stat_replication"
    )
    return [
        {
            "name": r[0],
            "state": r[1],
            "sync_state": r[2],
            "lag_bytes": int(r[3] or 0),
            "replay_lag_bytes": int(r[4] or 0),
            "lag_seconds": round(float(r[5] or 0.0), 3),
            "flush_lag_seconds": round(float(r[6] or 0.0), 3),
        }
        for r in cur.fetchall()
    ]


def receiver_state(conn: psycopg.Connection[Any]) -> dict[str, Any]:
    """A standby's view: is it streaming, how far behind its replay is."""
    # After pg_rewind the standby replays WAL it already had before its receiver
    # streams again: received < replayed then means nothing is pending, not a
    # negative backlog.
    row = conn.execute(
        "SELECT (SELECT status FROM pg_stat_wal_receiver),"
        " greatest(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()),"
        " 0)::bigint,"
        " extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8"
    ).fetchone()
    assert row is not None
    return {
        "receiver": row[0] or "stopped",
        "replay_backlog_bytes": int(row[1] or 0),
        "since_last_replay_s": None if row[2] is None else round(float(row[2]), 3),
    }
