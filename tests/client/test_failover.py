"""The client library across a failover (issue 16, items 2 and 3): it waits out a 503
as Retry-After asks, and, given both machines' addresses, goes on with the one that
works, by itself.
"""

from __future__ import annotations

import threading

import pytest
from support import RunningServer, free_port, make_context
from support.pair import read_only_database, refused_connection

from macturnos.client.api import ApiClient
from macturnos.client.discovery import choose_configured, configured_addresses
from macturnos.client.errors import ClientError, ServerUnreachable

# A fenced database and a refused connection are PostgreSQL's (the pair's) states.
ON_POSTGRES = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)


@pytest.mark.postgres
@ON_POSTGRES
def test_a_503_is_waited_out_as_retry_after_asks(server, db_url, device_token):
    token = device_token()
    with read_only_database(db_url, server.ctx.db) as lift:
        # The database comes back (the new primary) a little after the request.
        timer = threading.Timer(1.5, lift)
        timer.start()
        try:
            with ApiClient(server.url, token) as kiosk:
                ticket = kiosk.issue("DNI-DUP")["ticket"]
        finally:
            timer.join()
    assert ticket["number"] == "R-001"


@pytest.mark.postgres
@ON_POSTGRES
def test_the_wait_is_bounded_and_keeps_the_servers_reason(server, db_url, device_token):
    token = device_token()
    with read_only_database(db_url, server.ctx.db):
        with ApiClient(server.url, token, unavailable_wait_s=1.0) as kiosk:
            with pytest.raises(ServerUnreachable) as caught:
                kiosk.issue("DNI-DUP")
    assert caught.value.message.startswith("La base de datos no está disponible")


@pytest.mark.postgres
@ON_POSTGRES
def test_both_addresses_the_dead_one_first(server, device_token):
    token = device_token()
    gone = f"http://127.0.0.1:{free_port()}"
    with ApiClient(f"{gone},{server.url}", token) as kiosk:
        assert kiosk.issue("DNI-DUP")["ticket"]["number"] == "R-001"
        assert kiosk.base_url == server.url
        assert kiosk.server_urls == [server.url, gone]


@pytest.mark.postgres
@ON_POSTGRES
def test_both_addresses_one_without_its_database(
    server, db_url, centre_config, clock, device_token
):
    token = device_token()
    # The other machine's turn server runs, but cannot reach a database: it answers 503.
    stranded = make_context(db_url, centre_config, clock, opened=False)
    stranded.db.connect_with(refused_connection)
    other = RunningServer(stranded).start()
    try:
        with ApiClient(f"{other.url},{server.url}", token) as kiosk:
            assert kiosk.issue("DNI-DUP")["ticket"]["number"] == "R-001"
            assert kiosk.base_url == server.url
        # Discovery of configured addresses prefers one that answers its health.
        assert choose_configured(f"http://127.0.0.1:{free_port()},{server.url}").port == (
            server.port
        )
    finally:
        other.stop()
        stranded.db.dispose()


def test_configured_addresses_are_checked():
    assert [a.port for a in configured_addresses("http://a:1, http://b:2")] == [1, 2]
    with pytest.raises(ClientError):
        configured_addresses("a:1,http://b:2")
