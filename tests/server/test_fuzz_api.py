"""A schema-driven fuzz run: no operation answers 5xx or a status it does not declare.

Schemathesis generates requests from the server's own OpenAPI document, valid
ones and invalid ones, for every operation, and sends them to the running
server with a token of a role that may use the operation (so the requests get
past authentication and reach validation and the domain). Bounded: a few
examples per operation and mode, derandomised (the same requests on every
run), SQLite only.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import status_code_conformance
from support import device_client, login

EXAMPLES = 4
"""Examples per operation and generation mode."""

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # deterministic: a failure here fails the same way again
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def db_url(sqlite_db_url: str) -> str:
    """SQLite only: the run checks the HTTP layer, not the database backend."""
    return sqlite_db_url


def _token(client: httpx.Client) -> str:
    return client.headers["Authorization"]


def _actor_for(path: str) -> str:
    """The role whose token reaches the operation's logic."""
    if path.startswith("/api/v1/modules/{number}/") and not path.endswith("/close"):
        return "advisor"
    if path == "/api/v1/appointments/check-in" or path.startswith("/api/v1/devices/me"):
        return "kiosk"
    if path in ("/api/v1/auth/logout", "/api/v1/users/{username}/end-session"):
        return "throwaway"  # ends sessions: never the tokens the other operations use
    return "supervisor"


def _fuzz(
    operation: Any,
    mode: GenerationMode,
    base_url: str,
    headers: dict[str, str],
    failures: list[str],
    seen: Counter[int],
) -> None:
    """Send the generated requests of one operation and mode; collect what fails a check."""

    @FUZZ_SETTINGS
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = case.call(base_url=base_url, headers=headers, timeout=30)
        seen[response.status_code] += 1
        try:
            case.validate_response(
                response, checks=[not_a_server_error, status_code_conformance], headers=headers
            )
        except (AssertionError, FailureGroup) as err:
            failures.append(
                f"{operation.method.upper()} {operation.path} ({mode}): "
                f"{response.status_code} {response.text[:200]}\n{err}"
            )

    try:
        run()
    except Unsatisfiable:
        # No invalid request exists for an operation without parameters or body.
        assert mode is GenerationMode.NEGATIVE


@pytest.mark.slow
def test_no_operation_answers_5xx_or_an_undeclared_status(server, staff) -> None:
    staff("sara", "supervisor")
    staff("ana", "advisor")
    staff("tomas", "ict")
    tokens = {
        "supervisor": _token(login(server, "sara")),
        "advisor": _token(login(server, "ana")),
        "kiosk": _token(device_client(server)),
        "throwaway": _token(login(server, "tomas")),
    }
    doc = httpx.get(f"{server.url}/api/v1/openapi.json").json()
    schema = schemathesis.openapi.from_dict(doc)
    failures: list[str] = []
    seen: Counter[int] = Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40
    for operation in operations:
        headers = {"Authorization": tokens[_actor_for(operation.path)]}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, server.url, headers, failures, seen)
    assert failures == [], "\n\n".join(failures[:20])
    # The run did reach the server's logic, not only its gate.
    assert sum(seen.values()) > 200 and {200, 404, 409, 422} <= set(seen), seen
