"""One app's link to its centre: address, authentication, API client, live state (no Qt).

A `Connection` finds the server (configured URL, else zeroconf, else the last
address a paired device used), logs a staff member in or restores a device's
token, then keeps a `CentreState` live from the event stream and tells its
listeners about every change. Listeners are called from background threads;
the Qt adapter (`macturnos.client.qt`) moves them onto the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from types import TracebackType
from typing import Any, Literal

from macturnos.client.api import ApiClient
from macturnos.client.credentials import CredentialStore, DeviceCredentials
from macturnos.client.discovery import ServerAddress, resolve
from macturnos.client.errors import ApiRefusal, ClientError, ServerUnreachable
from macturnos.client.events import EventStream
from macturnos.client.state import CentreState
from macturnos.domain.queue import OrderingRules

log = logging.getLogger("macturnos.client.connection")

ChangeKind = Literal["snapshot", "event", "queues", "status", "refused"]
# Events after which estimates and availability of other queues may change
# (the number of staffed modules changed), read again from GET /queues.
_REFRESH_AFTER = frozenset(
    {"module.opened", "module.closed", "module.paused", "module.resumed", "day.opened"}
)


@dataclass(frozen=True)
class Change:
    """What a listener is told: the state changed (and why) or the link did."""

    kind: ChangeKind
    event: dict[str, Any] | None = None
    connected: bool = False
    reason: str = ""
    refusal: ApiRefusal | None = None


Listener = Callable[[Change], None]


class Connection:
    """Address, authentication, API client and live centre state for one app."""

    def __init__(
        self,
        server_url: str | None = None,
        centre: str | None = None,
        *,
        credentials: CredentialStore | None = None,
        discovery_timeout_s: float = 3.0,
        interfaces: list[str] | None = None,
        refresh_interval_s: float = 60.0,
        stream_options: dict[str, Any] | None = None,
        api_options: dict[str, Any] | None = None,
    ) -> None:
        self.server_url = server_url
        self.centre = centre
        self.credentials = credentials
        self.discovery_timeout_s = discovery_timeout_s
        self.interfaces = interfaces
        self.refresh_interval_s = refresh_interval_s
        self._stream_options = dict(stream_options or {})
        self._api_options = dict(api_options or {})
        self.state = CentreState()
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._address: ServerAddress | None = None
        self._api: ApiClient | None = None
        self._stream: EventStream | None = None
        self._refresher: threading.Thread | None = None
        self._refresh_wake = threading.Event()
        self._refresh_stop = threading.Event()

    # --- listeners --------------------------------------------------------------

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(change)` on every state or link change; returns a remover.

        It runs on a background thread: hand the work to the UI thread.
        """
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def _notify(self, change: Change) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(change)
            except Exception:  # one app's bug must not starve the other listeners
                log.exception("connection listener %r failed", listener)

    # --- address and API ----------------------------------------------------------

    @property
    def address(self) -> ServerAddress | None:
        """The server in use, once `open()` found it."""
        with self._lock:
            return self._address

    @property
    def api(self) -> ApiClient:
        """The API client (after `open()`)."""
        with self._lock:
            if self._api is None:
                raise RuntimeError("Connection.open() must be called first")
            return self._api

    @property
    def connected(self) -> bool:
        """Whether the live event stream is up now."""
        with self._lock:
            stream = self._stream
        return stream is not None and stream.connected

    @property
    def stream(self) -> EventStream | None:
        """The live event stream, once started."""
        with self._lock:
            return self._stream

    def _find_server(self) -> ServerAddress:
        saved = self.credentials.load() if self.credentials is not None else None
        centre = self.centre or (saved.centre if saved else None)
        try:
            return resolve(
                self.server_url,
                centre,
                timeout_s=self.discovery_timeout_s,
                interfaces=self.interfaces,
            )
        except ServerUnreachable:
            if saved is not None and saved.server_url:
                # No announcement heard (multicast blocked?): try where it last was.
                log.info("no server announced; trying the last known address")
                return resolve(saved.server_url, centre)
            raise

    def open(self) -> ServerAddress:
        """Find the server and prepare the API client (blocking: discovery takes seconds)."""
        with self._lock:
            if self._address is not None and self._api is not None:
                return self._address
        address = self._find_server()
        with self._lock:
            if self._api is None:
                # Every configured address (pair mode: both machines) stays known to the
                # client, so it goes on with the other one by itself.
                self._api = ApiClient(self.server_url or address.base_url, **self._api_options)
            self._api.base_url = address.base_url
            self._address = address
        return address

    def _several_addresses(self) -> bool:
        return not self.server_url or len(self.server_url.replace(",", " ").split()) > 1

    def _rediscover(self) -> ServerAddress:
        """The stream's resolver: look for the server again after repeated failures."""
        address = self._find_server()
        with self._lock:
            self._address = address
            if self._api is not None:
                self._api.base_url = address.base_url
        return address

    # --- authentication ----------------------------------------------------------

    def login(self, username: str, password: str) -> dict[str, Any]:
        """Log a staff member in, then start the live state."""
        self.open()
        answer = self.api.login(username, password)
        self.start_live()
        return answer

    def pair(self, pairing_code: str) -> dict[str, Any]:
        """Pair this kiosk or call screen, keep its token, then start the live state."""
        self.open()
        answer = self.api.pair(pairing_code)
        if self.credentials is not None:
            centre = self.centre
            try:
                centre = self.api.health().get("centre") or centre
            except ClientError:
                pass
            self.credentials.save(
                DeviceCredentials(
                    token=answer["token"],
                    role=str(answer.get("role")),
                    device_code=(answer.get("device") or {}).get("code"),
                    centre=centre,
                    server_url=",".join(self.api.server_urls),
                )
            )
        self.start_live()
        return answer

    def resume_device(self) -> bool:
        """Use the saved device token: True if the device is paired and now live.

        A token the server refuses is forgotten (pair again); a server that does
        not answer yet is no reason to give up: the stream keeps retrying.
        """
        if self.credentials is None:
            return False
        saved = self.credentials.load()
        if saved is None:
            return False
        self.open()
        self.api.token = saved.token
        self.api.role = saved.role
        try:
            self.api.me()
        except ApiRefusal as refusal:
            if refusal.status == 401:
                log.warning("the saved device token was refused (%s); pairing needed", refusal.code)
                self.credentials.forget()
                self.api.token = None
                return False
            raise
        except ServerUnreachable:
            log.info("server not answering yet; the live stream will keep trying")
        self.start_live()
        return True

    def logout(self) -> None:
        """End the staff session, stop the live state and forget it."""
        self.stop_live()
        with self._lock:
            api = self._api
        if api is not None:
            try:
                api.logout()
            except ClientError as err:
                log.info("logout not confirmed by the server: %r", err)
        self.state.reset()

    def forget_device(self) -> None:
        """Drop the saved device token (the device must be paired again)."""
        self.stop_live()
        if self.credentials is not None:
            self.credentials.forget()
        with self._lock:
            if self._api is not None:
                self._api.token = None
        self.state.reset()

    # --- live state ----------------------------------------------------------------

    def start_live(self) -> None:
        """Start the event stream feeding the state, and the queue estimate refresher."""
        with self._lock:
            if self._stream is not None:
                # A new login or token on a running stream: present it now.
                self._stream.reconnect()
                return
            api = self.api
            assert self._address is not None
            self._stream = EventStream(
                self._address,
                lambda: api.token,
                on_snapshot=self._on_snapshot,
                on_event=self._on_event,
                on_status=self._on_status,
                on_refused=self._on_refused,
                # One configured address is final; several (pair mode) are asked again.
                resolver=self._rediscover if self._several_addresses() else None,
                **self._stream_options,
            )
            self._refresh_stop.clear()
            self._refresher = threading.Thread(
                target=self._refresh_loop, name="macturnos-queues", daemon=True
            )
            stream, refresher = self._stream, self._refresher
        stream.start()
        refresher.start()

    def stop_live(self) -> None:
        """Stop the stream and the refresher and wait for their threads."""
        with self._lock:
            stream, refresher = self._stream, self._refresher
            self._stream = self._refresher = None
        self._refresh_stop.set()
        self._refresh_wake.set()
        if stream is not None:
            stream.stop()
        if refresher is not None and refresher is not threading.current_thread():
            refresher.join(15)

    def close(self) -> None:
        """Stop everything and release the HTTP connections (the session stays open)."""
        self.stop_live()
        with self._lock:
            api, self._api = self._api, None
            self._address = None
        if api is not None:
            api.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _on_snapshot(self, snap: dict[str, Any]) -> None:
        self.state.apply_snapshot(snap)
        self._notify(Change("snapshot", connected=True))
        self._refresh_wake.set()

    def _on_event(self, event: dict[str, Any]) -> None:
        if not self.state.apply_event(event):
            return
        self._notify(Change("event", event=event, connected=True))
        if self.state.stale:
            with self._lock:
                stream = self._stream
            if stream is not None:
                stream.resync()
        elif event.get("kind") in _REFRESH_AFTER:
            self._refresh_wake.set()

    def _on_status(self, connected: bool, reason: str) -> None:
        self._notify(Change("status", connected=connected, reason=reason))

    def _on_refused(self, refusal: ApiRefusal) -> None:
        self._notify(Change("refused", reason=refusal.message, refusal=refusal))

    def _refresh_loop(self) -> None:
        """Keep queue estimates and availability current (they change with time and staffing)."""
        ordering_known = False
        while not self._refresh_stop.is_set():
            self._refresh_wake.wait(self.refresh_interval_s)
            self._refresh_wake.clear()
            if self._refresh_stop.is_set() or not self.connected:
                continue
            try:
                api = self.api
                if not ordering_known:
                    rules = api.config().get("rules", {})
                    self.state.set_ordering(
                        OrderingRules(
                            timedelta(minutes=rules.get("appointment_window_before_min", 15)),
                            timedelta(minutes=rules.get("appointment_window_after_min", 15)),
                        )
                    )
                    ordering_known = True
                self.state.apply_queue_summaries(api.queues())
            except (ClientError, RuntimeError) as err:
                log.info("queue refresh skipped: %r", err)
                continue
            self._notify(Change("queues", connected=True))
