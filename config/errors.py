"""Errors raised when a centre's configuration file cannot be accepted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ConfigIssue:
    """One problem in a configuration file, located by file, line and field."""

    file: str
    """The file name as given to the loader (or "<texto>" for parsed text)."""
    line: int | None
    """1-based line of the offending key or item; None when it cannot be located."""
    field: str
    """Dotted path with indexes, e.g. "services[12].entity"; empty for file-level problems."""
    reason: str
    """What is wrong, in Spanish, for the centre's ICT specialist."""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


class ConfigError(Exception):
    """The configuration file was rejected; `issues` lists every problem found."""

    def __init__(self, issues: Iterable[ConfigIssue]) -> None:
        self.issues: list[ConfigIssue] = list(issues)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(issue) for issue in self.issues)
