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


@pytest.mark.parametrize("lang", ["en", "es", "qu"])
def test_compiled_catalogue_matches_its_source(tmp_path: Path, lang: str):
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / f"counter_{lang}.qm"
    subprocess.run(
        [lrelease, "-silent", str(I18N_DIR / f"counter_{lang}.ts"), "-qm", str(out)],
        check=True,
        timeout=60,
    )
    assert out.read_bytes() == (I18N_DIR / f"counter_{lang}.qm").read_bytes()


COUNTED = {
    # language: (what 1 reads, what 3 read) for "%n eventos pendientes"
    "es": ("1 evento pendiente", "3 eventos pendientes"),
    "qu": ("1 ruray apachinapaq", "3 ruraykuna apachinapaq"),
    "en": ("1 event pending", "3 events pending"),
}


@pytest.fixture
def language(qapp):
    """Install the counter's catalogue of a language, as the app does at start."""
    from macturnos.client.ui.app import Translations

    translations = Translations(qapp, I18N_DIR, "counter")
    yield translations.use
    translations.use("es")
    for t in translations._installed:
        qapp.removeTranslator(t)


@pytest.mark.parametrize("lang", sorted(COUNTED))
def test_counted_texts_use_plural_forms_in_every_language(language, lang: str):
    from macturnos.counter.supervisor.wording import SupervisorWording

    assert language(lang)
    words = SupervisorWording()
    one, three = COUNTED[lang]
    assert words.sync_text({"enabled": True, "backlog": 1})[0].endswith(" · " + one)
    assert words.sync_text({"enabled": True, "backlog": 3})[0].endswith(" · " + three)
    people = {"es": "1 persona", "qu": "1 runa", "en": "1 person"}
    assert words.people_text(1) == people[lang]


def test_every_counted_source_text_has_plural_forms_in_each_catalogue():
    import xml.etree.ElementTree as ET

    sources = ET.parse(I18N_DIR / "counter_en.ts").getroot()
    counted = {m.find("source").text for m in sources.iter("message") if m.get("numerus") == "yes"}
    assert "%n eventos pendientes" in counted
    for lang in ("es", "qu", "en"):
        root = ET.parse(I18N_DIR / f"counter_{lang}.ts").getroot()
        forms = {
            m.find("source").text: [f.text for f in m.iter("numerusform")]
            for m in root.iter("message")
            if m.get("numerus") == "yes"
        }
        assert counted <= set(forms), lang
        assert all(len(f) == 2 and all(f) for f in forms.values()), lang


# --- the dashboard's new alerts (issue 18) ---------------------------------------------


def _module(number: int, state: str, since_min_ago: float, **extra) -> dict:
    since = (T0 - timedelta(minutes=since_min_ago)).isoformat()
    return {"number": number, "state": state, "since": since, "advisor": "Ana", **extra}


def test_a_call_left_calling_for_seven_minutes_is_an_error():
    modules = [
        _module(1, "calling", 7, ticket={"number": "R-008"}),
        _module(2, "calling", 6.9, ticket={"number": "R-009"}),
        _module(3, "serving", 40),
    ]
    alerts = monitor.calling_alerts(modules, T0)
    assert [(a.key, a.level, a.data["ticket"], a.data["minutes"]) for a in alerts] == [
        ("calling:1", "error", "R-008", 7)
    ]


def test_an_idle_module_is_flagged_only_while_its_services_have_people_waiting():
    queues = [{"service": "A", "waiting": 3}, {"service": "B", "waiting": 0}]
    modules = [
        _module(1, "free", 5, services=["A", "B"]),
        _module(2, "free", 5, services=["B"]),  # nobody waits for B
        _module(3, "free", 1, services=["A"]),  # free for a minute only
        {**_module(4, "free", 9, services=["A"]), "advisor": None},  # nobody at the desk
    ]
    alerts = monitor.idle_alerts(modules, queues, T0)
    assert [(a.key, a.data["waiting"], a.data["minutes"]) for a in alerts] == [("idle:1", 3, 5)]


def test_services_near_their_last_issue_are_grouped_by_entity_and_time():
    config = {
        "entities": [{"code": "BN", "name": "Banco de la Nación", "short_name": "BN"}],
        "services": [
            {"code": "BN-01", "entity": "BN", "last_issue": "17:45:00"},
            {"code": "BN-02", "entity": "BN", "last_issue": "17:45:00"},
            {"code": "BN-03", "entity": "BN", "last_issue": "17:45:00"},  # already stopped
            {"code": "BN-04", "entity": "BN", "last_issue": "18:30:00"},  # not yet near
            {"code": "BN-05", "entity": "BN", "last_issue": None},
        ],
    }
    queues = [{"service": "BN-03", "available": False}]
    at_1720 = T0.replace(hour=17, minute=20)
    alerts = monitor.last_issue_alerts(config, queues, at_1720)
    assert [(a.key, a.data) for a in alerts] == [
        ("last_issue:BN:17:45", {"entity": "BN", "time": "17:45", "services": 2})
    ]
    assert monitor.last_issue_alerts(config, queues, T0.replace(hour=17, minute=10)) == []
    assert monitor.last_issue_alerts(config, queues, T0.replace(hour=17, minute=50)) == []


def test_the_checklist_names_what_blocks_the_opening_before_it_is_sent():
    from macturnos.counter.day.blockers import Answer, failing_devices, verdict

    internet = {
        "code": "TIC-INTERNET",
        "label": "Conexión a internet",
        "blocking": True,
        "prefill": {"result": "fail", "reason": "posible portal cautivo"},
    }
    guards = {"code": "GEN-VIGILANCIA", "label": "Vigilancia", "blocking": True, "prefill": None}
    water = {"code": "GEN-AGUA", "label": "Agua", "blocking": False, "prefill": None}
    found = verdict(
        [Answer(internet, "fail", ""), Answer(guards, "unknown", ""), Answer(water, "ok", "")]
    )
    assert [(o.code, o.note) for o in found.blocking_failures] == [
        ("TIC-INTERNET", "posible portal cautivo"),
        ("GEN-VIGILANCIA", None),
    ]
    # A person cannot overrule a failed check of a blocking item: it still blocks.
    found = verdict(
        [Answer(internet, "ok", "ya volvió"), Answer(guards, "ok", ""), Answer(water, "fail", "")]
    )
    assert [o.code for o in found.blocking_failures] == ["TIC-INTERNET"]
    found = verdict(
        [
            Answer({**internet, "prefill": {"result": "ok"}}, "ok", ""),
            Answer(guards, "ok", ""),
            Answer(water, "fail", "sin bidones"),
        ]
    )
    assert found.opens and [o.code for o in found.incidents] == ["GEN-AGUA"]
    leds = {"detail": {"devices": ["LED-1:ok", "LED-2:unknown", "LED-3:fail"]}}
    assert failing_devices(leds) == [("LED-2", "unknown"), ("LED-3", "fail")]


def test_two_primaries_is_the_replication_problem_the_monitor_shows(qtbot):
    """Issue 16: with an old primary back on timeline 1, the monitor said 'Sin máquina de
    respaldo'; it shows the server's alert: which one holds stale data and what to run."""
    from macturnos.counter.monitor import pair_alerts, pair_health
    from macturnos.counter.supervisor.wording import SupervisorWording

    said = "Dos bases de datos principales: «mac_a» volvió con datos antiguos ..."
    status = {
        "mode": "pair",
        "health": {"level": "error", "problem": "no_standby", "primary": "mac_b"},
        "alerts": [{"code": "PAIR_TWO_PRIMARIES", "message": said}],
    }
    health = pair_health(status)
    assert health is not None and health["problem"] == "two_primaries"
    (alert,) = pair_alerts(status)
    assert alert.level == "error"
    words = SupervisorWording()
    qtbot.addWidget(words)
    assert words.pair_problem_text(health) == said
    assert pair_health({**status, "alerts": []})["problem"] == "no_standby"
