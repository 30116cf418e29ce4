"""Reception (orientators, and supervisors' ticket desk): issue, print, look up, transfer.

`ReceptionView` puts the issuing desk (`issuing.IssueDesk`) beside the ticket
desk (`ticket_desk.TicketDesk`); it inherits both, so their widgets stay its
attributes, and renders the presenter on every change.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from macturnos.client.ui.widgets import ConnectionBanner
from macturnos.counter.reception.issuing import IssueDesk
from macturnos.counter.reception.presenter import ReceptionPresenter
from macturnos.counter.reception.ticket_desk import TicketDesk
from macturnos.counter.widgets import MessageLine


class ReceptionView(IssueDesk, TicketDesk):
    """The reception desk: services with availability, issuing, the ticket desk."""

    def __init__(
        self, presenter: ReceptionPresenter, parent: QWidget | None = None, *, banner: bool = True
    ) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.session = presenter.session
        self.dialog = None
        self._rows = []
        root = QVBoxLayout(self)
        root.setContentsMargins(16, 8, 16, 8)
        self.banner = ConnectionBanner()
        if banner:
            root.addWidget(self.banner)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self._build_issue(), 3)
        side = QVBoxLayout()
        side.addWidget(self._build_issued())
        side.addWidget(self._build_lookup(), 1)
        body.addLayout(side, 2)
        root.addLayout(body, 1)
        self.messages = MessageLine()
        root.addWidget(self.messages)
        presenter.changed.connect(self.refresh)
        presenter.message.connect(self.messages.show_message)
        presenter.complaintRecorded.connect(self.show_receipt)
        self.session.actionFailed.connect(self.messages.show_error)
        order = [
            self.table,
            self.preferential,
            self.issue_button,
            self.reprint_button,
            self.number_edit,
            self.lookup_button,
            self.transfer_button,
            self.cancel_button,
            self.reactivate_button,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.refresh()

    # --- rendering -----------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Render the queues, the last ticket and the looked-up ticket."""
        if not self.session.logged_in:
            return
        self.banner.set_connected(self.session.connected, self.session.disabled_reason())
        self._render_preferential()
        self._render_table()
        self._render_issued()
        self._render_found()
        self.refresh_buttons()

    @Slot()
    def refresh_buttons(self) -> None:
        """Enable what the link, the selection and the ticket's state allow."""
        can = self.session.can_act()
        why = self.session.disabled_reason()
        self._refresh_issue_buttons(can, why)
        self._refresh_ticket_buttons(can, why)
