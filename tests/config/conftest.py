"""Shared fixtures of the configuration tests: a small valid centre as YAML text."""

from __future__ import annotations

import pytest

MINIMAL = """\
schema_version: 1
centre:
  code: PRUEBA
  name: Centro MAC Prueba
zones:
  - code: P1
    name: Planta 1
  - code: P2
    name: Planta 2
entities:
  - code: RENIEC
    name: Registro Nacional de Identificación y Estado Civil - RENIEC
    short_name: RENIEC
    prefix: R
    colour: "#C8102E"
  - code: MIGRACIONES
    name: Superintendencia Nacional de Migraciones - MIGRACIONES
    short_name: Migraciones
    prefix: M
    colour: "#003b71"
    target_wait_min: 30
services:
  - code: RENIEC-01
    entity: RENIEC
    name: Duplicado de DNI
    daily_capacity: 250
    last_issue: "17:30"
  - code: RENIEC-02
    entity: RENIEC
    name: Orientación servicios RENIEC
    target_wait_min: 10
  - code: MIG-PAS
    entity: MIGRACIONES
    name: Expedición del pasaporte electrónico ordinario
    mode: appointment_only
    prefix: PAS
  - code: MIG-CE
    entity: MIGRACIONES
    name: Renovación de carné de extranjería
modules:
  - number: 1
    entity: RENIEC
    zone: P1
  - number: 2
    entity: RENIEC
    zone: P1
    services: [RENIEC-02]
  - number: 10
    entity: MIGRACIONES
    zone: P2
    services:
      - MIG-PAS
  - number: 11
    entity: MIGRACIONES
    zone: P2
"""


@pytest.fixture
def minimal_yaml() -> str:
    """A small valid centre: two zones, two entities, four services, four modules."""
    return MINIMAL
