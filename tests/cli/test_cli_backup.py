"""`macturnos backup` and `macturnos restore` as an ICT specialist uses them (issue 16, item 14)."""

from __future__ import annotations

import sqlite3

from support import FIXTURES

from macturnos.cli import main


def test_backup_then_restore_into_a_new_folder(tmp_path, capsys):
    data = tmp_path / "var"
    config = ["--config", str(FIXTURES / "centre.yaml"), "--data-dir", str(data)]
    assert main(["db", "upgrade", *config]) == 0
    (data / "ticket-signing.key").write_text("cd" * 32)
    capsys.readouterr()

    assert main(["backup", *config, "--keep-days", "14"]) == 0
    out = capsys.readouterr().out
    assert "Respaldo guardado en" in out and "0 turnos" in out
    (archive,) = (data / "backups").glob("macturnos-backup-*.tar.gz")

    fresh = tmp_path / "nueva"
    assert main(["restore", str(archive), "--data-dir", str(fresh)]) == 0
    out = capsys.readouterr().out
    assert "restaurado en" in out and f"--data-dir {fresh}" in out
    with sqlite3.connect(fresh / "macturnos.db") as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone() == (0,)
    assert (fresh / "ticket-signing.key").read_text() == "cd" * 32

    # Never over existing data without --force; a readable Spanish refusal, no traceback.
    assert main(["restore", str(archive), "--data-dir", str(fresh)]) == 1
    assert "Ya hay datos" in capsys.readouterr().err
    assert main(["backup", *config, "--keep-days", "-1"]) == 1
    assert "0 o más" in capsys.readouterr().err


def test_backup_with_the_default_folder_and_a_custom_one(tmp_path, capsys):
    data = tmp_path / "var"
    config = ["--config", str(FIXTURES / "centre.yaml"), "--data-dir", str(data)]
    assert main(["db", "upgrade", *config]) == 0
    assert main(["backup", *config, "--to", str(tmp_path / "usb")]) == 0
    assert list((tmp_path / "usb").glob("macturnos-backup-*.tar.gz"))
    assert not (data / "backups").exists()
