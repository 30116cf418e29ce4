"""The opening checklist in the centre file: the manual's default, custom lists, their checks."""

from __future__ import annotations

from macturnos.config import DEFAULT_CHECKLIST, ConfigError, diff_configs, parse_centre

CUSTOM = """\
checklist:
  - code: SEGURIDAD
    name: Seguridad
    items:
      - {code: VIGILANTES, label: Vigilantes en sus puestos, blocking: true}
  - code: TIC
    name: Servicios TIC
    items:
      - {code: RED, label: Internet de la PCM, blocking: true, probe: internet}
      - {code: LUZ, label: Energía eléctrica, blocking: true, probe: power}
      - {code: TICKETS, label: Impresoras de tickets, probe: kiosk_printers}
"""


def issues(text: str) -> list[str]:
    try:
        parse_centre(text, "centro.yaml")
    except ConfigError as err:
        return [str(issue) for issue in err.issues]
    raise AssertionError("the file was accepted")


def test_default_is_the_operating_manual(minimal_yaml):
    cfg = parse_centre(minimal_yaml)
    assert cfg.checklist == DEFAULT_CHECKLIST
    assert [z.code for z in cfg.checklist] == [
        "RECEPCION", "ATENCION", "ADMINISTRATIVA", "TOPICO", "GENERAL", "TIC",
    ]  # fmt: skip
    blocking = {item.code for _zone, item in cfg.checklist_items() if item.blocking}
    assert blocking == {"TIC-INTERNET", "TIC-ENERGIA", "GEN-VIGILANCIA"}
    probes = {item.probe: item.code for _zone, item in cfg.checklist_items() if item.probe}
    assert set(probes) == {
        "internet", "power", "kiosk_printers", "call_screens", "led_displays", "turn_system",
        "appointments", "replication",
    }  # fmt: skip
    # The replication item sits in the ICT zone next to the turn system, and never blocks:
    # a centre that lost its standby keeps working on one machine.
    tic = [item.code for item in cfg.checklist[-1].items]
    assert tic.index("TIC-REPLICA") == tic.index("TIC-TURNOS") + 1
    assert probes["replication"] == "TIC-REPLICA"
    # Every item has a label a supervisor can read, and codes are unique.
    codes = [item.code for _zone, item in cfg.checklist_items()]
    assert len(codes) == len(set(codes))
    assert all(item.label[0].isupper() for _zone, item in cfg.checklist_items())


def test_custom_checklist(minimal_yaml):
    cfg = parse_centre(minimal_yaml + CUSTOM)
    assert [(z.code, [i.code for i in z.items]) for z in cfg.checklist] == [
        ("SEGURIDAD", ["VIGILANTES"]),
        ("TIC", ["RED", "LUZ", "TICKETS"]),
    ]
    red = cfg.checklist[1].items[0]
    assert red.blocking and red.probe == "internet" and red.label == "Internet de la PCM"
    assert cfg.checklist[1].items[2].blocking is False


def test_repeated_codes_and_probes_are_reported_with_lines(minimal_yaml):
    text = minimal_yaml + CUSTOM.replace(
        "      - {code: TICKETS, label: Impresoras de tickets, probe: kiosk_printers}",
        "      - {code: RED, label: Otra vez, probe: kiosk_printers}\n"
        "      - {code: OTRA, label: Internet otra vez, blocking: true, probe: internet}",
    ).replace("  - code: TIC\n", "  - code: SEGURIDAD\n")
    found = issues(text)
    assert any("checklist[1].code" in i and "SEGURIDAD" in i and "repetido" in i for i in found)
    assert any("checklist[1].items[2].code" in i and "«RED»" in i for i in found)
    assert any(
        "checklist[1].items[3].probe" in i and "internet" in i and "checklist[1].items[0]" in i
        for i in found
    )
    # Each problem carries the line of the offending key.
    assert all(i.startswith("centro.yaml:") for i in found)


def test_replication_probe_is_accepted_once(minimal_yaml):
    text = minimal_yaml + CUSTOM.replace(
        "      - {code: TICKETS, label: Impresoras de tickets, probe: kiosk_printers}",
        "      - {code: REPLICA, label: Replicación entre los dos servidores, probe: replication}",
    )
    cfg = parse_centre(text)
    replica = cfg.checklist[1].items[2]
    assert replica.probe == "replication" and replica.blocking is False
    found = issues(text + "      - {code: REPLICA2, label: Otra réplica, probe: replication}\n")
    assert len(found) == 1
    assert "checklist[1].items[3].probe" in found[0] and "checklist[1].items[2]" in found[0]


def test_internet_and_power_must_block(minimal_yaml):
    text = minimal_yaml + CUSTOM.replace(
        "{code: LUZ, label: Energía eléctrica, blocking: true, probe: power}",
        "{code: LUZ, label: Energía eléctrica, probe: power}",
    )
    (only,) = issues(text)
    assert "checklist[1].items[1].blocking" in only and "blocking: true" in only


def test_unknown_probe_and_empty_zone(minimal_yaml):
    text = minimal_yaml + CUSTOM.replace("probe: kiosk_printers", "probe: cafetera").replace(
        "    items:\n      - {code: VIGILANTES, label: Vigilantes en sus puestos, blocking: true}\n",
        "    items: []\n",
    )
    found = issues(text)
    assert any("checklist[1].items[2].probe" in i for i in found)
    assert any("checklist[0].items" in i for i in found)
    assert len(found) == 2


def test_unknown_key_in_item(minimal_yaml):
    text = minimal_yaml + CUSTOM.replace("blocking: true}", "blocking: true, bloqueante: si}", 1)
    (only,) = issues(text)
    assert "checklist[0].items[0].bloqueante" in only and "clave desconocida" in only


def test_reload_lists_a_checklist_change(minimal_yaml):
    old = parse_centre(minimal_yaml)
    new = parse_centre(minimal_yaml + CUSTOM)
    assert diff_configs(old, new) == ["Lista de verificación de apertura modificada"]
    assert diff_configs(new, new) == []
