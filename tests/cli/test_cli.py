"""The `macturnos` command line as an ICT specialist uses it."""

from __future__ import annotations

import subprocess
import sys

import pytest
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


def test_user_and_device_list_disable_enable_role_revoke(tmp_path, capsys):
    """Issue 15 item 4: before, there was no way to un-pair a device or disable a user."""
    data = ["--data-dir", str(tmp_path), "--config", str(FIXTURES / "centre.yaml")]
    assert run("db", "upgrade", *data).returncode == 0
    assert main(["device", "add", "--kind", "kiosk", "--code", "K1", *data]) == 0
    assert main(["device", "revoke", "K1", *data]) == 0
    assert main(["device", "revoke", "NADA", *data]) == 2
    assert main(["device", "list", *data]) == 0
    out = capsys.readouterr().out
    assert "K1" in out and "revocado" in out
    r = run("user", "add", "ana", "--role", "advisor", "--password-stdin", *data, stdin="x" * 9)
    assert r.returncode == 0, r.stderr
    assert main(["user", "disable", "ana", *data]) == 0
    assert main(["user", "list", *data]) == 0
    assert "deshabilitado" in capsys.readouterr().out
    assert main(["user", "enable", "ana", *data]) == 0
    assert main(["user", "role", "ana", "orientator", *data]) == 0
    assert main(["user", "list", *data]) == 0
    out = capsys.readouterr().out
    assert "orientator" in out and "activo" in out
    assert main(["user", "disable", "nadie", *data]) == 2


@pytest.mark.parametrize(
    ("extra", "host", "announced"), [([], "127.0.0.1", False), (["--lan"], "0.0.0.0", True)]
)
def test_demo_listens_on_this_machine_unless_lan(tmp_path, monkeypatch, extra, host, announced):
    """Issue 15 item 10: before, the demo listened on 0.0.0.0 with a known password."""
    import macturnos.demo
    from macturnos.cli import build_parser

    seen = []

    class Stop(Exception):
        pass

    def fake_build_context(settings, config):
        seen.append(settings)
        raise Stop

    monkeypatch.setattr(macturnos.demo, "build_context", fake_build_context)
    args = build_parser().parse_args(["demo", "--data-dir", str(tmp_path), *extra])
    with pytest.raises(Stop):
        args.func(args)
    assert seen[0].host == host and seen[0].zeroconf is announced
