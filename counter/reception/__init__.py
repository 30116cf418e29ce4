"""Reception (orientators, and supervisors' ticket desk): issue, print, look up, transfer.

`presenter.ReceptionPresenter` issues and prints tickets, looks them up and acts
on them; `view.ReceptionView` shows the issuing desk (`issuing`) and the ticket
desk (`ticket_desk`).
"""

from __future__ import annotations

from macturnos.counter.reception.presenter import ReceptionPresenter
from macturnos.counter.reception.view import ReceptionView

__all__ = ["ReceptionPresenter", "ReceptionView"]
