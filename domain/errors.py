"""The one exception the domain raises for a refused operation."""

from __future__ import annotations

from typing import Any

from macturnos.messages import message


class DomainError(Exception):
    """A rule refused an operation: a stable `code`, a Spanish `message` and its `details`."""

    code: str
    message: str
    details: dict[str, object]

    def __init__(self, code: str, **fields: object) -> None:
        """Build the refusal `code`, its message formatted with `fields`."""
        self.code = code
        self.details = dict(fields)
        self.message = message(code, **fields)
        super().__init__(self.message)

    def __str__(self) -> str:
        """The Spanish message."""
        return self.message

    def __repr__(self) -> str:
        """The code and fields, for logs and test failures."""
        return f"{type(self).__name__}({self.code!r}, **{self.details!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only fields do not survive Exception's default pickling
        # (needed when an error crosses a process pool).
        return (_rebuild, (type(self), self.code, self.details))


def _rebuild(cls: type[DomainError], code: str, details: dict[str, object]) -> DomainError:
    return cls(code, **details)
