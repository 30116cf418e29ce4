"""Every counter screen fits a 1366x768 laptop and a 1920x1080 screen.

The demo centre (15 entities, 144 services, 67 modules, long official service
names) runs on a real server with a busy morning: tickets waiting in many
services, advisors at several modules, one call left unattended. Each screen is
opened offscreen at both sizes and checked with `support.geometry`: the window's
minimum size fits the screen, and no visible widget is clipped (its text measured
with its font), overlaps a sibling, or lies outside the window. Each screen is
saved as docs/screenshots/counter-<screen>-<size>.png (see scripts/screenshots.sh).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from support import device_client
from support.counter import TIMEOUT_MS, api_login, log_in, shot
from support.day import NUT_ON_BATTERY, THURSDAY_8
from support.geometry import layout_problems, too_big

from macturnos.config import DEMO_CENTRE_PATH, parse_centre

SIZES = ((1366, 768), (1920, 1080))
ADVISORS = ("ana", "beto", "carla", "dario", "elena", "fabio", "gina", "hugo")
# Tickets waiting per service: RENIEC's module 3 serves all 18 of its services.
WAITING = {
    "RENIEC-03": 4,
    "RENIEC-05": 3,
    "RENIEC-14": 2,
    "BN-01": 5,
    "SUNARP-02": 3,
    "MIGRACIONES-02": 37,  # of a daily capacity of 40
    "SUNAT-01": 2,
    "PJ-01": 2,
}


@pytest.fixture
def centre_config(pcm, ups):
    """The demo centre, its PCM endpoint and UPS pointing at the local fakes."""
    text = DEMO_CENTRE_PATH.read_text(encoding="utf-8")
    text = text.replace("https://pcm.example.gob.pe/api/mac/v1", pcm[0])
    text = text.replace(
        "power:\n  ups: null",
        f"power:\n  ups:\n    name: ups@localhost\n    upsc_path: {ups.parent / 'upsc'}",
    )
    return parse_centre(text)


@pytest.fixture
def kiosk(server):
    """A paired kiosk issuing tickets."""
    client = device_client(server, "kiosk", "K1")
    yield client
    client.close()


def _settle(qtbot: Any) -> None:
    # Layouts, tables resized to their contents and the views' 1 s timers.
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(30)


class Fit:
    """Checks windows at both sizes and keeps every problem found, by screen."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.problems: dict[str, list[str]] = {}

    def window(self, window: QWidget, screen: str, *, docs: bool = True) -> None:
        """Check a main window at each size and save its screenshots."""
        for width, height in SIZES:
            window.resize(width, height)
            _settle(self.qtbot)
            found = too_big(window, width, height)
            if window.size().toTuple() != (width, height):
                found.append(f"the window is {window.size().toTuple()}, not {width}x{height}")
            found += layout_problems(window)
            self.problems[f"{screen} {width}x{height}"] = found
            shot(window, f"{screen}-{width}x{height}", docs=docs)

    def dialog(self, dialog: QDialog, screen: str) -> None:
        """A dialog is shown at its own size: it must fit the smaller screen."""
        dialog.show()
        _settle(self.qtbot)
        width, height = SIZES[0]
        hint = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
        dialog.resize(hint.boundedTo(dialog.maximumSize()))
        _settle(self.qtbot)
        found = too_big(dialog, width, height)
        if dialog.width() > width or dialog.height() > height:
            found.append(f"the dialog is {dialog.size().toTuple()}")
        found += layout_problems(dialog)
        self.problems[f"{screen} dialog"] = found
        shot(dialog, screen, docs=True)
        dialog.reject()

    def assert_fits(self) -> None:
        bad = {k: v for k, v in self.problems.items() if v}
        lines = [f"{screen}: {p}" for screen, problems in bad.items() for p in problems]
        assert not lines, "\n".join(lines)


def busy_morning(server: Any, staff_account: Any, kiosk: Any, clock: Any) -> None:
    """Advisors at modules 1, 13, 20, 30 and 40; tickets waiting; one call unattended."""
    staff_account("sara", "supervisor")
    staff_account("olga", "orientator")
    staff_account("ana", "advisor")
    staff_account("beto", "advisor", entity="RENIEC")
    for service, n in WAITING.items():
        for _ in range(n):
            r = kiosk.post("/api/v1/tickets", json={"service": service})
            assert r.status_code == 201, r.text
    clock.advance(timedelta(minutes=12))
    modules = {"carla": 1, "dario": 13, "elena": 20, "fabio": 30, "gina": 40}
    for name, number in modules.items():
        staff_account(name, "advisor")
        with api_login(server, name) as client:
            assert client.post(f"/api/v1/modules/{number}/session").status_code == 200
            if name in ("carla", "dario"):
                assert client.post(f"/api/v1/modules/{number}/call-next").status_code == 200
            if name == "dario":
                assert client.post(f"/api/v1/modules/{number}/start").status_code == 200
    clock.advance(timedelta(minutes=8))  # carla's call at module 1 is left "Llamando"


def test_every_counter_screen_fits_both_sizes(
    qtbot, open_window, staff_account, server, kiosk, clock
):
    busy_morning(server, staff_account, kiosk, clock)
    fit = Fit(qtbot)

    login = open_window()
    fit.window(login, "login")

    # The module chooser: an advisor of no entity sees every module, by entity.
    log_in(qtbot, login, "ana")
    qtbot.waitUntil(lambda: len(login.advisor_view.module_buttons) >= 6, timeout=TIMEOUT_MS)
    fit.window(login, "module-chooser")
    login.session.logout()

    # An advisor of RENIEC at module 3, bound to RENIEC's 18 services, calling.
    advisor = open_window()
    log_in(qtbot, advisor, "beto")
    view = advisor.advisor_view
    qtbot.waitUntil(lambda: 3 in view.module_buttons, timeout=TIMEOUT_MS)
    fit.window(advisor, "module-chooser-entity")
    view.module_buttons[3].click()
    qtbot.waitUntil(lambda: advisor.advisor.module_number == 3, timeout=TIMEOUT_MS)
    qtbot.waitUntil(view.buttons["call_next"].isEnabled, timeout=TIMEOUT_MS)
    view.buttons["call_next"].click()
    qtbot.waitUntil(lambda: advisor.advisor.ticket() is not None, timeout=TIMEOUT_MS)
    fit.window(advisor, "module-screen")
    # RENIEC's 18 services: the three with people listed, the other fifteen folded.
    assert view.counts.text().count("en espera") == 3
    assert view.idle_toggle.text() == "15 servicios sin espera"
    assert not view.idle_counts.isVisible()
    view.idle_toggle.click()
    assert view.idle_counts.isVisible() and view.idle_counts.text().count("•") == 15
    view.idle_toggle.click()
    # "Próximos turnos" keeps room for the queue: all seven waiting tickets, not 2.5 rows.
    assert view.next_list.count() == 7
    last = view.next_list.visualItemRect(view.next_list.item(6))
    assert last.bottom() <= view.next_list.viewport().height()
    view.pause_or_resume()
    fit.dialog(view.dialog, "dialog-pause")
    view.open_out_of_order()
    fit.dialog(view.dialog, "dialog-out-of-order")
    view.confirm_no_show("¿El turno R-001 no se presentó? Aún no lo volvió a llamar.")
    fit.dialog(view.dialog, "dialog-no-show")
    view.choose_leave("R-001", False)
    fit.dialog(view.dialog, "dialog-leave")
    view.show_new_number("BN-001", "R-001", "Banco de la Nación · Orientación de servicios")
    fit.dialog(view.dialog, "dialog-new-number")

    supervisor = open_window()
    log_in(qtbot, supervisor, "sara")
    sv = supervisor.supervisor_view
    qtbot.waitUntil(lambda: supervisor.supervisor.log_day is not None, timeout=TIMEOUT_MS)
    fit.window(supervisor, "supervisor-monitor")
    alerts = [sv.alerts_list.item(i).text() for i in range(sv.alerts_list.count())]
    assert any(a.startswith("Módulo 1: llama al turno") for a in alerts)
    assert any(a.startswith("Módulo 30 libre desde hace 8 min con 37 personas") for a in alerts)
    assert any("37 de 40 turnos del día emitidos" in a for a in alerts)
    # Entities first; choosing one drills down to its services and modules.
    assert len(sv.entities_table.shown_keys()) == 15
    sv.choose_entity("RENIEC")
    assert set(sv.services_table.shown_keys()) == {"RENIEC-03", "RENIEC-05", "RENIEC-14"}
    assert sv.modules_table.shown_keys() == list(range(1, 13))
    sv.busy_only.setChecked(False)
    assert len(sv.services_table.shown_keys()) == 18
    sv.services_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # most waiting first
    assert sv.services_table.shown_keys()[:2] == ["RENIEC-03", "RENIEC-05"]
    sv.show_all_entities()
    sv.filter_field.setText("migraciones")
    assert sv.entities_table.shown_keys() == ["MIGRACIONES"]
    sv.filter_field.clear()
    sv.busy_only.setChecked(True)
    day = sv.day_view
    sv.tabs.setCurrentWidget(day)
    day.sections.setCurrentWidget(day.closing_page)
    qtbot.waitUntil(lambda: supervisor.supervisor.day.closing is not None, timeout=TIMEOUT_MS)
    fit.window(supervisor, "day-closing")
    day.sections.setCurrentWidget(day.summary_page)
    qtbot.waitUntil(lambda: supervisor.supervisor.day.summary is not None, timeout=TIMEOUT_MS)
    fit.window(supervisor, "day-summary")
    fit.assert_fits()


def test_reception_and_transfer_fit_both_sizes(
    qtbot, open_window, staff_account, server, kiosk, clock
):
    busy_morning(server, staff_account, kiosk, clock)
    fit = Fit(qtbot)
    reception = open_window()
    log_in(qtbot, reception, "olga")
    fit.window(reception, "reception")
    # Whatever the longest preferential or assistance name, the desk fits a laptop
    # (the choices' combo boxes once asked 1454 px, depending on when they filled).
    assert reception.reception_view.minimumSizeHint().width() <= 1366

    supervisor = open_window()
    log_in(qtbot, supervisor, "sara")
    sv = supervisor.supervisor_view
    sv.tabs.setCurrentWidget(sv.reception_tab)
    fit.window(supervisor, "supervisor-reception")

    advisor = open_window()
    log_in(qtbot, advisor, "beto")
    view = advisor.advisor_view
    qtbot.waitUntil(lambda: 3 in view.module_buttons, timeout=TIMEOUT_MS)
    view.module_buttons[3].click()
    qtbot.waitUntil(lambda: advisor.advisor.module_number == 3, timeout=TIMEOUT_MS)
    qtbot.waitUntil(view.buttons["call_next"].isEnabled, timeout=TIMEOUT_MS)
    view.buttons["call_next"].click()
    qtbot.waitUntil(lambda: advisor.advisor.ticket() is not None, timeout=TIMEOUT_MS)
    view.open_transfer()
    fit.dialog(view.dialog, "dialog-transfer")
    fit.assert_fits()


def test_opening_checklist_fits_both_sizes(
    qtbot, open_window, staff_account, server, clock, pcm, ups
):
    clock.set(THURSDAY_8 + timedelta(minutes=35))  # a new day, not opened yet
    pcm[1].portal = True  # no internet
    ups.write_text(NUT_ON_BATTERY)  # no mains power
    staff_account("sara", "supervisor")
    window = open_window()
    log_in(qtbot, window, "sara")
    sv = window.supervisor_view
    day = sv.day_view
    sv.tabs.setCurrentWidget(day)
    qtbot.waitUntil(lambda: bool(day.rows), timeout=TIMEOUT_MS)
    fit = Fit(qtbot)
    fit.window(window, "day-checklist")
    fit.assert_fits()


def test_module_chooser_puts_the_entity_first_and_finds_a_module(
    qtbot, open_window, staff_account, server
):
    staff_account("beto", "advisor", entity="RENIEC")
    staff_account("ana", "advisor")
    window = open_window()
    log_in(qtbot, window, "beto")
    view = window.advisor_view
    qtbot.waitUntil(lambda: len(view.module_buttons) == 12, timeout=TIMEOUT_MS)

    def shown() -> list[int]:
        cards = {**view.module_buttons, **view.other_cards}
        return sorted(n for n, b in cards.items() if b.isVisible())

    # RENIEC's twelve modules, nothing else until asked; no "no modules" above them.
    assert shown() == list(range(1, 13))
    assert "No hay módulos" not in view.picker_hint.text()
    assert view.others_toggle.isVisible() and view.others_toggle.text().endswith("(55)")
    view.module_search.setText("7")
    assert shown() == [7]
    view.module_search.setText("migracion")  # not RENIEC's: found only among the others
    assert shown() == [] and view.no_match.isVisible()
    view.others_toggle.setChecked(True)
    assert shown() == list(range(25, 33)) and not view.no_match.isVisible()
    assert not any(view.other_cards[n].isEnabled() for n in shown())
    window.session.logout()

    # An account of no entity may take any module: all are listed, by entity.
    log_in(qtbot, window, "ana")
    qtbot.waitUntil(lambda: len(view.module_buttons) == 67, timeout=TIMEOUT_MS)
    assert "no tiene entidad" in view.picker_hint.text()
    assert not view.others_toggle.isVisible()
    view.module_search.setText("banco nacion")
    assert shown() == list(range(13, 19))
