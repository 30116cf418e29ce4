<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es_PE">
<context>
    <name>AppointmentScreen</name>
    <message>
        <location filename="../screens.py" line="718"/>
        <source>Tengo una cita</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <location filename="../screens.py" line="719"/>
        <source>Con mi DNI</source>
        <translation>With my DNI</translation>
    </message>
    <message>
        <location filename="../screens.py" line="720"/>
        <source>Con mi código de reserva</source>
        <translation>With my booking code</translation>
    </message>
    <message>
        <location filename="../screens.py" line="730"/>
        <source>Escriba su número de DNI (8 dígitos)</source>
        <translation>Type your DNI number (8 digits)</translation>
    </message>
    <message>
        <location filename="../screens.py" line="735"/>
        <source>Número completo</source>
        <translation>Number complete</translation>
    </message>
    <message>
        <location filename="../screens.py" line="737"/>
        <source>Faltan {n} dígitos</source>
        <translation>{n} digits missing</translation>
    </message>
    <message>
        <location filename="../screens.py" line="739"/>
        <source>Escriba el código de su reserva</source>
        <translation>Type your booking code</translation>
    </message>
    <message>
        <location filename="../screens.py" line="741"/>
        <source>El código es muy corto</source>
        <translation>The code is too short</translation>
    </message>
    <message>
        <location filename="../screens.py" line="745"/>
        <source>Continuar</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>BusyScreen</name>
    <message>
        <location filename="../screens.py" line="473"/>
        <source>Un momento, por favor: preparando su turno…</source>
        <translation>One moment, please: preparing your ticket…</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../screens.py" line="180"/>
        <source>Bienvenida, bienvenido</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../screens.py" line="181"/>
        <source>Toque la entidad de su trámite para sacar su turno</source>
        <translation>Tap the institution of your procedure to get your ticket</translation>
    </message>
    <message>
        <location filename="../screens.py" line="182"/>
        <source>Buscar mi trámite</source>
        <translation>Find my procedure</translation>
    </message>
    <message>
        <location filename="../screens.py" line="183"/>
        <source>Tengo una cita</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <location filename="../screens.py" line="217"/>
        <source>El centro aún no está abierto. Podrá sacar su turno en cuanto empiece la atención.</source>
        <translation>The centre is not open yet. You can take your ticket as soon as service begins.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="225"/>
        <source>La impresora no tiene papel. Puede sacar su turno: lo verá en pantalla para anotarlo. También puede acercarse a recepción.</source>
        <translation>The printer is out of paper. You can still take your ticket: it will be shown on screen so you can write it down. You can also go to reception.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="230"/>
        <source>La impresora no funciona. Puede sacar su turno: lo verá en pantalla para anotarlo. También puede acercarse a recepción.</source>
        <translation>The printer is not working. You can still take your ticket: it will be shown on screen so you can write it down. You can also go to reception.</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <location filename="../widgets.py" line="241"/>
        <source>Borrar</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../widgets.py" line="243"/>
        <source>Espacio</source>
        <translation>Space</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../window.py" line="261"/>
        <source>Inicio</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../window.py" line="262"/>
        <source>Volver</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../window.py" line="318"/>
        <source>PIN bloqueado por {s} segundos</source>
        <translation>PIN locked for {s} seconds</translation>
    </message>
    <message>
        <location filename="../window.py" line="320"/>
        <source>PIN incorrecto</source>
        <translation>Wrong PIN</translation>
    </message>
    <message>
        <location filename="../window.py" line="416"/>
        <source>Reimprimiendo…</source>
        <translation>Reprinting…</translation>
    </message>
    <message>
        <location filename="../window.py" line="422"/>
        <source>Ticket reimpreso.</source>
        <translation>Ticket reprinted.</translation>
    </message>
    <message>
        <location filename="../window.py" line="424"/>
        <source>No se pudo reimprimir: {motivo}</source>
        <translation>Could not reprint: {motivo}</translation>
    </message>
    <message>
        <location filename="../window.py" line="426"/>
        <source>Todavía no se imprimió ningún ticket.</source>
        <translation>No ticket has been printed yet.</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <location filename="../screens.py" line="610"/>
        <source>Tengo una cita</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <location filename="../screens.py" line="612"/>
        <source>Volver al inicio</source>
        <translation>Back to the start</translation>
    </message>
    <message>
        <location filename="../screens.py" line="613"/>
        <source>Si tiene dudas, acérquese a recepción.</source>
        <translation>If in doubt, please go to reception.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="615"/>
        <source>No se pudo entregar el turno</source>
        <translation>Your ticket could not be issued</translation>
    </message>
    <message>
        <location filename="../screens.py" line="616"/>
        <source>Se perdió la conexión. Inténtelo de nuevo en un momento.</source>
        <translation>The connection was lost. Please try again in a moment.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="618"/>
        <source>No encontramos su cita</source>
        <translation>We could not find your appointment</translation>
    </message>
    <message>
        <location filename="../screens.py" line="622"/>
        <source>Revise el número e inténtelo de nuevo.</source>
        <translation>Check the number and try again.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="625"/>
        <source>Su cita ya fue registrada</source>
        <translation>Your appointment is already checked in</translation>
    </message>
    <message>
        <location filename="../screens.py" line="628"/>
        <source>Este trámite no entrega turnos ahora</source>
        <translation>This procedure is not giving tickets now</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../screens.py" line="771"/>
        <source>Iniciando el quiosco…</source>
        <translation>Starting the kiosk…</translation>
    </message>
    <message>
        <location filename="../screens.py" line="772"/>
        <source>Conectando con el sistema de turnos.</source>
        <translation>Connecting to the queue system.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="774"/>
        <source>Fuera de servicio momentáneamente</source>
        <translation>Temporarily out of service</translation>
    </message>
    <message>
        <location filename="../screens.py" line="775"/>
        <source>Por favor, acérquese a recepción para recibir su turno.</source>
        <translation>Please go to reception to get your ticket.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="776"/>
        <source>Reintentando la conexión automáticamente…</source>
        <translation>Reconnecting automatically…</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../screens.py" line="841"/>
        <source>Menú del personal: ingrese el PIN</source>
        <translation>Staff menu: enter the PIN</translation>
    </message>
    <message>
        <location filename="../screens.py" line="844"/>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../screens.py" line="845"/>
        <source>Ingresar</source>
        <translation>Enter</translation>
    </message>
</context>
<context>
    <name>PreferentialScreen</name>
    <message>
        <location filename="../screens.py" line="427"/>
        <source>¿Necesita atención preferente?</source>
        <translation>Do you need priority attention?</translation>
    </message>
    <message>
        <location filename="../screens.py" line="428"/>
        <source>Por ley tienen prioridad (Ley 28683):</source>
        <translation>By law these have priority (Law 28683):</translation>
    </message>
    <message>
        <location filename="../screens.py" line="429"/>
        <source>No, atención general</source>
        <translation>No, general attention</translation>
    </message>
    <message>
        <location filename="../screens.py" line="450"/>
        <source>Mujer gestante</source>
        <translation>Pregnant woman</translation>
    </message>
    <message>
        <location filename="../screens.py" line="451"/>
        <source>Adulto mayor (60 años o más)</source>
        <translation>Older adult (60 or over)</translation>
    </message>
    <message>
        <location filename="../screens.py" line="452"/>
        <source>Persona con discapacidad</source>
        <translation>Person with a disability</translation>
    </message>
    <message>
        <location filename="../screens.py" line="453"/>
        <source>Persona con niño en brazos</source>
        <translation>Person carrying a small child</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../screens.py" line="377"/>
        <source>Escriba una palabra de su trámite, por ejemplo «DNI»</source>
        <translation>Type a word of your procedure, for example “DNI”</translation>
    </message>
    <message>
        <location filename="../screens.py" line="382"/>
        <source>Los resultados aparecen mientras escribe</source>
        <translation>Results appear as you type</translation>
    </message>
    <message>
        <location filename="../screens.py" line="386"/>
        <source>No encontramos ese trámite. Pruebe con otra palabra o acérquese a recepción.</source>
        <translation>We could not find that procedure. Try another word or go to reception.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="390"/>
        <source>Trámites encontrados: {n}</source>
        <translation>Procedures found: {n}</translation>
    </message>
</context>
<context>
    <name>ServicesScreen</name>
    <message>
        <location filename="../screens.py" line="292"/>
        <source>Toque su trámite</source>
        <translation>Tap your procedure</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../screens.py" line="901"/>
        <source>Menú del personal</source>
        <translation>Staff menu</translation>
    </message>
    <message>
        <location filename="../screens.py" line="904"/>
        <source>Con papel</source>
        <translation>Paper loaded</translation>
    </message>
    <message>
        <location filename="../screens.py" line="905"/>
        <source>Queda poco papel: cambie el rollo pronto</source>
        <translation>Paper low: change the roll soon</translation>
    </message>
    <message>
        <location filename="../screens.py" line="906"/>
        <source>Sin papel: cambie el rollo</source>
        <translation>Out of paper: change the roll</translation>
    </message>
    <message>
        <location filename="../screens.py" line="907"/>
        <source>Desconocido</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../screens.py" line="912"/>
        <source>Quiosco</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../screens.py" line="916"/>
        <source>Impresora</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../screens.py" line="917"/>
        <source>Sin lectura todavía</source>
        <translation>No reading yet</translation>
    </message>
    <message>
        <location filename="../screens.py" line="919"/>
        <source>Papel</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../screens.py" line="921"/>
        <source>Servidor</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../screens.py" line="922"/>
        <source>Conectado</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../screens.py" line="922"/>
        <source>Sin conexión</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <location filename="../screens.py" line="925"/>
        <source>Turnos por anular</source>
        <translation>Tickets to cancel</translation>
    </message>
    <message>
        <location filename="../screens.py" line="931"/>
        <source>Reimprimir el último ticket</source>
        <translation>Reprint the last ticket</translation>
    </message>
    <message>
        <location filename="../screens.py" line="932"/>
        <source>Salir de pantalla completa</source>
        <translation>Leave full screen</translation>
    </message>
    <message>
        <location filename="../screens.py" line="933"/>
        <source>Cerrar el quiosco</source>
        <translation>Close the kiosk</translation>
    </message>
    <message>
        <location filename="../screens.py" line="934"/>
        <source>Volver a la atención</source>
        <translation>Back to service</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../screens.py" line="50"/>
        <source>Ya no quedan turnos para hoy.</source>
        <translation>No tickets left for today.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="51"/>
        <source>Ya no se entregan turnos hoy para este trámite.</source>
        <translation>No more tickets today for this procedure.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="54"/>
        <source>Solo con cita previa.</source>
        <translation>By appointment only.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="55"/>
        <source>El centro no atiende hoy.</source>
        <translation>The centre is closed today.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="56"/>
        <source>Fuera del horario de atención.</source>
        <translation>Outside opening hours.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="57"/>
        <source>El centro aún no inicia la atención.</source>
        <translation>The centre has not started service yet.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="58"/>
        <source>El centro no abre hoy.</source>
        <translation>The centre does not open today.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="69"/>
        <source>No disponible en este momento.</source>
        <translation>Not available right now.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="77"/>
        <source>Nadie en espera</source>
        <translation>Nobody waiting</translation>
    </message>
    <message>
        <location filename="../screens.py" line="79"/>
        <source>1 persona en espera</source>
        <translation>1 person waiting</translation>
    </message>
    <message>
        <location filename="../screens.py" line="81"/>
        <source>{n} personas en espera</source>
        <translation>{n} people waiting</translation>
    </message>
    <message>
        <location filename="../screens.py" line="84"/>
        <source>unos {m} min</source>
        <translation>about {m} min</translation>
    </message>
    <message>
        <location filename="../screens.py" line="92"/>
        <source>Tiempo de espera: por confirmar</source>
        <translation>Waiting time: to be confirmed</translation>
    </message>
    <message>
        <location filename="../screens.py" line="93"/>
        <source>Tiempo de espera aproximado: {m} min</source>
        <translation>Approximate waiting time: {m} min</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../screens.py" line="537"/>
        <source>Atención preferente</source>
        <translation>Priority attention</translation>
    </message>
    <message>
        <location filename="../screens.py" line="539"/>
        <source>Con cita: {hora}</source>
        <translation>Appointment: {hora}</translation>
    </message>
    <message>
        <location filename="../screens.py" line="543"/>
        <source>Nadie delante de usted</source>
        <translation>Nobody ahead of you</translation>
    </message>
    <message>
        <location filename="../screens.py" line="545"/>
        <source>1 persona delante de usted</source>
        <translation>1 person ahead of you</translation>
    </message>
    <message>
        <location filename="../screens.py" line="547"/>
        <source>{n} personas delante de usted</source>
        <translation>{n} people ahead of you</translation>
    </message>
    <message>
        <location filename="../screens.py" line="552"/>
        <source>Retire su ticket</source>
        <translation>Take your ticket</translation>
    </message>
    <message>
        <location filename="../screens.py" line="553"/>
        <source>Espere su llamado en la pantalla</source>
        <translation>Wait to be called on the screen</translation>
    </message>
    <message>
        <location filename="../screens.py" line="554"/>
        <source>Listo</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../screens.py" line="560"/>
        <source>No pudimos imprimir su ticket</source>
        <translation>We could not print your ticket</translation>
    </message>
    <message>
        <location filename="../screens.py" line="562"/>
        <source>La impresora se quedó sin papel</source>
        <translation>The printer ran out of paper</translation>
    </message>
    <message>
        <location filename="../screens.py" line="568"/>
        <source>Su número de turno es</source>
        <translation>Your ticket number is</translation>
    </message>
    <message>
        <location filename="../screens.py" line="570"/>
        <source>Anote su número o tómele una foto. Si lo necesita, acérquese a recepción.</source>
        <translation>Write your number down or take a photo of it. If you need to, go to reception.</translation>
    </message>
    <message>
        <location filename="../screens.py" line="572"/>
        <source>Ya lo anoté</source>
        <translation>I have noted it</translation>
    </message>
</context>
</TS>
