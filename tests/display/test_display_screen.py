"""The call screen against a real turn server: order, bursts, recalls, zones, reconnection."""

from __future__ import annotations

import time
from datetime import timedelta

from support import RunningServer, ServerOnPort
from support.display import RecordingSpeaker, shoot

from macturnos.server.db.models import Device


def shown_numbers(app) -> list[str]:
    return [call.number for call, _ in app.presenter.shown_log]


def test_calls_appear_in_order_and_are_announced(qtbot, centre, make_display):
    speaker = RecordingSpeaker()
    app = make_display(speaker)
    assert app.presenter.settings.zone == "ZA"
    assert app.presenter.settings.modules == frozenset({1, 2, 3})
    centre.issue("DNI-DUP", 3)
    centre.open_module(1)
    called = []
    for i in range(3):  # one at a time: a burst would be announced in its short form
        called.append(centre.call_next(1))
        qtbot.waitUntil(lambda i=i: len(speaker.said()) == i + 1, timeout=10_000)
    assert shown_numbers(app) == called == ["R-001", "R-002", "R-003"]
    assert speaker.said() == [
        "Turno erre cero cero uno, módulo uno.",
        "Turno erre cero cero dos, módulo uno.",
        "Turno erre cero cero tres, módulo uno.",
    ]
    screen = app.screen
    qtbot.waitUntil(lambda: screen.number.text() == "R-003")
    assert screen.module.text() == "Módulo 1"
    assert screen.location.text() == "Zona A"  # where module 1 is (its zone in the centre file)
    assert [r.number.text() for r in screen.rows if r.isVisible()] == ["R-002", "R-001"]
    # The clock follows the server's (manual, 10:00) clock, not this machine's.
    assert "10:0" in screen.clock.text() and "25 de noviembre de 2026" in screen.clock.text()


def test_burst_of_ten_calls_none_lost_all_shown_at_once(qtbot, centre, make_display):
    speaker = RecordingSpeaker(duration_s=0.1)
    app = make_display(speaker, min_highlight=0.25)
    fresh_counts: list[int] = []
    app.presenter.freshChanged.connect(lambda calls: fresh_counts.append(len(calls)))
    centre.issue("DNI-DUP", 7)
    centre.issue("BN-PAGO", 3)
    for module in (1, 2, 3):
        centre.open_module(module)
    called = []
    for _ in range(4):
        for module in (1, 2, 3):
            if len(called) < 10:
                called.append(centre.call_next(module))
    qtbot.waitUntil(lambda: len(app.presenter.shown_log) == 10, timeout=20_000)
    assert shown_numbers(app) == called
    # Shown as they come, not one after another's announcement: several highlighted together.
    assert max(fresh_counts) >= 2
    qtbot.waitUntil(lambda: len(speaker.said()) == 10, timeout=10_000)
    assert speaker.max_concurrent == 1
    assert len(set(speaker.said())) == 10
    # Every call was on screen before its announcement ended, and none was dropped.
    shown = {c.ticket_id: t for c, t in app.presenter.shown_log}
    qtbot.waitUntil(lambda: len(app.presenter.announced_log) == 10, timeout=10_000)
    assert all(shown[c.ticket_id] <= t for c, t in app.presenter.announced_log)
    assert [c.number for c, _ in app.presenter.announced_log] == called
    # A burst shares its chime.
    assert sum(1 for s in speaker.sounds if s.kind == "chime") < 10
    history = [r.number.text() for r in app.screen.rows if r.isVisible()]
    assert history == list(reversed(called[:-1]))[:6]
    shoot(app.screen, "burst-1080")


def test_highlight_lasts_until_the_announcement_ends(qtbot, centre, make_display):
    speaker = RecordingSpeaker(duration_s=0.15)  # chime + sentence = 0.3 s per call
    app = make_display(speaker, min_highlight=0.05)
    left: dict[int, float] = {}

    def track(calls) -> None:
        ids = {c.ticket_id for c in calls}
        for call, _ in app.presenter.shown_log:
            if call.ticket_id not in ids and call.ticket_id not in left:
                left[call.ticket_id] = time.monotonic()

    app.presenter.freshChanged.connect(track)
    centre.issue("DNI-DUP", 3)
    centre.open_module(1)
    centre.open_module(2)
    centre.call_next(1)
    centre.call_next(2)
    qtbot.waitUntil(lambda: len(app.presenter.shown_log) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: not app.presenter.fresh, timeout=10_000)
    (first, shown_at), (second, _) = app.presenter.shown_log
    assert left[first.ticket_id] - shown_at >= 0.28
    # The second call is highlighted while the first is still being heard.
    assert app.presenter.shown_log[1][1] < left[first.ticket_id]


def test_recall_is_shown_and_announced_again(qtbot, centre, make_display):
    speaker = RecordingSpeaker()
    app = make_display(speaker)
    centre.issue("DNI-DUP", 2)
    centre.open_module(2)
    centre.call_next(2)
    qtbot.waitUntil(lambda: len(speaker.said()) == 1, timeout=10_000)
    centre.act(2, "recall")
    qtbot.waitUntil(lambda: len(speaker.said()) == 2, timeout=10_000)
    assert speaker.said()[1] == "Nuevo llamado. Turno erre cero cero uno, módulo dos."
    qtbot.waitUntil(lambda: app.screen.caption.text() == "Nuevo llamado")
    caption = app.screen.caption
    # The badge is laid out for its own text at once, not cut to the former "Turno".
    assert caption.fontMetrics().horizontalAdvance(caption.text()) <= caption.width()
    assert app.screen.number.text() == "R-001"
    # The same ticket is not listed twice.
    assert "R-001" not in [r.number.text() for r in app.screen.rows if r.isVisible()]
    shoot(app.screen, "recall", docs=True)


def test_zone_filter_and_quechua(qtbot, centre, make_display, server):
    speaker = RecordingSpeaker()
    app = make_display(speaker)
    app.presenter.apply_settings(
        app.presenter.settings.__class__(
            **{**app.presenter.settings.__dict__, "announce_quechua": True, "volume": 55}
        )
    )
    centre.issue("PASAPORTE", 1)
    centre.issue("BN-PAGO", 1)
    centre.open_module(4)  # zone ZB: not this screen's
    centre.open_module(3)
    centre.call_next(4)
    centre.call_next(3)
    qtbot.waitUntil(lambda: len(speaker.said()) == 2, timeout=10_000)
    assert shown_numbers(app) == ["B-001"]
    assert speaker.said() == [
        "Turno be cero cero uno, módulo tres.",
        "Yupay be ch'usaq ch'usaq huk. Módulo kimsa-man hamuy.",
    ]
    assert [s.voice for s in speaker.sounds if s.kind == "say"] == ["es-419", "qu"]
    assert {s.volume for s in speaker.sounds} == {55}


def test_a_display_of_all_zones(qtbot, centre, make_display, server):
    app = make_display(device="TV-UNKNOWN")  # not in the centre file: every zone, a warning
    assert app.presenter.settings.modules is None and not app.presenter.settings.known
    centre.issue("PASAPORTE", 1)
    centre.open_module(4)
    centre.call_next(4)
    qtbot.waitUntil(lambda: shown_numbers(app) == ["M-001"], timeout=10_000)


def test_reconnect_shows_missed_calls_announcing_only_recent(qtbot, centre, make_display, server):
    speaker = RecordingSpeaker()
    app = make_display(speaker)
    centre.issue("DNI-DUP", 5)
    centre.open_module(1)
    centre.call_next(1)
    qtbot.waitUntil(lambda: len(speaker.said()) == 1, timeout=10_000)

    server.stop()
    qtbot.waitUntil(lambda: app.screen.connection.isVisible(), timeout=10_000)
    assert app.screen.number.text() == "R-001"  # the calls stay on screen
    shoot(app.screen, "reconnecting", docs=True)

    # Meanwhile the centre goes on (another process on the same database).
    other = RunningServer(server.ctx).start()
    try:
        centre.use(other)
        old = [centre.call_next(1), centre.call_next(1)]
        server.ctx.clock.advance(timedelta(minutes=3))
        recent = [centre.call_next(1), centre.call_next(1)]
    finally:
        other.stop()
    back = ServerOnPort(server.ctx, server.port).start()
    try:
        qtbot.waitUntil(lambda: len(app.presenter.shown_log) == 5, timeout=15_000)
        qtbot.waitUntil(lambda: len(speaker.said()) == 3, timeout=10_000)
        assert shown_numbers(app) == ["R-001", *old, *recent]
        assert speaker.said()[1:] == [
            "Turno erre cero cero cuatro, módulo uno.",
            "Erre cero cero cinco, módulo uno.",  # caught up together: the short form
        ]
        assert not app.screen.connection.isVisible()
    finally:
        back.stop()


def test_health_reports_audio(qtbot, centre, make_display, server):
    make_display(RecordingSpeaker())

    def health() -> dict | None:
        with server.ctx.db.read() as s:
            device = s.query(Device).filter_by(code="TV-A").one()
            return device.health

    qtbot.waitUntil(lambda: health() is not None, timeout=10_000)
    assert health()["status"] == "ok"
    assert health()["detail"]["audio"] == "ok" and health()["detail"]["connected"] is True


def test_without_sound_device_it_still_shows_and_says_so(qtbot, centre, make_display, server):
    app = make_display(
        RecordingSpeaker(ok=False),
        notices=("Recuerde tener su DNI a la mano. Los turnos son gratuitos.",),
    )
    centre.issue("DNI-DUP", 1)
    centre.open_module(1)
    centre.call_next(1)
    qtbot.waitUntil(lambda: shown_numbers(app) == ["R-001"], timeout=10_000)
    qtbot.waitUntil(lambda: app.screen.audio_mark.isVisible(), timeout=10_000)
    with server.ctx.db.read() as s:
        device = s.query(Device).filter_by(code="TV-A").one()
        assert device.health["status"] == "warning"
        assert device.health["detail"]["audio"] == "missing"
    assert app.screen.notice.isVisible()
    shoot(app.screen, "no-sound")
