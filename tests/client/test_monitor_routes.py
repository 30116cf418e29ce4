"""ApiClient's routes for the supervisor's monitor: paired devices and the PCM sync."""

from __future__ import annotations

from support import wait_until

from macturnos.client.api import ApiClient
from macturnos.client.events import EventStream


def test_devices_tell_connected_and_last_health(server, staff, api, device_token, recorder):
    staff("sara", "supervisor")
    sara = api("sara")
    screen_token = device_token("display", "TV-A")
    with ApiClient(server.url, token=screen_token) as screen:
        screen.report_health("error", {"reason": "Sin señal HDMI"})
    before = {d["code"]: d for d in sara.devices()}
    assert before["TV-A"]["kind"] == "display"
    assert before["TV-A"]["connected"] is False
    assert before["TV-A"]["health"]["status"] == "error"
    assert before["TV-A"]["last_seen_at"]

    stream = EventStream(
        server.url,
        screen_token,
        on_snapshot=recorder.on_snapshot,
        on_event=recorder.on_event,
        backoff_min_s=0.05,
        backoff_max_s=0.3,
    )
    stream.start()
    try:
        recorder.wait(lambda: bool(recorder.snapshots))
        wait_until(lambda: {d["code"]: d for d in sara.devices()}["TV-A"]["connected"])
    finally:
        stream.stop()
    wait_until(lambda: not {d["code"]: d for d in sara.devices()}["TV-A"]["connected"])

    def logged() -> bool:
        # The stream is counted closed just before its event is written.
        kinds = [e["kind"] for e in sara.events(after=0, limit=1000)]
        return "device.connected" in kinds and "device.disconnected" in kinds

    wait_until(logged)


def test_sync_status_has_backlog_and_last_error(server, staff, api):
    staff("sara", "supervisor")
    status = api("sara").sync_status()
    assert status["enabled"] is True  # the test centre has a PCM endpoint
    assert status["last_success_at"] is None
    assert status["backlog"] > 0  # the day's opening is waiting to be sent
    assert status["last_error"] is None
