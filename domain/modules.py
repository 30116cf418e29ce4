"""A module's vocabulary: why an advisor may pause it."""

from __future__ import annotations

from typing import Literal, get_args

# The reasons an advisor gives for pausing a module, as the API accepts and the
# database keeps them. A Literal so the API schema and mypy check the same list.
PauseReason = Literal["refrigerio", "capacitacion", "soporte_tecnico", "otro"]

PAUSE_REASONS: tuple[PauseReason, ...] = get_args(PauseReason)
"""Every pause reason, in the order staff are offered them."""


def is_pause_reason(value: object) -> bool:
    """Whether `value` is one of the pause reasons."""
    return value in PAUSE_REASONS
