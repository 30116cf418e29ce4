"""The day tab's opening section: the checklist form, "Registrar apertura", today's runs.

Automatic items come pre-filled by the server's probes; the person answers the
rest and may overrule a probe with a note. Only what the person touched is sent
(`answers_to_send`), so the server keeps its fresh probe for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.counter.day.blockers import (
    DEVICE_LINES_SHOWN,
    Answer,
    failing_devices,
    verdict,
)
from macturnos.counter.day.runs import RunsSection
from macturnos.counter.texts import CHECK_RESULTS, check_result_name
from macturnos.counter.widgets import ActionButton, MessageLine

NOTE_MAX = 500
RUN_NOTE_MAX = 1000
PROBE_COLOURS = {
    "ok": theme.OK,
    "warning": theme.WARNING,
    "fail": theme.DANGER,
    "unknown": theme.MUTED,
    "not_applicable": theme.MUTED,
}


@dataclass
class ChecklistRow:
    """One item of the form: its data from the server and its controls."""

    item: dict[str, Any]
    probe: QLabel
    result: QComboBox
    note: QLineEdit
    prefill_result: str | None

    @property
    def touched(self) -> bool:
        """Whether the person answered it (a manual item always counts as answered)."""
        if self.prefill_result is None:
            return True
        return self.result.currentData() != self.prefill_result or bool(self.note.text().strip())

    @property
    def needs_note(self) -> bool:
        """Whether the person overrules a failed probe without saying why."""
        return (
            self.prefill_result == "fail"
            and self.result.currentData() in ("ok", "not_applicable")
            and not self.note.text().strip()
        )

    def answer(self) -> dict[str, Any]:
        """The answer sent to the server."""
        note = self.note.text().strip()
        return {
            "code": self.item["code"],
            "result": self.result.currentData(),
            "note": note or None,
        }


def answers_to_send(rows: list[ChecklistRow]) -> list[dict[str, Any]]:
    """Manual items, and automatic ones the person changed or annotated.

    An untouched automatic item is left out so the server keeps its fresh probe:
    internet back between reading the form and sending it must not stay failed.
    """
    return [row.answer() for row in rows if row.touched]


class ChecklistSection(RunsSection):
    """Tab "Apertura (lista de control)": the form, its buttons and the runs of today."""

    rows: list[ChecklistRow]

    def _build_opening(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.setSpacing(6)
        intro = QLabel(
            self.tr(
                "Verifique cada punto; si lo automático no coincide con lo que usted ve, "
                "cámbielo y explique por qué en la nota."
            )
        )
        intro.setToolTip(
            self.tr(
                "Verifique cada punto antes de abrir. Los puntos automáticos ya muestran lo que "
                "comprobó el sistema; si no coincide con lo que usted ve, cámbielo y explique "
                "por qué en la nota. Sin internet, energía eléctrica o vigilancia el centro no abre."
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(f"font-size: 14px; color: {theme.MUTED};")
        layout.addWidget(intro)
        # What stops the opening now, from the answers as they stand (see blockers.py).
        self.blockers_line = QLabel()
        self.blockers_line.setAccessibleName(self.tr("Lo que impide abrir"))
        self.blockers_line.setWordWrap(True)
        self.blockers_line.setVisible(False)
        layout.addWidget(self.blockers_line)
        self.run_result = MessageLine(collapse=True)
        self.run_result.setAccessibleName(self.tr("Resultado de la apertura"))
        layout.addWidget(self.run_result)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self._build_form())
        split.addWidget(self._build_runs())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        return page

    def _build_form(self) -> QWidget:
        """The checklist's form (filled by `render_checklist`), the general note, the buttons."""
        form_box = QWidget()
        f = QVBoxLayout(form_box)
        f.setContentsMargins(0, 0, 0, 0)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_widget = QWidget()
        # Compact rows: 32 points must not need a scroll for every four.
        self.form_widget.setStyleSheet(
            "QComboBox, QLineEdit { font-size: 14px; min-height: 20px; padding: 2px 4px; }"
        )
        self.form = QGridLayout(self.form_widget)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(3)
        self.form_area.setWidget(self.form_widget)
        f.addWidget(self.form_area, 1)
        note_row = QHBoxLayout()
        note_label = QLabel(self.tr("Observación general (opcional):"))
        self.run_note = QLineEdit()
        self.run_note.setMaxLength(RUN_NOTE_MAX)
        self.run_note.setAccessibleName(self.tr("Observación general"))
        note_row.addWidget(note_label)
        note_row.addWidget(self.run_note, 1)
        f.addLayout(note_row)
        buttons = QHBoxLayout()
        self.all_ok_button = ActionButton(
            self.tr("Marcar conformes los puntos manuales pendientes")
        )
        self.all_ok_button.setMinimumHeight(44)
        self.all_ok_button.setToolTip(
            self.tr(
                "Pone «Conforme» en los puntos manuales que siguen «Sin verificar», salvo los "
                "que bloquean la apertura: esos se confirman uno por uno."
            )
        )
        self.all_ok_button.clicked.connect(self.mark_pending_ok)
        buttons.addWidget(self.all_ok_button, 2)
        self.recheck_button = ActionButton(self.tr("Volver a verificar"))
        self.recheck_button.setMinimumHeight(44)
        self.recheck_button.clicked.connect(self.presenter.load_checklist)
        self.open_button = ActionButton(self.tr("Registrar apertura"), primary=True)
        self.open_button.setMinimumHeight(44)
        self.open_button.clicked.connect(self.register_opening)
        buttons.addWidget(self.recheck_button)
        buttons.addWidget(self.open_button, 2)
        f.addLayout(buttons)
        return form_box

    @Slot()
    def render_checklist(self) -> None:
        """Build the form from the checklist: zones, items, probe findings, answers."""
        if self.presenter.loading_checklist and self.presenter.checklist is None:
            self.run_result.show_progress(
                self.tr("Verificando internet, energía, impresoras y pantallas…")
            )
        template = self.presenter.checklist
        if template is None or self.presenter.loading_checklist:
            self.refresh_buttons()
            return
        # What the person already answered survives a re-check (same item, same answer).
        kept = {row.item["code"]: (row.result.currentData(), row.note.text()) for row in self.rows}
        kept_touched = {row.item["code"] for row in self.rows if row.touched}
        self._clear_form()
        r = 1
        zone = None
        previous: QWidget | None = None
        for item in template.get("items") or []:
            if item.get("zone") != zone:
                zone = item.get("zone")
                self.form.addWidget(self._zone_label(item), r, 0, 1, 5)
                r += 1
            row = self._form_row(item, kept, kept_touched)
            self.form.addWidget(self._item_label(item), r, 0)
            self.form.addWidget(self._blocking_mark(item), r, 1, Qt.AlignmentFlag.AlignCenter)
            self.form.addWidget(row.probe, r, 2)
            self.form.addWidget(row.result, r, 3)
            self.form.addWidget(row.note, r, 4)
            if previous is not None:
                QWidget.setTabOrder(previous, row.result)
            QWidget.setTabOrder(row.result, row.note)
            previous = row.note
            self.rows.append(row)
            r += 1
        self.form.setColumnStretch(0, 3)
        self.form.setColumnStretch(2, 4)
        self.form.setColumnStretch(4, 3)
        self.form.setRowStretch(r, 1)
        if self.run_result.text().startswith(
            self.tr("Verificando internet, energía, impresoras y pantallas…")
        ):
            self.run_result.clear_message()
        self.render_blockers()
        self.refresh_buttons()

    def _clear_form(self) -> None:
        """Empty the form down to its column heads."""
        while self.form.count():
            taken = self.form.takeAt(0)
            w = taken.widget() if taken is not None else None
            if w is not None:
                w.deleteLater()
        self.rows = []
        headers = [
            self.tr("Punto"),
            self.tr("Bloquea"),
            self.tr("Verificación automática"),
            self.tr("Resultado"),
            self.tr("Nota"),
        ]
        for c, text in enumerate(headers):
            h = QLabel(text)
            h.setStyleSheet(
                "font-weight: bold; font-size: 14px; background: #E5E7EB; padding: 4px;"
            )
            self.form.addWidget(h, 0, c)

    @staticmethod
    def _zone_label(item: dict[str, Any]) -> QLabel:
        z = QLabel(str(item.get("zone_name") or item.get("zone")))
        z.setStyleSheet(
            f"font-weight: bold; font-size: 16px; color: {theme.NAVY};"
            " padding-top: 10px; border-bottom: 2px solid #D1D5DB;"
        )
        return z

    @staticmethod
    def _item_label(item: dict[str, Any]) -> QLabel:
        label = QLabel(str(item.get("label")))
        label.setWordWrap(True)
        label.setStyleSheet("font-size: 15px;")
        return label

    def _blocking_mark(self, item: dict[str, Any]) -> QLabel:
        mark = QLabel(self.tr("Sí") if item.get("blocking") else "")
        mark.setStyleSheet(f"color: {theme.DANGER}; font-weight: bold; font-size: 15px;")
        if item.get("blocking"):
            mark.setToolTip(self.tr("Si no está conforme, el centro no abre."))
        return mark

    def _probe_label(self, prefill: dict[str, Any] | None) -> QLabel:
        """What the automatic check found, in its colour; "Manual" for a person's item.

        A device probe (LED displays, kiosks, call screens) says one line per device
        that is not fine, the first few, with every device's finding in the tooltip.
        """
        probe = QLabel()
        probe.setWordWrap(True)
        if prefill:
            state = str(prefill.get("probe_state") or prefill.get("result"))
            # The reason, not the note: a warning's note repeats "con observaciones".
            found = str(prefill.get("reason") or prefill.get("note") or "")
            devices = failing_devices(prefill)
            if devices:
                lines = [
                    f"{self._device_name(code)}: {check_result_name(device_state)}"
                    for code, device_state in devices
                ]
                shown = lines[:DEVICE_LINES_SHOWN]
                rest = len(lines) - len(shown)
                if rest:
                    shown.append(self.tr("y %n equipos más (vea el detalle)", "", rest))
                probe.setText("\n".join(shown))
                probe.setToolTip(found)
            else:
                probe.setText(f"{check_result_name(state)}: {found}")
            probe.setStyleSheet(
                f"color: {PROBE_COLOURS.get(state, theme.INK)}; font-size: 14px; font-weight: bold;"
            )
        else:
            probe.setText(self.tr("Manual"))
            probe.setStyleSheet(f"color: {theme.MUTED}; font-size: 14px;")
        return probe

    def _device_name(self, code: str) -> str:
        """LED-7 is module 7's display; other devices go by their code."""
        prefix, _, number = code.partition("-")
        if prefix == "LED" and number.isdigit():
            return self.tr("Módulo {n} ({codigo})").format(n=number, codigo=code)
        return code

    def _form_row(
        self,
        item: dict[str, Any],
        kept: dict[str, tuple[Any, str]],
        kept_touched: set[str],
    ) -> ChecklistRow:
        """An item's controls: the probe's finding, the result (kept or pre-filled), the note."""
        prefill = item.get("prefill")
        combo = QComboBox()
        combo.setAccessibleName(self.tr("Resultado: {punto}").format(punto=item.get("label")))
        for code in CHECK_RESULTS:
            combo.addItem(check_result_name(code), code)
        default = prefill.get("result") if prefill else "unknown"
        note = QLineEdit()
        note.setMaxLength(NOTE_MAX)
        note.setAccessibleName(self.tr("Nota: {punto}").format(punto=item.get("label")))
        code = str(item["code"])
        if code in kept and code in kept_touched:
            choice, text = kept[code]
            combo.setCurrentIndex(max(0, combo.findData(choice)))
            note.setText(text)
        else:
            combo.setCurrentIndex(max(0, combo.findData(default)))
        if prefill and prefill.get("result") == "fail":
            note.setPlaceholderText(self.tr("Obligatoria si lo da por conforme"))
        probe = self._probe_label(prefill)
        row = ChecklistRow(item, probe, combo, note, prefill.get("result") if prefill else None)
        combo.currentIndexChanged.connect(lambda _i, row=row: self._style_row(row))
        note.textChanged.connect(lambda _t, row=row: self._style_row(row))
        self._style_row(row)
        return row

    def _style_row(self, row: ChecklistRow) -> None:
        result = row.result.currentData()
        colour = {"fail": theme.DANGER, "unknown": theme.WARNING}.get(str(result))
        row.result.setStyleSheet(
            f"QComboBox {{ border: 2px solid {colour}; font-weight: bold; }}" if colour else ""
        )
        row.note.setStyleSheet(
            f"QLineEdit {{ border: 2px solid {theme.DANGER}; }}" if row.needs_note else ""
        )
        if row in self.rows:
            self.render_blockers()

    def render_blockers(self) -> None:
        """Say what stops the opening with the answers as they are now (red), or that nothing does."""
        if not self.rows or not self.presenter.needs_opening:
            self.blockers_line.setVisible(False)
            return
        found = verdict(
            [
                Answer(row.item, str(row.result.currentData()), row.note.text().strip())
                for row in self.rows
            ]
        )
        zones = {str(row.item["code"]): str(row.item.get("zone_name") or "") for row in self.rows}
        if found.blocking_failures:
            lines = [
                f"• {zones.get(o.code, '')} · {o.label}: {check_result_name(o.result.value)}"
                + (f" — {o.note}" if o.note else "")
                for o in found.blocking_failures
            ]
            text = self.tr("El centro no puede abrir mientras siga así:") + "\n" + "\n".join(lines)
            colour = theme.DANGER
        elif found.incidents:
            text = self.tr(
                "Nada impide la apertura; abrirá con %n incidencias.", "", len(found.incidents)
            )
            colour = theme.WARNING
        else:
            text = self.tr("Nada impide la apertura.")
            colour = theme.OK
        self.blockers_line.setText(text)
        self.blockers_line.setStyleSheet(
            f"background: {colour}; color: {theme.PAPER}; font-size: 15px; font-weight: bold;"
            " padding: 6px 8px; border-radius: 4px;"
        )
        self.blockers_line.setVisible(True)

    def row(self, code: str) -> ChecklistRow:
        """The form's row of an item (tests; keyboard users Tab to it)."""
        for row in self.rows:
            if row.item["code"] == code:
                return row
        raise ValueError(f"item {code!r} is not in the checklist")

    def answer(self, code: str, result: str, note: str = "") -> None:
        """Set an item's result and note (tests, scripted training)."""
        row = self.row(code)
        row.result.setCurrentIndex(row.result.findData(result))
        row.note.setText(note)

    @Slot()
    def mark_pending_ok(self) -> None:
        """Conforme on every manual, non-blocking item still unverified."""
        for row in self.rows:
            pending = row.result.currentData() == "unknown"
            if row.prefill_result is None and not row.item.get("blocking") and pending:
                row.result.setCurrentIndex(row.result.findData("ok"))

    @Slot()
    def register_opening(self) -> None:
        """Send the checklist ("Registrar apertura")."""
        if not self.rows:
            return
        self.run_result.show_progress(self.tr("Registrando la apertura y verificando otra vez…"))
        note = self.run_note.text().strip() or None
        if not self.presenter.register_opening(answers_to_send(self.rows), note):
            self.run_result.clear_message()

    @Slot(str)
    def render_run_refusal(self, reason: str) -> None:
        """The server refused the run (e.g. a failed probe overruled without a note)."""
        self.run_result.show_error(reason)
        for row in self.rows:
            if row.needs_note:
                row.note.setFocus()
                self.form_area.ensureWidgetVisible(row.note)
                break

    @Slot(dict)
    def render_run(self, run: dict[str, Any]) -> None:
        """Say plainly what the run decided."""
        decision = run.get("decision")
        if decision == "blocked":
            reasons = "\n• ".join(run.get("blocking_reasons") or [])
            self.run_result.show_error(
                self.tr("El centro no abre hoy:")
                + f"\n• {reasons}\n"
                + self.tr(
                    "El resultado quedó registrado y en cola para informarse a la PCM. "
                    "Cuando se solucione, vuelva a verificar y registre la apertura otra vez: "
                    "el centro abrirá."
                )
            )
        elif decision == "open_with_incidents":
            incidents = "\n• ".join(run.get("incidents") or [])
            self.run_result.show_warning(
                self.tr("Apertura registrada: el centro atiende, con incidencias:")
                + f"\n• {incidents}"
            )
        else:
            self.run_result.show_info(self.tr("Apertura registrada: el centro atiende."))
        self.render_blockers()
        self.refresh_buttons()

    def _refresh_opening_buttons(self, can: bool, why: str | None) -> None:
        needs = self.presenter.needs_opening
        loading = self.presenter.loading_checklist
        ready = bool(self.rows) and not loading
        not_needed = self.tr("La apertura de hoy ya está registrada")
        self.open_button.set_allowed(
            can and needs and ready,
            why or (not_needed if not needs else self.tr("Espere la verificación automática")),
        )
        self.recheck_button.set_allowed(
            self.session.connected and needs and not loading, why or not_needed
        )
        for row in self.rows:
            row.result.setEnabled(needs)
            row.note.setEnabled(needs)
        self.run_note.setEnabled(needs)
        self.all_ok_button.set_allowed(needs and ready, not_needed)
