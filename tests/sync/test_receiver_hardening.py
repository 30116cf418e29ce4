"""The reference receiver: TLS, private files, sealed DNIs, conflicts refused (issue 16, item 12)."""

from __future__ import annotations

import argparse
import stat
from datetime import date, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from support import LIMA, free_port
from support.sync import CENTRE, ReceiverProcess

from macturnos.pcm.receiver import main, serve
from macturnos.pcm.sealing import SealError
from macturnos.pcm.store import ReceiverStore
from macturnos.server.sync.service import PcmSync, SyncSettings
from macturnos.server.sync.state import UPLOAD
from macturnos.server.sync.tls import pcm_ssl_context

DNI = "40123456"
DAY = date(2026, 11, 25)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


def appointment(ref: str = "CITA-001", dni: str = DNI) -> dict:
    at = datetime(2026, 11, 25, 10, 0, tzinfo=LIMA).isoformat()
    return {"ref": ref, "dni": dni, "service": "PASAPORTE", "at": at}


def event(seq: int, kind: str = "ticket.issued") -> dict:
    return {
        "seq": seq,
        "at": "2026-11-25T15:00:00+00:00",
        "day": "2026-11-25",
        "kind": kind,
        "actor": "kiosk:K1",
        "data": {"n": seq},
    }


def test_the_receiver_serves_https_and_the_centre_trusts_it(ctx, tmp_path, pcm_cert, add_events):
    cert, key = pcm_cert
    db = f"sqlite+pysqlite:///{tmp_path / 'pcm' / 'pcm.db'}"
    store = ReceiverStore(db)
    token = store.add_centre(CENTRE)
    store.dispose()
    receiver = ReceiverProcess(db, free_port(), tls=(cert, key)).start()
    try:
        assert receiver.base.startswith("https://")
        with pytest.raises(httpx.HTTPError):  # no clear-text answer on the TLS port
            httpx.get(f"http://127.0.0.1:{receiver.port}/api/mac/v1/health", timeout=5)
        last = add_events(30)
        sync = PcmSync(
            ctx,
            SyncSettings(
                endpoint=receiver.base, centre=CENTRE, token=token, verify=pcm_ssl_context(cert)
            ),
        )
        try:
            assert sync.run_round(UPLOAD) is True
        finally:
            sync.stop()
    finally:
        receiver.kill()
    store = ReceiverStore(db)
    try:
        assert [e.seq for e in store.events(CENTRE)] == list(range(1, last + 1))
    finally:
        store.dispose()


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ({"host": "0.0.0.0"}, "no atiende sin cifrar en 0.0.0.0"),
        ({"host": "192.168.1.20"}, "no atiende sin cifrar en 192.168.1.20"),
        ({"host": "127.0.0.1", "tls_cert": "cert.pem"}, "--tls-cert y --tls-key, los dos"),
        ({"host": "0.0.0.0", "tls_cert": "no.pem", "tls_key": "no.key"}, "no.pem"),
    ],
)
def test_a_receiver_open_in_clear_to_the_network_is_refused(tmp_path, capsys, options, said):
    args = argparse.Namespace(
        **{"db": None, "data_dir": str(tmp_path), "port": free_port(), "tls_cert": None,
           "tls_key": None, **options}
    )  # fmt: skip
    assert serve(args) == 2
    assert said in capsys.readouterr().err


def test_the_receiver_keeps_its_files_private_and_no_dni_in_clear(tmp_path):
    folder = tmp_path / "pcm"
    store = ReceiverStore(f"sqlite+pysqlite:///{folder / 'pcm.db'}")
    try:
        token = store.add_centre(CENTRE)
        store.load_appointments(CENTRE, DAY, [appointment(), appointment("CITA-002", "07654321")])
        centre = store.authenticate(CENTRE, token)
        # The centre still gets the DNIs it checks in with.
        served = store.appointments(centre, DAY)
        assert [a["dni"] for a in served] == [DNI, "07654321"]
        files = sorted(p.name for p in folder.iterdir())
        assert {"pcm.db", "pcm-dni.key"} <= set(files)
        for name in files:
            assert mode(folder / name) == 0o600, name
        assert mode(folder) == 0o700
        assert DNI.encode() not in every_byte(folder)
    finally:
        store.dispose()
    assert DNI.encode() not in every_byte(folder)
    # The database without its key reveals nothing: another key cannot open a DNI.
    other = ReceiverStore(
        f"sqlite+pysqlite:///{folder / 'pcm.db'}", key_file=tmp_path / "other.key"
    )
    try:
        with pytest.raises(SealError):
            other.appointments(centre, DAY)
    finally:
        other.dispose()


def test_clear_dnis_of_an_older_receiver_are_sealed_when_it_starts(tmp_path):
    url = f"sqlite+pysqlite:///{tmp_path / 'pcm.db'}"
    store = ReceiverStore(url)
    token = store.add_centre(CENTRE)
    store.load_appointments(CENTRE, DAY, [appointment()])
    # Turn the table back into an older receiver's: the DNI in a clear `dni` column.
    with store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE pcm_appointments ADD COLUMN dni VARCHAR(8)"))
        conn.execute(text("UPDATE pcm_appointments SET dni = :d"), {"d": DNI})
        conn.execute(text("ALTER TABLE pcm_appointments DROP COLUMN dni_sealed"))
    store.dispose()
    (tmp_path / "pcm.db").chmod(0o644)
    assert DNI.encode() in every_byte(tmp_path)

    store = ReceiverStore(url)
    try:
        centre = store.authenticate(CENTRE, token)
        assert [a["dni"] for a in store.appointments(centre, DAY)] == [DNI]
    finally:
        store.dispose()
    assert DNI.encode() not in every_byte(tmp_path)
    assert mode(tmp_path / "pcm.db") == 0o600


def test_a_different_event_under_a_held_number_is_refused(receiver, token):
    url = f"{receiver.base}/centres/{CENTRE}/events"
    auth = {"Authorization": f"Bearer {token}"}
    first = httpx.post(
        url, json={"centre": CENTRE, "after": 0, "events": [event(1), event(2)]}, headers=auth
    )
    assert first.json()["acknowledged_seq"] == 2
    # The same events again: a harmless duplicate.
    again = httpx.post(
        url, json={"centre": CENTRE, "after": 1, "events": [event(2), event(3)]}, headers=auth
    )
    assert (again.status_code, again.json()["duplicates"], again.json()["stored"]) == (200, 1, 1)
    # Another event under number 2 (a centre whose database was replaced): refused whole.
    other = httpx.post(
        url,
        json={"centre": CENTRE, "after": 1, "events": [event(2, "ticket.called"), event(4)]},
        headers=auth,
    )
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "PCM_SEQ_CONFLICT"
    assert "número 2" in other.json()["error"]["message"]
    held = receiver.store.events(CENTRE)
    assert [(e.seq, e.kind) for e in held] == [(n, "ticket.issued") for n in (1, 2, 3)]


def test_a_catalogue_whose_version_is_a_number_is_refused_at_load(tmp_path, capsys):
    db = f"sqlite+pysqlite:///{tmp_path / 'r.db'}"
    assert main(["--db", db, "add-centre", CENTRE]) == 0
    catalogue = tmp_path / "catalogo.yaml"
    # YAML reads 2026.10 as the number 2026.1: it would silently become another version.
    catalogue.write_text("version: 2026.10\nsections:\n  holidays: []\n", encoding="utf-8")
    assert main(["--db", db, "load-catalogue", "--centre", CENTRE, str(catalogue)]) == 2
    assert "version: debe ser un texto entre comillas" in capsys.readouterr().err
    catalogue.write_text('version: "2026.10"\nsections:\n  holidays: []\n', encoding="utf-8")
    assert main(["--db", db, "load-catalogue", "--centre", CENTRE, str(catalogue)]) == 0
    assert "Catálogo 2026.10 publicado" in capsys.readouterr().out
