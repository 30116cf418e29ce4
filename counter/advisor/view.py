"""The advisor's window: the module picker, then the module's working screen.

`AdvisorView` holds the two pages (`module_picker.ModulePicker` and
`module_screen.ModuleScreen`, which it inherits so their widgets stay its
attributes), the connection banner and the message line, and renders the
presenter's state on every change and every second. The questions that keep a
citizen from being lost (a hasty no-show, leaving with a ticket in hand) and the
transferred citizen's new number are asked and shown here, as the presenter says.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from macturnos.client.ui import theme
from macturnos.client.ui.widgets import ConnectionBanner
from macturnos.counter.advisor.module_picker import ModulePicker
from macturnos.counter.advisor.module_screen import ModuleScreen
from macturnos.counter.advisor.presenter import LEAVE_TRANSFER, AdvisorPresenter
from macturnos.counter.dialogs import ConfirmDialog, LeaveDialog, NewNumberDialog
from macturnos.counter.widgets import MessageLine


class AdvisorView(ModulePicker, ModuleScreen):
    """The module picker and the module's working screen."""

    def __init__(self, presenter: AdvisorPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.session = presenter.session
        self.dialog = None
        self.pages = QStackedWidget()
        self.picker = self._build_picker()
        self.work = self._build_work()
        self.pages.addWidget(self.picker)
        self.pages.addWidget(self.work)
        self.banner = ConnectionBanner()
        self.messages = MessageLine()
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.banner)
        root.addWidget(self.pages, 1)
        root.addWidget(self.messages)
        presenter.changed.connect(self.refresh)
        presenter.message.connect(self.messages.show_message)
        presenter.confirmNoShow.connect(self.confirm_no_show)
        presenter.chooseLeave.connect(self.choose_leave)
        presenter.transferred.connect(self.show_new_number)
        self.session.linkChanged.connect(self._link)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self.refresh()

    # --- rendering -----------------------------------------------------------------------

    @Slot(bool, str)
    def _link(self, connected: bool, _reason: str) -> None:
        self.banner.set_connected(connected, self.session.disabled_reason())
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Render the presenter's state."""
        if not self.session.logged_in:
            return
        self.banner.set_connected(self.session.connected, self.session.disabled_reason())
        if self.presenter.module_number is None:
            self.pages.setCurrentWidget(self.picker)
            self._render_picker()
        else:
            self.pages.setCurrentWidget(self.work)
            self._render_work()

    # --- questions before acts that could lose a citizen ---------------------------------

    @Slot(str)
    def confirm_no_show(self, question: str) -> None:
        """A hasty no-show: confirmed before it is sent."""
        dialog = ConfirmDialog(self.tr("¿No se presentó?"), question, self)
        dialog.ok_button.setText(self.tr("Sí, no se presentó"))
        dialog.submitted.connect(lambda: self.presenter.no_show(confirmed=True))
        self._open(dialog)

    @Slot(str, bool)
    def choose_leave(self, number: str, in_service: bool) -> None:
        """Leaving with a citizen called or served: return, finish or transfer them first."""
        dialog = LeaveDialog(number, in_service, self)
        dialog.submitted.connect(self._left_with)
        self._open(dialog)

    def _left_with(self, choice: str) -> None:
        self.presenter.leave_with(choice)
        if choice == LEAVE_TRANSFER:
            # The leave dialog is closing; the transfer opens once it has.
            QTimer.singleShot(0, self._transfer_then_leave)

    def _transfer_then_leave(self) -> None:
        self.open_transfer()
        if self.dialog is not None:
            self.dialog.rejected.connect(self.presenter.cancel_leave)
        else:
            self.presenter.cancel_leave()

    @Slot(str, str, str)
    def show_new_number(self, number: str, paper: str, service: str) -> None:
        """The transferred citizen's new number, large, to tell them."""
        self._open(NewNumberDialog(number, paper, service, self))

    def _ticket_marks(self, t: dict[str, Any]) -> list[str]:
        """The ticket's badges, and the assistance the citizen needs (sign language, ...)."""
        marks = super()._ticket_marks(t)
        name = t.get("assistance_name")
        if name:
            marks.insert(
                0,
                f"<span style='background:{theme.DANGER}; color:{theme.PAPER};"
                f" padding:4px; font-weight:bold'>&nbsp;"
                + self.tr("NECESITA: {asistencia}").format(asistencia=name)
                + "&nbsp;</span>",
            )
        if t.get("origin_number"):
            marks.append(
                self.tr("Derivado; su ticket impreso: {papel}").format(papel=t["origin_number"])
            )
        return marks
