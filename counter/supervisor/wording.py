"""The monitor's words: the PCM sync line, the replication line, the alerts.

A `QWidget` part of `SupervisorView` (which inherits it through `MonitorTab`):
its `tr()` texts are looked up in the "SupervisorView" context first, as before
the split.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from macturnos.counter import monitor
from macturnos.counter.session import CounterSession
from macturnos.counter.supervisor.presenter import when
from macturnos.counter.texts import pause_reason_name, server_role_name
from macturnos.messages import lag_text


class SupervisorWording(QWidget):
    """Spanish sentences for what the presenter knows (no widgets of its own)."""

    session: CounterSession

    def pair_text(self, health: dict[str, Any]) -> str:
        """The replication line: this server and its role, then the standby's state and lag."""
        here = self.tr("conectado a «{nodo}» ({rol})").format(
            nodo=health.get("node") or "?", rol=server_role_name(health.get("role"))
        )
        level = health.get("level")
        if level == "unknown":
            return self.tr("Servidores: verificando la réplica… · {aqui}").format(aqui=here)
        if level == "ok":
            lag = lag_text(health.get("lag_bytes"), health.get("lag_seconds"))
            if health.get("role") == "standby":
                text = self.tr(
                    "Servidores: {aqui} · recibe al día los datos de «{principal}» "
                    "· pendiente de aplicar {retraso}"
                )
            else:
                text = self.tr(
                    "Servidores: {aqui} · respaldo «{respaldo}» al día (síncrono) "
                    "· retraso {retraso}"
                )
            return text.format(
                aqui=here,
                principal=health.get("primary") or "?",
                respaldo=health.get("standby") or "?",
                retraso=lag,
            )
        return f"{self.pair_problem_text(health)}\n" + self.tr("Este equipo está {aqui}.").format(
            aqui=here
        )

    def pair_problem_text(self, health: dict[str, Any]) -> str:
        """What is wrong with the replication, for the line and the alerts."""
        names = {
            "principal": health.get("primary") or "?",
            "respaldo": health.get("standby") or "?",
            "nodo": health.get("node") or "?",
            "retraso": lag_text(health.get("lag_bytes"), health.get("lag_seconds")),
            "estado": health.get("state") or "?",
        }
        problem = health.get("problem")
        if problem == "two_primaries":
            return str(health.get("message") or self.tr("Dos bases de datos principales."))
        if problem == "no_standby":
            text = self.tr(
                "Sin máquina de respaldo: «{respaldo}» no recibe los datos; el centro atiende "
                "solo con «{principal}». Avise al personal TIC."
            )
        elif problem == "local_unreachable":
            text = self.tr(
                "La base de datos de «{nodo}» no responde: el centro atiende solo con "
                "«{principal}». Avise al personal TIC."
            )
        elif problem == "fenced":
            text = self.tr(
                "La base de datos de «{nodo}» quedó aislada: «{principal}» atiende sola. "
                "Avise al personal TIC."
            )
        elif problem == "catching_up":
            text = self.tr(
                "Respaldo «{respaldo}» poniéndose al día con «{principal}» (retraso {retraso})"
            )
        elif problem == "not_synchronous":
            text = self.tr(
                "Respaldo «{respaldo}» no síncrono ({estado}): un turno podría quedar solo "
                "en «{principal}»"
            )
        else:  # lagging
            text = self.tr("Respaldo «{respaldo}» atrasado: retraso {retraso}")
        return text.format(**names)

    def sync_text(self, sync: dict[str, Any] | None) -> tuple[str, bool]:
        """The PCM sync line and whether it shows a problem."""
        if not sync:
            return self.tr("Envío a la PCM: consultando…"), False
        if not sync.get("enabled"):
            return self.tr("Envío a la PCM: no configurado en este centro"), False
        last = when(sync.get("last_success_at"))
        last_text = (
            last.astimezone(self.session.timezone).strftime("%d/%m %H:%M")
            if last
            else self.tr("nunca")
        )
        text = self.tr("Envío a la PCM: último envío correcto {cuando}").format(cuando=last_text)
        text += " · " + self.tr("%n eventos pendientes", "", int(sync.get("backlog") or 0))
        error = sync.get("last_error")
        if error:
            text += "\n" + self.tr("Último error: {error}").format(error=error)
        return text, bool(error)

    def alert_text(self, alert: monitor.Alert) -> str:
        """An alert in Spanish."""
        d = alert.data
        if alert.kind == "pair":
            return self.pair_problem_text(d)
        if alert.kind == "book":
            # The count after a colon: no plural to agree with.
            late = ", ".join(d["numbers"][:3]) + ("…" if len(d["numbers"]) > 3 else "")
            return self.tr(
                "Libro de reclamaciones, entradas sin responder pasado su plazo: {n} ({cuales})"
            ).format(n=d["count"], cuales=late)
        if alert.kind == "device":
            return self._device_alert_text(alert)
        if alert.kind == "calling":
            return self.tr(
                "Módulo {n}: llama al turno {turno} desde hace {m} min y nadie se presentó"
            ).format(n=d["module"], turno=d.get("ticket") or "—", m=d["minutes"])
        if alert.kind == "idle":
            return self.tr(
                "Módulo {n} libre desde hace {m} min con {personas} en espera en sus servicios"
            ).format(n=d["module"], m=d["minutes"], personas=self.people_text(d["waiting"]))
        if alert.kind == "last_issue":
            return self.tr("{entidad}: {servicios} dejan de emitir turnos a las {hora}").format(
                entidad=d["entity"], servicios=self.services_text(d["services"]), hora=d["time"]
            )
        if alert.kind == "pause":
            return self.tr("Módulo {n} en pausa ({motivo}) desde hace {m} min").format(
                n=d["module"], motivo=pause_reason_name(d.get("reason")), m=d["minutes"]
            )
        if alert.kind == "capacity":
            return self.tr("{servicio}: {emitidos} de {capacidad} turnos del día emitidos").format(
                servicio=d["name"], emitidos=d["issued"], capacidad=d["capacity"]
            )
        if alert.level == "error":
            return self.tr(
                "{entidad} · {servicio}: espera de {m} min, supera la meta de {meta} min"
            ).format(entidad=d["entity"], servicio=d["name"], m=d["minutes"], meta=d["target"])
        return self.tr(
            "{entidad} · {servicio}: espera de {m} min, cerca de la meta de {meta} min"
        ).format(entidad=d["entity"], servicio=d["name"], m=d["minutes"], meta=d["target"])

    def people_text(self, n: int) -> str:
        """ "1 persona", "3 personas"."""
        return self.tr("%n personas", "", n)

    def services_text(self, n: int) -> str:
        """ "1 servicio", "3 servicios"."""
        return self.tr("%n servicios", "", n)

    def _device_alert_text(self, alert: monitor.Alert) -> str:
        """A kiosk's or call screen's alert: offline since when, or failing and why."""
        d = alert.data
        kind = {"kiosk": self.tr("Kiosco"), "display": self.tr("Pantalla")}.get(
            str(d.get("kind")), self.tr("Equipo")
        )
        if d.get("problem") == "offline":
            seen = when(d.get("last_seen_at"))
            if seen is None:
                return self.tr("{equipo} {codigo}: nunca se conectó").format(
                    equipo=kind, codigo=d.get("device")
                )
            local = seen.astimezone(self.session.timezone)
            today = self.session.server_now().date()
            since = (
                local.strftime("%H:%M") if local.date() == today else local.strftime("%d/%m %H:%M")
            )
            return self.tr("{equipo} {codigo}: sin conexión desde {hora}").format(
                equipo=kind, codigo=d.get("device"), hora=since
            )
        detail = d.get("detail") or {}
        what = str(detail.get("reason") or detail.get("message") or "") or ", ".join(
            f"{k}: {v}" for k, v in detail.items()
        )
        state = self.tr("con falla") if alert.level == "error" else self.tr("con observaciones")
        return f"{kind} {d.get('device')}: {state}" + (f" — {what}" if what else "")
