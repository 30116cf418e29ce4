"""The real ESC/POS connectors against a fake printer on a pty (serial, device file) and TCP."""

from __future__ import annotations

import socket
import time

import pytest

from macturnos.hardware.escpos_printer import EscposPrinter
from macturnos.hardware.printer import (
    PaperState,
    PrinterError,
    TicketPrinter,
    open_printer,
    render_ticket_escpos,
)
from macturnos.hardware.settings import PrinterSettings


def _wait_for(predicate, timeout=2.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


@pytest.fixture(params=["serial", "file"])
def pty_connector(request, pty_printer):
    """A printer opened through the serial or the device-file connector on a pty."""
    path, device = pty_printer
    if request.param == "serial":
        settings = PrinterSettings(connector="serial", serial_port=path, timeout_s=0.3)
    else:
        settings = PrinterSettings(connector="file", device_path=path, timeout_s=0.3)
    printer = open_printer(settings)
    assert isinstance(printer, EscposPrinter) and isinstance(printer, TicketPrinter)
    yield printer, device
    printer.close()


def test_status_over_the_line(pty_connector):
    printer, device = pty_connector
    status = printer.status()
    assert status.ready and status.paper is PaperState.OK
    assert device.requests == [1, 2, 4]
    device.state = "near_end"
    assert printer.status().paper is PaperState.NEAR_END


def test_ticket_bytes_arrive_exactly(pty_connector, make_ticket):
    printer, device = pty_connector
    ticket = make_ticket()
    printer.print_ticket(ticket)
    expected = render_ticket_escpos(ticket, 80, "TM-T20II")
    assert _wait_for(lambda: bytes(device.received) == expected)
    # Status before the ticket, and again behind it to confirm it arrived.
    assert device.requests == [1, 2, 4, 1, 2, 4]


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        ("paper_out", "La impresora no tiene papel"),
        ("cover_open", "La tapa de la impresora está abierta"),
        ("offline", "La impresora está fuera de línea"),
    ],
)
def test_known_fault_fails_at_once_without_sending_the_ticket(
    pty_connector, make_ticket, state, reason
):
    printer, device = pty_connector
    device.state = state
    with pytest.raises(PrinterError) as failed:
        printer.print_ticket(make_ticket())
    assert failed.value.reason == reason
    time.sleep(0.05)
    assert bytes(device.received) == b""


def test_silent_printer_is_unknown_within_the_timeout(pty_connector):
    printer, device = pty_connector
    device.state = "silent"
    status = printer.status()
    assert status.online is None and status.paper is PaperState.UNKNOWN and not status.ready
    assert status.reason == "La impresora no responde"


def test_garbage_replies_are_unknown(pty_connector):
    printer, device = pty_connector
    device.state = "garbage"
    status = printer.status()
    assert not status.ready
    assert status.reason == "Respuesta no válida de la impresora"


def test_printer_that_stops_answering_mid_ticket_is_not_confirmed(pty_connector, make_ticket):
    printer, device = pty_connector
    assert printer.status().ready

    original = device._write

    def answer_only_the_first_three(data, calls=[0]):  # noqa: B006 - a counter shared by calls
        calls[0] += 1
        if calls[0] <= 3:
            original(data)

    device._write = answer_only_the_first_three
    with pytest.raises(PrinterError) as failed:
        printer.print_ticket(make_ticket())
    assert failed.value.reason == "La impresora no aceptó el ticket a tiempo"


def test_stale_bytes_on_the_line_do_not_confuse_the_status(pty_printer):
    path, device = pty_printer
    printer = EscposPrinter(PrinterSettings(connector="serial", serial_port=path, timeout_s=0.3))
    assert printer.status().ready
    device._write(b"\x7e\x7e")  # unsolicited bytes, e.g. an automatic status frame
    time.sleep(0.05)
    assert printer.status().ready
    printer.close()


def test_network_printer(tcp_printer, make_ticket):
    port, device = tcp_printer
    printer = open_printer(
        PrinterSettings(connector="network", host="127.0.0.1", port=port, timeout_s=0.5)
    )
    assert printer.status().ready
    ticket = make_ticket(preferential="Adulto mayor")
    printer.print_ticket(ticket)
    expected = render_ticket_escpos(ticket, 80, "TM-T20II")
    assert _wait_for(lambda: bytes(device().received) == expected)
    device().state = "paper_out"
    with pytest.raises(PrinterError):
        printer.print_ticket(ticket)
    printer.close()


def test_unreachable_network_printer_is_unknown_and_print_fails(make_ticket):
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    # Nothing listens on that port any more: connection refused.
    printer = open_printer(
        PrinterSettings(connector="network", host="127.0.0.1", port=port, timeout_s=0.3)
    )
    status = printer.status()
    assert status.online is None and status.reason == "No se pudo conectar con la impresora"
    with pytest.raises(PrinterError) as failed:
        printer.print_ticket(make_ticket())
    assert failed.value.reason == "No se pudo conectar con la impresora"


def test_write_only_device_file_prints_without_status(tmp_path, make_ticket):
    target = tmp_path / "lp0"
    target.write_bytes(b"")
    printer = open_printer(
        PrinterSettings(connector="file", device_path=str(target), timeout_s=0.3)
    )
    status = printer.status()
    assert status.paper is PaperState.UNKNOWN and not status.ready
    first, second = make_ticket(), make_ticket(number="R-024")
    printer.print_ticket(first)  # no status channel: the accepted write is the confirmation
    printer.print_ticket(second)  # known one-way now: no more status requests
    printer.close()
    requests = b"\x10\x04\x01\x10\x04\x02\x10\x04\x04"
    assert target.read_bytes() == (
        requests  # status()
        + requests  # before the first ticket
        + render_ticket_escpos(first, 80, "TM-T20II")
        + render_ticket_escpos(second, 80, "TM-T20II")
    )


@pytest.mark.parametrize(
    ("connector", "field"),
    [
        ("usb", "usb_vendor_id"),
        ("serial", "serial_port"),
        ("network", "host"),
        ("file", "device_path"),
    ],
)
def test_missing_connection_settings_are_reported_in_spanish(connector, field):
    with pytest.raises(PrinterError) as failed:
        open_printer(PrinterSettings(connector=connector))
    assert field in failed.value.reason and "Falta" in failed.value.reason


def test_usb_printer_absent_is_unknown():
    printer = open_printer(
        PrinterSettings(connector="usb", usb_vendor_id=0x04B8, usb_product_id=0x0E15, timeout_s=0.3)
    )
    status = printer.status()
    assert not status.ready and status.online is None
    assert status.reason in (
        "Falta el soporte USB (pyusb/libusb) en este equipo",
        "No se pudo conectar con la impresora",
    )
