"""`macturnos led`: run the LED agent of this PC until it is stopped.

It pairs once (`--pairing-code`, from `macturnos device add --kind led`), then
resumes with its saved token, reads which displays the centre file gives it
(`led.agent` of each module), and drives them. A configuration reload that
changes them is taken up without a restart.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

from macturnos.client.connection import Change, Connection
from macturnos.client.credentials import CredentialStore, DeviceCredentials
from macturnos.client.errors import ApiRefusal, ClientError
from macturnos.hardware.led import LedDisplayError, ModuleDisplay, open_led_displays
from macturnos.hardware.settings import LedDisplaySettings
from macturnos.led import messages as msg
from macturnos.led.agent import LedAgent
from macturnos.led.assignment import displays_of
from macturnos.messages import _

log = logging.getLogger("macturnos.led")

RETRY_S = 5.0


def arguments(
    parser: argparse.ArgumentParser | None = None, *, verbose: bool = True
) -> argparse.ArgumentParser:
    """The agent's command line (also `macturnos led`, whose parser has its own -v)."""
    p = parser or argparse.ArgumentParser(description="MAC Turnos: agente de pantallas LED")
    p.add_argument("--server", help="turn server URL (default: find it on the LAN)")
    p.add_argument("--centre", help="centre code to look for on the LAN")
    p.add_argument("--data-dir", help="folder of this agent's saved token")
    p.add_argument("--device", help="this agent's device code, e.g. LED-7 (names its saved token)")
    p.add_argument("--pairing-code", help="one-time pairing code from the ICT specialist")
    p.add_argument("--token", help="device token (the demo passes it; else pairing)")
    p.add_argument("--check-interval", type=float, default=30.0, help="seconds between pings")
    p.add_argument("--report-interval", type=float, default=30.0, help="seconds between reports")
    if verbose:
        p.add_argument("-v", "--verbose", action="store_true")
    return p


def connection_for(args: argparse.Namespace) -> Connection:
    """The agent's Connection with its own saved token (not yet opened)."""
    data_dir = Path(args.data_dir) if args.data_dir else None
    store = CredentialStore(data_dir, name=f"led-{args.device or 'default'}")
    if args.token:
        store.save(
            DeviceCredentials(
                token=args.token,
                role="led",
                device_code=args.device,
                centre=args.centre,
                server_url=args.server,
            )
        )
    return Connection(args.server, args.centre, credentials=store)


class AgentRunner:
    """Pairs or resumes, builds the displays the configuration gives this agent, runs them."""

    def __init__(self, connection: Connection, args: argparse.Namespace) -> None:
        self.connection = connection
        self.args = args
        self.stopped = threading.Event()
        self.code = ""
        self.agent: LedAgent | None = None
        self._settings: dict[int, LedDisplaySettings] = {}
        self._displays: dict[int, ModuleDisplay] = {}
        self._reload = threading.Event()
        self.refusal: ApiRefusal | None = None
        """Why the server stopped accepting this agent (its pairing revoked), if it did."""

    def link(self) -> bool:
        """Pair or resume the saved token, and learn this agent's code; False if not paired."""
        while not self.stopped.is_set():
            try:
                if self.args.pairing_code:
                    self.connection.pair(self.args.pairing_code)
                elif not self.connection.resume_device():
                    return False
                me = self.connection.api.me()
                self.code = str(me.get("label", "")).split(":", 1)[-1]
                return True
            except ApiRefusal:
                raise
            except ClientError as err:
                print(_(msg.WAITING_SERVER).format(reason=err), file=sys.stderr, flush=True)
                self.stopped.wait(RETRY_S)
        return False

    def configure(self) -> None:
        """Read the configuration; (re)build the displays and the agent if this agent's changed.

        Raises LedDisplayError when the displays cannot work together (see open_led_displays).
        """
        config: dict[str, Any] = self.connection.api.config()
        wanted = displays_of(config, self.code)
        if wanted == self._settings and self.agent is not None:
            return
        self._shutdown_agent()
        if not wanted:
            raise LedDisplayError(_(msg.NO_DISPLAYS).format(code=self.code))
        try:
            self._displays = open_led_displays(wanted)
        except LedDisplayError as err:
            raise LedDisplayError(
                _(msg.BAD_DISPLAYS).format(code=self.code, reason=err.reason)
            ) from err
        self._settings = wanted
        modules = ", ".join(str(n) for n in sorted(wanted))
        print(_(msg.DRIVING).format(code=self.code, modules=modules), flush=True)
        self.agent = LedAgent(
            self.connection,
            self._displays,
            check_interval_s=self.args.check_interval,
            report_interval_s=self.args.report_interval,
        ).start()

    def run(self) -> None:
        """Drive the displays until `stopped`; take up configuration reloads."""
        remove = self.connection.add_listener(self._on_change)
        try:
            while not self.stopped.is_set():
                if self._reload.wait(1.0):
                    self._reload.clear()
                    try:
                        self.configure()
                    except (ClientError, LedDisplayError) as err:
                        log.warning("configuration not taken up: %s", err)
                        self._reload.set()
                        self.stopped.wait(RETRY_S)
        finally:
            remove()
            self._shutdown_agent()

    def _on_change(self, change: Change) -> None:
        if change.kind == "refused" and change.refusal is not None:
            # Revoked (or re-registered elsewhere): this token will not work again.
            self.refusal = change.refusal
            self.stopped.set()
            return
        if change.event is not None and change.event.get("kind") == "config.reloaded":
            self._reload.set()

    def _shutdown_agent(self) -> None:
        if self.agent is not None:
            self.agent.stop()
            self.agent = None
        for display in self._displays.values():
            close = getattr(display, "close", None)
            if close is not None:
                close()
        self._displays = {}
        self._settings = {}


def run(args: argparse.Namespace) -> int:
    """Run the agent; 2 when it cannot (not paired, no displays), 0 when stopped."""
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    connection = connection_for(args)
    runner = AgentRunner(connection, args)

    def stop(signum: int, frame: FrameType | None) -> None:
        runner.stopped.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
    try:
        if not runner.link():
            print(_(msg.NOT_PAIRED), file=sys.stderr)
            return 2
        while True:
            try:
                runner.configure()
                break
            except ClientError as err:
                print(_(msg.WAITING_SERVER).format(reason=err), file=sys.stderr, flush=True)
                if runner.stopped.wait(RETRY_S):
                    return 0
        runner.run()
        if runner.refusal is not None:
            print(f"{runner.refusal.message}. {_(msg.NOT_PAIRED)}", file=sys.stderr)
            return 2
    except LedDisplayError as err:
        print(err.reason, file=sys.stderr)
        return 2
    except ApiRefusal as refusal:
        print(refusal.message, file=sys.stderr)
        return 2
    finally:
        connection.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m macturnos.led`."""
    return run(arguments().parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
