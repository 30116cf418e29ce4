"""The load benchmark's call screens, in a process of their own, as they are separate machines.

Sharing the load generator's event loop, 20 screens' frames delayed the kiosks'
and advisors' answers and inflated every latency with the client's own work. Each
screen's WebSocket timestamps every `ticket.called` on arrival with
`time.perf_counter()` (CLOCK_MONOTONIC on Linux), comparable across processes of
the machine.

The process is this file run as a script (`python bench/display_fleet.py`), so it
needs nothing of the parent's import path. It talks JSON lines: the parent writes
`{"url", "tokens"}`, the child answers `ready` once every screen has its snapshot;
the parent writes `stop` (or closes the pipe), the child answers `done` with what
each screen saw; `failed` when it could not.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

# The printed event starts `{"type": "event", "seq": N, ...` (server.events.event_json);
# reading seq from the head avoids parsing every frame at 20 displays.
_SEQ_RE = re.compile(r'"seq":\s*(\d+)')
_CALLED_RE = re.compile(r'"kind":\s*"ticket\.called"')
_LINE_LIMIT = 256 * 2**20
"""The `done` line holds every screen's arrival times: megabytes on a full day."""


class FleetError(RuntimeError):
    """The display process could not connect its screens or report back."""


@dataclass
class ErrorLog:
    """Failures counted by kind, with a few examples."""

    errors: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def error(self, kind: str, detail: str) -> None:
        """Count a failure and keep a few examples."""
        self.errors[kind] += 1
        if len(self.examples) < 10:
            self.examples.append(f"{kind}: {detail}")


@dataclass
class DisplayResult:
    """What one call screen saw, handed back by the display process."""

    code: str
    arrivals: dict[int, float]
    frames: int


class Display:
    """One call screen's WebSocket: timestamps each `ticket.called` on arrival."""

    def __init__(self, code: str, url: str, token: str, log: ErrorLog) -> None:
        self.code = code
        self.url = url
        self.token = token
        self.log = log
        self.arrivals: dict[int, float] = {}
        self.frames = 0
        self.last_seq = -1
        self.ready = asyncio.Event()
        self.closing = False
        self._ws: ClientConnection | None = None

    async def run(self) -> None:
        """Connect, take the snapshot and read events until closed."""
        try:
            async with connect(self.url, proxy=None, max_size=64 * 2**20, open_timeout=30) as ws:
                self._ws = ws
                await ws.send(json.dumps({"type": "hello", "token": self.token, "since": None}))
                first = json.loads(await ws.recv())
                if first.get("type") != "snapshot":
                    raise FleetError(f"{self.code}: expected a snapshot, got {first.get('type')}")
                self.last_seq = int(first["seq"])
                self.ready.set()
                async for raw in ws:
                    arrived = time.perf_counter()
                    self._frame(raw if isinstance(raw, str) else raw.decode(), arrived)
        except ConnectionClosed as err:
            if not self.closing:
                self.log.error("display_disconnected", f"{self.code}: {err}")
        except (OSError, FleetError, ValueError, KeyError) as err:
            self.log.error("display_failed", f"{self.code}: {err!r}")
        finally:
            self.ready.set()

    def _frame(self, raw: str, arrived: float) -> None:
        self.frames += 1
        m = _SEQ_RE.search(raw, 0, 64)
        if m is not None:
            seq = int(m.group(1))
        else:
            msg = json.loads(raw)
            if msg.get("type") == "pong":
                return
            if not isinstance(msg.get("seq"), int):
                self.log.error("display_bad_frame", f"{self.code}: {raw[:80]}")
                return
            seq = msg["seq"]
        if seq != self.last_seq + 1:
            self.log.error("event_gap", f"{self.code}: seq {seq} after {self.last_seq}")
        self.last_seq = max(self.last_seq, seq)
        if _CALLED_RE.search(raw):
            ev = json.loads(raw)
            tid = ev.get("ticket_id")
            if isinstance(tid, int) and tid not in self.arrivals:
                self.arrivals[tid] = arrived

    async def close(self) -> None:
        """Leave the server."""
        self.closing = True
        if self._ws is not None:
            await self._ws.close()


# --- the child: this file run as a script ----------------------------------------------


def _say(kind: str, **payload: Any) -> None:
    sys.stdout.write(json.dumps({"kind": kind, **payload}) + "\n")
    sys.stdout.flush()


async def _fleet(url: str, tokens: Sequence[str]) -> None:
    loop = asyncio.get_running_loop()
    log = ErrorLog()
    displays = [Display(f"display-{i + 1}", url, tok, log) for i, tok in enumerate(tokens)]
    tasks = [asyncio.create_task(d.run()) for d in displays]
    await asyncio.gather(*(d.ready.wait() for d in displays))
    _say("ready", errors=dict(log.errors))
    await loop.run_in_executor(None, sys.stdin.readline)  # "stop", or the parent is gone
    for d in displays:
        await d.close()
    await asyncio.gather(*tasks)
    results = [{"code": d.code, "arrivals": d.arrivals, "frames": d.frames} for d in displays]
    _say("done", results=results, errors=dict(log.errors), examples=log.examples)


def main() -> int:
    """Entry point of the display process: read the orders, run the screens."""
    try:
        orders = json.loads(sys.stdin.readline())
        asyncio.run(_fleet(orders["url"], orders["tokens"]))
    except BaseException as err:  # tell the parent rather than leave it waiting
        _say("failed", error=repr(err))
        raise
    return 0


# --- the parent's side ---------------------------------------------------------------


class DisplayFleet:
    """The call screens in a process of their own, driven from the load generator's loop."""

    def __init__(self, url: str, tokens: Sequence[str]) -> None:
        self.url = url
        self.tokens = list(tokens)
        self._proc: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int:
        """The display process's id (0 before it starts)."""
        return self._proc.pid if self._proc is not None else 0

    async def _recv(self, timeout_s: float) -> dict[str, Any]:
        assert self._proc is not None and self._proc.stdout is not None
        try:
            line = await asyncio.wait_for(self._proc.stdout.readline(), timeout_s)
        except TimeoutError:
            raise FleetError("the display process did not answer") from None
        if not line:
            raise FleetError("the display process ended without an answer")
        message: dict[str, Any] = json.loads(line)
        if message["kind"] == "failed":
            raise FleetError(f"the display process failed: {message['error']}")
        return message

    async def _send(self, line: str) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        self._proc.stdin.write(line.encode() + b"\n")
        await self._proc.stdin.drain()

    async def start(self) -> dict[str, int]:
        """Connect every screen; answers the errors seen while connecting."""
        self._proc = await asyncio.create_subprocess_exec(
            sys.executable,
            str(Path(__file__).resolve()),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=_LINE_LIMIT,
        )
        await self._send(json.dumps({"url": self.url, "tokens": self.tokens}))
        ready = await self._recv(120.0)
        return dict(ready["errors"])

    async def stop(self) -> tuple[list[DisplayResult], dict[str, int], list[str]]:
        """Disconnect the screens; answers what each saw, and the errors."""
        assert self._proc is not None
        await self._send("stop")
        done = await self._recv(60.0)
        await asyncio.wait_for(self._proc.wait(), 10)
        results = [
            DisplayResult(
                r["code"], {int(tid): float(t) for tid, t in r["arrivals"].items()}, r["frames"]
            )
            for r in done["results"]
        ]
        return results, dict(done["errors"]), list(done["examples"])

    async def close(self) -> None:
        """Kill the display process if it still runs (a run that went wrong)."""
        if self._proc is not None and self._proc.returncode is None:
            self._proc.kill()
            await self._proc.wait()


if __name__ == "__main__":
    raise SystemExit(main())
