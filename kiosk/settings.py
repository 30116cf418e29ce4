"""The kiosk's local settings: its data folder, staff PIN and idle timeouts (no Qt)."""

from __future__ import annotations

import json
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from macturnos.client.credentials import default_data_dir

log = logging.getLogger("macturnos.kiosk.settings")

SETTINGS_FILE = "kiosk-settings.json"
MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 12
PRINTER_FAILURE_POLICIES = ("on_screen", "out_of_service")
"""What the kiosk does while its printer is not known to work (see KioskSettings)."""

PrinterFailure = Literal["on_screen", "out_of_service"]


class SettingsError(ValueError):
    """The local settings file cannot be used (the message says why, in English for the log)."""


def valid_pin(pin: str) -> bool:
    """Whether a staff PIN has the accepted form: 4 to 12 digits."""
    return pin.isdigit() and pin.isascii() and MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS


@dataclass(frozen=True)
class KioskSettings:
    """What one kiosk keeps on its own disk, beside its token."""

    data_dir: Path
    staff_pin: str | None = None
    """Digits that open the staff menu; None disables the menu (there is no default)."""
    idle_timeout_s: float = 45.0
    """Seconds without a touch before any screen goes back to the welcome screen."""
    confirmation_timeout_s: float = 12.0
    """Seconds the "take your ticket" screen stays."""
    on_screen_timeout_s: float = 60.0
    """Seconds a ticket shown on screen (printer failed) stays, so the citizen can note it;
    a ticket not confirmed ("Anoté mi número") by then is cancelled (print_failed)."""
    printer_poll_s: float = 5.0
    """Seconds between printer status readings."""
    printer_failure: PrinterFailure = "on_screen"
    """While the printer is not known to work: "on_screen" keeps issuing tickets shown
    on screen (the citizen confirms having noted the number), "out_of_service" stops
    issuing and sends citizens to reception until the printer works again."""
    tickets_dir: Path | None = None
    """Where the simulated printer writes its PNG tickets when the centre file says nothing."""

    @property
    def journal_path(self) -> Path:
        """The file of tickets issued but not yet printed."""
        return self.data_dir / "kiosk-pending.json"

    @property
    def simulated_tickets_dir(self) -> Path:
        """The simulated printer's output folder used when the centre file sets none."""
        return self.tickets_dir or self.data_dir / "tickets"


def kiosk_data_dir(data_dir: str | Path | None, device: str | None) -> Path:
    """The kiosk's own folder: --data-dir, else the client data folder's kiosk-<code>."""
    if data_dir is not None:
        return Path(data_dir)
    return default_data_dir() / f"kiosk-{device or 'default'}"


def _number(data: dict[str, Any], key: str, default: float, low: float, high: float) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise SettingsError(f"{key} must be a number between {low} and {high}")
    return float(value)


def load_settings(data_dir: Path, staff_pin: str | None = None) -> KioskSettings:
    """Read `<data_dir>/kiosk-settings.json` (optional); a --staff-pin overrides its PIN."""
    path = data_dir / SETTINGS_FILE
    data: dict[str, Any] = {}
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            # The PIN is a secret of the staff: keep the file private.
            log.warning("%s was readable by others; mode reset to 0600", path)
            os.chmod(path, 0o600)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise SettingsError(f"{path} is not valid JSON: {err}") from err
        if not isinstance(data, dict):
            raise SettingsError(f"{path} must hold a JSON object")
    pin = staff_pin if staff_pin is not None else data.get("staff_pin")
    if pin is not None:
        pin = str(pin)
        if not valid_pin(pin):
            raise SettingsError("the staff PIN must have 4 to 12 digits")
    tickets_dir = data.get("tickets_dir")
    policy = data.get("printer_failure", "on_screen")
    if policy not in PRINTER_FAILURE_POLICIES:
        raise SettingsError(f"printer_failure must be one of {', '.join(PRINTER_FAILURE_POLICIES)}")
    return KioskSettings(
        data_dir=data_dir,
        staff_pin=pin,
        idle_timeout_s=_number(data, "idle_timeout_s", 45.0, 5, 600),
        confirmation_timeout_s=_number(data, "confirmation_timeout_s", 12.0, 3, 120),
        on_screen_timeout_s=_number(data, "on_screen_timeout_s", 60.0, 10, 600),
        printer_poll_s=_number(data, "printer_poll_s", 5.0, 1, 60),
        printer_failure=policy,
        tickets_dir=Path(tickets_dir) if tickets_dir else None,
    )
