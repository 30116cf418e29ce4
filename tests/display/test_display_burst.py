"""Bursts of calls: every call is shown and announced, none dropped silently (issue 17, s. 2)."""

from __future__ import annotations

from support.display import RecordingSpeaker


def test_a_call_waiting_behind_others_is_still_announced(qtbot, centre, make_display):
    # Each call takes 1 s to announce and "recent" is cut to 2 s, so a call waiting behind
    # four others (4 s) outlives it, as 12 s calls outlived 60 s in a real burst.
    speaker = RecordingSpeaker(duration_s=0.5)
    app = make_display(speaker, min_highlight=0.05)
    centre.issue("DNI-DUP", 5)
    centre.open_module(1)
    app.presenter.recent_s = 2.0
    # The test server's clock stands still: restart this screen's estimate of it now.
    app.presenter._set_server_time(centre.server.ctx.clock.now())
    called = [centre.call_next(1) for _ in range(5)]
    qtbot.waitUntil(lambda: len(app.presenter.shown_log) == 5, timeout=20_000)
    qtbot.waitUntil(lambda: len(speaker.said()) == 5, timeout=20_000)
    assert [c.number for c, _ in app.presenter.shown_log] == called
    assert all(c.announce for c, _ in app.presenter.shown_log)
    assert not app.presenter.skipped_log


def test_a_burst_is_one_chime_then_spanish_then_the_second_language(qtbot, make_display):
    from dataclasses import replace
    from datetime import datetime

    from macturnos.display.calls import Call

    app = make_display(RecordingSpeaker())
    at = datetime.now().astimezone()
    calls = [Call(i, f"R-00{i}", i, "RENIEC", "DNI", "#1565c0", at) for i in (1, 2)]
    spoken = app.presenter.announcement_of(calls)
    assert spoken.chime
    assert [u.text for u in spoken.utterances] == [
        "Turno erre cero cero uno, módulo uno.",
        "Erre cero cero dos, módulo dos.",
    ]
    app.presenter.apply_settings(replace(app.presenter.settings, announce_quechua=True))
    spoken = app.presenter.announcement_of(calls)
    assert [u.voice for u in spoken.utterances] == ["es-419", "es-419", "qu", "qu"]
