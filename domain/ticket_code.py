"""A signed code printed as a QR on each ticket, so staff can tell a genuine ticket from a forgery.

Format (ASCII, all characters in QR "alphanumeric" mode so the QR stays small)::

    MT1.<centre>.<yyyymmdd>.<number>.<hhmmss>.<mac>

`mac` is the first 80 bits of HMAC-SHA256(secret, everything before the last dot),
in base32 without padding (16 characters). A photocopy of a genuine ticket still
verifies: the server detects a copy by looking up the ticket (number and day) and
its status, and by the printed issue time matching the stored one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from macturnos.domain.errors import DomainError
from macturnos.domain.numbering import parse_ticket_number

VERSION = "MT1"
MAC_BYTES = 10  # 80 bits: exactly 16 base32 characters, no padding
MIN_SECRET_BYTES = 16
MAX_CODE_LENGTH = 120

CENTRE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9-]{0,23}", re.ASCII)
_NUMBER_PATTERN = re.compile(r"[A-Z]{1,3}-[0-9]{1,9}", re.ASCII)
_CODE_PATTERN = re.compile(
    r"MT1\.([A-Z0-9][A-Z0-9-]{0,23})\.([0-9]{8})\.([A-Z]{1,3}-[0-9]{1,9})\.([0-9]{6})\.([A-Z2-7]{16})",
    re.ASCII,
)


@dataclass(frozen=True)
class TicketCode:
    """What a genuine ticket code says: centre, service day, number and local issue time."""

    centre: str
    day: date
    number: str
    issued_at_local_time: time


def _check_secret(secret: bytes) -> None:
    if not isinstance(secret, bytes | bytearray) or len(secret) < MIN_SECRET_BYTES:
        raise ValueError(f"ticket code secret must be at least {MIN_SECRET_BYTES} bytes")


def _mac(secret: bytes, payload: str) -> str:
    digest = hmac.new(bytes(secret), payload.encode("ascii"), hashlib.sha256).digest()
    return base64.b32encode(digest[:MAC_BYTES]).decode("ascii")


def sign_ticket_code(
    secret: bytes, *, centre: str, day: date, number: str, issued_at: datetime
) -> str:
    """The signed code for a ticket; `issued_at` is the centre's local wall-clock issue time."""
    _check_secret(secret)
    if CENTRE_PATTERN.fullmatch(centre) is None:
        raise ValueError(f"centre code must be 1-24 of A-Z, 0-9 and '-', got {centre!r}")
    if _NUMBER_PATTERN.fullmatch(number) is None:
        raise ValueError(f"ticket number must look like 'R-023', got {number!r}")
    payload = f"{VERSION}.{centre}.{day:%Y%m%d}.{number}.{issued_at:%H%M%S}"
    return f"{payload}.{_mac(secret, payload)}"


def verify_ticket_code(secret: bytes, code: str) -> TicketCode:
    """The contents of a genuine code; DomainError TICKET_CODE_INVALID for anything else."""
    _check_secret(secret)
    if not isinstance(code, str) or len(code) > MAX_CODE_LENGTH or not code.isascii():
        raise DomainError("TICKET_CODE_INVALID")
    # Scanners may add a newline and hand-typed codes may be in lower case;
    # base32 and every field are case-insensitive by construction.
    match = _CODE_PATTERN.fullmatch(code.strip().upper())
    if match is None:
        raise DomainError("TICKET_CODE_INVALID")
    payload, _sep, given_mac = match.group(0).rpartition(".")
    if not hmac.compare_digest(_mac(secret, payload), given_mac):
        raise DomainError("TICKET_CODE_INVALID")
    centre, day_text, number, time_text = match.group(1, 2, 3, 4)
    try:
        day = datetime.strptime(day_text, "%Y%m%d").date()
        issued = datetime.strptime(time_text, "%H%M%S").time()
        parse_ticket_number(number)
    except (ValueError, DomainError):
        # Only reachable with a correctly signed but malformed payload, i.e. a
        # leaked secret or a signer bug; still not a ticket we accept.
        raise DomainError("TICKET_CODE_INVALID") from None
    return TicketCode(centre=centre, day=day, number=number, issued_at_local_time=issued)


FOLLOW_PATH = "/t/"
"""The citizen's page of a ticket: `<public address>/t/<code>` is what its QR holds."""


def follow_path(code: str, language: str | None = None) -> str:
    """The path of the follow-your-turn page of `code` (in the citizen's `language`)."""
    return f"{FOLLOW_PATH}{code}" + (f"?l={language}" if language else "")


def code_from_scan(scanned: str) -> str:
    """The signed code in what a scanner read: the code itself, or the page's address.

    A ticket's QR holds the address of its follow-your-turn page, so a phone opens it;
    the staff's scanner reads the same QR, and the code is its last path segment.
    """
    text = scanned.strip() if isinstance(scanned, str) else ""
    if FOLLOW_PATH in text:
        text = text.rsplit(FOLLOW_PATH, 1)[1].split("?", 1)[0].split("#", 1)[0].split("/", 1)[0]
    return text
