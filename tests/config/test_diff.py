"""The Spanish change list shown when the configuration is reloaded."""

from __future__ import annotations

from macturnos.config import DEMO_CENTRE_PATH, diff_configs, load_centre, parse_centre


def test_identical_configurations_have_no_changes(minimal_yaml):
    assert diff_configs(parse_centre(minimal_yaml), parse_centre(minimal_yaml)) == []
    demo = load_centre(DEMO_CENTRE_PATH)
    assert diff_configs(demo, load_centre(DEMO_CENTRE_PATH)) == []


def test_entities_services_and_modules(minimal_yaml):
    old = parse_centre(minimal_yaml)
    new_text = (
        minimal_yaml.replace("name: Centro MAC Prueba", "name: Centro MAC Prueba Norte")
        .replace("daily_capacity: 250", "daily_capacity: 300")
        .replace('last_issue: "17:30"', "")
        .replace("    target_wait_min: 30\n", "    target_wait_min: 25\n")
        .replace("    services: [RENIEC-02]\n", "    services: [RENIEC-02, RENIEC-01]\n")
        .replace("    mode: appointment_only\n", "")
        .replace(
            "services:\n  - code: RENIEC-01",
            "services:\n  - {code: SUNAT-01, entity: SUNAT, name: Inscripción al RUC}\n"
            "  - code: RENIEC-01",
        )
        .replace(
            "entities:\n",
            "entities:\n  - {code: SUNAT, name: Superintendencia Nacional de Administración "
            "Tributaria - SUNAT, short_name: SUNAT, prefix: S, colour: '#004B8D'}\n",
        )
        .replace("  - number: 11\n    entity: MIGRACIONES\n    zone: P2\n", "")
        .replace(
            "  - code: MIG-CE\n    entity: MIGRACIONES\n    name: Renovación de carné de extranjería\n",
            "",
        )
        + "  - {number: 20, entity: SUNAT, zone: P1}\n"
    )
    new = parse_centre(new_text)
    assert diff_configs(old, new) == [
        "Datos del centro modificados: nombre: Centro MAC Prueba → Centro MAC Prueba Norte",
        "Entidad añadida: SUNAT – Superintendencia Nacional de Administración Tributaria - SUNAT",
        "Entidad MIGRACIONES modificada: espera objetivo (min): 30 → 25",
        "Servicio añadido: SUNAT-01 – Inscripción al RUC (SUNAT)",
        "Servicio retirado: MIG-CE – Renovación de carné de extranjería (Migraciones)",
        "Servicio RENIEC-01 modificado: capacidad diaria: 250 → 300; "
        "último turno: 17:30 → hasta el cierre",
        "Servicio MIG-PAS modificado: modalidad: solo con cita → por orden de llegada",
        "Módulo añadido: 20 (SUNAT, zona P1)",
        "Módulo retirado: 11 (MIGRACIONES, zona P2)",
        "Módulo 2 modificado: servicios: se añade RENIEC-01",
    ]


def test_hours_rules_holidays_devices_and_pcm(minimal_yaml):
    old = parse_centre(
        minimal_yaml
        + "holidays:\n  - {date: 2026-12-08, name: Inmaculada Concepción}\n"
        + "kiosks:\n  - {code: K1, name: Quiosco}\n"
        + "displays:\n  - {code: TV-1, name: TV, zone: P1}\n"
    )
    new = parse_centre(
        minimal_yaml
        + "hours:\n  sat: closed\n"
        + "rules:\n  max_recalls: 3\n"
        + "holidays:\n  - {date: 2026-12-08, name: Inmaculada Concepción, closed: true}\n"
        + "  - {date: 2026-12-25, name: Navidad}\n"
        + "kiosks:\n  - code: K1\n    name: Quiosco\n    languages: [es, qu]\n"
        + "    printer: {paper_width_mm: 58, profile: POS-5890}\n"
        + "displays:\n  - {code: TV-1, name: TV}\n"
        + "pcm:\n  endpoint: https://pcm.example.gob.pe/api/mac/v1\n"
        + "power:\n  ups: {name: ups@192.168.10.5}\n"
    )
    assert diff_configs(old, new) == [
        "Horario modificado: sábado: 09:00-13:30 → cerrado",
        "Reglas de atención modificadas: rellamadas máximas: 2 → 3",
        "Feriado añadido: 2026-12-25 – Navidad",
        "Feriado 2026-12-08 modificado: cerrado: no → sí",
        "Pantalla TV-1 modificada: zona: P1 → todas las zonas",
        "Quiosco K1 modificado: idiomas: se quita en; "
        "impresora › profile: TM-T20II → POS-5890; impresora › paper_width_mm: 80 → 58",
        "Sincronización con la PCM activada: https://pcm.example.gob.pe/api/mac/v1",
        "Energía modificada: UPS: confirmación manual → name=ups@192.168.10.5",
    ]
    assert diff_configs(new, old)[-2:] == [
        "Sincronización con la PCM desactivada",
        "Energía modificada: UPS: name=ups@192.168.10.5 → confirmación manual",
    ]
