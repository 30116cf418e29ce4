"""The receiver's database: registering centres, storing batches, serving downloads."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, event, insert, inspect, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from macturnos.pcm.models import (
    BookedAppointment,
    CatalogueVersion,
    Centre,
    ReceivedEvent,
    ReceiverBase,
)
from macturnos.pcm.sealing import KEY_FILE, DniSeal, load_key

log = logging.getLogger("macturnos.pcm")

EVENT_FIELDS = ("at", "day", "kind", "actor", "ticket_id", "module", "data")
"""What makes two events with the same (centre, seq) the same event."""

CENTRE_CODE_RE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
DNI_RE = re.compile(r"[0-9]{8}")  # ASCII only: \d takes any Unicode digit
CATALOGUE_SECTIONS = frozenset({"services", "hours", "holidays"})
"""The parts of a centre's file the PCM may publish; the rest is the centre's own."""


class ReceiverError(Exception):
    """A refusal of the receiver, with a stable code."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class IngestResult:
    """What a batch did: the acknowledged sequence number and the counts."""

    acknowledged_seq: int
    stored: int
    duplicates: int


def _private_file(path: Path) -> None:
    """Create the database file with mode 0600 (SQLite gives its -wal and -shm the same).

    It holds the centres' events and sealed DNIs: the receiver's own account only.
    A file left looser by an older version is tightened.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and file.stat().st_mode & 0o077:
            log.warning("%s was readable by other users: mode set to 0600", file)
            file.chmod(0o600)


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return Path(parsed.database)
    return None


def default_key_file(url: str) -> Path | None:
    """Where the DNI sealing key lives by default: beside a SQLite file, else the environment."""
    env = os.environ.get("MACTURNOS_PCM_DNI_KEY_FILE")
    if env:
        return Path(env)
    file = _sqlite_file(url)
    if file is not None:
        return file.parent / KEY_FILE
    if make_url(url).get_backend_name() == "sqlite":
        return None  # in memory: a key of this process only
    return Path("var/pcm") / KEY_FILE


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, isolation_level="READ COMMITTED")
    file = _sqlite_file(url)
    if file is not None:
        _private_file(file)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")  # an acknowledged batch must survive a crash
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Several centres post at once: take the write lock up front, never upgrade late.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class ReceiverStore:
    """The receiver's database (SQLite file or PostgreSQL URL)."""

    def __init__(self, url: str, *, key_file: Path | None = None) -> None:
        self.url = url
        self.backend = make_url(url).get_backend_name()
        key_file = key_file or default_key_file(url)
        self._seal = DniSeal(load_key(key_file) if key_file else secrets.token_bytes(32))
        self.engine = _engine(url)
        self._seal_clear_dnis()
        ReceiverBase.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def _seal_clear_dnis(self) -> None:
        """Seal the DNIs an older receiver kept in clear (its `dni` column), then drop them."""
        table = BookedAppointment.__tablename__
        inspector = inspect(self.engine)
        if not inspector.has_table(table):
            return
        columns = {c["name"] for c in inspector.get_columns(table)}
        if "dni" not in columns:
            return
        with self.engine.begin() as conn:
            if "dni_sealed" not in columns:
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN dni_sealed VARCHAR(80)"))
            rows = conn.execute(text(f"SELECT id, dni FROM {table}")).all()
            for row_id, dni in rows:
                conn.execute(
                    text(f"UPDATE {table} SET dni_sealed = :s WHERE id = :i"),
                    {"s": self._seal.seal(str(dni)), "i": row_id},
                )
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN dni"))
        if self.backend == "sqlite":
            # The dropped values may linger in free pages until the file is rebuilt.
            raw = self.engine.raw_connection()  # outside any transaction, as VACUUM needs
            try:
                raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
                raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
            finally:
                raw.close()
        log.info("sealed %d DNIs kept in clear by an older receiver", len(rows))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction, committed on success."""
        with self._sessions() as s, s.begin():
            yield s

    def dispose(self) -> None:
        """Close pooled connections."""
        self.engine.dispose()

    # --- centres ---------------------------------------------------------------

    def add_centre(self, code: str) -> str:
        """Register a centre (or renew its credential); returns the new secret token."""
        if not (2 <= len(code) <= 20 and CENTRE_CODE_RE.match(code)):
            raise ReceiverError("PCM_BAD_CENTRE_CODE", code)
        token = secrets.token_urlsafe(32)
        with self.session() as s:
            centre = s.scalar(select(Centre).where(Centre.code == code))
            if centre is None:
                s.add(Centre(code=code, token_hash=_token_hash(token), created_at=_now()))
            else:
                centre.token_hash = _token_hash(token)
        return token

    def authenticate(self, code: str, token: str) -> int:
        """The centre's id when `token` is its credential; PCM_NOT_AUTHENTICATED otherwise."""
        with self._sessions() as s:
            centre = s.scalar(select(Centre).where(Centre.code == code))
        expected = centre.token_hash if centre is not None else _token_hash("")
        # Compare even for an unknown centre so timing does not reveal which codes exist.
        if not hmac.compare_digest(expected, _token_hash(token)) or centre is None:
            raise ReceiverError("PCM_NOT_AUTHENTICATED")
        return centre.id

    def centres(self) -> list[dict[str, Any]]:
        """Every registered centre with its acknowledged sequence number."""
        with self._sessions() as s:
            return [
                {"code": c.code, "acked_seq": c.acked_seq, "last_received_at": c.last_received_at}
                for c in s.scalars(select(Centre).order_by(Centre.code))
            ]

    # --- events ----------------------------------------------------------------

    def ingest(self, centre_id: int, after: int, events: Sequence[dict[str, Any]]) -> IngestResult:
        """Store a batch covering the sequence numbers (after, last]; duplicates are ignored.

        A duplicate is the same event sent again; a different event under a number
        already held (a centre whose database was replaced) is refused whole with
        PCM_SEQ_CONFLICT, never dropped silently as a duplicate (issue 16, item 12).

        The acknowledged number moves only when the batch starts at or below it, so it
        always means "every event up to here is held" even if batches arrive out of order
        (a sequence may have holes from rolled-back transactions: the batch vouches that
        its range is complete).
        """
        now = _now()
        with self.session() as s:
            stmt = select(Centre).where(Centre.id == centre_id)
            if self.backend == "postgresql":
                stmt = stmt.with_for_update()  # one batch of a centre at a time
            centre = s.scalar(stmt)
            if centre is None:
                raise ReceiverError("PCM_NOT_AUTHENTICATED")
            seqs = [int(e["seq"]) for e in events]
            held = {
                e.seq: e
                for e in s.scalars(
                    select(ReceivedEvent).where(
                        ReceivedEvent.centre_id == centre_id,
                        ReceivedEvent.seq >= seqs[0],
                        ReceivedEvent.seq <= seqs[-1],
                    )
                )
            }
            for e in events:
                kept = held.get(e["seq"])
                if kept is not None and not _same_event(kept, e):
                    raise ReceiverError("PCM_SEQ_CONFLICT", str(e["seq"]))
            rows = [
                {
                    "centre_id": centre_id,
                    "seq": e["seq"],
                    "at": e["at"],
                    "day": e["day"],
                    "kind": e["kind"],
                    "actor": e["actor"],
                    "ticket_id": e.get("ticket_id"),
                    "module": e.get("module"),
                    "data": e.get("data") or {},
                    "received_at": now,
                }
                for e in events
                if e["seq"] not in held
            ]
            if rows:
                s.execute(insert(ReceivedEvent), rows)
            if after <= centre.acked_seq < seqs[-1]:
                centre.acked_seq = seqs[-1]
            centre.last_received_at = now
            return IngestResult(centre.acked_seq, len(rows), len(events) - len(rows))

    def events(self, code: str, after: int = 0, limit: int = 100_000) -> list[ReceivedEvent]:
        """A centre's stored events after a sequence number, in order."""
        with self._sessions() as s:
            return list(
                s.scalars(
                    select(ReceivedEvent)
                    .join(Centre, Centre.id == ReceivedEvent.centre_id)
                    .where(Centre.code == code, ReceivedEvent.seq > after)
                    .order_by(ReceivedEvent.seq)
                    .limit(limit)
                )
            )

    # --- appointments ----------------------------------------------------------

    def _centre_id(self, s: Session, code: str) -> int:
        cid = s.scalar(select(Centre.id).where(Centre.code == code))
        if cid is None:
            raise ReceiverError("PCM_UNKNOWN_CENTRE", code)
        return cid

    def load_appointments(self, code: str, day: date, rows: Sequence[dict[str, Any]]) -> int:
        """Replace a centre's appointments of a day (ref, dni, service, at); returns the count."""
        parsed = []
        for row in rows:
            dni = row["dni"]
            # A number is refused, not turned into text: 01234567 would lose its zero.
            if not (isinstance(dni, str) and DNI_RE.fullmatch(dni)):
                # Never echo the value: it is personal data.
                raise ReceiverError("PCM_BAD_APPOINTMENT", str(row.get("ref", "")))
            at = row["at"] if isinstance(row["at"], datetime) else datetime.fromisoformat(row["at"])
            if at.tzinfo is None:
                raise ReceiverError("PCM_BAD_APPOINTMENT", str(row["ref"]))
            parsed.append(
                {
                    "ref": str(row["ref"]),
                    "dni_sealed": self._seal.seal(dni),
                    "service": str(row["service"]),
                    "at": at,
                }
            )
        with self.session() as s:
            cid = self._centre_id(s, code)
            s.execute(
                delete(BookedAppointment).where(
                    BookedAppointment.centre_id == cid, BookedAppointment.day == day
                )
            )
            for row in parsed:
                s.add(BookedAppointment(centre_id=cid, day=day, **row))
        return len(parsed)

    def appointments(self, centre_id: int, day: date) -> list[dict[str, Any]]:
        """A centre's appointments of a day: only what check-in needs."""
        with self._sessions() as s:
            rows = s.scalars(
                select(BookedAppointment)
                .where(BookedAppointment.centre_id == centre_id, BookedAppointment.day == day)
                .order_by(BookedAppointment.at, BookedAppointment.ref)
            )
            return [
                {
                    "ref": a.ref,
                    "dni": self._seal.open(a.dni_sealed),
                    "service": a.service,
                    "at": a.at.isoformat(),
                }
                for a in rows
            ]

    # --- catalogue -------------------------------------------------------------

    def publish_catalogue(self, code: str, version: str, sections: dict[str, Any]) -> None:
        """Publish a new catalogue version for a centre (services, hours, holidays)."""
        if not isinstance(version, str) or not version.strip():
            # YAML reads `version: 2026.10` as the number 2026.1: refuse, never guess.
            raise ReceiverError("PCM_BAD_CATALOGUE", "version: debe ser un texto entre comillas")
        unknown = set(sections) - CATALOGUE_SECTIONS
        if unknown:
            raise ReceiverError("PCM_BAD_CATALOGUE", ", ".join(sorted(unknown)))
        if not sections:
            raise ReceiverError("PCM_BAD_CATALOGUE", "sections")
        with self.session() as s:
            cid = self._centre_id(s, code)
            row = s.get(CatalogueVersion, cid)
            if row is None:
                s.add(
                    CatalogueVersion(
                        centre_id=cid, version=version, sections=sections, published_at=_now()
                    )
                )
            else:
                row.version, row.sections, row.published_at = version, sections, _now()

    def catalogue(self, centre_id: int) -> dict[str, Any]:
        """The catalogue published for a centre; version null when none was."""
        with self._sessions() as s:
            row = s.get(CatalogueVersion, centre_id)
            if row is None:
                return {"version": None, "sections": {}}
            return {
                "version": row.version,
                "sections": row.sections,
                "published_at": row.published_at.isoformat(),
            }


def _same_event(kept: ReceivedEvent, sent: dict[str, Any]) -> bool:
    """Whether a held event and one sent again under its number are the same event."""
    sent = {**sent, "data": sent.get("data") or {}}
    return all(getattr(kept, name) == sent.get(name) for name in EVENT_FIELDS)
