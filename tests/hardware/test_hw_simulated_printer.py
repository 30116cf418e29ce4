"""The simulated printer: PNG tickets, paper counting, faults, and a QR that staff can verify."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

import pytest
from PIL import Image

from macturnos.domain.errors import DomainError
from macturnos.domain.ticket_code import sign_ticket_code, verify_ticket_code
from macturnos.hardware.printer import (
    PaperState,
    PrinterError,
    SimulatedPrinter,
    TicketPrinter,
    open_printer,
)
from macturnos.hardware.settings import PrinterSettings

LIMA = timezone(timedelta(hours=-5))
SECRET = b"centro-mac-lima-norte-secret-0001"


def _printer(tmp_path, **settings) -> SimulatedPrinter:
    base = {"simulated_output_dir": str(tmp_path / "tickets"), "timeout_s": 0.3}
    base.update(settings)
    printer = open_printer(PrinterSettings(**base))
    assert isinstance(printer, SimulatedPrinter)
    assert isinstance(printer, TicketPrinter)
    return printer


def _decode_qr(path) -> list[str]:
    """Decode every QR code in a PNG with whichever decoder is installed."""
    with Image.open(path) as png:
        image = png.convert("L")
    try:
        import zxingcpp
    except ImportError:
        pass
    else:
        return [r.text for r in zxingcpp.read_barcodes(image)]
    try:
        from pyzbar import pyzbar
    except ImportError:
        pytest.skip("no QR decoder installed (zxing-cpp, or pyzbar with libzbar0)")
    return [r.data.decode("ascii") for r in pyzbar.decode(image)]


def _signed(number: str = "R-023") -> str:
    issued = datetime(2025, 3, 12, 10, 23, 45, tzinfo=LIMA)
    return sign_ticket_code(
        SECRET, centre="LIMA-NORTE", day=date(2025, 3, 12), number=number, issued_at=issued
    )


@pytest.mark.parametrize("width", [58, 80])
def test_png_is_a_ticket_with_a_large_number(tmp_path, make_ticket, width):
    printer = _printer(tmp_path, paper_width_mm=width)
    printer.print_ticket(make_ticket())
    assert len(printer.printed) == 1
    path = printer.printed[0]
    assert path.stat().st_size > 1000
    with Image.open(path) as png:
        assert png.format == "PNG"
        image = png.convert("L")
    assert abs(image.width - width * 203 / 25.4) <= 2  # the whole roll, margins included
    assert image.getextrema() == (0, 255)  # black print on white paper

    drawn = printer.last_ticket
    assert drawn is not None and drawn.cut
    number_line = next(line for line in drawn.lines if line.text == "R-023")
    body_heights = [line.height for line in drawn.lines if line.magnification == (1, 1)]
    assert number_line.height >= 5 * max(body_heights)
    # The number's band of the PNG really holds large dark glyphs.
    band = image.crop((0, number_line.top, image.width, number_line.top + number_line.height))
    bbox = band.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert bbox is not None
    assert bbox[3] - bbox[1] >= 0.6 * number_line.height
    assert bbox[2] - bbox[0] >= 0.5 * drawn.image.width * (0.6 if width == 58 else 0.5)


def test_png_shows_every_part_of_the_ticket(tmp_path, make_ticket):
    printer = _printer(tmp_path)
    printer.print_ticket(
        make_ticket(
            preferential="Persona con discapacidad", appointment="10:30", location="Planta 2"
        )
    )
    texts = [line.text for line in printer.last_ticket.lines]
    assert texts[0] == "Centro MAC Lima Norte"
    assert "RENIEC" in texts
    assert "Duplicado de DNI - trámite de rectificación" in texts
    assert " ATENCIÓN PREFERENTE: Persona con discapacidad " in texts
    assert "Con cita: 10:30" in texts
    assert "Lugar de atención: Planta 2" in texts
    assert "Fecha: 12/03/2025   Hora: 10:23" in texts
    assert "4 personas delante de usted" in texts
    assert "Tiempo de espera aproximado: 25 min" in texts
    assert "Espere su llamado en la pantalla" in texts


def test_paper_is_counted_and_runs_out(tmp_path, make_ticket):
    printer = _printer(tmp_path)
    start = printer.paper_left_mm
    printer.print_ticket(make_ticket())
    used = start - printer.paper_left_mm
    assert 80 < used < 250  # an 80 mm ticket is a hand's length
    assert printer.status().paper is PaperState.OK
    printer.refill(2.5 * used)  # a nearly finished roll: room for two more tickets
    assert printer.status().paper is PaperState.NEAR_END
    printer.print_ticket(make_ticket(number="R-023"))
    printer.print_ticket(make_ticket(number="R-024"))
    # The third ticket does not fit on what is left: torn, not confirmed.
    with pytest.raises(PrinterError) as failed:
        printer.print_ticket(make_ticket(number="R-025"))
    assert "papel" in failed.value.reason
    assert len(printer.printed) == 3
    status = printer.status()
    assert status.paper is PaperState.OUT and not status.ready
    printer.refill()
    printer.print_ticket(make_ticket(number="R-025"))
    assert [p.name for p in printer.printed][-1].endswith("R-025.png")


def test_out_of_paper_fails_at_once_and_prints_nothing(tmp_path, make_ticket):
    printer = _printer(tmp_path)
    printer.out_of_paper()
    with pytest.raises(PrinterError) as failed:
        printer.print_ticket(make_ticket())
    assert failed.value.reason == "La impresora no tiene papel"
    assert printer.printed == []


@pytest.mark.parametrize(
    ("fault", "reason", "online", "cover"),
    [
        ("go_offline", "La impresora está fuera de línea", False, False),
        ("open_cover", "La tapa de la impresora está abierta", False, True),
    ],
)
def test_faults_show_in_status_and_stop_printing(
    tmp_path, make_ticket, fault, reason, online, cover
):
    printer = _printer(tmp_path)
    assert printer.status().ready
    getattr(printer, fault)()
    status = printer.status()
    assert (status.online, status.cover_open, status.ready) == (online, cover, False)
    assert status.reason == reason
    with pytest.raises(PrinterError) as failed:
        printer.print_ticket(make_ticket())
    assert failed.value.reason == reason
    printer.go_online()
    printer.close_cover()
    printer.print_ticket(make_ticket())
    assert len(printer.printed) == 1


def test_slow_printer_within_timeout_answers(tmp_path, make_ticket):
    printer = _printer(tmp_path, timeout_s=0.5)
    printer.set_delay(0.1)
    started = time.monotonic()
    assert printer.status().ready
    # The delay was played (no upper limit: a loaded machine may take longer).
    assert time.monotonic() - started >= 0.1


def test_too_slow_printer_is_unknown_and_bounded(tmp_path, make_ticket):
    printer = _printer(tmp_path, timeout_s=0.2)
    printer.set_delay(5)
    # Bounded: an answer after the 5 s delay would say online; the timeout says unknown.
    status = printer.status()
    assert status.online is None and status.paper is PaperState.UNKNOWN and not status.ready
    with pytest.raises(PrinterError):
        printer.print_ticket(make_ticket())
    assert printer.printed == []


def test_qr_in_the_png_decodes_to_a_verifiable_code(tmp_path, make_ticket):
    code = _signed()
    printer = _printer(tmp_path)
    printer.print_ticket(make_ticket(qr_payload=code))
    found = _decode_qr(printer.printed[0])
    assert found == [code]
    genuine = verify_ticket_code(SECRET, found[0])
    assert (genuine.number, genuine.centre, genuine.day) == (
        "R-023",
        "LIMA-NORTE",
        date(2025, 3, 12),
    )


def test_raster_qr_of_58mm_printers_decodes_too(tmp_path, make_ticket):
    code = _signed("M-105")
    printer = _printer(tmp_path, paper_width_mm=58, profile="POS-5890")
    printer.print_ticket(make_ticket(number="M-105", qr_payload=code))
    found = _decode_qr(printer.printed[0])
    assert found == [code]
    assert verify_ticket_code(SECRET, found[0]).number == "M-105"


def test_tampered_code_is_rejected(tmp_path, make_ticket):
    code = _signed()
    printer = _printer(tmp_path)
    printer.print_ticket(make_ticket(qr_payload=code))
    # Without an image decoder the payload is read back from the QR command itself.
    assert printer.last_ticket.qr_payloads == [code]
    forged = code.replace(".R-023.", ".R-003.")
    with pytest.raises(DomainError):
        verify_ticket_code(SECRET, forged)
    with pytest.raises(DomainError):
        verify_ticket_code(b"another-centre-secret-0000", code)


def test_logo_from_settings_is_printed(tmp_path, make_ticket):
    logo = tmp_path / "logo.png"
    Image.new("L", (200, 60), 0).save(logo)
    printer = _printer(tmp_path, logo_path=str(logo))
    printer.print_ticket(make_ticket())
    assert printer.last_bytes is not None and b"\x1dv0\x00" in printer.last_bytes
    first_text = printer.last_ticket.lines[0]
    assert first_text.top > 60  # the logo sits above the centre's name


def test_unknown_profile_is_refused(tmp_path):
    with pytest.raises(PrinterError) as failed:
        _printer(tmp_path, profile="no-such-printer")
    assert "no-such-printer" in failed.value.reason


@pytest.mark.parametrize(
    ("profile", "width"),
    [
        ("TM-T20II", 80),
        ("TM-T20II", 58),
        ("TM-T20II-42col", 80),
        ("TM-T88IV", 80),
        ("TM-T88V", 80),
        ("TM-P80", 80),
        ("RP326", 80),
        ("KR-306", 80),
        ("P822D", 80),
        ("Sunmi-V2", 58),
        ("POS-5890", 58),
        ("NT-5890K", 58),
        ("ZJ-5870", 58),
    ],
)
def test_every_documented_profile_prints_a_whole_ticket(tmp_path, make_ticket, profile, width):
    printer = _printer(tmp_path, profile=profile, paper_width_mm=width)
    printer.print_ticket(make_ticket(service_name="Inscripción de nacimiento, ¿duplicado?"))
    drawn = printer.last_ticket
    texts = [line.text for line in drawn.lines]
    assert "R-023" in texts
    # Lines wrap between words (by the layout), never mid-word (by the printer).
    words = {word for t in texts for word in t.split()}
    assert {"Inscripción", "nacimiento,", "¿duplicado?"} <= words


@pytest.mark.parametrize("width", [58, 80])
def test_the_qr_of_a_tickets_page_reads_back_whole(tmp_path, make_ticket, width):
    """Issue 20: the QR holds the follow-your-turn address, longer than the bare code."""
    address = f"http://192.168.10.2:8471/t/{_signed()}?l=qu"
    printer = _printer(tmp_path, paper_width_mm=width)
    printer.print_ticket(make_ticket(qr_payload=address))
    assert _decode_qr(printer.printed[0]) == [address]
