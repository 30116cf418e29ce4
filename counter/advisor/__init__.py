"""The advisor's screens: pick the module, then call, serve, transfer and pause.

`presenter.AdvisorPresenter` holds the logic (which actions are legal now, the
queue of the module, the timers) and talks to the server through
`CounterSession`; `view.AdvisorView` only lays out and styles what the presenter
says, with one module per screen (`module_picker`, `module_screen`).
"""

from __future__ import annotations

from macturnos.counter.advisor.presenter import ACTIONS, KEYS, AdvisorPresenter
from macturnos.counter.advisor.view import AdvisorView

__all__ = ["ACTIONS", "KEYS", "AdvisorPresenter", "AdvisorView"]
