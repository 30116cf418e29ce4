"""Errors of the configuration loader: every problem, with file, line, field and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from macturnos.config import ConfigError, ConfigIssue, load_centre, loader, parse_centre


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line of `text` that contains `needle`."""
    found = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            found += 1
            if found == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found {occurrence} time(s)")


def replace_once(text: str, old: str, new: str) -> str:
    """Replace a fragment that must occur exactly once (guards the test's own edits)."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def issues_of(text: str, filename: str = "centro.yaml") -> list[ConfigIssue]:
    """Parse text that must be rejected and return its issues."""
    with pytest.raises(ConfigError) as caught:
        parse_centre(text, filename)
    return caught.value.issues


def only_issue(text: str) -> ConfigIssue:
    """Parse text that must be rejected for exactly one reason."""
    issues = issues_of(text)
    assert len(issues) == 1, issues
    return issues[0]


def test_minimal_file_is_accepted(minimal_yaml):
    config = parse_centre(minimal_yaml)
    assert config.centre.code == "PRUEBA"
    assert [entity.code for entity in config.entities] == ["RENIEC", "MIGRACIONES"]


def test_unknown_top_level_key(minimal_yaml):
    text = minimal_yaml + "colour_scheme: dark\n"
    issue = only_issue(text)
    assert issue == ConfigIssue(
        "centro.yaml", line_of(text, "colour_scheme"), "colour_scheme", "clave desconocida"
    )


def test_unknown_nested_key(minimal_yaml):
    text = replace_once(minimal_yaml, "    prefix: M\n", "    prefix: M\n    prefx: MG\n")
    issue = only_issue(text)
    assert issue.field == "entities[1].prefx"
    assert issue.line == line_of(text, "prefx")
    assert issue.reason == "clave desconocida"


def test_unknown_key_in_device_settings(minimal_yaml):
    text = replace_once(
        minimal_yaml,
        "    services: [RENIEC-02]\n",
        "    services: [RENIEC-02]\n    led:\n      connector: serial\n      prot: /dev/ttyUSB1\n",
    )
    issue = only_issue(text)
    assert (issue.field, issue.line) == ("modules[1].led.prot", line_of(text, "prot:"))


def test_bad_type(minimal_yaml):
    text = replace_once(minimal_yaml, "daily_capacity: 250", "daily_capacity: muchos")
    issue = only_issue(text)
    assert issue.field == "services[0].daily_capacity"
    assert issue.line == line_of(text, "muchos")
    assert issue.reason == "debe ser un número entero"


def test_value_out_of_bounds(minimal_yaml):
    text = minimal_yaml + "rules:\n  max_recalls: 11\n"
    issue = only_issue(text)
    assert (issue.field, issue.line) == ("rules.max_recalls", line_of(text, "max_recalls"))
    assert issue.reason == "debe ser menor o igual que 10"


def test_section_of_wrong_shape(minimal_yaml):
    issue = only_issue(minimal_yaml + "rules: [1, 2]\n")
    assert issue.field == "rules"
    assert issue.reason == "debe ser un mapeo (clave: valor)"


def test_bad_last_issue_time(minimal_yaml):
    text = replace_once(minimal_yaml, 'last_issue: "17:30"', 'last_issue: "25:30"')
    issue = only_issue(text)
    assert (issue.field, issue.line) == ("services[0].last_issue", line_of(text, "25:30"))
    assert issue.reason.startswith("hora no válida «25:30»")


def test_bad_opening_hours(minimal_yaml):
    text = minimal_yaml + 'hours:\n  mon: "8-18"\n  sat: "13:30-09:00"\n'
    issues = issues_of(text)
    assert [(i.field, i.line) for i in issues] == [
        ("hours.mon", line_of(text, "8-18")),
        ("hours.sat", line_of(text, "13:30-09:00")),
    ]
    assert issues[0].reason.startswith("horario no válido «8-18»")
    assert (
        issues[1].reason == "la hora de apertura (13:30) debe ser anterior a la de cierre (09:00)"
    )


def test_bad_colour(minimal_yaml):
    text = replace_once(minimal_yaml, '"#C8102E"', "rojo")
    issue = only_issue(text)
    assert (issue.field, issue.line) == ("entities[0].colour", line_of(text, "rojo"))
    assert issue.reason.startswith("color no válido «rojo»")


def test_bad_codes_and_prefix_format(minimal_yaml):
    text = replace_once(minimal_yaml, "prefix: PAS", "prefix: pas")
    text = replace_once(text, "code: PRUEBA", "code: Prueba Norte")
    issues = issues_of(text)
    assert [(i.field, i.line) for i in issues] == [
        ("centre.code", line_of(text, "Prueba Norte")),
        ("services[2].prefix", line_of(text, "prefix: pas")),
    ]


def test_duplicate_entity_prefix(minimal_yaml):
    text = replace_once(minimal_yaml, "    prefix: M\n", "    prefix: R\n")
    issue = only_issue(text)
    assert (issue.field, issue.line) == ("entities[1].prefix", line_of(text, "prefix: R", 2))
    assert issue.reason == "prefijo «R» repetido: ya lo usa entities[0]"


def test_service_prefix_must_not_reuse_an_entity_prefix(minimal_yaml):
    text = replace_once(minimal_yaml, "prefix: PAS", "prefix: R")
    issue = only_issue(text)
    assert issue.field == "services[2].prefix"
    assert issue.reason == "prefijo «R» repetido: ya lo usa entities[0]"


def test_dangling_entity_reference(minimal_yaml):
    text = replace_once(
        minimal_yaml,
        "  - code: MIG-CE\n    entity: MIGRACIONES\n",
        "  - code: MIG-CE\n    entity: MIGRACION\n",
    )
    issue = only_issue(text)
    assert (issue.field, issue.line) == ("services[3].entity", line_of(text, "code: MIG-CE") + 1)
    assert issue.reason == "la entidad «MIGRACION» no está declarada en entities"


def test_dangling_service_and_zone_references(minimal_yaml):
    text = replace_once(minimal_yaml, "services: [RENIEC-02]", "services: [RENIEC-02, RENIEC-99]")
    text = replace_once(
        text,
        "  - number: 11\n    entity: MIGRACIONES\n    zone: P2\n",
        "  - number: 11\n    entity: MIGRACIONES\n    zone: P3\n",
    )
    text += "displays:\n  - {code: TV-1, name: TV, zone: P9}\nkiosks:\n  - code: K1\n    name: Quiosco\n    zone: P8\n"
    issues = issues_of(text)
    assert [(i.field, i.line, i.reason) for i in issues] == [
        (
            "modules[1].services[1]",
            line_of(text, "RENIEC-99"),
            "el servicio «RENIEC-99» no está declarado en services",
        ),
        ("modules[3].zone", line_of(text, "zone: P3"), "la zona «P3» no está declarada en zones"),
        ("displays[0].zone", line_of(text, "P9"), "la zona «P9» no está declarada en zones"),
        ("kiosks[0].zone", line_of(text, "P8"), "la zona «P8» no está declarada en zones"),
    ]


def test_service_of_another_entity(minimal_yaml):
    text = replace_once(minimal_yaml, "      - MIG-PAS\n", "      - MIG-PAS\n      - RENIEC-01\n")
    issue = only_issue(text)
    assert (issue.field, issue.line) == ("modules[2].services[1]", line_of(text, "- RENIEC-01"))
    assert issue.reason == "el servicio «RENIEC-01» pertenece a la entidad RENIEC, no a MIGRACIONES"


def test_unserved_walk_in_service(minimal_yaml):
    # Module 11 served MIG-CE by default; narrowing it leaves the walk-in service orphaned.
    text = replace_once(
        minimal_yaml,
        "  - number: 11\n    entity: MIGRACIONES\n    zone: P2\n",
        "  - number: 11\n    entity: MIGRACIONES\n    zone: P2\n    services: [MIG-PAS]\n",
    )
    issue = only_issue(text)
    assert (issue.field, issue.line) == ("services[3]", line_of(text, "code: MIG-CE"))
    assert "MIG-CE" in issue.reason and "nadie podría llamar sus turnos" in issue.reason


def test_unserved_appointment_only_service_is_accepted(minimal_yaml):
    text = replace_once(minimal_yaml, "      - MIG-PAS\n", "      - MIG-CE\n")
    text = replace_once(
        text,
        "  - number: 11\n    entity: MIGRACIONES\n    zone: P2\n",
        "  - number: 11\n    entity: MIGRACIONES\n    zone: P2\n    services: [MIG-CE]\n",
    )
    config = parse_centre(text)
    assert config.modules_serving("MIG-PAS") == []


def test_module_of_entity_without_services(minimal_yaml):
    text = (
        minimal_yaml.replace(
            "entities:\n",
            "entities:\n  - {code: SUNAT, name: SUNAT, short_name: SUNAT, prefix: S, colour: '#004B8D'}\n",
        )
        + "  - {number: 20, entity: SUNAT, zone: P1}\n"
    )
    issue = only_issue(text)
    assert (issue.field, issue.line) == ("modules[4].entity", line_of(text, "number: 20"))


def test_duplicate_codes_numbers_and_dates(minimal_yaml):
    text = replace_once(minimal_yaml, "code: MIG-CE", "code: MIG-PAS")
    text = replace_once(text, "number: 11", "number: 10")
    text += (
        "holidays:\n  - {date: 2026-12-08, name: Inmaculada Concepción}\n"
        "  - {date: 2026-12-08, name: Otra vez}\n"
    )
    reasons = {(i.field, i.reason) for i in issues_of(text)}
    assert ("services[3].code", "código «MIG-PAS» repetido: ya lo usa services[2]") in reasons
    assert ("modules[3].number", "número de módulo 10 repetido: ya lo usa modules[2]") in reasons
    assert ("holidays[1].date", "fecha 2026-12-08 repetida: ya figura en holidays[0]") in reasons


def test_missing_field_points_at_its_item(minimal_yaml):
    text = replace_once(minimal_yaml, "    short_name: Migraciones\n", "")
    issue = only_issue(text)
    assert issue.field == "entities[1].short_name"
    assert issue.line == line_of(text, "code: MIGRACIONES")
    assert issue.reason == "falta este campo obligatorio"


def test_missing_top_level_section(minimal_yaml):
    text = minimal_yaml.split("modules:\n")[0]
    issues = issues_of(text)
    assert ("modules", None, "falta este campo obligatorio") in [
        (i.field, i.line, i.reason) for i in issues
    ]


def test_yaml_syntax_error_has_line(minimal_yaml):
    text = replace_once(minimal_yaml, "services: [RENIEC-02]", "services: [RENIEC-02")
    issue = only_issue(text)
    assert issue.file == "centro.yaml"
    assert issue.line is not None
    assert line_of(text, "[RENIEC-02") <= issue.line <= line_of(text, "[RENIEC-02") + 1
    assert issue.reason.startswith("error de sintaxis YAML")


def test_yaml_bad_indentation(minimal_yaml):
    text = replace_once(
        minimal_yaml,
        "  name: Centro MAC Prueba\n",
        "  name: Centro MAC Prueba\n   timezone: America/Lima\n",
    )
    issue = only_issue(text)
    assert issue.line == line_of(text, "timezone")


def test_yaml_duplicate_key(minimal_yaml):
    text = replace_once(
        minimal_yaml, "  name: Centro MAC Prueba\n", "  name: Centro MAC Prueba\n  name: Otro\n"
    )
    issue = only_issue(text)
    assert issue.line == line_of(text, "name: Otro")
    assert issue.reason == (
        "clave «name» repetida: ya aparece en el mismo bloque, que empieza en la línea "
        f"{line_of(text, 'code: PRUEBA')}"
    )


def test_wrong_schema_version(minimal_yaml):
    text = minimal_yaml.replace("schema_version: 1", "schema_version: 2") + "unknown: 1\n"
    issue = only_issue(text)  # other problems are not judged under another schema
    assert (issue.field, issue.line) == ("schema_version", 1)
    assert (
        issue.reason
        == "versión de esquema 2 no soportada; esta versión de MAC Turnos lee la versión 1"
    )


def test_missing_schema_version(minimal_yaml):
    issue = only_issue(minimal_yaml.replace("schema_version: 1\n", ""))
    assert (issue.field, issue.line) == ("schema_version", None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "el archivo está vacío"),
        ("# only a comment\n", "el archivo está vacío"),
        (
            "- a\n- b\n",
            "el archivo debe ser un mapeo de claves (clave: valor) en el nivel superior",
        ),
    ],
)
def test_empty_or_non_mapping_file(text, reason):
    assert only_issue(text).reason == reason


def test_other_validations(minimal_yaml):
    text = replace_once(
        minimal_yaml,
        "  name: Centro MAC Prueba\n",
        "  name: Centro MAC Prueba\n  timezone: America/Lma\n",
    )
    text += "pcm:\n  endpoint: http://pcm.example.gob.pe/api\n"
    text += "kiosks:\n  - code: K1\n    name: Quiosco\n    languages: [es, es]\n"
    text += "displays:\n  - {code: TV-1, name: TV, volume: 120, voice: español}\n"
    issues = issues_of(text)
    assert [(i.field, i.line) for i in issues] == [
        ("centre.timezone", line_of(text, "America/Lma")),
        ("pcm.endpoint", line_of(text, "http://")),
        ("kiosks[0].languages", line_of(text, "languages")),
        ("displays[0].voice", line_of(text, "volume: 120")),
        ("displays[0].volume", line_of(text, "volume: 120")),
    ]
    reasons = [issue.reason for issue in issues]
    assert reasons[0] == "zona horaria desconocida «America/Lma»; por ejemplo America/Lima"
    assert reasons[1].startswith("dirección no válida «http://pcm.example.gob.pe/api»")
    assert reasons[2] == "«es» está repetido en la lista"
    assert reasons[3].startswith("voz no válida «español»")
    assert reasons[4] == "debe ser menor o igual que 100"


def test_empty_module_service_list(minimal_yaml):
    text = replace_once(minimal_yaml, "services: [RENIEC-02]", "services: []")
    issue = only_issue(text)
    assert issue.field == "modules[1].services"
    assert "omita la clave" in issue.reason


def test_several_errors_are_all_listed_in_line_order(minimal_yaml):
    text = replace_once(minimal_yaml, '"#C8102E"', '"#C8102"')
    text = replace_once(
        text, "entity: RENIEC\n    name: Orientación", "entity: RENIE\n    name: Orientación"
    )
    text = replace_once(
        text,
        "    zone: P1\n    services: [RENIEC-02]\n",
        "    zona: P1\n    services: [RENIEC-02]\n",
    )
    text += "sorpresa: true\n"
    error = pytest.raises(ConfigError, parse_centre, text, "lima.yaml").value
    expected = [
        f"lima.yaml:{line_of(text, '#C8102')}: entities[0].colour: color no válido «#C8102»: use el formato #RRGGBB, por ejemplo #D52B1E",
        f"lima.yaml:{line_of(text, 'entity: RENIE', 2)}: services[1].entity: la entidad «RENIE» no está declarada en entities",
        f"lima.yaml:{line_of(text, 'number: 2')}: modules[1].zone: falta este campo obligatorio",
        f"lima.yaml:{line_of(text, 'zona: P1')}: modules[1].zona: clave desconocida",
        f"lima.yaml:{line_of(text, 'sorpresa')}: sorpresa: clave desconocida",
    ]
    assert str(error).splitlines() == expected
    assert [str(issue) for issue in error.issues] == expected


def test_load_centre_reports_the_path(tmp_path: Path, minimal_yaml):
    path = tmp_path / "centro.yaml"
    path.write_text(minimal_yaml + "extra: 1\n", encoding="utf-8")
    error = pytest.raises(ConfigError, load_centre, path).value
    assert error.issues == [
        ConfigIssue(
            str(path),
            line_of(minimal_yaml + "extra: 1\n", "extra: 1"),
            "extra",
            "clave desconocida",
        )
    ]


def test_load_centre_missing_or_undecodable_file(tmp_path: Path):
    missing = tmp_path / "no-existe.yaml"
    error = pytest.raises(ConfigError, load_centre, str(missing)).value
    assert str(error) == f"{missing}: no se encontró el archivo de configuración"
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("centre:\n  name: Jesús María\n".encode("latin-1"))
    assert (
        pytest.raises(ConfigError, load_centre, latin1).value.issues[0].reason
        == "el archivo no está en UTF-8"
    )


def test_relative_paths_are_taken_from_the_file_folder(tmp_path: Path, minimal_yaml):
    text = replace_once(
        minimal_yaml,
        '    colour: "#C8102E"\n',
        '    colour: "#C8102E"\n    logo: logos/reniec.png\n',
    )
    text += "pcm:\n  endpoint: https://pcm.example.gob.pe/api/mac/v1\n  credentials_file: /etc/macturnos/pcm.json\n"
    path = tmp_path / "centro.yaml"
    path.write_text(text, encoding="utf-8")
    config = load_centre(path)
    assert config.entity("RENIEC").logo == tmp_path.resolve() / "logos" / "reniec.png"
    assert config.pcm is not None and config.pcm.credentials_file == Path("/etc/macturnos/pcm.json")
    # Parsed text has no folder: the relative path is kept as written.
    assert parse_centre(text).entity("RENIEC").logo == Path("logos/reniec.png")


def test_a_list_whose_only_item_is_wrong_is_not_also_called_too_short(minimal_yaml):
    text = replace_once(
        minimal_yaml,
        "  - code: P1\n    name: Planta 1\n  - code: P2\n    name: Planta 2\n",
        "  - {code: P1, name: Planta 1, floor: 1}\n",
    ).replace("zone: P2", "zone: P1")
    issue = only_issue(text)
    assert (issue.field, issue.reason) == ("zones[0].floor", "clave desconocida")


def test_an_empty_required_list(minimal_yaml):
    text = replace_once(
        minimal_yaml,
        "zones:\n  - code: P1\n    name: Planta 1\n  - code: P2\n    name: Planta 2\n",
        "zones: []\n",
    )
    issues = issues_of(text)
    assert issues[0] == ConfigIssue(
        "centro.yaml", line_of(text, "zones: []"), "zones", "debe tener al menos 1 elemento(s)"
    )
    assert {issue.reason for issue in issues[1:]} == {
        "la zona «P1» no está declarada en zones",
        "la zona «P2» no está declarada en zones",
    }


# --- hostile files (issue 15, item 17): a refusal with file:line:field, never a traceback ---


def test_an_impossible_date_is_reported_where_it_is(minimal_yaml):
    # ruamel raised a bare ValueError ("day is out of range for month").
    text = minimal_yaml + "holidays:\n  - date: 2026-02-30\n    name: Nunca\n"
    issue = only_issue(text)
    assert issue.line == line_of(text, "2026-02-30")
    assert issue.field == "holidays[0].date"
    assert "AAAA-MM-DD" in issue.reason


def _alias_bomb(levels: int) -> str:
    lines = ["schema_version: 1", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_it_expands():
    # Expanded, this is 7 * 9**11 values from under 1 KB: without the cap the loader
    # would not come back (the old one passed 1 GB); how fast it refuses is bench/ work.
    text = _alias_bomb(12)
    issue = only_issue(text)
    assert "alias" in issue.reason and str(loader.MAX_VALUES) in issue.reason


def test_a_few_aliases_still_work(minimal_yaml):
    text = replace_once(minimal_yaml, "    daily_capacity: 250", "    daily_capacity: &cap 250")
    text = replace_once(text, "    target_wait_min: 10", "    target_wait_min: 10\n    x: *cap")
    assert [i.field for i in issues_of(text)] == ["services[1].x"]


def test_nesting_too_deep_is_refused_with_its_line():
    text = "schema_version: 1\ncentre: " + "[" * 5000 + "]" * 5000 + "\n"
    issue = only_issue(text)
    assert issue.line == 2 and str(loader.MAX_DEPTH) in issue.reason


def test_a_file_too_large_is_not_read(tmp_path, minimal_yaml):
    big = tmp_path / "centro.yaml"
    big.write_text(minimal_yaml + "# " + "x" * loader.MAX_FILE_BYTES + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_centre(big)
    [issue] = caught.value.issues
    assert issue.file == str(big) and "KB" in issue.reason
    with pytest.raises(ConfigError):
        parse_centre(big.read_text(encoding="utf-8"))


def test_errors_stop_after_the_first_fifty(minimal_yaml):
    text = minimal_yaml + "".join(f"extra{i}: 1\n" for i in range(300))
    issues = issues_of(text)
    assert len(issues) == loader.MAX_ISSUES + 1
    assert all(i.line and i.field for i in issues[:-1])
    assert "250 errores más" in issues[-1].reason
