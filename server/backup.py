"""Backups: an online, consistent copy of the centre's data, retention, and a restore.

A backup is one archive (`macturnos-backup-<UTC time>.tar.gz`, mode 0600) holding
the database, the ticket-signing key (without it the restored tickets' codes no
longer verify) and a `manifest.json`:

- SQLite (the default install): SQLite's online backup API
  (`sqlite3.Connection.backup`) copies the whole file in one step inside one read
  transaction. In WAL mode that read does not stop the writers: the centre keeps
  issuing tickets while the copy is made, and the copy is the database as of one
  committed instant, never a half-written file. The copy is checked with
  `PRAGMA integrity_check` before it is archived.
- PostgreSQL (the pair): `pg_dump -Fc` of the installed PostgreSQL binaries; a dump
  is one repeatable-read snapshot.

The nightly schedule is a systemd timer (docs/backup.md) running
`macturnos backup --keep-days N`: the backup runs outside the turn server's
process, so a slow disk never holds up a ticket, and the timer is visible and
logged by the system like every other job of the machine.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url

from macturnos import __version__
from macturnos.messages import N_, t
from macturnos.server.pair.config import installed_pg_bin

FORMAT = 1
"""The archive layout's version (manifest `format`)."""
PREFIX = "macturnos-backup-"
SUFFIX = ".tar.gz"
KEY_FILE = "ticket-signing.key"
SQLITE_FILE = "macturnos.db"
PG_DUMP_FILE = "macturnos.pgdump"
_NAME = re.compile(re.escape(PREFIX) + r"(\d{8}T\d{6}Z)(?:-\d+)?" + re.escape(SUFFIX) + "$")

NO_DATABASE = N_("No hay base de datos en {ruta}: nada que respaldar.")
COPY_DAMAGED = N_("La copia de la base de datos no pasó la verificación de integridad: {detalle}")
NO_PG_TOOL = N_("No se encontró {programa} de PostgreSQL (instale postgresql-client).")
PG_TOOL_FAILED = N_("{programa} falló: {detalle}")
NOT_A_BACKUP = N_("{ruta} no es un respaldo de MAC Turnos: {detalle}")
TARGET_EXISTS = N_(
    "Ya hay datos en {ruta}: restaure en una carpeta nueva, o use --force para apartarlos "
    "(se renombran, no se borran)."
)
NEEDS_PG_URL = N_(
    "Este respaldo es de PostgreSQL: indique con --db la base de datos donde restaurarlo."
)
SQLITE_INTO_PG = N_("Este respaldo es de SQLite: no se puede restaurar en PostgreSQL (--db).")


BAD_KEEP_DAYS = N_("Los días a conservar deben ser 0 o más (se indicó {dias}).")
BACKUP_DONE = N_("Respaldo guardado en {ruta} ({tamano}).")
BACKUP_COUNTS = N_("Contiene {turnos} turnos y {eventos} eventos.")
BACKUP_PRUNED = N_("Se borraron {cantidad} respaldos de más de {dias} días.")
RESTORE_DONE = N_("Respaldo del {fecha} restaurado en {destino}.")
RESTORE_NEXT = N_("Inicie el servidor con --data-dir {carpeta} para seguir atendiendo.")


class BackupError(Exception):
    """A backup or a restore that could not be done (the message is in Spanish)."""


@dataclass(frozen=True)
class BackupResult:
    """One archive written: where, how big, and what it holds."""

    path: Path
    backend: str
    size_bytes: int
    manifest: dict[str, Any]
    pruned: tuple[Path, ...] = ()


@dataclass(frozen=True)
class RestoreResult:
    """A restore done: where the data went and what the archive said it holds."""

    backend: str
    target: str
    manifest: dict[str, Any]


def default_backup_dir(data_dir: Path) -> Path:
    """Where backups go when no folder is given: `<data-dir>/backups`.

    The same disk protects against mistakes, not against losing the disk:
    docs/backup.md says to copy the folder elsewhere (another machine, a USB disk).
    """
    return data_dir / "backups"


# --- backup ----------------------------------------------------------------------


def backup(
    db_url: str,
    data_dir: Path,
    dest_dir: Path,
    *,
    keep_days: int | None = None,
    now: datetime | None = None,
) -> BackupResult:
    """Write one archive of the database and the signing key into `dest_dir`.

    Safe while the server runs. With `keep_days`, the folder's backups older than
    that many days are deleted afterwards (never the one just written).
    """
    if keep_days is not None and keep_days < 0:
        raise BackupError(t(BAD_KEEP_DAYS, dias=keep_days))
    now = (now or datetime.now(UTC)).astimezone(UTC)
    url = make_url(db_url)
    backend = url.get_backend_name()
    dest_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(dest_dir, 0o700)  # the archive holds DNIs and the signing key
    with tempfile.TemporaryDirectory(dir=dest_dir, prefix=".backup-") as tmp:
        work = Path(tmp)
        if backend == "sqlite":
            member, facts = SQLITE_FILE, _copy_sqlite(_sqlite_path(url), work / SQLITE_FILE)
        elif backend == "postgresql":
            member, facts = PG_DUMP_FILE, _dump_pg(url, work / PG_DUMP_FILE)
        else:
            raise BackupError(f"unsupported database backend {backend!r}")
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "backend": backend,
            "created_at": now.isoformat(),
            "macturnos_version": __version__,
            "database": member,
            "signing_key": (data_dir / KEY_FILE).is_file(),
            **facts,
        }
        target = _free_name(dest_dir, now)
        partial = work / "archive.partial"
        _write_archive(partial, work / member, member, data_dir / KEY_FILE, manifest)
        os.replace(partial, target)  # whole or absent: never a half-written archive
    pruned = prune(dest_dir, keep_days, now=now, keep=target) if keep_days is not None else []
    return BackupResult(target, backend, target.stat().st_size, manifest, tuple(pruned))


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError(t(NO_DATABASE, ruta=url.database or ":memory:"))
    path = Path(url.database)
    if not path.is_file():
        raise BackupError(t(NO_DATABASE, ruta=path))
    return path


def _copy_sqlite(source: Path, copy: Path) -> dict[str, Any]:
    """Copy with the online backup API, then check the copy and count what it holds."""
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(copy)
    try:
        # pages=-1: the whole database in one step, i.e. one read transaction: a
        # consistent instant. Stepping in chunks would restart on every write.
        src.backup(dst, pages=-1)
    finally:
        src.close()
    try:
        # A single self-contained file (the source is in WAL mode).
        dst.execute("PRAGMA journal_mode=DELETE")
        check = dst.execute("PRAGMA integrity_check").fetchone()
        if not check or check[0] != "ok":
            raise BackupError(t(COPY_DAMAGED, detalle=check[0] if check else "?"))
        return _facts(dst)
    finally:
        dst.close()


def _facts(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the copy holds, for the manifest (and a quick look before restoring)."""
    facts: dict[str, Any] = {}
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "tickets" in tables:
        facts["tickets"] = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
    if "events" in tables:
        count, last = conn.execute("SELECT count(*), max(seq) FROM events").fetchone()
        facts["events"], facts["last_event_seq"] = count, last
    if "alembic_version" in tables:
        facts["schema"] = sorted(r[0] for r in conn.execute("SELECT * FROM alembic_version"))
    return facts


def _dump_pg(url: URL, dump: Path) -> dict[str, Any]:
    conninfo, env = _libpq(url)
    _run_pg("pg_dump", ["-Fc", "--no-owner", "--no-privileges", "-f", str(dump), conninfo], env)
    return {}


def _write_archive(
    archive: Path, database: Path, member: str, key: Path, manifest: dict[str, Any]
) -> None:
    fd = os.open(archive, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
        data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size, info.mode = len(data), 0o600
        tar.addfile(info, io.BytesIO(data))
        tar.add(database, arcname=member)
        if key.is_file():
            tar.add(key, arcname=KEY_FILE)
        raw.flush()
        os.fsync(raw.fileno())


def _free_name(folder: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"{PREFIX}{stamp}{SUFFIX}"
    n = 1
    while path.exists():
        path = folder / f"{PREFIX}{stamp}-{n}{SUFFIX}"
        n += 1
    return path


# --- retention -------------------------------------------------------------------


def prune(
    folder: Path, keep_days: int, *, now: datetime | None = None, keep: Path | None = None
) -> list[Path]:
    """Delete this folder's backups made more than `keep_days` days before `now`.

    Only files named like our archives are touched, by the time in their name
    (copying a folder keeps names, not always modification times). `keep` (the
    backup just made) is never deleted, so a wrong clock cannot leave none.
    """
    if keep_days < 0:
        raise ValueError("keep_days must be >= 0")
    now = (now or datetime.now(UTC)).astimezone(UTC)
    oldest = now - timedelta(days=keep_days)
    removed: list[Path] = []
    for path in sorted(folder.glob(f"{PREFIX}*{SUFFIX}")):
        match = _NAME.match(path.name)
        if match is None or (keep is not None and path == keep):
            continue
        made = datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        if made < oldest:
            path.unlink()
            removed.append(path)
    return removed


# --- restore ---------------------------------------------------------------------


def read_manifest(archive: Path) -> dict[str, Any]:
    """The archive's manifest; BackupError when it is not one of our backups."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile("manifest.json")
            if member is None:
                raise KeyError("manifest.json")
            manifest: dict[str, Any] = json.loads(member.read())
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(t(NOT_A_BACKUP, ruta=archive, detalle=exc)) from exc
    if manifest.get("format") != FORMAT or manifest.get("backend") not in ("sqlite", "postgresql"):
        detail = f"format {manifest.get('format')!r}"
        raise BackupError(t(NOT_A_BACKUP, ruta=archive, detalle=detail))
    return manifest


def restore(
    archive: Path, data_dir: Path, *, db_url: str | None = None, force: bool = False
) -> RestoreResult:
    """Put a backup back: the database (SQLite into `data_dir`, or PostgreSQL at `db_url`)
    and the signing key into `data_dir`.

    Refuses to overwrite: existing data is moved aside (renamed) only with `force`.
    The server must be stopped. Migrations are applied afterwards, so an archive
    made by an older version is brought up to date.
    """
    from macturnos.server import migrate
    from macturnos.server.db.engine import sqlite_url

    manifest = read_manifest(archive)
    backend = manifest["backend"]
    if backend == "postgresql" and not db_url:
        raise BackupError(t(NEEDS_PG_URL))
    if backend == "sqlite" and db_url and make_url(db_url).get_backend_name() != "sqlite":
        raise BackupError(t(SQLITE_INTO_PG))
    data_dir.mkdir(parents=True, exist_ok=True)
    if backend == "sqlite":
        target = Path(make_url(db_url).database or "") if db_url else data_dir / SQLITE_FILE
        _make_room([target, data_dir / KEY_FILE], force)
    else:
        _make_room([data_dir / KEY_FILE], force)
    with _extracted(archive, data_dir) as work:
        if backend == "sqlite":
            _place(work / SQLITE_FILE, target)
            url = sqlite_url(target)
        else:
            assert db_url is not None
            url = db_url
            conninfo, env = _libpq(make_url(db_url))
            args = ["--clean", "--if-exists", "--no-owner", "--no-privileges"]
            args += ["--single-transaction", "--exit-on-error", "-d", conninfo]
            _run_pg("pg_restore", [*args, str(work / PG_DUMP_FILE)], env)
        if (work / KEY_FILE).is_file():
            _place(work / KEY_FILE, data_dir / KEY_FILE)
    migrate.upgrade(url)
    shown = str(target) if backend == "sqlite" else make_url(url).render_as_string()
    return RestoreResult(backend, shown, manifest)


def _make_room(paths: list[Path], force: bool) -> None:
    present = [p for p in paths if p.exists()]
    if present and not force:
        raise BackupError(t(TARGET_EXISTS, ruta=", ".join(str(p) for p in present)))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for path in present:
        path.rename(path.with_name(f"{path.name}.antes-de-restaurar-{stamp}"))
        for extra in ("-wal", "-shm"):  # SQLite's side files belong to the old database
            side = path.with_name(path.name + extra)
            if side.exists():
                side.rename(side.with_name(f"{side.name}.antes-de-restaurar-{stamp}"))


@contextmanager
def _extracted(archive: Path, near: Path) -> Iterator[Path]:
    """The archive's members in a private temporary folder next to the target."""
    with tempfile.TemporaryDirectory(dir=near, prefix=".restore-") as tmp:
        with tarfile.open(archive, "r:gz") as tar:
            names = {SQLITE_FILE, PG_DUMP_FILE, KEY_FILE, "manifest.json"}
            members = [m for m in tar.getmembers() if m.name in names and m.isfile()]
            tar.extractall(tmp, members=members, filter="data")
        yield Path(tmp)


def _place(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(source, 0o600)
    shutil.move(str(source), str(target))


# --- PostgreSQL tools ------------------------------------------------------------


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq conninfo for `url` (both hosts of the pair) and the environment with the password.

    The password goes in PGPASSWORD, never on the command line (visible in `ps`).
    """
    parts: dict[str, str] = {}
    hosts = url.query.get("host")
    if hosts:
        listed = [hosts] if isinstance(hosts, str) else list(hosts)
        pairs = [h.rsplit(":", 1) if ":" in h else [h, ""] for h in listed]
        parts["host"] = ",".join(name for name, _port in pairs)
        if any(port for _name, port in pairs):
            parts["port"] = ",".join(port or "5432" for _name, port in pairs)
    elif url.host:
        parts["host"] = url.host
    if url.port and "port" not in parts:
        parts["port"] = str(url.port)
    if url.username:
        parts["user"] = url.username
    if url.database:
        parts["dbname"] = url.database
    for key, value in url.query.items():
        if key != "host" and isinstance(value, str):
            parts[key] = value
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    conninfo = " ".join(f"{k}='{_quote(v)}'" for k, v in parts.items())
    return conninfo, env


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def _pg_tool(name: str) -> str:
    candidate = installed_pg_bin() / name
    if candidate.is_file():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(t(NO_PG_TOOL, programa=name))
    return found


def _run_pg(name: str, args: list[str], env: dict[str, str]) -> None:
    out = subprocess.run(
        [_pg_tool(name), *args], env=env, capture_output=True, text=True, timeout=3600
    )
    if out.returncode != 0:
        detail = (out.stderr or out.stdout).strip().splitlines()
        raise BackupError(t(PG_TOOL_FAILED, programa=name, detalle=" ".join(detail[-3:])))


# --- what a person reads ---------------------------------------------------------


def backup_report(result: BackupResult, keep_days: int | None = None) -> str:
    """What `macturnos backup` prints (Spanish)."""
    from macturnos.messages import size_text

    lines = [t(BACKUP_DONE, ruta=result.path, tamano=size_text(result.size_bytes))]
    if "tickets" in result.manifest:
        lines.append(
            t(
                BACKUP_COUNTS,
                turnos=result.manifest["tickets"],
                eventos=result.manifest.get("events", 0),
            )
        )
    if keep_days is not None and result.pruned:
        lines.append(t(BACKUP_PRUNED, cantidad=len(result.pruned), dias=keep_days))
    return "\n".join(lines)


def restore_report(result: RestoreResult, data_dir: Path) -> str:
    """What `macturnos restore` prints (Spanish)."""
    made = str(result.manifest.get("created_at", "?"))
    return "\n".join(
        [
            t(RESTORE_DONE, fecha=made, destino=result.target),
            t(RESTORE_NEXT, carpeta=data_dir),
        ]
    )
