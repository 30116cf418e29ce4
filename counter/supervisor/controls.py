"""The supervisor's controls for when people or entities cannot serve (issues 15 and 18).

- Free a module held by someone who left: its citizen is returned to the front
  of the queue, or their attention is finished (`POST /modules/{n}/free`).
- Seat an advisor at a module, also another entity's (`POST /modules/{n}/assign`).
- Suspend issuing for an entity or a service with the reason citizens read on the
  kiosk, and resume it (`/suspensions`).
- List the paired kiosks, call screens and LED agents, and revoke one (`/devices`).

`SupervisorControls` is one self-contained widget over a `CounterSession`; the
monitor window places it. Every change goes through `session.act` (one
idempotent request at a time) and is confirmed where it cannot be undone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from macturnos.counter.dialogs import REASON_MAX, ConfirmDialog
from macturnos.counter.session import CounterSession
from macturnos.counter.widgets import MessageLine

_DATA = Qt.ItemDataRole.UserRole


def _selected(widget: QListWidget) -> Any:
    item = widget.currentItem()
    return item.data(_DATA) if item is not None and item.isSelected() else None


class SupervisorControls(QWidget):
    """Free modules, seat advisors, suspend issuing, revoke devices."""

    def __init__(self, session: CounterSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialog: ConfirmDialog | None = None
        self.suspensions: list[dict[str, Any]] = []
        self.devices: list[dict[str, Any]] = []
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_modules(), self.tr("Módulos"))
        self.tabs.addTab(self._build_issuing(), self.tr("Entrega de turnos"))
        self.tabs.addTab(self._build_devices(), self.tr("Dispositivos"))
        self.messages = MessageLine()
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.tabs, 1)
        root.addWidget(self.messages)
        session.stateChanged.connect(self.render_modules)
        session.eventReceived.connect(self._on_event)
        session.actionFailed.connect(self.messages.show_error)
        session.busyChanged.connect(lambda *_: self._render_buttons())
        session.loggedIn.connect(self._logged_in)
        self._logged_in()

    @Slot()
    def _logged_in(self) -> None:
        """Fill what comes from the server once a supervisor is logged in."""
        self._fill_targets()
        self.render_modules()
        if self.session.logged_in:
            self.load_suspensions()

    # --- modules: free one, seat an advisor ----------------------------------------------

    def _build_modules(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        intro = QLabel(
            self.tr(
                "Módulos con asesor. Si el asesor se fue, libere el módulo: el ciudadano "
                "que tenía vuelve primero a la cola, o su atención se da por finalizada."
            )
        )
        intro.setWordWrap(True)
        self.module_list = QListWidget()
        self.module_list.setAccessibleName(self.tr("Módulos con asesor"))
        self.module_list.itemSelectionChanged.connect(self._render_buttons)
        self.free_return = QPushButton(self.tr("Liberar: devolver su turno a la cola"))
        self.free_finish = QPushButton(self.tr("Liberar: finalizar la atención"))
        self.free_return.clicked.connect(lambda: self.ask_free("return"))
        self.free_finish.clicked.connect(lambda: self.ask_free("finish"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.free_return)
        buttons.addWidget(self.free_finish)
        assign = QGroupBox(self.tr("Asignar un asesor a un módulo (también de otra entidad)"))
        grid = QGridLayout(assign)
        self.assign_module = QComboBox()
        self.assign_module.setAccessibleName(self.tr("Módulo"))
        self.assign_user = QLineEdit()
        self.assign_user.setPlaceholderText(self.tr("Usuario del asesor"))
        self.assign_user.setAccessibleName(self.tr("Usuario del asesor"))
        self.assign_user.textChanged.connect(self._render_buttons)
        self.assign_button = QPushButton(self.tr("Asignar"))
        self.assign_button.clicked.connect(self.assign)
        grid.addWidget(QLabel(self.tr("Módulo:")), 0, 0)
        grid.addWidget(self.assign_module, 0, 1)
        grid.addWidget(QLabel(self.tr("Asesor:")), 1, 0)
        grid.addWidget(self.assign_user, 1, 1)
        grid.addWidget(self.assign_button, 2, 1)
        box.addWidget(intro)
        box.addWidget(self.module_list, 1)
        box.addLayout(buttons)
        box.addWidget(assign)
        return page

    def _module_text(self, m: dict[str, Any]) -> str:
        t = m.get("ticket") or {}
        held = m.get("advisor") or m.get("advisor_username") or "?"
        text = self.tr("Módulo {n} · {asesor}").format(n=m["number"], asesor=held)
        if t.get("status") == "in_service":
            text += " · " + self.tr("atendiendo {turno}").format(turno=t.get("number"))
        elif t.get("status") == "called":
            text += " · " + self.tr("llamando a {turno}").format(turno=t.get("number"))
        return text

    @Slot()
    def render_modules(self) -> None:
        """The modules with an advisor, and the module choice for assigning."""
        if not self.session.logged_in:
            return
        chosen = _selected(self.module_list)
        held = [m for m in self.session.state.modules() if m.get("state") != "closed"]
        self.module_list.clear()
        for m in held:
            item = QListWidgetItem(self._module_text(m))
            item.setData(_DATA, int(m["number"]))
            self.module_list.addItem(item)
            if m["number"] == chosen:
                item.setSelected(True)
                self.module_list.setCurrentItem(item)
        numbers = [int(m["number"]) for m in self.session.state.modules()]
        if [self.assign_module.itemData(i) for i in range(self.assign_module.count())] != numbers:
            self.assign_module.clear()
            for n in numbers:
                self.assign_module.addItem(self.tr("Módulo {n}").format(n=n), n)
        self._render_buttons()

    def select_module(self, number: int) -> None:
        """Select a module of the list (keyboard users use arrows; tests call this)."""
        for i in range(self.module_list.count()):
            item = self.module_list.item(i)
            if item.data(_DATA) == number:
                self.module_list.setCurrentItem(item)
                item.setSelected(True)
                return
        raise ValueError(f"module {number} has no advisor")

    def ask_free(self, ticket: str) -> None:
        """Confirm, then free the selected module (`ticket`: "return" or "finish")."""
        number = _selected(self.module_list)
        if number is None:
            return
        question = (
            self.tr("¿Liberar el módulo {n}? Si tiene un ciudadano, su atención se finaliza.")
            if ticket == "finish"
            else self.tr("¿Liberar el módulo {n}? Si tiene un ciudadano, vuelve primero a la cola.")
        )
        self._confirm(
            self.tr("Liberar módulo"), question.format(n=number), lambda: self.free(number, ticket)
        )

    def free(self, number: int, ticket: str) -> None:
        """Free a module now (after the confirmation)."""

        def ok(_view: dict[str, Any]) -> None:
            self.messages.show_info(self.tr("Módulo {n} liberado.").format(n=number))

        self.session.act(self.session.api.free_module, number, ticket, ok=ok)

    @Slot()
    def assign(self) -> None:
        """Seat the typed advisor at the chosen module (the server records it)."""
        number = self.assign_module.currentData()
        username = self.assign_user.text().strip()
        if number is None or not username:
            return

        def ok(_view: dict[str, Any]) -> None:
            self.messages.show_info(
                self.tr("{u} quedó asignado al módulo {n}.").format(u=username, n=number)
            )

        self.session.act(self.session.api.assign_module, int(number), username, ok=ok)

    # --- issuing: suspend and resume -------------------------------------------------------

    def _build_issuing(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        form = QGroupBox(self.tr("Suspender la entrega de turnos"))
        grid = QGridLayout(form)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("Una entidad"), "entity")
        self.scope.addItem(self.tr("Un servicio"), "service")
        self.scope.setAccessibleName(self.tr("Qué se suspende"))
        self.scope.currentIndexChanged.connect(self._fill_targets)
        self.target = QComboBox()
        self.target.setEditable(True)  # typing finds a service among ~140
        self.target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.target.setAccessibleName(self.tr("Entidad o servicio"))
        self.reason = QLineEdit()
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setPlaceholderText(
            self.tr("Motivo que verán los ciudadanos (p. ej. «Sistema de la entidad sin conexión»)")
        )
        self.reason.setAccessibleName(self.tr("Motivo de la suspensión"))
        self.reason.textChanged.connect(self._render_buttons)
        self.suspend_button = QPushButton(self.tr("Suspender"))
        self.suspend_button.clicked.connect(self.suspend)
        grid.addWidget(QLabel(self.tr("Suspender:")), 0, 0)
        grid.addWidget(self.scope, 0, 1)
        grid.addWidget(self.target, 1, 1)
        grid.addWidget(QLabel(self.tr("Motivo:")), 2, 0)
        grid.addWidget(self.reason, 2, 1)
        grid.addWidget(self.suspend_button, 3, 1)
        self.suspension_list = QListWidget()
        self.suspension_list.setAccessibleName(self.tr("Suspensiones vigentes"))
        self.suspension_list.itemSelectionChanged.connect(self._render_buttons)
        self.resume_button = QPushButton(self.tr("Reanudar la entrega"))
        self.resume_button.clicked.connect(self.resume)
        box.addWidget(form)
        box.addWidget(QLabel(self.tr("Suspensiones vigentes:")))
        box.addWidget(self.suspension_list, 1)
        box.addWidget(self.resume_button)
        return page

    @Slot()
    def _fill_targets(self) -> None:
        self.target.clear()
        if self.scope.currentData() == "entity":
            for code, e in self.session.entities().items():
                self.target.addItem(str(e.get("short_name") or e.get("name") or code), code)
        else:
            for s in self.session.services():
                self.target.addItem(self.session.service_label(s["code"]), s["code"])
        self._render_buttons()

    def choose_target(self, scope: str, code: str) -> None:
        """Choose what to suspend (tests and keyboard users)."""
        self.scope.setCurrentIndex(self.scope.findData(scope))
        self.target.setCurrentIndex(self.target.findData(code))

    @Slot()
    def suspend(self) -> None:
        """Suspend issuing for the chosen entity or service with the written reason."""
        scope, code = self.scope.currentData(), self.target.currentData()
        reason = self.reason.text().strip()
        if code is None or not reason:
            return

        def ok(row: dict[str, Any]) -> None:
            self.reason.clear()
            self.messages.show_info(
                self.tr("Entrega de turnos suspendida: {nombre}.").format(nombre=row.get("name"))
            )
            self.load_suspensions()

        self.session.act(self.session.api.suspend_issuing, scope, code, reason, ok=ok)

    @Slot()
    def resume(self) -> None:
        """Resume issuing for the selected suspension."""
        chosen = _selected(self.suspension_list)
        if chosen is None:
            return
        scope, code = chosen

        def ok(answer: dict[str, Any]) -> None:
            self.messages.show_info(
                self.tr("Entrega de turnos reanudada: {nombre}.").format(nombre=answer.get("name"))
            )
            self.load_suspensions()

        self.session.act(self.session.api.resume_issuing, scope, code, ok=ok)

    def load_suspensions(self) -> None:
        """Read the suspensions in force."""

        def ok(rows: list[dict[str, Any]]) -> None:
            self.suspensions = rows
            self.suspension_list.clear()
            for row in rows:
                item = QListWidgetItem(
                    self.tr("{nombre}: {motivo}").format(nombre=row["name"], motivo=row["reason"])
                )
                item.setData(_DATA, (row["scope"], row["code"]))
                self.suspension_list.addItem(item)
            self._render_buttons()

        self.session.read(self.session.api.suspensions, ok=ok)

    def select_suspension(self, code: str) -> None:
        """Select a suspension of the list by its entity's or service's code."""
        for i in range(self.suspension_list.count()):
            item = self.suspension_list.item(i)
            if item.data(_DATA)[1] == code:
                self.suspension_list.setCurrentItem(item)
                item.setSelected(True)
                return
        raise ValueError(f"{code} is not suspended")

    # --- devices: list and revoke --------------------------------------------------------

    def _build_devices(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        intro = QLabel(
            self.tr(
                "Quioscos, pantallas y agentes LED vinculados. Revoque uno perdido o "
                "reemplazado: su acceso se corta de inmediato."
            )
        )
        intro.setWordWrap(True)
        self.device_list = QListWidget()
        self.device_list.setAccessibleName(self.tr("Dispositivos"))
        self.device_list.itemSelectionChanged.connect(self._render_buttons)
        self.reload_devices = QPushButton(self.tr("Actualizar la lista"))
        self.reload_devices.clicked.connect(self.load_devices)
        self.revoke_button = QPushButton(self.tr("Revocar el dispositivo"))
        self.revoke_button.clicked.connect(self.ask_revoke)
        row = QHBoxLayout()
        row.addWidget(self.reload_devices)
        row.addWidget(self.revoke_button)
        box.addWidget(intro)
        box.addWidget(self.device_list, 1)
        box.addLayout(row)
        return page

    def _device_text(self, d: dict[str, Any]) -> str:
        if not d.get("active", True):
            state = self.tr("revocado")
        elif d.get("connected"):
            state = self.tr("conectado")
        else:
            state = self.tr("sin conexión")
        return f"{d['code']} · {d.get('name') or ''} ({d.get('kind')}) · {state}"

    @Slot()
    def load_devices(self) -> None:
        """Read the paired devices."""

        def ok(rows: list[dict[str, Any]]) -> None:
            self.devices = rows
            self.device_list.clear()
            for d in rows:
                item = QListWidgetItem(self._device_text(d))
                item.setData(_DATA, d["code"] if d.get("active", True) else None)
                self.device_list.addItem(item)
            self._render_buttons()

        self.session.read(self.session.api.devices, ok=ok)

    def select_device(self, code: str) -> None:
        """Select a device of the list by its code."""
        for i in range(self.device_list.count()):
            item = self.device_list.item(i)
            if item.text().startswith(f"{code} "):
                self.device_list.setCurrentItem(item)
                item.setSelected(True)
                return
        raise ValueError(f"no device {code}")

    @Slot()
    def ask_revoke(self) -> None:
        """Confirm, then revoke the selected device."""
        code = _selected(self.device_list)
        if code is None:
            return
        self._confirm(
            self.tr("Revocar dispositivo"),
            self.tr(
                "¿Revocar {codigo}? Dejará de funcionar de inmediato; para volver a usarlo "
                "hay que registrarlo y vincularlo de nuevo."
            ).format(codigo=code),
            lambda: self.revoke(code),
        )

    def revoke(self, code: str) -> None:
        """Revoke a device now (after the confirmation)."""

        def ok(_row: dict[str, Any]) -> None:
            self.messages.show_info(self.tr("{codigo} revocado.").format(codigo=code))
            self.load_devices()

        self.session.act(self.session.api.revoke_device, code, ok=ok)

    # --- shared ------------------------------------------------------------------------------

    def _confirm(self, title: str, question: str, then: Any) -> None:
        dialog = ConfirmDialog(title, question, self)
        dialog.submitted.connect(then)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    @Slot(dict)
    def _on_event(self, event: dict[str, Any]) -> None:
        if str(event.get("kind", "")).startswith("issuing."):
            self.load_suspensions()

    @Slot()
    def _render_buttons(self) -> None:
        can = self.session.can_act()
        module = _selected(self.module_list) is not None
        self.free_return.setEnabled(can and module)
        self.free_finish.setEnabled(can and module)
        self.assign_button.setEnabled(can and bool(self.assign_user.text().strip()))
        self.suspend_button.setEnabled(
            can and self.target.currentData() is not None and bool(self.reason.text().strip())
        )
        self.resume_button.setEnabled(can and _selected(self.suspension_list) is not None)
        self.revoke_button.setEnabled(can and _selected(self.device_list) is not None)
