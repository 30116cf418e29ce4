"""The supervisor's replication line: hidden on one server, live on two real machines.

The pair test builds the whole pair (two PostgreSQL clusters with synchronous
replication, two turn servers) with tests/pair's harness, logs a supervisor in
on each turn server through the counter window, kills the standby's database and
watches the line and the alerts turn red, then come back.
"""

from __future__ import annotations

import pytest
from support.counter import FAST, TIMEOUT_MS, log_in, shot
from support.pair import needs_pair

from macturnos.client.connection import Connection
from macturnos.client.ui import theme
from macturnos.counter.app import CounterWindow
from macturnos.counter.session import CounterSession

LAB_TIMEOUT_MS = 45_000
"""Monitor rounds, 5 s polls and a standby's restart, on a machine the suite keeps busy."""


def alert_texts(view) -> list[str]:  # noqa: ANN001
    return [view.alerts_list.item(i).text() for i in range(view.alerts_list.count())]


def test_single_server_shows_no_replication_line(qtbot, open_window, staff_account):
    staff_account("sara", "supervisor")
    window = open_window()
    log_in(qtbot, window, "sara")
    presenter, view = window.supervisor, window.supervisor_view
    qtbot.waitUntil(lambda: presenter.pair is not None, timeout=TIMEOUT_MS)
    assert presenter.pair["mode"] == "single"
    assert presenter.pair["health"]["level"] == "single"
    assert presenter.pair_health() is None
    view.refresh()
    assert not view.pair_line.isVisible() and view.pair_line.text() == ""
    assert not any("respaldo" in t for t in alert_texts(view))


def supervisor_on(qtbot, url: str) -> CounterWindow:  # noqa: ANN001
    session = CounterSession(Connection(url, stream_options=FAST))
    window = CounterWindow(session, None)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    log_in(qtbot, window, "sara")
    return window


def seen(view, *words: str, colour: str | None = None):  # noqa: ANN001, ANN201
    """A waitUntil check that says what the line showed when it times out."""

    def check() -> None:
        text = view.pair_line.text()
        assert all(w in text for w in words), text
        if colour is not None:
            assert line_colour(view) == colour, (line_colour(view), text)

    return check


def line_colour(view) -> str:  # noqa: ANN001
    """The background of the replication line's style ("" while it is plain text)."""
    style = view.pair_line.styleSheet()
    return style.split("background: ", 1)[1].split(";", 1)[0] if "background: " in style else ""


@pytest.mark.slow
@needs_pair
def test_replication_line_and_alert_on_two_machines(qtbot, lab):
    lab.provision()
    on_a = supervisor_on(qtbot, lab.url("a"))
    on_b = supervisor_on(qtbot, lab.url("b"))
    try:
        view_a, view_b = on_a.supervisor_view, on_b.supervisor_view
        qtbot.waitUntil(seen(view_a, "respaldo «b» al día (síncrono)"), timeout=LAB_TIMEOUT_MS)
        assert view_a.pair_line.isVisible()
        assert view_a.pair_line.text().startswith("Servidores: conectado a «a» (principal)")
        assert "· retraso " in view_a.pair_line.text()
        assert line_colour(view_a) == "" and theme.OK in view_a.pair_line.styleSheet()
        qtbot.waitUntil(seen(view_b, "recibe al día los datos de «a»"), timeout=LAB_TIMEOUT_MS)
        assert view_b.pair_line.text().startswith("Servidores: conectado a «b» (respaldo)")
        shot(on_a, "supervisor-pair", docs=True)

        # The standby's database dies: red line and an alert on both, the centre goes on.
        lab.kill_postgres("b")
        qtbot.waitUntil(seen(view_a, colour=theme.DANGER), timeout=LAB_TIMEOUT_MS)
        lost = "Sin máquina de respaldo: «b» no recibe los datos; el centro atiende solo con «a»."
        assert view_a.pair_line.text().startswith(lost)
        assert "Este equipo está conectado a «a» (principal)." in view_a.pair_line.text()
        qtbot.waitUntil(
            lambda: any(t.startswith(lost) for t in alert_texts(view_a)), timeout=TIMEOUT_MS
        )
        assert view_a.alerts_list.item(0).text().startswith(lost)  # errors first
        qtbot.waitUntil(
            seen(view_b, "La base de datos de «b» no responde", colour=theme.DANGER),
            timeout=LAB_TIMEOUT_MS,
        )
        qtbot.waitUntil(
            lambda: on_a.supervisor.pair["synchronous"] is False, timeout=LAB_TIMEOUT_MS
        )
        shot(on_a, "supervisor-pair-lost", docs=True)

        # The morning checklist says the same, as an observation that does not block.
        view_a.tabs.setCurrentWidget(view_a.day_tab)
        day = view_a.day_view
        # The lab's day is already open (Volver a verificar is off): read the checklist as
        # that button does on a morning before the opening.
        on_a.supervisor.day.load_checklist()
        qtbot.waitUntil(
            lambda: (
                bool(day.rows) and "Sin máquina de respaldo" in day.row("TIC-REPLICA").probe.text()
            ),
            timeout=LAB_TIMEOUT_MS,
        )
        replica = day.row("TIC-REPLICA")
        # The probe's reason after the result's name, without a second "con observaciones".
        assert replica.probe.text().startswith(
            "Conforme con observaciones: Sin máquina de respaldo: «b» no recibe los datos"
        )
        assert replica.result.currentData() == "ok" and not replica.item["blocking"]
        qtbot.wait(300)  # let the rebuilt form lay out before scrolling to the row
        day.form_area.ensureWidgetVisible(replica.probe)
        shot(on_a, "day-replica-lost")
        view_a.tabs.setCurrentWidget(view_a.monitor_tab)

        # Back and caught up: green again, the alert gone.
        lab.pg_ctl("b", "start", "-w", "-l", str(lab.root / "b" / "pgdata.log"))
        qtbot.waitUntil(seen(view_a, "al día (síncrono)", colour=""), timeout=LAB_TIMEOUT_MS)
        qtbot.waitUntil(
            lambda: not any("respaldo" in t for t in alert_texts(view_a)), timeout=TIMEOUT_MS
        )
        assert "al día (síncrono)" in view_a.pair_line.text()
    finally:
        on_a.session.close()
        on_b.session.close()
