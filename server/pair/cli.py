"""The `macturnos failover` and `macturnos pair ...` commands."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the pair-mode subcommands on the `macturnos` parser."""
