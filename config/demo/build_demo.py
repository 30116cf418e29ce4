"""Build the demo centre file lima-norte.yaml from the PCM's 2023 service catalogue (CSV).

Usage: python -m macturnos.config.demo.build_demo --csv services_2023.csv [--out FILE]

The committed YAML is the artefact; this script documents how it was made and lets it be
rebuilt when the catalogue changes. Service names are the catalogue's own wording.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from macturnos.config.loader import load_centre


@dataclass(frozen=True)
class EntitySpec:
    """How one catalogue entity takes part in the demo centre."""

    code: str
    catalogue_name: str
    short_name: str
    prefix: str
    colour: str
    zone: str
    modules: int
    target_wait_min: int = 20


@dataclass(frozen=True)
class ServiceRule:
    """Settings for the catalogue services of an entity whose name starts with `starts`."""

    entity: str
    starts: str
    settings: dict[str, object] = field(default_factory=dict)


ENTITIES: tuple[EntitySpec, ...] = (
    EntitySpec(
        "RENIEC",
        "Registro Nacional de Identificación y Estado Civil - RENIEC",
        "RENIEC",
        "R",
        "#C8102E",
        "P1A",
        12,
        25,
    ),
    EntitySpec("BN", "Banco de la Nación", "Banco de la Nación", "BN", "#8C1D18", "P1A", 6, 15),
    EntitySpec(
        "MININTER", "Ministerio del Interior - MININTER", "MININTER", "MI", "#2E5E2B", "P1A", 3, 20
    ),
    EntitySpec("PJ", "Poder Judicial", "Poder Judicial", "PJ", "#7A1F2B", "P1A", 3, 20),
    EntitySpec(
        "MIGRACIONES",
        "Superintendencia Nacional de Migraciones - MIGRACIONES",
        "Migraciones",
        "M",
        "#003B71",
        "P1B",
        8,
        30,
    ),
    EntitySpec(
        "SUNAT",
        "Superintendencia Nacional de Administración Tributaria - SUNAT",
        "SUNAT",
        "S",
        "#004B8D",
        "P1B",
        4,
        20,
    ),
    EntitySpec(
        "SUNARP",
        "Superintendencia Nacional de los Registros Públicos - SUNARP",
        "SUNARP",
        "SR",
        "#00549F",
        "P1B",
        6,
        20,
    ),
    EntitySpec(
        "SAT",
        "Servicio de Administración Tributaria de Lima – SAT Lima",
        "SAT Lima",
        "SAT",
        "#E87722",
        "P1B",
        3,
        20,
    ),
    EntitySpec(
        "ESSALUD", "Seguro Social de Salud - EsSalud", "EsSalud", "E", "#0072BC", "P2", 4, 25
    ),
    EntitySpec("SIS", "Seguro Integral de Salud - SIS", "SIS", "SIS", "#009639", "P2", 3, 20),
    EntitySpec(
        "MTC",
        "Ministerio de Transportes y Comunicaciones - MTC",
        "MTC",
        "L",
        "#5B2C83",
        "P2",
        5,
        25,
    ),
    EntitySpec(
        "ONP", "Oficina de Normalización Previsional - ONP", "ONP", "O", "#F2A900", "P2", 2, 25
    ),
    EntitySpec(
        "MUNI-COMAS",
        "Municipalidad Distrital de Comas",
        "Municipalidad de Comas",
        "C",
        "#1B7F79",
        "P2",
        4,
        20,
    ),
    EntitySpec(
        "SEDAPAL",
        "Servicio de Agua Potable y Alcantarillado de Lima – SEDAPAL",
        "SEDAPAL",
        "A",
        "#00A3E0",
        "P2",
        2,
        20,
    ),
    EntitySpec(
        "MTPE",
        "Ministerio de Trabajo y Promoción del Empleo - MTPE",
        "MTPE",
        "T",
        "#B3282D",
        "P2",
        2,
        20,
    ),
)

# First matching rule wins, so specific rules come before an entity's general ones.
SERVICE_RULES: tuple[ServiceRule, ...] = (
    ServiceRule(
        "MIGRACIONES",
        "Expedición del pasaporte",
        {
            "mode": "appointment_only",
            "daily_capacity": 160,
            "last_issue": "17:00",
            "target_wait_min": 15,
            "prefix": "PAS",
        },
    ),
    ServiceRule("MIGRACIONES", "Cambio de Calidad Migratoria", {"mode": "appointment_only"}),
    ServiceRule(
        "MIGRACIONES", "Regularización Migratoria", {"daily_capacity": 40, "last_issue": "16:30"}
    ),
    ServiceRule("MIGRACIONES", "", {"last_issue": "17:00"}),
    ServiceRule("RENIEC", "Duplicado de DNI ", {"daily_capacity": 250, "last_issue": "17:30"}),
    ServiceRule(
        "RENIEC",
        "Renovación del Documento Nacional de Identidad – DNI ",
        {"daily_capacity": 200, "last_issue": "17:30"},
    ),
    ServiceRule(
        "RENIEC",
        "Inscripción para obtener el Documento Nacional de Identidad – DNI ",
        {"daily_capacity": 120, "last_issue": "17:30"},
    ),
    ServiceRule(
        "RENIEC",
        "Inscripción para obtener el Documento Nacional de Identidad – DNle",
        {"daily_capacity": 40, "last_issue": "17:00", "prefix": "RE"},
    ),
    ServiceRule("RENIEC", "Duplicado de DNle", {"daily_capacity": 60, "last_issue": "17:00"}),
    ServiceRule(
        "RENIEC",
        "Renovación del Documento Nacional de Identidad – DNle",
        {"daily_capacity": 60, "last_issue": "17:00"},
    ),
    ServiceRule(
        "MTC",
        "Expedición de licencia",
        {"mode": "appointment_only", "daily_capacity": 40, "last_issue": "16:00"},
    ),
    ServiceRule("MTC", "Duplicado de licencia", {"daily_capacity": 80}),
    ServiceRule("MTC", "Récord del conductor", {"target_wait_min": 10}),
    ServiceRule(
        "PJ",
        "Expedición de certificados de Antecedentes Penales",
        {"daily_capacity": 300, "target_wait_min": 15},
    ),
    ServiceRule(
        "MININTER",
        "Certificado de Antecedentes Policiales",
        {"daily_capacity": 250, "target_wait_min": 15},
    ),
    ServiceRule("BN", "Emisión y reposición de Tarjeta", {"daily_capacity": 60}),
    ServiceRule("BN", "", {"last_issue": "18:00"}),
    ServiceRule("SUNARP", "", {"last_issue": "17:45"}),
    ServiceRule("MUNI-COMAS", "Licencia de", {"last_issue": "17:00"}),
    ServiceRule("ONP", "Recepción de solicitudes", {"daily_capacity": 80}),
    ServiceRule("", "Orientación", {"target_wait_min": 10}),
)

ZONES = (("P1A", "Planta 1 - Ala A"), ("P1B", "Planta 1 - Ala B"), ("P2", "Planta 2"))

# Modules with a narrower list than "all services of the entity": (entity, count, starts).
SPECIALISED_MODULES = (
    (
        "RENIEC",
        2,
        ("Orientación", "Certificaciones", "Expedición de constancia", "Copia certificada"),
    ),
    ("MIGRACIONES", 4, ("Expedición del pasaporte",)),
    ("MTC", 3, ("Expedición de licencia",)),
)

HOLIDAYS_2026 = (
    ("2026-01-01", "Año Nuevo", True),
    ("2026-04-02", "Jueves Santo", False),
    ("2026-04-03", "Viernes Santo", False),
    ("2026-05-01", "Día del Trabajo", False),
    ("2026-06-07", "Batalla de Arica y Día de la Bandera", True),
    ("2026-06-29", "San Pedro y San Pablo", False),
    ("2026-07-23", "Día de la Fuerza Aérea del Perú", False),
    ("2026-07-28", "Fiestas Patrias", True),
    ("2026-07-29", "Fiestas Patrias", False),
    ("2026-08-06", "Batalla de Junín", False),
    ("2026-08-30", "Santa Rosa de Lima", True),
    ("2026-10-08", "Combate de Angamos", False),
    ("2026-11-01", "Día de Todos los Santos", True),
    ("2026-12-08", "Inmaculada Concepción", False),
    ("2026-12-09", "Batalla de Ayacucho", False),
    ("2026-12-25", "Navidad", True),
)

HEADER = """\
# Centro MAC Lima Norte (demo) - configuration of MAC Turnos, schema version 1.
#
# DEMO DATA. Entities and service names come from the PCM's 2023 service catalogue;
# prefixes, colours, capacities, last-issue times, module numbers and devices are
# invented for demonstration and training. Do not use it to run a real centre.
#
# Generated by config/demo/build_demo.py; edit that script and rebuild rather than
# editing this file by hand. Every key is described in docs/configuration.md.
#
# Layout: centre identity, opening hours, holidays, attention rules, zones, entities,
# services (each of one entity), modules (counters), call displays, kiosks,
# preferential categories (Ley 28683), PCM synchronisation and power supervision.
"""


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def read_catalogue(path: Path) -> dict[str, list[str]]:
    """Service names of each catalogue entity, in catalogue order, without repeats."""
    services: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names = services.setdefault(row["entidad"].strip(), [])
            name = " ".join(row["servicio"].split())
            if name not in names:
                names.append(name)
    return services


def _settings_for(entity: str, name: str) -> dict[str, object]:
    """Merge the rules that apply to a service; earlier rules win per key."""
    settings: dict[str, object] = {}
    for rule in SERVICE_RULES:
        if rule.entity in ("", entity) and name.startswith(rule.starts):
            for key, value in rule.settings.items():
                settings.setdefault(key, value)
    return settings


def _yaml_value(value: object) -> str:
    # Codes and keywords stay plain; times and anything else are quoted.
    if isinstance(value, str):
        return value if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value) else _q(value)
    return str(value)


def build(catalogue: dict[str, list[str]]) -> str:
    """The demo centre as YAML text."""
    out: list[str] = [HEADER]
    out += [
        "schema_version: 1\n",
        "centre:",
        "  code: LIMA-NORTE",
        f"  name: {_q('Centro MAC Lima Norte (demo)')}",
        "  timezone: America/Lima\n",
        '# "HH:MM-HH:MM" or closed. Holiday hours apply on the dates listed under holidays.',
        "hours:",
    ]
    for day, hours in (
        ("mon", "08:30-18:30"),
        ("tue", "08:30-18:30"),
        ("wed", "08:30-18:30"),
        ("thu", "08:30-18:30"),
        ("fri", "08:30-18:30"),
        ("sat", "09:00-13:30"),
        ("sun", "closed"),
        ("holidays", "09:00-13:30"),
    ):
        out.append(f"  {day}: {_q(hours) if hours != 'closed' else hours}")
    out += [
        "",
        "# Peruvian national holidays of 2026; closed: true keeps the centre shut.",
        "holidays:",
    ]
    for date, name, closed in HOLIDAYS_2026:
        extra = ", closed: true" if closed else ""
        out.append(f"  - {{date: {date}, name: {_q(name)}{extra}}}")
    out += [
        "",
        "rules:",
        "  max_recalls: 2",
        "  appointment_window_before_min: 15",
        "  appointment_window_after_min: 15",
        "  default_service_minutes: 12",
        "  recent_service_sample: 30",
        "  pause_alert_min: 30",
        "  closing_warning_min: 30",
        "",
        "zones:",
    ]
    out += [f"  - {{code: {code}, name: {_q(name)}}}" for code, name in ZONES]

    out += ["", "entities:"]
    for spec in ENTITIES:
        out += [
            f"  - code: {spec.code}",
            f"    name: {_q(spec.catalogue_name)}",
            f"    short_name: {_q(spec.short_name)}",
            f"    prefix: {spec.prefix}",
            f"    colour: {_q(spec.colour)}",
            f"    target_wait_min: {spec.target_wait_min}",
        ]

    codes: dict[str, list[tuple[str, str]]] = {}
    out += ["", "services:"]
    for spec in ENTITIES:
        names = catalogue.get(spec.catalogue_name)
        if not names:
            raise SystemExit(f"entity not in the catalogue: {spec.catalogue_name}")
        out.append(f"  # {spec.short_name}")
        for number, name in enumerate(names, start=1):
            code = f"{spec.code}-{number:02d}"
            codes.setdefault(spec.code, []).append((code, name))
            out += [f"  - code: {code}", f"    entity: {spec.code}", f"    name: {_q(name)}"]
            for key, value in _settings_for(spec.code, name).items():
                out.append(f"    {key}: {_yaml_value(value)}")

    out += ["", "# services omitted = every service of the module's entity.", "modules:"]
    number = 0
    for spec in ENTITIES:
        out.append(f"  # {spec.short_name}: {spec.modules} modules")
        narrow = _specialised(spec.code, codes[spec.code])
        for index in range(spec.modules):
            number += 1
            line = f"  - {{number: {number}, entity: {spec.code}, zone: {spec.zone}"
            if index < narrow[0]:
                line += f", services: [{', '.join(narrow[1])}]"
            if spec.code in ("RENIEC", "MIGRACIONES"):
                line += f", led: {{connector: simulated, address: {index + 1}}}"
            out.append(line + "}")

    out += [
        "",
        "displays:",
        f"  - {{code: TV-P1A, name: {_q('TV sala de espera planta 1, ala A')}, zone: P1A}}",
        f"  - {{code: TV-P1B, name: {_q('TV sala de espera planta 1, ala B')}, zone: P1B}}",
        f"  - {{code: TV-P2, name: {_q('TV sala de espera planta 2')}, zone: P2}}",
        f"  - {{code: TV-INGRESO, name: {_q('TV del ingreso (todas las zonas)')}, zone: null, "
        "last_calls: 8, announce_quechua: true, volume: 90}",
        "",
        "kiosks:",
        "  - code: K-INGRESO-1",
        f"    name: {_q('Quiosco ingreso principal 1')}",
        "    printer: {connector: simulated, profile: TM-T20II, paper_width_mm: 80}",
        "  - code: K-INGRESO-2",
        f"    name: {_q('Quiosco ingreso principal 2')}",
        "    printer: {connector: simulated, profile: TM-T20II, paper_width_mm: 80}",
        "  - code: K-P2",
        f"    name: {_q('Quiosco planta 2')}",
        "    zone: P2",
        "    languages: [es, qu]",
        "    printer: {connector: simulated, profile: POS-5890, paper_width_mm: 58}",
        "",
        "# Ley 28683: preferential attention.",
        "preferential_categories:",
        f"  - {{code: GESTANTE, name: {_q('Mujer gestante')}, icon: gestante}}",
        f"  - {{code: ADULTO_MAYOR, name: {_q('Adulto mayor (60 años o más)')}, icon: adulto_mayor}}",
        f"  - {{code: DISCAPACIDAD, name: {_q('Persona con discapacidad')}, icon: discapacidad}}",
        f"  - {{code: NINO_EN_BRAZOS, name: {_q('Persona con niño en brazos')}, "
        "icon: nino_en_brazos}",
        "",
        "# Placeholder host: the PCM publishes the real address to each centre.",
        "pcm:",
        "  endpoint: https://pcm.example.gob.pe/api/mac/v1",
        "  interval_s: 60",
        "",
        "# ups: null - the supervisor confirms electric power by hand at opening.",
        "power:",
        "  ups: null",
    ]
    return "\n".join(out) + "\n"


def _specialised(entity: str, services: Iterable[tuple[str, str]]) -> tuple[int, list[str]]:
    """How many of an entity's first modules serve a narrower list, and that list."""
    for code, count, starts in SPECIALISED_MODULES:
        if code == entity:
            return count, [c for c, name in services if name.startswith(starts)]
    return 0, []


def main(argv: list[str] | None = None) -> None:
    """Rebuild the demo file from the catalogue CSV and check that it loads."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, required=True, help="services_2023.csv")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("lima-norte.yaml"))
    args = parser.parse_args(argv)
    args.out.write_text(build(read_catalogue(args.csv)), encoding="utf-8")
    config = load_centre(args.out)
    print(
        f"{args.out}: {len(config.entities)} entities, {len(config.services)} services, "
        f"{len(config.modules)} modules"
    )


if __name__ == "__main__":
    main()
