"""The `macturnos` command line: server, configuration, database, accounts, demo."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macturnos import __version__
from macturnos.messages import t

if TYPE_CHECKING:
    from macturnos.server.context import ServerContext
    from macturnos.server.main import ServerSettings


def _server_settings(args: argparse.Namespace) -> ServerSettings:
    from macturnos.server.main import ServerSettings

    settings = ServerSettings()
    if getattr(args, "config", None):
        settings.config_path = Path(args.config)
    if getattr(args, "data_dir", None):
        settings.data_dir = Path(args.data_dir).resolve()
    if getattr(args, "db", None):
        settings.database_url = args.db
    if getattr(args, "host", None):
        settings.host = args.host
    if getattr(args, "port", None):
        settings.port = args.port
    if getattr(args, "public_port", None) is not None:
        settings.public_port = args.public_port
    if getattr(args, "public_url", None):
        settings.public_url = args.public_url
    if getattr(args, "no_zeroconf", False):
        settings.zeroconf = False
    if getattr(args, "start_at", None):
        settings.start_at = _start_instant(args.start_at, settings)
    return settings


def _start_instant(text: str, settings: ServerSettings) -> datetime:
    """Today at HH:MM (or a full ISO instant) in the centre's time zone."""
    from zoneinfo import ZoneInfo

    from macturnos.config import load_centre

    tz = ZoneInfo(load_centre(settings.config_path).centre.timezone)
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        hh, _, mm = text.partition(":")
        instant = datetime.now(tz).replace(
            hour=int(hh), minute=int(mm or 0), second=0, microsecond=0
        )
    return instant if instant.tzinfo else instant.replace(tzinfo=tz)


def _add_server_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", help="centre file (default: MACTURNOS_CONFIG or the demo centre)")
    p.add_argument("--data-dir", help="folder of the embedded database and keys (default ./var)")
    p.add_argument("--db", help="database URL, e.g. postgresql+psycopg://user@host/db")


def cmd_check_config(args: argparse.Namespace) -> int:
    """Validate a centre file and say what it declares."""
    from macturnos.config import ConfigError, load_centre

    try:
        cfg = load_centre(args.file)
    except ConfigError as err:
        print(err, file=sys.stderr)
        return 2
    except OSError as err:
        print(
            t(
                "{archivo}: no se puede leer el archivo: {motivo}",
                archivo=args.file,
                motivo=err.strerror,
            ),
            file=sys.stderr,
        )
        return 2
    print(
        t(
            "{archivo}: correcto. {centro} ({codigo}): entidades: {entidades}, "
            "servicios: {servicios}, módulos: {modulos}, quioscos: {quioscos}, "
            "pantallas: {pantallas}.",
            archivo=args.file,
            centro=cfg.centre.name,
            codigo=cfg.centre.code,
            entidades=len(cfg.entities),
            servicios=len(cfg.services),
            modulos=len(cfg.modules),
            quioscos=len(cfg.kiosks),
            pantallas=len(cfg.displays),
        )
    )
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Apply the database migrations."""
    from macturnos.server import migrate

    settings = _server_settings(args)
    migrate.upgrade(settings.db_url)
    print(
        t(
            "Base de datos al día (revisión {revision}).",
            revision=", ".join(sorted(migrate.head_revisions())),
        )
    )
    return 0


def _database_place(settings: ServerSettings) -> str:
    """Where the accounts and devices commands write, as a person reads it (no password)."""
    from sqlalchemy.engine import make_url

    url = make_url(settings.db_url)
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


def _context(args: argparse.Namespace) -> ServerContext:
    from sqlalchemy.engine import make_url

    from macturnos.config import ConfigError
    from macturnos.server.main import build_context

    settings = _server_settings(args)
    url = make_url(settings.db_url)
    if url.get_backend_name() == "sqlite" and not Path(str(url.database)).exists():
        # An account in a database no server uses is lost work: e.g. a pair-mode
        # machine without MACTURNOS_PAIR would have written to ./var/macturnos.db.
        print(
            t(
                "No existe la base de datos {ruta}: inicie primero el servidor de turnos "
                "(o «macturnos db upgrade») con la misma carpeta de datos (--data-dir), "
                "o, con dos máquinas, defina MACTURNOS_PAIR y MACTURNOS_PAIR_NODE "
                "(docs/pair.md).",
                ruta=url.database,
            ),
            file=sys.stderr,
        )
        raise SystemExit(2)
    try:
        return build_context(settings)
    except ConfigError as err:
        print(err, file=sys.stderr)
        raise SystemExit(2) from err


def cmd_user_add(args: argparse.Namespace) -> int:
    """Create a staff account."""
    from macturnos.domain.errors import DomainError
    from macturnos.server.accounts import CONSOLE, create_user
    from macturnos.server.auth import Role

    password = _read_password(args)
    ctx = _context(args)
    try:
        create_user(
            ctx,
            CONSOLE,
            username=args.username,
            full_name=args.name or args.username,
            role=Role(args.role),
            password=password,
            entity_code=args.entity,
        )
    except DomainError as err:
        print(err.message, file=sys.stderr)
        return 2
    print(
        t(
            "Usuario {usuario} creado con el rol {rol} en {base}.",
            usuario=args.username,
            rol=args.role,
            base=_database_place(_server_settings(args)),
        )
    )
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    """Set a staff member's password (and lift a lockout)."""
    from macturnos.domain.errors import DomainError
    from macturnos.server.accounts import CONSOLE, set_password

    password = _read_password(args)
    ctx = _context(args)
    try:
        set_password(ctx, CONSOLE, args.username, password)
    except DomainError as err:
        print(err.message, file=sys.stderr)
        return 2
    print(t("Contraseña de {usuario} actualizada.", usuario=args.username))
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(t("Contraseña: "))
        if getpass.getpass(t("Repita la contraseña: ")) != password:
            print(t("Las contraseñas no coinciden."), file=sys.stderr)
            raise SystemExit(2)
    if len(password) < 8:
        print(t("La contraseña debe tener al menos 8 caracteres."), file=sys.stderr)
        raise SystemExit(2)
    return password


def cmd_device_add(args: argparse.Namespace) -> int:
    """Register a kiosk or call screen and print its one-time pairing code."""
    from macturnos.server.accounts import CONSOLE, register_device
    from macturnos.server.auth import Role

    ctx = _context(args)
    device = register_device(
        ctx, CONSOLE, kind=Role(args.kind), code=args.code, name=args.name or args.code
    )
    print(
        t(
            "Código de emparejamiento de {dispositivo}: {codigo} (válido 15 minutos)",
            dispositivo=device["code"],
            codigo=device["pairing_code"],
        )
    )
    return 0


def _console_change(args: argparse.Namespace, change: Callable[[Any], object], done: str) -> int:
    """Run one account or device change as the console; print `done` or the refusal."""
    from macturnos.domain.errors import DomainError

    ctx = _context(args)
    try:
        change(ctx)
    except DomainError as err:
        print(err.message, file=sys.stderr)
        return 2
    print(done)
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    """List the staff accounts."""
    from macturnos.server.accounts import list_users

    for u in list_users(_context(args)):
        state = t("activo") if u["active"] else t("deshabilitado")
        print(f"{u['username']:<20} {u['role']:<12} {u['entity'] or '-':<10} {state}")
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    """Disable an account; its sessions end at once."""
    from macturnos.server.accounts import CONSOLE, set_user_active

    return _console_change(
        args,
        lambda ctx: set_user_active(ctx, CONSOLE, args.username, False),
        t("Usuario {usuario} deshabilitado; sus sesiones terminaron.", usuario=args.username),
    )


def cmd_user_enable(args: argparse.Namespace) -> int:
    """Enable an account again."""
    from macturnos.server.accounts import CONSOLE, set_user_active

    return _console_change(
        args,
        lambda ctx: set_user_active(ctx, CONSOLE, args.username, True),
        t("Usuario {usuario} habilitado.", usuario=args.username),
    )


def cmd_user_role(args: argparse.Namespace) -> int:
    """Change an account's role; its sessions end (the next log-in has the new role)."""
    from macturnos.server.accounts import CONSOLE, set_user_role
    from macturnos.server.auth import Role

    return _console_change(
        args,
        lambda ctx: set_user_role(ctx, CONSOLE, args.username, Role(args.role)),
        t(
            "Usuario {usuario}: rol {rol}; sus sesiones terminaron.",
            usuario=args.username,
            rol=args.role,
        ),
    )


def cmd_device_list(args: argparse.Namespace) -> int:
    """List the registered kiosks and call screens."""
    from macturnos.server.accounts import list_devices

    for d in list_devices(_context(args)):
        state = t("activo") if d["active"] else t("revocado")
        seen = d["last_seen_at"] or t("nunca")
        print(
            f"{d['code']:<16} {d['kind']:<8} {state:<9} "
            + t("visto: {cuando}", cuando=seen)
            + f"  {d['name']}"
        )
    return 0


def cmd_device_revoke(args: argparse.Namespace) -> int:
    """Un-pair a device: its token is refused at once."""
    from macturnos.server.accounts import CONSOLE, revoke_device

    return _console_change(
        args,
        lambda ctx: revoke_device(ctx, CONSOLE, args.code),
        t(
            "Dispositivo {dispositivo} revocado: debe registrarse y emparejarse de nuevo.",
            dispositivo=args.code,
        ),
    )


def cmd_led(args: argparse.Namespace) -> int:
    """Run the LED agent of this PC (see docs/led.md)."""
    from macturnos.led.main import run

    return run(args)


def cmd_server(args: argparse.Namespace) -> int:
    """Run the turn server."""
    from macturnos.config import ConfigError
    from macturnos.server.main import serve
    from macturnos.server.pair.config import PairConfigError

    settings = _server_settings(args)
    try:
        serve(settings)
    except (ConfigError, PairConfigError) as err:
        print(err, file=sys.stderr)
        return 2
    return 0


def cmd_pcm_receiver(args: argparse.Namespace) -> int:
    """Run the reference PCM receiver."""
    from macturnos.pcm.receiver import serve

    return serve(args)


def cmd_demo(args: argparse.Namespace) -> int:
    """Run a whole centre on this machine with simulated devices."""
    from macturnos.demo import run_demo

    return run_demo(args)


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy the database and the signing key into one archive (safe while the server runs)."""
    from macturnos.server.backup import BackupError, backup, backup_report, default_backup_dir

    settings = _server_settings(args)
    folder = Path(args.to) if args.to else default_backup_dir(settings.data_dir)
    try:
        result = backup(settings.db_url, settings.data_dir, folder, keep_days=args.keep_days)
    except BackupError as err:
        print(err, file=sys.stderr)
        return 1
    print(backup_report(result, args.keep_days))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup back into a data folder (the server stopped)."""
    from macturnos.server.backup import BackupError, restore, restore_report

    data_dir = Path(args.data_dir).resolve()
    try:
        result = restore(Path(args.file), data_dir, db_url=args.db, force=args.force)
    except BackupError as err:
        print(err, file=sys.stderr)
        return 1
    print(restore_report(result, data_dir))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `macturnos`."""
    parser = argparse.ArgumentParser(prog="macturnos", description="MAC Turnos")
    parser.add_argument("--version", action="version", version=f"macturnos {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="more log output")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("server", help="run the turn server")
    _add_server_options(p)
    p.add_argument("--host", default=None, help="address to listen on (default 0.0.0.0)")
    p.add_argument("--port", type=int, default=None, help="TCP port (default 8470)")
    p.add_argument(
        "--public-port",
        type=int,
        default=None,
        help="port of the citizen's pages, the only one for the guest Wi-Fi (default 8471; 0: off)",
    )
    p.add_argument(
        "--public-url",
        default=None,
        help="how phones reach those pages, printed in the tickets' QR "
        "(default http://<this machine's LAN address>:<public port>)",
    )
    p.add_argument("--no-zeroconf", action="store_true", help="do not announce on the LAN")
    p.add_argument("--start-at", help="training: run the clock from HH:MM today")
    p.set_defaults(func=cmd_server)

    p = sub.add_parser("check-config", help="validate a centre file")
    p.add_argument("file")
    p.set_defaults(func=cmd_check_config)

    p = sub.add_parser("db", help="database maintenance")
    dbsub = p.add_subparsers(dest="db_command", required=True)
    q = dbsub.add_parser("upgrade", help="apply migrations")
    _add_server_options(q)
    q.set_defaults(func=cmd_db_upgrade)

    p = sub.add_parser("user", help="staff accounts")
    usub = p.add_subparsers(dest="user_command", required=True)
    q = usub.add_parser("add", help="create a staff account")
    _add_server_options(q)
    q.add_argument("username")
    q.add_argument(
        "--role",
        required=True,
        choices=["advisor", "orientator", "supervisor", "coordinator", "ict"],
    )
    q.add_argument("--name", help="full name shown to colleagues")
    q.add_argument("--entity", help="entity code of an advisor")
    q.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    q.set_defaults(func=cmd_user_add)
    q = usub.add_parser("passwd", help="set a password and lift a lockout")
    _add_server_options(q)
    q.add_argument("username")
    q.add_argument("--password-stdin", action="store_true")
    q.set_defaults(func=cmd_user_passwd)
    q = usub.add_parser("list", help="list the staff accounts")
    _add_server_options(q)
    q.set_defaults(func=cmd_user_list)
    for name, func, text in (
        ("disable", cmd_user_disable, "disable an account and end its sessions"),
        ("enable", cmd_user_enable, "enable a disabled account"),
    ):
        q = usub.add_parser(name, help=text)
        _add_server_options(q)
        q.add_argument("username")
        q.set_defaults(func=func)
    q = usub.add_parser("role", help="change an account's role (its sessions end)")
    _add_server_options(q)
    q.add_argument("username")
    q.add_argument("role", choices=["advisor", "orientator", "supervisor", "coordinator", "ict"])
    q.set_defaults(func=cmd_user_role)

    p = sub.add_parser("device", help="kiosks and call screens")
    dsub = p.add_subparsers(dest="device_command", required=True)
    q = dsub.add_parser("add", help="register a device and print its pairing code")
    _add_server_options(q)
    q.add_argument("--kind", required=True, choices=["kiosk", "display", "led", "survey"])
    q.add_argument("--code", required=True)
    q.add_argument("--name")
    q.set_defaults(func=cmd_device_add)
    q = dsub.add_parser("list", help="list the registered devices")
    _add_server_options(q)
    q.set_defaults(func=cmd_device_list)
    q = dsub.add_parser("revoke", help="un-pair a device: its token stops working at once")
    _add_server_options(q)
    q.add_argument("code")
    q.set_defaults(func=cmd_device_revoke)

    from macturnos.led.main import arguments as led_arguments

    p = sub.add_parser("led", help="run the LED agent: module displays show the calls")
    led_arguments(p, verbose=False)
    p.set_defaults(func=cmd_led)

    p = sub.add_parser("backup", help="back up the database and the signing key (online)")
    _add_server_options(p)
    p.add_argument("--to", help="folder of the backups (default <data-dir>/backups)")
    p.add_argument(
        "--keep-days", type=int, default=None, help="then delete its backups older than N days"
    )
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="restore a backup into a new data folder")
    p.add_argument("file", help="the backup archive (macturnos-backup-*.tar.gz)")
    p.add_argument("--data-dir", required=True, help="data folder to restore into")
    p.add_argument("--db", help="PostgreSQL database to restore a PostgreSQL backup into")
    p.add_argument("--force", action="store_true", help="move existing data aside first")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("pcm-receiver", help="run the reference PCM receiver (central office)")
    p.add_argument("--db", help="receiver database URL (default: SQLite in --data-dir)")
    p.add_argument("--data-dir", default=None, help="folder of the receiver's data")
    p.add_argument("--host", default="127.0.0.1", help="address (off this machine: with TLS)")
    p.add_argument("--port", type=int, default=8480)
    p.add_argument("--tls-cert", default=None, help="certificate (PEM) to serve HTTPS")
    p.add_argument("--tls-key", default=None, help="its private key (PEM)")
    p.add_argument(
        "--dni-key-file", default=None, help="the key sealing the DNIs (default: beside the DB)"
    )
    p.add_argument(
        "--add-centre", metavar="CODE", help="register a centre and print its credential"
    )
    p.add_argument("--centre", help="centre code for --load-appointments / --load-catalogue")
    p.add_argument("--load-appointments", metavar="FILE", help="a day's appointments (JSON)")
    p.add_argument("--load-catalogue", metavar="FILE", help="a catalogue update (YAML/JSON)")
    p.set_defaults(func=cmd_pcm_receiver)

    from macturnos.server.pair.cli import add_commands

    add_commands(sub)

    p = sub.add_parser("demo", help="run a whole demo centre on this machine")
    p.add_argument(
        "--data-dir", default=None, help="folder for the demo's data (default ./var/demo)"
    )
    p.add_argument("--port", type=int, default=8470)
    p.add_argument("--no-apps", action="store_true", help="only the server, no windows")
    p.add_argument(
        "--lan",
        action="store_true",
        help="listen on every address and announce on the LAN (default: 127.0.0.1 only; "
        "the demo accounts have a known password)",
    )
    p.add_argument(
        "--start-at",
        default=None,
        help="run the centre's clock from HH:MM (default: 10:00 when closed now)",
    )
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        force=True,  # python-escpos calls basicConfig() when imported
    )
    if not args.verbose:
        logging.getLogger("alembic").setLevel(logging.WARNING)
    return int(args.func(args) or 0)
