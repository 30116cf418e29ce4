"""The advisor's screens against a real server: module, calls, attention, transfer, pause."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from support import device_client
from support.counter import TIMEOUT_MS, api_login, log_in, shot


@pytest.fixture
def kiosk(server):
    """A paired kiosk issuing tickets."""
    client = device_client(server, "kiosk", "K1")
    yield client
    client.close()


def issue(kiosk, service: str, preferential: str | None = None) -> dict:
    r = kiosk.post("/api/v1/tickets", json={"service": service, "preferential": preferential})
    assert r.status_code == 201, r.text
    return r.json()["ticket"]


def ticket_status(server, ticket_id: int) -> str:
    with api_login(server, "sara") as sup:
        return sup.get(f"/api/v1/tickets/{ticket_id}").json()["status"]


@pytest.fixture
def advisor(qtbot, open_window, staff_account):
    """An advisor of RENIEC logged in, on the module picker."""
    staff_account("ana", "advisor", entity="RENIEC")
    staff_account("sara", "supervisor")
    window = open_window()
    log_in(qtbot, window, "ana")
    qtbot.waitUntil(lambda: bool(window.advisor_view.module_buttons), timeout=TIMEOUT_MS)
    return window


def take(qtbot, window, number: int) -> None:
    window.advisor_view.module_buttons[number].click()
    qtbot.waitUntil(lambda: window.advisor.module_number == number, timeout=TIMEOUT_MS)


def press(qtbot, view, action: str) -> None:
    """Press an action's button once it is enabled (the previous call's answer is in)."""
    button = view.buttons[action]
    qtbot.waitUntil(button.isEnabled, timeout=TIMEOUT_MS)
    button.click()


def click_when_enabled(qtbot, button) -> None:
    """Click once the previous action's answer is in (the event may come before it)."""
    qtbot.waitUntil(button.isEnabled, timeout=TIMEOUT_MS)
    button.click()


def wait_state(qtbot, window, status: str | None) -> None:
    view = window.advisor_view

    def ok() -> bool:
        # The state changes on the stream's thread; the screen follows on the GUI thread.
        t = window.advisor.ticket()
        if status is None:
            return t is None and view.ticket_number.text() == "—"
        return (t or {}).get("status") == status and view.ticket_number.text() == t["number"]

    qtbot.waitUntil(ok, timeout=TIMEOUT_MS)


def test_advisor_picks_a_module_of_their_entity_and_serves(qtbot, advisor, kiosk, server):
    view = advisor.advisor_view
    # Only RENIEC's modules are offered.
    assert sorted(view.module_buttons) == [1, 2]
    shot(advisor, "advisor-modules", docs=True)
    first = issue(kiosk, "DNI-DUP")
    second = issue(kiosk, "DNI-REN", preferential="ADULTO_MAYOR")
    take(qtbot, advisor, 1)
    qtbot.waitUntil(lambda: view.next_list.count() == 2, timeout=TIMEOUT_MS)
    # The preferential citizen is called first, as the server will.
    assert view.next_list.item(0).text().startswith(second["number"])
    assert view.buttons["call_next"].isEnabled()
    for action in ("recall", "start", "finish", "no_show", "transfer"):
        assert not view.buttons[action].isEnabled(), action
    assert "[F1]" in view.buttons["call_next"].text()

    press(qtbot, view, "call_next")
    wait_state(qtbot, advisor, "called")
    assert view.ticket_number.text() == second["number"]
    assert "PREFERENTE" in view.ticket_marks.text()
    qtbot.waitUntil(lambda: view.buttons["recall"].isEnabled(), timeout=TIMEOUT_MS)
    assert view.buttons["start"].isEnabled()
    assert not view.buttons["finish"].isEnabled()
    assert not view.buttons["call_next"].isEnabled()

    press(qtbot, view, "recall")
    qtbot.waitUntil(
        lambda: (advisor.advisor.ticket() or {}).get("recall_count") == 1, timeout=TIMEOUT_MS
    )
    press(qtbot, view, "start")
    wait_state(qtbot, advisor, "in_service")
    qtbot.waitUntil(lambda: view.buttons["finish"].isEnabled(), timeout=TIMEOUT_MS)
    assert not view.buttons["start"].isEnabled()
    assert view.waited_label.text().startswith("Esperó")
    assert view.served_label.text().startswith("En atención")
    shot(advisor, "advisor-serving", docs=True)
    press(qtbot, view, "finish")
    wait_state(qtbot, advisor, None)
    assert ticket_status(server, second["id"]) == "finished"

    press(qtbot, view, "call_next")
    wait_state(qtbot, advisor, "called")
    assert view.ticket_number.text() == first["number"]
    press(qtbot, view, "no_show")
    # Just called and never recalled: the no-show is confirmed first (issue 18).
    confirm_dialog(qtbot, view).ok_button.click()
    wait_state(qtbot, advisor, None)
    assert ticket_status(server, first["id"]) == "no_show"
    qtbot.waitUntil(lambda: "no se presentó" in view.messages.text(), timeout=TIMEOUT_MS)


def confirm_dialog(qtbot, view):
    """The dialog the view opened, once it is there."""
    qtbot.waitUntil(lambda: view.dialog is not None, timeout=TIMEOUT_MS)
    return view.dialog


def test_transfer_with_a_note(qtbot, advisor, kiosk, server):
    t = issue(kiosk, "DNI-DUP")
    take(qtbot, advisor, 1)
    view = advisor.advisor_view
    qtbot.waitUntil(lambda: view.buttons["call_next"].isEnabled(), timeout=TIMEOUT_MS)
    press(qtbot, view, "call_next")
    wait_state(qtbot, advisor, "called")
    press(qtbot, view, "start")
    wait_state(qtbot, advisor, "in_service")
    press(qtbot, view, "transfer")
    dialog = view.dialog
    assert dialog is not None and not dialog.ok_button.isEnabled()
    # Grouped by entity and searchable: typing narrows ~140 services to the one wanted.
    groups = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert groups == ["RENIEC", "Banco de la Nación", "Migraciones"]
    dialog.search.setText("pago tasas")
    assert dialog.visible_services() == ["BN-PAGO"]
    assert dialog.ok_button.isEnabled()  # the one match is chosen
    dialog.search.setText("")
    dialog.choose("BN-PAGO")
    dialog.note.setPlainText("Debe pagar la tasa del duplicado")
    shot(dialog, "advisor-transfer-dialog")
    dialog.ok_button.click()
    wait_state(qtbot, advisor, None)
    # The new number, large, for the advisor to tell the citizen.
    qtbot.waitUntil(lambda: view.dialog is not None, timeout=TIMEOUT_MS)
    assert view.dialog.number.text() == "B-001"
    assert t["number"] in view.dialog.detail.text()
    shot(view.dialog, "advisor-transfer-new-number")
    view.dialog.ok_button.click()
    with api_login(server, "sara") as sup:
        old = sup.get(f"/api/v1/tickets/{t['id']}").json()
        assert old["status"] == "transferred"
        new = sup.get("/api/v1/tickets/lookup", params={"number": "B-001"}).json()
    assert new["service"] == "BN-PAGO" and new["note"] == "Debe pagar la tasa del duplicado"
    qtbot.waitUntil(lambda: "B-001" in view.messages.text(), timeout=TIMEOUT_MS)


def test_pause_needs_a_reason_and_resumes(qtbot, advisor):
    take(qtbot, advisor, 2)
    view = advisor.advisor_view
    qtbot.waitUntil(lambda: view.buttons["pause"].isEnabled(), timeout=TIMEOUT_MS)
    press(qtbot, view, "pause")
    dialog = view.dialog
    dialog.choose("otro")
    assert not dialog.ok_button.isEnabled()  # "Otro" needs a note
    dialog.choose("otro", "Reunión con la coordinación")
    assert dialog.ok_button.isEnabled()
    shot(dialog, "advisor-pause-dialog")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: view.buttons["pause"].text().startswith("Reanudar"), timeout=TIMEOUT_MS)
    assert "En pausa" in view.module_state.text()
    assert not view.buttons["call_next"].isEnabled()
    shot(advisor, "advisor-paused")
    press(qtbot, view, "pause")
    qtbot.waitUntil(lambda: view.buttons["pause"].text().startswith("Pausa"), timeout=TIMEOUT_MS)
    assert not advisor.advisor.paused()


def test_out_of_order_call_with_reason_is_logged(qtbot, advisor, kiosk, server):
    issue(kiosk, "DNI-DUP")
    late = issue(kiosk, "DNI-DUP")
    take(qtbot, advisor, 1)
    view = advisor.advisor_view
    qtbot.waitUntil(lambda: view.next_list.count() == 2, timeout=TIMEOUT_MS)
    view.next_list.setCurrentRow(1)
    press(qtbot, view, "call")
    dialog = view.dialog
    assert late["number"] in dialog.intro.text()
    dialog.reason.setText("Ciudadano con cita médica urgente")
    dialog.ok_button.click()
    wait_state(qtbot, advisor, "called")
    assert view.ticket_number.text() == late["number"]
    with api_login(server, "sara") as sup:
        events = sup.get("/api/v1/events", params={"after": 0}).json()
    called = [e for e in events if e["kind"] == "ticket.called" and e["ticket_id"] == late["id"]]
    assert (
        called
        and called[-1]["data"].get("out_of_order_reason") == "Ciudadano con cita médica urgente"
    )


def test_module_taken_is_shown_clearly(qtbot, advisor, staff_account, server):
    staff_account("beto", "advisor", entity="RENIEC")
    with api_login(server, "beto") as beto:
        assert beto.post("/api/v1/modules/1/session").status_code == 200
    view = advisor.advisor_view
    qtbot.waitUntil(lambda: "Ocupado por Beto" in view.module_buttons[1].text(), timeout=TIMEOUT_MS)
    view.module_buttons[1].click()
    qtbot.waitUntil(lambda: view.messages.is_error, timeout=TIMEOUT_MS)
    assert view.messages.text() == "El módulo 1 ya está ocupado por otro asesor."
    assert advisor.advisor.module_number is None
    shot(advisor, "advisor-module-taken")


def test_refused_action_shows_the_spanish_reason(qtbot, advisor, kiosk, server):
    issue(kiosk, "DNI-DUP")
    take(qtbot, advisor, 1)
    view = advisor.advisor_view
    qtbot.waitUntil(lambda: view.buttons["call_next"].isEnabled(), timeout=TIMEOUT_MS)
    # Someone cancels the only waiting ticket at reception before the advisor calls.
    with api_login(server, "sara") as sup:
        t = sup.get("/api/v1/tickets/lookup", params={"number": "R-001"}).json()
        sup.post(f"/api/v1/tickets/{t['id']}/cancel", json={"reason": "desistió"})
    # The click races the event: call through the presenter as a stale screen would.
    advisor.advisor.module_number = 1
    assert advisor.session.act(advisor.session.api.call_next, 1) is not None
    qtbot.waitUntil(lambda: view.messages.is_error, timeout=TIMEOUT_MS)
    assert view.messages.text() == "No hay turnos en espera para el módulo 1."


def test_double_click_acts_once(qtbot, advisor, kiosk, server):
    issue(kiosk, "DNI-DUP")
    issue(kiosk, "DNI-DUP")
    take(qtbot, advisor, 1)
    view = advisor.advisor_view
    qtbot.waitUntil(lambda: view.buttons["call_next"].isEnabled(), timeout=TIMEOUT_MS)
    assert advisor.advisor.call_next()
    # The second press while the first is in flight is refused and the button is off.
    assert not advisor.advisor.call_next()
    assert not view.buttons["call_next"].isEnabled()
    wait_state(qtbot, advisor, "called")
    with api_login(server, "sara") as sup:
        events = sup.get("/api/v1/events", params={"after": 0}).json()
    assert sum(e["kind"] == "ticket.called" for e in events) == 1


def test_keyboard_shortcut_calls_next(qtbot, advisor, kiosk):
    issue(kiosk, "DNI-DUP")
    take(qtbot, advisor, 1)
    view = advisor.advisor_view
    qtbot.waitUntil(lambda: view.buttons["call_next"].isEnabled(), timeout=TIMEOUT_MS)
    advisor.activateWindow()
    qtbot.waitUntil(lambda: advisor.isActiveWindow(), timeout=TIMEOUT_MS)
    qtbot.keyClick(advisor, Qt.Key.Key_F1)
    wait_state(qtbot, advisor, "called")


def test_every_shortcut_survives_a_refresh(qtbot, advisor):
    """Relabelling a button on refresh must not drop its key (F7 once stopped working)."""
    take(qtbot, advisor, 1)
    view = advisor.advisor_view
    assert advisor.advisor.pause("refrigerio", "")
    qtbot.waitUntil(lambda: view.buttons["pause"].text().startswith("Reanudar"), timeout=TIMEOUT_MS)
    for button in view.buttons.values():
        assert button.key is not None
        assert button.shortcut().toString() == button.key, button.label
    # The pause's own answer must be in: a disabled button ignores its key.
    qtbot.waitUntil(view.buttons["pause"].isEnabled, timeout=TIMEOUT_MS)
    advisor.activateWindow()
    qtbot.waitUntil(lambda: advisor.isActiveWindow(), timeout=TIMEOUT_MS)
    qtbot.keyClick(advisor, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: not advisor.advisor.paused(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.buttons["pause"].text().startswith("Pausa"), timeout=TIMEOUT_MS)


def test_a_hasty_no_show_asks_and_a_late_one_does_not(qtbot, advisor, kiosk, server):
    from support import WEDNESDAY_10

    first = issue(kiosk, "DNI-DUP")
    second = issue(kiosk, "DNI-DUP")
    take(qtbot, advisor, 1)
    view = advisor.advisor_view
    press(qtbot, view, "call_next")
    wait_state(qtbot, advisor, "called")
    press(qtbot, view, "no_show")
    dialog = confirm_dialog(qtbot, view)
    assert first["number"] in dialog.intro.text()
    dialog.reject()  # "Cancelar": the citizen stays called
    qtbot.waitUntil(lambda: view.dialog is None, timeout=TIMEOUT_MS)
    assert ticket_status(server, first["id"]) == "called"
    press(qtbot, view, "start")
    wait_state(qtbot, advisor, "in_service")
    press(qtbot, view, "finish")
    wait_state(qtbot, advisor, None)
    # Called two minutes ago and recalled since: marked at once, no question.
    server.ctx.clock.set(WEDNESDAY_10 - timedelta(minutes=2))
    press(qtbot, view, "call_next")
    wait_state(qtbot, advisor, "called")
    press(qtbot, view, "recall")
    qtbot.waitUntil(
        lambda: (advisor.advisor.ticket() or {}).get("recall_count") == 1, timeout=TIMEOUT_MS
    )
    press(qtbot, view, "no_show")
    wait_state(qtbot, advisor, None)
    assert view.dialog is None
    assert ticket_status(server, second["id"]) == "no_show"


def test_leaving_with_a_citizen_in_service_asks_what_becomes_of_them(qtbot, advisor, kiosk, server):
    t = issue(kiosk, "DNI-DUP")
    take(qtbot, advisor, 1)
    view = advisor.advisor_view
    press(qtbot, view, "call_next")
    wait_state(qtbot, advisor, "called")
    press(qtbot, view, "start")
    wait_state(qtbot, advisor, "in_service")
    click_when_enabled(qtbot, view.leave_button)
    dialog = confirm_dialog(qtbot, view)
    assert t["number"] in dialog.intro.text()
    assert not dialog.ok_button.isEnabled()  # an answer is required
    assert set(dialog.radios) == {"finish", "return", "transfer"}
    shot(dialog, "advisor-leave-dialog")
    dialog.choose("finish")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: advisor.advisor.module_number is None, timeout=TIMEOUT_MS)
    assert ticket_status(server, t["id"]) == "finished"


def test_leaving_with_a_called_citizen_returns_them_first(qtbot, advisor, kiosk, server):
    t = issue(kiosk, "DNI-DUP")
    take(qtbot, advisor, 1)
    view = advisor.advisor_view
    press(qtbot, view, "call_next")
    wait_state(qtbot, advisor, "called")
    click_when_enabled(qtbot, view.leave_button)
    dialog = confirm_dialog(qtbot, view)
    assert "finish" not in dialog.radios  # never attended: nothing to finish
    dialog.choose("return")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: advisor.advisor.module_number is None, timeout=TIMEOUT_MS)
    assert ticket_status(server, t["id"]) == "issued"


def test_transfer_then_leave(qtbot, advisor, kiosk, server):
    t = issue(kiosk, "DNI-DUP")
    take(qtbot, advisor, 1)
    view = advisor.advisor_view
    press(qtbot, view, "call_next")
    wait_state(qtbot, advisor, "called")
    press(qtbot, view, "start")
    wait_state(qtbot, advisor, "in_service")
    click_when_enabled(qtbot, view.leave_button)
    leave = confirm_dialog(qtbot, view)
    leave.choose("transfer")
    leave.ok_button.click()
    qtbot.waitUntil(
        lambda: view.dialog is not None and hasattr(view.dialog, "tree"), timeout=TIMEOUT_MS
    )
    view.dialog.choose("BN-PAGO")
    view.dialog.ok_button.click()
    qtbot.waitUntil(lambda: advisor.advisor.module_number is None, timeout=TIMEOUT_MS)
    assert ticket_status(server, t["id"]) == "transferred"
    qtbot.waitUntil(
        lambda: view.dialog is not None and hasattr(view.dialog, "number"), timeout=TIMEOUT_MS
    )
    assert view.dialog.number.text() == "B-001"


def test_the_advisor_sees_a_sign_language_need_when_calling(
    qtbot, advisor, kiosk, server, tmp_path
):
    from support import FIXTURES

    from macturnos.server.auth import SYSTEM
    from macturnos.server.reload import reload_centre

    text = (
        (FIXTURES / "centre.yaml")
        .read_text()
        .replace(
            "  - {number: 1, entity: RENIEC, zone: ZA}",
            "  - {number: 1, entity: RENIEC, zone: ZA, assistance: [LSP]}",
        )
    )
    (tmp_path / "centre.yaml").write_text(text)
    server.ctx.runtime.source = str(tmp_path / "centre.yaml")
    reload_centre(server.ctx, SYSTEM)
    r = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP", "assistance": "LSP"})
    assert r.status_code == 201, r.text
    take(qtbot, advisor, 1)
    view = advisor.advisor_view
    press(qtbot, view, "call_next")
    wait_state(qtbot, advisor, "called")
    assert "NECESITA: Intérprete de lengua de señas peruana" in view.ticket_marks.text()
    qtbot.waitUntil(lambda: "lengua de señas" in view.messages.text(), timeout=TIMEOUT_MS)
    shot(advisor, "advisor-sign-language")


def test_logging_out_with_a_citizen_at_the_module_asks_first(qtbot, advisor, kiosk, server):
    """Issue 18: "Cerrar sesión" while serving left R-009 held by nobody, without a word."""
    t = issue(kiosk, "DNI-DUP")
    take(qtbot, advisor, 1)
    view = advisor.advisor_view
    press(qtbot, view, "call_next")
    wait_state(qtbot, advisor, "called")
    press(qtbot, view, "start")
    wait_state(qtbot, advisor, "in_service")
    advisor.logout_button.click()
    dialog = advisor.logout_dialog
    assert dialog is not None and dialog.isVisible()
    assert (
        t["number"] in dialog.intro.text() and "vuelve al inicio de su cola" in dialog.intro.text()
    )
    assert advisor.session.logged_in  # nothing happened yet
    dialog.reject()
    assert advisor.session.logged_in and ticket_status(server, t["id"]) == "in_service"
    advisor.logout_button.click()
    advisor.logout_dialog.ok_button.click()
    qtbot.waitUntil(lambda: not advisor.session.logged_in, timeout=TIMEOUT_MS)
    # The server does not orphan the citizen: back to the front of the queue.
    qtbot.waitUntil(lambda: ticket_status(server, t["id"]) == "issued", timeout=TIMEOUT_MS)
