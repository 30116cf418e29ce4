"""The call screen's translations: the .qm matches its .ts and every visible text is in it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from macturnos.client.ui.app import Translations
from macturnos.display.app import I18N, arguments

BIN = Path(sys.executable).parent
DISPLAY = I18N.parent


def test_english_file_loads_and_translates(qapp):
    translations = Translations(qapp, I18N, "display")
    try:
        assert translations.use("en")
        assert QCoreApplication.translate("CallScreen", "Últimos llamados") == "Latest calls"
        assert QCoreApplication.translate("CallScreen", "Módulo {0}") == "Counter {0}"
    finally:
        translations.use("es")
    assert QCoreApplication.translate("CallScreen", "Últimos llamados") == "Últimos llamados"


def test_qm_is_compiled_from_the_current_ts(tmp_path):
    out = tmp_path / "display_en.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(I18N / "display_en.ts"), "-qm", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (I18N / "display_en.qm").read_bytes()


def test_every_visible_text_is_in_the_ts(tmp_path):
    ts = tmp_path / "display_en.ts"
    shutil.copy(I18N / "display_en.ts", ts)
    sources = [str(p) for p in sorted(DISPLAY.glob("*.py"))]
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(ts)], check=True, capture_output=True
    )
    unfinished = [
        m.findtext("source")
        for m in ET.parse(ts).getroot().iter("message")
        if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
    ]
    assert unfinished == []


def test_command_line():
    args = arguments().parse_args(
        [
            "--server",
            "http://127.0.0.1:8470",
            "--device",
            "TV-A",
            "--notice",
            "Aviso uno",
            "--notice",
            "Aviso dos",
            "--min-highlight",
            "2.5",
            "--windowed",
        ]
    )
    assert args.notice == ["Aviso uno", "Aviso dos"] and args.min_highlight == 2.5
