"""The `macturnos` command line as an ICT specialist uses it."""

from __future__ import annotations

import subprocess
import sys

from support import FIXTURES

from macturnos.cli import main
from macturnos.config import DEMO_CENTRE_PATH


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macturnos", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_config_accepts_the_demo_centre(capsys):
    assert main(["check-config", str(DEMO_CENTRE_PATH)]) == 0
    out = capsys.readouterr().out
    assert "correcto" in out and "módulos" in out


def test_check_config_names_file_line_and_field(tmp_path, capsys):
    bad = tmp_path / "centro.yaml"
    bad.write_text(
        (FIXTURES / "centre.yaml")
        .read_text()
        .replace('    colour: "#00529B"', '    colour: azul\n    color: "#00529B"')
    )
    assert main(["check-config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err
    assert "entities[1].colour" in err
    assert "entities[1].color" in err  # unknown key, never ignored
    assert main(["check-config", str(tmp_path / "missing.yaml")]) == 2


def test_check_config_reports_an_impossible_date_without_a_traceback(tmp_path, capsys):
    # It crashed with a bare ValueError naming no file, line or field (issue 15).
    bad = tmp_path / "centro.yaml"
    text = (FIXTURES / "centre.yaml").read_text()
    bad.write_text(text.replace("  - date: 2026-12-08", "  - date: 2026-02-30"))
    assert main(["check-config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:8: holidays[0].date:" in err
    assert "Traceback" not in err


def test_db_upgrade_user_add_and_device_add(tmp_path):
    data = ["--data-dir", str(tmp_path), "--config", str(FIXTURES / "centre.yaml")]
    r = run("db", "upgrade", *data)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "macturnos.db").exists()
    r = run(
        "user",
        "add",
        "sara",
        "--role",
        "supervisor",
        "--name",
        "Sara Quispe",
        "--password-stdin",
        *data,
        stdin="clave-segura-1\n",
    )
    assert r.returncode == 0, r.stderr
    assert "sara" in r.stdout
    again = run(
        "user",
        "add",
        "sara",
        "--role",
        "advisor",
        "--password-stdin",
        *data,
        stdin="clave-segura-1\n",
    )
    assert again.returncode == 2 and "sara" in again.stderr
    short = run(
        "user", "add", "beto", "--role", "advisor", "--password-stdin", *data, stdin="corta\n"
    )
    assert short.returncode == 2 and "8 caracteres" in short.stderr
    dev = run("device", "add", "--kind", "display", "--code", "TV-A", *data)
    assert dev.returncode == 0 and "emparejamiento" in dev.stdout
    r = run("user", "passwd", "sara", "--password-stdin", *data, stdin="clave-segura-2\n")
    assert r.returncode == 0, r.stderr
    # The console changes accounts through the API's own functions: each one is logged.
    from macturnos.server.db.engine import Database, sqlite_url
    from macturnos.server.events import events_after

    db = Database(sqlite_url(tmp_path / "macturnos.db"))
    with db.read() as s:
        events = events_after(s, 0)
    db.dispose()
    assert [(e["kind"], e["actor"]) for e in events] == [
        ("user.created", "system:cli"),
        ("device.registered", "system:cli"),
        ("user.password_set", "system:cli"),
    ]
    assert "clave-segura" not in str(events)


def test_server_refuses_a_broken_config(tmp_path):
    bad = tmp_path / "centro.yaml"
    bad.write_text("schema_version: 1\ncentre: {code: X}\n")
    r = run("server", "--config", str(bad), "--data-dir", str(tmp_path), "--no-zeroconf")
    assert r.returncode == 2
    assert "centro.yaml:2" in r.stderr


def test_version():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("macturnos ")
