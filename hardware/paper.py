"""Draw an ESC/POS byte stream on simulated thermal paper, as an Epson-compatible printer would.

It interprets exactly the command subset that escpos_layout emits and rejects
anything else, so the simulated printer cannot print what a real one would not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from macturnos.hardware.escpos_layout import (
    FONT_A_CELL,
    PaperGeometry,
    paper_geometry,
    qr_image,
    spanish_code_page,
)

_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
)
_LINE_GAP_DOTS = 6
"""Extra dots between text lines (ESC/POS default spacing is about 1/6 inch)."""
_FEED_LINE_DOTS = FONT_A_CELL[1] + _LINE_GAP_DOTS
_CUT_FEED_DOTS = 3 * 8 + 96
"""GS V function B feeds n dots plus the head-to-cutter distance (about 12 mm)."""
_TOP_MARGIN_DOTS = 24
_ERROR_CORRECTION = {48: "L", 49: "M", 50: "Q", 51: "H"}


class PaperError(ValueError):
    """The byte stream holds a command the simulated printer does not know."""


@dataclass(frozen=True)
class PrintedLine:
    """Where one line of text landed on the paper (for tests and diagnostics)."""

    text: str
    top: int
    height: int
    magnification: tuple[int, int]
    bold: bool
    reverse: bool


@dataclass
class PrintedTicket:
    """The drawn paper and what was found in the byte stream."""

    image: Image.Image
    lines: list[PrintedLine] = field(default_factory=list)
    qr_payloads: list[str] = field(default_factory=list)
    cut: bool = False
    dots_per_mm: float = 8.0

    @property
    def length_mm(self) -> float:
        """Paper used, in millimetres."""
        return self.image.height / self.dots_per_mm

    def save(self, path: Path) -> None:
        """Write the paper as a PNG file."""
        self.image.save(path, format="PNG")


@lru_cache(maxsize=32)
def _font(bold: bool, scale: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = Path(_FONT_CANDIDATES[1 if bold else 0])
    # Size 20 gives DejaVu Sans Mono an advance of 12 dots: one Font A cell.
    if path.exists():
        return ImageFont.truetype(str(path), 20 * scale)
    return ImageFont.load_default(size=20 * scale)


@lru_cache(maxsize=2048)
def _glyph(char: str, bold: bool, reverse: bool, mag: tuple[int, int]) -> Image.Image:
    """One character cell, black and white like thermal paper, at a magnification."""
    width, height = FONT_A_CELL
    # Draw at the vertical magnification (smoothed, as printers do), then stretch.
    scale = mag[1]
    cell = Image.new("L", (width * scale, height * scale), 255)
    ImageDraw.Draw(cell).text((0, scale), char, font=_font(bold, scale), fill=0)
    if mag[0] != scale:
        cell = cell.resize((width * mag[0], height * scale), Image.Resampling.BILINEAR)
    if reverse:
        return cell.point(lambda v: 255 if v < 128 else 0)
    return cell.point(lambda v: 0 if v < 128 else 255)


@dataclass
class _Cell:
    char: str
    mag: tuple[int, int]
    bold: bool
    reverse: bool

    @property
    def width(self) -> int:
        return FONT_A_CELL[0] * self.mag[0]

    @property
    def height(self) -> int:
        return FONT_A_CELL[1] * self.mag[1]


class _Paper:
    """Interpreter state and the strips of paper printed so far."""

    def __init__(self, geometry: PaperGeometry, slots: dict[int, str]) -> None:
        self.geometry = geometry
        self.slots = slots
        self.strips: list[Image.Image] = [Image.new("L", (geometry.dots, _TOP_MARGIN_DOTS), 255)]
        self.result_lines: list[PrintedLine] = []
        self.qr_payloads: list[str] = []
        self.reset()
        self.qr_data: bytes | None = None
        self.qr_module = 3
        self.qr_ec = "M"
        self.cut = False
        self.y = _TOP_MARGIN_DOTS

    def reset(self) -> None:
        self.codec = "cp437"  # the power-on code page of Epson printers
        self.align = 0
        self.bold = False
        self.reverse = False
        self.mag = (1, 1)
        self.line: list[_Cell] = []

    def add_strip(self, strip: Image.Image) -> None:
        self.strips.append(strip)
        self.y += strip.height

    def place(self, image: Image.Image) -> None:
        """Add an image as wide as the paper, aligned like text."""
        strip = Image.new("L", (self.geometry.dots, image.height), 255)
        x = self._x_for(image.width)
        strip.paste(image.convert("L"), (x, 0))
        self.add_strip(strip)

    def _x_for(self, width: int) -> int:
        free = max(0, self.geometry.dots - width)
        return {0: 0, 1: free // 2, 2: free}[self.align]

    def text_byte(self, byte: int) -> None:
        char = bytes([byte]).decode(self.codec, errors="replace")
        cell = _Cell(char, self.mag, self.bold, self.reverse)
        used = sum(c.width for c in self.line)
        if used + cell.width > self.geometry.dots:
            # The printer wraps a line that is too wide, as here.
            self.newline()
        self.line.append(cell)

    def newline(self) -> None:
        if not self.line:
            self.add_strip(Image.new("L", (self.geometry.dots, _FEED_LINE_DOTS), 255))
            return
        height = max(c.height for c in self.line)
        width = sum(c.width for c in self.line)
        strip = Image.new("L", (self.geometry.dots, height + _LINE_GAP_DOTS), 255)
        x = self._x_for(width)
        for cell in self.line:
            glyph = _glyph(cell.char, cell.bold, cell.reverse, cell.mag)
            # Cells of a smaller size sit on the common baseline.
            strip.paste(glyph, (x, height - cell.height))
            x += cell.width
        first = self.line[0]
        self.result_lines.append(
            PrintedLine(
                text="".join(c.char for c in self.line),
                top=self.y,
                height=height,
                magnification=max((c.mag for c in self.line), key=lambda m: m[0] * m[1]),
                bold=first.bold,
                reverse=first.reverse,
            )
        )
        self.line = []
        self.add_strip(strip)

    def image(self) -> Image.Image:
        total = sum(s.height for s in self.strips)
        paper_px = round(self.geometry.paper_width_mm * self.geometry.dpi / 25.4)
        margin = max(0, (paper_px - self.geometry.dots) // 2)
        page = Image.new("L", (self.geometry.dots + 2 * margin, total), 255)
        y = 0
        for strip in self.strips:
            page.paste(strip, (margin, y))
            y += strip.height
        return page


def _need(data: bytes, pos: int, count: int) -> bytes:
    if pos + count > len(data):
        raise PaperError(f"truncated command at byte {pos}")
    return data[pos : pos + count]


def render_paper(data: bytes, profile: str, paper_width_mm: int) -> PrintedTicket:
    """Interpret the ESC/POS bytes of one ticket and draw the paper they produce."""
    geometry = paper_geometry(profile, paper_width_mm)
    page = spanish_code_page(profile)
    slots = {page.slot: page.codec}
    paper = _Paper(geometry, slots)
    pos = 0
    while pos < len(data):
        byte = data[pos]
        if byte == 0x0A:
            paper.newline()
            pos += 1
        elif byte == 0x1B:
            cmd = _need(data, pos + 1, 1)
            if cmd == b"@":
                paper.reset()
                pos += 2
                continue
            arg = _need(data, pos + 2, 1)[0]
            if cmd == b"t":
                if arg not in slots:
                    raise PaperError(f"code page slot {arg} not used by this profile")
                paper.codec = slots[arg]
            elif cmd == b"a":
                paper.align = arg % 48 if arg >= 48 else arg
            elif cmd == b"E":
                paper.bold = bool(arg & 1)
            elif cmd == b"d":
                if paper.line:
                    paper.newline()
                    arg = max(0, arg - 1)
                for _ in range(arg):
                    paper.newline()
            else:
                raise PaperError(f"unsupported command ESC {cmd!r}")
            pos += 3
        elif byte == 0x1D:
            cmd = _need(data, pos + 1, 1)
            if cmd == b"!":
                arg = _need(data, pos + 2, 1)[0]
                paper.mag = ((arg >> 4) + 1, (arg & 0x0F) + 1)
                pos += 3
            elif cmd == b"B":
                paper.reverse = bool(_need(data, pos + 2, 1)[0] & 1)
                pos += 3
            elif cmd == b"v":
                header = _need(data, pos + 2, 6)
                if header[0:2] != b"0\x00":
                    raise PaperError("unsupported raster mode")
                row_bytes = int.from_bytes(header[2:4], "little")
                rows = int.from_bytes(header[4:6], "little")
                raw = _need(data, pos + 8, row_bytes * rows)
                bitmap = Image.frombytes("1", (row_bytes * 8, rows), raw)
                # Set bits are black on paper; Pillow reads them as white.
                paper.place(bitmap.point(lambda v: 0 if v else 255, mode="L"))
                pos += 8 + row_bytes * rows
            elif cmd == b"(":
                pos = _qr_function(data, pos, paper)
            elif cmd == b"V":
                mode = _need(data, pos + 2, 1)[0]
                if mode in (65, 66):
                    feed = _need(data, pos + 3, 1)[0]
                    pos += 4
                elif mode in (0, 1, 48, 49):
                    feed = 0
                    pos += 3
                else:
                    raise PaperError(f"unsupported cut mode {mode}")
                if paper.line:
                    paper.newline()
                paper.add_strip(Image.new("L", (geometry.dots, feed + _CUT_FEED_DOTS), 255))
                paper.cut = True
                if pos != len(data):
                    raise PaperError("bytes after the cut belong to another ticket")
            else:
                raise PaperError(f"unsupported command GS {cmd!r}")
        elif byte < 0x20 or byte == 0x7F:
            raise PaperError(f"unsupported control byte 0x{byte:02x}")
        else:
            paper.text_byte(byte)
            pos += 1
    if paper.line:
        # Text without a final line feed stays in the buffer, unprinted.
        paper.line = []
    return PrintedTicket(
        image=paper.image(),
        lines=paper.result_lines,
        qr_payloads=paper.qr_payloads,
        cut=paper.cut,
        dots_per_mm=geometry.dpi / 25.4,
    )


def _qr_function(data: bytes, pos: int, paper: _Paper) -> int:
    """GS ( k: QR code model, size, error correction, store, print."""
    head = _need(data, pos + 2, 5)
    if head[0:1] != b"k":
        raise PaperError("unsupported GS ( function")
    length = int.from_bytes(head[1:3], "little")
    body = _need(data, pos + 5, length)
    cn, fn, params = body[0], body[1], body[2:]
    if cn != 0x31:
        raise PaperError("only QR symbols are supported")
    if fn == 0x41:
        if params[:1] != b"2":
            raise PaperError("only QR model 2 is supported")
    elif fn == 0x43:
        paper.qr_module = params[0]
    elif fn == 0x45:
        paper.qr_ec = _ERROR_CORRECTION[params[0]]
    elif fn == 0x50:
        paper.qr_data = params[1:]
    elif fn == 0x51:
        if paper.qr_data is None:
            raise PaperError("QR print without stored data")
        payload = paper.qr_data.decode("ascii")
        paper.qr_payloads.append(payload)
        if paper.line:
            paper.newline()
        paper.place(qr_image(payload, paper.qr_module, level=paper.qr_ec))
    else:
        raise PaperError(f"unsupported QR function {fn}")
    return pos + 5 + length
