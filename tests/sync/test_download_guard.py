"""Downloads that cannot destroy data or hold up attention (issue 16, items 9, 10 and 13)."""

from __future__ import annotations

import json
import shutil
import threading
from datetime import date, datetime

import pytest
from sqlalchemy import func, select
from support import FIXTURES, LIMA
from support.sync import ScriptedPcm

from macturnos.server.auth import Actor, Role
from macturnos.server.day.probes import CentreProbes, run_probe
from macturnos.server.db.sync_models import Appointment
from macturnos.server.events import events_after
from macturnos.server.sync import appointments, catalogue
from macturnos.server.sync.client import MAX_APPOINTMENTS
from macturnos.server.sync.state import DOWNLOAD, sync_status
from macturnos.server.ticketing import issue_ticket

DAY = date(2026, 11, 25)  # the test clock's Wednesday
KIOSK = Actor(role=Role.KIOSK, label="kiosk:K1")


def row(ref: str, dni: str = "40123456", hour: int = 11, **changes: object) -> dict:
    at = datetime(2026, 11, 25, hour, 0, tzinfo=LIMA).isoformat()
    return {"ref": ref, "dni": dni, "service": "PASAPORTE", "at": at, **changes}


def held(ctx) -> dict[str, tuple]:
    with ctx.db.read() as s:
        return {
            a.ref: (a.at, a.service_code, a.dni_digest)
            for a in s.scalars(select(Appointment).where(Appointment.day == DAY))
        }


def status(ctx) -> dict:
    with ctx.db.read() as s:
        return sync_status(s, enabled=True, today=DAY)


@pytest.fixture
def pcm():
    with ScriptedPcm() as server:
        yield server


# --- item 9: unusable rows are not cancellations -------------------------------------------


def test_a_download_of_unusable_rows_keeps_the_appointments_and_says_why(ctx, pcm, make_sync):
    sync = make_sync(pcm.base, "secreto")
    pcm.rows = [row("CITA-001"), row("CITA-002", dni="07654321", hour=12)]
    assert sync.run_round(DOWNLOAD) is True
    before = held(ctx)
    assert set(before) == {"CITA-001", "CITA-002"}

    # Every row unusable: the DNI as a number, a time without a zone.
    pcm.rows = [row("CITA-001", dni=40123456), row("CITA-002", at="2026-11-25T12:00:00")]
    assert sync.run_round(DOWNLOAD) is False
    assert held(ctx) == before
    reason = (
        "La PCM envió citas que no se pueden leer (filas no válidas: 2); "
        "se conservan las citas ya cargadas. Avise al personal TIC."
    )
    st = status(ctx)
    assert st["download"]["last_error"] == reason
    assert st["last_error"] == reason  # the monitor's headline
    assert st["download"]["appointments_today"] == 2
    # The opening checklist does not pass the stale count off as today's list.
    finding = run_probe(ctx, CentreProbes(), "appointments", DAY)
    assert finding.state == "warning"
    assert reason in finding.reason and "2" in finding.reason
    # Nothing was logged as an event: no appointment changed.
    with ctx.db.read() as s:
        kinds = [e["kind"] for e in events_after(s, 0, 1000)]
    assert kinds.count("appointments.updated") == 1


def test_usable_rows_of_a_partly_bad_download_are_taken_none_removed(ctx, pcm, make_sync):
    sync = make_sync(pcm.base, "secreto")
    pcm.rows = [row("CITA-001"), row("CITA-002", dni="07654321")]
    sync.download_once()
    # CITA-002's row is broken, CITA-003 is new: the new one is taken, CITA-002 stays.
    pcm.rows = [row("CITA-001"), {"ref": "CITA-002"}, row("CITA-003", dni="11223344")]
    assert sync.run_round(DOWNLOAD) is False
    assert set(held(ctx)) == {"CITA-001", "CITA-002", "CITA-003"}
    assert "filas no válidas: 1" in status(ctx)["download"]["last_error"]
    # A whole download again: the error clears and a cancellation is a cancellation.
    pcm.rows = [row("CITA-001"), row("CITA-003", dni="11223344")]
    assert sync.run_round(DOWNLOAD) is True
    assert set(held(ctx)) == {"CITA-001", "CITA-003"}
    assert status(ctx)["download"]["last_error"] is None
    assert run_probe(ctx, CentreProbes(), "appointments", DAY).state == "ok"


# --- item 10: a size cap, and attention never waits for a download --------------------------


def test_downloads_over_the_cap_are_refused_and_change_nothing(ctx, pcm, make_sync):
    sync = make_sync(pcm.base, "secreto")
    pcm.rows = [row("CITA-001")]
    sync.download_once()
    before = held(ctx)
    # More rows than any centre books in a day.
    pcm.rows = [row(f"C-{i}") for i in range(MAX_APPOINTMENTS + 1)]
    assert sync.run_round(DOWNLOAD) is False
    assert held(ctx) == before
    assert status(ctx)["download"]["last_error"].startswith(
        "La descarga de la PCM supera el límite (5000 citas)"
    )
    # More bytes than the cap, whatever they hold: not even read to the end.
    pcm.rows = []
    pcm.raw_appointments = json.dumps({"appointments": [], "padding": "x" * 5_000_000}).encode()
    assert sync.run_round(DOWNLOAD) is False
    assert held(ctx) == before
    assert "(4.0 MB)" in status(ctx)["download"]["last_error"]


def test_a_kiosk_ticket_is_issued_between_the_batches_of_a_large_download(
    ctx, pcm, make_sync, monkeypatch
):
    sync = make_sync(pcm.base, "secreto")
    n = 2 * appointments.APPLY_BATCH + 50
    pcm.rows = [row(f"C-{i:04d}", dni=f"{10_000_000 + i % 3}") for i in range(n)]
    real_batch = appointments.apply_batch
    seen: list[dict] = []

    def batch_then_look(ctx_, day, batch):  # noqa: ANN001, ANN202
        done = real_batch(ctx_, day, batch)
        with ctx.db.read() as s:
            loaded = s.scalar(select(func.count()).select_from(Appointment))
        seen.append({"rows": len(batch), "loaded": loaded})
        if len(seen) == 1:
            # A kiosk asks for a ticket while the download is half applied; it is
            # issued from another thread and must not wait for the rest of it.
            issued: list[dict] = []
            kiosk = threading.Thread(
                target=lambda: issued.append(issue_ticket(ctx, KIOSK, service="DNI-DUP"))
            )
            kiosk.start()
            kiosk.join(60)
            seen[-1]["ticket"] = issued[0]["ticket"]["number"] if issued else None
        return done

    monkeypatch.setattr(appointments, "apply_batch", batch_then_look)
    sync.download_once()
    sizes = [b["rows"] for b in seen]
    assert sizes == [appointments.APPLY_BATCH, appointments.APPLY_BATCH, 50]
    # Each batch was committed on its own: the table grew batch by batch.
    assert [b["loaded"] for b in seen] == [200, 400, 450]
    assert seen[0]["ticket"] is not None
    with ctx.db.read() as s:
        kinds = [e["kind"] for e in events_after(s, 0, 1000)]
    assert kinds.index("ticket.issued") < kinds.index("appointments.updated")
    assert len(held(ctx)) == n


def test_each_dni_is_hashed_once_however_often_the_day_is_downloaded(
    ctx, pcm, make_sync, monkeypatch
):
    hashed: list[str] = []
    real = appointments.dni_digest

    def counting(key: bytes, dni: str) -> str:
        hashed.append("x")  # counted, never kept: the DNI is personal data
        return real(key, dni)

    monkeypatch.setattr(appointments, "dni_digest", counting)
    sync = make_sync(pcm.base, "secreto")
    pcm.rows = [row(f"C-{i}", dni=f"{20_000_000 + i}") for i in range(6)]
    sync.download_once()
    assert len(hashed) == 6
    sync.download_once()
    pcm.rows.append(row("C-9", dni="30000000"))
    sync.download_once()
    assert len(hashed) == 7


# --- item 13: catalogue offers --------------------------------------------------------------


def test_an_invalid_offer_names_the_offer_and_its_cause_only(ctx, pcm, make_sync, tmp_path):
    centre_file = tmp_path / "centre.yaml"
    shutil.copy(FIXTURES / "centre.yaml", centre_file)
    ctx.runtime.source = str(centre_file)
    # One wrong entity; without the old services every module also loses its services.
    pcm.catalogue = {
        "version": "2026.11",
        "sections": {"services": [{"code": "X-1", "entity": "NO-EXISTE", "name": "Algo"}]},
    }
    assert make_sync(pcm.base, "secreto").run_round(DOWNLOAD) is True
    offer = catalogue.current_offer(ctx)
    assert offer is not None and offer["status"] == "invalid"
    assert offer["error"] == (
        "Catálogo «2026.11» de la PCM: services[0].entity: la entidad «NO-EXISTE» no está "
        "declarada en entities (otros problemas que se derivan de este: 4)"
    )
    assert ".pcm-offer-" not in offer["error"] and str(tmp_path) not in offer["error"]
    assert not list(tmp_path.glob(".pcm-offer-*"))


def test_a_catalogue_whose_version_is_a_number_is_refused_with_a_reason(ctx, pcm, make_sync):
    pcm.catalogue = {"version": 2026.1, "sections": {"holidays": []}}
    sync = make_sync(pcm.base, "secreto")
    assert sync.run_round(DOWNLOAD) is False
    assert status(ctx)["download"]["last_error"] == (
        "La PCM publicó un catálogo cuya versión no es un texto (2026.1) y no se consideró; "
        "la versión debe ir entre comillas."
    )
    # Unusable data is no link failure: the next try comes at the usual interval.
    assert sync.failures(DOWNLOAD) == 0
    pcm.catalogue = {"version": None, "sections": {}}
    assert sync.run_round(DOWNLOAD) is True
    assert status(ctx)["download"]["last_error"] is None
