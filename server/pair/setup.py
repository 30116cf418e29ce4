"""Preparing the two clusters: the primary (initdb, roles, settings), the standby
(pg_basebackup) and rejoining an old primary as the new standby (pg_rewind)."""

from __future__ import annotations

import ipaddress
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow

from macturnos.messages import message
from macturnos.server.pair import pg
from macturnos.server.pair.config import PairConfig

Say = Callable[[str], None]

# Replicated to the standby with the base backup (postgresql.auto.conf), so both
# machines share them whichever is primary.
SHARED_SETTINGS: dict[str, str] = {
    "wal_level": "replica",
    "max_wal_senders": "10",
    "max_replication_slots": "10",
    # Enough WAL for a standby that was away a while to catch up without a new copy.
    "wal_keep_size": "2GB",
    "hot_standby": "on",
    "hot_standby_feedback": "on",
    # pg_rewind needs it (clusters made by `pair init` also have checksums).
    "wal_log_hints": "on",
    "synchronous_commit": "on",
    # A vanished peer is noticed in seconds, not the default minute.
    "wal_sender_timeout": "5s",
    "wal_receiver_timeout": "5s",
    "wal_receiver_status_interval": "1s",
    "tcp_keepalives_idle": "5",
    "tcp_keepalives_interval": "2",
    "tcp_keepalives_count": "3",
}


def _host_spec(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address  # a host name: pg_hba resolves it
    return f"{ip}/{32 if ip.version == 4 else 128}"


def hba_text(config: PairConfig) -> str:
    """pg_hba.conf of both clusters: passwords (SCRAM) from the two machines only."""
    lines = [
        "# MAC Turnos pair: written by `macturnos pair init`; identical on both machines.",
        "# TYPE  DATABASE  USER  ADDRESS  METHOD",
        f"local   all  {config.os_user}  peer",
        "local   all  all  scram-sha-256",
    ]
    addresses = {"127.0.0.1", *(n.address for n in config.nodes.values())}
    for address in sorted(addresses):
        spec = _host_spec(address)
        lines += [
            f"host    {config.database}  {config.user}  {spec}  scram-sha-256",
            f"host    replication  {config.replication_user}  {spec}  scram-sha-256",
            f"host    all  {config.admin_user}  {spec}  scram-sha-256",
        ]
    return "\n".join(lines) + "\n"


def node_conf_text(config: PairConfig, node: str, passwords: dict[str, str]) -> str:
    """Settings proper to `node`: where it listens and which peer it follows as standby."""
    me = config.node(node)
    peer = config.node(config.peer_of(node))
    listen = ",".join(sorted({me.address, "127.0.0.1"}))
    upstream = (
        f"host={peer.address} port={peer.pg_port} user={config.replication_user} "
        f"password={passwords[config.replication_user]} application_name={node} "
        f"connect_timeout={config.connect_timeout_s}"
    )
    return (
        "# MAC Turnos pair: this machine only (rewritten by `macturnos pair init|rejoin`).\n"
        f"listen_addresses = '{listen}'\n"
        f"port = {me.pg_port}\n"
        f"cluster_name = 'macturnos-{node}'\n"
        f"primary_conninfo = '{_conf_escape(upstream)}'\n"
        "recovery_target_timeline = 'latest'\n"
    )


def _conf_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "''")


def _write_owned(config: PairConfig, path: Path, text: str, mode: int = 0o600) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    pg.chown_to_owner(config, path)


def write_node_files(config: PairConfig, node: str, passwords: dict[str, str]) -> None:
    """Write this node's own settings and the shared pg_hba into its data directory."""
    pgdata = config.node(node).pgdata
    _write_owned(config, pgdata / pg.NODE_CONF, node_conf_text(config, node, passwords))
    _write_owned(config, pgdata / "pg_hba.conf", hba_text(config))
    main_conf = pgdata / "postgresql.conf"
    include = f"include_if_exists = '{pg.NODE_CONF}'"
    text = main_conf.read_text(encoding="utf-8")
    if include not in text:
        _write_owned(config, main_conf, text.rstrip("\n") + f"\n\n{include}\n", 0o600)


def _make_pgdata(config: PairConfig, pgdata: Path) -> None:
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    pgdata.mkdir(mode=0o700)
    pg.chown_to_owner(config, pgdata)


def _admin(
    config: PairConfig,
    node: str,
    passwords: dict[str, str],
    host: str = "127.0.0.1",
    dbname: str = "postgres",
) -> psycopg.Connection[TupleRow]:
    me = config.node(node)
    return pg.connect(
        f"host={host} port={me.pg_port} user={config.admin_user} dbname={dbname} "
        f"password={passwords[config.admin_user]} connect_timeout={config.connect_timeout_s}"
    )


def admin_connection(
    config: PairConfig, node: str, dbname: str = "postgres"
) -> psycopg.Connection[TupleRow]:
    """A superuser connection to this node's own cluster (password from the passfile)."""
    return _admin(config, node, pg.read_passwords(config), dbname=dbname)


def init_primary(config: PairConfig, node: str, say: Say) -> None:
    """Create (if needed) and configure this node's cluster as the pair's primary."""
    passwords = pg.ensure_passfile(config)
    pgdata = config.node(node).pgdata
    if not (pgdata / "PG_VERSION").exists():
        if pgdata.exists() and any(pgdata.iterdir()):
            raise pg.PairError(f"{pgdata} no está vacío y no es un clúster de PostgreSQL.")
        if not pgdata.exists():
            _make_pgdata(config, pgdata)
        say(f"Creando el clúster de PostgreSQL en {pgdata} ...")
        with pg.owner_readable_file(config, passwords[config.admin_user] + "\n") as pwfile:
            pg.run_tool(
                config, "initdb", "-D", str(pgdata), "-U", config.admin_user,
                f"--pwfile={pwfile}", "--auth-local=peer", "--auth-host=scram-sha-256",
                "--data-checksums", "--encoding=UTF8", "--locale=C.UTF-8",
            )  # fmt: skip
    write_node_files(config, node, passwords)
    if pg.cluster_running(config, node):
        pg.pg_ctl(config, node, "restart", "-m", "fast")
    else:
        pg.pg_ctl(config, node, "start")
    with _admin(config, node, passwords) as conn:
        say("Configurando la replicación síncrona y las cuentas ...")
        # Synchronous mode starts when the standby streams (`init_standby`):
        # until then every commit here would wait for a machine not yet there.
        pg.set_system(conn, **SHARED_SETTINGS, synchronous_standby_names="")
        _ensure_role(
            conn, config.replication_user, passwords[config.replication_user], "REPLICATION"
        )
        _ensure_role(conn, config.user, passwords[config.user], "")
        for statement in (
            "GRANT pg_monitor TO {u}",
            # The turn servers relax and restore synchronous mode themselves,
            # and fence a stale primary: nothing more than these settings.
            "GRANT ALTER SYSTEM ON PARAMETER synchronous_standby_names TO {u}",
            "GRANT ALTER SYSTEM ON PARAMETER default_transaction_read_only TO {u}",
        ):
            conn.execute(sql.SQL(statement).format(u=sql.Identifier(config.user)))
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (config.database,)
        ).fetchone()
        if not exists:
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(config.database), sql.Identifier(config.user)
                )
            )
        pending = conn.execute("SELECT count(*) FROM pg_settings WHERE pending_restart").fetchone()
    with _admin(config, node, passwords, dbname=config.database) as conn:
        # Function privileges live in each database's own catalogue.
        conn.execute(
            sql.SQL("GRANT EXECUTE ON FUNCTION pg_reload_conf() TO {}").format(
                sql.Identifier(config.user)
            )
        )
    if pending and pending[0]:
        pg.pg_ctl(config, node, "restart", "-m", "fast")
    say(f"Primaria lista en {config.node(node).address}:{config.node(node).pg_port}.")


def _ensure_role(conn: psycopg.Connection[TupleRow], role: str, password: str, attrs: str) -> None:
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    verb = "ALTER" if exists else "CREATE"
    conn.execute(
        sql.SQL(verb + " ROLE {} WITH LOGIN " + attrs + " PASSWORD {}").format(
            sql.Identifier(role), sql.Literal(password)
        )
    )


def _require_peer_primary(config: PairConfig, node: str) -> str:
    peer = config.peer_of(node)
    state = pg.probe(config, peer)
    if not state.primary:
        detail = state.error or ("está en modo respaldo" if state.in_recovery else "solo lectura")
        raise pg.PairError(message("PAIR_NO_PRIMARY", nodo=peer, detalle=detail))
    return peer


def _base_backup(config: PairConfig, node: str, peer: str, passwords: dict[str, str]) -> None:
    src = config.node(peer)
    pgdata = config.node(node).pgdata
    _make_pgdata(config, pgdata)
    pg.run_tool(
        config, "pg_basebackup", "-h", src.address, "-p", str(src.pg_port),
        "-U", config.replication_user, "-D", str(pgdata), "-X", "stream", "-c", "fast",
        "--no-password", password=passwords[config.replication_user], timeout_s=6 * 3600,
    )  # fmt: skip


def _become_standby(config: PairConfig, node: str, passwords: dict[str, str]) -> None:
    write_node_files(config, node, passwords)
    _write_owned(config, config.node(node).pgdata / "standby.signal", "")
    pg.pg_ctl(config, node, "start")


def init_standby(config: PairConfig, node: str, say: Say, *, force: bool = False) -> None:
    """Copy the primary with pg_basebackup and start this node as its synchronous standby."""
    passwords = pg.read_passwords(config)
    peer = _require_peer_primary(config, node)
    pgdata = config.node(node).pgdata
    if pgdata.exists() and any(pgdata.iterdir()):
        if not force:
            raise pg.PairError(
                f"{pgdata} ya tiene datos; use --force para reemplazarlos por una copia de «{peer}»."
            )
        _set_aside(config, node)
    say(f"Copiando la base de datos de «{peer}» (pg_basebackup) ...")
    _base_backup(config, node, peer, passwords)
    _become_standby(config, node, passwords)
    _synchronous_when_streaming(config, node, peer, passwords)
    say(f"Respaldo «{node}» en marcha, siguiendo a «{peer}» en modo síncrono.")


def _synchronous_when_streaming(
    config: PairConfig, node: str, peer: str, passwords: dict[str, str], timeout_s: float = 120
) -> None:
    """Wait until this standby streams from the primary, then make the primary wait for it."""
    deadline = time.monotonic() + timeout_s
    with _admin(config, peer, passwords, host=config.node(peer).address) as conn:
        while True:
            row = conn.execute(
                "SELECT 1 FROM pg_stat_replication WHERE application_name = %s"
                " AND state = 'streaming'",
                (node,),
            ).fetchone()
            if row:
                break
            if time.monotonic() > deadline:
                raise pg.PairError(
                    f"«{node}» no empezó a recibir la replicación de «{peer}»; revise "
                    f"{pg.log_file(config.node(node).pgdata)}."
                )
            time.sleep(0.2)
        pg.set_system(conn, synchronous_standby_names=config.synchronous_names)


def _set_aside(config: PairConfig, node: str) -> Path:
    if pg.cluster_running(config, node):
        pg.pg_ctl(config, node, "stop", "-m", "fast")
    pgdata = config.node(node).pgdata
    aside = pgdata.with_name(f"{pgdata.name}.anterior-{time.strftime('%Y%m%d-%H%M%S')}")
    pgdata.rename(aside)
    return aside


def rejoin(config: PairConfig, node: str, say: Say, *, fresh: bool = False) -> str:
    """Make this node (an old primary) the standby of the new primary; returns the method used."""
    passwords = pg.read_passwords(config)
    peer = _require_peer_primary(config, node)
    pgdata = config.node(node).pgdata
    if pg.cluster_running(config, node):
        local = pg.probe(config, node)
        if local.reachable and local.in_recovery:
            say(f"«{node}» ya es respaldo de «{peer}»: no hay nada que hacer.")
            return "none"
        pg.pg_ctl(config, node, "stop", "-m", "fast")
    method = "pg_basebackup"
    if not fresh and (pgdata / "PG_VERSION").exists():
        src = config.node(peer)
        say(f"Alineando «{node}» con «{peer}» (pg_rewind) ...")
        source = (
            f"host={src.address} port={src.pg_port} user={config.admin_user} dbname=postgres "
            f"connect_timeout={config.connect_timeout_s}"
        )
        try:
            # pg_rewind reads the source's timeline from its control file, which
            # a promotion updates only at its next checkpoint.
            with _admin(config, peer, passwords, host=src.address) as conn:
                conn.execute("CHECKPOINT")
            done = pg.run_tool(
                config,
                "pg_rewind",
                "-D",
                str(pgdata),
                f"--source-server={source}",
                "--progress",
                password=passwords[config.admin_user],
                timeout_s=3600,
            )
            say((done.stderr or done.stdout).strip())
            method = "pg_rewind"
        except pg.PairError as err:
            say(f"pg_rewind no fue posible ({err}); se hará una copia completa.")
    if method == "pg_basebackup":
        if pgdata.exists():
            aside = _set_aside(config, node)
            say(f"Datos anteriores guardados en {aside}.")
        say(f"Copiando la base de datos de «{peer}» (pg_basebackup) ...")
        _base_backup(config, node, peer, passwords)
    _become_standby(config, node, passwords)
    _synchronous_when_streaming(config, node, peer, passwords)
    say(f"«{node}» es ahora respaldo de «{peer}» ({method}), en modo síncrono.")
    return method


def control_timeline(config: PairConfig, node: str) -> int | None:
    """The timeline in this node's control file (readable while its PostgreSQL is stopped)."""
    done = pg.run_tool(
        config, "pg_controldata", "-D", str(config.node(node).pgdata), check=False, timeout_s=30
    )
    for line in done.stdout.splitlines():
        if line.startswith("Latest checkpoint's TimeLineID:"):
            return int(line.split(":", 1)[1])
    return None


def start_at_boot(config: PairConfig, node: str, say: Say) -> str:
    """Start this node's PostgreSQL as the boot unit does; returns how it started.

    A standby starts as one. A database that would start as a primary while the
    other machine is a primary on a newer timeline (this one died and the other
    was promoted) starts read-only from its first moment ("fenced"): it takes no
    ticket until `pair rejoin` makes it the standby. When the other machine does
    not answer, there is no way to tell, and it starts as it is (the turn servers
    still never use an older timeline than they have seen).
    """
    if pg.cluster_running(config, node):
        say(f"La base de datos de «{node}» ya está en marcha.")
        return "running"
    pgdata = config.node(node).pgdata
    if (pgdata / "standby.signal").exists():
        pg.pg_ctl(config, node, "start")
        say(f"«{node}» arrancó como respaldo.")
        return "standby"
    peer = config.peer_of(node)
    there = pg.probe(config, peer)
    mine = control_timeline(config, node)
    if there.reachable and there.in_recovery is False and (there.timeline or 0) > (mine or 0):
        # Given on the command line, the setting outranks every configuration file.
        pg.pg_ctl(config, node, "start", "-o", "-c default_transaction_read_only=on")
        say(message("PAIR_BOOT_FENCED", nodo=node, otro=peer))
        return "fenced"
    pg.pg_ctl(config, node, "start")
    say(f"«{node}» arrancó como principal.")
    return "primary"


def remove_cluster(config: PairConfig, node: str) -> None:
    """Stop and delete this node's cluster (tests and a fresh re-installation)."""
    if pg.cluster_running(config, node):
        pg.pg_ctl(config, node, "stop", "-m", "immediate")
    pgdata = config.node(node).pgdata
    shutil.rmtree(pgdata, ignore_errors=True)
    pg.log_file(pgdata).unlink(missing_ok=True)
