"""Spanish names of module states, pause reasons and durations, translatable with Qt Linguist."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QCoreApplication

from macturnos.domain.modules import PAUSE_REASONS  # noqa: F401 - the pause dialog's choices


def module_state_name(state: str) -> str:
    """free, calling, serving, paused or closed as staff read it."""
    names = {
        "free": QCoreApplication.translate("Counter", "Libre"),
        "calling": QCoreApplication.translate("Counter", "Llamando"),
        "serving": QCoreApplication.translate("Counter", "Atendiendo"),
        "paused": QCoreApplication.translate("Counter", "En pausa"),
        "closed": QCoreApplication.translate("Counter", "Cerrado"),
    }
    return names.get(state, state)


def pause_reason_name(reason: str | None) -> str:
    """A pause reason code as staff read it."""
    names = {
        "refrigerio": QCoreApplication.translate("Counter", "Refrigerio"),
        "capacitacion": QCoreApplication.translate("Counter", "Capacitación"),
        "soporte_tecnico": QCoreApplication.translate("Counter", "Soporte técnico"),
        "otro": QCoreApplication.translate("Counter", "Otro"),
    }
    return names.get(reason or "", reason or "")


def duration(seconds: float) -> str:
    """A wait as mm:ss, or h:mm:ss past the hour."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def minutes_text(minutes: int | None) -> str:
    """An estimate in minutes ("12 min"), or "por confirmar" when unknown."""
    if minutes is None:
        return QCoreApplication.translate("Counter", "por confirmar")
    return QCoreApplication.translate("Counter", "{n} min").format(n=minutes)


CHECK_RESULTS = ("ok", "fail", "unknown", "not_applicable")


def check_result_name(result: str | None) -> str:
    """A checklist result code as staff read it (conforme, no conforme...)."""
    names = {
        "ok": QCoreApplication.translate("Counter", "Conforme"),
        "fail": QCoreApplication.translate("Counter", "No conforme"),
        "unknown": QCoreApplication.translate("Counter", "Sin verificar"),
        "not_applicable": QCoreApplication.translate("Counter", "No aplica"),
        "warning": QCoreApplication.translate("Counter", "Conforme con observaciones"),
    }
    return names.get(result or "", result or "")


def decision_name(decision: str | None) -> str:
    """A checklist run's decision as staff read it."""
    names = {
        "open": QCoreApplication.translate("Counter", "Abrió el centro"),
        "open_with_incidents": QCoreApplication.translate("Counter", "Abrió con incidencias"),
        "blocked": QCoreApplication.translate("Counter", "Centro bloqueado"),
    }
    return names.get(decision or "", decision or "")


def server_role_name(role: str | None) -> str:
    """A turn server's role in pair mode as staff read it."""
    names = {
        "primary": QCoreApplication.translate("Counter", "principal"),
        "standby": QCoreApplication.translate("Counter", "respaldo"),
    }
    return names.get(role or "", QCoreApplication.translate("Counter", "sin rol"))


def folded(text: str) -> str:
    """Lower case without accents, for searching ("migracion" finds "Migración")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
