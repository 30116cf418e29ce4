"""Connection: login or pairing, then a live CentreState and listeners, against the real server."""

from __future__ import annotations

import threading
from typing import Any

from support import wait_until

from macturnos.client.api import ApiClient
from macturnos.client.connection import Change, Connection
from macturnos.client.credentials import CredentialStore, DeviceCredentials

FAST = {"backoff_min_s": 0.05, "backoff_max_s": 0.3}


class Changes:
    """Records a Connection's changes."""

    def __init__(self) -> None:
        self.items: list[Change] = []
        self.lock = threading.Lock()

    def __call__(self, change: Change) -> None:
        with self.lock:
            self.items.append(change)

    def kinds(self) -> list[str]:
        with self.lock:
            return [c.kind for c in self.items]

    def events(self) -> list[dict[str, Any]]:
        with self.lock:
            return [c.event for c in self.items if c.kind == "event" and c.event]


def test_staff_login_gives_a_live_state_and_logout_ends_it(server, staff, api, device_token):
    staff("ana", "advisor")
    changes = Changes()
    conn = Connection(server.url, stream_options=FAST)
    remove = conn.add_listener(changes)
    try:
        answer = conn.login("ana", "clave-segura-1")
        assert answer["role"] == "advisor"
        wait_until(lambda: conn.connected and "snapshot" in changes.kinds())
        assert ("status", True) in [(c.kind, c.connected) for c in changes.items]
        assert conn.state.module(1)["state"] == "closed"

        conn.api.open_module(1)
        api(token=device_token()).issue("DNI-DUP")
        wait_until(lambda: conn.state.queue("DNI-DUP")["waiting"] == 1)
        assert conn.state.module(1)["advisor_username"] == "ana"
        kinds = [e["kind"] for e in changes.events()]
        assert kinds.index("module.opened") < kinds.index("ticket.issued")
        # A module opened: the refresher reads the estimates again; the issue's event
        # carries the same estimate (range included) as GET /queues.
        wait_until(lambda: "queues" in changes.kinds())
        assert conn.state.queues() == conn.api.queues()

        token = conn.api.token
        conn.logout()
        assert not conn.connected
        assert conn.state.seq is None
        with ApiClient(server.url, token=token) as old:
            assert old.health()["status"] == "ok"
            wait_until(lambda: _refused(old))
        remove()
    finally:
        conn.close()
    assert not {"macturnos-events", "macturnos-queues"} & {t.name for t in threading.enumerate()}


def _refused(client: ApiClient) -> bool:
    from macturnos.client.errors import ApiRefusal

    try:
        client.me()
    except ApiRefusal as refusal:
        return refusal.code == "NOT_AUTHENTICATED"
    return False


def test_device_pairs_once_and_resumes_after_a_restart(server, staff, api, tmp_path):
    staff("tic", "ict")
    pairing = api("tic").register_device("kiosk", "K9", "Kiosco 9")["pairing_code"]
    store = CredentialStore(tmp_path)

    with Connection(server.url, credentials=store, stream_options=FAST) as first:
        answer = first.pair(pairing)
        assert answer["role"] == "kiosk"
        wait_until(lambda: first.connected)
    saved = store.load()
    assert saved is not None
    assert (saved.role, saved.device_code, saved.centre) == ("kiosk", "K9", "TEST-MAC")
    assert saved.server_url == server.url

    # The kiosk boots again: no pairing, the saved token is used.
    with Connection(server.url, credentials=store, stream_options=FAST) as again:
        assert again.resume_device() is True
        wait_until(lambda: again.connected and again.state.seq is not None)
        ticket = again.api.issue("BN-PAGO")["ticket"]
        wait_until(lambda: again.state.ticket(ticket["id"]) is not None)
        assert again.state.people_ahead(ticket["id"]) == 0


def test_a_refused_device_token_is_forgotten(server, tmp_path):
    store = CredentialStore(tmp_path)
    store.save(DeviceCredentials(token="revocado", role="display"))
    with Connection(server.url, credentials=store) as conn:
        assert conn.resume_device() is False
        assert conn.stream is None
    assert store.load() is None


def test_the_last_known_address_is_used_when_nothing_is_announced(server, tmp_path, device_token):
    store = CredentialStore(tmp_path)
    store.save(
        DeviceCredentials(
            token=device_token("display", "TV-A"),
            role="display",
            centre="TEST-MAC",
            server_url=server.url,
        )
    )
    with Connection(
        credentials=store, discovery_timeout_s=0.2, interfaces=["127.0.0.1"], stream_options=FAST
    ) as conn:
        assert conn.resume_device() is True
        assert conn.address.port == server.port
        wait_until(lambda: conn.connected)


def test_a_session_ended_by_the_supervisor_is_reported(server, staff, api):
    staff("ana", "advisor")
    staff("sara", "supervisor")
    changes = Changes()
    with Connection(server.url, stream_options=FAST) as conn:
        conn.add_listener(changes)
        conn.login("ana", "clave-segura-1")
        wait_until(lambda: conn.connected)
        api("sara").end_user_session("ana")
        conn.stream.reconnect()  # the next connection presents the ended session's token
        wait_until(lambda: "refused" in changes.kinds())
        refused = next(c for c in changes.items if c.kind == "refused")
        assert refused.refusal.code == "NOT_AUTHENTICATED"
        assert refused.reason == "Inicie sesión para continuar."
