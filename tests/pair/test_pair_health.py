"""The replication's health on two real clusters: GET /pair's judgement and the checklist item.

The morning checklist's "Replicación entre los dos servidores" reads the pair
monitor of the turn server it runs on: conforme while the standby streams
synchronously, an observation (the centre may open on one machine) once it is lost.
"""

from __future__ import annotations

import httpx
import pytest
from support.pair import needs_pair, wait_for

pytestmark = [pytest.mark.slow, needs_pair]


def health(lab, node: str) -> dict:  # noqa: ANN001
    return httpx.get(f"{lab.url(node)}/api/v1/pair", timeout=10).json()["health"]


def replica_item(lab, node: str, token: str) -> dict:  # noqa: ANN001
    r = httpx.get(
        f"{lab.url(node)}/api/v1/day/checklist",
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert r.status_code == 200, r.text
    (item,) = [i for i in r.json()["items"] if i["code"] == "TIC-REPLICA"]
    assert item["probe"] == "replication" and not item["blocking"]
    return item["prefill"]


def test_checklist_and_health_follow_the_standby(lab):
    tokens = lab.provision()
    sara = tokens["supervisor"]
    wait_for(lambda: health(lab, "a")["level"] == "ok" and health(lab, "b")["level"] == "ok")
    h = health(lab, "a")
    assert (h["role"], h["primary"], h["standby"], h["state"]) == ("primary", "a", "b", "sync")
    assert h["lag_bytes"] >= 0 and h["lag_seconds"] >= 0

    # Both turn servers say the same in the checklist, each from its own machine.
    on_a = replica_item(lab, "a", sara)
    assert on_a["result"] == "ok" and on_a["probe_state"] == "ok"
    assert on_a["note"].startswith(
        "Las dos máquinas guardan cada turno: «b» recibe los datos de «a» en forma síncrona"
    )
    assert on_a["detail"]["state"] == "sync"
    on_b = replica_item(lab, "b", sara)
    assert on_b["result"] == "ok" and "pendiente de aplicar" in on_b["note"]
    assert on_b["detail"]["role"] == "standby"

    # The standby's database dies: the primary goes on alone, the item is an observation.
    lab.kill_postgres("b")
    wait_for(lambda: health(lab, "a")["problem"] == "no_standby")
    wait_for(lambda: httpx.get(f"{lab.url('a')}/api/v1/pair").json()["synchronous"] is False)
    assert health(lab, "a")["level"] == "error"
    lost = replica_item(lab, "a", sara)
    assert lost["probe_state"] == "warning" and lost["result"] == "ok"
    assert lost["note"].startswith("Con observaciones: Sin máquina de respaldo: «b» no recibe")
    assert lost["note"] == f"Con observaciones: {lost['reason']}"
    assert "atiende solo con «a»" in lost["note"]
    # B's turn server still serves (it writes to A), and says its own database is down.
    wait_for(lambda: health(lab, "b")["problem"] == "local_unreachable")
    on_b = replica_item(lab, "b", sara)
    assert on_b["probe_state"] == "warning"
    assert "La base de datos de «b» no responde: el centro atiende solo con «a»" in on_b["note"]

    # Back and caught up: conforme again.
    lab.pg_ctl("b", "start", "-w", "-l", str(lab.root / "b" / "pgdata.log"))
    wait_for(lambda: health(lab, "a")["level"] == "ok")
    assert replica_item(lab, "a", sara)["result"] == "ok"
