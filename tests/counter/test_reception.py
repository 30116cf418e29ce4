"""The orientator's reception desk against a real server: issue, print, look up, transfer."""

from __future__ import annotations

import pytest
from support.counter import TIMEOUT_MS, api_login, log_in, shot

from macturnos.hardware.printer import SimulatedPrinter
from macturnos.hardware.settings import PrinterSettings


@pytest.fixture
def printer(tmp_path) -> SimulatedPrinter:
    """The reception's printer, simulated: it draws PNG tickets."""
    return SimulatedPrinter(PrinterSettings(connector="simulated"), output_dir=tmp_path)


@pytest.fixture
def desk(qtbot, open_window, staff_account, printer):
    """An orientator logged in at reception, with a printer."""
    staff_account("olga", "orientator")
    staff_account("sara", "supervisor")
    window = open_window(printer)
    log_in(qtbot, window, "olga")
    view = window.reception_view
    qtbot.waitUntil(lambda: view.table.rowCount() == 4, timeout=TIMEOUT_MS)
    return window


def test_issue_preferential_prints_and_reprints(qtbot, desk, printer, server):
    view = desk.reception_view
    assert desk.pages.currentWidget() is view
    assert not view.issue_button.isEnabled()  # no service chosen yet
    view.select_service("DNI-DUP")
    view.preferential.setCurrentIndex(view.preferential.findData("GESTANTE"))
    view.issue_button.click()
    qtbot.waitUntil(lambda: len(printer.printed) == 1, timeout=TIMEOUT_MS)
    assert view.issued_number.text() == "R-001"
    assert "Mujer gestante" in view.issued_detail.text()
    with api_login(server, "sara") as sup:
        t = sup.get("/api/v1/tickets/lookup", params={"number": "R-001"}).json()
    assert t["preferential"] == "GESTANTE" and t["channel"] == "reception"
    qtbot.waitUntil(lambda: view.reprint_button.isEnabled(), timeout=TIMEOUT_MS)
    shot(desk, "reception-issued", docs=True)
    view.reprint_button.click()
    qtbot.waitUntil(lambda: len(printer.printed) == 2, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: "impreso" in view.messages.text(), timeout=TIMEOUT_MS)


def test_printer_out_of_paper_keeps_the_number_on_screen(qtbot, desk, printer):
    view = desk.reception_view
    printer.out_of_paper()
    view.select_service("BN-PAGO")
    view.issue_button.click()
    qtbot.waitUntil(lambda: view.messages.is_error, timeout=TIMEOUT_MS)
    assert view.issued_number.text() == "B-001"
    assert "papel" in view.messages.text().lower()


def test_unavailable_service_shows_the_servers_reason(qtbot, desk):
    view = desk.reception_view
    row = view._rows.index("PASAPORTE")
    assert view.table.item(row, 4).text() == "Este servicio se atiende solo con cita previa."
    view.select_service("PASAPORTE")
    view.issue_button.click()
    qtbot.waitUntil(lambda: view.messages.is_error, timeout=TIMEOUT_MS)
    assert view.messages.text() == "Este servicio se atiende solo con cita previa."
    assert view.issued_number.text() == "—"


def test_lookup_and_transfer(qtbot, desk, server):
    view = desk.reception_view
    view.select_service("DNI-DUP")
    view.issue_button.click()
    qtbot.waitUntil(lambda: view.issued_number.text() == "R-001", timeout=TIMEOUT_MS)
    view.number_edit.setText("r-001")
    view.lookup_button.click()
    qtbot.waitUntil(lambda: "R-001" in view.found_label.text(), timeout=TIMEOUT_MS)
    assert "En espera" in view.found_label.text()
    assert view.transfer_button.isEnabled() and view.cancel_button.isEnabled()
    assert not view.reactivate_button.isVisible()  # supervisors only
    view.transfer_button.click()
    dialog = view.dialog
    dialog.choose("BN-PAGO")
    dialog.note.setPlainText("Pagar antes del trámite")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "B-001" in view.messages.text(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: "Derivado" in view.found_label.text(), timeout=TIMEOUT_MS)
    assert not view.transfer_button.isEnabled()
    shot(desk, "reception-lookup", docs=True)
    view.number_edit.setText("R-099")
    view.lookup_button.click()
    qtbot.waitUntil(lambda: view.messages.is_error, timeout=TIMEOUT_MS)
    assert view.messages.text() == "No se encontró el turno."


def test_reception_sees_a_suspended_entity_with_its_reason(qtbot, desk, server):
    view = desk.reception_view
    reason = "Sistema del Banco de la Nación caído"
    with api_login(server, "sara") as sup:
        r = sup.post(
            "/api/v1/suspensions", json={"scope": "entity", "code": "BN", "reason": reason}
        )
        assert r.status_code == 201, r.text
    row = view._rows.index("BN-PAGO")
    qtbot.waitUntil(lambda: reason in view.table.item(row, 4).text(), timeout=TIMEOUT_MS)
    view.select_service("BN-PAGO")
    view.issue_button.click()
    qtbot.waitUntil(lambda: view.messages.is_error, timeout=TIMEOUT_MS)
    assert reason in view.messages.text()
    shot(desk, "reception-suspended")


@pytest.fixture
def signing(server, tmp_path):
    """Module 2 offers sign language (the centre file says so), before anyone logs in."""
    from support import FIXTURES

    from macturnos.server.auth import SYSTEM
    from macturnos.server.reload import reload_centre

    text = (
        (FIXTURES / "centre.yaml")
        .read_text()
        .replace(
            "  - {number: 2, entity: RENIEC, zone: ZA, services: [DNI-DUP]}",
            "  - {number: 2, entity: RENIEC, zone: ZA, services: [DNI-DUP], assistance: [LSP]}",
        )
    )
    (tmp_path / "centre.yaml").write_text(text)
    server.ctx.runtime.source = str(tmp_path / "centre.yaml")
    reload_centre(server.ctx, SYSTEM)


def test_the_orientator_marks_a_sign_language_need(qtbot, signing, desk, printer, server):
    view = desk.reception_view
    qtbot.waitUntil(lambda: view.assistance.count() == 2, timeout=TIMEOUT_MS)
    view.select_service("DNI-DUP")
    view.assistance.setCurrentIndex(view.assistance.findData("LSP"))
    view.issue_button.click()
    qtbot.waitUntil(lambda: len(printer.printed) == 1, timeout=TIMEOUT_MS)
    assert "lengua de señas" in view.issued_detail.text()
    with api_login(server, "sara") as sup:
        t = sup.get("/api/v1/tickets/lookup", params={"number": "R-001"}).json()
    assert t["assistance"] == "LSP"


def test_the_orientator_records_a_complaint_and_shows_its_receipt(qtbot, desk, server):
    """Issue 20: the book at reception; a reclamo needs who files it, then a number."""
    from sqlalchemy import select

    from macturnos.server.db.complaint_models import Complaint

    view = desk.reception_view
    view.book_button.click()
    dialog = view.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("reclamo"))
    dialog.text.setPlainText("Esperé dos horas y nadie me informó.")
    assert not dialog.ok_button.isEnabled()  # a reclamo says who files it
    dialog.name.setText("Juana Quispe")
    dialog.document_number.setText("4567891A")  # not a DNI
    dialog.contact.setText("987654321")
    assert not dialog.ok_button.isEnabled()
    dialog.document_number.setText("45678912")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: view.dialog is not None and hasattr(view.dialog, "deadline"), timeout=TIMEOUT_MS
    )
    receipt = view.dialog
    assert receipt.number.text() == "LR-2026-000001"
    assert receipt.deadline.text().startswith("Plazo de respuesta: hasta el ")
    shot(receipt, "reception-complaint-receipt")
    with server.ctx.db.read() as s:
        (row,) = s.scalars(select(Complaint)).all()
        assert (row.kind, row.document_number, row.filed_by) == ("reclamo", "45678912", "user:olga")
