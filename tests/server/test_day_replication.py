"""The checklist's replication item: the judgement of a pair status, and a single server.

The judgement is pure (`server.day.replication_finding` over `PairMonitor.status()`
shapes); the pair itself, on two real PostgreSQL clusters, is tested in
tests/pair/test_pair_health.py. Here a single server (SQLite, or one PostgreSQL
without pair mode) answers through the real API that the item does not apply.
"""

from __future__ import annotations

from typing import Any

import pytest
from support.day import VIGILANCIA_OK, centre_with_fakes, run

from macturnos.domain.opening import ItemOutcome, ItemResult, OpeningDecision, decide_opening
from macturnos.server.day import replication_finding
from macturnos.server.pair.health import LAG_WARNING_BYTES, assess


@pytest.fixture
def centre_config(pcm, ups):
    """The test centre with the probes' local fakes (PCM endpoint, UPS), as in test_day.py."""
    return centre_with_fakes(pcm[0], ups)


SYNC_ROW = {
    "name": "mac_b",
    "state": "streaming",
    "sync_state": "sync",
    "lag_bytes": 0,
    "replay_lag_bytes": 0,
    "lag_seconds": 0.002,
    "flush_lag_seconds": 0.001,
}


def status(local: str, **changes: Any) -> dict[str, Any]:
    """A status as `PairMonitor.status()` gives it on machine mac_a (peer mac_b)."""
    base: dict[str, Any] = {
        "mode": "pair",
        "node": "mac_a",
        "peer": "mac_b",
        "role": local if local in ("primary", "standby") else "unknown",
        "local_database": local,
        "synchronous": None,
        "standby": None,
        "replication": None,
        "alerts": [],
        "checked_at": 1_790_000_000.0,
        "timeline": 1,
    }
    if local == "primary":
        base.update(synchronous=True, standby="mac_b", replication=dict(SYNC_ROW))
    return {**base, **changes}


def opening_with(finding) -> OpeningDecision:  # noqa: ANN001
    """The decision of a checklist whose only item is the replication one."""
    item = ItemOutcome("TIC-REPLICA", "Replicación", False, finding.result, finding.note)
    return decide_opening([item]).decision


# --- the judgement ----------------------------------------------------------------


@pytest.mark.parametrize("single", [None, {"mode": "single", "role": "primary", "alerts": []}])
def test_a_single_server_does_not_apply(single):
    found = replication_finding(single)
    assert found.state == "not_applicable" and found.result is ItemResult.NOT_APPLICABLE
    assert "un solo servidor" in found.note
    assert opening_with(found) is OpeningDecision.OPEN


def test_synchronous_standby_with_small_lag_is_conforme():
    found = replication_finding(status("primary"))
    assert found.state == "ok" and found.result is ItemResult.OK
    assert found.note == (
        "Las dos máquinas guardan cada turno: «mac_b» recibe los datos de «mac_a» "
        "en forma síncrona (retraso: 0 B, 0.0 s)."
    )
    assert found.detail["level"] == "ok" and found.detail["lag_bytes"] == 0
    assert opening_with(found) is OpeningDecision.OPEN
    # Up to the threshold it is still conforme; one byte more is an observation.
    row = {**SYNC_ROW, "lag_bytes": LAG_WARNING_BYTES}
    assert replication_finding(status("primary", replication=row)).state == "ok"
    row = {**SYNC_ROW, "lag_bytes": LAG_WARNING_BYTES + 1}
    assert replication_finding(status("primary", replication=row)).state == "warning"


def test_lost_standby_is_an_observation_not_a_failure():
    # What the monitor reports once it relaxed synchronous mode (PAIR_NO_STANDBY).
    lost = status(
        "primary",
        synchronous=False,
        standby=None,
        replication=None,
        alerts=[{"code": "PAIR_NO_STANDBY", "message": "Sin máquina de respaldo"}],
    )
    found = replication_finding(lost)
    assert found.state == "warning"
    # The centre may open on one machine (issue 9): conforme with the observation.
    assert found.result is ItemResult.OK
    assert found.note == (
        "Con observaciones: Sin máquina de respaldo: «mac_b» no recibe los datos y el centro "
        "atiende solo con «mac_a». Puede abrir; avise al personal TIC."
    )
    assert opening_with(found) is OpeningDecision.OPEN
    assert assess(lost).level == "error" and assess(lost).problem == "no_standby"
    # The seconds before the monitor relaxes synchronous mode: already lost.
    just_lost = status("primary", standby=None, replication=None)
    assert assess(just_lost).problem == "no_standby"


@pytest.mark.parametrize(
    ("row", "synchronous", "problem", "words"),
    [
        (
            {"state": "catchup", "sync_state": "potential", "lag_bytes": 3 * 1024**2},
            False,
            "catching_up",
            "«mac_b» se está poniendo al día con «mac_a» (retraso: 3.0 MB, 0.0 s)",
        ),
        (
            {"sync_state": "async"},
            False,
            "not_synchronous",
            "La réplica en «mac_b» no es síncrona (async)",
        ),
        (
            {"lag_bytes": 40 * 1024**2, "lag_seconds": 0.5},
            True,
            "lagging",
            "va atrasada (retraso: 40.0 MB, 0.5 s)",
        ),
        ({"lag_bytes": 2048, "lag_seconds": 12.25}, True, "lagging", "(retraso: 2 KB, 12.2 s)"),
    ],
)
def test_a_standby_that_follows_badly_is_an_observation_with_the_lag(
    row, synchronous, problem, words
):
    s = status("primary", synchronous=synchronous, replication={**SYNC_ROW, **row})
    assert assess(s).level == "warning" and assess(s).problem == problem
    found = replication_finding(s)
    assert found.state == "warning" and found.result is ItemResult.OK
    assert words in found.note and found.note.startswith("Con observaciones: ")


def test_seen_from_the_standby_machine():
    receiving = {"receiver": "streaming", "replay_backlog_bytes": 2048, "since_last_replay_s": 40}
    s = status("standby", peer="mac_b", node="mac_a", replication=receiving)
    found = replication_finding(s)
    assert found.state == "ok"
    assert found.note == (
        "Las dos máquinas guardan cada turno: «mac_a» recibe los datos de «mac_b» "
        "(pendiente de aplicar: 2 KB)."
    )
    stopped = status("standby", replication={"receiver": "stopped", "replay_backlog_bytes": 0})
    assert replication_finding(stopped).state == "warning"
    assert "Sin máquina de respaldo: «mac_a» no recibe" in replication_finding(stopped).note
    assert replication_finding(status("standby", replication=None)).state == "warning"


def test_a_broken_local_database_and_a_check_not_run_yet():
    down = replication_finding(status("unreachable"))
    assert down.state == "warning"
    assert "La base de datos de «mac_a» no responde: el centro atiende solo con «mac_b»" in (
        down.note
    )
    fenced = replication_finding(status("fenced"))
    assert fenced.state == "warning" and "quedó aislada" in fenced.note
    # Right after the server starts the monitor has not checked yet.
    first = replication_finding(status("unknown", checked_at=None))
    assert first.state == "unknown" and first.result is ItemResult.UNKNOWN
    assert "aún no se verificó" in first.note


# --- a single server through the API ------------------------------------------------


def test_single_server_answers_not_applicable(server, thursday, sara):
    pair = sara.get("/api/v1/pair").json()
    assert pair["mode"] == "single" and pair["health"]["level"] == "single"

    items = {i["code"]: i for i in sara.get("/api/v1/day/checklist").json()["items"]}
    replica = items["TIC-REPLICA"]
    assert replica["zone"] == "TIC" and replica["label"] == "Replicación entre los dos servidores"
    assert replica["automatic"] and replica["probe"] == "replication"
    assert not replica["blocking"]
    prefill = replica["prefill"]
    assert prefill["result"] == "not_applicable" and prefill["result_name"] == "No aplica"
    assert prefill["probe_state"] == "not_applicable" and prefill["detail"] == {"mode": "single"}
    assert "un solo servidor" in prefill["note"] and prefill["reason"] == prefill["note"]

    # Registered as is, the item is kept as "no aplica" and is no incident of the day.
    r = run(sara, VIGILANCIA_OK)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["opened"]
    kept = next(i for i in body["items"] if i["code"] == "TIC-REPLICA")
    assert kept["result"] == "not_applicable" and "un solo servidor" in kept["note"]
    incidents = sara.get("/api/v1/day/status").json()["incidents"]
    assert "TIC-REPLICA" not in [i["item"] for i in incidents]


def test_two_primaries_is_said_as_the_servers_alert_on_the_checklist():
    """Issue 16: with an old primary back on timeline 1 the item read 'no standby'; it
    now carries the pair monitor's alert (which machine is stale, what to run)."""
    said = "Dos bases de datos principales: «mac_a» volvió con datos antiguos ..."
    found = replication_finding(
        status(
            "primary",
            standby=None,
            replication=None,
            alerts=[{"code": "PAIR_TWO_PRIMARIES", "message": said}],
        )
    )
    assert found.reason == said and found.state == "warning"
