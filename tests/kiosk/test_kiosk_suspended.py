"""A supervisor suspends an entity's issuing: its tile on the home screen says why (issue 18)."""

from __future__ import annotations

from support import login


def test_a_suspended_entity_is_greyed_with_the_reason_and_comes_back(
    server, staff, make_kiosk, qtbot
):
    k = make_kiosk(server)
    tile = k.window.home.tiles["RENIEC"]
    assert tile.property("suspended") is False
    staff("sara", "supervisor")
    sara = login(server, "sara")
    reason = "El sistema de RENIEC no tiene conexión"
    r = sara.post(
        "/api/v1/suspensions", json={"scope": "entity", "code": "RENIEC", "reason": reason}
    )
    assert r.status_code == 201, r.text
    # The event carries the new availability: the tile follows without a page reload.
    qtbot.waitUntil(lambda: tile.property("suspended") is True, timeout=10_000)
    assert reason in tile.detail.text()
    assert tile.detail.isVisibleTo(tile)
    assert k.window.home.tiles["BN"].property("suspended") is False
    k.shot("home-entity-suspended")
    assert sara.post("/api/v1/suspensions/entity/RENIEC/resume").status_code == 200
    qtbot.waitUntil(lambda: tile.property("suspended") is False, timeout=10_000)
    assert reason not in tile.detail.text()
    sara.close()
