"""What the survey tablet shows and does: ask about the attention just finished at its
module, send the rating, thank the citizen, then wait for the next one.

It asks the server (`GET /survey/pending`) when its module finishes an attention (a
`ticket.finished` event) and every few seconds besides, so a missed event only
delays the question. The server decides what may be rated: the tablet never rates
another module's citizen or an older attention.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from macturnos.client.errors import ApiRefusal, ClientError
from macturnos.client.qt import QtBridge
from macturnos.domain.survey import REASONS

log = logging.getLogger("macturnos.kiosk.survey")

POLL_MS = 5000
THANKS_MS = 6000
"""How long the thank-you stays before the tablet waits for the next citizen."""
ASK_FOR_MS = 120_000
"""An unanswered question is withdrawn after this: the citizen has left."""
LANGUAGES = ("es", "qu")


class SurveyPresenter(QObject):
    """The tablet's state: idle, asking (with the ticket), thanks; and its language."""

    changed = Signal()

    def __init__(
        self, bridge: QtBridge, module: int, *, poll_ms: int = POLL_MS, thanks_ms: int = THANKS_MS
    ) -> None:
        super().__init__()
        self.bridge = bridge
        self.module = module
        self.state = "idle"
        self.ticket: dict[str, Any] | None = None
        self.reason: str | None = None
        self.language = LANGUAGES[0]
        self.problem: str | None = None
        self._busy = False
        self._poll = QTimer(self)
        self._poll.timeout.connect(self.refresh)
        self._poll.start(poll_ms)
        self._thanks = QTimer(self)
        self._thanks.setSingleShot(True)
        self._thanks.setInterval(thanks_ms)
        self._thanks.timeout.connect(self._back_to_idle)
        self._give_up = QTimer(self)
        self._give_up.setSingleShot(True)
        self._give_up.setInterval(ASK_FOR_MS)
        self._give_up.timeout.connect(self._back_to_idle)
        bridge.eventReceived.connect(self._on_event)

    def stop(self) -> None:
        """Ask nothing more (the app is closing its connection)."""
        for timer in (self._poll, self._thanks, self._give_up):
            timer.stop()
        self.state = "stopped"

    # --- what the citizen does ------------------------------------------------------

    def choose_reason(self, key: str | None) -> None:
        """Mark (or, tapped again, unmark) what the rating is mostly about."""
        if key is not None and key not in REASONS:
            return
        self.reason = None if key == self.reason else key
        self.changed.emit()

    def set_language(self, language: str) -> None:
        """Spanish or Quechua."""
        if language in LANGUAGES:
            self.language = language
            self.changed.emit()

    def rate(self, score: int, comment: str | None = None) -> None:
        """Send the rating of the attention shown (a face was tapped)."""
        if self.state != "asking" or self.ticket is None or self._busy:
            return
        self._busy = True
        self.bridge.run(
            self.bridge.connection.api.rate_attention,
            self.module,
            int(self.ticket["id"]),
            score,
            self.reason,
            comment or None,
            ok=lambda _answer: self._thank(),
            failed=self._rate_failed,
        )

    # --- following the module -------------------------------------------------------

    def refresh(self) -> None:
        """Ask the server whether an attention just finished here (when not busy)."""
        if self.state != "idle" or self._busy:
            return
        self._busy = True
        self.bridge.run(
            self.bridge.connection.api.survey_pending,
            self.module,
            ok=self._pending,
            failed=self._pending_failed,
        )

    def _on_event(self, event: dict[str, Any]) -> None:
        if event.get("kind") == "ticket.finished" and event.get("module") == self.module:
            self.refresh()

    def _pending(self, answer: dict[str, Any]) -> None:
        self._busy = False
        self.problem = None
        ticket = answer.get("ticket")
        if ticket and self.state == "idle":
            self.ticket, self.reason, self.state = ticket, None, "asking"
            self._give_up.start()
        self.changed.emit()

    def _pending_failed(self, err: ClientError) -> None:
        self._busy = False
        log.warning("survey: the server did not answer: %s", err)

    def _thank(self) -> None:
        self._busy = False
        self._give_up.stop()
        self.state = "thanks"
        self._thanks.start()
        self.changed.emit()

    def _rate_failed(self, err: ClientError) -> None:
        self._busy = False
        if isinstance(err, ApiRefusal):
            # Rated already, or no longer offered (time passed): nothing more to ask.
            log.info("survey: rating not taken: %s", err)
            self._thank()
            return
        # Not sent (the network): the question stays, the citizen may tap again.
        log.warning("survey: rating not sent: %s", err)
        self.problem = "unsent"
        self.changed.emit()

    def _back_to_idle(self) -> None:
        self._give_up.stop()
        self.state, self.ticket, self.reason = "idle", None, None
        self.changed.emit()
        self.refresh()
