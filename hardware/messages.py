"""Spanish (Peru) texts that the hardware layer shows to staff (printer and LED states, probes)."""

from __future__ import annotations

from macturnos.messages import N_

# The ticket's own sentences are in `ticket_wording` (shared with the kiosk's screen).

# --- printer status and errors ---------------------------------------------
PRINTER_READY = N_("Impresora lista")
PRINTER_PAPER_NEAR_END = N_("Impresora lista; el papel está por acabarse")
PRINTER_PAPER_OUT = N_("La impresora no tiene papel")
PRINTER_COVER_OPEN = N_("La tapa de la impresora está abierta")
PRINTER_OFFLINE = N_("La impresora está fuera de línea")
PRINTER_BUSY = N_("La impresora está ocupada con otro ticket")
PRINTER_NO_REPLY = N_("La impresora no responde")
PRINTER_BAD_REPLY = N_("Respuesta no válida de la impresora")
PRINTER_STATUS_UNSUPPORTED = N_("La conexión no permite leer el estado de la impresora")
PRINTER_CANNOT_OPEN = N_("No se pudo conectar con la impresora")
PRINTER_WRITE_FAILED = N_("La impresora no aceptó el ticket")
PRINTER_WRITE_TIMEOUT = N_("La impresora no aceptó el ticket a tiempo")
PRINTER_RAN_OUT_DURING = N_("Se acabó el papel durante la impresión del ticket")
PRINTER_USB_UNAVAILABLE = N_("Falta el soporte USB (pyusb/libusb) en este equipo")
PRINTER_MISSING_SETTING = N_(
    "Falta el dato «{field}» para el conector «{connector}» de la impresora"
)
PRINTER_BAD_PROFILE = N_(
    "El perfil de impresora «{profile}» no existe o no sirve para imprimir en castellano"
)

# --- LED displays ----------------------------------------------------------
LED_PRESENT = N_("La pantalla LED del módulo responde")
LED_ABSENT = N_("La pantalla LED del módulo no responde")
LED_REJECTED = N_("La pantalla LED rechazó la orden ({code})")
LED_CANNOT_OPEN = N_("No se pudo abrir el puerto de la pantalla LED")
LED_UNPLUGGED = N_("La pantalla LED está desconectada")
LED_BAD_TEXT = N_("Texto no válido para la pantalla LED: {text}")

# --- probes ----------------------------------------------------------------
PROBE_TIMEOUT = N_("Tiempo agotado al comprobar el dispositivo")
PROBE_FAILED = N_("No se pudo comprobar el dispositivo: {error}")
POWER_MANUAL = N_("Confirme manualmente la energía eléctrica")
POWER_ONLINE = N_("Energía de red normal (UPS en línea, batería {charge})")
POWER_ON_BATTERY = N_("Sin energía de red: el UPS funciona con batería ({charge})")
POWER_LOW_BATTERY = N_("Sin energía de red y batería baja del UPS ({charge})")
POWER_REPLACE_BATTERY = N_("Energía de red normal, pero hay que reemplazar la batería del UPS")
POWER_LOW_CHARGE = N_("Energía de red normal, pero la batería del UPS está baja ({charge})")
POWER_UPSC_MISSING = N_(
    "No se encontró el programa upsc; confirme manualmente la energía eléctrica"
)
POWER_UPSC_ERROR = N_("El UPS no respondió ({error}); confirme manualmente la energía eléctrica")
POWER_UPSC_TIMEOUT = N_("El UPS no respondió a tiempo; confirme manualmente la energía eléctrica")
POWER_UNKNOWN_STATUS = N_(
    "Estado del UPS desconocido ({status}); confirme manualmente la energía eléctrica"
)
POWER_CHARGE_UNKNOWN = N_("carga desconocida")
POWER_CHARGE = N_("carga {percent} %")
