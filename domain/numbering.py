"""Ticket numbers ("R-023") and the local service day that numbering belongs to.

Contract with the server, which owns the counter: a ticket's number is its
service's prefix plus a sequence that starts at 1 for each prefix on each
service day (`service_day`, the centre's local calendar day, so numbering
restarts at local midnight, not at UTC midnight). The server must take the next
sequence atomically, in the same transaction that inserts the ticket, e.g. one
row per (day, prefix) bumped with ``INSERT ... ON CONFLICT (day, prefix) DO
UPDATE SET last_seq = last_seq + 1 RETURNING last_seq``, and keep a unique
constraint on (day, number) as a backstop. Two tickets of one day therefore
never share a number; services that share a prefix share its sequence.
Numbers are never reused within a day, even for a cancelled ticket or a failed
print, so a citizen's paper always names exactly one ticket.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from macturnos.domain.errors import DomainError

PREFIX_PATTERN = re.compile(r"[A-Z]{1,3}", re.ASCII)

# Longest sequence accepted when parsing; far above a day's real volume, it only
# keeps absurd input from becoming a huge integer.
MAX_SEQUENCE_DIGITS = 9

# Lenient lookup input: "R-023", "r23", " R 23 ", "R–23" (a dash a keyboard or
# phone autocorrect may produce).
_PARSE_PATTERN = re.compile(
    r"\s*([A-Za-z]{1,3})\s*[-\u2010\u2011\u2012\u2013\u2014\u2212]?\s*"
    rf"([0-9]{{1,{MAX_SEQUENCE_DIGITS}}})\s*",
    re.ASCII,
)


def is_valid_prefix(prefix: str) -> bool:
    """Whether `prefix` is 1 to 3 uppercase ASCII letters."""
    return PREFIX_PATTERN.fullmatch(prefix) is not None


def format_ticket_number(prefix: str, seq: int, width: int = 3) -> str:
    """The printed number of sequence `seq` of `prefix`, zero-padded to `width` digits."""
    if not is_valid_prefix(prefix):
        raise ValueError(f"ticket prefix must be 1-3 uppercase letters, got {prefix!r}")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise ValueError(f"ticket sequence must be an integer >= 1, got {seq!r}")
    if isinstance(width, bool) or not isinstance(width, int) or width < 1:
        raise ValueError(f"ticket number width must be an integer >= 1, got {width!r}")
    # Past the width the number just grows ("R-1000"), it never wraps.
    return f"{prefix}-{seq:0{width}d}"


def parse_ticket_number(text: str) -> tuple[str, int]:
    """The (prefix, sequence) of a typed or printed ticket number such as "R-023" or "r23"."""
    match = _PARSE_PATTERN.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise DomainError("INVALID_REQUEST", campo="numero")
    seq = int(match.group(2))
    if seq < 1:
        raise DomainError("INVALID_REQUEST", campo="numero")
    return match.group(1).upper(), seq


def normalize_ticket_number(text: str, width: int = 3) -> str:
    """The canonical printed form of a leniently typed ticket number ("r23" -> "R-023")."""
    prefix, seq = parse_ticket_number(text)
    return format_ticket_number(prefix, seq, width)


def service_day(now: datetime, tz: ZoneInfo) -> date:
    """The centre's local calendar day that an instant's ticket numbering belongs to."""
    if now.tzinfo is None or now.utcoffset() is None:
        # A naive time could be UTC or local; guessing would shift numbering by
        # five hours in Lima, so refuse it.
        raise ValueError("service_day needs a timezone-aware datetime")
    return now.astimezone(tz).date()
