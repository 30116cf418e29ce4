"""The monitor's pure rules (levels, served log, log search) and the translation files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from macturnos.counter import monitor
from macturnos.counter.app import I18N_DIR

T0 = datetime.fromisoformat("2026-11-25T10:00:00-05:00")


@pytest.mark.parametrize(
    ("waited_min", "level"),
    [(0, "ok"), (15, "ok"), (15.5, "risk"), (20, "risk"), (20.1, "missed")],
)
def test_wait_level_against_a_20_minute_target(waited_min, level):
    assert monitor.wait_level(waited_min * 60, 20) == level


def _finished(
    seq: int, tid: int, waited_min: int, service: str = "S", arrived_min_before: int = 0
) -> dict:
    called = T0 + timedelta(minutes=waited_min)
    ticket = {
        "id": tid,
        "service": service,
        "issued_at": T0.isoformat(),
        # A transferred ticket keeps its citizen's earlier arrival.
        "arrival_at": (T0 - timedelta(minutes=arrived_min_before)).isoformat(),
        "called_at": called.isoformat(),
    }
    return {"seq": seq, "kind": "ticket.finished", "day": "2026-11-25", "data": {"ticket": ticket}}


def test_served_log_counts_each_finished_attention_once():
    log = monitor.ServedLog()
    assert log.ingest(_finished(1, 7, 10))
    assert not log.ingest(_finished(2, 7, 30))  # the same ticket again (e.g. replayed)
    assert log.ingest(_finished(3, 8, 25))
    assert not log.ingest({"seq": 4, "kind": "ticket.called", "data": {}})
    assert not log.ingest({"seq": 5, "kind": "ticket.started", "data": {}})
    assert log.counts("S", 20) == (2, 1)
    assert log.counts("OTHER", 20) == (0, 0)
    assert log.last_seq == 5


def test_served_log_counts_as_the_day_summary_does():
    """One definition: the wait from the ticket's issue, not from the citizen's arrival."""
    from macturnos.domain.opening import TicketRecord, figures_of
    from macturnos.domain.tickets import TicketStatus

    cases = [(5, 0), (20, 0), (21, 0), (10, 40), (0, 0)]  # (waited, arrived minutes earlier)
    log = monitor.ServedLog()
    records = []
    for i, (waited, earlier) in enumerate(cases, start=1):
        log.ingest(_finished(i, i, waited, arrived_min_before=earlier))
        records.append(
            TicketRecord(
                entity="E",
                service="S",
                status=TicketStatus.FINISHED,
                issued_at=T0,
                called_at=T0 + timedelta(minutes=waited),
                started_at=T0 + timedelta(minutes=waited),
                ended_at=T0 + timedelta(minutes=waited + 5),
                target_wait_min=20,
            )
        )
    summary = figures_of(records)
    assert log.counts("S", 20) == (summary.attentions, summary.within_target) == (5, 4)


def test_log_search_finds_the_first_event_of_the_day():
    days = ["2026-11-23"] * 40 + ["2026-11-24"] * 33 + ["2026-11-25"] * 27
    log = [{"seq": i + 1, "day": d, "kind": "x"} for i, d in enumerate(days)]
    calls: list[tuple[int, int]] = []

    def fetch(after: int, limit: int) -> list[dict]:
        calls.append((after, limit))
        return [e for e in log if e["seq"] > after][:limit]

    assert monitor.first_seq_before_day(fetch, len(log), "2026-11-25") == 73
    assert len(calls) <= 8  # a binary search, not a scan
    events = monitor.day_events(fetch, len(log), "2026-11-25", page_size=10)
    assert [e["seq"] for e in events] == list(range(74, 101))
    assert monitor.first_seq_before_day(fetch, len(log), "2026-11-20") == 0
    assert monitor.day_events(fetch, len(log), "2026-11-26") == []


def test_device_alerts_for_disconnected_and_failing_devices():
    devices = [
        {"code": "TV-A", "kind": "display", "active": True, "connected": False,
         "last_seen_at": T0.isoformat(), "health": {"status": "ok", "detail": {}}},
        {"code": "K1", "kind": "kiosk", "active": True, "connected": True,
         "health": {"status": "error", "detail": {"reason": "Impresora sin papel"}}},
        {"code": "K2", "kind": "kiosk", "active": True, "connected": True,
         "health": {"status": "ok", "detail": {}}},
        {"code": "K9", "kind": "kiosk", "active": False, "connected": False, "health": None},
    ]  # fmt: skip
    alerts = monitor.device_alerts(devices)
    assert [(a.key, a.level) for a in alerts] == [("device:K1", "error"), ("offline:TV-A", "error")]
    assert alerts[1].data["last_seen_at"] == T0.isoformat()


def test_english_catalogue_loads_and_translates(qapp):
    translator = QTranslator()
    assert translator.load("counter_en", str(I18N_DIR))
    assert translator.translate("AdvisorView", "Llamar siguiente") == "Call next"
    assert translator.translate("Counter", "En pausa") == "Paused"


def test_compiled_catalogue_matches_its_source(tmp_path: Path):
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "counter_en.qm"
    subprocess.run(
        [lrelease, "-silent", str(I18N_DIR / "counter_en.ts"), "-qm", str(out)],
        check=True,
        timeout=60,
    )
    assert out.read_bytes() == (I18N_DIR / "counter_en.qm").read_bytes()
