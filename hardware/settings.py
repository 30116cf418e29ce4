"""Declared settings of the centre's devices (printers, LED displays, UPS).

These pydantic models are the contract between the centre's configuration file
(`macturnos.config`) and the drivers in this package. Unknown keys are errors.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PrinterSettings(_Strict):
    """A kiosk's or reception desk's ESC/POS ticket printer."""

    connector: Literal["simulated", "usb", "serial", "network", "file"] = "simulated"
    """How the printer is reached; `simulated` renders tickets to PNG files."""
    profile: str = "TM-T20II"
    """python-escpos capability profile name (see docs/hardware.md)."""
    paper_width_mm: Literal[58, 80] = 80
    """Roll width in millimetres."""
    usb_vendor_id: int | None = None
    """USB vendor id (connector `usb`), e.g. 0x04b8 for Epson."""
    usb_product_id: int | None = None
    """USB product id (connector `usb`)."""
    serial_port: str | None = None
    """Serial device (connector `serial`), e.g. /dev/ttyUSB0."""
    baudrate: int = 38400
    """Serial speed in bit/s (connector `serial`)."""
    host: str | None = None
    """Address of a network printer (connector `network`)."""
    port: int = Field(9100, ge=1, le=65535)
    """TCP port of a network printer (connector `network`)."""
    device_path: str | None = None
    """Device file (connector `file`), e.g. /dev/usb/lp0."""
    timeout_s: float = Field(2.0, gt=0, le=30)
    """Bound for every status query and write, in seconds."""
    logo_path: str | None = None
    """Optional logo image printed at the top of the ticket."""
    simulated_output_dir: str | None = None
    """Folder where the simulated printer writes its PNG tickets."""
    simulated_paper_mm: int = Field(50_000, ge=0)
    """Paper on a fresh simulated roll, in millimetres."""


class LedDisplaySettings(_Strict):
    """A small LED display hung over one attention module."""

    connector: Literal["serial", "simulated"] = "simulated"
    """`serial` speaks the ASCII line protocol of docs/hardware.md over RS-232/RS-485."""
    port: str | None = None
    """Serial device, e.g. /dev/ttyUSB1 (connector `serial`)."""
    baudrate: int = 9600
    """Serial speed in bit/s."""
    address: int = Field(1, ge=1, le=99)
    """Bus address of the display (RS-485 lines carry several)."""
    timeout_s: float = Field(1.0, gt=0, le=10)
    """Bound for every write and acknowledgement read, in seconds."""
    agent: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]{1,40}$")
    """Device code of the LED agent (`macturnos led`) that drives it; null means
    `LED-<module number>`, the agent on that module's own PC. Give the displays of
    one RS-485 chain the same agent (and port)."""


class UpsSettings(_Strict):
    """A UPS monitored through Network UPS Tools."""

    name: str = "ups@localhost"
    """NUT identifier passed to `upsc`."""
    upsc_path: str = "upsc"
    """The `upsc` program."""
    timeout_s: float = Field(3.0, gt=0, le=30)
    """Bound for the query, in seconds."""
