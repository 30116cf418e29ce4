"""The supervisor's window: the live monitor with alerts, the ticket desk, the day's tab.

`presenter.SupervisorPresenter` keeps today's figures, the devices, the PCM
sync's and the replication's status and the day's presenter, and performs the
supervisor's actions; `view.SupervisorView` renders it, with the monitor tab in
`monitor_tab` and its sentences in `wording`.
"""

from __future__ import annotations

from macturnos.counter.supervisor.presenter import (
    PAIR_REFRESH_MS,
    SYNC_REFRESH_MS,
    SupervisorPresenter,
)
from macturnos.counter.supervisor.view import SupervisorView

__all__ = ["PAIR_REFRESH_MS", "SYNC_REFRESH_MS", "SupervisorPresenter", "SupervisorView"]
