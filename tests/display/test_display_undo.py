"""An undone call comes off the call screen at once (issue 17, section 2).

A call that was returned, cancelled, transferred or marked no-show, or whose
module closed, no longer sends anyone to the module: the screen must not show it
as current, list it, or announce it if it has not been announced yet.
"""

from __future__ import annotations

from support.display import RecordingSpeaker


def visible_rows(app) -> list[str]:
    return [r.number.text() for r in app.screen.rows if r.isVisible()]


def test_leaving_the_module_takes_the_current_call_off_the_screen(qtbot, centre, make_display):
    speaker = RecordingSpeaker()
    app = make_display(speaker)
    centre.issue("DNI-DUP", 1)
    centre.open_module(1)
    centre.call_next(1)
    qtbot.waitUntil(lambda: app.screen.number.text() == "R-001", timeout=10_000)
    qtbot.waitUntil(lambda: len(speaker.said()) == 1, timeout=10_000)

    r = centre.advisors[1].delete("/api/v1/modules/1/session")  # R-001 back in its queue
    assert r.status_code == 200, r.text
    qtbot.waitUntil(lambda: app.presenter.current is None, timeout=10_000)
    assert app.screen.number.text() == ""
    assert app.screen.module.text() == "Espere su llamado en esta pantalla"
    assert "R-001" not in visible_rows(app)


def test_no_show_and_return_take_current_and_listed_calls_off(qtbot, centre, make_display):
    app = make_display(RecordingSpeaker())
    centre.issue("DNI-DUP", 2)
    centre.issue("BN-PAGO", 1)
    for module in (1, 2, 3):
        centre.open_module(module)
    called = [centre.call_next(m) for m in (1, 2, 3)]
    qtbot.waitUntil(lambda: app.screen.number.text() == called[-1], timeout=10_000)
    assert visible_rows(app) == [called[1], called[0]]

    centre.act(1, "no-show")  # a listed call
    qtbot.waitUntil(lambda: visible_rows(app) == [called[1]], timeout=10_000)
    assert app.screen.number.text() == called[2]

    centre.act(3, "return")  # the current call
    qtbot.waitUntil(lambda: app.presenter.current is None, timeout=10_000)
    assert app.screen.number.text() == ""
    assert visible_rows(app) == [called[1]]


def test_a_call_undone_before_it_is_heard_is_taken_off_and_never_announced(
    qtbot, centre, make_display
):
    speaker = RecordingSpeaker(duration_s=0.6)  # 1.2 s per call: the second one waits
    app = make_display(speaker, min_highlight=0.05)
    centre.issue("DNI-DUP", 2)
    centre.open_module(1)
    centre.open_module(2)
    first = centre.call_next(1)
    second = centre.call_next(2)
    qtbot.waitUntil(lambda: len(app.presenter.to_announce) == 1, timeout=5_000)
    assert app.screen.number.text() == second  # shown at once, its announcement waits
    centre.act(2, "no-show")
    qtbot.waitUntil(lambda: not app.presenter.to_announce, timeout=5_000)
    assert app.presenter.current is None and app.screen.number.text() == ""
    assert visible_rows(app) == [first]
    qtbot.waitUntil(lambda: len(speaker.said()) == 1, timeout=10_000)
    qtbot.wait(300)
    assert [c.number for c in app.presenter.skipped_log] == [second]
    assert not any("dos" in s for s in speaker.said())


def test_a_listed_call_undone_before_it_is_heard_is_skipped(qtbot, centre, make_display):
    speaker = RecordingSpeaker(duration_s=0.6)
    app = make_display(speaker, min_highlight=0.05)
    centre.issue("DNI-DUP", 2)
    centre.issue("BN-PAGO", 1)
    for module in (1, 2, 3):
        centre.open_module(module)
    called = [centre.call_next(m) for m in (1, 2, 3)]
    qtbot.waitUntil(lambda: app.screen.number.text() == called[2], timeout=5_000)
    centre.act(2, "return")  # listed, highlighted, not heard yet
    qtbot.waitUntil(lambda: visible_rows(app) == [called[0]], timeout=5_000)
    qtbot.waitUntil(lambda: len(speaker.said()) == 2, timeout=10_000)
    qtbot.wait(300)
    assert speaker.said() == [
        "Turno erre cero cero uno, módulo uno.",
        "Turno be cero cero uno, módulo tres.",
    ]
    assert [c.number for c in app.presenter.skipped_log] == [called[1]]


def test_a_closed_module_sends_nobody_there(qtbot, centre, make_display):
    app = make_display(RecordingSpeaker())
    centre.issue("DNI-DUP", 2)
    centre.open_module(1)
    centre.open_module(2)
    centre.call_next(1)
    centre.call_next(2)
    qtbot.waitUntil(lambda: app.screen.number.text() == "R-002", timeout=10_000)
    for action in ("start", "finish"):
        centre.act(2, action)
    r = centre.advisors[2].delete("/api/v1/modules/2/session")  # served, then the desk closes
    assert r.status_code == 200, r.text
    qtbot.waitUntil(lambda: app.presenter.current is None, timeout=10_000)
    assert visible_rows(app) == ["R-001"]
