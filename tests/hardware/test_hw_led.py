"""LED module displays: the line protocol, the serial driver over a real pty, the simulator."""

from __future__ import annotations

import os
import select
import threading
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
    open_led_displays,
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


# --- an RS-485 chain: several displays on one line ------------------------------


@pytest.fixture
def chain():
    with PtyLedPanel(address=2, chain=[3, 4]) as p:
        yield p


def test_displays_of_a_chain_share_one_bus(chain):
    displays = open_led_displays(
        {12: _settings(chain.port, address=2), 13: _settings(chain.port, address=3)}
    )
    first, second = displays[12], displays[13]
    assert isinstance(first, SerialLedDisplay) and isinstance(second, SerialLedDisplay)
    assert first.bus is second.bus
    first.show("R-001", 12)
    second.show("B-002", 13)
    assert chain.showing(2) == ("R-001", 12) and chain.showing(3) == ("B-002", 13)
    assert chain.showing(4) is None
    assert bytes(chain.received) == (
        encode_frame(2, "SHOW", "R-001", "12") + encode_frame(3, "SHOW", "B-002", "13")
    )
    chain.silent.add(3)
    assert first.present() and not second.present()
    first.close()


def test_orders_from_many_threads_never_cross_on_a_shared_line(chain):
    # Two handles on one tty would read each other's acknowledgements; one bus cannot.
    displays = open_led_displays(
        {m: _settings(chain.port, address=m, timeout_s=2) for m in (2, 3, 4)}
    )
    failures: list[BaseException] = []

    def work(module: int) -> None:
        try:
            for n in range(15):
                displays[module].show(f"A-{n:03d}", module)
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(m,)) for m in displays]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    assert [chain.showing(m) for m in (2, 3, 4)] == [("A-014", 2), ("A-014", 3), ("A-014", 4)]
    displays[2].close()


def test_displays_that_cannot_share_a_line_are_refused(chain):
    with pytest.raises(LedDisplayError) as taken:
        open_led_displays({5: _settings(chain.port, address=2), 6: _settings(chain.port, 2)})
    assert taken.value.reason == (
        f"Dos pantallas LED del puerto {chain.port} usan la dirección 2 (una es la del módulo 5)"
    )
    slow = LedDisplaySettings(connector="serial", port=chain.port, address=3, baudrate=4800)
    with pytest.raises(LedDisplayError) as speeds:
        open_led_displays({5: _settings(chain.port, address=2), 6: slow})
    assert speeds.value.reason == (
        f"Las pantallas LED del puerto {chain.port} tienen velocidades distintas"
    )
