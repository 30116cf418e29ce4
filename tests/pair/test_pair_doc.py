"""docs/pair.md followed step by step on this machine (issue 16, item 5).

Every shell block of the document that starts with `# on mac_x` is a step the
ICT specialist runs on that machine; this test runs them in the document's
order on the lab (two clusters on 127.0.0.1, the data directories in root-owned
folders as on a real machine). The services are replaced by what their units
run (`macturnos pair start`, the turn server); copying between machines by
copying within the lab. A line the walk does not know fails the test, so the
document and the walk cannot drift apart. The events the document describes
(the primary's death before section 5, its boot before section 6) happen where
it says.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import httpx
import pytest
from support.pair import needs_pair

from bench.failover import PASSWORD, PairLab
from macturnos.server.pair import pg
from macturnos.server.pair.config import load_pair

pytestmark = [pytest.mark.slow, needs_pair]

DOC = Path(__file__).resolve().parents[2] / "docs" / "pair.md"
MACHINE = {"mac_a": "a", "mac_b": "b"}


def doc_steps(text: str) -> list[tuple[str, str]]:
    """(machine, command line) of every `# on mac_x` shell block, in the document's order."""
    steps: list[tuple[str, str]] = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines[0].startswith("# on "):
            continue
        machine = lines[0].removeprefix("# on ")
        steps += [(machine, line) for line in lines[1:]]
    return steps


class Walk:
    """Runs one step of the document on the lab."""

    def __init__(self, lab: PairLab) -> None:
        self.lab = lab
        self.done: list[str] = []

    def run(self, machine: str, line: str) -> None:
        node = MACHINE[machine]
        argv = shlex.split(line)
        if argv == ["macturnos", "pair", "init"]:
            self.lab.macturnos("pair", "init", node=node)
        elif argv == ["systemctl", "enable", "--now", "macturnos-pg", "macturnos"]:
            self.boot(node)
        elif argv == ["systemctl", "start", "macturnos"]:
            if node not in self.lab.servers:
                self.lab.start_server(node)
        elif argv[:3] == ["macturnos", "user", "add"]:
            out = self.lab.macturnos(
                *argv[1:], "--password-stdin", node=node, stdin=PASSWORD + "\n"
            ).stdout
            # It says where it wrote: the pair's database, not a local SQLite file.
            assert "en postgresql+psycopg://" in out, out
        elif argv[:2] == ["scp", "-p"]:
            self.copy(node, argv[2:])
        elif argv == ["macturnos", "pair", "status"]:
            out = self.lab.macturnos("pair", "status", node=node).stdout
            assert "principal" in out and "respaldo" in out, out
        elif argv == ["macturnos", "failover"]:
            # Section 5's situation: the primary machine died.
            self.lab.kill_postgres("a")
            self.lab.kill_server("a")
            out = self.lab.macturnos("failover", "--yes", node=node).stdout
            assert "Conmutación hecha" in out
        elif argv == ["macturnos", "pair", "rejoin"]:
            # Section 6's situation: the repaired machine booted (its units ran).
            boot = self.boot(node)
            assert "solo lectura" in boot, boot
            assert pg.probe(load_pair(self.lab.pair_file), node).read_only
            out = self.lab.macturnos("pair", "rejoin", node=node).stdout
            assert "respaldo" in out
        else:
            pytest.fail(f"docs/pair.md step not understood by the walk: {line!r}")
        self.done.append(line)

    def boot(self, node: str) -> str:
        """What the two units run at boot: `macturnos pair start`, then the turn server."""
        out = self.lab.macturnos("pair", "start", node=node).stdout
        if node not in self.lab.servers:
            self.lab.start_server(node)
        return out

    def copy(self, node: str, args: list[str]) -> None:
        *sources, target = args
        other = MACHINE[target.split(":", 1)[0]]
        for source in sources:
            name = Path(source).name
            if name == "ticket-signing.key":
                # Created by the first start of the turn server, which the document
                # puts before this copy.
                key = self.lab.root / f"srv-{node}" / name
                assert key.exists(), "the key does not exist yet at this step"
                shutil.copy2(key, self.lab.root / f"srv-{other}" / name)
            else:
                # The pair file and the password file: one path shared by the lab's
                # two machines, made by `pair init` on the first.
                assert name in ("pair.yaml", "pair.pgpass"), source
                assert (self.lab.root / name).exists()


def test_docs_pair_md_step_by_step():
    text = DOC.read_text(encoding="utf-8")
    # Section 1's pair file is a valid description of two machines.
    example = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert example is not None
    lab = PairLab(root_owned_homes=True)
    try:
        sample = lab.root / "sample.yaml"
        sample.write_text(example.group(1))
        assert sorted(load_pair(sample).nodes) == ["mac_a", "mac_b"]
        # The turn servers make and copy the key as the document says, not the lab.
        for node in ("a", "b"):
            (lab.root / f"srv-{node}" / "ticket-signing.key").unlink()
        walk = Walk(lab)
        steps = doc_steps(text)
        assert [s[1].split()[:3] for s in steps][:1] == [["macturnos", "pair", "init"]]
        for machine, line in steps:
            walk.run(machine, line)
        assert "macturnos failover" in walk.done and "macturnos pair rejoin" in walk.done

        # Where the document leaves the centre: mac_b primary, mac_a its synchronous
        # standby, both turn servers serving, one ticket-signing key.
        config = load_pair(lab.pair_file)
        assert pg.probe(config, "b").primary and pg.probe(config, "a").in_recovery
        # The server log of the root-owned folder's cluster was written.
        assert (lab.root / "a" / "pgdata.log").stat().st_size > 0
        keys = {(lab.root / f"srv-{n}" / "ticket-signing.key").read_text() for n in "ab"}
        assert len(keys) == 1
        for node in ("a", "b"):
            login = httpx.post(
                f"{lab.url(node)}/api/v1/auth/login",
                json={"username": "sara", "password": PASSWORD},
                timeout=30,
            )
            assert login.status_code == 200, login.text
    finally:
        lab.close()
