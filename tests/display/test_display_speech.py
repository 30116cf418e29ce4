"""The spoken text of calls: Spanish and Quechua number words, letter names, sentences."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macturnos.display.speech import (
    SPANISH_LETTERS,
    digits_as_read,
    quechua_announcement,
    quechua_number,
    spanish_announcement,
    spanish_letters,
    spanish_number,
    spanish_ticket,
)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "cero"), (1, "uno"), (9, "nueve"), (10, "diez"), (11, "once"), (15, "quince"),
        (16, "dieciséis"), (19, "diecinueve"), (20, "veinte"), (21, "veintiuno"),
        (22, "veintidós"), (23, "veintitrés"), (26, "veintiséis"), (30, "treinta"),
        (31, "treinta y uno"), (45, "cuarenta y cinco"), (99, "noventa y nueve"),
        (100, "cien"), (101, "ciento uno"), (110, "ciento diez"), (199, "ciento noventa y nueve"),
        (200, "doscientos"), (500, "quinientos"), (555, "quinientos cincuenta y cinco"),
        (700, "setecientos"), (900, "novecientos"), (999, "novecientos noventa y nueve"),
        (1000, "mil"), (1001, "mil uno"), (1021, "mil veintiuno"), (1100, "mil cien"),
        (2000, "dos mil"), (2024, "dos mil veinticuatro"),
        (9999, "nueve mil novecientos noventa y nueve"), (21000, "veintiún mil"),
        (31000, "treinta y un mil"), (100000, "cien mil"), (101000, "ciento un mil"),
        (1_000_000, "un millón"), (2_000_001, "dos millones uno"),
    ],
)  # fmt: skip
def test_spanish_numbers(n, words):
    assert spanish_number(n) == words


@pytest.mark.parametrize(
    ("number", "module", "sentence"),
    [
        ("R-023", 12, "Turno erre cero veintitrés, módulo doce."),
        ("R-001", 1, "Turno erre cero cero uno, módulo uno."),
        ("R-100", 21, "Turno erre cien, módulo veintiuno."),
        ("B-250", 7, "Turno be doscientos cincuenta, módulo siete."),
        ("M-010", 30, "Turno eme cero diez, módulo treinta."),
        ("W-999", 16, "Turno doble uve novecientos noventa y nueve, módulo dieciséis."),
        ("RP-1000", 101, "Turno erre pe mil, módulo ciento uno."),
        (
            "ABC-1234",
            999,
            "Turno a be ce mil doscientos treinta y cuatro, módulo novecientos noventa y nueve.",
        ),
        ("H-007", 5, "Turno hache cero cero siete, módulo cinco."),
        ("Q-015", 2, "Turno cu cero quince, módulo dos."),
        ("Y-080", 3, "Turno ye cero ochenta, módulo tres."),
    ],
)
def test_spanish_announcement(number, module, sentence):
    assert spanish_announcement(number, module) == sentence


def test_recall_is_announced_as_a_new_call():
    assert spanish_announcement("R-023", 12, recall=True) == (
        "Nuevo llamado. Turno erre cero veintitrés, módulo doce."
    )


def test_every_letter_has_its_spanish_name():
    assert spanish_letters("ñ") == "eñe"
    assert spanish_letters("JKW") == "jota ka doble uve"
    assert len(SPANISH_LETTERS) == 27
    with pytest.raises(ValueError):
        spanish_letters("R1")


def test_how_digit_groups_are_read():
    assert digits_as_read("023") == [0, 23]
    assert digits_as_read("100") == [100]
    assert digits_as_read("007") == [0, 0, 7]
    assert digits_as_read("000") == [0, 0, 0]
    assert spanish_ticket("r23") == "erre veintitrés"  # a lenient number still reads well


def test_out_of_range_is_refused():
    for bad in (-1, 1_000_000_000, True, 2.5):
        with pytest.raises(ValueError):
            spanish_number(bad)  # type: ignore[arg-type]
        with pytest.raises(ValueError):
            quechua_number(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        spanish_ticket("--")


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "ch'usaq"), (1, "huk"), (2, "iskay"), (3, "kimsa"), (4, "tawa"), (5, "pichqa"),
        (6, "suqta"), (7, "qanchis"), (8, "pusaq"), (9, "isqun"), (10, "chunka"),
        (11, "chunka hukniyuq"), (12, "chunka iskayniyuq"), (13, "chunka kimsayuq"),
        (20, "iskay chunka"), (23, "iskay chunka kimsayuq"), (99, "isqun chunka isqunniyuq"),
        (100, "pachak"), (105, "pachak pichqayuq"), (230, "iskay pachak kimsa chunka"),
        (1000, "waranqa"), (1001, "waranqa hukniyuq"), (2024, "iskay waranqa iskay chunka tawayuq"),
    ],
)  # fmt: skip
def test_quechua_numbers(n, words):
    assert quechua_number(n) == words


def test_quechua_announcement():
    assert quechua_announcement("R-023", 12) == (
        "Yupay erre ch'usaq iskay chunka kimsayuq. Módulo chunka iskayniyuq-man hamuy."
    )
    assert quechua_announcement("R-023", 12, recall=True).startswith("Musuqmanta waqyay. ")


prefixes = st.text(alphabet=sorted(SPANISH_LETTERS), min_size=1, max_size=3)


@given(
    prefix=prefixes,
    seq=st.integers(1, 99_999),
    width=st.integers(1, 4),
    module=st.integers(1, 999),
    recall=st.booleans(),
)
def test_spoken_text_never_has_digits_or_dashes(prefix, seq, width, module, recall):
    number = f"{prefix}-{seq:0{width}d}"
    for text in (
        spanish_announcement(number, module, recall=recall),
        quechua_announcement(number, module, recall=recall),
    ):
        assert not re.search(r"[0-9]", text)
        assert "guion" not in text and "guión" not in text
        assert f"{prefix}-" not in text
    spoken = spanish_ticket(number)
    # Every leading zero is said, then the rest as one number.
    zeros = len(f"{seq:0{width}d}") - len(str(seq))
    assert spoken.split(" ")[len(spanish_letters(prefix).split(" ")) :][:zeros] == ["cero"] * zeros


@given(st.integers(0, 999_999_999))
def test_number_words_are_words(n):
    for words in (spanish_number(n), quechua_number(n)):
        assert words and not re.search(r"[0-9]", words)
        assert "  " not in words and words == words.strip()


def test_the_short_form_of_a_burst_leaves_out_turno_but_not_on_a_recall():
    assert spanish_announcement("R-002", 2, short=True) == "Erre cero cero dos, módulo dos."
    assert (
        spanish_announcement("R-002", 2, short=True, recall=True)
        == "Nuevo llamado. Turno erre cero cero dos, módulo dos."
    )
