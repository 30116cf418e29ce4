<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="es_PE">
<context>
    <name>AdvisorPresenter</name>
    <message>
        <location filename="../advisor.py" line="106" />
        <source>Trabaja en el módulo {n}.</source>
        <translation>You are working at desk {n}.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="120" />
        <source>Dejó el módulo {n}.</source>
        <translation>You left desk {n}.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="133" />
        <source>El módulo {n} fue cerrado; elija un módulo para continuar.</source>
        <translation>Desk {n} was closed; choose a desk to continue.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="240" />
        <source>Llamó al turno {turno}.</source>
        <translation>Called ticket {turno}.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="245" />
        <source>Volvió a llamar al turno {turno}.</source>
        <translation>Called ticket {turno} again.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="250" />
        <source>Atención iniciada: {turno}.</source>
        <translation>Service started: {turno}.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="255" />
        <source>Atención finalizada: {turno}.</source>
        <translation>Service finished: {turno}.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="261" />
        <source>El turno {turno} no se presentó.</source>
        <translation>Ticket {turno} did not show up.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="274" />
        <source>Derivado con el nuevo turno {turno}.</source>
        <translation>Transferred with the new ticket {turno}.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="280" />
        <source>Módulo en pausa.</source>
        <translation>Desk paused.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="285" />
        <source>Atención reanudada.</source>
        <translation>Service resumed.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="293" />
        <source>Llamó al turno {turno} fuera de orden.</source>
        <translation>Called ticket {turno} out of order.</translation>
    </message>
</context>
<context>
    <name>AdvisorView</name>
    <message>
        <location filename="../advisor.py" line="332" />
        <source>Elija su módulo de atención</source>
        <translation>Choose your service desk</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="334" />
        <source>Un módulo solo puede tener un asesor. Use Tab y Enter para elegir.</source>
        <translation>A desk can have only one advisor. Use Tab and Enter to choose.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="356" />
        <source>Dejar el módulo</source>
        <translation>Leave the desk</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="374" />
        <source>Turno actual</source>
        <translation>Current ticket</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="406" />
        <source>Llamar siguiente</source>
        <translation>Call next</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="407" />
        <source>Volver a llamar</source>
        <translation>Call again</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="408" />
        <source>Iniciar atención</source>
        <translation>Start service</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="409" />
        <source>Finalizar</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="410" />
        <source>No se presentó</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="411" />
        <source>Derivar…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="412" />
        <location filename="../advisor.py" line="596" />
        <source>Pausa…</source>
        <translation>Pause…</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="413" />
        <source>Llamar fuera de orden…</source>
        <translation>Call out of order…</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="435" />
        <source>En espera por servicio</source>
        <translation>Waiting by service</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="441" />
        <source>Próximos turnos (en el orden de llamada)</source>
        <translation>Next tickets (in call order)</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="443" />
        <source>Próximos turnos</source>
        <translation>Next tickets</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="508" />
        <source>Usted ya está en este módulo: pulse para continuar</source>
        <translation>You are already at this desk: press to continue</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="510" />
        <source>Ocupado por {nombre}</source>
        <translation>Taken by {nombre}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="512" />
        <source>Libre</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="513" />
        <source>Módulo {n}</source>
        <translation>Desk {n}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="520" />
        <source>No hay módulos configurados para su entidad.</source>
        <translation>No desks are configured for your entity.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="527" />
        <source>Módulo {n} · {entidad} · {asesor}</source>
        <translation>Desk {n} · {entidad} · {asesor}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="553" />
        <source>Módulo en pausa: pulse Reanudar (F7) para seguir atendiendo</source>
        <translation>Desk paused: press Resume (F7) to continue serving</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="555" />
        <source>Sin turno: pulse Llamar siguiente (F1)</source>
        <translation>No ticket: press Call next (F1)</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="581" />
        <source>CITA {hora}</source>
        <translation>APPOINTMENT {hora}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="589" />
        <source>llamadas: {n}</source>
        <translation>calls: {n}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="590" />
        <source>Estado: {estado}</source>
        <translation>Status: {estado}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="592" />
        <source>Nota: {nota}</source>
        <translation>Note: {nota}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="596" />
        <source>Reanudar</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="598" />
        <source>No disponible para el turno actual</source>
        <translation>Not available for the current ticket</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="607" />
        <source>{n} en espera</source>
        <translation>{n} waiting</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="609" />
        <source>espera estimada {t}</source>
        <translation>estimated wait {t}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="611" />
        <source>Sin servicios asignados</source>
        <translation>No services assigned</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="623" />
        <source>Preferente</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="625" />
        <source>Cita</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="635" />
        <source>No hay turnos en espera.</source>
        <translation>No tickets waiting.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="641" />
        <source>En pausa desde hace {t}</source>
        <translation>Paused for {t}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="645" />
        <source>Esperó: {t}</source>
        <translation>Waited: {t}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="648" />
        <source>En atención: {t}</source>
        <translation>In service: {t}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="696" />
        <source>Llamar fuera de orden</source>
        <translation>Call out of order</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="697" />
        <source>Llamar al turno {turno} antes de su orden. ¿Por qué?</source>
        <translation>Call ticket {turno} before its turn. Why?</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <location filename="../texts.py" line="13" />
        <source>Libre</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../texts.py" line="14" />
        <source>Llamando</source>
        <translation>Calling</translation>
    </message>
    <message>
        <location filename="../texts.py" line="15" />
        <source>Atendiendo</source>
        <translation>Serving</translation>
    </message>
    <message>
        <location filename="../texts.py" line="16" />
        <source>En pausa</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../texts.py" line="17" />
        <source>Cerrado</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../texts.py" line="25" />
        <source>Refrigerio</source>
        <translation>Break</translation>
    </message>
    <message>
        <location filename="../texts.py" line="26" />
        <source>Capacitación</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../texts.py" line="27" />
        <source>Soporte técnico</source>
        <translation>Technical support</translation>
    </message>
    <message>
        <location filename="../texts.py" line="28" />
        <source>Otro</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../texts.py" line="46" />
        <source>por confirmar</source>
        <translation>to be confirmed</translation>
    </message>
    <message>
        <location filename="../texts.py" line="47" />
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
</context>
<context>
    <name>CounterSession</name>
    <message>
        <location filename="../session.py" line="172" />
        <source>Su rol no usa el programa de módulos; use la consola de administración.</source>
        <translation>Your role does not use the desk program; use the administration console.</translation>
    </message>
    <message>
        <location filename="../session.py" line="199" />
        <location filename="../session.py" line="297" />
        <source>Su sesión terminó: {motivo}</source>
        <translation>Your session ended: {motivo}</translation>
    </message>
    <message>
        <location filename="../session.py" line="234" />
        <source>Sin conexión con el servidor: acciones deshabilitadas</source>
        <translation>No connection to the server: actions disabled</translation>
    </message>
    <message>
        <location filename="../session.py" line="236" />
        <source>Procesando la acción anterior…</source>
        <translation>Processing the previous action…</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../app.py" line="159" />
        <source>MAC Turnos · Módulos de atención</source>
        <translation>MAC Turnos · Service desks</translation>
    </message>
    <message>
        <location filename="../app.py" line="199" />
        <source>Cerrar sesión</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../app.py" line="212" />
        <source>Asesor(a)</source>
        <translation>Advisor</translation>
    </message>
    <message>
        <location filename="../app.py" line="213" />
        <source>Orientador(a)</source>
        <translation>Reception</translation>
    </message>
    <message>
        <location filename="../app.py" line="214" />
        <source>Supervisor(a)</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../app.py" line="215" />
        <source>Coordinador(a)</source>
        <translation>Coordinator</translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <location filename="../app.py" line="70" />
        <source>MAC Turnos · Módulos de atención</source>
        <translation>MAC Turnos · Service desks</translation>
    </message>
    <message>
        <location filename="../app.py" line="71" />
        <source>Ingrese con su usuario y contraseña.</source>
        <translation>Log in with your user name and password.</translation>
    </message>
    <message>
        <location filename="../app.py" line="76" />
        <source>Usuario</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../app.py" line="79" />
        <source>Contraseña</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../app.py" line="82" />
        <source>Usuario:</source>
        <translation>User:</translation>
    </message>
    <message>
        <location filename="../app.py" line="83" />
        <source>Contraseña:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../app.py" line="88" />
        <source>Ingresar</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../app.py" line="111" />
        <source>Servidor: {url}</source>
        <translation>Server: {url}</translation>
    </message>
    <message>
        <location filename="../app.py" line="113" />
        <source>Servidor: se busca en la red del centro</source>
        <translation>Server: searched on the centre's network</translation>
    </message>
    <message>
        <location filename="../app.py" line="124" />
        <source>Escriba su usuario y su contraseña.</source>
        <translation>Type your user name and password.</translation>
    </message>
</context>
<context>
    <name>MessageLine</name>
    <message>
        <location filename="../widgets.py" line="89" />
        <source>Mensajes</source>
        <translation>Messages</translation>
    </message>
</context>
<context>
    <name>PauseDialog</name>
    <message>
        <location filename="../dialogs.py" line="161" />
        <source>Pausar el módulo</source>
        <translation>Pause the desk</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="161" />
        <source>¿Por qué se pausa la atención?</source>
        <translation>Why is service paused?</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="174" />
        <source>Detalle (obligatorio si elige «Otro»)</source>
        <translation>Detail (required for “Other”)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="175" />
        <source>Detalle de la pausa</source>
        <translation>Pause detail</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../dialogs.py" line="84" />
        <source>Escriba el motivo</source>
        <translation>Type the reason</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="85" />
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="87" />
        <source>Motivo (obligatorio):</source>
        <translation>Reason (required):</translation>
    </message>
</context>
<context>
    <name>ReceptionPresenter</name>
    <message>
        <location filename="../reception.py" line="103" />
        <source>Turno {turno} emitido.</source>
        <translation>Ticket {turno} issued.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="142" />
        <source>Turno {turno} impreso.</source>
        <translation>Ticket {turno} printed.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="167" />
        <source>Turno {turno}: {estado}.</source>
        <translation>Ticket {turno}: {estado}.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="217" />
        <source>Derivado con el nuevo turno {turno}.</source>
        <translation>Transferred with the new ticket {turno}.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="223" />
        <source>Turno {turno} anulado.</source>
        <translation>Ticket {turno} cancelled.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="229" />
        <source>Turno {turno} reactivado: vuelve a su cola.</source>
        <translation>Ticket {turno} reactivated: back in its queue.</translation>
    </message>
</context>
<context>
    <name>ReceptionView</name>
    <message>
        <location filename="../reception.py" line="282" />
        <source>Emitir turno para un ciudadano</source>
        <translation>Issue a ticket for a citizen</translation>
    </message>
    <message>
        <location filename="../reception.py" line="287" />
        <source>Entidad</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location filename="../reception.py" line="288" />
        <source>Servicio</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../reception.py" line="289" />
        <source>En espera</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../reception.py" line="290" />
        <source>Espera estimada</source>
        <translation>Estimated wait</translation>
    </message>
    <message>
        <location filename="../reception.py" line="291" />
        <source>Disponibilidad</source>
        <translation>Availability</translation>
    </message>
    <message>
        <location filename="../reception.py" line="294" />
        <source>Servicios</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../reception.py" line="308" />
        <source>Atención preferente:</source>
        <translation>Priority service:</translation>
    </message>
    <message>
        <location filename="../reception.py" line="312" />
        <source>Atención preferente</source>
        <translation>Priority service</translation>
    </message>
    <message>
        <location filename="../reception.py" line="315" />
        <source>Emitir turno</source>
        <translation>Issue ticket</translation>
    </message>
    <message>
        <location filename="../reception.py" line="322" />
        <source>Último turno emitido aquí</source>
        <translation>Last ticket issued here</translation>
    </message>
    <message>
        <location filename="../reception.py" line="333" />
        <source>Reimprimir</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../reception.py" line="342" />
        <source>Buscar un turno de hoy</source>
        <translation>Find a ticket of today</translation>
    </message>
    <message>
        <location filename="../reception.py" line="346" />
        <source>Número, p. ej. R-023</source>
        <translation>Number, e.g. R-023</translation>
    </message>
    <message>
        <location filename="../reception.py" line="347" />
        <source>Número de turno</source>
        <translation>Ticket number</translation>
    </message>
    <message>
        <location filename="../reception.py" line="350" />
        <source>Buscar</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../reception.py" line="363" />
        <source>Derivar…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <location filename="../reception.py" line="364" />
        <source>Anular…</source>
        <translation>Cancel…</translation>
    </message>
    <message>
        <location filename="../reception.py" line="365" />
        <source>Reactivar</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <location filename="../reception.py" line="412" />
        <source>No (atención regular)</source>
        <translation>No (regular service)</translation>
    </message>
    <message>
        <location filename="../reception.py" line="430" />
        <source>Disponible</source>
        <translation>Available</translation>
    </message>
    <message>
        <location filename="../reception.py" line="432" />
        <source>No disponible</source>
        <translation>Not available</translation>
    </message>
    <message>
        <location filename="../reception.py" line="449" />
        <source>Aún no emitió turnos en esta sesión.</source>
        <translation>No tickets issued in this session yet.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="455" />
        <source>Personas delante: {n} · Espera estimada: {t}</source>
        <translation>People ahead: {n} · Estimated wait: {t}</translation>
    </message>
    <message>
        <location filename="../reception.py" line="459" />
        <location filename="../reception.py" line="493" />
        <source>Preferente: {p}</source>
        <translation>Priority: {p}</translation>
    </message>
    <message>
        <location filename="../reception.py" line="463" />
        <source>Sin impresora en recepción: dicte o anote el número al ciudadano.</source>
        <translation>No printer at reception: tell or write the number for the citizen.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="466" />
        <source>Imprimiendo…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../reception.py" line="473" />
        <source>Escriba el número del turno y pulse Buscar.</source>
        <translation>Type the ticket number and press Find.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="478" />
        <source>Estado: &lt;b&gt;{estado}&lt;/b&gt;</source>
        <translation>Status: &lt;b&gt;{estado}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../reception.py" line="483" />
        <source>Módulo {n} ({estado})</source>
        <translation>Desk {n} ({estado})</translation>
    </message>
    <message>
        <location filename="../reception.py" line="490" />
        <source>Personas delante: {n}</source>
        <translation>People ahead: {n}</translation>
    </message>
    <message>
        <location filename="../reception.py" line="495" />
        <source>Nota: {nota}</source>
        <translation>Note: {nota}</translation>
    </message>
    <message>
        <location filename="../reception.py" line="507" />
        <source>Elija un servicio en la tabla</source>
        <translation>Choose a service in the table</translation>
    </message>
    <message>
        <location filename="../reception.py" line="511" />
        <source>No hay impresora configurada en recepción</source>
        <translation>No printer configured at reception</translation>
    </message>
    <message>
        <location filename="../reception.py" line="513" />
        <source>Aún no hay un turno emitido</source>
        <translation>No ticket issued yet</translation>
    </message>
    <message>
        <location filename="../reception.py" line="516" />
        <source>No disponible en el estado del turno</source>
        <translation>Not available in the ticket's status</translation>
    </message>
    <message>
        <location filename="../reception.py" line="531" />
        <source>Elija un servicio en la tabla.</source>
        <translation>Choose a service in the table.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="560" />
        <source>Anular turno</source>
        <translation>Cancel ticket</translation>
    </message>
    <message>
        <location filename="../reception.py" line="561" />
        <source>¿Por qué se anula el turno {turno}?</source>
        <translation>Why is ticket {turno} cancelled?</translation>
    </message>
</context>
<context>
    <name>SupervisorPresenter</name>
    <message>
        <location filename="../supervisor.py" line="161" />
        <source>Módulo {n} cerrado.</source>
        <translation>Desk {n} closed.</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="170" />
        <source>Se cerró la sesión de {usuario}.</source>
        <translation>The session of {usuario} was ended.</translation>
    </message>
</context>
<context>
    <name>SupervisorView</name>
    <message>
        <location filename="../supervisor.py" line="196" />
        <source>Monitor del centro</source>
        <translation>Centre monitor</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="197" />
        <source>Recepción y turnos</source>
        <translation>Reception and tickets</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="198" />
        <location filename="../supervisor.py" line="299" />
        <source>Apertura y cierre del día</source>
        <translation>Opening and closing of the day</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="217" />
        <location filename="../supervisor.py" line="220" />
        <source>Alertas</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="228" />
        <source>Colas por entidad y servicio</source>
        <translation>Queues by entity and service</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="232" />
        <source>Entidad / servicio</source>
        <translation>Entity / service</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="233" />
        <source>En espera</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="234" />
        <source>Espera más larga</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="235" />
        <source>Espera estimada</source>
        <translation>Estimated wait</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="236" />
        <source>Meta</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="237" />
        <source>Atendidos dentro de la meta (hoy)</source>
        <translation>Served within target (today)</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="238" />
        <source>Emitidos / capacidad</source>
        <translation>Issued / capacity</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="253" />
        <source>Módulos</source>
        <translation>Desks</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="256" />
        <source>Módulo</source>
        <translation>Desk</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="257" />
        <source>Entidad</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="258" />
        <source>Asesor</source>
        <translation>Advisor</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="259" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="260" />
        <source>Turno actual</source>
        <translation>Current ticket</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="261" />
        <source>Desde hace</source>
        <translation>For</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="276" />
        <source>Cerrar el módulo elegido</source>
        <translation>Close the selected desk</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="278" />
        <source>Terminar la sesión del asesor</source>
        <translation>End the advisor's session</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="303" />
        <source>La verificación de apertura (lista de control) y el cierre del día se registrarán en esta pestaña.</source>
        <translation>The opening checklist and the closing of the day will be recorded in this tab.</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="335" />
        <source>Apertura de hoy registrada: el centro atiende.</source>
        <translation>Today's opening registered: the centre is serving.</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="337" />
        <source>Falta registrar la apertura de hoy: los turnos no se emiten.</source>
        <translation>Today's opening is not registered: no tickets are issued.</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="345" />
        <source>Kiosco</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="345" />
        <source>Pantalla</source>
        <translation>Screen</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="346" />
        <source>Equipo</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="352" />
        <source>con falla</source>
        <translation>failing</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="352" />
        <source>con observaciones</source>
        <translation>with warnings</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="355" />
        <source>Módulo {n} en pausa ({motivo}) desde hace {m} min</source>
        <translation>Desk {n} paused ({motivo}) for {m} min</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="359" />
        <source>{servicio}: {emitidos} de {capacidad} turnos del día emitidos</source>
        <translation>{servicio}: {emitidos} of {capacidad} tickets of the day issued</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="364" />
        <source>{entidad} · {servicio}: espera de {m} min, supera la meta de {meta} min</source>
        <translation>{entidad} · {servicio}: {m} min wait, past the {meta} min target</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="367" />
        <source>{entidad} · {servicio}: espera de {m} min, cerca de la meta de {meta} min</source>
        <translation>{entidad} · {servicio}: {m} min wait, close to the {meta} min target</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="380" />
        <source>Sin alertas.</source>
        <translation>No alerts.</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="507" />
        <source>Elija un módulo con asesor</source>
        <translation>Choose a desk with an advisor</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../dialogs.py" line="112" />
        <source>Derivar turno</source>
        <translation>Transfer ticket</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="113" />
        <source>¿A qué entidad y servicio se deriva al ciudadano?</source>
        <translation>Which entity and service is the citizen sent to?</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="117" />
        <source>Servicio de destino</source>
        <translation>Target service</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="118" />
        <source>Elija el servicio…</source>
        <translation>Choose the service…</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="125" />
        <source>Nota para el siguiente módulo (qué se hizo, qué falta)</source>
        <translation>Note for the next desk (what was done, what is missing)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="127" />
        <source>Nota</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="130" />
        <source>Servicio de destino:</source>
        <translation>Target service:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="132" />
        <source>Nota (opcional):</source>
        <translation>Note (optional):</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../dialogs.py" line="47" />
        <source>Aceptar</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="48" />
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>