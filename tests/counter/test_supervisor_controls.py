"""The supervisor's controls (counter/supervisor/controls.py) against a real server.

Freeing a module held by someone who left, seating an advisor at another
entity's module, suspending and resuming issuing, revoking a device.
"""

from __future__ import annotations

import pytest
from support import device_client
from support.counter import TIMEOUT_MS, api_login, log_in, shot

from macturnos.counter.supervisor.controls import SupervisorControls


@pytest.fixture
def controls(qtbot, open_window, staff_account):
    """A supervisor logged in; the controls alone, 1366x768, over their session."""
    staff_account("sara", "supervisor")
    staff_account("ana", "advisor", entity="RENIEC")
    staff_account("sol", "advisor", entity="BN")
    window = open_window()
    log_in(qtbot, window, "sara")
    widget = SupervisorControls(window.session)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


@pytest.fixture
def kiosk(server):
    client = device_client(server, "kiosk", "K1")
    yield client
    client.close()


def _status(server, ticket_id):
    with api_login(server, "sara") as sup:
        return sup.get(f"/api/v1/tickets/{ticket_id}").json()["status"]


def test_free_a_module_held_by_an_advisor_who_left(qtbot, controls, kiosk, server):
    t = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()["ticket"]
    with api_login(server, "ana") as ana:
        assert ana.post("/api/v1/modules/1/session").status_code == 200
        assert ana.post("/api/v1/modules/1/call-next").status_code == 200
        assert ana.post("/api/v1/modules/1/start").status_code == 200
    qtbot.waitUntil(lambda: controls.module_list.count() == 1, timeout=TIMEOUT_MS)
    assert t["number"] in controls.module_list.item(0).text()
    assert not controls.free_return.isEnabled()  # nothing chosen yet
    controls.select_module(1)
    qtbot.waitUntil(controls.free_return.isEnabled, timeout=TIMEOUT_MS)
    shot(controls, "supervisor-controls-modules")
    controls.free_return.click()
    assert controls.dialog is not None and "1" in controls.dialog.intro.text()
    controls.dialog.ok_button.click()
    qtbot.waitUntil(lambda: controls.module_list.count() == 0, timeout=TIMEOUT_MS)
    assert _status(server, t["id"]) == "issued"  # back at the front of the queue
    qtbot.waitUntil(lambda: "liberado" in controls.messages.text(), timeout=TIMEOUT_MS)


def test_seat_an_advisor_at_another_entitys_module(qtbot, controls, server):
    controls.assign_module.setCurrentIndex(controls.assign_module.findData(1))
    controls.assign_user.setText("sol")
    controls.assign_button.click()
    qtbot.waitUntil(lambda: "asignado" in controls.messages.text(), timeout=TIMEOUT_MS)
    with api_login(server, "sara") as sup:
        mods = {m["number"]: m for m in sup.get("/api/v1/modules").json()}
    assert mods[1]["advisor_username"] == "sol"
    # A name that is not an advisor's is refused with the server's reason.
    controls.assign_user.setText("sara")
    controls.assign_button.click()
    qtbot.waitUntil(lambda: controls.messages.is_error, timeout=TIMEOUT_MS)
    assert "asesor" in controls.messages.text()


def test_suspend_and_resume_an_entity(qtbot, controls, kiosk, server):
    controls.tabs.setCurrentIndex(1)
    controls.choose_target("entity", "RENIEC")
    assert not controls.suspend_button.isEnabled()  # a reason is required
    controls.reason.setText("Sistema de RENIEC sin conexión")
    controls.suspend_button.click()
    qtbot.waitUntil(lambda: controls.suspension_list.count() == 1, timeout=TIMEOUT_MS)
    assert "Sistema de RENIEC sin conexión" in controls.suspension_list.item(0).text()
    # The live state (what the monitor reads) follows the events.
    qtbot.waitUntil(lambda: len(controls.session.state.suspensions()) == 1, timeout=TIMEOUT_MS)
    assert controls.session.state.suspensions()[0]["reason"] == "Sistema de RENIEC sin conexión"
    refused = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"})
    assert refused.json()["error"]["code"] == "ISSUING_SUSPENDED"
    shot(controls, "supervisor-controls-suspended")
    controls.select_suspension("RENIEC")
    qtbot.waitUntil(controls.resume_button.isEnabled, timeout=TIMEOUT_MS)
    controls.resume_button.click()
    qtbot.waitUntil(lambda: controls.suspension_list.count() == 0, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: controls.session.state.suspensions() == [], timeout=TIMEOUT_MS)
    assert kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).status_code == 201


def test_list_and_revoke_a_device(qtbot, controls, kiosk, server):
    controls.tabs.setCurrentIndex(2)
    controls.load_devices()
    qtbot.waitUntil(lambda: controls.device_list.count() == 1, timeout=TIMEOUT_MS)
    assert controls.device_list.item(0).text().startswith("K1 ")
    controls.select_device("K1")
    qtbot.waitUntil(controls.revoke_button.isEnabled, timeout=TIMEOUT_MS)
    controls.revoke_button.click()
    assert "K1" in controls.dialog.intro.text()
    controls.dialog.ok_button.click()
    qtbot.waitUntil(lambda: "revocado" in controls.device_list.item(0).text(), timeout=TIMEOUT_MS)
    # Refused at once.
    assert kiosk.get("/api/v1/queues").status_code == 401
