"""The centre's day for supervisors: the opening checklist, closing, seal and day summary.

`presenter.DayPresenter` keeps the day's status, checklist, closing list and
summary and sends the supervisor's decisions; `view.DayView` is the tab "Apertura
y cierre del día", built from one module per section (`checklist`, `closing`,
`summary`); `day_line` words the state for the monitor too.
"""

from __future__ import annotations

from macturnos.counter.day.checklist import ChecklistRow, answers_to_send
from macturnos.counter.day.presenter import STATE_COLOURS, DayPresenter, day_line
from macturnos.counter.day.view import DayView

__all__ = [
    "STATE_COLOURS",
    "ChecklistRow",
    "DayPresenter",
    "DayView",
    "answers_to_send",
    "day_line",
]
