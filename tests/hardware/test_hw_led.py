"""LED module displays: the line protocol, the serial driver over a real pty, the simulator."""

from __future__ import annotations

import os
import select
import time
import tty

import pytest

from macturnos.hardware.led import (
    LedDisplayError,
    ModuleDisplay,
    SerialLedDisplay,
    SimulatedLedDisplay,
    decode_frame,
    encode_frame,
    open_led_display,
)
from macturnos.hardware.led_emulator import PtyLedPanel
from macturnos.hardware.settings import LedDisplaySettings


def _settings(port: str, address: int = 1, timeout_s: float = 0.3) -> LedDisplaySettings:
    return LedDisplaySettings(connector="serial", port=port, address=address, timeout_s=timeout_s)


@pytest.fixture
def panel():
    with PtyLedPanel(address=7) as p:
        yield p


@pytest.fixture
def display(panel):
    d = open_led_display(_settings(panel.port, address=7))
    assert isinstance(d, SerialLedDisplay) and isinstance(d, ModuleDisplay)
    yield d
    d.close()


def test_frames_are_the_documented_bytes():
    # The checksum is the XOR of "07,SHOW,R-023,12", worked out by hand in docs/hardware.md.
    assert encode_frame(7, "SHOW", "R-023", "12") == b"$07,SHOW,R-023,12*65\r\n"
    assert encode_frame(1, "PING") == b"$01,PING*3D\r\n"
    assert encode_frame(1, "ACK") == b"$01,ACK*64\r\n"


def test_frames_decode_and_bad_checksums_are_refused():
    frame = decode_frame(b"$07,SHOW,R-023,12*65\r\n")
    assert frame is not None and (frame.address, frame.command, frame.args) == (
        7,
        "SHOW",
        ("R-023", "12"),
    )
    assert decode_frame(b"$07,SHOW,R-023,12*64\r\n") is None
    assert decode_frame(b"07,SHOW*00\r\n") is None
    assert decode_frame(b"$\xff\xfe*00\r\n") is None
    assert decode_frame(b"$7,PING*" + b"\r\n") is None


def test_show_blink_clear_over_a_pty(panel, display):
    display.show("r-023", 12)
    display.blink(2)
    assert panel.current == ("R-023", 12) and panel.blinks == 2
    display.clear()
    assert panel.current is None
    assert bytes(panel.received) == (
        b"$07,SHOW,R-023,12*65\r\n" + encode_frame(7, "BLINK", "2") + encode_frame(7, "CLEAR")
    )


def test_present_only_when_the_display_answers(panel, display):
    assert display.present()
    panel.answering = False
    assert not display.present()
    with pytest.raises(LedDisplayError) as failed:
        display.show("R-024", 3)
    assert failed.value.reason == "La pantalla LED del módulo no responde"
    panel.answering = True
    assert display.present()


def test_other_addresses_and_echo_on_the_bus_are_ignored(panel):
    # A second display on the same RS-485 bus, address 8, is absent.
    other = SerialLedDisplay(_settings(panel.port, address=8))
    assert not other.present()
    other.close()
    # An adapter that echoes our own frame back must not be read as the reply.
    panel.answering = False
    echoing = SerialLedDisplay(_settings(panel.port, address=7))
    panel.send_raw(encode_frame(7, "PING"))  # stale echo waiting in the buffer is dropped
    assert not echoing.present()
    echoing.close()


def test_nak_is_reported(panel, display):
    with pytest.raises(LedDisplayError) as failed:
        display._order("DANCE")
    assert "rechazó" in failed.value.reason and "CMD" in failed.value.reason


def test_invalid_texts_never_reach_the_line(panel, display):
    for bad in ("R 023", "", "ÑU-001", "R-0231234567890", "R-023*"):
        with pytest.raises(LedDisplayError):
            display.show(bad, 1)
    with pytest.raises(LedDisplayError):
        display.show("R-023", 0)
    with pytest.raises(LedDisplayError):
        display.blink(0)
    time.sleep(0.05)
    assert bytes(panel.received) == b""


def test_raw_bytes_read_back_from_the_master_side():
    """Without the emulator: read what the driver writes straight from the pty master."""
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        display = SerialLedDisplay(_settings(os.ttyname(slave), address=12, timeout_s=0.2))
        with pytest.raises(LedDisplayError):
            display.show("A-100", 4)  # nobody acknowledges
        readable, _, _ = select.select([master], [], [], 1)
        assert readable
        assert os.read(master, 256) == encode_frame(12, "SHOW", "A-100", "4")
        display.close()
    finally:
        os.close(master)
        os.close(slave)


def test_missing_port_cannot_be_opened():
    display = SerialLedDisplay(_settings("/dev/nonexistent-led-port"))
    assert not display.present()
    with pytest.raises(LedDisplayError) as failed:
        display.clear()
    assert failed.value.reason == "No se pudo abrir el puerto de la pantalla LED"


def test_serial_settings_without_port_are_refused():
    with pytest.raises(LedDisplayError):
        open_led_display(LedDisplaySettings(connector="serial"))


def test_simulated_display_records_and_can_be_unplugged():
    display = open_led_display(LedDisplaySettings())
    assert isinstance(display, SimulatedLedDisplay) and isinstance(display, ModuleDisplay)
    display.show("m-105", 3)
    display.blink()
    assert display.current == ("M-105", 3) and display.blinks == 3
    assert display.shown == [("M-105", 3)]
    display.unplug()
    assert not display.present()
    with pytest.raises(LedDisplayError):
        display.show("M-106", 3)
    display.plug()
    assert display.present() and display.current is None
    display.clear()
