"""The kiosk app in survey mode: a tablet at module 2 asks about the attention just
finished there, a reason and a face send the rating, it thanks and waits (issue 20, §2)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton
from sqlalchemy import select
from support import RunningServer, device_client, login
from support.kiosk import ARTIFACTS
from support.screenshots import docs_dir

from macturnos.client.connection import Connection
from macturnos.client.credentials import CredentialStore, DeviceCredentials
from macturnos.client.qt import QtBridge
from macturnos.client.ui.widgets import save_screenshot
from macturnos.kiosk.survey.presenter import SurveyPresenter
from macturnos.kiosk.survey.view import TOUCH_PX, SurveyWindow
from macturnos.server.db.survey_models import Rating

TABLET_SIZES = ((1280, 800), (800, 1280))


@pytest.fixture
def tablet(qtbot, server: RunningServer, tmp_path: Path) -> Iterator[SurveyWindow]:
    """A paired survey tablet of module 2, on screen at 1280x800."""
    with device_client(server, "survey", "ENC-2") as client:
        token = client.headers["Authorization"].removeprefix("Bearer ")
    store = CredentialStore(tmp_path, name="survey-ENC-2")
    store.save(
        DeviceCredentials(token=token, role="survey", device_code="ENC-2", server_url=server.url)
    )
    conn = Connection(server.url, credentials=store, api_options={"retries": 0})
    assert conn.resume_device()
    presenter = SurveyPresenter(QtBridge(conn), 2, poll_ms=300, thanks_ms=500)
    window = SurveyWindow(presenter, windowed=True)
    window.resize(*TABLET_SIZES[0])
    qtbot.addWidget(window)
    window.show()
    yield window
    presenter.stop()
    conn.close()


def finish_one(server: RunningServer, staff) -> dict:  # noqa: ANN001
    staff("ana", "advisor")
    ana = login(server, "ana")
    kiosk = device_client(server, "kiosk", "K1")
    ticket = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()["ticket"]
    ana.post("/api/v1/modules/2/session").raise_for_status()
    ana.post("/api/v1/modules/2/call-next").raise_for_status()
    ana.post("/api/v1/modules/2/start").raise_for_status()
    ana.post("/api/v1/modules/2/finish").raise_for_status()
    return ticket


def shot(window: SurveyWindow, name: str) -> None:
    save_screenshot(window, ARTIFACTS / f"{name}.png")
    save_screenshot(window, docs_dir() / f"kiosk-{name}.png")


def test_the_tablet_asks_about_the_attention_just_finished_and_sends_the_rating(
    qtbot, server, staff, tablet, ctx
):
    presenter = tablet.presenter
    assert presenter.state == "idle" and "Módulo 2" in tablet.idle_title.text()
    ticket = finish_one(server, staff)
    qtbot.waitUntil(lambda: presenter.state == "asking", timeout=10_000)
    assert ticket["number"] in tablet.attention.text()
    assert tablet.question.text() == "¿Cómo le atendimos?"
    shot(tablet, "survey-asking")
    # Quechua, then back.
    presenter.set_language("qu")
    assert tablet.question.text() == "¿Imaynatam yanaparqaykiku?"
    presenter.set_language("es")
    # Two taps: a reason, then a face.
    qtbot.mouseClick(tablet.reason_buttons["trato"], Qt.MouseButton.LeftButton)
    assert tablet.reason_buttons["trato"].isChecked()
    qtbot.mouseClick(tablet.face_buttons[5], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: presenter.state == "thanks", timeout=10_000)
    assert tablet.thanks_title.text() == "¡Gracias por su calificación!"
    with ctx.db.read() as s:
        rows = s.scalars(select(Rating)).all()
    assert [(r.ticket_id, r.score, r.reason, r.channel) for r in rows] == [
        (ticket["id"], 5, "trato", "tablet")
    ]
    # The thank-you gives way to waiting; the rated attention is not asked again.
    qtbot.waitUntil(lambda: presenter.state == "idle", timeout=10_000)
    qtbot.wait(800)
    assert presenter.state == "idle"


@pytest.mark.parametrize("size", TABLET_SIZES)
def test_every_button_fits_and_is_large_enough_to_touch(qtbot, server, staff, tablet, size):
    finish_one(server, staff)
    qtbot.waitUntil(lambda: tablet.presenter.state == "asking", timeout=10_000)
    tablet.resize(*size)
    qtbot.wait(50)
    window = QRect(0, 0, *size)
    for button in tablet.ask_page.findChildren(QAbstractButton):
        if not button.isVisible():
            continue
        box = QRect(button.mapTo(tablet, button.rect().topLeft()), button.size())
        assert window.contains(box), (button.text(), box, size)
        assert button.height() >= TOUCH_PX and button.width() >= TOUCH_PX, button.text()
        # The text is not cut: each line fits inside the button's border and padding.
        for line in button.text().splitlines():
            assert button.fontMetrics().horizontalAdvance(line) + 30 <= button.width(), line
    if size == TABLET_SIZES[1]:
        shot(tablet, "survey-portrait")
