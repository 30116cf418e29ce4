"""The kiosk's pieces without a server: catalogue, journal, settings, printer mapping, i18n."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from support import LIMA

from macturnos.client.ui.app import Translations
from macturnos.config import DEMO_CENTRE_PATH, load_centre
from macturnos.hardware.printer import PaperState, PrinterStatus
from macturnos.hardware.ticket_answer import ticket_from_answer as ticket_content
from macturnos.kiosk.__main__ import I18N_DIR
from macturnos.kiosk.catalogue import Catalogue, fold
from macturnos.kiosk.journal import PendingJournal
from macturnos.kiosk.printing import health_report, printer_can_print
from macturnos.kiosk.settings import SettingsError, load_settings

REPO = Path(__file__).resolve().parents[2]


def _demo() -> dict:
    return load_centre(DEMO_CENTRE_PATH).model_dump(mode="json")


def test_catalogue_of_a_kiosk_and_its_zone():
    config = _demo()
    everything = Catalogue.from_config(config, "K-INGRESO-1")
    assert len(everything.services) == len(config["services"])
    assert len(everything.services_of("RENIEC")) == 18
    assert everything.printer.paper_width_mm == 80
    upstairs = Catalogue.from_config(config, "K-P2")
    assert upstairs.languages == ("es", "qu")
    assert upstairs.printer.profile == "POS-5890"
    assert 0 < len(upstairs.services) < len(everything.services)
    assert {e.code for e in upstairs.entities} == {s.entity for s in upstairs.services}
    assert [c.code for c in everything.categories][0] == "GESTANTE"


def test_search_ignores_accents_and_case_and_ranks_the_service_name_first():
    cat = Catalogue.from_config(_demo(), "K-INGRESO-1")
    assert fold("Renovación DNI") == "renovacion dni"
    found = cat.search("renovacion dni")
    assert found and all("renovaci" in fold(s.name) and "dni" in fold(s.name) for s in found)
    by_entity = cat.search("migraciones")
    assert by_entity and all(s.entity == "MIGRACIONES" for s in by_entity)
    assert cat.search("   ") == []
    assert cat.search("zzzz") == []


def test_journal_survives_a_restart(tmp_path):
    path = tmp_path / "kiosk-pending.json"
    j = PendingJournal(path)
    j.begin("a", service="S1", preferential="GESTANTE")
    j.begin("b", kind="check_in")
    j.issued("a", 7, "R-007")
    again = PendingJournal(path)
    entries = {e.key: e for e in again.pending()}
    assert entries["a"].ticket_id == 7 and entries["a"].number == "R-007"
    assert entries["b"].ticket_id is None and entries["b"].kind == "check_in"
    again.done("a")
    again.done("b")
    assert PendingJournal(path).pending() == []
    assert json.loads(path.read_text()) == []


def test_a_torn_journal_does_not_stop_the_kiosk(tmp_path):
    path = tmp_path / "kiosk-pending.json"
    path.write_text('[{"key": "a", "started')
    assert PendingJournal(path).pending() == []


def test_settings_file_and_pin_rules(tmp_path):
    assert load_settings(tmp_path).staff_pin is None  # no default PIN, ever
    (tmp_path / "kiosk-settings.json").write_text(
        json.dumps({"staff_pin": "135790", "idle_timeout_s": 30})
    )
    (tmp_path / "kiosk-settings.json").chmod(0o644)
    s = load_settings(tmp_path)
    assert (s.staff_pin, s.idle_timeout_s) == ("135790", 30.0)
    assert (tmp_path / "kiosk-settings.json").stat().st_mode & 0o077 == 0
    assert load_settings(tmp_path, staff_pin="2468").staff_pin == "2468"
    with pytest.raises(SettingsError):
        load_settings(tmp_path, staff_pin="12")
    (tmp_path / "kiosk-settings.json").write_text(json.dumps({"idle_timeout_s": 1}))
    with pytest.raises(SettingsError):
        load_settings(tmp_path)


def _status(online, paper, cover=False) -> PrinterStatus:
    return PrinterStatus(online, paper, cover, datetime.now(LIMA), "motivo")


def test_printer_state_to_health_and_decision():
    assert health_report(_status(True, PaperState.OK))[0] == "ok"
    assert health_report(_status(True, PaperState.NEAR_END))[0] == "warning"
    level, detail = health_report(_status(True, PaperState.OUT))
    assert (level, detail["paper"]) == ("error", "out")
    assert health_report(_status(False, PaperState.OK))[1]["printer"] == "offline"
    assert health_report(_status(None, PaperState.UNKNOWN, None))[0] == "error"
    assert printer_can_print(_status(True, PaperState.OK))
    # Unknown is not OK (issue 18): no reading yet, or a printer that does not answer.
    assert not printer_can_print(None)
    assert not printer_can_print(_status(None, PaperState.UNKNOWN, None))
    assert not printer_can_print(_status(True, PaperState.OUT))
    assert not printer_can_print(_status(False, PaperState.OK))
    assert not printer_can_print(_status(True, PaperState.OK, cover=True))


def test_ticket_content_from_an_answer():
    answer = {
        "ticket": {
            "id": 1,
            "number": "R-001",
            "entity_name": "RENIEC",
            "service_name": "Duplicado de DNI",
            "issued_at": "2026-11-25T15:00:00+00:00",
            "appointment_at": "2026-11-25T15:30:00+00:00",
            "preferential": None,
        },
        "people_ahead": 2,
        "estimated_wait_min": 14,
        "code": "MAC1.abc",
    }
    answer["ticket"]["location"] = "Planta 1 - Ala A"
    t = ticket_content(answer, centre_name="Centro MAC", tz=LIMA, language="qu")
    assert t.issued_at.hour == 10 and t.appointment == "10:30"
    assert (t.location, t.language) == ("Planta 1 - Ala A", "qu")
    assert (t.estimated_wait_range, t.call_at) == (None, None)
    answer |= {
        "estimated_wait_low_min": 10,
        "estimated_wait_high_min": 20,
        "estimated_call_at": "2026-11-25T15:33:00+00:00",
    }
    t = ticket_content(answer, centre_name="Centro MAC", tz=LIMA)
    assert (t.estimated_wait_range, t.call_at) == ((10, 20), "10:33")
    assert (t.number, t.people_ahead, t.qr_payload) == ("R-001", 2, "MAC1.abc")


def test_translations_load_and_translate(qapp):
    tr = Translations(qapp, I18N_DIR, "kiosk")
    try:
        assert tr.use("qu")
        assert QCoreApplication.translate("HomeScreen", "Bienvenida, bienvenido") == (
            "Allillanchu, yaykumuy"
        )
        assert QCoreApplication.translate("Texts", "Nadie en espera") == "Manam pipas suyachkanchu"
        assert tr.use("en")
        assert QCoreApplication.translate("TicketScreen", "Retire su ticket") == (
            "Take your ticket"
        )
        assert QCoreApplication.translate("KioskWindow", "Inicio") == "Home"
    finally:
        tr.use("es")
    assert QCoreApplication.translate("TicketScreen", "Retire su ticket") == "Retire su ticket"


def test_refusal_reasons_come_from_the_message_catalogue():
    from macturnos.kiosk.screens import Texts

    spanish = "Este servicio ya entregó los 120 turnos disponibles para hoy."
    assert Texts.reason("SERVICE_CAPACITY_REACHED", spanish, "es") == spanish
    assert Texts.reason("SERVICE_CAPACITY_REACHED", spanish, "en") == "No tickets left for today."
    assert Texts.reason("SERVICE_APPOINTMENT_ONLY", None, "qu") == "Citayuqllapaqmi."
    assert Texts.reason("SERVICE_APPOINTMENT_ONLY", None, "es") == "Solo con cita previa."
    assert Texts.reason("SOME_OTHER_CODE", "Motivo del servidor.", "en") == "Motivo del servidor."
    assert Texts.reason(None, None, "en") == "Not available right now."


@pytest.mark.skipif(
    shutil.which("pyside6-lrelease", path=str(REPO / ".venv/bin")) is None,
    reason="pyside6-lrelease not installed",
)
@pytest.mark.parametrize("lang", ["qu", "en", "es"])
def test_compiled_translations_match_their_sources(lang, tmp_path):
    out = tmp_path / f"kiosk_{lang}.qm"
    subprocess.run(
        [
            str(REPO / ".venv/bin/pyside6-lrelease"),
            str(I18N_DIR / f"kiosk_{lang}.ts"),
            "-qm",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (I18N_DIR / f"kiosk_{lang}.qm").read_bytes(), (
        "run pyside6-lrelease on kiosk/i18n (see docs/kiosk.md)"
    )


def test_every_citizen_text_has_a_quechua_and_english_translation():
    import xml.etree.ElementTree as ET

    staff = {
        "KioskWindow": {
            "PIN bloqueado por %n segundos",
            "PIN incorrecto",
            "Reimprimiendo…",
            "Ticket reimpreso.",
            "No se pudo reimprimir: {motivo}",
            "Todavía no se imprimió ningún ticket.",
        }
    }
    for lang in ("qu", "en"):
        root = ET.parse(I18N_DIR / f"kiosk_{lang}.ts").getroot()
        for ctx in root.iter("context"):
            name = ctx.find("name").text
            for m in ctx.iter("message"):
                tr = m.find("translation")
                citizen = name not in ("PinScreen", "StaffScreen") and (
                    m.find("source").text not in staff.get(name, set())
                )
                if lang == "en" or citizen:
                    assert tr.get("type") not in ("unfinished", "obsolete") and tr.text, (
                        lang,
                        name,
                        m.find("source").text,
                    )


def test_the_qr_holds_the_tickets_page_when_the_server_serves_one():
    """Issue 20: a phone opens the QR; the staff's scanner still finds the code in it."""
    from macturnos.domain.ticket_code import code_from_scan

    answer = {
        "ticket": {"number": "R-008", "issued_at": "2026-11-25T15:00:00+00:00"},
        "people_ahead": 0,
        "code": "MT1.LIMA-NORTE.20261125.R-008.100000.ABCDEFGHIJKLMNOP",
    }
    bare = ticket_content(answer, centre_name="Centro MAC", tz=LIMA)
    assert bare.qr_payload == answer["code"]
    linked = ticket_content(
        answer, centre_name="Centro MAC", tz=LIMA, language="qu", public_url="http://10.0.0.2:8471/"
    )
    assert linked.qr_payload == f"http://10.0.0.2:8471/t/{answer['code']}?l=qu"
    assert code_from_scan(linked.qr_payload) == answer["code"]
