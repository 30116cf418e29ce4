"""The kiosk's journal of tickets issued but not yet in the citizen's hands (no Qt).

An entry is written before the issue request leaves (with its idempotency key),
completed with the ticket id when the server answers, and removed once the
ticket is printed or shown on screen. Whatever is left after a crash is a
ticket nobody received: at the next start the kiosk cancels it (reason
print_failed), so no ghost ticket waits in a queue. No personal data is kept.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

log = logging.getLogger("macturnos.kiosk.journal")


@dataclass(frozen=True)
class PendingTicket:
    """One ticket on its way to the citizen."""

    key: str
    """The idempotency key of the issue request."""
    started_at: str
    """ISO time the citizen tapped."""
    kind: str = "issue"
    """"issue" (POST /tickets) or "check_in" (POST /appointments/check-in)."""
    service: str | None = None
    preferential: str | None = None
    assistance: str | None = None
    """The assistance asked for: a replay must send the same request under its key."""
    ticket_id: int | None = None
    number: str | None = None


class PendingJournal:
    """A small JSON file of pending tickets, rewritten atomically on every change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._entries: dict[str, PendingTicket] = self._read()

    def _read(self) -> dict[str, PendingTicket]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as err:
            # A torn file must not stop the kiosk; the server's log still has the tickets.
            log.error("pending-ticket journal %s unreadable (%s); starting empty", self.path, err)
            return {}
        entries: dict[str, PendingTicket] = {}
        for item in raw if isinstance(raw, list) else []:
            try:
                entry = PendingTicket(**item)
            except TypeError:
                log.error("journal entry with unexpected fields skipped")
                continue
            entries[entry.key] = entry
        return entries

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        data = json.dumps([asdict(e) for e in self._entries.values()])
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())  # the point of the journal is to survive a power cut
        os.replace(tmp, self.path)

    def begin(
        self,
        key: str,
        *,
        kind: str = "issue",
        service: str | None = None,
        preferential: str | None = None,
        assistance: str | None = None,
    ) -> PendingTicket:
        """Record a tap before its request is sent."""
        entry = PendingTicket(
            key=key,
            started_at=datetime.now().astimezone().isoformat(),
            kind=kind,
            service=service,
            preferential=preferential,
            assistance=assistance,
        )
        with self._lock:
            self._entries[key] = entry
            self._write()
        return entry

    def issued(self, key: str, ticket_id: int, number: str) -> None:
        """The server answered: remember which ticket the tap produced."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return
            self._entries[key] = PendingTicket(
                **{**asdict(entry), "ticket_id": int(ticket_id), "number": number}
            )
            self._write()

    def done(self, key: str) -> None:
        """The citizen has the number (printed, shown, cancelled or never issued)."""
        with self._lock:
            if self._entries.pop(key, None) is not None:
                self._write()

    def pending(self) -> list[PendingTicket]:
        """Entries not yet settled, oldest first."""
        with self._lock:
            return sorted(self._entries.values(), key=lambda e: e.started_at)
