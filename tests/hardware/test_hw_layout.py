"""Golden bytes of the ticket on 58 mm and 80 mm paper, and the rules of its layout."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from macturnos.hardware.escpos_layout import (
    LayoutError,
    encode_text,
    number_magnification,
    paper_geometry,
    spanish_code_page,
)
from macturnos.hardware.printer import render_ticket_escpos

GOLDEN = Path(__file__).parent / "golden"
# Set MACTURNOS_UPDATE_GOLDEN=1 to rewrite the files after a deliberate layout change,
# then look at the simulated PNGs before committing them.
UPDATE = os.environ.get("MACTURNOS_UPDATE_GOLDEN") == "1"


def _logo(path: Path) -> str:
    image = Image.new("RGBA", (96, 32), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 95, 31), outline=(200, 0, 0, 255), width=3)
    draw.rectangle((12, 8, 40, 23), fill=(0, 0, 0, 255))
    draw.ellipse((56, 6, 82, 26), fill=(20, 60, 160, 255))
    image.save(path)
    return str(path)


def _as_hex(data: bytes) -> str:
    return "\n".join(data[i : i + 32].hex(" ") for i in range(0, len(data), 32)) + "\n"


def _check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / f"{name}.hex"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(_as_hex(data))
    assert path.exists(), f"golden file {path.name} missing (run with MACTURNOS_UPDATE_GOLDEN=1)"
    assert _as_hex(data) == path.read_text()


def test_golden_80mm_with_logo_preferential_and_appointment(make_ticket, tmp_path):
    ticket = make_ticket(
        preferential="Adulto mayor",
        appointment="10:30",
        logo_path=_logo(tmp_path / "logo.png"),
        location="Planta 1 - Ala A",
    )
    _check_golden("ticket_80mm_tm-t20ii", render_ticket_escpos(ticket, 80, "TM-T20II"))


def test_golden_80mm_in_quechua_with_spanish_beside(make_ticket):
    ticket = make_ticket(language="qu", preferential="Adulto mayor", location="Planta 2")
    _check_golden("ticket_80mm_tm-t20ii_qu", render_ticket_escpos(ticket, 80, "TM-T20II"))


def test_golden_58mm_native_qr(make_ticket):
    ticket = make_ticket(centre_name="Centro MAC Piura", estimated_wait_min=None, people_ahead=1)
    _check_golden("ticket_58mm_sunmi-v2", render_ticket_escpos(ticket, 58, "Sunmi-V2"))


def test_golden_58mm_raster_qr_without_cutter(make_ticket):
    ticket = make_ticket(number="M-105", entity_name="Migraciones", people_ahead=0)
    _check_golden("ticket_58mm_pos-5890", render_ticket_escpos(ticket, 58, "POS-5890"))


def test_ticket_starts_with_reset_then_one_code_page_and_ends_with_cut(make_ticket):
    data = render_ticket_escpos(make_ticket(), 80, "TM-T20II")
    assert data.startswith(b"\x1b@\x1bt\x13")  # ESC @, then ESC t 19 = CP858 on Epson
    assert data.count(b"\x1bt") == 1
    assert data.endswith(b"\x1dVA\x03")


def test_58mm_lines_are_narrower_than_80mm(make_ticket):
    ticket = make_ticket()
    wide = render_ticket_escpos(ticket, 80, "TM-T20II")
    narrow = render_ticket_escpos(ticket, 58, "TM-T20II")
    assert b"-" * 48 + b"\n" in wide
    assert b"-" * 32 + b"\n" in narrow and b"-" * 33 not in narrow


def test_spanish_characters_are_cp858_bytes(make_ticket):
    ticket = make_ticket(
        service_name="¿Señal? ¡Ñandú! áéíóú ÁÉÍÓÚ ü",
        entity_name="Superintendencia de Migraciones",
    )
    data = render_ticket_escpos(ticket, 80, "TM-T20II")
    expected = "¿Señal? ¡Ñandú! áéíóú ÁÉÍÓÚ ü".encode("cp858")
    assert expected in data
    assert bytes([0xA8, 0x53, 0x65, 0xA4]) in data  # "¿Se" + "ñ" at their CP858 positions


def test_text_cannot_inject_printer_commands(make_ticket):
    ticket = make_ticket(service_name="Pago\x1b@\x1dV\x00 de tasas\n")
    data = render_ticket_escpos(ticket, 80, "TM-T20II")
    assert b"Pago@V de tasas\n" in data
    assert data.count(b"\x1b@") == 1


def test_preferential_mark_is_printed_only_when_it_applies(make_ticket):
    plain = render_ticket_escpos(make_ticket(), 80, "TM-T20II")
    marked = render_ticket_escpos(make_ticket(preferential="Gestante"), 80, "TM-T20II")
    assert "PREFERENTE".encode("cp858") not in plain
    assert "ATENCIÓN PREFERENTE: Gestante".encode("cp858") in marked
    assert b"\x1dB\x01" in marked and b"\x1dB\x01" not in plain


def test_wait_unknown_prints_por_confirmar(make_ticket):
    data = render_ticket_escpos(make_ticket(estimated_wait_min=None), 80, "TM-T20II")
    assert b"Tiempo de espera: por confirmar" in data
    assert b"Tiempo de espera aproximado" not in data


def test_an_uncertain_wait_prints_a_range_and_an_appointment_its_time(make_ticket):
    ranged = _lines(
        render_ticket_escpos(make_ticket(estimated_wait_range=(15, 25)), 80, "TM-T20II")
    )
    assert "Tiempo de espera aproximado: entre 15 y 25 min" in ranged
    booked = make_ticket(appointment="12:30", call_at="12:33", estimated_wait_range=(150, 170))
    lines = _lines(render_ticket_escpos(booked, 80, "TM-T20II"))
    assert "Le llamaremos cerca de las 12:33" in lines
    assert not any("entre 150" in line for line in lines)
    # A walk-in is told minutes, not a time of day, even when the server knows one.
    walk_in = _lines(render_ticket_escpos(make_ticket(call_at="10:48"), 80, "TM-T20II"))
    assert "Tiempo de espera aproximado: 25 min" in walk_in
    english = make_ticket(language="en", estimated_wait_range=(15, 25))
    assert "Approximate waiting time: 15 to 25 min" in _lines(
        render_ticket_escpos(english, 80, "TM-T20II")
    )


def _lines(data: bytes) -> list[str]:
    """The printed text lines of a ticket, commands left out (what a reader sees)."""
    text = re.sub(rb"\x1d\(k(..).*?(?=\x1d\(k\x03\x00\x31\x51)", b"", data, flags=re.DOTALL)
    text = re.sub(rb"\x1b[Ea!dt].|\x1d[B!].|\x1d\(k\x03\x00\x31\x51\x30|\x1dVA.|\x1b@", b"", text)
    return [line.decode("cp858").strip() for line in text.split(b"\n")]


def test_where_to_go_is_printed_when_known(make_ticket):
    placed = _lines(render_ticket_escpos(make_ticket(location="Planta 1 - Ala A"), 80, "TM-T20II"))
    assert "Lugar de atención: Planta 1 - Ala A" in placed
    unplaced = render_ticket_escpos(make_ticket(), 80, "TM-T20II")
    assert "Lugar de atención".encode("cp858") not in unplaced


def test_a_quechua_ticket_prints_in_quechua_with_spanish_where_it_fits(make_ticket):
    ticket = make_ticket(language="qu", people_ahead=0, location="Planta 1 - Ala A")
    wide = _lines(render_ticket_escpos(ticket, 80, "TM-T20II"))
    # Beside when both fit on one line (48 columns), under it when they do not.
    assert "TURNOYKI / SU TURNO" in wide
    assert "Manam pipas ñawpaqniykipichu" in wide
    assert wide[wide.index("Manam pipas ñawpaqniykipichu") + 1] == "Nadie delante de usted"
    assert "Yaqa 25 minutotam suyanki" in wide
    assert "Maypi atiendesunki: Planta 1 - Ala A" in wide
    assert "Lugar de atención: Planta 1 - Ala A" in wide
    # 58 mm (32 columns): Quechua always, Spanish only where it fits beside.
    narrow = _lines(render_ticket_escpos(ticket, 58, "TM-T20II"))
    assert "TURNOYKI / SU TURNO" in narrow
    assert "Manam pipas ñawpaqniykipichu" in narrow
    assert "Nadie delante de usted" not in narrow
    assert "Pantallapi waqyasqa kanaykita" in " ".join(narrow)


def test_an_english_ticket_counts_people_in_english(make_ticket):
    def printed(n: int) -> list[str]:
        return _lines(
            render_ticket_escpos(make_ticket(language="en", people_ahead=n), 80, "TM-T20II")
        )

    assert "Nobody ahead of you / Nadie delante de usted" in printed(0)
    one = printed(1)  # 50 characters with its Spanish: under it, not beside
    assert one[one.index("1 person ahead of you") + 1] == "1 persona delante de usted"
    many = printed(4)
    assert many[many.index("4 people ahead of you") + 1] == "4 personas delante de usted"


def test_native_qr_command_holds_the_signed_code_exactly(make_ticket):
    payload = "MT1.LIMA-NORTE.20250312.R-023.102345.ABCDEFGHIJKLMNOP"
    data = render_ticket_escpos(make_ticket(qr_payload=payload), 80, "TM-T20II")
    match = re.search(rb"\x1d\(k(..)\x31\x50\x30", data, re.DOTALL)
    assert match is not None
    length = int.from_bytes(match.group(1), "little") - 3
    stored = data[match.end() : match.end() + length]
    assert stored == payload.encode("ascii")
    assert b"\x1d(k\x03\x00\x31\x51\x30" in data  # and the print command follows


def test_big_number_fits_the_paper():
    for width in (58, 80):
        geometry = paper_geometry("TM-T20II", width)
        for number in ("R-023", "MIG-123", "ABC-123456789"):
            magnification = number_magnification(number, geometry)
            assert len(number) * 12 * magnification <= geometry.dots
        assert number_magnification("R-023", geometry) >= 5


def test_profiles_without_spanish_code_page_are_refused(make_ticket):
    with pytest.raises(LayoutError):
        spanish_code_page("simple")
    with pytest.raises(LayoutError):
        render_ticket_escpos(make_ticket(), 80, "no-such-printer")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_encoded_text_never_contains_control_bytes(text):
    encoded = encode_text(text, "cp858")
    assert all(b >= 0x20 and b != 0x7F for b in encoded)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáéíóúüÁÉÍÓÚÜÑ¿¡ .,:-", max_size=60))
def test_spanish_text_round_trips_through_cp858(text):
    assert encode_text(text, "cp858").decode("cp858") == text
