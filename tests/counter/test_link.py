"""Failure paths: wrong password, the server going away and coming back, ended sessions."""

from __future__ import annotations

from support import device_client
from support.counter import TIMEOUT_MS, api_login, log_in, shot

OFFLINE = "Sin conexión con el servidor: acciones deshabilitadas"


def test_wrong_password_shows_the_servers_reason(qtbot, open_window, staff_account):
    staff_account("ana", "advisor", entity="RENIEC")
    window = open_window()
    view = window.login_view
    shot(window, "login", docs=True)
    view.username.setText("ana")
    view.password.setText("no-es-la-clave")
    view.login_button.click()
    qtbot.waitUntil(lambda: view.error.is_error, timeout=TIMEOUT_MS)
    assert view.error.text() == "Usuario o contraseña incorrectos."
    assert not window.session.logged_in
    assert window.pages.currentWidget() is view
    shot(window, "login-refused")


def test_server_unreachable_at_login(qtbot, open_window):
    window = open_window(url="http://127.0.0.1:9")
    view = window.login_view
    view.username.setText("ana")
    view.password.setText("x")
    view.login_button.click()
    qtbot.waitUntil(lambda: view.error.is_error, timeout=TIMEOUT_MS)
    assert view.error.text() == "No hay conexión con el servidor de turnos"


def test_server_stopped_disables_actions_then_resyncs(
    qtbot, open_window, staff_account, server, restart
):
    staff_account("ana", "advisor", entity="RENIEC")
    window = open_window()
    log_in(qtbot, window, "ana")
    view = window.advisor_view
    qtbot.waitUntil(lambda: bool(view.module_buttons), timeout=TIMEOUT_MS)
    view.module_buttons[1].click()
    qtbot.waitUntil(lambda: window.advisor.module_number == 1, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.buttons["pause"].isEnabled(), timeout=TIMEOUT_MS)

    server.stop()
    qtbot.waitUntil(lambda: not window.session.connected, timeout=TIMEOUT_MS)
    assert not any(b.isEnabled() for b in view.buttons.values())
    assert view.buttons["pause"].toolTip() == OFFLINE
    assert OFFLINE in view.banner.text() and view.banner.isVisible()
    # A press that slips through is refused locally, with the same reason.
    assert not window.advisor.call_next()
    assert view.messages.text() == OFFLINE
    shot(window, "advisor-offline", docs=True)

    again = restart(server)
    kiosk = device_client(again, "kiosk", "K1")
    kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"})
    qtbot.waitUntil(lambda: window.session.connected, timeout=TIMEOUT_MS)
    # The ticket issued while we were away arrives with the resumed stream.
    qtbot.waitUntil(lambda: view.buttons["call_next"].isEnabled(), timeout=TIMEOUT_MS)
    assert not view.banner.isVisible()
    qtbot.waitUntil(view.buttons["call_next"].isEnabled, timeout=TIMEOUT_MS)
    view.buttons["call_next"].click()
    qtbot.waitUntil(lambda: view.ticket_number.text() == "R-001", timeout=TIMEOUT_MS)
    kiosk.close()


def test_session_ended_by_a_supervisor_returns_to_login(qtbot, open_window, staff_account, server):
    staff_account("ana", "advisor", entity="RENIEC")
    staff_account("sara", "supervisor")
    window = open_window()
    log_in(qtbot, window, "ana")
    view = window.advisor_view
    qtbot.waitUntil(lambda: bool(view.module_buttons), timeout=TIMEOUT_MS)
    with api_login(server, "sara") as sup:
        assert sup.post("/api/v1/users/ana/end-session").status_code == 200
    view.module_buttons[1].click()
    qtbot.waitUntil(lambda: not window.session.logged_in, timeout=TIMEOUT_MS)
    assert window.pages.currentWidget() is window.login_view
    assert window.login_view.error.text().startswith("Su sesión terminó")
