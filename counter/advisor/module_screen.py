"""The advisor's working screen: the current ticket, the action keys, the module's queue.

A `QWidget` part of `AdvisorView` (which inherits it): its `tr()` texts are
looked up in the "AdvisorView" context first, as before the split.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.counter.advisor.presenter import ACTIONS, KEYS, AdvisorPresenter, when
from macturnos.counter.dialogs import PauseDialog, ReasonDialog, TransferDialog
from macturnos.counter.session import CounterSession
from macturnos.counter.texts import duration, minutes_text, module_state_name, pause_reason_name
from macturnos.counter.widgets import ActionButton, big_label

NEXT_SHOWN = 12
STATE_COLOURS = {
    "free": theme.OK,
    "calling": theme.WARNING,
    "serving": theme.NAVY,
    "paused": theme.DANGER,
    "closed": theme.MUTED,
}


class ModuleScreen(QWidget):
    """The module's screen: who is called or served, for how long, what comes next."""

    presenter: AdvisorPresenter
    session: CounterSession
    dialog: QDialog | None

    # --- building -------------------------------------------------------------------

    def _build_work(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(20, 12, 20, 12)
        outer.addLayout(self._build_head())
        body = QHBoxLayout()
        body.setSpacing(20)
        left = QVBoxLayout()
        left.addWidget(self._build_ticket_card(), 1)
        left.addLayout(self._build_actions())
        body.addLayout(left, 3)
        body.addWidget(self._build_queue(), 2)
        outer.addLayout(body, 1)

        # Keyboard order: the actions first, then the queue, then leaving.
        order = [self.buttons[a] for a in ACTIONS] + [self.next_list, self.leave_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        return page

    def _build_head(self) -> QHBoxLayout:
        head = QHBoxLayout()
        self.module_title = big_label(22)
        self.module_state = QLabel()
        self.module_state.setStyleSheet("font-size: 17px; font-weight: bold; padding: 6px 12px;")
        self.leave_button = QPushButton(self.tr("Dejar el módulo"))
        self.leave_button.clicked.connect(self.presenter.leave_module)
        head.addWidget(self.module_title, 1)
        head.addWidget(self.module_state)
        head.addWidget(self.leave_button)
        return head

    def _build_ticket_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("ticketCard")
        card.setStyleSheet(
            "#ticketCard { border: 2px solid #D1D5DB; border-radius: 10px; background: #F9FAFB; }"
            " #ticketCard QLabel { background: transparent; }"
        )
        c = QVBoxLayout(card)
        c.setContentsMargins(24, 16, 24, 16)
        self.ticket_caption = QLabel(self.tr("Turno actual"))
        self.ticket_caption.setStyleSheet(f"color: {theme.MUTED}; font-size: 16px;")
        self.ticket_number = big_label(64)
        self.ticket_service = big_label(20)
        self.ticket_marks = QLabel()
        self.ticket_marks.setWordWrap(True)
        self.ticket_marks.setStyleSheet("font-size: 22px;")
        self.ticket_status = QLabel()
        self.ticket_status.setStyleSheet("font-size: 17px;")
        self.ticket_note = QLabel()
        self.ticket_note.setWordWrap(True)
        self.ticket_note.setStyleSheet(f"color: {theme.MUTED}; font-size: 15px;")
        self.waited_label = big_label(18, bold=False)
        self.served_label = big_label(18, bold=False)
        for w in (
            self.ticket_caption,
            self.ticket_number,
            self.ticket_service,
            self.ticket_marks,
            self.ticket_status,
            self.ticket_note,
        ):
            c.addWidget(w)
        timers = QHBoxLayout()
        timers.addWidget(self.waited_label)
        timers.addWidget(self.served_label)
        c.addLayout(timers)
        return card

    def _build_actions(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(12)
        labels = {
            "call_next": self.tr("Llamar siguiente"),
            "recall": self.tr("Volver a llamar"),
            "start": self.tr("Iniciar atención"),
            "finish": self.tr("Finalizar"),
            "no_show": self.tr("No se presentó"),
            "transfer": self.tr("Derivar…"),
            "pause": self.tr("Pausa…"),
            "call": self.tr("Llamar fuera de orden…"),
        }
        self.buttons: dict[str, ActionButton] = {}
        for i, action in enumerate(ACTIONS):
            button = ActionButton(
                labels[action], KEYS[action], primary=action in ("call_next", "start", "finish")
            )
            self.buttons[action] = button
            grid.addWidget(button, i // 4, i % 4)
        self.buttons["call_next"].clicked.connect(self.presenter.call_next)
        self.buttons["recall"].clicked.connect(self.presenter.recall)
        self.buttons["start"].clicked.connect(self.presenter.start)
        self.buttons["finish"].clicked.connect(self.presenter.finish)
        self.buttons["no_show"].clicked.connect(self.presenter.no_show)
        self.buttons["transfer"].clicked.connect(self.open_transfer)
        self.buttons["pause"].clicked.connect(self.pause_or_resume)
        self.buttons["call"].clicked.connect(self.open_out_of_order)
        return grid

    def _build_queue(self) -> QSplitter:
        """Waiting counts (services with people first, the rest folded), then the next tickets.

        A module may serve many services (RENIEC's 18): a wall of "0 en espera" lines
        would squeeze the next tickets, so the idle services fold under one line and the
        counts sit in a scroll area above the list, in a splitter the advisor may move.
        """
        counts_box = QWidget()
        c = QVBoxLayout(counts_box)
        c.setContentsMargins(0, 0, 0, 0)
        counts_title = big_label(17)
        counts_title.setText(self.tr("En espera por servicio"))
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setStyleSheet("font-size: 16px;")
        self.counts.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.idle_toggle = QToolButton()
        self.idle_toggle.setCheckable(True)
        self.idle_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.idle_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.idle_toggle.setStyleSheet("QToolButton { font-size: 15px; border: none; }")
        self.idle_toggle.toggled.connect(self._render_counts)
        self.idle_counts = QLabel()
        self.idle_counts.setWordWrap(True)
        self.idle_counts.setStyleSheet(f"font-size: 15px; color: {theme.MUTED};")
        self.idle_counts.setAlignment(Qt.AlignmentFlag.AlignTop)
        inner = QWidget()
        i = QVBoxLayout(inner)
        i.setContentsMargins(0, 0, 6, 0)
        i.addWidget(self.counts)
        i.addWidget(self.idle_toggle)
        i.addWidget(self.idle_counts)
        i.addStretch(1)
        self.counts_area = QScrollArea()
        self.counts_area.setWidgetResizable(True)
        self.counts_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.counts_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts_area.setWidget(inner)
        c.addWidget(counts_title)
        c.addWidget(self.counts_area, 1)
        next_box = QWidget()
        n = QVBoxLayout(next_box)
        n.setContentsMargins(0, 0, 0, 0)
        next_title = big_label(17)
        next_title.setText(self.tr("Próximos turnos (en el orden de llamada)"))
        self.next_list = QListWidget()
        self.next_list.setAccessibleName(self.tr("Próximos turnos"))
        self.next_list.setStyleSheet("font-size: 17px;")
        self.next_list.setWordWrap(True)
        self.next_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        n.addWidget(next_title)
        n.addWidget(self.next_list, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(counts_box)
        split.addWidget(next_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        return split

    # --- rendering -----------------------------------------------------------------------

    def _render_work(self) -> None:
        p = self.presenter
        m = p.module() or {}
        entity = self.session.entities().get(m.get("entity", ""), {})
        self.module_title.setText(
            self.tr("Módulo {n} · {entidad} · {asesor}").format(
                n=p.module_number,
                entidad=entity.get("short_name") or m.get("entity", ""),
                asesor=self.session.user.get("full_name") or p.username,
            )
        )
        self._render_state(m)
        t = p.ticket()
        if t is None:
            self._render_no_ticket()
        else:
            self._render_ticket(t)
        self._render_timers()
        self._render_buttons()
        self._render_counts()
        self._render_next()

    def _render_state(self, m: dict[str, Any]) -> None:
        state = m.get("state", "closed")
        state_text = module_state_name(state)
        if state == "paused":
            state_text += f" ({pause_reason_name(m.get('pause_reason'))})"
        self.module_state.setText(state_text)
        self.module_state.setStyleSheet(
            f"font-size: 17px; font-weight: bold; padding: 6px 12px; border-radius: 4px;"
            f" background: {STATE_COLOURS.get(state, theme.MUTED)}; color: {theme.PAPER};"
        )

    def _render_no_ticket(self) -> None:
        self.ticket_number.setText("—")
        self.ticket_service.setText(
            self.tr("Módulo en pausa: pulse Reanudar (F7) para seguir atendiendo")
            if self.presenter.paused()
            else self.tr("Sin turno: pulse Llamar siguiente (F1)")
        )
        self.ticket_marks.setText("")
        self.ticket_status.setText("")
        self.ticket_note.setText("")

    def _render_ticket(self, t: dict[str, Any]) -> None:
        self.ticket_number.setText(t["number"])
        colour = t.get("colour") or theme.INK
        # A light entity colour would not read on the card: dark ink instead.
        if theme.readable_on(colour) == theme.INK:
            colour = theme.INK
        self.ticket_number.setStyleSheet(f"color: {colour};")
        self.ticket_service.setText(f"{t.get('entity_name', '')} · {t.get('service_name', '')}")
        self.ticket_marks.setTextFormat(Qt.TextFormat.RichText)
        self.ticket_marks.setText("&nbsp;&nbsp;".join(self._ticket_marks(t)))
        status = t.get("status_name") or t.get("status", "")
        recalls = int(t.get("recall_count") or 0)
        if recalls:
            status += " · " + self.tr("llamadas: {n}").format(n=recalls + 1)
        self.ticket_status.setText(self.tr("Estado: {estado}").format(estado=status))
        note = t.get("note")
        self.ticket_note.setText(self.tr("Nota: {nota}").format(nota=note) if note else "")

    def _ticket_marks(self, t: dict[str, Any]) -> list[str]:
        """The badges of a preferential citizen and of an appointment."""
        marks = []
        pref = self.session.preferential_name(t.get("preferential"))
        if pref:
            marks.append(
                f"<span style='background:{theme.WARNING}; color:{theme.PAPER};"
                f" padding:4px; font-weight:bold'>&nbsp;{self.tr('PREFERENTE')}: {pref}&nbsp;</span>"
            )
        appointment = when(t.get("appointment_at"))
        if appointment is not None:
            local = appointment.astimezone(self.session.timezone)
            marks.append(
                f"<span style='background:{theme.NAVY}; color:{theme.PAPER};"
                f" padding:4px; font-weight:bold'>&nbsp;"
                + self.tr("CITA {hora}").format(hora=f"{local:%H:%M}")
                + "&nbsp;</span>"
            )
        return marks

    def _render_buttons(self) -> None:
        p = self.presenter
        self.buttons["pause"].set_label(self.tr("Reanudar") if p.paused() else self.tr("Pausa…"))
        why = self.session.disabled_reason() or self.tr("No disponible para el turno actual")
        for action, button in self.buttons.items():
            button.set_allowed(p.enabled(action), why)
        self.leave_button.setEnabled(self.session.can_act())

    def _render_counts(self) -> None:
        """Services with people waiting, one line each; the others folded under one line."""
        busy, idle = [], []
        for q in self.presenter.queue_counts():
            name = q.get("service_name", q["service"])
            if int(q.get("waiting") or 0):
                busy.append(
                    f"<b>{escape(name)}</b>: "
                    + self.tr("{n} en espera").format(n=q.get("waiting", 0))
                    + " · "
                    + self.tr("espera estimada {t}").format(
                        t=minutes_text(q.get("estimated_wait_min"))
                    )
                )
            else:
                idle.append(name)
        if busy:
            self.counts.setText("<br>".join(busy))
        elif idle:
            self.counts.setText(self.tr("Nadie espera en los servicios de este módulo."))
        else:
            self.counts.setText(self.tr("Sin servicios asignados"))
        self.idle_toggle.setVisible(bool(idle))
        self.idle_toggle.setText(self.idle_services_text(len(idle)))
        self.idle_toggle.setArrowType(
            Qt.ArrowType.DownArrow if self.idle_toggle.isChecked() else Qt.ArrowType.RightArrow
        )
        self.idle_counts.setVisible(bool(idle) and self.idle_toggle.isChecked())
        self.idle_counts.setText("\n".join(f"• {name}" for name in idle))
        self._fit_counts()

    def _fit_counts(self) -> None:
        """Show the counts whole when they are short (a few lines), else scroll them.

        The splitter would otherwise give the counts only their scroll area's small
        default height on a 768 px screen, hiding the fold line under a scroll bar.
        """
        inner = self.counts_area.widget()
        layout = inner.layout() if inner is not None else None
        if layout is None:
            return
        width = self.counts_area.viewport().width()
        wanted = layout.heightForWidth(width) if layout.hasHeightForWidth() else -1
        if wanted < 0:
            wanted = layout.sizeHint().height()
        cap = self.counts.fontMetrics().lineSpacing() * 9 + self.idle_toggle.sizeHint().height()
        self.counts_area.setMinimumHeight(min(wanted, cap))

    def idle_services_text(self, n: int) -> str:
        """ "3 servicios sin espera", in the plural form of the language."""
        return self.tr("%n servicios sin espera", "", n)

    def _render_next(self) -> None:
        selected = self.selected_waiting()
        self.next_list.clear()
        now = self.session.server_now()
        for t in self.presenter.waiting()[:NEXT_SHOWN]:
            arrival = when(t.get("arrival_at"))
            waited = duration((now - arrival).total_seconds()) if arrival else ""
            marks = []
            if t.get("preferential"):
                marks.append(self.tr("Preferente"))
            if t.get("appointment_at"):
                marks.append(self.tr("Cita"))
            text = f"{t['number']}   {t.get('service_name', '')}   {waited}"
            if marks:
                text += "   [" + ", ".join(marks) + "]"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, int(t["id"]))
            self.next_list.addItem(item)
            if selected == int(t["id"]):
                self.next_list.setCurrentItem(item)
        if not self.next_list.count():
            self.next_list.addItem(self.tr("No hay turnos en espera."))

    def _render_timers(self) -> None:
        waited, served = self.presenter.timers()
        paused = self.presenter.pause_seconds()
        if paused is not None:
            self.waited_label.setText(self.tr("En pausa desde hace {t}").format(t=duration(paused)))
            self.served_label.setText("")
            return
        self.waited_label.setText(
            self.tr("Esperó: {t}").format(t=duration(waited)) if waited is not None else ""
        )
        self.served_label.setText(
            self.tr("En atención: {t}").format(t=duration(served)) if served is not None else ""
        )

    @Slot()
    def _tick(self) -> None:
        if self.session.logged_in and self.presenter.module_number is not None:
            self._render_timers()

    # --- dialogs -------------------------------------------------------------------------

    def selected_waiting(self) -> int | None:
        """The id of the waiting ticket selected in the list, if any."""
        item = self.next_list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    @Slot()
    def open_transfer(self) -> None:
        """Ask for the target service and the note, then transfer."""
        t = self.presenter.ticket()
        if t is None:
            return
        services = [
            (s["code"], self.session.service_label(s["code"])) for s in self.session.services()
        ]
        dialog = TransferDialog(services, t.get("service"), self)
        dialog.submitted.connect(self.presenter.transfer)
        self._open(dialog)

    @Slot()
    def pause_or_resume(self) -> None:
        """Resume a paused module, or ask for the pause's reason."""
        if self.presenter.paused():
            self.presenter.resume()
            return
        dialog = PauseDialog(self)
        dialog.submitted.connect(self.presenter.pause)
        self._open(dialog)

    @Slot()
    def open_out_of_order(self) -> None:
        """Call the selected waiting ticket (else the first) out of order, with a reason."""
        waiting = self.presenter.waiting()
        if not waiting:
            return
        wanted = self.selected_waiting()
        t = next((w for w in waiting if w["id"] == wanted), waiting[0])
        dialog = ReasonDialog(
            self.tr("Llamar fuera de orden"),
            self.tr("Llamar al turno {turno} antes de su orden. ¿Por qué?").format(
                turno=t["number"]
            ),
            self,
        )
        dialog.submitted.connect(lambda reason: self.presenter.call_ticket(int(t["id"]), reason))
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
