"""The centres and days the wait-estimate benchmark plays (`estimate_accuracy.py`).

A scenario is a centre (one entity, its services and modules, which module
serves what) and the shape of its day: arrivals (Poisson, plus a crowd at the
door at opening), attention times by service (log-normal, a little faster in
the afternoon), no-shows, preferential citizens, appointments, and breaks
(modules closing for lunch).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from macturnos.config import CentreConfig
from macturnos.config.loader import parse_centre

_HEAD = """schema_version: 1
centre: {code: BENCH-MAC, name: Centro MAC de medición, timezone: America/Lima}
rules: {max_recalls: 2, default_service_minutes: 12}
entities:
  - {code: RENIEC, name: Registro Nacional de Identificación y Estado Civil,
     short_name: RENIEC, prefix: R, colour: "#C8102E"}
zones:
  - {code: ZA, name: Zona A}
displays:
  - {code: TV-A, name: Pantalla zona A, zone: ZA}
kiosks:
  - {code: K1, name: Kiosco de la entrada}
pcm:
  endpoint: https://pcm.example.gob.pe/api/mac/v1
"""


def centre_yaml(services: int, modules: int, bound: dict[int, list[int]] | None = None) -> str:
    """A one-entity centre: services RENIEC-01.., modules 1..; `bound` = module -> services.

    A module not in `bound` serves every service of the entity (the shared case).
    """
    bound = bound or {}
    lines = [_HEAD, "services:"]
    for i in range(1, services + 1):
        lines.append(f"  - {{code: RENIEC-{i:02d}, entity: RENIEC, name: Trámite {i}}}")
    lines.append("modules:")
    for n in range(1, modules + 1):
        own = bound.get(n)
        svc = f", services: [{', '.join(f'RENIEC-{i:02d}' for i in own)}]" if own else ""
        lines.append(f"  - {{number: {n}, entity: RENIEC, zone: ZA{svc}}}")
    return "\n".join(lines) + "\n"


def centre_config(
    services: int, modules: int, bound: dict[int, list[int]] | None = None
) -> CentreConfig:
    """`centre_yaml` parsed and checked like a centre file."""
    return parse_centre(centre_yaml(services, modules, bound), "bench-centre.yaml")


@dataclass(frozen=True)
class Scenario:
    """One centre and the shape of its days."""

    name: str
    services: int
    modules: int
    bound: dict[int, list[int]] = field(default_factory=dict)
    tickets: int = 230
    """Poisson arrivals over `arrival_hours` (the crowd comes on top)."""
    arrival_hours: float = 4.5
    crowd: int = 0
    """Citizens at the door at opening, issued in the first few minutes."""
    service_minutes: tuple[float, ...] = (10.0,)
    """Mean attention minutes by service (cycled over the services)."""
    cv: float = 0.5
    no_show: float = 0.08
    preferential: float = 0.08
    appointments: int = 0
    """Appointment holders per day, checking in 10-40 min before their time."""
    lunch: bool = False
    """Half the modules pause 60 min from 12:00, the other half from 13:00."""

    def config(self) -> CentreConfig:
        """The scenario's centre."""
        return centre_config(self.services, self.modules, self.bound)


SCENARIOS = {
    s.name: s
    for s in (
        Scenario(
            "single-service",
            services=1,
            modules=4,
            tickets=85,
            arrival_hours=4.0,
            crowd=10,
            service_minutes=(10.0,),
        ),
        Scenario(
            "shared-modules",
            services=8,
            modules=10,
            bound={9: [1, 2], 10: [3, 4]},
            tickets=200,
            arrival_hours=4.5,
            crowd=30,
            service_minutes=(8.0, 9.0, 10.0, 10.0, 11.0, 12.0, 9.0, 14.0),
            appointments=6,
        ),
        Scenario(
            "crowd-at-opening",
            services=8,
            modules=10,
            tickets=180,
            arrival_hours=4.5,
            crowd=60,
            service_minutes=(8.0, 9.0, 10.0, 10.0, 11.0, 12.0, 9.0, 14.0),
        ),
        Scenario(
            "lunch-closing",
            services=8,
            modules=10,
            tickets=300,
            arrival_hours=6.5,
            service_minutes=(8.0, 9.0, 10.0, 10.0, 11.0, 12.0, 9.0, 14.0),
            lunch=True,
        ),
    )
}
"""The scenarios the benchmark plays, by name."""
