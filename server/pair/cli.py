"""The `macturnos failover` and `macturnos pair ...` commands."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from macturnos.server.pair.config import PairConfig, PairConfigError, load_pair


def _add_pair_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--pair",
        default=os.environ.get("MACTURNOS_PAIR"),
        help="pair file describing both machines (default: MACTURNOS_PAIR)",
    )
    p.add_argument(
        "--node",
        default=os.environ.get("MACTURNOS_PAIR_NODE"),
        help="which machine of the pair this one is (default: MACTURNOS_PAIR_NODE)",
    )


def _say(text: str) -> None:
    print(text, flush=True)


def _load(args: argparse.Namespace) -> tuple[PairConfig, str]:
    if not args.pair:
        raise PairConfigError("Indique el archivo del par con --pair o MACTURNOS_PAIR.")
    config = load_pair(args.pair)
    if not args.node:
        raise PairConfigError("Indique cuál máquina es esta con --node o MACTURNOS_PAIR_NODE.")
    config.node(args.node)
    return config, args.node


def _guarded(run: object) -> object:
    """Turn the pair's expected failures into a Spanish message and exit status 2."""
    from macturnos.server.pair.pg import PairError

    def wrapper(args: argparse.Namespace) -> int:
        try:
            return int(run(args) or 0)  # type: ignore[operator]
        except (PairError, PairConfigError) as err:
            print(err, file=sys.stderr)
            return 2

    return wrapper


def cmd_failover(args: argparse.Namespace) -> int:
    """Promote this machine's standby after checking that the primary is gone."""
    from macturnos.server.pair.failover import failover

    config, node = _load(args)
    if not args.yes:
        answer = input(f"¿Convertir «{node}» en la máquina principal? Escriba SI para continuar: ")
        if answer.strip().upper() not in ("SI", "SÍ"):
            print("Conmutación cancelada.", file=sys.stderr)
            return 1
    failover(config, node, _say, force=args.force)
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Prepare this machine: the primary's cluster, or the standby's base backup."""
    from macturnos.server.pair.setup import init_primary, init_standby

    config, node = _load(args)
    if node == config.initial_primary:
        init_primary(config, node, _say)
        _say(
            f"Siguiente paso: inicie aquí el servidor de turnos (crea ticket-signing.key en su "
            f"carpeta de datos), copie {args.pair}, {config.passfile} y esa clave a la otra "
            f"máquina y ejecute allí «macturnos pair init --node {config.peer_of(node)}»."
        )
    else:
        init_standby(config, node, _say, force=args.force)
    return 0


def cmd_rejoin(args: argparse.Namespace) -> int:
    """Make this machine (a former primary) the standby of the current primary."""
    from macturnos.server.pair.setup import rejoin

    config, node = _load(args)
    rejoin(config, node, _say, fresh=args.fresh)
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    """Start this machine's PostgreSQL at boot: fenced when the other machine took over."""
    from macturnos.server.pair.setup import start_at_boot

    config, node = _load(args)
    start_at_boot(config, node, _say)
    return 0


def _two_primaries(config: PairConfig, report: dict[str, dict[str, Any]]) -> None:
    """Put the alert PAIR_TWO_PRIMARIES on the older of two databases that are not standbys."""
    from macturnos.messages import message

    heads = [n for n, e in report.items() if e["state"] in ("primary", "fenced")]
    if len(heads) < 2:
        return
    old, new = sorted(heads, key=lambda n: report[n]["timeline"] or 0)
    report[old].setdefault("alerts", []).append(
        {
            "code": "PAIR_TWO_PRIMARIES",
            "message": message(
                "PAIR_TWO_PRIMARIES", antigua=old, nodo=new, linea=report[old]["timeline"]
            ),
        }
    )


def cmd_status(args: argparse.Namespace) -> int:
    """Print both machines' roles and the replication lag."""
    from macturnos.server.pair import pg

    config, node = _load(args)
    report: dict[str, dict[str, Any]] = {}
    for name in config.nodes:
        state = pg.probe(config, name, timeout_s=1)
        entry: dict[str, Any] = {
            "address": f"{config.node(name).address}:{config.node(name).pg_port}",
            "state": (
                "unreachable"
                if not state.reachable
                else "standby"
                if state.in_recovery
                else "fenced"
                if state.read_only
                else "primary"
            ),
            "timeline": state.timeline,
        }
        if state.primary:
            with pg.connect(config.conninfo(node=name)) as conn:
                entry["replication"] = pg.replication_rows(conn)
                entry["synchronous_standby_names"] = conn.execute(
                    "SHOW synchronous_standby_names"
                ).fetchone()[0]  # type: ignore[index]
        elif state.reachable:
            with pg.connect(config.conninfo(node=name)) as conn:
                entry["receiver"] = pg.receiver_state(conn)
        report[name] = entry
    _two_primaries(config, report)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    names = {
        "primary": "principal",
        "standby": "respaldo",
        "unreachable": "sin respuesta",
        "fenced": "aislada (reincorporar)",
    }
    for name, entry in report.items():
        here = " (esta máquina)" if name == node else ""
        print(
            f"{name}{here}: {entry['address']}  {names[str(entry['state'])]}"
            f"  línea de tiempo {entry['timeline']}"
        )
        for row in entry.get("replication") or []:
            print(
                f"  respaldo {row['name']}: {row['state']} / {row['sync_state']}, "
                f"retraso {row['lag_bytes']} bytes, {row['lag_seconds']} s"
            )
        for alert in entry.get("alerts") or []:
            print(f"  ALERTA: {alert['message']}")
        if entry.get("synchronous_standby_names") == "":
            print("  ALERTA: sin respaldo síncrono, el centro funciona con una sola máquina")
        if "receiver" in entry:
            rx = entry["receiver"]
            print(
                f"  recepción: {rx['receiver']}, pendiente de aplicar "
                f"{rx['replay_backlog_bytes']} bytes"
            )
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the pair-mode subcommands on the `macturnos` parser."""
    p = sub.add_parser("failover", help="pair mode: promote this machine's standby database")
    _add_pair_options(p)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument(
        "--force",
        action="store_true",
        help="promote even if the peer's port or turn server still answers "
        "(never when its database is a writable primary)",
    )
    p.set_defaults(func=_guarded(cmd_failover))

    p = sub.add_parser("pair", help="pair mode: two machines with replication")
    psub = p.add_subparsers(dest="pair_command", required=True)
    q = psub.add_parser("init", help="prepare this machine (primary, or standby by base backup)")
    _add_pair_options(q)
    q.add_argument(
        "--force",
        action="store_true",
        help="standby: set aside existing data and copy the primary again",
    )
    q.set_defaults(func=_guarded(cmd_init))
    q = psub.add_parser("rejoin", help="make this former primary the standby of the new one")
    _add_pair_options(q)
    q.add_argument("--fresh", action="store_true", help="full base backup instead of pg_rewind")
    q.set_defaults(func=_guarded(cmd_rejoin))
    q = psub.add_parser(
        "start",
        help="start this machine's PostgreSQL (boot unit): read-only when the other took over",
    )
    _add_pair_options(q)
    q.set_defaults(func=_guarded(cmd_start))
    q = psub.add_parser("status", help="roles of both machines and replication lag")
    _add_pair_options(q)
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.set_defaults(func=_guarded(cmd_status))
