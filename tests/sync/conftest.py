"""Fixtures of the PCM sync tests: a real receiver over HTTP on 127.0.0.1, a sync service."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.sync import CENTRE, ReceiverThread, wait_for


@pytest.fixture
def receiver_store(tmp_path: Path) -> Iterator:
    """An empty receiver database (SQLite) with the test centre registered."""
    from macturnos.pcm.store import ReceiverStore

    store = ReceiverStore(f"sqlite+pysqlite:///{tmp_path / 'pcm.db'}")
    yield store
    store.dispose()


@pytest.fixture
def token(receiver_store) -> str:  # noqa: ANN001
    """The test centre's credential."""
    return receiver_store.add_centre(CENTRE)


@pytest.fixture
def receiver(receiver_store, token) -> Iterator[ReceiverThread]:  # noqa: ANN001
    """The receiver running on 127.0.0.1."""
    srv = ReceiverThread(receiver_store).start()
    yield srv
    srv.stop()


@pytest.fixture
def make_sync(ctx) -> Iterator[Callable]:  # noqa: ANN001
    """Build a PcmSync on the test context with fast backoff; stopped at the end."""
    from macturnos.server.sync.service import PcmSync, SyncSettings

    made = []

    def build(base: str, token: str | None, **options) -> PcmSync:  # noqa: ANN003
        settings = SyncSettings(
            **{
                "endpoint": base,
                "centre": CENTRE,
                "token": token,
                "interval_s": 0.2,
                "upload_interval_s": 0.2,
                "timeout_s": 5.0,
                "backoff_base_s": 0.01,
                "backoff_cap_s": 0.05,
                **options,
            }
        )
        sync = PcmSync(ctx, settings)
        made.append(sync)
        return sync

    yield build
    for sync in made:
        sync.stop()


@pytest.fixture
def add_events(ctx) -> Callable[[int], int]:  # noqa: ANN001
    """Append n events to the centre's log in one transaction; returns the last seq."""
    from macturnos.server.events import append_event, last_seq

    def add(n: int, kind: str = "test.load") -> int:
        with ctx.db.write() as s:
            now = ctx.clock.now()
            day = ctx.runtime.setup.day_of(now)
            for i in range(n):
                append_event(
                    s,
                    kind=kind,
                    actor="system",
                    at=now,
                    day=day,
                    data={"i": i, "note": "carga de prueba"},
                )
            s.info.pop("events", None)  # not published: no live client listens here
        with ctx.db.read() as s:
            return last_seq(s)

    return add


@pytest.fixture
def wait() -> Callable[..., None]:
    """The polling helper."""
    return wait_for
