"""The ESC/POS byte layout of a ticket, for 58 mm and 80 mm paper.

Pure functions: the same ticket, paper width and profile always give the same
bytes, which the golden tests pin. The command subset used here is small and
documented in docs/hardware.md; the simulated printer interprets exactly it.
"""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import qrcode
import qrcode.constants
from escpos.capabilities import get_profile
from PIL import Image, ImageDraw, ImageOps

from macturnos.hardware.ticket import TicketContent
from macturnos.hardware.ticket_wording import ticket_wording
from macturnos.messages import SOURCE_LANGUAGE

ESC = b"\x1b"
GS = b"\x1d"
LF = b"\n"

INIT = ESC + b"@"
BOLD_ON = ESC + b"E\x01"
BOLD_OFF = ESC + b"E\x00"
REVERSE_ON = GS + b"B\x01"
REVERSE_OFF = GS + b"B\x00"
ALIGN_LEFT = ESC + b"a\x00"
ALIGN_CENTER = ESC + b"a\x01"

FONT_A_CELL = (12, 24)
"""Width and height of one Font A character cell in dots (all supported printers)."""

# Code pages holding every Spanish character, best first. CP858 is CP850 with
# the euro sign; both place ñ, á-ú, Á-Ú, ¿ and ¡ at the same bytes.
_SPANISH_CODE_PAGES = (("CP858", "cp858"), ("CP850", "cp850"))

# Typographic characters that Spanish text often carries and no DOS code page has.
_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u2022": "*",
    }
)

_MAX_LOGO_HEIGHT_DOTS = 160
_LOGO_WIDTH_SHARE = 0.6
_MAX_NUMBER_MAGNIFICATION = 6
_QR_MODULE_DOTS = {58: 5, 80: 6}
_SPANISH_UNDER_MIN_COLUMNS = 42
"""Paper at least this wide (80 mm: 48 columns) has room for the Spanish line under the
citizen's; narrower paper (58 mm: 32) prints Spanish only where it fits beside."""
_BESIDE = " / "


@dataclass(frozen=True)
class PaperGeometry:
    """The printable area of one printer model on one paper width."""

    paper_width_mm: int
    dots: int
    """Printable width in dots."""
    columns: int
    """Font A characters per line."""
    dpi: int


@dataclass(frozen=True)
class CodePage:
    """The single code page a ticket is printed in."""

    name: str
    """Name in the python-escpos capabilities database, e.g. "CP858"."""
    slot: int
    """Argument of ESC t for this printer model."""
    codec: str
    """Python codec with the same byte mapping."""


class LayoutError(ValueError):
    """The profile or paper width cannot print a ticket correctly."""


@lru_cache(maxsize=64)
def _profile(profile: str) -> object:
    try:
        return get_profile(profile)
    except KeyError as exc:
        raise LayoutError(f"unknown printer profile {profile!r}") from exc


def supports(profile: str, feature: str) -> bool:
    """Whether a python-escpos profile declares a feature (e.g. "qrCode", "paperFullCut")."""
    return bool(_profile(profile).supports(feature))  # type: ignore[attr-defined]


def spanish_code_page(profile: str) -> CodePage:
    """The code page used for Spanish text on this printer model."""
    pages = _profile(profile).get_code_pages()  # type: ignore[attr-defined]
    for name, codec in _SPANISH_CODE_PAGES:
        if name in pages:
            return CodePage(name=name, slot=int(pages[name]), codec=codec)
    raise LayoutError(f"printer profile {profile!r} has no code page with Spanish characters")


def paper_geometry(profile: str, paper_width_mm: int) -> PaperGeometry:
    """Printable width of this profile on this paper, falling back to 203 dpi norms."""
    if paper_width_mm not in (58, 80):
        raise LayoutError(f"unsupported paper width {paper_width_mm} mm")
    data = _profile(profile).profile_data  # type: ignore[attr-defined]
    media = data.get("media", {})
    width = media.get("width", {})
    dpi = media.get("dpi")
    mm, pixels = width.get("mm"), width.get("pixels")
    if isinstance(mm, int | float) and isinstance(pixels, int):
        # The profile describes the printer on its native roll; trust it when
        # that roll is the one configured (printable 72 mm on 80, 48 mm on 58).
        native = 80 if mm >= 64 else 58
        if native == paper_width_mm:
            columns = int(_profile(profile).get_columns("a"))  # type: ignore[attr-defined]
            return PaperGeometry(
                paper_width_mm, pixels, columns, dpi if isinstance(dpi, int) else 203
            )
    # Unknown model or a printer switched to the other roll: 203 dpi norms.
    dots = 576 if paper_width_mm == 80 else 384
    return PaperGeometry(paper_width_mm, dots, dots // FONT_A_CELL[0], 203)


def encode_text(text: str, codec: str) -> bytes:
    """Encode one line in the ticket's code page; never emits control bytes."""
    text = unicodedata.normalize("NFC", text).translate(_PUNCTUATION)
    out = bytearray()
    for char in text:
        if ord(char) < 0x20 or ord(char) == 0x7F:
            # Control characters would become printer commands: drop them.
            continue
        try:
            out += char.encode(codec)
            continue
        except UnicodeEncodeError:
            pass
        # Letters outside the code page print without their accent (e.g. "ā" -> "a").
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        try:
            encoded = base.encode(codec)
        except UnicodeEncodeError:
            encoded = b"?"
        out += bytes(b for b in encoded if b >= 0x20) or b"?"
    return bytes(out)


def size_command(width: int, height: int) -> bytes:
    """GS ! n: character magnification, 1 to 8 in each direction."""
    if not (1 <= width <= 8 and 1 <= height <= 8):
        raise LayoutError("character magnification must be 1 to 8")
    return GS + b"!" + bytes([((width - 1) << 4) | (height - 1)])


def raster_command(image: Image.Image) -> bytes:
    """GS v 0: a 1-bit raster image, black where the image is dark."""
    gray = image.convert("L")
    # In Pillow's packed 1-bit format a set bit is white; ESC/POS wants black.
    inverted = ImageOps.invert(gray).convert("1", dither=Image.Dither.NONE)
    width, height = inverted.size
    row_bytes = (width + 7) // 8
    header = GS + b"v0\x00" + row_bytes.to_bytes(2, "little") + height.to_bytes(2, "little")
    return header + inverted.tobytes()


def qr_native_commands(payload: str, module_dots: int) -> bytes:
    """GS ( k: store and print a model 2 QR code with error correction level M."""
    data = payload.encode("ascii")
    store_len = len(data) + 3
    if store_len > 0xFFFF:
        raise LayoutError("QR payload too long")
    return (
        GS + b"(k\x04\x00\x31\x41\x32\x00"  # model 2
        + GS + b"(k\x03\x00\x31\x43" + bytes([module_dots])  # module size in dots
        + GS + b"(k\x03\x00\x31\x45\x31"  # error correction M (15 %)
        + GS + b"(k" + store_len.to_bytes(2, "little") + b"\x31\x50\x30" + data
        + GS + b"(k\x03\x00\x31\x51\x30"  # print the stored symbol
    )  # fmt: skip


_QR_LEVELS = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}


def qr_image(
    payload: str, module_dots: int, border_modules: int = 4, level: str = "M"
) -> Image.Image:
    """The QR code as a 1-bit image, as the printer's own QR generator draws it."""
    code = qrcode.QRCode(
        version=None,
        error_correction=_QR_LEVELS[level],
        box_size=module_dots,
        border=border_modules,
    )
    code.add_data(payload.encode("ascii"))
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) * module_dots
    image = Image.new("1", (size, size), 1)
    draw = ImageDraw.Draw(image)
    for my, row in enumerate(matrix):
        for mx, dark in enumerate(row):
            if dark:
                x, y = mx * module_dots, my * module_dots
                draw.rectangle((x, y, x + module_dots - 1, y + module_dots - 1), fill=0)
    return image


def logo_image(path: str, geometry: PaperGeometry) -> Image.Image:
    """Load a logo, flatten transparency on white and fit it to the ticket."""
    with Image.open(path) as source:
        source.load()
        rgba = source.convert("RGBA")
    flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat.alpha_composite(rgba)
    gray = flat.convert("L")
    max_w = int(geometry.dots * _LOGO_WIDTH_SHARE)
    scale = min(1.0, max_w / gray.width, _MAX_LOGO_HEIGHT_DOTS / gray.height)
    if scale < 1.0:
        gray = gray.resize(
            (max(1, int(gray.width * scale)), max(1, int(gray.height * scale))),
            Image.Resampling.BOX,
        )
    # A plain threshold keeps flat logos crisp; thermal heads cannot print grey.
    return gray.convert("1", dither=Image.Dither.NONE)


def number_magnification(number: str, geometry: PaperGeometry) -> int:
    """The largest magnification at which the ticket number fits on one line."""
    fit = geometry.dots // (max(1, len(number)) * FONT_A_CELL[0])
    return max(1, min(_MAX_NUMBER_MAGNIFICATION, fit))


class _Builder:
    """Collects ESC/POS commands for one ticket."""

    def __init__(self, geometry: PaperGeometry, code_page: CodePage) -> None:
        self.geometry = geometry
        self.code_page = code_page
        self.out = bytearray()

    def raw(self, data: bytes) -> None:
        self.out += data

    def lines(
        self,
        text: str,
        *,
        size: tuple[int, int] = (1, 1),
        bold: bool = False,
        reverse: bool = False,
    ) -> None:
        """Print text wrapped at word boundaries to the width at this magnification."""
        width = max(1, self.geometry.columns // size[0])
        wrapped = textwrap.wrap(text, width=width, break_long_words=True) or [""]
        if size != (1, 1):
            self.out += size_command(*size)
        if bold:
            self.out += BOLD_ON
        if reverse:
            self.out += REVERSE_ON
        for line in wrapped:
            if reverse:
                # Pad so the black band looks like a label rather than ragged text.
                line = f" {line} "
            self.out += encode_text(line, self.code_page.codec) + LF
        if reverse:
            self.out += REVERSE_OFF
        if bold:
            self.out += BOLD_OFF
        if size != (1, 1):
            self.out += size_command(1, 1)

    def pair(
        self,
        text: str,
        spanish: str | None,
        *,
        size: tuple[int, int] = (1, 1),
        bold: bool = False,
        reverse: bool = False,
    ) -> None:
        """The citizen's line, with its Spanish beside it where the paper has room.

        Beside on the same line when both fit ("Nobody ahead of you / Nadie delante de
        usted"); else under it in plain letters on wide paper; else left out.
        """
        if spanish is None or spanish == text:
            self.lines(text, size=size, bold=bold, reverse=reverse)
            return
        width = max(1, self.geometry.columns // size[0]) - (2 if reverse else 0)
        if len(text) + len(_BESIDE) + len(spanish) <= width:
            self.lines(f"{text}{_BESIDE}{spanish}", size=size, bold=bold, reverse=reverse)
            return
        self.lines(text, size=size, bold=bold, reverse=reverse)
        if self.geometry.columns >= _SPANISH_UNDER_MIN_COLUMNS:
            self.lines(spanish)

    def rule(self) -> None:
        self.out += b"-" * self.geometry.columns + LF

    def feed(self, lines: int = 1) -> None:
        self.out += ESC + b"d" + bytes([lines])


def render_ticket_escpos(ticket: TicketContent, paper_width_mm: int, profile: str) -> bytes:
    """The complete ESC/POS byte stream of one ticket, ending with the cut.

    Printed in the citizen's language (`ticket.language`), Spanish beside it where the
    paper has room; the sentences are the kiosk screen's (`ticket_wording`).
    """
    words = ticket_wording(ticket)
    # A Spanish ticket's lines equal their Spanish: `pair` prints them once.
    es = ticket_wording(ticket, SOURCE_LANGUAGE)
    geometry = paper_geometry(profile, paper_width_mm)
    code_page = spanish_code_page(profile)
    b = _Builder(geometry, code_page)
    # ESC @ resets the code page, so ESC t comes right after it, once per ticket.
    b.raw(INIT + ESC + b"t" + bytes([code_page.slot]) + ALIGN_CENTER)
    if ticket.logo_path:
        b.raw(raster_command(logo_image(ticket.logo_path, geometry)))
        b.feed(1)
    b.lines(ticket.centre_name, size=(2, 2), bold=True)
    b.rule()
    b.lines(ticket.entity_name, bold=True)
    b.lines(ticket.service_name)
    b.feed(1)
    b.pair(words.heading, es.heading)
    magnification = number_magnification(ticket.number, geometry)
    b.lines(ticket.number, size=(magnification, magnification), bold=True)
    if words.preferential:
        b.pair(
            f"{words.preferential.upper()}: {ticket.preferential}",
            f"{(es.preferential or '').upper()}: {ticket.preferential}",
            size=(1, 2),
            bold=True,
            reverse=True,
        )
    if words.appointment:
        b.pair(words.appointment, es.appointment, size=(1, 2), bold=True)
    if words.location:
        # Where to go: as large as the appointment, the citizen looks for it first.
        b.pair(words.location, es.location, size=(1, 2), bold=True)
    b.rule()
    b.lines(words.date)
    b.pair(words.people_ahead, es.people_ahead)
    b.pair(words.wait, es.wait)
    b.rule()
    b.pair(words.notice, es.notice, bold=True)
    b.feed(1)
    module = _QR_MODULE_DOTS[paper_width_mm]
    if supports(profile, "qrCode"):
        b.raw(qr_native_commands(ticket.qr_payload, module))
        b.raw(LF)
    else:
        # Cheap 58 mm printers lack GS ( k: send the symbol as a raster image.
        b.raw(raster_command(qr_image(ticket.qr_payload, module)))
        b.raw(LF)
    b.pair(words.qr_hint, es.qr_hint)
    if supports(profile, "paperFullCut"):
        b.raw(GS + b"VA\x03")  # feed to the cutter, then full cut
    elif supports(profile, "paperPartCut"):
        b.raw(GS + b"VB\x03")
    else:
        b.feed(5)  # no cutter: feed past the tear bar
    return bytes(b.out)
