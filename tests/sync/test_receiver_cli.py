"""The PCM receiver's command line: loading data needs the centre it is for."""

from __future__ import annotations

import argparse

import pytest

from macturnos.pcm.receiver import serve


@pytest.mark.parametrize("option", ["load_appointments", "load_catalogue"])
def test_loading_without_a_centre_is_refused(tmp_path, capsys, option):
    # `macturnos pcm-receiver` makes --centre optional; a load without it is an error.
    args = argparse.Namespace(
        db=None,
        data_dir=str(tmp_path),
        add_centre=None,
        centre=None,
        load_appointments=None,
        load_catalogue=None,
    )
    setattr(args, option, str(tmp_path / "datos.json"))
    assert serve(args) == 2
    assert "Falta --centre" in capsys.readouterr().err


def test_loading_with_a_centre_goes_through(tmp_path, capsys):
    base = {"db": None, "data_dir": str(tmp_path), "add_centre": None, "centre": None}
    none = {"load_appointments": None, "load_catalogue": None}
    assert serve(argparse.Namespace(**{**base, **none, "add_centre": "LIMA-NORTE"})) == 0
    catalogue = tmp_path / "catalogo.json"
    catalogue.write_text('{"version": "2026-12", "sections": {"holidays": []}}', encoding="utf-8")
    args = {**base, **none, "centre": "LIMA-NORTE", "load_catalogue": str(catalogue)}
    assert serve(argparse.Namespace(**args)) == 0
    assert "Catálogo 2026-12 publicado para LIMA-NORTE" in capsys.readouterr().out
