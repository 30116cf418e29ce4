<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es_PE">
<context>
    <name>AppointmentScreen</name>
    <message>
        <location filename="../screens/appointment.py" line="100"/>
        <source>Tengo una cita</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="101"/>
        <source>Con mi DNI</source>
        <translation>With my DNI</translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="102"/>
        <source>Con mi código de reserva</source>
        <translation>With my booking code</translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="112"/>
        <source>Escriba su número de DNI (8 dígitos)</source>
        <translation>Type your DNI number (8 digits)</translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="117"/>
        <source>Número completo</source>
        <translation>Number complete</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/appointment.py" line="119"/>
        <source>Faltan %n dígitos</source>
        <translation>
            <numerusform>%n digit missing</numerusform>
            <numerusform>%n digits missing</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="121"/>
        <source>Escriba el código de su reserva</source>
        <translation>Type your booking code</translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="123"/>
        <source>El código es muy corto</source>
        <translation>The code is too short</translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="127"/>
        <source>Continuar</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>BusyScreen</name>
    <message>
        <location filename="../screens/busy.py" line="29"/>
        <source>Un momento, por favor: preparando su turno…</source>
        <translation>One moment, please: preparing your ticket…</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../screens/home.py" line="60"/>
        <source>Bienvenida, bienvenido</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="61"/>
        <source>Toque la entidad de su trámite para sacar su turno</source>
        <translation>Tap the institution of your procedure to get your ticket</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="62"/>
        <source>Buscar mi trámite</source>
        <translation>Find my procedure</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="63"/>
        <source>Tengo una cita</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="98"/>
        <source>El centro aún no está abierto. Podrá sacar su turno en cuanto empiece la atención.</source>
        <translation>The centre is not open yet. You can take your ticket as soon as service begins.</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="106"/>
        <source>La impresora no tiene papel. Puede sacar su turno: lo verá en pantalla para anotarlo. También puede acercarse a recepción.</source>
        <translation>The printer is out of paper. You can still take your ticket: it will be shown on screen so you can write it down. You can also go to reception.</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="111"/>
        <source>La impresora no funciona. Puede sacar su turno: lo verá en pantalla para anotarlo. También puede acercarse a recepción.</source>
        <translation>The printer is not working. You can still take your ticket: it will be shown on screen so you can write it down. You can also go to reception.</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="118"/>
        <source>La impresora no responde. Puede sacar su turno: lo verá en pantalla para anotarlo. También puede acercarse a recepción.</source>
        <translation>The printer is not responding. You can still take your ticket: it will be shown on screen so you can write it down. You can also go to reception.</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <location filename="../widgets.py" line="273"/>
        <source>Borrar</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../widgets.py" line="275"/>
        <source>Espacio</source>
        <translation>Space</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../window.py" line="285"/>
        <source>Inicio</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../window.py" line="286"/>
        <source>Volver</source>
        <translation>Back</translation>
    </message>
    <message numerus="yes">
        <location filename="../window.py" line="352"/>
        <source>PIN bloqueado por %n segundos</source>
        <translation>
            <numerusform>PIN locked for %n second</numerusform>
            <numerusform>PIN locked for %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../window.py" line="354"/>
        <source>PIN incorrecto</source>
        <translation>Wrong PIN</translation>
    </message>
    <message>
        <location filename="../window.py" line="479"/>
        <source>Reimprimiendo…</source>
        <translation>Reprinting…</translation>
    </message>
    <message>
        <location filename="../window.py" line="485"/>
        <source>Ticket reimpreso.</source>
        <translation>Ticket reprinted.</translation>
    </message>
    <message>
        <location filename="../window.py" line="487"/>
        <source>No se pudo reimprimir: {motivo}</source>
        <translation>Could not reprint: {motivo}</translation>
    </message>
    <message>
        <location filename="../window.py" line="489"/>
        <source>Todavía no se imprimió ningún ticket.</source>
        <translation>No ticket has been printed yet.</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <location filename="../screens/message.py" line="47"/>
        <source>Tengo una cita</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="49"/>
        <source>Volver al inicio</source>
        <translation>Back to the start</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="50"/>
        <source>Si tiene dudas, acérquese a recepción.</source>
        <translation>If in doubt, please go to reception.</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="52"/>
        <source>No se pudo entregar el turno</source>
        <translation>Your ticket could not be issued</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="53"/>
        <source>Se perdió la conexión. Inténtelo de nuevo en un momento.</source>
        <translation>The connection was lost. Please try again in a moment.</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="55"/>
        <source>No encontramos su cita</source>
        <translation>We could not find your appointment</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="59"/>
        <source>Revise el número e inténtelo de nuevo.</source>
        <translation>Check the number and try again.</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="62"/>
        <source>Su cita ya fue registrada</source>
        <translation>Your appointment is already checked in</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="65"/>
        <source>Este trámite no entrega turnos ahora</source>
        <translation>This procedure is not giving tickets now</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../screens/out_of_service.py" line="45"/>
        <source>Iniciando el quiosco…</source>
        <translation>Starting the kiosk…</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="46"/>
        <source>Conectando con el sistema de turnos.</source>
        <translation>Connecting to the queue system.</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="38"/>
        <location filename="../screens/out_of_service.py" line="48"/>
        <source>Fuera de servicio momentáneamente</source>
        <translation>Temporarily out of service</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="40"/>
        <source>La impresora de tickets no funciona. Por favor, acérquese a recepción.</source>
        <translation>The ticket printer is not working. Please go to reception.</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="42"/>
        <source>El quiosco volverá a funcionar en cuanto se repare.</source>
        <translation>The kiosk will work again as soon as it is repaired.</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="49"/>
        <source>Por favor, acérquese a recepción para recibir su turno.</source>
        <translation>Please go to reception to get your ticket.</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="50"/>
        <source>Reintentando la conexión automáticamente…</source>
        <translation>Reconnecting automatically…</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../screens/pin.py" line="76"/>
        <source>Menú del personal: ingrese el PIN</source>
        <translation>Staff menu: enter the PIN</translation>
    </message>
    <message>
        <location filename="../screens/pin.py" line="79"/>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../screens/pin.py" line="80"/>
        <source>Ingresar</source>
        <translation>Enter</translation>
    </message>
</context>
<context>
    <name>PreferentialScreen</name>
    <message>
        <location filename="../screens/preferential.py" line="48"/>
        <source>¿Necesita atención preferente?</source>
        <translation>Do you need priority attention?</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="49"/>
        <source>Por ley tienen prioridad (Ley 28683):</source>
        <translation>By law these have priority (Law 28683):</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="50"/>
        <source>No, atención general</source>
        <translation>No, general attention</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="71"/>
        <source>Mujer gestante</source>
        <translation>Pregnant woman</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="72"/>
        <source>Adulto mayor (60 años o más)</source>
        <translation>Older adult (60 or over)</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="73"/>
        <source>Persona con discapacidad</source>
        <translation>Person with a disability</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="74"/>
        <source>Persona con niño en brazos</source>
        <translation>Person carrying a small child</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="0"/>
        <source>¿Necesita apoyo para comunicarse? Tóquelo antes de seguir:</source>
        <translation>Do you need help to communicate? Tap it before you go on:</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../screens/search.py" line="75"/>
        <source>Escriba una palabra de su trámite, por ejemplo «DNI»</source>
        <translation>Type a word of your procedure, for example “DNI”</translation>
    </message>
    <message>
        <location filename="../screens/search.py" line="80"/>
        <source>Los resultados aparecen mientras escribe</source>
        <translation>Results appear as you type</translation>
    </message>
    <message>
        <location filename="../screens/search.py" line="84"/>
        <source>No encontramos ese trámite. Pruebe con otra palabra o acérquese a recepción.</source>
        <translation>We could not find that procedure. Try another word or go to reception.</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/search.py" line="88"/>
        <source>Trámites encontrados: %n</source>
        <translation>
            <numerusform>Procedures found: %n</numerusform>
            <numerusform>Procedures found: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServicesScreen</name>
    <message>
        <location filename="../screens/services.py" line="60"/>
        <source>Toque su trámite</source>
        <translation>Tap your procedure</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../screens/staff.py" line="100"/>
        <source>Menú del personal</source>
        <translation>Staff menu</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="103"/>
        <source>Con papel</source>
        <translation>Paper loaded</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="104"/>
        <source>Queda poco papel: cambie el rollo pronto</source>
        <translation>Paper low: change the roll soon</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="105"/>
        <source>Sin papel: cambie el rollo</source>
        <translation>Out of paper: change the roll</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="106"/>
        <source>Desconocido</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="111"/>
        <source>Quiosco</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="115"/>
        <source>Impresora</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="116"/>
        <source>Sin lectura todavía</source>
        <translation>No reading yet</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="118"/>
        <source>Papel</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="120"/>
        <source>Servidor</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="121"/>
        <source>Conectado</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="121"/>
        <source>Sin conexión</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="124"/>
        <source>Turnos por anular</source>
        <translation>Tickets to cancel</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="130"/>
        <source>Reimprimir el último ticket</source>
        <translation>Reprint the last ticket</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="131"/>
        <source>Salir de pantalla completa</source>
        <translation>Leave full screen</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="132"/>
        <source>Cerrar el quiosco</source>
        <translation>Close the kiosk</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="133"/>
        <source>Volver a la atención</source>
        <translation>Back to service</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="135"/>
        <source>¿Cerrar el quiosco? Los ciudadanos no podrán sacar turnos aquí.</source>
        <translation>Close the kiosk? Citizens will not be able to take tickets here.</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="137"/>
        <source>Sí, cerrar el quiosco</source>
        <translation>Yes, close the kiosk</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="138"/>
        <source>No, seguir atendiendo</source>
        <translation>No, keep serving</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../screens/base.py" line="45"/>
        <source>Nadie en espera</source>
        <translation>Nobody waiting</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/base.py" line="25"/>
        <source>%n personas en espera</source>
        <translation>
            <numerusform>%n person waiting</numerusform>
            <numerusform>%n people waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/base.py" line="50"/>
        <source>unos {m} min</source>
        <translation>about {m} min</translation>
    </message>
    <message>
        <location filename="../screens/base.py" line="58"/>
        <source>Tiempo de espera: por confirmar</source>
        <translation>Waiting time: to be confirmed</translation>
    </message>
    <message>
        <location filename="../screens/base.py" line="59"/>
        <source>Tiempo de espera aproximado: {m} min</source>
        <translation>Approximate waiting time: {m} min</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../screens/ticket.py" line="75"/>
        <source>Atención preferente</source>
        <translation>Priority attention</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="77"/>
        <source>Con cita: {hora}</source>
        <translation>Appointment: {hora}</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="81"/>
        <source>Nadie delante de usted</source>
        <translation>Nobody ahead of you</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/ticket.py" line="83"/>
        <source>%n personas delante de usted</source>
        <translation>
            <numerusform>%n person ahead of you</numerusform>
            <numerusform>%n people ahead of you</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="88"/>
        <source>Retire su ticket</source>
        <translation>Take your ticket</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="89"/>
        <source>Espere su llamado en la pantalla</source>
        <translation>Wait to be called on the screen</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="90"/>
        <source>Listo</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="96"/>
        <source>No pudimos imprimir su ticket</source>
        <translation>We could not print your ticket</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="98"/>
        <source>La impresora se quedó sin papel</source>
        <translation>The printer ran out of paper</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="104"/>
        <source>Su número de turno es</source>
        <translation>Your ticket number is</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="107"/>
        <source>Anote su número o tómele una foto y toque «Anoté mi número»; si no, el turno se anula en un momento. Si lo necesita, acérquese a recepción.</source>
        <translation>Write your number down or take a photo of it and tap «I noted my number»; otherwise the ticket is cancelled shortly. If you need to, go to reception.</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="111"/>
        <source>Anoté mi número</source>
        <translation>I noted my number</translation>
    </message>
</context>
</TS>
