"""The Qt adapter: a Connection's changes as signals on the GUI thread, API calls off it.

The only module of the client library that imports Qt. Listener callbacks come
from the stream's thread; they are re-emitted through a queued connection so
every public signal fires on the thread that owns the bridge (the GUI thread).
Blocking API calls run in a QThreadPool and answer with `ok`/`failed` signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from macturnos.client import messages as msg
from macturnos.client.connection import Change, Connection
from macturnos.client.errors import ClientError
from macturnos.messages import t

log = logging.getLogger("macturnos.client.qt")


class QtBridge(QObject):
    """Signals of a Connection for Qt views; emitted on the thread the bridge lives in."""

    snapshotReady = Signal()  # noqa: N815 - Qt's naming
    eventReceived = Signal(dict)  # noqa: N815
    connectionChanged = Signal(bool, str)  # noqa: N815
    stateChanged = Signal()  # noqa: N815
    sessionRefused = Signal(object)  # noqa: N815 - an ApiRefusal: log in or pair again
    _changed = Signal(object)

    def __init__(
        self,
        connection: Connection,
        parent: QObject | None = None,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.connection = connection
        self.pool = pool or QThreadPool.globalInstance()
        self._calls: set[ApiCall] = set()
        # Queued: the slot runs on this object's thread whoever emits.
        self._changed.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._remove = connection.add_listener(self._changed.emit)

    @property
    def state(self) -> Any:
        """The live CentreState to render from."""
        return self.connection.state

    def detach(self) -> None:
        """Stop relaying the connection's changes (call before deleting the bridge)."""
        self._remove()

    @Slot(object)
    def _deliver(self, change: Change) -> None:
        if change.kind == "snapshot":
            self.snapshotReady.emit()
            self.stateChanged.emit()
        elif change.kind == "event":
            self.eventReceived.emit(change.event or {})
            self.stateChanged.emit()
        elif change.kind == "queues":
            self.stateChanged.emit()
        elif change.kind == "status":
            self.connectionChanged.emit(change.connected, change.reason)
        elif change.kind == "refused":
            self.sessionRefused.emit(change.refusal)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        ok: Callable[[Any], None] | None = None,
        failed: Callable[[ClientError], None] | None = None,
        **kwargs: Any,
    ) -> ApiCall:
        """Run a blocking call (e.g. `bridge.connection.api.call_next`) off the GUI thread.

        Call it from the GUI thread: `ok(result)` or `failed(error)` is then
        called there; the returned ApiCall also offers them as signals.
        """
        call = ApiCall(fn, args, kwargs, parent=None)
        if ok is not None:
            call.ok.connect(ok)
        if failed is not None:
            call.failed.connect(failed)
        self._calls.add(call)  # kept alive until its answer arrives
        call.finished.connect(lambda: self._calls.discard(call))
        self.pool.start(_Job(call))
        return call


class ApiCall(QObject):
    """One blocking call run in the thread pool; its answer arrives as a signal."""

    ok = Signal(object)
    failed = Signal(object)
    finished = Signal()
    _done = Signal(object, object)

    def __init__(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._done.connect(self._answer, Qt.ConnectionType.QueuedConnection)

    def execute(self) -> None:
        """Run the call (on a pool thread) and post the answer to the owner's thread."""
        try:
            result = self._fn(*self._args, **self._kwargs)
        except ClientError as err:
            self._done.emit(None, err)
        except Exception as err:  # a bug: logged, and the view still gets an answer
            log.exception("background call %r failed", self._fn)
            wrapped = ClientError(t(msg.UNEXPECTED_ERROR))
            wrapped.__cause__ = err
            self._done.emit(None, wrapped)
        else:
            self._done.emit(result, None)

    @Slot(object, object)
    def _answer(self, result: Any, error: ClientError | None) -> None:
        if error is None:
            self.ok.emit(result)
        else:
            self.failed.emit(error)
        self.finished.emit()


class _Job(QRunnable):
    def __init__(self, call: ApiCall) -> None:
        super().__init__()
        self._call = call

    def run(self) -> None:
        self._call.execute()
