"""The satisfaction survey: rated on the phone or on a tablet at the module, once per
attention, tied to who served it, never forged for someone else's ticket (issue 20, §2)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from alembic import command
from sqlalchemy import inspect, select
from support import RunningServer, device_client, login

from macturnos.server import migrate
from macturnos.server.db.engine import sqlite_url
from macturnos.server.db.models import Event
from macturnos.server.db.survey_models import Rating
from macturnos.server.main import PUBLIC_SHUTDOWN_S
from macturnos.server.public.app import create_public_app


@pytest.fixture
def public(ctx) -> Iterator[RunningServer]:  # noqa: ANN001
    srv = RunningServer(ctx, create_public_app(ctx))
    srv.server.config.timeout_graceful_shutdown = PUBLIC_SHUTDOWN_S
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def centre(server, staff):  # noqa: ANN001, ANN201
    """A kiosk and two advisors of RENIEC at modules 1 and 2."""
    staff("ana", "advisor")
    staff("beto", "advisor")
    ana, beto = login(server, "ana"), login(server, "beto")
    assert ana.post("/api/v1/modules/2/session").status_code == 200
    assert beto.post("/api/v1/modules/1/session").status_code == 200
    return device_client(server, "kiosk", "K1"), ana, beto


def serve(kiosk: httpx.Client, advisor: httpx.Client, module: int) -> dict:
    """A citizen served from start to finish at `module`; the kiosk's answer."""
    answer = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()
    called = advisor.post(f"/api/v1/modules/{module}/call-next")
    assert called.json()["id"] == answer["ticket"]["id"], called.text
    advisor.post(f"/api/v1/modules/{module}/start").raise_for_status()
    advisor.post(f"/api/v1/modules/{module}/finish").raise_for_status()
    return answer


def rate_on_phone(public: RunningServer, code: str, **form: str) -> httpx.Response:
    return httpx.post(f"{public.url}/t/{code}/rating", data=form)


def test_the_phone_rates_a_finished_attention_once(server, public, centre, ctx):
    kiosk, ana, _ = centre
    answer = serve(kiosk, ana, 2)
    page = httpx.get(f"{public.url}/t/{answer['code']}").text
    assert "¿Cómo le atendimos?" in page and 'name="score" value="5"' in page
    r = rate_on_phone(
        public, answer["code"], score="4", reason="trato", comment="Me llamo Juan, DNI 12345678"
    )
    assert r.status_code == 303 and r.headers["location"].startswith(f"/t/{answer['code']}")
    page = httpx.get(f"{public.url}/t/{answer['code']}").text
    assert "¡Gracias por su calificación!" in page and "Bien" in page
    assert 'name="score"' not in page
    # Once: a second rating changes nothing.
    assert rate_on_phone(public, answer["code"], score="1").status_code == 303
    with ctx.db.read() as s:
        ratings = s.scalars(select(Rating)).all()
        events = s.scalars(select(Event).where(Event.kind == "survey.rated")).all()
    assert [(r.score, r.reason, r.channel) for r in ratings] == [(4, "trato", "phone")]
    assert ratings[0].comment == "Me llamo Juan, DNI 12345678"
    assert ratings[0].advisor_id is not None and ratings[0].module_number == 2
    # The event (and so the PCM) has the score and who served, never the comment.
    (event,) = events
    assert event.data["score"] == 4 and event.data["has_comment"] is True
    assert "12345678" not in str(event.data) and event.actor == "citizen:phone"


def test_only_a_finished_attention_is_rated_and_bad_forms_are_refused(server, public, centre):
    kiosk, _, _ = centre
    waiting = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()
    r = rate_on_phone(public, waiting["code"], score="5")
    assert r.status_code == 422
    assert "Solo se puede calificar una atención ya finalizada." in r.text
    for form in ({"score": "9"}, {"score": "x"}, {"score": "5", "reason": "soborno"}, {}):
        r = rate_on_phone(public, waiting["code"], **form)
        assert r.status_code == 422 and "calificación no es válida" in r.text, form
    r = httpx.post(f"{public.url}/t/{waiting['code']}/rating", content=b"score=5&" + b"a" * 9000)
    assert r.status_code == 422 and "Traceback" not in r.text
    # A forged code rates nothing.
    r = rate_on_phone(public, waiting["code"][:-2] + "ZZ", score="1")
    assert r.status_code == 404


def test_a_tablet_rates_only_the_attention_just_finished_at_its_module(server, centre, staff, ctx):
    kiosk, ana, beto = centre
    tablet = device_client(server, "survey", "ENC-2")
    assert tablet.get("/api/v1/survey/pending", params={"module": 2}).json()["ticket"] is None
    mine = serve(kiosk, ana, 2)["ticket"]
    other = serve(kiosk, beto, 1)["ticket"]
    shown = tablet.get("/api/v1/survey/pending", params={"module": 2}).json()["ticket"]
    assert shown == {
        "id": mine["id"],
        "number": mine["number"],
        "service_name": "Duplicado de DNI",
        "module": 2,
    }
    body = {"module": 2, "ticket_id": other["id"], "score": 5}
    r = tablet.post("/api/v1/survey/ratings", json=body)  # module 1's, claimed as module 2's
    assert r.status_code == 404 and r.json()["error"]["code"] == "NOTHING_TO_RATE"
    r = tablet.post("/api/v1/survey/ratings", json=body | {"ticket_id": mine["id"]})
    assert r.status_code == 201, r.text
    r = tablet.post("/api/v1/survey/ratings", json=body | {"ticket_id": mine["id"]})
    assert r.status_code == 404  # rated: nothing left to rate at module 2
    assert tablet.get("/api/v1/survey/pending", params={"module": 2}).json()["ticket"] is None
    # Five minutes later the attention at module 1 is no longer offered.
    ctx.clock.advance(timedelta(minutes=6))
    assert tablet.get("/api/v1/survey/pending", params={"module": 1}).json()["ticket"] is None
    # A tablet is a device, never staff: it reads no ratings.
    assert tablet.get("/api/v1/ratings").status_code == 403


def test_advisors_read_their_own_ratings_and_supervisors_all(server, public, centre, staff):
    kiosk, ana, beto = centre
    for advisor, module, score in ((ana, 2, "5"), (beto, 1, "2"), (ana, 2, "3")):
        code = serve(kiosk, advisor, module)["code"]
        assert rate_on_phone(public, code, score=score).status_code == 303
    staff("sara", "supervisor")
    every = login(server, "sara").get("/api/v1/ratings").json()
    assert every["count"] == 3 and every["mean"] == pytest.approx(3.33)
    assert every["by_score"] == {"1": 0, "2": 1, "3": 1, "4": 0, "5": 1}
    own = ana.get("/api/v1/ratings").json()
    assert own["count"] == 2 and {r["score"] for r in own["ratings"]} == {5, 3}
    assert ana.get("/api/v1/ratings", params={"day": "31536000"}).status_code == 422


def test_migration_0007_both_ways(tmp_path):
    url = sqlite_url(tmp_path / "x.db")
    migrate.upgrade(url)
    command.downgrade(migrate.alembic_config(url), "0006")
    assert "ratings" not in inspect(migrate_engine(url)).get_table_names()
    migrate.upgrade(url)
    assert "ratings" in inspect(migrate_engine(url)).get_table_names()


def migrate_engine(url: str):  # noqa: ANN201
    from sqlalchemy import create_engine

    return create_engine(url)


def test_ratings_from_the_phone_and_the_tablet_show_in_the_reports(
    server, public, centre, staff
):
    """Issue 20: each rating feeds the reports (satisfaction by entity, service, advisor,
    beside the wait the citizen had)."""
    kiosk, ana, beto = centre
    by_phone = serve(kiosk, ana, 2)
    assert rate_on_phone(public, by_phone["code"], score="5").status_code == 303
    by_tablet = serve(kiosk, beto, 1)["ticket"]
    tablet = device_client(server, "survey", "ENC-1")
    r = tablet.post(
        "/api/v1/survey/ratings", json={"module": 1, "ticket_id": by_tablet["id"], "score": 2}
    )
    assert r.status_code == 201, r.text
    serve(kiosk, ana, 2)  # served, not rated
    staff("sara", "supervisor")
    sara = login(server, "sara")
    day = "2026-11-25"
    report = sara.get(
        "/api/v1/reports/tickets", params={"from": day, "to": day, "group_by": "advisor"}
    ).json()
    rows = {row["advisor"]: row for row in report["rows"]}
    assert (rows["ana"]["served"], rows["ana"]["rated"], rows["ana"]["rating_mean"]) == (2, 1, 5)
    assert (rows["beto"]["rated"], rows["beto"]["rating_mean"]) == (1, 2)
    assert (report["totals"]["rated"], report["totals"]["rating_mean"]) == (2, 3.5)
    assert "wait_mean_s" in rows["ana"]
