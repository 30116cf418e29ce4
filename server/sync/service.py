"""The sync service: a background thread that uploads the event log and downloads updates.

Attention never waits for it: it reads with `Database.read()`, writes only its
own rows in short transactions, and on any failure backs off exponentially
(with jitter, capped) and resumes from the cursor the PCM acknowledged. While
the link is down it asks the PCM's health route every `probe_interval_s`, and
the moment the PCM answers again both directions run at once (issue 16, item
11: the backlog starts within seconds, not at the end of a long backoff).
"""

from __future__ import annotations

import logging
import random
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from macturnos.config import CentreConfig
from macturnos.messages import message
from macturnos.server.context import ServerContext
from macturnos.server.db.sync_models import SyncState
from macturnos.server.events import events_after, last_seq
from macturnos.server.sync import appointments, catalogue
from macturnos.server.sync.client import PcmClient, PcmError
from macturnos.server.sync.state import (
    DOWNLOAD,
    UPLOAD,
    record_failure,
    record_success,
    state_row,
    upload_cursor,
)
from macturnos.server.sync.tls import pcm_ssl_context

log = logging.getLogger("macturnos.sync")


@dataclass(frozen=True)
class SyncSettings:
    """How this centre talks to the PCM."""

    endpoint: str
    centre: str
    token: str | None
    interval_s: float = 60.0
    """How often the downloads run (the centre file's `pcm.interval_s`)."""
    upload_interval_s: float = 5.0
    """How often the upload looks for new events: they reach the PCM within seconds, and
    an outage is noticed (and then probed) while it lasts, not a minute later."""
    batch_size: int = 500
    timeout_s: float = 10.0
    backoff_base_s: float = 2.0
    backoff_cap_s: float = 60.0
    probe_interval_s: float = 2.0
    """While the link is down: how often to ask whether the PCM answers again."""
    probe_timeout_s: float = 2.0
    verify: bool | str | ssl.SSLContext = True
    """TLS verification: True, a CA bundle's path, or the context of `pcm_ssl_context`."""

    @classmethod
    def from_config(cls, config: CentreConfig) -> SyncSettings:
        """The settings of the centre file's `pcm` section (the credential read from its file)."""
        assert config.pcm is not None
        token = None
        path = config.pcm.credentials_file
        if path is not None and Path(path).is_file():
            if Path(path).stat().st_mode & 0o077:
                # docs/pcm-sync.md promises 0600: the centre's credential is for the server only.
                log.warning("%s was readable by other users: mode set to 0600", path)
                Path(path).chmod(0o600)
            token = Path(path).read_text(encoding="utf-8").strip() or None
        return cls(
            endpoint=config.pcm.endpoint,
            centre=config.centre.code,
            token=token,
            interval_s=float(config.pcm.interval_s),
            verify=pcm_ssl_context(config.pcm.ca_file),
        )


def backoff_delay(failures: int, base: float, cap: float, rng: random.Random) -> float:
    """Seconds to wait after `failures` consecutive failures: exponential, capped, jittered.

    Half the delay is fixed and half random, so centres that lost the link together
    do not all retry in the same second, and no retry comes immediately.
    """
    delay = min(cap, base * 2 ** max(0, failures - 1))
    return delay / 2 + rng.uniform(0, delay / 2)


class PcmSync:
    """The store-and-forward service (a `BackgroundService` of the server context)."""

    def __init__(
        self, ctx: ServerContext, settings: SyncSettings, *, rng: random.Random | None = None
    ) -> None:
        self.ctx = ctx
        self.settings = settings
        self._rng = rng or random.Random()
        self._client: PcmClient | None = None
        if settings.token:
            self._client = PcmClient(
                settings.endpoint,
                settings.centre,
                settings.token,
                timeout_s=settings.timeout_s,
                verify=settings.verify,
            )
        self._batch = settings.batch_size
        self._failures = {UPLOAD: 0, DOWNLOAD: 0}
        self._link_down = False
        """The last round failed on the link itself (unreachable, timeout, 5xx)."""
        self._digests = appointments.DigestCache(ctx.dni_key)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def from_context(cls, ctx: ServerContext) -> PcmSync:
        """The service for the centre configuration in force."""
        return cls(ctx, SyncSettings.from_config(ctx.runtime.setup.config))

    # --- one round of each direction ---------------------------------------------

    def _require_client(self) -> PcmClient:
        if self._client is None:
            raise PcmError("SYNC_NO_CREDENTIALS")
        return self._client

    def upload_once(self) -> int:
        """Send one batch after the acknowledged cursor; returns how many events it held."""
        client = self._require_client()
        with self.ctx.db.read() as s:
            cursor = upload_cursor(s)
            batch = events_after(s, cursor, self._batch)
        if not batch:
            return 0
        for ev in batch:
            ev.pop("type", None)
        try:
            ack = client.post_events(cursor, batch)
        except PcmError as err:
            if err.status == 413 and self._batch > 1:
                # Too large for the PCM's limit: halve and go again at once.
                self._batch = max(1, self._batch // 2)
                log.info("PCM refused a batch as too large; sending %d at a time", self._batch)
                return self.upload_once()
            raise
        with self.ctx.db.read() as s:
            newest = last_seq(s)
        if ack > newest:
            # The PCM holds numbers this server never wrote (a restored or replaced
            # database): moving the cursor would silently skip our events.
            raise PcmError("SYNC_AHEAD")
        with self.ctx.db.write() as s:
            state_row(s, UPLOAD).cursor = ack
            recovered = record_success(s, UPLOAD, self.ctx.wall_now())
        # Each delivered batch is a success: the backoff starts again from the
        # bottom if the link drops in the middle of a backlog.
        self._succeeded(UPLOAD, recovered)
        return len(batch)

    def upload_all(self) -> int:
        """Send batches until the backlog is empty (or the service stops); returns the count."""
        sent = 0
        while not self._stop.is_set():
            n = self.upload_once()
            if n == 0:
                if sent or self._success_worth_recording():
                    with self.ctx.db.write() as s:
                        recovered = record_success(s, UPLOAD, self.ctx.wall_now())
                    self._succeeded(UPLOAD, recovered)
                self._batch = self.settings.batch_size
                break
            sent += n
        return sent

    def _success_worth_recording(self) -> bool:
        """Whether an upload round with nothing to send should still write its success.

        It runs every few seconds: it writes only to end a failure or to keep "last
        successful sync" within a download interval of the truth, not at every look.
        """
        with self.ctx.db.read() as s:
            row = s.get(SyncState, UPLOAD)
        if row is None or row.failing_since is not None or row.last_success_at is None:
            return True
        age = self.ctx.wall_now() - row.last_success_at
        return age.total_seconds() >= self.settings.interval_s

    def download_once(self) -> None:
        """Fetch today's appointments (applied at once) and the catalogue (kept as an offer).

        Unusable data (malformed rows, an answer over the size cap, a catalogue
        version that is not text) keeps what the centre has and is reported as
        the download's error, after the other part was still taken.
        """
        client = self._require_client()
        # The centre's own clock decides which day it is, never the PCM's.
        day = self.ctx.runtime.setup.day_of(self.ctx.clock.now())
        problems: list[PcmError] = []
        try:
            rows = client.appointments(day)
            counts = appointments.apply_appointments(self.ctx, day, rows, self._digests)
            if counts["skipped"]:
                raise PcmError("SYNC_BAD_APPOINTMENTS", cantidad=counts["skipped"])
        except PcmError as err:
            if not err.data_problem:
                raise
            problems.append(err)
        try:
            catalogue.consider(self.ctx, client.catalogue())
        except PcmError as err:
            if not err.data_problem:
                raise
            problems.append(err)
        if problems:
            raise problems[0]
        with self.ctx.db.write() as s:
            recovered = record_success(s, DOWNLOAD, self.ctx.wall_now())
        self._succeeded(DOWNLOAD, recovered)

    def run_round(self, channel: str) -> bool:
        """One guarded round of a channel: failures are recorded, logged once, never raised."""
        work: Callable[[], object] = self.upload_all if channel == UPLOAD else self.download_once
        try:
            work()
        except PcmError as err:
            # Unusable data is not a link failure: retrying sooner would change nothing.
            self._failed(channel, err.message, err, backoff=not err.data_problem)
            self._link_down = err.link_down
            return False
        except Exception as err:
            log.exception("PCM %s round failed unexpectedly", channel)
            self._failed(channel, message("INTERNAL_ERROR"), err, backoff=True)
            return False
        return True

    def _succeeded(self, channel: str, recovered: bool) -> None:
        """A success of `channel`: the backoff starts from the bottom again.

        "recovered" is logged when the state row says the channel was failing,
        as "failing" is logged when it says it was not: the two lines pair up.
        """
        if recovered:
            log.info("PCM %s recovered after %d failed attempts", channel, self._failures[channel])
        self._failures[channel] = 0
        self._link_down = False

    def _failed(self, channel: str, reason: str, err: Exception, *, backoff: bool) -> None:
        if backoff:
            self._failures[channel] += 1
        try:
            with self.ctx.db.write() as s:
                started = record_failure(s, channel, self.ctx.wall_now(), reason)
        except Exception:
            log.exception("PCM %s failed (%s) and its state could not be recorded", channel, err)
            return
        if started:
            log.warning("PCM %s failing: %s", channel, err)

    def failures(self, channel: str) -> int:
        """Consecutive failed rounds of a channel (what its next backoff grows from)."""
        return self._failures[channel]

    def link_answers(self) -> bool:
        """Whether the PCM answers its health route (one short request)."""
        if self._client is None:
            return False
        return self._client.answers(self.settings.probe_timeout_s)

    def next_delay(self, channel: str) -> float:
        """Seconds until the next round of a channel."""
        failures = self._failures[channel]
        if failures == 0:
            if channel == UPLOAD:
                return self.settings.upload_interval_s
            return self.settings.interval_s
        return backoff_delay(
            failures, self.settings.backoff_base_s, self.settings.backoff_cap_s, self._rng
        )

    # --- the thread ----------------------------------------------------------------

    def _run(self) -> None:
        due = {DOWNLOAD: 0.0, UPLOAD: 0.0}  # both at once at start: the opening sync
        probe_at = 0.0
        # A probe calls the sync back once per failure, or again after it saw the link
        # down itself: a PCM whose health route answers while its API fails must not
        # turn the backoff into a loop.
        may_wake = True
        while not self._stop.is_set():
            for channel in (DOWNLOAD, UPLOAD):
                if self._stop.is_set():
                    break
                if time.monotonic() >= due[channel]:
                    self.run_round(channel)
                    due[channel] = time.monotonic() + self.next_delay(channel)
            wake_at = min(due.values())
            if self._link_down:
                now = time.monotonic()
                if now >= probe_at:
                    probe_at = now + self.settings.probe_interval_s
                    if not self.link_answers():
                        may_wake = True
                    elif may_wake:
                        # The PCM is back: both directions now, not at the end of a backoff.
                        log.info("PCM answers again: syncing now")
                        may_wake = False
                        due = {k: now for k in due}
                        continue
                wake_at = min(wake_at, probe_at)
            else:
                may_wake = True
            self._wake.wait(max(0.0, wake_at - time.monotonic()))
            if self._wake.is_set():
                self._wake.clear()
                now = time.monotonic()
                due = {k: min(v, now) for k, v in due.items()}

    def wake(self) -> None:
        """Run both directions now (e.g. the supervisor asked, or the link came back)."""
        self._wake.set()

    def start(self) -> None:
        """Start the background thread."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="pcm-sync", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread (an in-flight request ends within the timeout) and close the client."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(self.settings.timeout_s + 5)
            self._thread = None
        if self._client is not None:
            self._client.close()

    @property
    def running(self) -> bool:
        """Whether the thread is alive."""
        return self._thread is not None and self._thread.is_alive()


def attach(ctx: ServerContext) -> PcmSync | None:
    """Add the sync service to the context when the centre file has a `pcm` section."""
    if ctx.runtime.setup.config.pcm is None:
        return None
    service = PcmSync.from_context(ctx)
    ctx.services.append(service)
    return service


def running_sync(ctx: ServerContext) -> PcmSync | None:
    """The context's sync service, if the centre has one (for "Sincronizar ahora")."""
    return next((s for s in ctx.services if isinstance(s, PcmSync)), None)
