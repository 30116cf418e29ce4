"""The one catalogue of user-facing texts of the server, the command line and the libraries.

Decision: real gettext catalogues. Texts are written in Spanish (Peru) in the sources
and marked with `N_` (mark only), `_` (translate) or `t` (translate and fill in named
fields). `python -m macturnos.i18n` extracts them into `locale/macturnos.pot`;
`locale/<language>.po` holds the translations that exist (Quechua `qu`, English `en`).
The .po files are read as they are, with no compiled .mo to go stale. Spanish is the
source language, so it needs no file. Tests check that the template matches the
sources and that every error code has an entry.

The process-wide `_`/`t` translate into `MACTURNOS_LANGUAGE` (default Spanish, the
language staff read); `translation(language)` serves a citizen's chosen language (the
kiosk). Qt Linguist (`tr`) stays for the apps' widget texts only.
"""

from __future__ import annotations

import gettext
import os
import string
from functools import cache

from macturnos.i18n import LOCALE_DIR, read_po

SOURCE_LANGUAGE = "es"
"""The language the texts are written in."""


class _PoTranslations(gettext.NullTranslations):
    """A language's translations read from its .po file; untranslated texts stay Spanish."""

    def __init__(self, catalog: dict[str, str]) -> None:
        super().__init__()
        self._catalog = catalog

    def gettext(self, message: str) -> str:
        """`message` in this language, or as written when it has no translation."""
        return self._catalog.get(message, message)


@cache
def translation(language: str) -> gettext.NullTranslations:
    """The translations into `language` (es, qu, en); Spanish or unknown: the sources' text."""
    path = LOCALE_DIR / f"{language}.po"
    if language == SOURCE_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    return _PoTranslations(read_po(path))


_ = translation(os.environ.get("MACTURNOS_LANGUAGE", SOURCE_LANGUAGE)).gettext


def N_(text: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark `text` for extraction into the catalogue without translating it yet."""
    return text


def t(text: str, **values: object) -> str:
    """Translate a marked text and fill in its named placeholders."""
    translated = _(text)
    return translated.format(**values) if values else translated


# Stable error code -> Spanish message template (str.format fields in Spanish).
MESSAGES: dict[str, str] = {
    # Ticket life cycle.
    "ILLEGAL_TRANSITION": N_("No se puede {accion} un turno en estado «{estado}»."),
    "MAX_RECALLS_REACHED": N_(
        "Este turno ya alcanzó el máximo de {maximo} rellamadas; "
        "márquelo como no presentado o inicie la atención."
    ),
    "UNKNOWN_TICKET": N_("No se encontró el turno."),
    "QUEUE_EMPTY": N_("No hay turnos en espera para el módulo {modulo}."),
    "NO_CURRENT_TICKET": N_("El módulo {modulo} no tiene un turno en curso."),
    "TRANSFER_SAME_SERVICE": N_("El turno ya pertenece a ese servicio; elija otro servicio."),
    "TICKET_CODE_INVALID": N_(
        "El código del ticket no es válido: el ticket puede estar dañado o no ser auténtico."
    ),
    "REASON_REQUIRED": N_("Indique el motivo para continuar."),
    # Issuing tickets.
    "SERVICE_CAPACITY_REACHED": N_(
        "Este servicio ya entregó los {capacidad} turnos disponibles para hoy."
    ),
    "SERVICE_PAST_LAST_ISSUE": N_("Este servicio entrega turnos hasta las {hora}."),
    "SERVICE_APPOINTMENT_ONLY": N_("Este servicio se atiende solo con cita previa."),
    "CENTRE_CLOSED_TODAY": N_("El centro no atiende hoy."),
    "OUTSIDE_OPENING_HOURS": N_(
        "Fuera del horario de atención. Hoy atendemos de {abre} a {cierra}."
    ),
    "CENTRE_NOT_OPENED": N_(
        "El centro aún no inicia la atención: falta registrar la verificación de apertura."
    ),
    "ISSUING_SUSPENDED": N_("La entrega de turnos está suspendida: {motivo}"),
    "ASSISTANCE_NOT_OFFERED": N_(
        "Ningún módulo ofrece «{asistencia}» para «{servicio}»; acérquese a orientación."
    ),
    # The centre's day: opening checklist, closing, seal.
    "CENTRE_BLOCKED": N_("El centro no abre hoy: {motivos}. La coordinación ya fue informada."),
    "DAY_ALREADY_OPENED": N_("La apertura de hoy ya fue registrada a las {hora}."),
    "DAY_SEALED": N_("El día {dia} ya fue cerrado; no admite más cambios."),
    "DAY_NOT_CLOSING": N_(
        "Aún no es hora de cierre: los turnos pendientes se cierran desde las {hora}."
    ),
    "DAY_NOT_OPENED": N_(
        "El día {dia} no se abrió (no tiene verificación de apertura registrada); no se puede cerrar."
    ),
    "DAY_HAS_PENDING_TICKETS": N_(
        "Quedan {cantidad} turnos sin concluir; atiéndalos o ciérrelos como "
        "«no atendido por cierre» antes de cerrar el día."
    ),
    "DAY_IN_SERVICE_TICKETS": N_(
        "Hay {cantidad} turnos en atención; los asesores deben finalizarlos antes del cierre."
    ),
    "CHECKLIST_REQUIRED": N_(
        "La apertura se registra con la lista de verificación (Registrar apertura)."
    ),
    "CHECKLIST_UNKNOWN_ITEM": N_("El punto «{punto}» no figura en la lista de verificación."),
    "CHECKLIST_REPEATED_ITEM": N_("El punto «{punto}» figura más de una vez en la verificación."),
    "CHECKLIST_NOTE_REQUIRED": N_(
        "La verificación automática de «{punto}» falló: para darlo por conforme "
        "escriba una observación."
    ),
    # Catalogue of services and modules.
    "UNKNOWN_SERVICE": N_("El servicio «{servicio}» no existe."),
    "UNKNOWN_MODULE": N_("El módulo {modulo} no existe."),
    "SERVICE_NOT_IN_MODULE": N_("El módulo {modulo} no atiende el servicio «{servicio}»."),
    "MODULE_TAKEN": N_("El módulo {modulo} ya está ocupado por otro asesor."),
    "MODULE_NOT_YOURS": N_("El módulo {modulo} está asignado a otro asesor."),
    "MODULE_OTHER_ENTITY": N_(
        "El módulo {modulo} atiende a {entidad}; su cuenta es de otra entidad. "
        "Elija un módulo de su entidad."
    ),
    "MODULE_BUSY": N_(
        "El módulo {modulo} ya tiene un turno en curso; finalícelo antes de llamar a otro."
    ),
    "MODULE_PAUSED": N_("El módulo {modulo} está en pausa; reanude la atención para continuar."),
    "MODULE_LEAVE_IN_SERVICE": N_(
        "El módulo {modulo} está atendiendo el turno {turno}: finalícelo, derívelo o "
        "devuélvalo a la cola antes de dejar el módulo."
    ),
    "ASSISTANCE_NOT_AT_MODULE": N_(
        "El turno {turno} necesita «{asistencia}», que el módulo {modulo} no ofrece."
    ),
    "NOT_AN_ADVISOR": N_("La cuenta «{usuario}» no es de un asesor activo."),
    "NOT_SUSPENDED": N_("La entrega de turnos de «{codigo}» no está suspendida."),
    # Sessions and accounts.
    "NOT_AUTHENTICATED": N_("Inicie sesión para continuar."),
    "INVALID_CREDENTIALS": N_("Usuario o contraseña incorrectos."),
    "ACCOUNT_LOCKED": N_(
        "La cuenta está bloqueada por varios intentos fallidos; inténtelo en {minutos} minutos."
    ),
    "FORBIDDEN_ROLE": N_("Su rol ({rol}) no tiene permiso para esta acción."),
    "DUPLICATE_USER": N_("Ya existe un usuario con el nombre «{usuario}»."),
    "UNKNOWN_USER": N_("No existe el usuario «{usuario}»."),
    "INVALID_PAIRING_CODE": N_("El código de vinculación no es válido o ya venció."),
    "UNKNOWN_DEVICE": N_("No existe el dispositivo «{dispositivo}»."),
    "TOO_MANY_ATTEMPTS": N_(
        "Demasiados intentos; espere {segundos} segundos e inténtelo de nuevo."
    ),
    "KIOSK_CANCEL_NOT_ALLOWED": N_(
        "El quiosco solo puede anular un turno que él mismo emitió, aún no llamado, "
        "dentro de los {minutos} minutos siguientes (falla de impresión)."
    ),
    "APPOINTMENT_UNVERIFIED": N_(
        "Los turnos de cita se emiten solo desde una cita registrada "
        "(registro de llegada por DNI o código de reserva)."
    ),
    # Requests in general.
    "INVALID_REQUEST": N_("La solicitud no es válida: revise el dato «{campo}»."),
    "IDEMPOTENCY_CONFLICT": N_(
        "Esta solicitud ya se registró con otros datos; actualice la pantalla e inténtelo de nuevo."
    ),
    "IDEMPOTENCY_KEY_REUSED": N_(
        "La clave de idempotencia ya se usó para esta acción con otros datos; "
        "envíe la nueva solicitud con otra clave."
    ),
    "INVALID_BODY": N_("El cuerpo de la solicitud no es JSON válido en UTF-8."),
    "BODY_TOO_LARGE": N_("La solicitud es demasiado grande."),
    "NOT_FOUND": N_("No existe la dirección solicitada."),
    "METHOD_NOT_ALLOWED": N_("Esa operación no está permitida en esta dirección."),
    "HTTP_ERROR": N_("La solicitud no se pudo atender (HTTP {estado})."),
    "CONFIG_INVALID": N_(
        "La configuración del centro tiene errores y no se aplicó; sigue vigente la anterior."
        "\n{detalle}"
    ),
    "INTERNAL_ERROR": N_("Ocurrió un error interno. Inténtelo de nuevo o avise al personal TIC."),
    # Appointments checked in at the kiosk, and the sync with the PCM.
    "APPOINTMENT_NOT_FOUND": N_(
        "No encontramos una cita para hoy con esos datos. Acérquese a recepción."
    ),
    "APPOINTMENT_ALREADY_CHECKED_IN": N_("Esta cita ya fue registrada; su turno es el {turno}."),
    "NO_PENDING_OFFER": N_("No hay una actualización del catálogo pendiente."),
    "CATALOGUE_OFFER_INVALID": N_(
        "La actualización del catálogo enviada por la PCM no es válida y no se aplicó.\n{detalle}"
    ),
    "SYNC_NO_CREDENTIALS": N_(
        "Falta el archivo de credenciales del centro para la PCM; avise al personal TIC."
    ),
    "SYNC_UNREACHABLE": N_("No se pudo conectar con la plataforma de la PCM."),
    "SYNC_TIMEOUT": N_("La plataforma de la PCM no respondió a tiempo."),
    "SYNC_REJECTED_CREDENTIALS": N_(
        "La PCM rechazó las credenciales del centro; avise al personal TIC."
    ),
    "SYNC_SERVER_ERROR": N_("La plataforma de la PCM respondió con un error ({estado})."),
    "SYNC_REJECTED_BATCH": N_("La PCM rechazó el envío de eventos ({estado})."),
    "SYNC_BAD_ANSWER": N_("La respuesta de la plataforma de la PCM no es válida."),
    "SYNC_AHEAD": N_(
        "La PCM tiene registrados más eventos que este servidor; avise al personal TIC."
    ),
    "SYNC_SEQ_CONFLICT": N_(
        "La PCM ya tiene otro evento con un número que este servidor volvió a usar "
        "(¿se reemplazó la base de datos?); avise al personal TIC."
    ),
    "SYNC_BAD_APPOINTMENTS": N_(
        "La PCM envió citas que no se pueden leer (filas no válidas: {cantidad}); "
        "se conservan las citas ya cargadas. Avise al personal TIC."
    ),
    "SYNC_DOWNLOAD_TOO_LARGE": N_(
        "La descarga de la PCM supera el límite ({limite}) y no se aplicó; "
        "se conservan los datos ya cargados. Avise al personal TIC."
    ),
    "SYNC_BAD_CATALOGUE_VERSION": N_(
        "La PCM publicó un catálogo cuya versión no es un texto ({version}) y no se consideró; "
        "la versión debe ir entre comillas."
    ),
    "SYNC_NOT_CONFIGURED": N_("Este centro no tiene configurada la sincronización con la PCM."),
    "CATALOGUE_OFFER_PROBLEM": N_("Catálogo «{version}» de la PCM: {detalle}"),
    "CATALOGUE_OFFER_MORE": N_("(otros problemas que se derivan de este: {cantidad})"),
    # Pair mode: two machines, replication and failover (shown to ICT and supervisors).
    "PAIR_STANDBY_LOST": N_(
        "Se perdió la máquina de respaldo «{nodo}»: el centro sigue atendiendo solo con "
        "«{primaria}». Avise al personal TIC."
    ),
    "PAIR_STANDBY_BACK": N_(
        "La máquina de respaldo «{nodo}» volvió y está al día: las dos máquinas guardan cada turno."
    ),
    "PAIR_PROMOTED": N_("La máquina «{nodo}» asumió como principal después de una conmutación."),
    "PAIR_NO_STANDBY": N_(
        "Sin máquina de respaldo: el centro atiende con una sola máquina ({primaria})."
    ),
    "PAIR_FENCED": N_(
        "La base de datos de «{nodo}» quedó fuera de servicio porque «{otro}» ya es la principal; "
        "reincorpórela con «macturnos pair rejoin»."
    ),
    "PAIR_PRIMARY_ALIVE": N_(
        "No se conmuta: la base de datos principal en «{nodo}» sigue respondiendo ({detalle})."
    ),
    "PAIR_PEER_SERVER_ALIVE": N_(
        "No se conmuta: el servidor de turnos de «{nodo}» sigue atendiendo con su base de datos."
    ),
    "PAIR_PORT_OPEN": N_(
        "No se conmuta: el puerto de la base de datos de «{nodo}» acepta conexiones aunque no "
        "responde a consultas; revise esa máquina o use --force si está seguro de que está caída."
    ),
    "PAIR_LOCAL_NOT_STANDBY": N_(
        "No se conmuta: la base de datos de esta máquina ({nodo}) no es la de respaldo ({estado})."
    ),
    "PAIR_LOCAL_UNREACHABLE": N_(
        "La base de datos de esta máquina ({nodo}) no responde: inicie PostgreSQL y reintente."
    ),
    "PAIR_PROMOTE_FAILED": N_("La promoción de la base de datos de «{nodo}» falló: {detalle}"),
    "PAIR_PROMOTED_DONE": N_(
        "Conmutación hecha: «{nodo}» es ahora la máquina principal. Los servidores y equipos "
        "se reconectan solos. Cuando «{otro}» vuelva, ejecute allí «macturnos pair rejoin»."
    ),
    "PAIR_NO_PRIMARY": N_(
        "No hay una base de datos principal en «{nodo}» a la cual unirse: {detalle}"
    ),
    "PAIR_TWO_PRIMARIES": N_(
        "Dos bases de datos principales: «{antigua}» volvió con datos antiguos (línea de tiempo "
        "{linea}) y quedó aislada; los turnos siguen en «{nodo}». Ejecute «macturnos pair "
        "rejoin» en «{antigua}»."
    ),
    "PAIR_BOOT_FENCED": N_(
        "«{nodo}» arrancó su base de datos en solo lectura porque «{otro}» ya es la principal; "
        "ejecute «macturnos pair rejoin» en «{nodo}» antes de iniciar su servidor de turnos."
    ),
    "DATABASE_UNAVAILABLE": N_(
        "La base de datos no está disponible por un momento (cambio de máquina principal o "
        "reinicio). Vuelva a intentarlo en unos segundos."
    ),
    # Reports (GET /api/v1/reports/...): a question the report cannot answer.
    "REPORT_UNKNOWN_PARAMETER": N_("El informe no admite el parámetro «{parametro}»."),
    "REPORT_INVALID_VALUE": N_(
        "El valor «{valor}» no es válido para el parámetro «{parametro}» del informe."
    ),
    "REPORT_INVALID_RANGE": N_(
        "El rango de fechas no es posible: empieza el {desde} y termina antes, el {hasta}."
    ),
    "REPORT_RANGE_TOO_LONG": N_(
        "El rango de fechas es demasiado largo: un informe abarca como máximo {dias} días."
    ),
    "REPORT_OWN_FIGURES_ONLY": N_("Un asesor solo puede ver sus propias cifras."),
    # The citizen's rating of an attention (domain/survey.py).
    "RATING_INVALID": N_("La calificación no es válida: revise el dato «{campo}»."),
    "RATING_NOT_FINISHED": N_("Solo se puede calificar una atención ya finalizada."),
    "ALREADY_RATED": N_("Esta atención ya fue calificada. ¡Gracias!"),
    "NOTHING_TO_RATE": N_(
        "No hay una atención recién finalizada en el módulo {modulo} para calificar."
    ),
    # The complaints and compliments book (domain/complaints.py).
    "COMPLAINT_INVALID": N_("La entrada del libro no es válida: revise el dato «{campo}»."),
    "COMPLAINT_STATE": N_("Una entrada en estado «{estado}» no puede pasar a «{nuevo}»."),
    "UNKNOWN_COMPLAINT": N_("No existe la entrada {numero} en el libro de reclamaciones."),
}

# Field-free wording used when a caller does not supply a template's fields, so
# reporting a refusal can never itself fail.
FALLBACK_MESSAGES: dict[str, str] = {
    "RATING_INVALID": N_("La calificación no es válida."),
    "COMPLAINT_INVALID": N_("La entrada del libro no es válida."),
    "COMPLAINT_STATE": N_("La entrada no puede pasar a ese estado."),
    "UNKNOWN_COMPLAINT": N_("No existe esa entrada en el libro de reclamaciones."),
    "NOTHING_TO_RATE": N_("No hay una atención recién finalizada para calificar."),
    "DAY_NOT_OPENED": N_(
        "Ese día no se abrió (no tiene verificación de apertura registrada); no se puede cerrar."
    ),
    "HTTP_ERROR": N_("La solicitud no se pudo atender."),
    "KIOSK_CANCEL_NOT_ALLOWED": N_(
        "El quiosco solo puede anular un turno que él mismo emitió, aún no llamado, "
        "poco después de emitirlo (falla de impresión)."
    ),
    "MODULE_OTHER_ENTITY": N_("Ese módulo atiende a otra entidad; elija un módulo de su entidad."),
    "TOO_MANY_ATTEMPTS": N_("Demasiados intentos; espere un momento e inténtelo de nuevo."),
    "UNKNOWN_DEVICE": N_("No existe ese dispositivo."),
    "PAIR_STANDBY_LOST": N_(
        "Se perdió la máquina de respaldo: el centro sigue atendiendo con una sola máquina. "
        "Avise al personal TIC."
    ),
    "PAIR_STANDBY_BACK": N_("La máquina de respaldo volvió y está al día."),
    "PAIR_PROMOTED": N_("La máquina de respaldo asumió como principal después de una conmutación."),
    "PAIR_NO_STANDBY": N_("Sin máquina de respaldo: el centro atiende con una sola máquina."),
    "PAIR_FENCED": N_(
        "Esta base de datos quedó fuera de servicio porque la otra máquina ya es la principal; "
        "reincorpórela con «macturnos pair rejoin»."
    ),
    "PAIR_PRIMARY_ALIVE": N_("No se conmuta: la base de datos principal sigue respondiendo."),
    "PAIR_PEER_SERVER_ALIVE": N_(
        "No se conmuta: el servidor de turnos de la otra máquina sigue atendiendo."
    ),
    "PAIR_PORT_OPEN": N_(
        "No se conmuta: el puerto de la base de datos principal acepta conexiones; revise esa máquina."
    ),
    "PAIR_LOCAL_NOT_STANDBY": N_(
        "No se conmuta: la base de datos de esta máquina no es la de respaldo."
    ),
    "PAIR_LOCAL_UNREACHABLE": N_(
        "La base de datos de esta máquina no responde: inicie PostgreSQL y reintente."
    ),
    "PAIR_PROMOTE_FAILED": N_("La promoción de la base de datos de esta máquina falló."),
    "PAIR_PROMOTED_DONE": N_("Conmutación hecha: esta máquina es ahora la principal."),
    "PAIR_NO_PRIMARY": N_("No hay una base de datos principal a la cual unirse."),
    "PAIR_TWO_PRIMARIES": N_(
        "Dos bases de datos principales: la que volvió con datos antiguos quedó aislada; "
        "reincorpórela con «macturnos pair rejoin»."
    ),
    "PAIR_BOOT_FENCED": N_(
        "La base de datos arrancó en solo lectura porque la otra máquina ya es la principal; "
        "ejecute «macturnos pair rejoin» antes de iniciar el servidor de turnos."
    ),
    "ILLEGAL_TRANSITION": N_("No se puede realizar esa acción en el estado actual del turno."),
    "MAX_RECALLS_REACHED": N_("Este turno ya alcanzó el máximo de llamadas."),
    "SERVICE_CAPACITY_REACHED": N_("Este servicio ya entregó todos los turnos disponibles hoy."),
    "SERVICE_PAST_LAST_ISSUE": N_("Este servicio ya no entrega turnos hoy."),
    "OUTSIDE_OPENING_HOURS": N_("Fuera del horario de atención."),
    "ACCOUNT_LOCKED": N_("La cuenta está bloqueada temporalmente por varios intentos fallidos."),
    "FORBIDDEN_ROLE": N_("Su rol no tiene permiso para esta acción."),
    "DUPLICATE_USER": N_("Ya existe un usuario con ese nombre."),
    "INVALID_REQUEST": N_("La solicitud no es válida."),
    "CONFIG_INVALID": N_(
        "La configuración del centro tiene errores y no se aplicó; sigue vigente la anterior."
    ),
    "QUEUE_EMPTY": N_("No hay turnos en espera para este módulo."),
    "NO_CURRENT_TICKET": N_("El módulo no tiene un turno en curso."),
    "UNKNOWN_SERVICE": N_("El servicio solicitado no existe."),
    "UNKNOWN_MODULE": N_("El módulo solicitado no existe."),
    "SERVICE_NOT_IN_MODULE": N_("Este módulo no atiende el servicio solicitado."),
    "MODULE_TAKEN": N_("El módulo ya está ocupado por otro asesor."),
    "MODULE_NOT_YOURS": N_("Este módulo está asignado a otro asesor."),
    "MODULE_BUSY": N_("El módulo ya tiene un turno en curso; finalícelo antes de llamar a otro."),
    "MODULE_PAUSED": N_("El módulo está en pausa; reanude la atención para continuar."),
    "MODULE_LEAVE_IN_SERVICE": N_(
        "El módulo está atendiendo un turno: finalícelo, derívelo o devuélvalo a la cola "
        "antes de dejar el módulo."
    ),
    "ASSISTANCE_NOT_AT_MODULE": N_("Ese turno necesita una asistencia que este módulo no ofrece."),
    "ASSISTANCE_NOT_OFFERED": N_(
        "Ningún módulo ofrece esa asistencia para este servicio; acérquese a orientación."
    ),
    "ISSUING_SUSPENDED": N_("La entrega de turnos está suspendida por el momento."),
    "NOT_AN_ADVISOR": N_("Esa cuenta no es de un asesor activo."),
    "NOT_SUSPENDED": N_("La entrega de turnos no está suspendida."),
    "UNKNOWN_USER": N_("No existe ese usuario."),
    "APPOINTMENT_ALREADY_CHECKED_IN": N_("Esta cita ya fue registrada."),
    "CATALOGUE_OFFER_INVALID": N_(
        "La actualización del catálogo enviada por la PCM no es válida y no se aplicó."
    ),
    "SYNC_SERVER_ERROR": N_("La plataforma de la PCM respondió con un error."),
    "SYNC_REJECTED_BATCH": N_("La PCM rechazó el envío de eventos."),
    "SYNC_BAD_APPOINTMENTS": N_(
        "La PCM envió citas que no se pueden leer; se conservan las citas ya cargadas."
    ),
    "SYNC_DOWNLOAD_TOO_LARGE": N_(
        "La descarga de la PCM supera el límite y no se aplicó; se conservan los datos ya cargados."
    ),
    "SYNC_BAD_CATALOGUE_VERSION": N_(
        "La PCM publicó un catálogo cuya versión no es un texto y no se consideró."
    ),
    "CATALOGUE_OFFER_PROBLEM": N_("El catálogo de la PCM no es válido."),
    "CATALOGUE_OFFER_MORE": N_("(hay otros problemas que se derivan de este)"),
    "CENTRE_BLOCKED": N_("El centro no abre hoy por una falla en la verificación de apertura."),
    "DAY_ALREADY_OPENED": N_("La apertura de hoy ya fue registrada."),
    "DAY_SEALED": N_("Ese día ya fue cerrado; no admite más cambios."),
    "DAY_NOT_CLOSING": N_("Aún no es hora de cierre."),
    "DAY_HAS_PENDING_TICKETS": N_(
        "Quedan turnos sin concluir; atiéndalos o ciérrelos antes de cerrar el día."
    ),
    "DAY_IN_SERVICE_TICKETS": N_("Hay turnos en atención; deben finalizarse antes del cierre."),
    "CHECKLIST_UNKNOWN_ITEM": N_("Uno de los puntos no figura en la lista de verificación."),
    "CHECKLIST_REPEATED_ITEM": N_("Un punto figura más de una vez en la verificación."),
    "CHECKLIST_NOTE_REQUIRED": N_(
        "Una verificación automática falló: para darla por conforme escriba una observación."
    ),
    "REPORT_UNKNOWN_PARAMETER": N_("El informe no admite uno de los parámetros recibidos."),
    "REPORT_INVALID_VALUE": N_("Uno de los valores del informe no es válido."),
    "REPORT_INVALID_RANGE": N_("El rango de fechas no es posible."),
    "REPORT_RANGE_TOO_LONG": N_("El rango de fechas es demasiado largo."),
}

# Checklist item results (domain.opening.ItemResult values) as the supervisor reads them.
CHECK_RESULT_NAMES: dict[str, str] = {
    "ok": N_("Conforme"),
    "fail": N_("No conforme"),
    "unknown": N_("Sin verificar"),
    "not_applicable": N_("No aplica"),
}

# The state of the centre's day (server.day.day_status) as staff and kiosks read it.
DAY_STATE_NAMES: dict[str, str] = {
    "closed_today": N_("El centro no atiende hoy"),
    "not_verified": N_("Falta registrar la verificación de apertura"),
    "blocked": N_("El centro no abre: verificación de apertura no conforme"),
    "open": N_("Centro abierto"),
    "open_with_incidents": N_("Centro abierto con incidencias"),
    "sealed": N_("Día cerrado"),
}

# Texts of the opening checklist's automatic verifications and of the day's records.
DAY_TEXTS: dict[str, str] = {
    "reason_item": N_("{punto}: {resultado}"),
    "reason_item_note": N_("{punto}: {resultado} ({nota})"),
    "reason_probe_failed": N_(
        "{punto}: la comprobación automática falló y no se puede dar por conforme ({nota})"
    ),
    "reason_against_probe": N_(
        "{punto}: {resultado}, contra la comprobación automática ({comprobado}) ({nota})"
    ),
    "incident_against_probe": N_("{nota} (la comprobación automática decía: {motivo})"),
    "no_pcm_endpoint": N_(
        "No hay dirección de la PCM configurada para verificar internet; confírmelo manualmente."
    ),
    "turn_system_ok": N_("Base de datos disponible; {libre} GB libres en disco."),
    "turn_system_low_disk": N_("Queda poco espacio en disco: {libre} GB libres."),
    "turn_system_no_disk": N_("Espacio en disco insuficiente: {libre} GB libres."),
    "turn_system_db_error": N_("La base de datos no responde."),
    "appointments_not_available": N_(
        "La sincronización de citas aún no está disponible en este servidor."
    ),
    "appointments_loaded": N_("{cantidad} citas del día cargadas."),
    "appointments_none": N_("No hay citas del día cargadas; confírmelo con la PCM."),
    "appointments_download_failed": N_(
        "Citas del día cargadas: {cantidad}. La última descarga de la PCM falló: {error}"
    ),
    "no_devices": N_("No hay equipos de este tipo configurados."),
    "device_not_paired": N_("{equipo}: no está vinculado al servidor."),
    "device_no_report": N_("{equipo}: aún no informó su estado."),
    "device_stale": N_("{equipo}: su último informe es del {fecha}."),
    "device_error": N_("{equipo}: con falla ({detalle})."),
    "device_warning": N_("{equipo}: con observaciones ({detalle})."),
    "devices_ok": N_("{cantidad} equipos en buen estado."),
    "replication_single": N_(
        "El centro funciona con un solo servidor: no hay réplica entre dos máquinas que verificar."
    ),
    "replication_not_checked": N_(
        "La réplica entre los dos servidores aún no se verificó; vuelva a verificar en unos "
        "segundos."
    ),
    "replication_ok": N_(
        "Las dos máquinas guardan cada turno: «{respaldo}» recibe los datos de «{principal}» "
        "en forma síncrona (retraso: {retraso})."
    ),
    "replication_ok_standby": N_(
        "Las dos máquinas guardan cada turno: «{respaldo}» recibe los datos de «{principal}» "
        "(pendiente de aplicar: {retraso})."
    ),
    "replication_no_standby": N_(
        "Sin máquina de respaldo: «{respaldo}» no recibe los datos y el centro atiende solo "
        "con «{principal}». Puede abrir; avise al personal TIC."
    ),
    "replication_local_unreachable": N_(
        "La base de datos de «{nodo}» no responde: el centro atiende solo con «{otro}». "
        "Puede abrir; avise al personal TIC."
    ),
    "replication_fenced": N_(
        "La base de datos de «{nodo}» quedó aislada después de una conmutación: «{otro}» atiende "
        "sola. Puede abrir; avise al personal TIC para reincorporarla."
    ),
    "replication_catching_up": N_(
        "«{respaldo}» se está poniendo al día con «{principal}» (retraso: {retraso}); mientras "
        "tanto cada turno queda en una sola máquina."
    ),
    "replication_not_synchronous": N_(
        "La réplica en «{respaldo}» no es síncrona ({estado}): un turno podría quedar solo en "
        "«{principal}». Avise al personal TIC."
    ),
    "replication_lagging": N_(
        "La réplica en «{respaldo}» va atrasada (retraso: {retraso}). Avise al personal TIC."
    ),
    "probe_warning": N_("Con observaciones: {detalle}"),
    "closed_at_end_of_day": N_("No atendido por cierre"),
}


def check_result_name(result: str) -> str:
    """The translated name of a checklist item result."""
    name = CHECK_RESULT_NAMES.get(str(result))
    return str(result) if name is None else _(name)


def day_state_name(state: str) -> str:
    """The translated name of a day state."""
    name = DAY_STATE_NAMES.get(str(state))
    return str(state) if name is None else _(name)


def day_text(key: str, **fields: object) -> str:
    """A translated text of the day's records, formatted with `fields`."""
    return _(DAY_TEXTS[key]).format(**fields)


# Shown for a code missing from the catalogue (a programming error, but the
# citizen or advisor still deserves a sentence rather than a crash).
UNKNOWN_CODE_MESSAGE = N_("No se pudo completar la operación.")

# Ticket statuses (TicketStatus values) as staff and citizens read them.
STATUS_NAMES: dict[str, str] = {
    "issued": N_("En espera"),
    "called": N_("Llamado"),
    "in_service": N_("En atención"),
    "finished": N_("Atendido"),
    "no_show": N_("No se presentó"),
    "cancelled": N_("Anulado"),
    "transferred": N_("Derivado"),
}

# Ticket actions (TicketAction values) as infinitives, to read "No se puede {accion} ...".
ACTION_NAMES: dict[str, str] = {
    "call": N_("llamar"),
    "recall": N_("volver a llamar"),
    "start": N_("iniciar la atención de"),
    "finish": N_("finalizar"),
    "no_show": N_("marcar como no presentado"),
    "cancel": N_("anular"),
    "transfer": N_("derivar"),
    "reactivate": N_("reactivar"),
    "return_to_queue": N_("devolver a la cola"),
    "release": N_("liberar del módulo"),
    "close_at_end_of_day": N_("cerrar por fin del día"),
}


# Why a service gives no tickets now, field-free and short enough for a kiosk tile, in
# any language: the server's own reason (Spanish, with figures) is shown in Spanish.
CITIZEN_REASONS: dict[str, str] = {
    "SERVICE_CAPACITY_REACHED": N_("Ya no quedan turnos para hoy."),
    "SERVICE_PAST_LAST_ISSUE": N_("Ya no se entregan turnos hoy para este trámite."),
    "SERVICE_APPOINTMENT_ONLY": N_("Solo con cita previa."),
    "CENTRE_CLOSED_TODAY": N_("El centro no atiende hoy."),
    "OUTSIDE_OPENING_HOURS": N_("Fuera del horario de atención."),
    "CENTRE_NOT_OPENED": N_("El centro aún no inicia la atención."),
    "CENTRE_BLOCKED": N_("El centro no abre hoy."),
    "ISSUING_SUSPENDED": N_("Atención suspendida por el momento."),
}
UNAVAILABLE_NOW = N_("No disponible en este momento.")


def citizen_reason(code: str | None, language: str) -> str | None:
    """The short reason for a refusal `code` in `language`, or None for another code."""
    text = CITIZEN_REASONS.get(code or "")
    return None if text is None else translation(language).gettext(text)


def unavailable_now(language: str) -> str:
    """ "Not available right now" in `language`, when the reason is not known."""
    return translation(language).gettext(UNAVAILABLE_NOW)


# What a citizen is told of their wait (the `estimated_wait_*` and `estimated_call_at`
# fields of a ticket's answer, `domain.estimate.WaitEstimate`). The minutes and unknown
# sentences are the printed ticket's own (`hardware.ticket_wording`), so they share
# their translations.
WAIT_TEXTS: dict[str, str] = {
    "minutes": N_("Tiempo de espera aproximado: {minutes} min"),
    "range": N_("Tiempo de espera aproximado: entre {low} y {high} min"),
    "call_at": N_("Le llamaremos cerca de las {time}"),
    "unknown": N_("Tiempo de espera: por confirmar"),
}


def wait_estimate_text(
    minutes: int | None,
    low: int | None = None,
    high: int | None = None,
    call_at: str | None = None,
    language: str = SOURCE_LANGUAGE,
) -> str:
    """The wait line: "entre 15 y 25 min" when uncertain, "cerca de las 12:33" for an appointment.

    `call_at` is the local time of day ("12:33") to say instead of minutes: give it
    for a ticket with an appointment, whose citizen plans by the clock.
    """
    gettext = translation(language).gettext
    if minutes is None:
        return gettext(WAIT_TEXTS["unknown"])
    if call_at is not None:
        return gettext(WAIT_TEXTS["call_at"]).format(time=call_at)
    if low is not None and high is not None and low < high:
        return gettext(WAIT_TEXTS["range"]).format(low=low, high=high)
    return gettext(WAIT_TEXTS["minutes"]).format(minutes=minutes)


def template_fields(template: str) -> frozenset[str]:
    """The str.format field names a message template uses."""
    return frozenset(
        name for _text, name, _spec, _conv in string.Formatter().parse(template) if name
    )


def is_known_code(code: str) -> bool:
    """Whether `code` is in the message catalogue."""
    return code in MESSAGES


def message(code: str, **fields: object) -> str:
    """The translated message for an error `code`, formatted with `fields`."""
    template = MESSAGES.get(code)
    if template is None:
        return _(UNKNOWN_CODE_MESSAGE)
    try:
        return _(template).format(**fields)
    except (KeyError, IndexError, ValueError):
        # A missing field or a translation with a broken placeholder: say the
        # field-free version instead of failing while reporting an error.
        return _(FALLBACK_MESSAGES.get(code, UNKNOWN_CODE_MESSAGE))


def status_name(status: str) -> str:
    """The translated display name of a ticket status value."""
    name = STATUS_NAMES.get(str(status))
    return str(status) if name is None else _(name)


def action_name(action: str) -> str:
    """The translated display name (an infinitive) of a ticket action value."""
    name = ACTION_NAMES.get(str(action))
    return str(action) if name is None else _(name)


def size_text(n: int | None) -> str:
    """Bytes as staff read them: 0 B, 12 KB, 3.4 MB."""
    n = max(0, int(n or 0))
    if n < 1024:
        return f"{n} B"
    if n < 1024**2:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024**2:.1f} MB"


def lag_text(lag_bytes: int | None, lag_seconds: float | None) -> str:
    """The replication lag: "0 B, 0.0 s" (bytes only when the seconds are not known)."""
    parts = [size_text(lag_bytes)]
    if lag_seconds is not None:
        parts.append(f"{float(lag_seconds):.1f} s")
    return ", ".join(parts)
