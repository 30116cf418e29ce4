"""The one message catalogue: gettext template and .po files, and who uses them."""

import subprocess
import sys

import pytest

import macturnos.client.messages
import macturnos.config.messages
import macturnos.hardware.messages
from macturnos import i18n
from macturnos.messages import (
    CITIZEN_REASONS,
    FALLBACK_MESSAGES,
    MESSAGES,
    UNAVAILABLE_NOW,
    citizen_reason,
    template_fields,
    translation,
    unavailable_now,
)

LANGUAGES = ("qu", "en")


def _pot_ids() -> set[str]:
    text = i18n.POT_FILE.read_text(encoding="utf-8")
    # parse_po keeps translated entries only: give every entry a stand-in translation.
    return set(i18n.parse_po(text.replace('msgstr ""\n', 'msgstr "x"\n')))


def test_the_template_is_up_to_date_with_the_sources():
    fresh = i18n.render_pot(i18n.extract(i18n.source_files()))
    assert i18n.POT_FILE.read_text(encoding="utf-8") == fresh, (
        "run: .venv/bin/python -m macturnos.i18n"
    )


def test_every_code_has_an_entry():
    ids = _pot_ids()
    for table in (MESSAGES, FALLBACK_MESSAGES, CITIZEN_REASONS):
        missing = sorted(code for code, text in table.items() if text not in ids)
        assert missing == []
    assert UNAVAILABLE_NOW in ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_match_the_template(language):
    catalog = i18n.read_po(i18n.LOCALE_DIR / f"{language}.po")
    assert catalog, "an empty catalogue"
    assert sorted(set(catalog) - _pot_ids()) == []  # no stale translation
    for msgid, msgstr in catalog.items():
        assert template_fields(msgstr) == template_fields(msgid), msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_citizen_reason_is_translated(language):
    for code, spanish in CITIZEN_REASONS.items():
        text = citizen_reason(code, language)
        assert text and text != spanish, (language, code)
    assert unavailable_now(language) != UNAVAILABLE_NOW


def test_citizen_reasons():
    assert citizen_reason("SERVICE_APPOINTMENT_ONLY", "qu") == "Citayuqllapaqmi."
    assert citizen_reason("SERVICE_CAPACITY_REACHED", "en") == "No tickets left for today."
    assert citizen_reason("SERVICE_CAPACITY_REACHED", "es") == "Ya no quedan turnos para hoy."
    assert citizen_reason("MODULE_BUSY", "en") is None
    assert citizen_reason(None, "en") is None
    assert unavailable_now("es") == UNAVAILABLE_NOW
    assert unavailable_now("en") == "Not available right now."


def test_spanish_and_unknown_languages_show_the_source_text():
    for language in ("es", "fr"):
        assert translation(language).gettext("Solo con cita previa.") == "Solo con cita previa."


def test_the_process_language_is_spanish_unless_configured():
    script = "from macturnos.messages import message; print(message('CENTRE_CLOSED_TODAY'), end='')"
    run = [sys.executable, "-c", script]
    env = {"PATH": "", "LANG": "en_US.UTF-8", "LANGUAGE": "en"}
    spanish = subprocess.run(run, capture_output=True, text=True, check=True, env=env, timeout=60)
    assert spanish.stdout == "El centro no atiende hoy."
    env["MACTURNOS_LANGUAGE"] = "en"
    english = subprocess.run(run, capture_output=True, text=True, check=True, env=env, timeout=60)
    assert english.stdout == "The centre is closed today."


def test_parse_po():
    text = (
        '# comment\nmsgid ""\nmsgstr ""\n"Language: qu\\n"\n\n'
        'msgid "Uno"\nmsgstr "One"\n\n'
        '#, fuzzy\nmsgid "Dos"\nmsgstr "Two?"\n\n'
        '#, python-brace-format\nmsgid ""\n"Línea {n}\\n"\n"y «otra»"\nmsgstr "Line {n}\\n\\"other\\""\n\n'
        'msgid "Tres"\nmsgstr ""\n'
    )
    assert i18n.parse_po(text) == {"Uno": "One", "Línea {n}\ny «otra»": 'Line {n}\n"other"'}
    with pytest.raises(ValueError, match="line 1"):
        i18n.parse_po("msgctxt x")


def test_the_template_reads_back():
    texts = ["Uno", "Con {campo}", 'Con "comillas" y \\', "Dos\nlíneas\n"]
    pot = i18n.render_pot(texts)
    assert '#, python-brace-format\nmsgid "Con {campo}"' in pot
    assert set(i18n.parse_po(pot.replace('msgstr ""\n', 'msgstr "x"\n'))) == set(texts)


def test_marked_texts():
    source = 'a = N_("Uno")\nb = _("Dos" " juntos")\nc = t("Tres {x}", x=1)\nd = tr("No")\n'
    assert i18n.marked_texts(source) == ["Uno", "Dos juntos", "Tres {x}"]


def test_the_libraries_use_the_one_mechanism():
    # They keep their texts but translate with macturnos.messages, not a re-export.
    for module in (
        macturnos.client.messages,
        macturnos.config.messages,
        macturnos.hardware.messages,
    ):
        assert not hasattr(module, "_") and not hasattr(module, "t"), module.__name__
