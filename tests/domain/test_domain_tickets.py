"""Tests of the ticket state machine over every status x action pair."""

import itertools

import pytest

from macturnos.domain.errors import DomainError
from macturnos.domain.tickets import (
    TicketAction,
    TicketState,
    TicketStatus,
    allowed_actions,
    apply_action,
    check_transfer,
)

S = TicketStatus
A = TicketAction

# The legal moves, written out independently of the implementation's table.
LEGAL: dict[tuple[TicketStatus, TicketAction], TicketStatus] = {
    (S.ISSUED, A.CALL): S.CALLED,
    (S.CALLED, A.RECALL): S.CALLED,
    (S.CALLED, A.START): S.IN_SERVICE,
    (S.IN_SERVICE, A.FINISH): S.FINISHED,
    (S.CALLED, A.NO_SHOW): S.NO_SHOW,
    (S.ISSUED, A.CANCEL): S.CANCELLED,
    (S.CALLED, A.CANCEL): S.CANCELLED,
    (S.ISSUED, A.TRANSFER): S.TRANSFERRED,  # reception redirects a waiting citizen
    (S.CALLED, A.TRANSFER): S.TRANSFERRED,
    (S.IN_SERVICE, A.TRANSFER): S.TRANSFERRED,
    (S.NO_SHOW, A.REACTIVATE): S.ISSUED,
    (S.CANCELLED, A.REACTIVATE): S.ISSUED,
    (S.CALLED, A.RETURN_TO_QUEUE): S.ISSUED,
    # A module's session ended with the ticket in hand: the citizen goes back to the queue.
    (S.CALLED, A.RELEASE): S.ISSUED,
    (S.IN_SERVICE, A.RELEASE): S.ISSUED,
    (S.ISSUED, A.CLOSE_AT_END_OF_DAY): S.CANCELLED,
    (S.CALLED, A.CLOSE_AT_END_OF_DAY): S.CANCELLED,
}

ALL_PAIRS = list(itertools.product(TicketStatus, TicketAction))
ILLEGAL = [p for p in ALL_PAIRS if p not in LEGAL]


def test_enum_values():
    assert [s.value for s in TicketStatus] == [
        "issued",
        "called",
        "in_service",
        "finished",
        "no_show",
        "cancelled",
        "transferred",
    ]
    assert TicketAction("return_to_queue") is A.RETURN_TO_QUEUE
    assert TicketAction("close_at_end_of_day") is A.CLOSE_AT_END_OF_DAY
    assert TicketAction("release") is A.RELEASE


def test_a_released_ticket_starts_a_new_recall_budget():
    released = apply_action(TicketState(S.IN_SERVICE, 2), A.RELEASE, max_recalls=2)
    assert released == TicketState(S.ISSUED, 0)


@pytest.mark.parametrize(("status", "action"), list(LEGAL), ids=lambda v: str(v))
def test_legal_transition(status, action):
    new = apply_action(TicketState(status, recall_count=1), action, max_recalls=3)
    assert new.status is LEGAL[(status, action)]
    assert action in allowed_actions(TicketState(status))


@pytest.mark.parametrize(("status", "action"), ILLEGAL, ids=lambda v: str(v))
def test_illegal_transition(status, action):
    with pytest.raises(DomainError) as info:
        apply_action(TicketState(status), action, max_recalls=3)
    err = info.value
    assert err.code == "ILLEGAL_TRANSITION"
    assert err.details["accion"] == action.display_name
    assert err.details["estado"] == status.display_name
    assert err.details["action"] == action.value
    assert err.details["status"] == status.value
    assert (
        err.message
        == f"No se puede {action.display_name} un turno en estado «{status.display_name}»."
    )
    assert action not in allowed_actions(TicketState(status))


def test_tables_cover_the_whole_product():
    assert len(LEGAL) + len(ILLEGAL) == len(TicketStatus) * len(TicketAction)
    for status in TicketStatus:
        expected = {a for (s, a) in LEGAL if s is status}
        assert allowed_actions(TicketState(status)) == expected


def test_recall_counts_up_to_the_limit_then_refuses():
    state = apply_action(TicketState(S.ISSUED), A.CALL, max_recalls=2)
    assert state == TicketState(S.CALLED, 0)
    state = apply_action(state, A.RECALL, max_recalls=2)
    state = apply_action(state, A.RECALL, max_recalls=2)
    assert state == TicketState(S.CALLED, 2)
    assert A.RECALL not in allowed_actions(state, max_recalls=2)
    assert A.RECALL in allowed_actions(state)
    with pytest.raises(DomainError) as info:
        apply_action(state, A.RECALL, max_recalls=2)
    assert info.value.code == "MAX_RECALLS_REACHED"
    assert info.value.details == {"maximo": 2}
    # The other ways out of "called" stay open at the limit.
    assert apply_action(state, A.NO_SHOW, max_recalls=2).status is S.NO_SHOW
    assert apply_action(state, A.START, max_recalls=2) == TicketState(S.IN_SERVICE, 2)


def test_zero_recalls_allowed():
    called = TicketState(S.CALLED)
    with pytest.raises(DomainError, match="máximo de 0 rellamadas"):
        apply_action(called, A.RECALL, max_recalls=0)


def test_recall_on_issued_is_illegal_not_limit():
    with pytest.raises(DomainError) as info:
        apply_action(TicketState(S.ISSUED), A.RECALL, max_recalls=0)
    assert info.value.code == "ILLEGAL_TRANSITION"


def test_call_and_reactivate_reset_recall_count():
    no_show = TicketState(S.NO_SHOW, recall_count=3)
    again = apply_action(no_show, A.REACTIVATE, max_recalls=3)
    assert again == TicketState(S.ISSUED, 0)
    returned = apply_action(TicketState(S.CALLED, 2), A.RETURN_TO_QUEUE, max_recalls=3)
    assert returned.status is S.ISSUED
    assert apply_action(returned, A.CALL, max_recalls=3) == TicketState(S.CALLED, 0)


def test_full_happy_path():
    state = TicketState(S.ISSUED)
    for action in (A.CALL, A.RECALL, A.START, A.FINISH):
        state = apply_action(state, action, max_recalls=1)
    assert state == TicketState(S.FINISHED, 1)
    assert allowed_actions(state) == frozenset()


def test_status_groups():
    assert [s for s in TicketStatus if s.is_waiting] == [S.ISSUED]
    assert {s for s in TicketStatus if s.is_active} == {S.CALLED, S.IN_SERVICE}
    assert {s for s in TicketStatus if s.is_terminal} == {
        S.FINISHED,
        S.NO_SHOW,
        S.CANCELLED,
        S.TRANSFERRED,
    }
    for s in TicketStatus:
        assert [s.is_waiting, s.is_active, s.is_terminal].count(True) == 1


def test_action_given_as_plain_string():
    assert apply_action(TicketState(S.ISSUED), "call", max_recalls=1).status is S.CALLED


@pytest.mark.parametrize("bad", [-1, 1.5, True])
def test_bad_max_recalls_rejected(bad):
    with pytest.raises(ValueError):
        apply_action(TicketState(S.CALLED), A.RECALL, max_recalls=bad)


def test_negative_recall_count_rejected():
    with pytest.raises(ValueError):
        TicketState(S.CALLED, recall_count=-1)


def test_state_is_immutable():
    state = TicketState(S.ISSUED)
    with pytest.raises(AttributeError):
        state.status = S.CALLED  # type: ignore[misc]


def test_transfer_to_same_service_refused():
    check_transfer("RENIEC-DNI", "SUNAT-RUC")
    with pytest.raises(DomainError) as info:
        check_transfer("RENIEC-DNI", "RENIEC-DNI")
    assert info.value.code == "TRANSFER_SAME_SERVICE"
