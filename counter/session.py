"""One staff session at a counter: login, live link, server time and guarded actions.

`CounterSession` is the presenters' single door to the client library. Every
state change goes through `act()`: one idempotency key per press, at most one
call in flight, nothing sent while the live link is down. Reads go through
`read()` and never lock the buttons.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal, Slot

from macturnos.client.api import new_idempotency_key
from macturnos.client.connection import Connection
from macturnos.client.errors import ApiRefusal, ClientError
from macturnos.client.qt import ApiCall, QtBridge

log = logging.getLogger("macturnos.counter.session")

ADVISOR = "advisor"
ORIENTATOR = "orientator"
SUPERVISOR = "supervisor"
COORDINATOR = "coordinator"
MANAGER_ROLES = frozenset({SUPERVISOR, COORDINATOR})
COUNTER_ROLES = frozenset({ADVISOR, ORIENTATOR, SUPERVISOR, COORDINATOR})

Callback = Callable[[Any], None]


class CounterSession(QObject):
    """The logged-in staff member, the live centre state and the action guard."""

    loggedIn = Signal()  # noqa: N815 - Qt's naming
    loginFailed = Signal(str)  # noqa: N815
    loggedOut = Signal(str)  # noqa: N815 - the reason shown on the login screen ("" = by choice)
    linkChanged = Signal(bool, str)  # noqa: N815
    busyChanged = Signal(bool)  # noqa: N815
    actionFailed = Signal(str)  # noqa: N815 - a Spanish reason, shown as it comes
    stateChanged = Signal()  # noqa: N815
    snapshotReady = Signal()  # noqa: N815
    eventReceived = Signal(dict)  # noqa: N815

    def __init__(self, connection: Connection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.connection = connection
        self.bridge = QtBridge(connection, self)
        self.answer: dict[str, Any] = {}
        self.config: dict[str, Any] = {}
        self.connected = False
        self.link_reason = ""
        self.busy = False
        self._logging_in = False
        self._offset = timedelta(0)
        self.bridge.connectionChanged.connect(self._on_link)
        self.bridge.snapshotReady.connect(self._on_snapshot)
        self.bridge.stateChanged.connect(self.stateChanged)
        self.bridge.eventReceived.connect(self._on_event)
        self.bridge.sessionRefused.connect(self._on_refused)

    # --- who is logged in ---------------------------------------------------------

    @property
    def role(self) -> str:
        """The staff role: advisor, orientator, supervisor or coordinator."""
        return str(self.answer.get("role") or "")

    @property
    def user(self) -> dict[str, Any]:
        """The user's id, username, full name and entity."""
        return dict(self.answer.get("user") or {})

    @property
    def logged_in(self) -> bool:
        """Whether a session is open."""
        return bool(self.answer)

    @property
    def state(self) -> Any:
        """The live CentreState."""
        return self.connection.state

    @property
    def api(self) -> Any:
        """The ApiClient (only inside calls run by `act`/`read`)."""
        return self.connection.api

    # --- configuration helpers ----------------------------------------------------

    @property
    def timezone(self) -> ZoneInfo:
        """The centre's time zone."""
        name = (self.config.get("centre") or {}).get("timezone") or "America/Lima"
        return ZoneInfo(name)

    def rule(self, name: str, default: int) -> int:
        """A number from the centre's rules (max_recalls, pause_alert_min...)."""
        value = (self.config.get("rules") or {}).get(name)
        return int(value) if isinstance(value, int) else default

    def services(self) -> list[dict[str, Any]]:
        """The configured services, in the file's order."""
        return list(self.config.get("services") or [])

    def entities(self) -> dict[str, dict[str, Any]]:
        """The configured entities by code."""
        return {e["code"]: e for e in self.config.get("entities") or []}

    def service_label(self, code: str) -> str:
        """ "Entity · Service" for pickers."""
        entities = self.entities()
        for s in self.services():
            if s["code"] == code:
                ent = entities.get(s["entity"], {})
                return f"{ent.get('short_name') or s['entity']} · {s['name']}"
        return code

    def preferential_categories(self) -> list[dict[str, Any]]:
        """The preferential groups the centre recognises (code, name)."""
        return list(self.config.get("preferential_categories") or [])

    def preferential_name(self, code: str | None) -> str | None:
        """The Spanish name of a preferential category code."""
        if code is None:
            return None
        for c in self.preferential_categories():
            if c["code"] == code:
                return str(c["name"])
        return code

    @property
    def clock_offset(self) -> timedelta:
        """The server's clock minus this machine's (zero unless a demo clock runs)."""
        return self._offset

    def server_now(self) -> datetime:
        """The server's current time (demo and training clocks run shifted)."""
        return datetime.now(self.timezone) + self._offset

    # --- login and logout -----------------------------------------------------------

    def login(self, username: str, password: str) -> bool:
        """Log in off the GUI thread; `loggedIn` or `loginFailed` follows."""
        if self._logging_in or self.logged_in:
            return False
        self._logging_in = True
        conn = self.connection

        def run() -> tuple[dict[str, Any], dict[str, Any]]:
            answer = conn.login(username, password)
            try:
                return answer, conn.api.config()
            except ClientError:
                # No half-open session: the app cannot work without the catalogue.
                conn.logout()
                raise

        self.bridge.run(run, ok=self._logged_in, failed=self._login_failed)
        return True

    def _logged_in(self, result: tuple[dict[str, Any], dict[str, Any]]) -> None:
        self._logging_in = False
        answer, config = result
        if answer.get("role") not in COUNTER_ROLES:
            self.bridge.run(self.connection.logout)
            self.loginFailed.emit(
                self.tr("Su rol no usa el programa de módulos; use la consola de administración.")
            )
            return
        self.answer = answer
        self.config = config
        # The stream may already have announced itself before we listened.
        self.connected = self.connection.connected
        self.loggedIn.emit()

    def _login_failed(self, error: ClientError) -> None:
        self._logging_in = False
        self.loginFailed.emit(error.message)

    def logout(self, reason: str = "") -> None:
        """End the session (on the server when reachable) and go back to the login screen."""
        if not self.logged_in:
            return
        self.answer = {}
        self.config = {}
        self.connected = False
        self._set_busy(False)
        self.bridge.run(self.connection.logout)
        self.loggedOut.emit(reason)

    @Slot(object)
    def _on_refused(self, refusal: ApiRefusal) -> None:
        if self.logged_in:
            self.logout(self.tr("Su sesión terminó: {motivo}").format(motivo=refusal.message))

    # --- live link ----------------------------------------------------------------

    @Slot(bool, str)
    def _on_link(self, connected: bool, reason: str) -> None:
        if not self.logged_in:
            return
        self.connected = connected
        self.link_reason = reason
        self.linkChanged.emit(connected, reason)

    @Slot()
    def _on_snapshot(self) -> None:
        now = self.state.now
        if now is not None:
            self._offset = now - datetime.now(self.timezone)
        if self.logged_in and not self.connected:
            self._on_link(True, "")
        self.snapshotReady.emit()

    @Slot(dict)
    def _on_event(self, event: dict[str, Any]) -> None:
        # An event stamped later than our idea of the server's time means its clock
        # moved ahead (a demo or training clock): follow it.
        at = event.get("at")
        if at:
            ahead = datetime.fromisoformat(at) - datetime.now(self.timezone)
            if ahead > self._offset:
                self._offset = ahead
        self.eventReceived.emit(event)

    def disabled_reason(self) -> str:
        """Why actions are disabled now ("" when they are not)."""
        if not self.connected:
            return self.tr("Sin conexión con el servidor: acciones deshabilitadas")
        if self.busy:
            return self.tr("Procesando la acción anterior…")
        return ""

    def can_act(self) -> bool:
        """Whether an action may be sent now (linked, none in flight)."""
        return self.logged_in and self.connected and not self.busy

    # --- calls ------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        if self.busy != busy:
            self.busy = busy
            self.busyChanged.emit(busy)

    def act(
        self,
        fn: Callable[..., Any],
        *args: Any,
        ok: Callback | None = None,
        failed: Callback | None = None,
        **kwargs: Any,
    ) -> ApiCall | None:
        """Send one state change with a fresh idempotency key; None if refused locally.

        `fn` is an ApiClient method taking `idempotency_key`. While it runs, every
        other action is refused, so a repeated click cannot act twice.
        """
        if not self.can_act():
            reason = self.disabled_reason()
            if reason:
                self.actionFailed.emit(reason)
            return None
        self._set_busy(True)
        key = new_idempotency_key()

        def done_ok(result: Any) -> None:
            self._set_busy(False)
            if ok is not None:
                ok(result)

        def done_failed(error: ClientError) -> None:
            self._set_busy(False)
            self._failed(error, failed)

        return self.bridge.run(
            fn, *args, idempotency_key=key, ok=done_ok, failed=done_failed, **kwargs
        )

    def read(
        self,
        fn: Callable[..., Any],
        *args: Any,
        ok: Callback | None = None,
        failed: Callback | None = None,
        **kwargs: Any,
    ) -> ApiCall:
        """Run a read (lookup, queues, event log) off the GUI thread."""
        return self.bridge.run(fn, *args, ok=ok, failed=lambda e: self._failed(e, failed), **kwargs)

    def _failed(self, error: ClientError, failed: Callback | None) -> None:
        if isinstance(error, ApiRefusal) and error.status == 401 and self.logged_in:
            self.logout(self.tr("Su sesión terminó: {motivo}").format(motivo=error.message))
            return
        log.info("call failed: %r", error)
        if failed is not None:
            failed(error)
        self.actionFailed.emit(error.message)

    def close(self) -> None:
        """Stop the link and release the connection (the app is closing)."""
        # Timers still pending must see the link gone and send nothing.
        self.connected = False
        self.bridge.detach()
        self.connection.close()
