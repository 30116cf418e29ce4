"""The ticket state machine: statuses, staff actions and the legal transitions between them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from macturnos.domain.errors import DomainError
from macturnos.messages import action_name, status_name


class TicketStatus(StrEnum):
    """Where a ticket is in its life."""

    ISSUED = "issued"
    CALLED = "called"
    IN_SERVICE = "in_service"
    FINISHED = "finished"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    TRANSFERRED = "transferred"

    @property
    def is_waiting(self) -> bool:
        """In the queue, waiting to be called."""
        return self is TicketStatus.ISSUED

    @property
    def is_active(self) -> bool:
        """Held by a module: called to the counter or being served."""
        return self in _ACTIVE

    @property
    def is_terminal(self) -> bool:
        """Out of the queue for good unless reactivated (no_show, cancelled) by staff."""
        return self in _TERMINAL

    @property
    def display_name(self) -> str:
        """The Spanish name shown to staff and citizens."""
        return status_name(self.value)


_ACTIVE = frozenset({TicketStatus.CALLED, TicketStatus.IN_SERVICE})
_TERMINAL = frozenset(
    {
        TicketStatus.FINISHED,
        TicketStatus.NO_SHOW,
        TicketStatus.CANCELLED,
        TicketStatus.TRANSFERRED,
    }
)


class TicketAction(StrEnum):
    """What staff (or the end-of-day close) can do to a ticket."""

    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    CANCEL = "cancel"
    TRANSFER = "transfer"
    REACTIVATE = "reactivate"
    RETURN_TO_QUEUE = "return_to_queue"
    RELEASE = "release"
    CLOSE_AT_END_OF_DAY = "close_at_end_of_day"

    @property
    def display_name(self) -> str:
        """The Spanish infinitive shown to staff ("volver a llamar")."""
        return action_name(self.value)


@dataclass(frozen=True)
class TicketState:
    """The part of a ticket the state machine decides on."""

    status: TicketStatus
    recall_count: int = 0

    def __post_init__(self) -> None:
        """Reject a negative recall count."""
        if self.recall_count < 0:
            raise ValueError(f"recall_count must be >= 0, got {self.recall_count}")


_S = TicketStatus
_A = TicketAction

# action -> (statuses it may start from, status it leads to).
TRANSITIONS: dict[TicketAction, tuple[frozenset[TicketStatus], TicketStatus]] = {
    _A.CALL: (frozenset({_S.ISSUED}), _S.CALLED),
    _A.RECALL: (frozenset({_S.CALLED}), _S.CALLED),
    _A.START: (frozenset({_S.CALLED}), _S.IN_SERVICE),
    _A.FINISH: (frozenset({_S.IN_SERVICE}), _S.FINISHED),
    _A.NO_SHOW: (frozenset({_S.CALLED}), _S.NO_SHOW),
    _A.CANCEL: (frozenset({_S.ISSUED, _S.CALLED}), _S.CANCELLED),
    _A.TRANSFER: (frozenset({_S.ISSUED, _S.CALLED, _S.IN_SERVICE}), _S.TRANSFERRED),
    _A.REACTIVATE: (frozenset({_S.NO_SHOW, _S.CANCELLED}), _S.ISSUED),
    _A.RETURN_TO_QUEUE: (frozenset({_S.CALLED}), _S.ISSUED),
    # A module's session ended with the ticket in hand (logout, disabled account, expired
    # session, a supervisor freeing the module): the citizen goes back to the queue.
    _A.RELEASE: (frozenset({_S.CALLED, _S.IN_SERVICE}), _S.ISSUED),
    _A.CLOSE_AT_END_OF_DAY: (frozenset({_S.ISSUED, _S.CALLED}), _S.CANCELLED),
}


def _check_max_recalls(max_recalls: int) -> None:
    if isinstance(max_recalls, bool) or not isinstance(max_recalls, int) or max_recalls < 0:
        raise ValueError(f"max_recalls must be an integer >= 0, got {max_recalls!r}")


def apply_action(state: TicketState, action: TicketAction, *, max_recalls: int) -> TicketState:
    """The state after `action`, or DomainError if the action is not allowed now."""
    _check_max_recalls(max_recalls)
    action = TicketAction(action)
    sources, target = TRANSITIONS[action]
    if state.status not in sources:
        raise DomainError(
            "ILLEGAL_TRANSITION",
            accion=action.display_name,
            estado=state.status.display_name,
            action=action.value,
            status=state.status.value,
        )
    if action is TicketAction.CALL:
        # A fresh call (also after a return to the queue) starts a new recall budget.
        return TicketState(target, recall_count=0)
    if action is TicketAction.RECALL:
        if state.recall_count >= max_recalls:
            raise DomainError("MAX_RECALLS_REACHED", maximo=max_recalls)
        return replace(state, recall_count=state.recall_count + 1)
    if action in (TicketAction.REACTIVATE, TicketAction.RELEASE):
        return TicketState(target, recall_count=0)
    # Other moves keep the count: it is part of the record (how often we called).
    return replace(state, status=target)


def allowed_actions(
    state: TicketState, *, max_recalls: int | None = None
) -> frozenset[TicketAction]:
    """Actions legal from `state`; with `max_recalls` given, RECALL only while below the limit."""
    allowed = {a for a, (sources, _target) in TRANSITIONS.items() if state.status in sources}
    if max_recalls is not None:
        _check_max_recalls(max_recalls)
        if state.recall_count >= max_recalls:
            allowed.discard(TicketAction.RECALL)
    return frozenset(allowed)


# The end reason of a ticket the kiosk issued but could not hand over (the printer
# failed): it never reached a citizen, so it gives its place back to the service.
PRINT_FAILED = "print_failed"


def takes_capacity(*, origin_ticket_id: int | None, appointment_at: datetime | str | None) -> bool:
    """Whether issuing this ticket took one of its service's daily places.

    A transfer (it has an origin ticket) continues a citizen's visit and an
    appointment was booked beforehand: neither takes a walk-in place.
    """
    return origin_ticket_id is None and appointment_at is None


def counts_against_capacity(
    *,
    origin_ticket_id: int | None,
    appointment_at: datetime | str | None,
    end_reason: str | None,
) -> bool:
    """Whether a ticket holds one of its service's daily places now.

    It took one when issued (`takes_capacity`) and did not give it back by
    failing to print (`PRINT_FAILED`). Code that keeps a running count adds at
    issue and subtracts at a print failure; queries count this directly.
    """
    return (
        takes_capacity(origin_ticket_id=origin_ticket_id, appointment_at=appointment_at)
        and end_reason != PRINT_FAILED
    )


def check_transfer(from_service: str, to_service: str) -> None:
    """Refuse transferring a ticket to the service it already belongs to."""
    if from_service == to_service:
        raise DomainError("TRANSFER_SAME_SERVICE", servicio=to_service)
