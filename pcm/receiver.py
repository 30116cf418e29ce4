"""Running the reference PCM receiver and administering it from the command line.

`macturnos pcm-receiver` calls `serve(args)`; the same actions are available as
`python -m macturnos.pcm.receiver {serve,add-centre,load-appointments,load-catalogue}`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import logging
import os
import sys
from pathlib import Path
from typing import Any

from macturnos.pcm.store import ReceiverError, ReceiverStore

log = logging.getLogger("macturnos.pcm")


def database_url(db: str | None, data_dir: str | Path | None) -> str:
    """The receiver's database: the given URL, or SQLite in the data folder."""
    if db:
        return db
    folder = Path(data_dir or os.environ.get("MACTURNOS_PCM_DATA_DIR", "var/pcm")).resolve()
    return f"sqlite+pysqlite:///{folder / 'pcm-receiver.db'}"


def _read_document(path: Path) -> Any:
    from ruamel.yaml import YAML

    # JSON is YAML too, so one safe loader takes both formats.
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def add_centre(store: ReceiverStore, code: str) -> str:
    """Register a centre and return its credential (printed once, stored only hashed)."""
    return store.add_centre(code)


def load_appointments(store: ReceiverStore, code: str, path: Path) -> int:
    """Load a day's appointments from {"day": "YYYY-MM-DD", "appointments": [...]}."""
    doc = _read_document(path)
    day = doc["day"] if isinstance(doc["day"], dt.date) else dt.date.fromisoformat(doc["day"])
    return store.load_appointments(code, day, doc["appointments"])


def load_catalogue(store: ReceiverStore, code: str, path: Path) -> str:
    """Publish a catalogue from {"version": ..., "sections": {services, hours, holidays}}."""
    doc = _read_document(path)
    sections = _plain(doc["sections"])
    # Not str(): YAML reads `version: 2026.10` as 2026.1; the store refuses a number.
    store.publish_catalogue(code, doc.get("version"), sections)
    return str(doc["version"])


def _plain(value: Any) -> Any:
    """YAML values as JSON values (dates and times as text, as the centre file writes them)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def tls_files(args: argparse.Namespace) -> tuple[str, str] | None:
    """(certificate, key) from --tls-cert/--tls-key; refuses a receiver open in clear.

    Centres send events and receive DNIs: off this machine the receiver speaks TLS
    itself, or listens on a loopback address behind a TLS-terminating proxy.
    """
    cert, key = getattr(args, "tls_cert", None), getattr(args, "tls_key", None)
    if bool(cert) != bool(key):
        raise ReceiverError("PCM_TLS_INCOMPLETE")
    if cert and key:
        for file in (cert, key):
            if not Path(file).is_file():
                raise ReceiverError("PCM_TLS_MISSING_FILE", str(file))
        return str(cert), str(key)
    if not loopback(args.host):
        raise ReceiverError("PCM_TLS_REQUIRED", args.host)
    return None


def serve(args: argparse.Namespace) -> int:
    """Run the receiver (or, with an admin option set, carry out that action and exit)."""
    key_file = getattr(args, "dni_key_file", None)
    try:
        store = ReceiverStore(
            database_url(getattr(args, "db", None), getattr(args, "data_dir", None)),
            key_file=Path(key_file) if key_file else None,
        )
    except OSError as err:
        print(f"error: {err.strerror}: {err.filename}", file=sys.stderr)
        return 2
    try:
        code = getattr(args, "add_centre", None)
        if code:
            print(add_centre(store, code))
            return 0
        appointments = getattr(args, "load_appointments", None)
        catalogue = getattr(args, "load_catalogue", None)
        if appointments or catalogue:
            centre = getattr(args, "centre", None)
            if not centre:
                # `macturnos pcm-receiver` makes --centre optional: the loads need it.
                print("Falta --centre: el código del centro al que van los datos.", file=sys.stderr)
                return 2
            if appointments:
                n = load_appointments(store, centre, Path(appointments))
                print(f"{n} citas cargadas para {centre}")
            elif catalogue:
                version = load_catalogue(store, centre, Path(catalogue))
                print(f"Catálogo {version} publicado para {centre}")
            return 0
        import uvicorn

        from macturnos.pcm.app import create_app

        tls = tls_files(args)
        scheme = "https" if tls else "http"
        log.info("PCM receiver on %s://%s:%d (%s)", scheme, args.host, args.port, store.backend)
        uvicorn.run(
            create_app(store),
            host=args.host,
            port=args.port,
            log_level="info",
            ssl_certfile=tls[0] if tls else None,
            ssl_keyfile=tls[1] if tls else None,
        )
        return 0
    except ReceiverError as err:
        print(f"error: {err.code}: {refusal_text(err)}", file=sys.stderr)
        return 2
    finally:
        store.dispose()


DEFAULT_HOST = "127.0.0.1"
"""Loopback unless told otherwise: a receiver open to the network needs TLS."""


def add_key_option(parser: argparse.ArgumentParser) -> None:
    """--dni-key-file, for both command lines (`macturnos pcm-receiver` and this module)."""
    parser.add_argument(
        "--dni-key-file",
        default=None,
        help="the key that seals the DNIs (default: pcm-dni.key beside the SQLite file, or "
        "MACTURNOS_PCM_DNI_KEY_FILE); keep it out of the database's backups",
    )


def add_serve_options(parser: argparse.ArgumentParser) -> None:
    """Address and TLS options of serving, for both command lines."""
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on")
    parser.add_argument("--port", type=int, default=8480)
    parser.add_argument("--tls-cert", default=None, help="certificate (PEM) to serve HTTPS")
    parser.add_argument("--tls-key", default=None, help="its private key (PEM)")


def refusal_text(err: ReceiverError) -> str:
    """The Spanish text of a refusal, as the API words it."""
    from macturnos.pcm.app import refusal_message

    return refusal_message(err.code, err.detail)


def main(argv: list[str] | None = None) -> int:
    """`python -m macturnos.pcm.receiver`: the receiver and its admin actions."""
    parser = argparse.ArgumentParser(prog="macturnos-pcm-receiver")
    parser.add_argument("--db", help="receiver database URL (default: SQLite in --data-dir)")
    parser.add_argument("--data-dir", default=None, help="folder of the receiver's data")
    add_key_option(parser)
    sub = parser.add_subparsers(dest="action", required=True)
    p = sub.add_parser("serve", help="run the receiver")
    add_serve_options(p)
    p = sub.add_parser("add-centre", help="register a centre and print its credential")
    p.add_argument("code")
    p = sub.add_parser("load-appointments", help="load a day's appointments (JSON/YAML)")
    p.add_argument("--centre", required=True)
    p.add_argument("file")
    p = sub.add_parser("load-catalogue", help="publish a catalogue version (JSON/YAML)")
    p.add_argument("--centre", required=True)
    p.add_argument("file")
    args = parser.parse_args(argv)
    ns = argparse.Namespace(
        db=args.db,
        data_dir=args.data_dir,
        dni_key_file=args.dni_key_file,
        host=getattr(args, "host", DEFAULT_HOST),
        port=getattr(args, "port", 8480),
        tls_cert=getattr(args, "tls_cert", None),
        tls_key=getattr(args, "tls_key", None),
        add_centre=args.code if args.action == "add-centre" else None,
        centre=getattr(args, "centre", None),
        load_appointments=args.file if args.action == "load-appointments" else None,
        load_catalogue=args.file if args.action == "load-catalogue" else None,
    )
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    return serve(ns)


if __name__ == "__main__":
    sys.exit(main())
