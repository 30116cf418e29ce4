"""QtBridge: the stream's changes and background API answers arrive on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QThread

from macturnos.client.connection import Connection
from macturnos.client.errors import ApiRefusal
from macturnos.client.qt import QtBridge

FAST = {"backoff_min_s": 0.05, "backoff_max_s": 0.3}


@pytest.fixture
def bridge(qtbot, server, device_token):
    """A QtBridge over a call screen's live Connection."""
    conn = Connection(server.url, stream_options=FAST)
    bridge = QtBridge(conn)
    conn.open()
    conn.api.token = device_token("display", "TV-A")
    with qtbot.waitSignal(bridge.snapshotReady, timeout=10_000):
        conn.start_live()
    yield bridge
    bridge.detach()
    conn.close()


def on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    assert app is not None
    return QThread.currentThread() == app.thread() and (
        threading.current_thread() is threading.main_thread()
    )


def test_events_arrive_on_the_gui_thread(qtbot, bridge, api, device_token):
    seen: list[tuple[str, bool]] = []
    bridge.eventReceived.connect(lambda ev: seen.append((ev["kind"], on_gui_thread())))
    kiosk = api(token=device_token())

    def issued(ev: dict) -> bool:
        return ev["kind"] == "ticket.issued"

    with qtbot.waitSignal(bridge.eventReceived, timeout=10_000, check_params_cb=issued):
        kiosk.issue("DNI-DUP")
    assert ("ticket.issued", True) in seen
    assert all(gui for _kind, gui in seen)
    assert bridge.state.queue("DNI-DUP")["waiting"] == 1


def test_connection_changes_are_signalled(qtbot, bridge):
    assert bridge.connection.connected
    with qtbot.waitSignal(bridge.connectionChanged, timeout=10_000) as lost:
        bridge.connection.stop_live()
    assert lost.args == [False, "Desconectado"]


def test_blocking_calls_run_off_the_gui_thread(qtbot, bridge, server, staff):
    staff("ana", "advisor")
    conn = bridge.connection
    threads: list[bool] = []

    def whoami() -> dict:
        threads.append(on_gui_thread())
        return conn.api.me()

    answers: list[tuple[object, bool]] = []
    call = bridge.run(whoami, ok=lambda r: answers.append((r, on_gui_thread())))
    with qtbot.waitSignal(call.finished, timeout=10_000):
        pass
    assert threads == [False]
    assert answers[0][0]["role"] == "display"
    assert answers[0][1] is True

    failures: list[tuple[object, bool]] = []
    call = bridge.run(conn.api.call_next, 1, failed=lambda e: failures.append((e, on_gui_thread())))
    with qtbot.waitSignal(call.failed, timeout=10_000) as failed:
        pass
    error = failed.args[0]
    assert isinstance(error, ApiRefusal)
    assert error.code == "FORBIDDEN_ROLE"
    assert failures == [(error, True)]


def test_an_unexpected_error_still_answers_in_spanish(qtbot, bridge):
    def broken() -> None:
        raise KeyError("bug")

    call = bridge.run(broken)
    with qtbot.waitSignal(call.failed, timeout=10_000) as failed:
        pass
    assert (
        failed.args[0].message == "Ocurrió un error inesperado en este equipo; inténtelo de nuevo"
    )
    assert isinstance(failed.args[0].__cause__, KeyError)
