"""Spanish (Peru) texts of configuration errors and change lists, kept together for translation."""

from __future__ import annotations

from macturnos.messages import N_

# --- Reading the file -------------------------------------------------------------------
FILE_NOT_FOUND = N_("no se encontró el archivo de configuración")
FILE_UNREADABLE = N_("no se pudo leer el archivo: {error}")
FILE_NOT_UTF8 = N_("el archivo no está en UTF-8")
YAML_SYNTAX = N_("error de sintaxis YAML: {detail}")
YAML_DUPLICATE_KEY = N_(
    "clave «{key}» repetida: ya aparece en el mismo bloque, que empieza en la línea {line}"
)
EMPTY_FILE = N_("el archivo está vacío")
FILE_TOO_LARGE = N_(
    "el archivo pesa más de {limit} KB; un archivo de centro real pesa mucho menos: "
    "revise que sea el archivo correcto"
)
TOO_MANY_VALUES = N_(
    "el archivo, con sus alias YAML (*nombre) expandidos, tiene más de {limit} valores; "
    "use menos alias o escriba los valores directamente"
)
TOO_DEEP = N_("el archivo anida listas o mapeos en más de {limit} niveles")
MORE_ERRORS = N_("… y {count} errores más (corrija los anteriores y vuelva a validar)")
ROOT_NOT_MAPPING = N_("el archivo debe ser un mapeo de claves (clave: valor) en el nivel superior")
SCHEMA_MISSING = N_(
    "falta schema_version (esta versión de MAC Turnos lee schema_version: {supported})"
)
SCHEMA_UNSUPPORTED = N_(
    "versión de esquema {found} no soportada; esta versión de MAC Turnos lee la versión {supported}"
)

# --- Generic validation (translated pydantic errors) ------------------------------------
MISSING = N_("falta este campo obligatorio")
UNKNOWN_KEY = N_("clave desconocida")
NOT_INTEGER = N_("debe ser un número entero")
NOT_NUMBER = N_("debe ser un número")
NOT_BOOL = N_("debe ser true o false")
NOT_TEXT = N_("debe ser un texto")
NOT_LIST = N_("debe ser una lista")
NOT_MAPPING = N_("debe ser un mapeo (clave: valor)")
NOT_PATH = N_("debe ser la ruta de un archivo")
NOT_TIME = N_("debe ser una hora HH:MM en formato de 24 horas")
NOT_DATE = N_("debe ser una fecha AAAA-MM-DD, por ejemplo 2026-12-08")
TOO_SHORT_TEXT = N_("debe tener al menos {min_length} caracteres")
TOO_LONG_TEXT = N_("debe tener como máximo {max_length} caracteres")
TOO_FEW_ITEMS = N_("debe tener al menos {min_length} elemento(s)")
TOO_MANY_ITEMS = N_("debe tener como máximo {max_length} elemento(s)")
GREATER_THAN = N_("debe ser mayor que {limit}")
GREATER_EQUAL = N_("debe ser mayor o igual que {limit}")
LESS_THAN = N_("debe ser menor que {limit}")
LESS_EQUAL = N_("debe ser menor o igual que {limit}")
ONE_OF = N_("debe ser uno de: {expected}")
INVALID_VALUE_DETAIL = N_("valor no válido ({detail})")

# --- Field formats -----------------------------------------------------------------------
EMPTY_TEXT = N_("no puede estar vacío")
BAD_CODE = N_(
    "código no válido «{value}»: use de {min} a {max} caracteres entre mayúsculas (A-Z), "
    "dígitos y guiones (- o _), sin espacios"
)
BAD_CENTRE_CODE = N_(
    "código de centro no válido «{value}»: use de 2 a 20 caracteres entre mayúsculas (A-Z), "
    "dígitos y guion (-)"
)
BAD_PREFIX = N_("prefijo no válido «{value}»: use de 1 a 3 letras mayúsculas (A-Z)")
BAD_COLOUR = N_("color no válido «{value}»: use el formato #RRGGBB, por ejemplo #D52B1E")
BAD_TIMEZONE = N_("zona horaria desconocida «{value}»; por ejemplo America/Lima")
BAD_TIME = N_(
    'hora no válida «{value}»: use HH:MM en formato de 24 horas, entre comillas, por ejemplo "17:30"'
)
BAD_HOURS = N_(
    'horario no válido «{value}»: use "HH:MM-HH:MM" (por ejemplo "08:30-18:30") o closed'
)
HOURS_ORDER = N_("la hora de apertura ({opens}) debe ser anterior a la de cierre ({closes})")
BAD_URL = N_(
    "dirección no válida «{value}»: debe empezar con https:// e indicar el servidor "
    "(http:// solo para un receptor en esta misma máquina)"
)
BAD_ICON = N_(
    "nombre de ícono no válido «{value}»: use minúsculas, dígitos, guion (-) o guion bajo (_)"
)
BAD_LANGUAGE = N_(
    "código de idioma no válido «{value}»: use el código ISO 639 en minúsculas, por ejemplo es, qu, en"
)
BAD_VOICE = N_("voz no válida «{value}»: use una etiqueta de idioma como es-419 o es-PE")
REPEATED_IN_LIST = N_("«{value}» está repetido en la lista")
EMPTY_MODULE_SERVICES = N_(
    "la lista no puede estar vacía; omita la clave para atender todos los servicios de la entidad"
)

# --- Cross-references ----------------------------------------------------------------------
DUPLICATE_CODE = N_("código «{value}» repetido: ya lo usa {first}")
DUPLICATE_MODULE = N_("número de módulo {value} repetido: ya lo usa {first}")
DUPLICATE_PREFIX = N_("prefijo «{value}» repetido: ya lo usa {first}")
DUPLICATE_DATE = N_("fecha {value} repetida: ya figura en {first}")
UNKNOWN_ENTITY = N_("la entidad «{value}» no está declarada en entities")
UNKNOWN_ZONE = N_("la zona «{value}» no está declarada en zones")
UNKNOWN_SERVICE = N_("el servicio «{value}» no está declarado en services")
SERVICE_OF_OTHER_ENTITY = N_("el servicio «{value}» pertenece a la entidad {owner}, no a {entity}")
UNSERVED_SERVICE = N_(
    "ningún módulo atiende el servicio «{value}», que se atiende por orden de llegada: "
    "nadie podría llamar sus turnos"
)
DUPLICATE_PROBE = N_("la verificación automática «{value}» ya se usa en {first}")
PROBE_MUST_BLOCK = N_(
    "el protocolo de apertura no permite abrir sin {value}: este punto debe tener blocking: true"
)
MODULE_WITHOUT_SERVICES = N_(
    "la entidad {value} no tiene servicios declarados: este módulo no podría atender a nadie"
)

# --- Change lists (diff_configs) -----------------------------------------------------------
CHANGE = N_("{field}: {old} → {new}")
LIST_ADDED = N_("se añade {items}")
LIST_REMOVED = N_("se quita {items}")
ADDED = {
    "zones": N_("Zona añadida: {label}"),
    "entities": N_("Entidad añadida: {label}"),
    "services": N_("Servicio añadido: {label}"),
    "modules": N_("Módulo añadido: {label}"),
    "displays": N_("Pantalla añadida: {label}"),
    "kiosks": N_("Quiosco añadido: {label}"),
    "holidays": N_("Feriado añadido: {label}"),
    "preferential_categories": N_("Categoría preferencial añadida: {label}"),
}
REMOVED = {
    "zones": N_("Zona retirada: {label}"),
    "entities": N_("Entidad retirada: {label}"),
    "services": N_("Servicio retirado: {label}"),
    "modules": N_("Módulo retirado: {label}"),
    "displays": N_("Pantalla retirada: {label}"),
    "kiosks": N_("Quiosco retirado: {label}"),
    "holidays": N_("Feriado retirado: {label}"),
    "preferential_categories": N_("Categoría preferencial retirada: {label}"),
}
CHANGED = {
    "zones": N_("Zona {key} modificada: {changes}"),
    "entities": N_("Entidad {key} modificada: {changes}"),
    "services": N_("Servicio {key} modificado: {changes}"),
    "modules": N_("Módulo {key} modificado: {changes}"),
    "displays": N_("Pantalla {key} modificada: {changes}"),
    "kiosks": N_("Quiosco {key} modificado: {changes}"),
    "holidays": N_("Feriado {key} modificado: {changes}"),
    "preferential_categories": N_("Categoría preferencial {key} modificada: {changes}"),
    "centre": N_("Datos del centro modificados: {changes}"),
    "hours": N_("Horario modificado: {changes}"),
    "rules": N_("Reglas de atención modificadas: {changes}"),
    "pcm": N_("Sincronización con la PCM modificada: {changes}"),
    "power": N_("Energía modificada: {changes}"),
}
CHECKLIST_CHANGED = N_("Lista de verificación de apertura modificada")
PCM_ENABLED = N_("Sincronización con la PCM activada: {endpoint}")
PCM_DISABLED = N_("Sincronización con la PCM desactivada")
MODULE_LABEL = N_("{number} ({entity}, zona {zone})")
SERVICE_LABEL = N_("{code} – {name} ({entity})")
CODE_NAME_LABEL = N_("{code} – {name}")

FIELD_LABELS = {
    "code": N_("código"),
    "name": N_("nombre"),
    "timezone": N_("zona horaria"),
    "short_name": N_("nombre corto"),
    "prefix": N_("prefijo"),
    "colour": N_("color"),
    "logo": N_("logotipo"),
    "target_wait_min": N_("espera objetivo (min)"),
    "entity": N_("entidad"),
    "daily_capacity": N_("capacidad diaria"),
    "last_issue": N_("último turno"),
    "mode": N_("modalidad"),
    "number": N_("número"),
    "services": N_("servicios"),
    "zone": N_("zona"),
    "led": N_("display LED"),
    "last_calls": N_("llamadas mostradas"),
    "announce_quechua": N_("anuncio en quechua"),
    "volume": N_("volumen (%)"),
    "voice": N_("voz"),
    "languages": N_("idiomas"),
    "printer": N_("impresora"),
    "icon": N_("ícono"),
    "endpoint": N_("dirección"),
    "credentials_file": N_("archivo de credenciales"),
    "interval_s": N_("intervalo (s)"),
    "ups": N_("UPS"),
    "date": N_("fecha"),
    "closed": N_("cerrado"),
    "mon": N_("lunes"),
    "tue": N_("martes"),
    "wed": N_("miércoles"),
    "thu": N_("jueves"),
    "fri": N_("viernes"),
    "sat": N_("sábado"),
    "sun": N_("domingo"),
    "holidays": N_("feriados"),
    "max_recalls": N_("rellamadas máximas"),
    "appointment_window_before_min": N_("tolerancia antes de la cita (min)"),
    "appointment_window_after_min": N_("tolerancia después de la cita (min)"),
    "default_service_minutes": N_("duración de atención por defecto (min)"),
    "recent_service_sample": N_("muestra de atenciones recientes"),
    "pause_alert_min": N_("alerta de pausa (min)"),
    "closing_warning_min": N_("aviso de cierre (min)"),
}

# How an absent value reads, per field, where "nothing" has a meaning.
NONE_LABELS = {
    "daily_capacity": N_("sin límite"),
    "last_issue": N_("hasta el cierre"),
    "target_wait_min": N_("la de la entidad"),
    "services": N_("todos los de la entidad"),
    "zone": N_("todas las zonas"),
    "led": N_("sin display"),
    "logo": N_("sin logotipo"),
    "prefix": N_("el de la entidad"),
    "credentials_file": N_("ninguno"),
    "ups": N_("confirmación manual"),
    "mon": N_("cerrado"),
    "tue": N_("cerrado"),
    "wed": N_("cerrado"),
    "thu": N_("cerrado"),
    "fri": N_("cerrado"),
    "sat": N_("cerrado"),
    "sun": N_("cerrado"),
    "holidays": N_("cerrado"),
}
NONE_DEFAULT = N_("(vacío)")
YES = N_("sí")
NO = N_("no")
MODE_LABELS = {
    "walk_in": N_("por orden de llegada"),
    "appointment_only": N_("solo con cita"),
}
DEFAULT_SETTINGS = N_("valores por defecto")
