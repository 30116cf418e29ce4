"""Downloading from the real receiver: appointments and check-in, catalogue offers, several centres."""

from __future__ import annotations

import logging
import shutil
from datetime import date, datetime, timedelta

import httpx
import pytest
import yaml
from sqlalchemy import MetaData, select
from support import FIXTURES, LIMA, RunningServer, device_client, login
from support.sync import CENTRE

from macturnos.pcm.app import BASE_PATH, create_app
from macturnos.server.db.sync_models import Appointment
from macturnos.server.events import events_after
from macturnos.server.sync.state import sync_status

DNI = "40123456"
OTHER_DNI = "07654321"
DAY = date(2026, 11, 25)  # the test clock's Wednesday


def load_day(store) -> None:
    store.load_appointments(
        CENTRE,
        DAY,
        [
            {
                "ref": "CITA-001",
                "dni": DNI,
                "service": "PASAPORTE",
                "at": datetime(2026, 11, 25, 10, 5, tzinfo=LIMA).isoformat(),
            },
            {
                "ref": "CITA-002",
                "dni": OTHER_DNI,
                "service": "DNI-DUP",
                "at": datetime(2026, 11, 25, 11, 30, tzinfo=LIMA).isoformat(),
            },
        ],
    )
    store.load_appointments(
        CENTRE,
        DAY + timedelta(days=1),
        [
            {
                "ref": "CITA-003",
                "dni": DNI,
                "service": "PASAPORTE",
                "at": datetime(2026, 11, 26, 9, 0, tzinfo=LIMA).isoformat(),
            },
        ],
    )


def everything_stored(db) -> str:
    """Every row of every table of the centre's database, as text."""
    meta = MetaData()
    meta.reflect(db.read_engine)
    parts = []
    with db.read_engine.connect() as conn:
        for table in meta.sorted_tables:
            parts += [repr(tuple(row)) for row in conn.execute(select(table))]
    return "\n".join(parts)


@pytest.fixture
def centre_server(ctx, receiver, token, make_sync, staff):
    load_day(receiver.store)
    sync = make_sync(receiver.base, token)
    sync.download_once()
    srv = RunningServer(ctx).start()
    yield srv
    srv.stop()


def test_appointments_download_and_check_in_keep_the_dni_private(ctx, centre_server, staff, caplog):
    caplog.set_level(logging.DEBUG)
    with ctx.db.read() as s:
        rows = list(s.scalars(select(Appointment).order_by(Appointment.ref)))
    # Only today's, applied at once, the DNI kept as a keyed hash.
    assert [a.ref for a in rows] == ["CITA-001", "CITA-002"]
    assert all(len(a.dni_digest) == 64 and DNI not in a.dni_digest for a in rows)

    kiosk = device_client(centre_server)
    r = kiosk.post("/api/v1/appointments/check-in", json={"dni": DNI})
    assert r.status_code == 201, r.text
    ticket = r.json()["ticket"]
    assert ticket["service"] == "PASAPORTE"  # an appointment-only service
    assert datetime.fromisoformat(ticket["appointment_at"]) == datetime(
        2026, 11, 25, 10, 5, tzinfo=LIMA
    )
    again = kiosk.post("/api/v1/appointments/check-in", json={"dni": DNI})
    assert again.status_code == 409
    assert ticket["number"] in again.json()["error"]["message"]

    desk_staff = staff("olga", "orientator")
    assert desk_staff is None
    olga = login(centre_server, "olga")
    by_code = olga.post("/api/v1/appointments/check-in", json={"code": "CITA-002"})
    assert by_code.status_code == 201, by_code.text
    assert by_code.json()["ticket"]["channel"] == "reception"

    bad = kiosk.post("/api/v1/appointments/check-in", json={"dni": "4012345X"})
    assert bad.status_code == 422 and "4012345X" not in bad.text
    unknown = kiosk.post("/api/v1/appointments/check-in", json={"dni": "11111111"})
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"].startswith("No encontramos una cita")
    tomorrow = kiosk.post("/api/v1/appointments/check-in", json={"code": "CITA-003"})
    assert tomorrow.status_code == 404
    both = kiosk.post("/api/v1/appointments/check-in", json={"dni": DNI, "code": "CITA-001"})
    assert both.status_code == 422
    advisor_forbidden = login(centre_server, "olga").get("/api/v1/sync/status")
    assert advisor_forbidden.status_code == 403

    # The DNI is nowhere: not in the log, not in any table, not in any log line.
    with ctx.db.read() as s:
        log_text = repr(events_after(s, 0, 100_000))
    stored = everything_stored(ctx.db)
    for dni in (DNI, OTHER_DNI):
        assert dni not in log_text
        assert dni not in stored
        assert all(dni not in r.getMessage() for r in caplog.records)
    assert "CITA-001" in stored  # the booking code is kept (on the ticket too)


def test_repeated_downloads_update_and_cancel_appointments(ctx, receiver, token, make_sync):
    load_day(receiver.store)
    sync = make_sync(receiver.base, token)
    sync.download_once()
    sync.download_once()  # nothing changed: no new event
    receiver.store.load_appointments(
        CENTRE,
        DAY,
        [
            {
                "ref": "CITA-002",
                "dni": OTHER_DNI,
                "service": "DNI-DUP",
                "at": datetime(2026, 11, 25, 12, 0, tzinfo=LIMA).isoformat(),
            },
            {
                "ref": "CITA-009",
                "dni": "12345678",
                "service": "DNI-DUP",
                "at": datetime(2026, 11, 25, 12, 30, tzinfo=LIMA).isoformat(),
            },
        ],
    )
    sync.download_once()
    with ctx.db.read() as s:
        rows = {a.ref: a for a in s.scalars(select(Appointment))}
        updates = [e["data"] for e in events_after(s, 0) if e["kind"] == "appointments.updated"]
    assert set(rows) == {"CITA-002", "CITA-009"}  # CITA-001 was cancelled at the PCM
    assert rows["CITA-002"].at == datetime(2026, 11, 25, 12, 0, tzinfo=LIMA)
    assert [(u["added"], u["updated"], u["removed"]) for u in updates] == [(2, 0, 0), (1, 1, 1)]
    with ctx.db.read() as s:
        st = sync_status(s, enabled=True, today=DAY)
    assert st["download"]["appointments_today"] == 2
    assert st["download"]["last_success_at"] is not None


def test_catalogue_update_is_an_offer_applied_only_when_accepted(
    ctx, receiver, token, make_sync, staff, tmp_path
):
    centre_file = tmp_path / "centre.yaml"
    shutil.copy(FIXTURES / "centre.yaml", centre_file)
    ctx.runtime.source = str(centre_file)
    original = centre_file.read_text()
    services = [
        s.model_dump(mode="json", exclude_defaults=True) for s in ctx.runtime.setup.config.services
    ]
    for svc in services:  # the file's format: "HH:MM"
        if "last_issue" in svc:
            svc["last_issue"] = svc["last_issue"][:5]
    services.append({"code": "BN-CUENTA", "entity": "BN", "name": "Apertura de cuenta"})
    receiver.store.publish_catalogue(
        CENTRE,
        "2026.11-a",
        {
            "services": services,
            "hours": {"sat": "closed"},
        },
    )
    sync = make_sync(receiver.base, token)
    sync.download_once()
    sync.download_once()  # the same version is not offered twice

    srv = RunningServer(ctx).start()
    try:
        staff("sofia", "supervisor")
        sofia = login(srv, "sofia")
        offer = sofia.get("/api/v1/sync/catalogue/offer").json()["offer"]
        assert offer["status"] == "pending" and offer["version"] == "2026.11-a"
        assert any("BN-CUENTA" in line for line in offer["changes"])
        assert any("sáb" in line.lower() or "sat" in line.lower() for line in offer["changes"])
        assert sofia.get("/api/v1/sync/status").json()["pending_offer"] is True
        # Nothing changed yet: not the file, not the service list in force.
        assert centre_file.read_text() == original
        with pytest.raises(KeyError):
            ctx.runtime.setup.config.service("BN-CUENTA")

        r = sofia.post("/api/v1/sync/catalogue/offer/accept", json={"offer_id": offer["id"]})
        assert r.status_code == 200, r.text
        assert ctx.runtime.setup.config.service("BN-CUENTA").name == "Apertura de cuenta"
        assert ctx.runtime.setup.config.hours.sat is None
        assert "BN-CUENTA" in centre_file.read_text()
        assert "# A small centre" in centre_file.read_text()  # the file's comments survive
        assert sofia.get("/api/v1/sync/catalogue/offer").json()["offer"] is None
        again = sofia.post("/api/v1/sync/catalogue/offer/accept", json={"offer_id": offer["id"]})
        assert again.status_code == 404

        # A later version is rejected: nothing changes.
        receiver.store.publish_catalogue(
            CENTRE, "2026.11-b", {"services": services[:-2] + [services[-1]]}
        )
        sync.download_once()
        offer = sofia.get("/api/v1/sync/catalogue/offer").json()["offer"]
        assert offer["version"] == "2026.11-b"
        assert (
            sofia.post(
                "/api/v1/sync/catalogue/offer/reject", json={"offer_id": offer["id"]}
            ).status_code
            == 200
        )
        ctx.runtime.setup.config.service("PASAPORTE")
        kinds = [e["kind"] for e in sofia.get("/api/v1/events?limit=10000").json()]
        assert {
            "catalogue.offered",
            "catalogue.accepted",
            "config.reloaded",
            "catalogue.rejected",
        } <= set(kinds)
    finally:
        srv.stop()


def test_a_failed_acceptance_leaves_the_file_and_the_offer_as_they_were(
    ctx, receiver, token, make_sync, tmp_path, monkeypatch
):
    from macturnos.server.auth import SYSTEM
    from macturnos.server.sync import catalogue

    centre_file = tmp_path / "centre.yaml"
    shutil.copy(FIXTURES / "centre.yaml", centre_file)
    ctx.runtime.source = str(centre_file)
    original = centre_file.read_text()
    receiver.store.publish_catalogue(CENTRE, "2026.11-c", {"hours": {"sat": "closed"}})
    make_sync(receiver.base, token).download_once()
    offer = catalogue.current_offer(ctx)
    assert offer is not None and offer["status"] == "pending"
    with ctx.db.read() as s:
        seq = max([e["seq"] for e in events_after(s, 0)], default=0)

    def disk_fails(_folder):  # noqa: ANN001, ANN202
        raise OSError("disco lleno")

    # The file was already replaced when the failure comes: it must be put back.
    monkeypatch.setattr(catalogue, "_sync_folder", disk_fails)
    with pytest.raises(OSError):
        catalogue.accept(ctx, SYSTEM, offer["id"])
    monkeypatch.undo()
    assert centre_file.read_text() == original
    assert ctx.runtime.setup.config.hours.sat is not None  # the old configuration stays
    assert catalogue.current_offer(ctx)["status"] == "pending"
    with ctx.db.read() as s:
        assert events_after(s, seq) == []  # nothing was logged
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".pcm")] == []

    result = catalogue.accept(ctx, SYSTEM, offer["id"])
    assert result["accepted"] is True
    assert ctx.runtime.setup.config.hours.sat is None
    with ctx.db.read() as s:
        kinds = [e["kind"] for e in events_after(s, seq)]
    assert kinds == ["config.reloaded", "catalogue.accepted"]


def test_an_invalid_catalogue_is_shown_but_cannot_be_applied(
    ctx, receiver, token, make_sync, tmp_path
):
    centre_file = tmp_path / "centre.yaml"
    shutil.copy(FIXTURES / "centre.yaml", centre_file)
    ctx.runtime.source = str(centre_file)
    # Module 4 serves MIGRA: a catalogue without any MIGRA service leaves it nothing to do,
    # and a service of an unknown entity is refused by the centre file's validation.
    receiver.store.publish_catalogue(
        CENTRE, "roto", {"services": [{"code": "X-1", "entity": "NO-EXISTE", "name": "Algo"}]}
    )
    make_sync(receiver.base, token).download_once()
    from macturnos.server.sync import catalogue

    offer = catalogue.current_offer(ctx)
    assert offer is not None and offer["status"] == "invalid" and offer["error"]
    from macturnos.server.errors import ApiError

    with pytest.raises(ApiError) as err:
        catalogue.accept(ctx, None, offer["id"])  # type: ignore[arg-type]
    assert err.value.code == "NO_PENDING_OFFER"
    assert centre_file.read_text() == (FIXTURES / "centre.yaml").read_text()


def test_several_centres_report_to_one_receiver(
    ctx, receiver, token, make_sync, add_events, tmp_path, centre_config, clock
):
    from support import make_context

    from macturnos.config import parse_centre
    from macturnos.server import migrate
    from macturnos.server.db.engine import sqlite_url
    from macturnos.server.sync.service import PcmSync, SyncSettings

    other_cfg = parse_centre(
        (FIXTURES / "centre.yaml").read_text().replace("code: TEST-MAC", "code: MAC-SUR")
    )
    url = sqlite_url(tmp_path / "sur.db")
    migrate.upgrade(url)
    sur = make_context(url, other_cfg, clock)
    sur_token = receiver.store.add_centre("MAC-SUR")
    try:
        last_a = add_events(40)
        sync_a = make_sync(receiver.base, token)
        sync_b = PcmSync(
            sur, SyncSettings(endpoint=receiver.base, centre="MAC-SUR", token=sur_token)
        )
        assert sync_a.run_round("upload") and sync_b.run_round("upload")
        sync_b.stop()
        # Each centre's numbers are its own: both hold seq 1, neither mixes with the other.
        assert [e.seq for e in receiver.store.events(CENTRE)] == list(range(1, last_a + 1))
        assert [e.kind for e in receiver.store.events("MAC-SUR")] == ["day.opened"]
        # One centre's credential does not open another's door.
        r = httpx.get(
            f"{receiver.base}/centres/MAC-SUR/appointments",
            params={"day": "2026-11-25"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert r.status_code == 401
        from macturnos.server.auth import SYSTEM
        from macturnos.server.ticketing import issue_ticket

        issue_ticket(sur, SYSTEM, service="DNI-DUP")
        wrong = PcmSync(sur, SyncSettings(endpoint=receiver.base, centre="MAC-SUR", token=token))
        assert wrong.run_round("upload") is False
        wrong.stop()
        assert {c["code"]: c["acked_seq"] for c in receiver.store.centres()} == {
            CENTRE: last_a,
            "MAC-SUR": 1,
        }
    finally:
        sur.db.dispose()


def test_receiver_routes_match_the_contract(receiver_store):
    doc = yaml.safe_load((FIXTURES.parent.parent / "docs" / "pcm-openapi.yaml").read_text())
    documented = {(path, method.upper()) for path, ops in doc["paths"].items() for method in ops}
    served = set()
    for route in create_app(receiver_store).routes:
        path = getattr(route, "path", "")
        if not path.startswith(BASE_PATH) or path.endswith("openapi.json"):
            continue
        for method in route.methods - {"HEAD"}:
            served.add((path[len(BASE_PATH) :], method))
    assert served == documented
    assert doc["openapi"].startswith("3.1")


def test_receiver_command_line_registers_and_loads(tmp_path, capsys):
    import json

    from macturnos.pcm.receiver import main
    from macturnos.pcm.store import ReceiverStore

    db = f"sqlite+pysqlite:///{tmp_path / 'r.db'}"
    assert main(["--db", db, "add-centre", "MAC-NORTE"]) == 0
    secret = capsys.readouterr().out.strip()
    assert len(secret) >= 40
    appts = tmp_path / "citas.json"
    appts.write_text(
        json.dumps(
            {
                "day": "2026-11-25",
                "appointments": [
                    {
                        "ref": "C-1",
                        "dni": DNI,
                        "service": "PASAPORTE",
                        "at": "2026-11-25T10:00:00-05:00",
                    }
                ],
            }
        )
    )
    assert main(["--db", db, "load-appointments", "--centre", "MAC-NORTE", str(appts)]) == 0
    cat = tmp_path / "catalogo.yaml"
    cat.write_text("version: v1\nsections:\n  hours:\n    sat: closed\n")
    assert main(["--db", db, "load-catalogue", "--centre", "MAC-NORTE", str(cat)]) == 0
    bad = tmp_path / "malas.json"
    bad.write_text(
        json.dumps(
            {
                "day": "2026-11-25",
                "appointments": [
                    {"ref": "C-2", "dni": "123", "service": "X", "at": "2026-11-25T10:00:00-05:00"}
                ],
            }
        )
    )
    assert main(["--db", db, "load-appointments", "--centre", "MAC-NORTE", str(bad)]) == 2
    assert "123" not in capsys.readouterr().err.replace("2026", "")
    store = ReceiverStore(db)
    try:
        cid = store.authenticate("MAC-NORTE", secret)
        assert store.appointments(cid, date(2026, 11, 25))[0]["ref"] == "C-1"
        assert store.catalogue(cid)["version"] == "v1"
    finally:
        store.dispose()
