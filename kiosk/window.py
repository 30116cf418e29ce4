"""The kiosk's window: screens, navigation, languages, idle timeout (its frame: `frame.py`)."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
)

from macturnos.client.ui.app import Translations
from macturnos.kiosk.controller import IssueOutcome, KioskController
from macturnos.kiosk.frame import LANGUAGE_NAMES, KioskFrame
from macturnos.kiosk.screens import (
    Screen,
)

log = logging.getLogger("macturnos.kiosk.window")

STAFF_TAPS = 5
STAFF_TAPS_WITHIN_S = 4.0
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class KioskWindow(KioskFrame):
    """The kiosk's only window: full screen, frameless and on top unless `windowed`."""

    homeShown = Signal()  # noqa: N815 - Qt's naming
    screenChanged = Signal(str)  # noqa: N815

    def __init__(
        self,
        controller: KioskController,
        translations: Translations | None = None,
        *,
        windowed: bool = False,
        server_url: str = "",
    ) -> None:
        super().__init__(controller, windowed=windowed, server_url=server_url)
        self.translations = translations
        self.language = "es"
        self._taps: list[float] = []
        self._history: list[Screen] = []
        self._chosen_service: str | None = None
        self._origin: Screen | None = None  # where the citizen tapped before "busy"
        self._start_timers()
        self._connect_screens()
        self._follow_controller(controller)
        self.set_language("es")
        self.show_screen(self.out_of_service, remember=False)

    def _start_timers(self) -> None:
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self._idle_timeout)
        self._refresh_soon = QTimer(self)
        self._refresh_soon.setSingleShot(True)
        self._refresh_soon.setInterval(300)  # many events in a burst: one redraw
        self._refresh_soon.timeout.connect(self._refresh_live)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # any touch anywhere restarts the idle timeout

    def _connect_screens(self) -> None:
        self.home.entityChosen.connect(self._entity_chosen)
        self.home.searchChosen.connect(self._search_chosen)
        self.home.appointmentChosen.connect(self._appointment_chosen)
        self.services.serviceChosen.connect(self._service_chosen)
        self.services.unavailableChosen.connect(self._unavailable_chosen)
        self.search.serviceChosen.connect(self._service_chosen)
        self.search.unavailableChosen.connect(self._unavailable_chosen)
        self.preferential.chosen.connect(self._category_chosen)
        self.ticket.done.connect(self._ticket_done)
        self.message.done.connect(self.go_home)
        self.message.appointmentChosen.connect(self._appointment_chosen)
        self.appointment.submitted.connect(self._appointment_submitted)
        self.pin.entered.connect(self._pin_entered)
        self.pin.cancelled.connect(self.go_home)
        self.staff.reprint.connect(self._reprint)
        self.staff.leaveFullScreen.connect(self.leave_full_screen)
        self.staff.quitApp.connect(self.quit_kiosk)
        self.staff.back.connect(self.go_home)

    def _follow_controller(self, c: KioskController) -> None:
        c.linkChanged.connect(self._link_changed)
        c.catalogueChanged.connect(self._catalogue_changed)
        c.availabilityChanged.connect(self._refresh_soon.start)
        c.printerChanged.connect(lambda _status: self._refresh_soon.start())
        c.busyChanged.connect(self._busy_changed)
        c.issued.connect(self._issued)
        c.refused.connect(self._refused)
        c.reprinted.connect(self._reprinted)
        c.bridge.snapshotReady.connect(self._follow_server_clock)

    # --- showing -------------------------------------------------------------------

    def current(self) -> Screen:
        """The screen on show."""
        screen = self.stack.currentWidget()
        assert isinstance(screen, Screen)
        return screen

    def current_name(self) -> str:
        """The name of the screen on show (tests, logs)."""
        return next(n for n, s in self.screens.items() if s is self.current())

    def show_screen(self, screen: Screen, *, remember: bool = True) -> None:
        """Put a screen on show, refreshed, with its idle timeout and footer."""
        previous = self.current() if self.stack.count() and self.stack.currentWidget() else None
        if remember and previous is not None and previous is not screen and previous.citizen:
            self._history.append(previous)
        if previous is self.appointment and screen not in (self.appointment, self.busy):
            self.appointment.clear()  # the DNI leaves memory with the screen
        if previous is self.message and screen not in (self.appointment, self.message):
            self.appointment.clear()  # kept only to correct it after a refusal
        screen.language = self.language
        screen.refresh()
        self.stack.setCurrentWidget(screen)
        self.footer.setVisible(screen.citizen)
        self.back_button.setVisible(
            screen.citizen and screen is not self.home and screen is not self.ticket
        )
        # An on-screen ticket leaves only by "Anoté mi número" (kept) or the timeout
        # (cancelled): a tap on "Inicio" must not decide for the citizen.
        on_screen_ticket = screen is self.ticket and screen.idle == "on_screen"
        self.home_button.setVisible(
            screen.citizen and screen is not self.home and not on_screen_ticket
        )
        self._restart_idle()
        name = self.current_name()
        self.screenChanged.emit(name)
        if screen is self.home:
            self.homeShown.emit()

    def go_home(self, *, next_citizen: bool = False) -> None:
        """Back to the welcome screen, everything cleared.

        The language goes back to the kiosk's first one only for the next citizen
        (idle timeout, ticket taken): "Inicio" mid-session keeps the citizen's choice.
        """
        self._history.clear()
        self._chosen_service = None
        self._origin = None
        self.search.query = ""
        self.appointment.clear()
        self.pin.clear()
        default = self.ctl.catalogue.languages[0] if self.ctl.catalogue else "es"
        if next_citizen and self.language != default:
            self.set_language(default)
        if not self.ctl.usable or self.ctl.printer_blocks:
            self.out_of_service.starting = self.ctl.catalogue is None
            self.out_of_service.printer = self.ctl.usable and self.ctl.printer_blocks
            self.show_screen(self.out_of_service, remember=False)
            return
        self.show_screen(self.home, remember=False)

    def go_back(self) -> None:
        """One screen back (home when there is none)."""
        if self._history:
            self.show_screen(self._history.pop(), remember=False)
        else:
            self.go_home()

    def set_language(self, language: str) -> None:
        """Switch every text to `language` (es, qu, en)."""
        if self.translations is not None and not self.translations.use(language):
            log.warning("language %s unavailable; staying in Spanish", language)
            self.translations.use("es")
            language = "es"
        self.language = language
        self.ctl.language = language  # the ticket is printed in the citizen's language
        self.home_button.setText(self.tr("Inicio"))
        self.back_button.setText(self.tr("Volver"))
        offered = self.ctl.catalogue.languages if self.ctl.catalogue else tuple(LANGUAGE_NAMES)
        for code, button in self.language_buttons.items():
            button.setVisible(code in offered and len(offered) > 1)
            # Selected, not greyed: a disabled look says "unavailable" to the citizen.
            button.setChecked(code == language)
        if self.stack.count():
            screen = self.current()
            screen.language = language
            screen.refresh()
        self._restart_idle()

    # --- idle and staff gesture ------------------------------------------------------

    def _restart_idle(self) -> None:
        screen = self.current() if self.stack.count() else None
        seconds = {
            "normal": self.ctl.settings.idle_timeout_s,
            "confirmation": self.ctl.settings.confirmation_timeout_s,
            "on_screen": self.ctl.settings.on_screen_timeout_s,
        }.get(screen.idle if screen else "none")
        if seconds is None:
            self.idle_timer.stop()
        else:
            self.idle_timer.start(int(seconds * 1000))

    def _idle_timeout(self) -> None:
        if self.ctl.busy:
            return
        log.info("idle on %s: back to the welcome screen", self.current_name())
        outcome = self.ticket.outcome
        if self.current() is self.ticket and outcome is not None and not outcome.printed:
            # Nobody confirmed noting the number: no ghost ticket may be called.
            self.ctl.abandon(outcome)
        self.go_home(next_citizen=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Any touch restarts the idle timeout; taps on the clock open the staff menu."""
        if event.type() in _INPUT_EVENTS and self.idle_timer.isActive():
            self._restart_idle()
        if watched is self.clock and event.type() == QEvent.Type.MouseButtonPress:
            self.clock_tapped()
        return False

    def clock_tapped(self) -> None:
        """One tap on the clock; the fifth within four seconds asks for the staff PIN."""
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t < STAFF_TAPS_WITHIN_S] + [now]
        if len(self._taps) >= STAFF_TAPS and self.ctl.pin_configured and not self.ctl.busy:
            self._taps.clear()
            self.pin.clear()
            # Staff take over: the citizen's session (and language choice) is over.
            default = self.ctl.catalogue.languages[0] if self.ctl.catalogue else "es"
            if self.language != default:
                self.set_language(default)
            self.show_screen(self.pin, remember=False)

    def _pin_entered(self, pin: str) -> None:
        if self.ctl.check_pin(pin):
            self.pin.clear()
            self.staff.cancel_ask()
            self.show_screen(self.staff, remember=False)
            self.ctl.poll_printer()
            return
        locked = self.ctl.pin_locked_for()
        self.pin.clear(
            self.tr("PIN bloqueado por %n segundos", "", locked)
            if locked
            else self.tr("PIN incorrecto")
        )

    def _ticket_done(self) -> None:
        """ "Listo" or "Anoté mi número": the ticket is the citizen's; the next one starts."""
        outcome = self.ticket.outcome
        if outcome is not None and not outcome.printed:
            self.ctl.confirm_taken(outcome)
        self.go_home(next_citizen=True)

    # --- the controller's news ------------------------------------------------------------

    def _link_changed(self, usable: bool) -> None:
        current = self.current()
        if current in (self.pin, self.staff):
            self.staff.refresh()
            return
        if usable:
            if current is self.out_of_service:
                self.go_home(next_citizen=True)
        elif current is not self.ticket:
            # A ticket on screen stays: its citizen needs the number more than the news.
            self.out_of_service.starting = False
            self._history.clear()
            self.show_screen(self.out_of_service, remember=False)

    def _catalogue_changed(self) -> None:
        cat = self.ctl.catalogue
        if cat is None:
            return
        self.centre.setText(cat.centre_name)
        self.clock.tz = cat.timezone
        self.clock.refresh()
        self.set_language(self.language if self.language in cat.languages else cat.languages[0])
        self._refresh_live()

    def _follow_server_clock(self) -> None:
        now = self.ctl.bridge.state.now
        if now is not None:
            self.clock.follow_server(now)

    def _refresh_live(self) -> None:
        screen = self.current()
        if screen in (self.home, self.services, self.search, self.staff):
            screen.refresh()
        self._follow_printer_policy()

    def _follow_printer_policy(self) -> None:
        """With the "out_of_service" policy, no citizen starts while the printer fails."""
        screen = self.current()
        if not self.ctl.usable:
            return
        if self.ctl.printer_blocks:
            if screen.citizen and screen is not self.ticket:
                log.warning("printer not working: kiosk out of service (printer_failure policy)")
                self.go_home(next_citizen=True)
        elif screen is self.out_of_service and self.out_of_service.printer:
            log.info("printer working again: kiosk back in service")
            self.go_home(next_citizen=True)

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            current = self.current()
            self._origin = current if current.citizen else None
            self.show_screen(self.busy, remember=False)

    def _issued(self, outcome: IssueOutcome) -> None:
        self._history.clear()
        self._origin = None
        self.appointment.clear()  # checked in: the DNI is no longer needed
        self.ticket.show_outcome(outcome)
        self.show_screen(self.ticket, remember=False)

    def _refused(self, code: str, reason: str) -> None:
        origin, self._origin = self._origin, None
        if code == "SERVER_UNREACHABLE" and not self.ctl.usable:
            self._link_changed(False)
            return
        if origin is not None:
            # "Volver" goes back to the step the citizen came from, with what was
            # typed (a mistyped DNI is corrected, not typed again).
            self._history.append(origin)
        self.message.show_message(code, reason)
        self.show_screen(self.message, remember=False)

    def _reprint(self) -> None:
        self.staff.feedback = self.tr("Reimprimiendo…")
        self.staff.refresh()
        self.ctl.reprint()

    def _reprinted(self, ok: bool, reason: str) -> None:
        if ok:
            self.staff.feedback = self.tr("Ticket reimpreso.")
        elif reason:
            self.staff.feedback = self.tr("No se pudo reimprimir: {motivo}").format(motivo=reason)
        else:
            self.staff.feedback = self.tr("Todavía no se imprimió ningún ticket.")
        self.staff.refresh()

    # --- the citizen's choices ----------------------------------------------------------------

    def _entity_chosen(self, entity: str) -> None:
        self.services.show_entity(entity)
        self.show_screen(self.services)

    def _search_chosen(self) -> None:
        self.search.query = ""
        self.show_screen(self.search)

    def _appointment_chosen(self) -> None:
        self.appointment.clear()
        self.show_screen(self.appointment)

    def _service_chosen(self, service: str) -> None:
        self._chosen_service = service
        if self.ctl.catalogue is not None and self.ctl.catalogue.categories:
            self.preferential.show_service(service)
            self.show_screen(self.preferential)
        else:
            self.ctl.issue(service, None)

    def _unavailable_chosen(self, service: str) -> None:
        av = self.ctl.availability(service)
        self.message.show_message(av.code or "", av.reason or "")
        self.show_screen(self.message)

    def _category_chosen(self, category: str | None) -> None:
        if self._chosen_service is not None:
            self.ctl.issue(self._chosen_service, category, self.preferential.assistance)

    def _appointment_submitted(self, mode: str, value: str) -> None:
        if mode == "dni":
            self.ctl.check_in(dni=value)
        else:
            self.ctl.check_in(code=value)
