"""Running the reference PCM receiver and administering it from the command line.

`macturnos pcm-receiver` calls `serve(args)`; the same actions are available as
`python -m macturnos.pcm.receiver {serve,add-centre,load-appointments,load-catalogue}`.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
    store.publish_catalogue(code, str(doc["version"]), sections)
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


def serve(args: argparse.Namespace) -> int:
    """Run the receiver (or, with an admin option set, carry out that action and exit)."""
    store = ReceiverStore(database_url(getattr(args, "db", None), getattr(args, "data_dir", None)))
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

        log.info("PCM receiver on %s:%d (%s)", args.host, args.port, store.backend)
        uvicorn.run(create_app(store), host=args.host, port=args.port, log_level="info")
        return 0
    except ReceiverError as err:
        print(f"error: {err.code} {err.detail}", file=sys.stderr)
        return 2
    finally:
        store.dispose()


def main(argv: list[str] | None = None) -> int:
    """`python -m macturnos.pcm.receiver`: the receiver and its admin actions."""
    parser = argparse.ArgumentParser(prog="macturnos-pcm-receiver")
    parser.add_argument("--db", help="receiver database URL (default: SQLite in --data-dir)")
    parser.add_argument("--data-dir", default=None, help="folder of the receiver's data")
    sub = parser.add_subparsers(dest="action", required=True)
    p = sub.add_parser("serve", help="run the receiver")
    p.add_argument("--host", default="0.0.0.0")
    p.add_argument("--port", type=int, default=8480)
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
        host=getattr(args, "host", "0.0.0.0"),
        port=getattr(args, "port", 8480),
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
