"""While the database is out of reach (a failover), the API answers 503 with a Spanish
reason and Retry-After, never 500 INTERNAL_ERROR (issue 16, item 2).

On the real PostgreSQL: a database that refuses writes (fenced, as a returning old
primary is) and a database that refuses connections (the primary machine gone).
"""

from __future__ import annotations

import httpx
import pytest
from support import device_client
from support.pair import read_only_database, refused_connection

# Only PostgreSQL: these states belong to the pair's databases.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("db_url", ["postgresql"], indirect=True),
]


def assert_unavailable(r: httpx.Response) -> None:
    assert r.status_code == 503, r.text
    error = r.json()["error"]
    assert error["code"] == "DATABASE_UNAVAILABLE"
    assert error["message"].startswith("La base de datos no está disponible")
    assert r.headers["Retry-After"] == "2"


def test_a_fenced_database_answers_503_with_retry_after(server, db_url):
    kiosk = device_client(server)
    assert kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).status_code == 201
    with read_only_database(db_url, server.ctx.db):
        assert_unavailable(kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}))
        # Reading still works on a read-only database.
        assert kiosk.get("/api/v1/queues").status_code == 200
    assert kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).status_code == 201


def test_an_unreachable_database_answers_503_with_retry_after(server):
    kiosk = device_client(server)
    server.ctx.db.connect_with(refused_connection)
    assert_unavailable(kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}))
    assert_unavailable(kiosk.get("/api/v1/queues"))


def test_the_openapi_document_declares_503(server):
    doc = httpx.get(f"{server.url}/api/v1/openapi.json").json()
    answers = doc["paths"]["/api/v1/tickets"]["post"]["responses"]
    assert answers["503"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorBody"
    }
