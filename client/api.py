"""The apps' synchronous client of the turn server's /api/v1: one method per endpoint.

The transport under it (retries, idempotency keys, answers turned into
`ClientError`s) is `macturnos.client.http.HttpClient`; the names it exports
are re-exported here for the modules that import them from this one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from macturnos.client.http import (
    API_PREFIX,
    DEFAULT_BACKOFF_S,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    MAX_KEY_LENGTH,
    RETRY_STATUSES,
    ApiResponse,
    HttpClient,
    new_idempotency_key,
)

__all__ = [
    "API_PREFIX",
    "DEFAULT_BACKOFF_S",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "MAX_KEY_LENGTH",
    "RETRY_STATUSES",
    "ApiClient",
    "ApiResponse",
    "Appointment",
    "HttpClient",
    "new_idempotency_key",
]


@dataclass(frozen=True)
class Appointment:
    """An appointment being checked in at the kiosk (no personal data)."""

    at: datetime
    ref: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The request body's shape."""
        return {"at": self.at.isoformat(), "ref": self.ref}


def _day_param(day: date | None) -> dict[str, str] | None:
    return {"day": day.isoformat()} if day is not None else None


class ApiClient(HttpClient):
    """A thread-safe client of the turn server's HTTP API with bounded timeouts and retries."""

    # --- centre --------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        """Whether the server and its database answer, with its centre and versions."""
        return self.request("GET", "/health", authenticated=False).data

    def config(self) -> dict[str, Any]:
        """The centre's configuration as clients need it."""
        return self._get("/config")

    def snapshot(self) -> dict[str, Any]:
        """The whole live state with the sequence number it reflects."""
        return self._get("/snapshot")

    def queues(self) -> list[dict[str, Any]]:
        """Every service with waiting count, estimate and availability."""
        return self._get("/queues")

    def events(self, after: int = 0, limit: int = 1000) -> list[dict[str, Any]]:
        """The event log after a sequence number (supervisors, reports)."""
        return self._get("/events", {"after": after, "limit": limit})

    # --- the centre's day: opening checklist, closing, seal ---------------------

    def day_checklist(self) -> dict[str, Any]:
        """Today's opening checklist, automatic items pre-filled by the server's probes."""
        return self._get("/day/checklist")

    def register_opening(
        self,
        items: list[Mapping[str, Any]],
        note: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Registrar apertura: send the checklist answers ({code, result, note}); answers the run."""
        return self._write(
            "POST",
            "/day/checklist",
            {"items": [dict(i) for i in items], "note": note},
            key=idempotency_key,
        )

    def day_status(self, day: date | None = None) -> dict[str, Any]:
        """A day's state (open, blocked, sealed...) with the message for citizens."""
        return self._get("/day/status", _day_param(day))

    def day_closing(self, day: date | None = None) -> dict[str, Any]:
        """The tickets still open near closing, and whether the day can be sealed."""
        return self._get("/day/closing", _day_param(day))

    def close_remaining(
        self,
        day: date | None = None,
        ticket_ids: list[int] | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Close waiting and called tickets (all, or these) as not served at closing."""
        return self._write(
            "POST",
            "/day/closing/close-remaining",
            {"day": day.isoformat() if day else None, "ticket_ids": ticket_ids},
            key=idempotency_key,
        )

    def seal_day(
        self, day: date | None = None, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Seal the day (no ticket left open); answers its summary."""
        return self._write(
            "POST", "/day/seal", {"day": day.isoformat() if day else None}, key=idempotency_key
        )

    def day_summary(self, day: date | None = None) -> dict[str, Any]:
        """A day's figures: kept at the seal, or provisional."""
        return self._get("/day/summary", _day_param(day))

    def reload_config(self, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Make the server read the centre file again; answers the list of changes."""
        return self._write("POST", "/config/reload", key=idempotency_key)

    # --- sessions and devices ------------------------------------------------

    def login(self, username: str, password: str) -> dict[str, Any]:
        """Log a staff member in and keep the session's token for later calls."""
        # A retry after a lost answer only opens a second session: harmless.
        data = self._write(
            "POST",
            "/auth/login",
            {"username": username, "password": password},
            authenticated=False,
        )
        with self._lock:
            self._token = data["token"]
            self.role = data.get("role")
            self.user = data.get("user")
        return data

    def logout(self) -> None:
        """End this session on the server and forget its token (also when offline)."""
        try:
            if self.token is not None:
                self._write("POST", "/auth/logout")
        finally:
            with self._lock:
                self._token = None
                self.role = None
                self.user = None

    def pair(self, pairing_code: str) -> dict[str, Any]:
        """Exchange a kiosk's or call screen's one-time pairing code for its token."""
        # The code is spent on first use, so a request that may have arrived is
        # not repeated: the answer would only be a refusal.
        data = self._write(
            "POST",
            "/devices/pair",
            {"pairing_code": pairing_code},
            replay_safe=False,
            authenticated=False,
        )
        with self._lock:
            self._token = data["token"]
            self.role = data.get("role")
            self.user = None
        return data

    def me(self) -> dict[str, Any]:
        """Who this token belongs to (role, label, name)."""
        return self._get("/auth/me")

    def end_user_session(
        self, username: str, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """A supervisor ends every session of a staff member."""
        return self._write(
            "POST", f"/users/{quote(username, safe='')}/end-session", key=idempotency_key
        )

    def register_device(
        self, kind: str, code: str, name: str, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Register a kiosk or call screen; answers its one-time pairing code."""
        return self._write(
            "POST",
            "/devices",
            {"kind": kind, "code": code, "name": name},
            key=idempotency_key,
            replay_safe=False,
        )

    def report_health(
        self,
        status: str,
        detail: Mapping[str, str | int | float | bool | None] | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """A device reports its health: ok, warning or error, with details."""
        return self._write(
            "POST",
            "/devices/me/health",
            {"status": status, "detail": dict(detail or {})},
            key=idempotency_key,
        )

    def report_leds(
        self, displays: list[dict[str, Any]], *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """An LED agent reports each display it drives: module, status, reason, last error."""
        return self._write("POST", "/devices/me/leds", {"displays": displays}, key=idempotency_key)

    def leds(self) -> list[dict[str, Any]]:
        """Every module's LED display and its last reported state (supervisors, ICT)."""
        return self._get("/leds")

    # --- tickets --------------------------------------------------------------

    def issue(
        self,
        service: str,
        preferential: str | None = None,
        appointment: Appointment | Mapping[str, Any] | None = None,
        *,
        assistance: str | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Issue a ticket; answers the ticket, people ahead, estimate and signed code.

        `assistance` is the code of an assistance the citizen needs (sign language, ...).
        """
        body: dict[str, Any] = {"service": service, "preferential": preferential}
        if assistance is not None:
            body["assistance"] = assistance
        if isinstance(appointment, Appointment):
            body["appointment"] = appointment.to_json()
        elif appointment is not None:
            body["appointment"] = {
                k: v.isoformat() if isinstance(v, datetime) else v for k, v in appointment.items()
            }
        return self._write("POST", "/tickets", body, key=idempotency_key)

    def lookup(self, number: str) -> dict[str, Any]:
        """Today's ticket by its number, e.g. R-023."""
        return self._get("/tickets/lookup", {"number": number})

    def ticket(self, ticket_id: int) -> dict[str, Any]:
        """One ticket by id."""
        return self._get(f"/tickets/{int(ticket_id)}")

    def cancel(
        self, ticket_id: int, reason: str, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Cancel a waiting or called ticket with a reason (e.g. print_failed)."""
        return self._write(
            "POST", f"/tickets/{int(ticket_id)}/cancel", {"reason": reason}, key=idempotency_key
        )

    def reactivate(self, ticket_id: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Put a no-show or cancelled ticket back in its queue."""
        return self._write("POST", f"/tickets/{int(ticket_id)}/reactivate", key=idempotency_key)

    def transfer(
        self,
        ticket_id: int,
        service: str,
        note: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Reception sends a citizen to another service; answers the new ticket."""
        return self._write(
            "POST",
            f"/tickets/{int(ticket_id)}/transfer",
            {"service": service, "note": note},
            key=idempotency_key,
        )

    # --- the complaints and compliments book --------------------------------------------

    def record_complaint(
        self,
        kind: str,
        text: str,
        complainant: Mapping[str, str] | None = None,
        *,
        ticket_id: int | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Record a reclamo (with who files it), sugerencia or felicitacion; its receipt."""
        body: dict[str, Any] = {"kind": kind, "text": text}
        if complainant is not None:
            body["complainant"] = dict(complainant)
        if ticket_id is not None:
            body["ticket_id"] = ticket_id
        return self._write("POST", "/complaints", body, key=idempotency_key)

    def complaints(self, state: str | None = None) -> list[dict[str, Any]]:
        """The book, newest first (identity and text for the coordinator only)."""
        return self._get("/complaints" + (f"?state={quote(state, safe='')}" if state else ""))

    def complaint_progress(
        self,
        number: str,
        state: str,
        answer: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """The coordinator takes an entry in hand ("in_progress") or answers it."""
        path = f"/complaints/{quote(number, safe='')}/progress"
        return self._write("POST", path, {"state": state, "answer": answer}, key=idempotency_key)

    # --- the satisfaction survey (a survey tablet) -------------------------------------

    def survey_pending(self, module: int) -> dict[str, Any]:
        """The attention just finished at `module` to rate (`{"ticket": None}` when none)."""
        return self._get(f"/survey/pending?module={int(module)}")

    def rate_attention(
        self,
        module: int,
        ticket_id: int,
        score: int,
        reason: str | None = None,
        comment: str | None = None,
    ) -> dict[str, Any]:
        """Rate the attention just finished at `module` (once per ticket)."""
        body: dict[str, Any] = {"module": module, "ticket_id": ticket_id, "score": score}
        body |= {"reason": reason, "comment": comment}
        return self._write("POST", "/survey/ratings", body)

    def ratings(self, day: date | None = None) -> dict[str, Any]:
        """A day's ratings (an advisor: their own)."""
        return self._get("/ratings" + (f"?day={day.isoformat()}" if day else ""))

    def verify(self, code: str) -> dict[str, Any]:
        """Check the signed code read from a ticket's QR."""
        return self._write("POST", "/tickets/verify", {"code": code})

    # --- modules ---------------------------------------------------------------

    def modules(self) -> list[dict[str, Any]]:
        """Every module with its advisor, state and current ticket."""
        return self._get("/modules")

    def _module(
        self, method: str, number: int, action: str, body: Any = None, key: str | None = None
    ) -> dict[str, Any]:
        return self._write(method, f"/modules/{int(number)}/{action}", body, key=key)

    def open_module(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """The advisor takes the module."""
        return self._module("POST", number, "session", key=idempotency_key)

    def leave_module(
        self, number: int, *, ticket: str | None = None, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """The advisor leaves the module.

        `ticket` says what becomes of a ticket in service: "finish" or "return" (to the
        front of its queue); without it such a ticket refuses (MODULE_LEAVE_IN_SERVICE).
        """
        action = "session" if ticket is None else f"session?ticket={ticket}"
        return self._module("DELETE", number, action, key=idempotency_key)

    def free_module(
        self,
        number: int,
        ticket: str = "return",
        note: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """A supervisor frees a module held by someone who left ("finish" or "return")."""
        body = {"ticket": ticket, "note": note}
        return self._module("POST", number, "free", body, key=idempotency_key)

    def assign_module(
        self, number: int, username: str, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """A supervisor seats an advisor at a module (also another entity's), recorded."""
        return self._module("POST", number, "assign", {"username": username}, key=idempotency_key)

    def suspensions(self) -> list[dict[str, Any]]:
        """Entities and services whose issuing is suspended, with the reason."""
        return self._get("/suspensions")

    def suspend_issuing(
        self, scope: str, code: str, reason: str, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Suspend issuing for an entity or a service ("entity"/"service"), with a reason."""
        body = {"scope": scope, "code": code, "reason": reason}
        return self._write("POST", "/suspensions", body, key=idempotency_key)

    def resume_issuing(
        self, scope: str, code: str, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Issue tickets again for the entity or service."""
        path = f"/suspensions/{quote(scope, safe='')}/{quote(code, safe='')}/resume"
        return self._write("POST", path, key=idempotency_key)

    def revoke_device(self, code: str, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Un-pair a kiosk or call screen: its token is refused at once."""
        path = f"/devices/{quote(code, safe='')}/revoke"
        return self._write("POST", path, key=idempotency_key)

    def close_module(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """A supervisor closes a module."""
        return self._module("POST", number, "close", key=idempotency_key)

    def call_next(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Call the next citizen to the module; answers the called ticket."""
        return self._module("POST", number, "call-next", key=idempotency_key)

    def call(
        self, number: int, ticket_id: int, reason: str, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Call a given ticket out of order, with the reason."""
        return self._module(
            "POST",
            number,
            "call",
            {"ticket_id": int(ticket_id), "reason": reason},
            key=idempotency_key,
        )

    def recall(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Call the module's current ticket again."""
        return self._module("POST", number, "recall", key=idempotency_key)

    def start(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Start serving the citizen who came."""
        return self._module("POST", number, "start", key=idempotency_key)

    def finish(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Finish the attention."""
        return self._module("POST", number, "finish", key=idempotency_key)

    def no_show(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """The called citizen did not come."""
        return self._module("POST", number, "no-show", key=idempotency_key)

    def return_to_queue(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Put the module's called ticket back in its queue."""
        return self._module("POST", number, "return", key=idempotency_key)

    def module_transfer(
        self,
        number: int,
        ticket_id: int,
        service: str,
        note: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Transfer the module's current ticket to another service; answers the new ticket."""
        return self._module(
            "POST",
            number,
            "transfer",
            {"ticket_id": int(ticket_id), "service": service, "note": note},
            key=idempotency_key,
        )

    def pause(
        self,
        number: int,
        reason: str,
        note: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Pause the module: refrigerio, capacitacion, soporte_tecnico or otro (with a note)."""
        return self._module(
            "POST", number, "pause", {"reason": reason, "note": note}, key=idempotency_key
        )

    def resume(self, number: int, *, idempotency_key: str | None = None) -> dict[str, Any]:
        """End the module's pause."""
        return self._module("POST", number, "resume", key=idempotency_key)

    # --- appointments ----------------------------------------------------------

    def check_in(
        self,
        *,
        dni: str | None = None,
        code: str | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Check in today's appointment by DNI or booking code (exactly one); answers the ticket.

        The DNI travels only in this request's body: it is never logged here.
        """
        if (dni is None) == (code is None):
            raise ValueError("give either a DNI or a booking code")
        body = {"dni": dni} if dni is not None else {"code": code}
        return self._write("POST", "/appointments/check-in", body, key=idempotency_key)

    # --- supervisor's monitor: devices and the PCM sync ------------------------

    def devices(self) -> list[dict[str, Any]]:
        """Every paired kiosk and call screen: connected now, last seen, last health report."""
        return self._get("/devices")

    def sync_status(self) -> dict[str, Any]:
        """The PCM sync: last successful upload, backlog of events, last error (Spanish)."""
        return self._get("/sync/status")

    def sync_now(self) -> dict[str, Any]:
        """Ask the server to sync with the PCM now ("Sincronizar ahora"); answers at once.

        Harmless to repeat; the outcome shows in `sync_status()` a moment later.
        """
        return self.request("POST", "/sync/now").data

    def pair_status(self) -> dict[str, Any]:
        """Pair mode: this server's role, the standby, the lag and their judgement (`health`).

        `{"mode": "single", ...}` on a centre with one server. No login needed.
        """
        return self.request("GET", "/pair", authenticated=False).data
