"""What the call screen says: ticket numbers and modules as Spanish and Quechua words.

Pure functions, no Qt and no audio. A ticket number such as "R-023" is read
letter by letter by name ("erre"), then its digits: every leading zero is read
as "cero" and the rest as one number, so "R-023" is "erre cero veintitrés",
"R-100" is "erre cien" and "R-007" is "erre cero cero siete", the way staff
read a printed ticket aloud. The dash is never spoken and no digit is ever left
for the speech engine to read in its own way.
"""

from __future__ import annotations

import re

SPANISH_LETTERS = {
    "A": "a", "B": "be", "C": "ce", "D": "de", "E": "e", "F": "efe", "G": "ge",
    "H": "hache", "I": "i", "J": "jota", "K": "ka", "L": "ele", "M": "eme", "N": "ene",
    "Ñ": "eñe", "O": "o", "P": "pe", "Q": "cu", "R": "erre", "S": "ese", "T": "te",
    "U": "u", "V": "uve", "W": "doble uve", "X": "equis", "Y": "ye", "Z": "zeta",
}  # fmt: skip

_UNITS = (
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
    "diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete",
    "dieciocho", "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés",
    "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve",
)  # fmt: skip
_TENS = ("", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta",
         "noventa")  # fmt: skip
_HUNDREDS = ("", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos",
             "seiscientos", "setecientos", "ochocientos", "novecientos")  # fmt: skip

MAX_NUMBER = 999_999_999
"""The largest number read as words (a day's tickets stay far below)."""

_TOKENS = re.compile(r"[A-Za-zÑñ]+|[0-9]+")


def _below_thousand(n: int) -> str:
    if n < 30:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (f" y {_UNITS[unit]}" if unit else "")
    if n == 100:
        return "cien"
    hundreds, rest = divmod(n, 100)
    return _HUNDREDS[hundreds] + (f" {_below_thousand(rest)}" if rest else "")


def _apocope(words: str) -> str:
    # Before "mil" and "millones" "uno" becomes "un" (veintiún mil, treinta y un millones).
    if words.endswith("veintiuno"):
        return words[: -len("veintiuno")] + "veintiún"
    if words == "uno" or words.endswith(" uno"):
        return words[: -len("uno")] + "un"
    return words


def spanish_number(n: int) -> str:
    """A whole number 0..999 999 999 in Spanish words: 23 -> "veintitrés", 1001 -> "mil uno"."""
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"a number from 0 to {MAX_NUMBER} is needed, got {n!r}")
    if n < 1000:
        return _below_thousand(n)
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    parts: list[str] = []
    if millions:
        parts.append(
            "un millón" if millions == 1 else f"{_apocope(_below_thousand(millions))} millones"
        )
    if thousands:
        parts.append("mil" if thousands == 1 else f"{_apocope(_below_thousand(thousands))} mil")
    if units:
        parts.append(_below_thousand(units))
    return " ".join(parts)


def spanish_letters(letters: str) -> str:
    """Letters by their Spanish names: "R" -> "erre", "BN" -> "be ene"."""
    names = []
    for ch in letters.upper():
        if ch not in SPANISH_LETTERS:
            raise ValueError(f"not a Spanish letter: {ch!r}")
        names.append(SPANISH_LETTERS[ch])
    return " ".join(names)


def digits_as_read(digits: str) -> list[int]:
    """How a printed digit group is read: leading zeros one by one, then the rest whole.

    Returns the pieces: 0 for each leading zero, then the remaining value as an
    int ("023" -> [0, 23]; "100" -> [100]; "000" -> [0, 0, 0]). Groups too long to
    read as one number are read digit by digit.
    """
    if not digits.isdigit():
        raise ValueError(f"digits expected, got {digits!r}")
    stripped = digits.lstrip("0")
    pieces: list[int] = [0] * (len(digits) - len(stripped))
    if stripped:
        if int(stripped) <= MAX_NUMBER:
            pieces.append(int(stripped))
        else:
            pieces.extend(int(d) for d in stripped)
    return pieces


def spanish_ticket(number: str) -> str:
    """A ticket number in Spanish words: "R-023" -> "erre cero veintitrés"."""
    words: list[str] = []
    for token in _TOKENS.findall(number):
        if token.isdigit():
            words.extend(spanish_number(int(p)) for p in digits_as_read(token))
        else:
            words.append(spanish_letters(token))
    if not words:
        raise ValueError(f"no letters or digits in ticket number {number!r}")
    return " ".join(words)


def spanish_announcement(
    number: str, module: int, *, recall: bool = False, short: bool = False
) -> str:
    """The Spanish sentence for a call: "Turno erre cero veintitrés, módulo doce".

    `short` (the calls after the first of a burst) leaves out "Turno": the listeners
    have just heard what the sentences are about. A recall always says it in full.
    """
    ticket = spanish_ticket(number)
    module_words = f"módulo {spanish_number(module)}."
    if short and not recall:
        return f"{ticket[:1].upper()}{ticket[1:]}, {module_words}"
    sentence = f"Turno {ticket}, {module_words}"
    return f"Nuevo llamado. {sentence}" if recall else sentence


# --- Quechua (Runasimi, southern unified spelling) ------------------------------
# To be reviewed by a native speaker before use in a centre (see docs/display.md).

QUECHUA_UNITS = ("ch'usaq", "huk", "iskay", "kimsa", "tawa", "pichqa", "suqta", "qanchis",
                 "pusaq", "isqun")  # fmt: skip
QUECHUA_TEN = "chunka"
QUECHUA_HUNDRED = "pachak"
QUECHUA_THOUSAND = "waranqa"
QUECHUA_MILLION = "hunu"
QUECHUA_TURN = "Yupay"
"""Opens the sentence: "number" (the ticket's number is called)."""
QUECHUA_COME = "hamuy"
"""Closes it: "come" (to the module)."""
QUECHUA_RECALL = "Musuqmanta waqyay."
"""Said before a repeated call: "calling again"."""

_VOWELS = frozenset("aeiou")


def _with_units_suffix(word: str) -> str:
    # Units after a larger order take -yuq after a vowel, -niyuq after a consonant
    # (chunka kimsayuq = 13, chunka iskayniyuq = 12).
    return word + ("yuq" if word[-1] in _VOWELS else "niyuq")


def _quechua_group(n: int, *, preceded: bool) -> list[str]:
    """Words of 1..999; `preceded` when larger orders come before (units take the suffix)."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds:
        words.append(
            QUECHUA_HUNDRED if hundreds == 1 else f"{QUECHUA_UNITS[hundreds]} {QUECHUA_HUNDRED}"
        )
    if tens:
        words.append(QUECHUA_TEN if tens == 1 else f"{QUECHUA_UNITS[tens]} {QUECHUA_TEN}")
    if units:
        unit = QUECHUA_UNITS[units]
        words.append(_with_units_suffix(unit) if words or preceded else unit)
    return words


def quechua_number(n: int) -> str:
    """A whole number 0..999 999 999 in Quechua: 12 -> "chunka iskayniyuq", 100 -> "pachak"."""
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"a number from 0 to {MAX_NUMBER} is needed, got {n!r}")
    if n == 0:
        return QUECHUA_UNITS[0]
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    words: list[str] = []
    for value, name in ((millions, QUECHUA_MILLION), (thousands, QUECHUA_THOUSAND)):
        if value:
            words.extend(
                [name] if value == 1 else [*_quechua_group(value, preceded=bool(words)), name]
            )
    if units:
        words.extend(_quechua_group(units, preceded=bool(words)))
    return " ".join(words)


def quechua_ticket(number: str) -> str:
    """A ticket number in Quechua: letters by their (Spanish) names, digits as numbers."""
    words: list[str] = []
    for token in _TOKENS.findall(number):
        if token.isdigit():
            words.extend(quechua_number(int(p)) for p in digits_as_read(token))
        else:
            words.append(spanish_letters(token))
    if not words:
        raise ValueError(f"no letters or digits in ticket number {number!r}")
    return " ".join(words)


def quechua_announcement(number: str, module: int, *, recall: bool = False) -> str:
    """The Quechua sentence for a call: "Yupay erre ch'usaq iskay chunka kimsayuq, ..."."""
    sentence = (
        f"{QUECHUA_TURN} {quechua_ticket(number)}. "
        f"Módulo {quechua_number(module)}-man {QUECHUA_COME}."
    )
    return f"{QUECHUA_RECALL} {sentence}" if recall else sentence
