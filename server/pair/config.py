"""The pair description: the two machines, their PostgreSQL clusters and the derived URLs.

One small YAML file, identical on both machines, says where each machine is;
`--node` (or MACTURNOS_PAIR_NODE) says which of the two this one is.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from ruamel.yaml import YAML, YAMLError

NODE_NAME = r"^[a-z][a-z0-9_]{0,30}$"


def installed_pg_bin(root: Path = Path("/usr/lib/postgresql")) -> Path:
    """The server binaries of the newest PostgreSQL installed (Debian: /usr/lib/postgresql/N/bin).

    Debian 12 ships 15, 13 ships 17: the default follows what the machine has instead of
    naming one version. Without that layout, the folder of an `initdb` on the PATH.
    """
    found = [p for p in root.glob("*/bin") if p.parent.name.isdigit()]
    if found:
        return max(found, key=lambda p: int(p.parent.name))
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else Path("/usr/lib/postgresql/15/bin")


class PairConfigError(Exception):
    """The pair file is missing or invalid (the message is in Spanish)."""


class Node(BaseModel):
    """One of the two machines."""

    model_config = ConfigDict(extra="forbid")

    address: str
    """IPv4 address (or host name) of the machine on the centre's LAN."""
    pg_port: Annotated[int, Field(ge=1, le=65535)] = 5432
    """TCP port of this machine's PostgreSQL cluster of the pair."""
    api_port: Annotated[int, Field(ge=1, le=65535)] = 8470
    """TCP port of this machine's turn server."""
    pgdata: Path = Path("/var/lib/postgresql/15/macturnos")
    """Data directory of the pair's cluster (owned by the `postgres` user)."""


class PairConfig(BaseModel):
    """The two machines of a centre and the accounts of their databases."""

    model_config = ConfigDict(extra="forbid")

    nodes: dict[Annotated[str, Field(pattern=NODE_NAME)], Node]
    """Exactly two machines, by name (the name is also the standby's application_name)."""
    initial_primary: str
    """The machine `macturnos pair init` makes primary; the other one starts as standby."""
    database: str = "macturnos"
    user: str = "macturnos"
    """Owner of the turn server's database; the turn servers log in as this role."""
    replication_user: str = "replicador"
    admin_user: str = "postgres"
    """Superuser used by the `macturnos pair` and `failover` commands on the local machine."""
    passfile: Path = Path("/etc/macturnos/pair.pgpass")
    """libpq password file with the passwords of `user`, `replication_user` and `admin_user`."""
    pg_bin: Path = Field(default_factory=installed_pg_bin)
    """PostgreSQL's server binaries (initdb, pg_ctl, ...); by default the newest installed."""
    os_user: str = "postgres"
    """Operating-system account that owns and runs the clusters."""
    connect_timeout_s: Annotated[int, Field(ge=1, le=30)] = 2
    standby_lost_after_s: Annotated[float, Field(gt=0, le=300)] = 5.0
    """How long the primary waits for a vanished standby before going on alone."""

    @model_validator(mode="after")
    def _two_nodes(self) -> PairConfig:
        if len(self.nodes) != 2:
            raise ValueError("se requieren exactamente dos máquinas en 'nodes'")
        if self.initial_primary not in self.nodes:
            raise ValueError("initial_primary debe ser una de las dos máquinas de 'nodes'")
        return self

    # --- derived ----------------------------------------------------------------------

    def node(self, name: str) -> Node:
        """The node called `name`."""
        try:
            return self.nodes[name]
        except KeyError:
            known = ", ".join(sorted(self.nodes))
            raise PairConfigError(
                f"La máquina «{name}» no está en el archivo del par (son: {known})."
            ) from None

    def peer_of(self, name: str) -> str:
        """The other node's name."""
        self.node(name)
        return next(n for n in self.nodes if n != name)

    @property
    def synchronous_names(self) -> str:
        """synchronous_standby_names naming both nodes: right whichever one is the standby."""
        return "FIRST 1 (" + ", ".join(f'"{n}"' for n in sorted(self.nodes)) + ")"

    def app_url(self) -> str:
        """SQLAlchemy URL of the turn servers: both hosts, whichever accepts writes."""
        hosts = "&".join(f"host={quote(n.address)}:{n.pg_port}" for n in self.nodes.values())
        return (
            f"postgresql+psycopg://{quote(self.user)}@/{quote(self.database)}?{hosts}"
            f"&target_session_attrs=read-write&connect_timeout={self.connect_timeout_s}"
            f"&passfile={quote(str(self.passfile))}"
        )

    def conninfo(
        self,
        *,
        node: str | None = None,
        user: str | None = None,
        dbname: str | None = None,
        read_write: bool = False,
        timeout_s: int | None = None,
        **extra: str,
    ) -> str:
        """A libpq connection string to one node, or to both when `node` is None."""
        nodes = [self.node(node)] if node else list(self.nodes.values())
        parts = {
            "host": ",".join(n.address for n in nodes),
            "port": ",".join(str(n.pg_port) for n in nodes),
            "user": user or self.user,
            "dbname": dbname or self.database,
            "connect_timeout": str(timeout_s or self.connect_timeout_s),
            "passfile": str(self.passfile),
            **extra,
        }
        if read_write:
            parts["target_session_attrs"] = "read-write"
        return " ".join(f"{k}={_quote_conninfo(v)}" for k, v in parts.items())


def _quote_conninfo(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def load_pair(path: str | Path) -> PairConfig:
    """Read and validate a pair file."""
    path = Path(path)
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise PairConfigError(f"{path}: no se puede leer el archivo: {err.strerror}") from err
    except YAMLError as err:
        raise PairConfigError(f"{path}: el archivo no es YAML válido: {err}") from err
    try:
        return PairConfig.model_validate(data or {})
    except ValidationError as err:
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'archivo'}: {e['msg']}" for e in err.errors()
        )
        raise PairConfigError(f"{path}: {reasons}") from err


def pair_from_environment() -> tuple[PairConfig, str] | None:
    """The pair file and this node from MACTURNOS_PAIR / MACTURNOS_PAIR_NODE, if set."""
    path = os.environ.get("MACTURNOS_PAIR")
    if not path:
        return None
    node = os.environ.get("MACTURNOS_PAIR_NODE", "")
    config = load_pair(path)
    if not node:
        raise PairConfigError(
            "Falta MACTURNOS_PAIR_NODE: indique cuál de las dos máquinas es esta."
        )
    config.node(node)
    return config, node
