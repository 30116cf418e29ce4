<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es_PE">
<context>
    <name>AdvisorPresenter</name>
    <message>
        <location filename="../advisor.py" line="106"/>
        <source>Trabaja en el módulo {n}.</source>
        <translation>You are working at desk {n}.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="120"/>
        <source>Dejó el módulo {n}.</source>
        <translation>You left desk {n}.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="133"/>
        <source>El módulo {n} fue cerrado; elija un módulo para continuar.</source>
        <translation>Desk {n} was closed; choose a desk to continue.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="240"/>
        <source>Llamó al turno {turno}.</source>
        <translation>Called ticket {turno}.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="245"/>
        <source>Volvió a llamar al turno {turno}.</source>
        <translation>Called ticket {turno} again.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="250"/>
        <source>Atención iniciada: {turno}.</source>
        <translation>Service started: {turno}.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="255"/>
        <source>Atención finalizada: {turno}.</source>
        <translation>Service finished: {turno}.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="261"/>
        <source>El turno {turno} no se presentó.</source>
        <translation>Ticket {turno} did not show up.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="274"/>
        <source>Derivado con el nuevo turno {turno}.</source>
        <translation>Transferred with the new ticket {turno}.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="280"/>
        <source>Módulo en pausa.</source>
        <translation>Desk paused.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="285"/>
        <source>Atención reanudada.</source>
        <translation>Service resumed.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="293"/>
        <source>Llamó al turno {turno} fuera de orden.</source>
        <translation>Called ticket {turno} out of order.</translation>
    </message>
    <message>
        <source>¿Marcar el turno {turno} como no presentado? Aún no lo volvió a llamar o lo llamó hace menos de {s} segundos: el ciudadano puede estar en camino.</source>
        <translation>Mark ticket {turno} as a no-show? You have not called it again, or called it less than {s} seconds ago: the citizen may be on the way.</translation>
    </message>
    <message>
        <source>Necesita: {asistencia}.</source>
        <translation>Needs: {asistencia}.</translation>
    </message>
</context>
<context>
    <name>AdvisorView</name>
    <message>
        <location filename="../advisor.py" line="332"/>
        <source>Elija su módulo de atención</source>
        <translation>Choose your service desk</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="334"/>
        <source>Un módulo solo puede tener un asesor. Use Tab y Enter para elegir.</source>
        <translation>A desk can have only one advisor. Use Tab and Enter to choose.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="356"/>
        <source>Dejar el módulo</source>
        <translation>Leave the desk</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="374"/>
        <source>Turno actual</source>
        <translation>Current ticket</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="406"/>
        <source>Llamar siguiente</source>
        <translation>Call next</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="407"/>
        <source>Volver a llamar</source>
        <translation>Call again</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="408"/>
        <source>Iniciar atención</source>
        <translation>Start service</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="409"/>
        <source>Finalizar</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="410"/>
        <source>No se presentó</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="411"/>
        <source>Derivar…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="412"/>
        <location filename="../advisor.py" line="596"/>
        <source>Pausa…</source>
        <translation>Pause…</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="413"/>
        <source>Llamar fuera de orden…</source>
        <translation>Call out of order…</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="435"/>
        <source>En espera por servicio</source>
        <translation>Waiting by service</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="441"/>
        <source>Próximos turnos (en el orden de llamada)</source>
        <translation>Next tickets (in call order)</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="443"/>
        <source>Próximos turnos</source>
        <translation>Next tickets</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="508"/>
        <source>Usted ya está en este módulo: pulse para continuar</source>
        <translation>You are already at this desk: press to continue</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="510"/>
        <source>Ocupado por {nombre}</source>
        <translation>Taken by {nombre}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="512"/>
        <source>Libre</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="513"/>
        <source>Módulo {n}</source>
        <translation>Desk {n}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="520"/>
        <source>No hay módulos configurados para su entidad.</source>
        <translation>No desks are configured for your entity.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="527"/>
        <source>Módulo {n} · {entidad} · {asesor}</source>
        <translation>Desk {n} · {entidad} · {asesor}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="553"/>
        <source>Módulo en pausa: pulse Reanudar (F7) para seguir atendiendo</source>
        <translation>Desk paused: press Resume (F7) to continue serving</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="555"/>
        <source>Sin turno: pulse Llamar siguiente (F1)</source>
        <translation>No ticket: press Call next (F1)</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="581"/>
        <source>CITA {hora}</source>
        <translation>APPOINTMENT {hora}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="589"/>
        <source>llamadas: {n}</source>
        <translation>calls: {n}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="590"/>
        <source>Estado: {estado}</source>
        <translation>Status: {estado}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="592"/>
        <source>Nota: {nota}</source>
        <translation>Note: {nota}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="596"/>
        <source>Reanudar</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="598"/>
        <source>No disponible para el turno actual</source>
        <translation>Not available for the current ticket</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="607"/>
        <source>{n} en espera</source>
        <translation>{n} waiting</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="609"/>
        <source>espera estimada {t}</source>
        <translation>estimated wait {t}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="611"/>
        <source>Sin servicios asignados</source>
        <translation>No services assigned</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="623"/>
        <source>Preferente</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="625"/>
        <source>Cita</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="635"/>
        <source>No hay turnos en espera.</source>
        <translation>No tickets waiting.</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="641"/>
        <source>En pausa desde hace {t}</source>
        <translation>Paused for {t}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="645"/>
        <source>Esperó: {t}</source>
        <translation>Waited: {t}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="648"/>
        <source>En atención: {t}</source>
        <translation>In service: {t}</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="696"/>
        <source>Llamar fuera de orden</source>
        <translation>Call out of order</translation>
    </message>
    <message>
        <location filename="../advisor.py" line="697"/>
        <source>Llamar al turno {turno} antes de su orden. ¿Por qué?</source>
        <translation>Call ticket {turno} before its turn. Why?</translation>
    </message>
    <message>
        <source>¿No se presentó?</source>
        <translation>No-show?</translation>
    </message>
    <message>
        <source>Sí, no se presentó</source>
        <translation>Yes, a no-show</translation>
    </message>
    <message>
        <source>Derivado; su ticket impreso: {papel}</source>
        <translation>Transferred; their printed ticket: {papel}</translation>
    </message>
    <message>
        <source>NECESITA: {asistencia}</source>
        <translation>NEEDS: {asistencia}</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../dialogs.py" line="82"/>
        <source>Sí, continuar</source>
        <translation>Yes, continue</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <location filename="../texts.py" line="13"/>
        <source>Libre</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../texts.py" line="14"/>
        <source>Llamando</source>
        <translation>Calling</translation>
    </message>
    <message>
        <location filename="../texts.py" line="15"/>
        <source>Atendiendo</source>
        <translation>Serving</translation>
    </message>
    <message>
        <location filename="../texts.py" line="16"/>
        <source>En pausa</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../texts.py" line="17"/>
        <source>Cerrado</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../texts.py" line="25"/>
        <source>Refrigerio</source>
        <translation>Break</translation>
    </message>
    <message>
        <location filename="../texts.py" line="26"/>
        <source>Capacitación</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../texts.py" line="27"/>
        <source>Soporte técnico</source>
        <translation>Technical support</translation>
    </message>
    <message>
        <location filename="../texts.py" line="28"/>
        <source>Otro</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../texts.py" line="46"/>
        <source>por confirmar</source>
        <translation>to be confirmed</translation>
    </message>
    <message>
        <location filename="../texts.py" line="47"/>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <location filename="../texts.py" line="56"/>
        <source>Conforme</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../texts.py" line="57"/>
        <source>No conforme</source>
        <translation>Not OK</translation>
    </message>
    <message>
        <location filename="../texts.py" line="58"/>
        <source>Sin verificar</source>
        <translation>Not verified</translation>
    </message>
    <message>
        <location filename="../texts.py" line="59"/>
        <source>No aplica</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location filename="../texts.py" line="60"/>
        <source>Conforme con observaciones</source>
        <translation>OK with remarks</translation>
    </message>
    <message>
        <location filename="../texts.py" line="68"/>
        <source>Abrió el centro</source>
        <translation>Centre opened</translation>
    </message>
    <message>
        <location filename="../texts.py" line="69"/>
        <source>Abrió con incidencias</source>
        <translation>Opened with incidents</translation>
    </message>
    <message>
        <location filename="../texts.py" line="70"/>
        <source>Centro bloqueado</source>
        <translation>Centre blocked</translation>
    </message>
    <message>
        <location filename="../texts.py" line="96"/>
        <source>principal</source>
        <translation>primary</translation>
    </message>
    <message>
        <location filename="../texts.py" line="97"/>
        <source>respaldo</source>
        <translation>standby</translation>
    </message>
    <message>
        <location filename="../texts.py" line="99"/>
        <source>sin rol</source>
        <translation>no role</translation>
    </message>
    <message>
        <location filename="../day.py" line="71"/>
        <source>Estado del día: consultando…</source>
        <translation>Day&apos;s state: checking…</translation>
    </message>
    <message>
        <location filename="../day.py" line="75"/>
        <source>Centro abierto</source>
        <translation>Centre open</translation>
    </message>
    <message>
        <location filename="../day.py" line="78"/>
        <source>Abierto con incidencias ({n})</source>
        <translation>Open with incidents ({n})</translation>
    </message>
    <message>
        <location filename="../day.py" line="83"/>
        <source>Bloqueado: {motivos}</source>
        <translation>Blocked: {motivos}</translation>
    </message>
    <message>
        <location filename="../day.py" line="87"/>
        <source>Sin verificar: falta registrar la apertura</source>
        <translation>Not verified: the opening is not registered yet</translation>
    </message>
    <message>
        <location filename="../day.py" line="91"/>
        <source>Día sellado</source>
        <translation>Day sealed</translation>
    </message>
    <message>
        <location filename="../day.py" line="93"/>
        <source>Hoy el centro no atiende</source>
        <translation>The centre does not serve today</translation>
    </message>
</context>
<context>
    <name>CounterSession</name>
    <message>
        <location filename="../session.py" line="172"/>
        <source>Su rol no usa el programa de módulos; use la consola de administración.</source>
        <translation>Your role does not use the desk program; use the administration console.</translation>
    </message>
    <message>
        <location filename="../session.py" line="199"/>
        <location filename="../session.py" line="297"/>
        <source>Su sesión terminó: {motivo}</source>
        <translation>Your session ended: {motivo}</translation>
    </message>
    <message>
        <location filename="../session.py" line="234"/>
        <source>Sin conexión con el servidor: acciones deshabilitadas</source>
        <translation>No connection to the server: actions disabled</translation>
    </message>
    <message>
        <location filename="../session.py" line="236"/>
        <source>Procesando la acción anterior…</source>
        <translation>Processing the previous action…</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../app.py" line="159"/>
        <source>MAC Turnos · Módulos de atención</source>
        <translation>MAC Turnos · Service desks</translation>
    </message>
    <message>
        <location filename="../app.py" line="199"/>
        <source>Cerrar sesión</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../app.py" line="212"/>
        <source>Asesor(a)</source>
        <translation>Advisor</translation>
    </message>
    <message>
        <location filename="../app.py" line="213"/>
        <source>Orientador(a)</source>
        <translation>Reception</translation>
    </message>
    <message>
        <location filename="../app.py" line="214"/>
        <source>Supervisor(a)</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../app.py" line="215"/>
        <source>Coordinador(a)</source>
        <translation>Coordinator</translation>
    </message>
</context>
<context>
    <name>DayPresenter</name>
    <message>
        <location filename="../day/presenter.py" line="0"/>
        <source>Verificación registrada: el centro no abre (vea los motivos).</source>
        <translation>Check registered: the centre does not open (see the reasons).</translation>
    </message>
    <message>
        <location filename="../day.py" line="256"/>
        <source>Verificación de apertura registrada.</source>
        <translation>Opening check registered.</translation>
    </message>
    <message>
        <location filename="../day.py" line="273"/>
        <source>{n} turno(s) cerrado(s) como no atendidos por cierre.</source>
        <translation>{n} ticket(s) closed as not served at closing.</translation>
    </message>
    <message>
        <location filename="../day.py" line="291"/>
        <source>Día sellado. El resumen del día quedó registrado para la PCM.</source>
        <translation>Day sealed. The day&apos;s summary was recorded for the PCM.</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message>
        <location filename="../day.py" line="366"/>
        <source>Estado del día</source>
        <translation>Day&apos;s state</translation>
    </message>
    <message>
        <location filename="../day.py" line="372"/>
        <source>Apertura (lista de control)</source>
        <translation>Opening (checklist)</translation>
    </message>
    <message>
        <location filename="../day.py" line="373"/>
        <source>Cierre y sellado</source>
        <translation>Closing and seal</translation>
    </message>
    <message>
        <location filename="../day.py" line="374"/>
        <source>Resumen del día</source>
        <translation>Day&apos;s summary</translation>
    </message>
    <message>
        <location filename="../day.py" line="394"/>
        <source>Verifique cada punto antes de abrir. Los puntos automáticos ya muestran lo que comprobó el sistema; si no coincide con lo que usted ve, cámbielo y explique por qué en la nota. Sin internet, energía eléctrica o vigilancia el centro no abre.</source>
        <translation>Check every point before opening. Automatic points already show what the system found; if it does not match what you see, change it and explain why in the note. Without internet, power or security guards the centre does not open.</translation>
    </message>
    <message>
        <location filename="../day.py" line="403"/>
        <source>Resultado de la apertura</source>
        <translation>Opening result</translation>
    </message>
    <message>
        <location filename="../day.py" line="418"/>
        <source>Observación general (opcional):</source>
        <translation>General remark (optional):</translation>
    </message>
    <message>
        <location filename="../day.py" line="421"/>
        <source>Observación general</source>
        <translation>General remark</translation>
    </message>
    <message>
        <location filename="../day.py" line="427"/>
        <source>Marcar conformes los puntos manuales pendientes</source>
        <translation>Mark pending manual points as OK</translation>
    </message>
    <message>
        <location filename="../day.py" line="432"/>
        <source>Pone «Conforme» en los puntos manuales que siguen «Sin verificar», salvo los que bloquean la apertura: esos se confirman uno por uno.</source>
        <translation>Sets &quot;OK&quot; on the manual points still &quot;Not verified&quot;, except those that block the opening: those are confirmed one by one.</translation>
    </message>
    <message>
        <location filename="../day.py" line="438"/>
        <source>Volver a verificar</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location filename="../day.py" line="441"/>
        <source>Registrar apertura</source>
        <translation>Register opening</translation>
    </message>
    <message>
        <location filename="../day.py" line="449"/>
        <location filename="../day.py" line="452"/>
        <source>Verificaciones registradas hoy</source>
        <translation>Checks registered today</translation>
    </message>
    <message>
        <location filename="../day.py" line="454"/>
        <source>Verificación / punto</source>
        <translation>Check / point</translation>
    </message>
    <message>
        <location filename="../day.py" line="454"/>
        <location filename="../day.py" line="691"/>
        <source>Resultado</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../day.py" line="454"/>
        <location filename="../day.py" line="692"/>
        <source>Nota</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../day.py" line="475"/>
        <location filename="../day.py" line="478"/>
        <source>Turnos en espera o llamados</source>
        <translation>Waiting or called tickets</translation>
    </message>
    <message>
        <location filename="../day.py" line="481"/>
        <location filename="../day.py" line="511"/>
        <source>Turno</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../day.py" line="482"/>
        <location filename="../day.py" line="511"/>
        <location filename="../day.py" line="556"/>
        <source>Entidad / servicio</source>
        <translation>Entity / service</translation>
    </message>
    <message>
        <location filename="../day.py" line="483"/>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../day.py" line="484"/>
        <source>Llegada</source>
        <translation>Arrival</translation>
    </message>
    <message>
        <location filename="../day.py" line="485"/>
        <location filename="../day.py" line="511"/>
        <source>Módulo</source>
        <translation>Module</translation>
    </message>
    <message>
        <location filename="../day.py" line="494"/>
        <source>Cerrar los elegidos como no atendido por cierre</source>
        <translation>Close the chosen ones as not served at closing</translation>
    </message>
    <message>
        <location filename="../day.py" line="497"/>
        <source>Cerrar todos como no atendido por cierre</source>
        <translation>Close all as not served at closing</translation>
    </message>
    <message>
        <location filename="../day.py" line="506"/>
        <source>Turnos en atención (el asesor debe finalizarlos)</source>
        <translation>Tickets in service (the advisor must finish them)</translation>
    </message>
    <message>
        <location filename="../day.py" line="509"/>
        <source>Turnos en atención</source>
        <translation>Tickets in service</translation>
    </message>
    <message>
        <location filename="../day.py" line="511"/>
        <source>Desde</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../day.py" line="517"/>
        <source>Actualizar</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../day.py" line="520"/>
        <location filename="../day.py" line="957"/>
        <source>Sellar el día</source>
        <translation>Seal the day</translation>
    </message>
    <message>
        <location filename="../day.py" line="533"/>
        <source>Día:</source>
        <translation>Day:</translation>
    </message>
    <message>
        <location filename="../day.py" line="537"/>
        <source>Día del resumen</source>
        <translation>Summary&apos;s day</translation>
    </message>
    <message>
        <location filename="../day.py" line="541"/>
        <source>Ver resumen</source>
        <translation>Show summary</translation>
    </message>
    <message>
        <location filename="../day.py" line="553"/>
        <source>Resumen por entidad y servicio</source>
        <translation>Summary by entity and service</translation>
    </message>
    <message>
        <location filename="../day.py" line="557"/>
        <source>Emitidos</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../day.py" line="558"/>
        <source>Atendidos</source>
        <translation>Served</translation>
    </message>
    <message>
        <location filename="../day.py" line="559"/>
        <source>No se presentaron</source>
        <translation>No-shows</translation>
    </message>
    <message>
        <location filename="../day.py" line="560"/>
        <source>No atendidos por cierre</source>
        <translation>Not served at closing</translation>
    </message>
    <message>
        <location filename="../day.py" line="561"/>
        <source>Anulados</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../day.py" line="562"/>
        <source>Derivados</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <location filename="../day.py" line="563"/>
        <source>Espera promedio</source>
        <translation>Average wait</translation>
    </message>
    <message>
        <location filename="../day.py" line="564"/>
        <source>Espera (p90)</source>
        <translation>Wait (p90)</translation>
    </message>
    <message>
        <location filename="../day.py" line="565"/>
        <source>Atención promedio</source>
        <translation>Average service</translation>
    </message>
    <message>
        <location filename="../day.py" line="566"/>
        <source>Atención (p90)</source>
        <translation>Service (p90)</translation>
    </message>
    <message>
        <location filename="../day.py" line="567"/>
        <source>Dentro de la meta</source>
        <translation>Within target</translation>
    </message>
    <message>
        <location filename="../day.py" line="610"/>
        <source>apertura registrada a las {hora}</source>
        <translation>opening registered at {hora}</translation>
    </message>
    <message>
        <location filename="../day.py" line="618"/>
        <source>La apertura de hoy ya está registrada.</source>
        <translation>Today&apos;s opening is already registered.</translation>
    </message>
    <message>
        <location filename="../day.py" line="620"/>
        <location filename="../day.py" line="865"/>
        <source>El día está sellado.</source>
        <translation>The day is sealed.</translation>
    </message>
    <message>
        <location filename="../day.py" line="629"/>
        <source>{hora} · {persona}</source>
        <translation>{hora} · {persona}</translation>
    </message>
    <message>
        <location filename="../day.py" line="671"/>
        <location filename="../day.py" line="772"/>
        <source>Verificando internet, energía, impresoras y pantallas…</source>
        <translation>Checking internet, power, printers and screens…</translation>
    </message>
    <message>
        <location filename="../day.py" line="688"/>
        <source>Punto</source>
        <translation>Point</translation>
    </message>
    <message>
        <location filename="../day.py" line="689"/>
        <source>Bloquea</source>
        <translation>Blocks</translation>
    </message>
    <message>
        <location filename="../day.py" line="690"/>
        <source>Verificación automática</source>
        <translation>Automatic check</translation>
    </message>
    <message>
        <location filename="../day.py" line="716"/>
        <source>Sí</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../day.py" line="719"/>
        <source>Si no está conforme, el centro no abre.</source>
        <translation>If it is not OK, the centre does not open.</translation>
    </message>
    <message>
        <location filename="../day.py" line="733"/>
        <source>Manual</source>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../day.py" line="736"/>
        <source>Resultado: {punto}</source>
        <translation>Result: {punto}</translation>
    </message>
    <message>
        <location filename="../day.py" line="742"/>
        <source>Nota: {punto}</source>
        <translation>Note: {punto}</translation>
    </message>
    <message>
        <location filename="../day.py" line="751"/>
        <source>Obligatoria si lo da por conforme</source>
        <translation>Required if you mark it OK</translation>
    </message>
    <message>
        <location filename="../day.py" line="813"/>
        <source>Registrando la apertura y verificando otra vez…</source>
        <translation>Registering the opening and checking again…</translation>
    </message>
    <message>
        <location filename="../day.py" line="835"/>
        <source>El centro no abre hoy:</source>
        <translation>The centre does not open today:</translation>
    </message>
    <message>
        <location filename="../day.py" line="838"/>
        <source>El resultado quedó registrado y en cola para informarse a la PCM. Cuando se solucione, vuelva a verificar y registre la apertura otra vez: el centro abrirá.</source>
        <translation>The result was recorded and queued to be reported to the PCM. Once solved, check again and register the opening again: the centre will open.</translation>
    </message>
    <message>
        <location filename="../day.py" line="846"/>
        <source>Apertura registrada: el centro atiende, con incidencias:</source>
        <translation>Opening registered: the centre serves, with incidents:</translation>
    </message>
    <message>
        <location filename="../day.py" line="854"/>
        <source>Apertura registrada: el centro atiende.</source>
        <translation>Opening registered: the centre serves.</translation>
    </message>
    <message>
        <location filename="../day.py" line="868"/>
        <source>El cierre se habilita desde las {aviso} (el centro cierra a las {cierre}). Turnos aún abiertos: {n}.</source>
        <translation>Closing is available from {aviso} (the centre closes at {cierre}). Tickets still open: {n}.</translation>
    </message>
    <message>
        <location filename="../day.py" line="877"/>
        <source>Cierre del día (el centro cierra a las {cierre}). Turnos aún abiertos: {n}.</source>
        <translation>Day&apos;s closing (the centre closes at {cierre}). Tickets still open: {n}.</translation>
    </message>
    <message>
        <location filename="../day.py" line="880"/>
        <source>No queda ningún turno abierto: puede sellar el día.</source>
        <translation>No ticket is left open: you may seal the day.</translation>
    </message>
    <message>
        <location filename="../day.py" line="886"/>
        <source>Llamado</source>
        <translation>Called</translation>
    </message>
    <message>
        <location filename="../day.py" line="886"/>
        <source>En espera</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../day.py" line="934"/>
        <location filename="../day.py" line="945"/>
        <source>Cerrar turnos</source>
        <translation>Close tickets</translation>
    </message>
    <message>
        <location filename="../day.py" line="935"/>
        <source>¿Cerrar {n} turno(s) como no atendido por cierre?</source>
        <translation>Close {n} ticket(s) as not served at closing?</translation>
    </message>
    <message>
        <location filename="../day.py" line="947"/>
        <source>¿Cerrar los {n} turnos en espera o llamados como no atendido por cierre? Los ciudadanos ya no serán llamados.</source>
        <translation>Close the {n} waiting or called tickets as not served at closing? The citizens will no longer be called.</translation>
    </message>
    <message>
        <location filename="../day.py" line="959"/>
        <source>¿Sellar el día? Se cierran los módulos, no se emiten más turnos hoy y el resumen del día queda registrado para la PCM.</source>
        <translation>Seal the day? Modules are closed, no more tickets are issued today and the day&apos;s summary is recorded for the PCM.</translation>
    </message>
    <message>
        <location filename="../day.py" line="1022"/>
        <source>provisional, calculado a las {hora}</source>
        <translation>provisional, computed at {hora}</translation>
    </message>
    <message>
        <location filename="../day.py" line="1026"/>
        <source>definitivo, sellado a las {hora}</source>
        <translation>final, sealed at {hora}</translation>
    </message>
    <message>
        <location filename="../day.py" line="1030"/>
        <source>Resumen del {dia} ({tipo})</source>
        <translation>Summary of {dia} ({tipo})</translation>
    </message>
    <message>
        <location filename="../day.py" line="1033"/>
        <source>Total del centro</source>
        <translation>Centre total</translation>
    </message>
    <message>
        <location filename="../day.py" line="1049"/>
        <source>Espera: desde la emisión del turno hasta el primer llamado; atención: desde el inicio hasta la finalización; p90: el 90 % esperó o fue atendido en ese tiempo o menos; dentro de la meta: atenciones finalizadas cuya espera no pasó la meta de su servicio.</source>
        <translation>Wait: from issuing the ticket to the first call; service: from start to finish; p90: 90 % waited or were served in that time or less; within target: finished attentions whose wait did not pass their service target.</translation>
    </message>
    <message>
        <location filename="../day.py" line="1056"/>
        <source>Ese día el centro quedó bloqueado por la lista de control.</source>
        <translation>That day the centre was blocked by the checklist.</translation>
    </message>
    <message>
        <location filename="../day.py" line="1060"/>
        <source>Incidencias: {lista}</source>
        <translation>Incidents: {lista}</translation>
    </message>
    <message>
        <location filename="../day.py" line="1080"/>
        <source>La apertura de hoy ya está registrada</source>
        <translation>Today&apos;s opening is already registered</translation>
    </message>
    <message>
        <location filename="../day.py" line="1083"/>
        <source>Espere la verificación automática</source>
        <translation>Wait for the automatic check</translation>
    </message>
    <message>
        <location filename="../day.py" line="1095"/>
        <source>Disponible desde el aviso de cierre</source>
        <translation>Available from the closing warning</translation>
    </message>
    <message>
        <location filename="../day.py" line="1100"/>
        <source>Elija uno o más turnos</source>
        <translation>Choose one or more tickets</translation>
    </message>
    <message>
        <location filename="../day.py" line="1108"/>
        <source>Quedan turnos abiertos: ciérrelos o que el asesor finalice</source>
        <translation>Tickets are still open: close them or have the advisor finish</translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <location filename="../app.py" line="70"/>
        <source>MAC Turnos · Módulos de atención</source>
        <translation>MAC Turnos · Service desks</translation>
    </message>
    <message>
        <location filename="../app.py" line="71"/>
        <source>Ingrese con su usuario y contraseña.</source>
        <translation>Log in with your user name and password.</translation>
    </message>
    <message>
        <location filename="../app.py" line="76"/>
        <source>Usuario</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../app.py" line="79"/>
        <source>Contraseña</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../app.py" line="82"/>
        <source>Usuario:</source>
        <translation>User:</translation>
    </message>
    <message>
        <location filename="../app.py" line="83"/>
        <source>Contraseña:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../app.py" line="88"/>
        <source>Ingresar</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../app.py" line="111"/>
        <source>Servidor: {url}</source>
        <translation>Server: {url}</translation>
    </message>
    <message>
        <location filename="../app.py" line="113"/>
        <source>Servidor: se busca en la red del centro</source>
        <translation>Server: searched on the centre&apos;s network</translation>
    </message>
    <message>
        <location filename="../app.py" line="124"/>
        <source>Escriba su usuario y su contraseña.</source>
        <translation>Type your user name and password.</translation>
    </message>
</context>
<context>
    <name>MessageLine</name>
    <message>
        <location filename="../widgets.py" line="89"/>
        <source>Mensajes</source>
        <translation>Messages</translation>
    </message>
</context>
<context>
    <name>PauseDialog</name>
    <message>
        <location filename="../dialogs.py" line="176"/>
        <source>Pausar el módulo</source>
        <translation>Pause the desk</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="176"/>
        <source>¿Por qué se pausa la atención?</source>
        <translation>Why is service paused?</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="189"/>
        <source>Detalle (obligatorio si elige «Otro»)</source>
        <translation>Detail (required for “Other”)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="190"/>
        <source>Detalle de la pausa</source>
        <translation>Pause detail</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../dialogs.py" line="99"/>
        <source>Escriba el motivo</source>
        <translation>Type the reason</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="100"/>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="102"/>
        <source>Motivo (obligatorio):</source>
        <translation>Reason (required):</translation>
    </message>
</context>
<context>
    <name>ReceptionPresenter</name>
    <message>
        <location filename="../reception.py" line="103"/>
        <source>Turno {turno} emitido.</source>
        <translation>Ticket {turno} issued.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="142"/>
        <source>Turno {turno} impreso.</source>
        <translation>Ticket {turno} printed.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="167"/>
        <source>Turno {turno}: {estado}.</source>
        <translation>Ticket {turno}: {estado}.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="217"/>
        <source>Derivado con el nuevo turno {turno}.</source>
        <translation>Transferred with the new ticket {turno}.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="223"/>
        <source>Turno {turno} anulado.</source>
        <translation>Ticket {turno} cancelled.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="229"/>
        <source>Turno {turno} reactivado: vuelve a su cola.</source>
        <translation>Ticket {turno} reactivated: back in its queue.</translation>
    </message>
</context>
<context>
    <name>ReceptionView</name>
    <message>
        <location filename="../reception.py" line="282"/>
        <source>Emitir turno para un ciudadano</source>
        <translation>Issue a ticket for a citizen</translation>
    </message>
    <message>
        <location filename="../reception.py" line="287"/>
        <source>Entidad</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location filename="../reception.py" line="288"/>
        <source>Servicio</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../reception.py" line="289"/>
        <source>En espera</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../reception.py" line="290"/>
        <source>Espera estimada</source>
        <translation>Estimated wait</translation>
    </message>
    <message>
        <location filename="../reception.py" line="291"/>
        <source>Disponibilidad</source>
        <translation>Availability</translation>
    </message>
    <message>
        <location filename="../reception.py" line="294"/>
        <source>Servicios</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../reception.py" line="308"/>
        <source>Atención preferente:</source>
        <translation>Priority service:</translation>
    </message>
    <message>
        <location filename="../reception.py" line="312"/>
        <source>Atención preferente</source>
        <translation>Priority service</translation>
    </message>
    <message>
        <location filename="../reception.py" line="315"/>
        <source>Emitir turno</source>
        <translation>Issue ticket</translation>
    </message>
    <message>
        <location filename="../reception.py" line="322"/>
        <source>Último turno emitido aquí</source>
        <translation>Last ticket issued here</translation>
    </message>
    <message>
        <location filename="../reception.py" line="333"/>
        <source>Reimprimir</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../reception.py" line="342"/>
        <source>Buscar un turno de hoy</source>
        <translation>Find a ticket of today</translation>
    </message>
    <message>
        <location filename="../reception.py" line="346"/>
        <source>Número, p. ej. R-023</source>
        <translation>Number, e.g. R-023</translation>
    </message>
    <message>
        <location filename="../reception.py" line="347"/>
        <source>Número de turno</source>
        <translation>Ticket number</translation>
    </message>
    <message>
        <location filename="../reception.py" line="350"/>
        <source>Buscar</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../reception.py" line="363"/>
        <source>Derivar…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <location filename="../reception.py" line="364"/>
        <source>Anular…</source>
        <translation>Cancel…</translation>
    </message>
    <message>
        <location filename="../reception.py" line="365"/>
        <source>Reactivar</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <location filename="../reception.py" line="412"/>
        <source>No (atención regular)</source>
        <translation>No (regular service)</translation>
    </message>
    <message>
        <location filename="../reception.py" line="430"/>
        <source>Disponible</source>
        <translation>Available</translation>
    </message>
    <message>
        <location filename="../reception.py" line="432"/>
        <source>No disponible</source>
        <translation>Not available</translation>
    </message>
    <message>
        <location filename="../reception.py" line="449"/>
        <source>Aún no emitió turnos en esta sesión.</source>
        <translation>No tickets issued in this session yet.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="455"/>
        <source>Personas delante: {n} · Espera estimada: {t}</source>
        <translation>People ahead: {n} · Estimated wait: {t}</translation>
    </message>
    <message>
        <location filename="../reception.py" line="459"/>
        <location filename="../reception.py" line="493"/>
        <source>Preferente: {p}</source>
        <translation>Priority: {p}</translation>
    </message>
    <message>
        <location filename="../reception.py" line="463"/>
        <source>Sin impresora en recepción: dicte o anote el número al ciudadano.</source>
        <translation>No printer at reception: tell or write the number for the citizen.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="466"/>
        <source>Imprimiendo…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../reception.py" line="473"/>
        <source>Escriba el número del turno y pulse Buscar.</source>
        <translation>Type the ticket number and press Find.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="478"/>
        <source>Estado: &lt;b&gt;{estado}&lt;/b&gt;</source>
        <translation>Status: &lt;b&gt;{estado}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../reception.py" line="483"/>
        <source>Módulo {n} ({estado})</source>
        <translation>Desk {n} ({estado})</translation>
    </message>
    <message>
        <location filename="../reception.py" line="490"/>
        <source>Personas delante: {n}</source>
        <translation>People ahead: {n}</translation>
    </message>
    <message>
        <location filename="../reception.py" line="495"/>
        <source>Nota: {nota}</source>
        <translation>Note: {nota}</translation>
    </message>
    <message>
        <location filename="../reception.py" line="507"/>
        <source>Elija un servicio en la tabla</source>
        <translation>Choose a service in the table</translation>
    </message>
    <message>
        <location filename="../reception.py" line="511"/>
        <source>No hay impresora configurada en recepción</source>
        <translation>No printer configured at reception</translation>
    </message>
    <message>
        <location filename="../reception.py" line="513"/>
        <source>Aún no hay un turno emitido</source>
        <translation>No ticket issued yet</translation>
    </message>
    <message>
        <location filename="../reception.py" line="516"/>
        <source>No disponible en el estado del turno</source>
        <translation>Not available in the ticket&apos;s status</translation>
    </message>
    <message>
        <location filename="../reception.py" line="531"/>
        <source>Elija un servicio en la tabla.</source>
        <translation>Choose a service in the table.</translation>
    </message>
    <message>
        <location filename="../reception.py" line="560"/>
        <source>Anular turno</source>
        <translation>Cancel ticket</translation>
    </message>
    <message>
        <location filename="../reception.py" line="561"/>
        <source>¿Por qué se anula el turno {turno}?</source>
        <translation>Why is ticket {turno} cancelled?</translation>
    </message>
    <message>
        <source>Asistencia:</source>
        <translation>Assistance:</translation>
    </message>
    <message>
        <source>Asistencia que necesita el ciudadano</source>
        <translation>Assistance the citizen needs</translation>
    </message>
    <message>
        <source>Ninguna</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Necesita: {a}</source>
        <translation>Needs: {a}</translation>
    </message>
</context>
<context>
    <name>SupervisorPresenter</name>
    <message>
        <location filename="../supervisor.py" line="269"/>
        <source>Módulo {n} cerrado.</source>
        <translation>Desk {n} closed.</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="278"/>
        <source>Se cerró la sesión de {usuario}.</source>
        <translation>The session of {usuario} was ended.</translation>
    </message>
</context>
<context>
    <name>SupervisorView</name>
    <message>
        <location filename="../supervisor.py" line="305"/>
        <source>Monitor del centro</source>
        <translation>Centre monitor</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="306"/>
        <source>Recepción y turnos</source>
        <translation>Reception and tickets</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="307"/>
        <source>Apertura y cierre del día</source>
        <translation>Opening and closing of the day</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="328"/>
        <source>Estado del día</source>
        <translation>Day&apos;s state</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="331"/>
        <source>Envío a la PCM</source>
        <translation>Upload to the PCM</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="338"/>
        <source>Servidores y réplica</source>
        <translation>Servers and replication</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="342"/>
        <location filename="../supervisor.py" line="345"/>
        <source>Alertas</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="353"/>
        <source>Colas por entidad y servicio</source>
        <translation>Queues by entity and service</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="357"/>
        <source>Entidad / servicio</source>
        <translation>Entity / service</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="358"/>
        <source>En espera</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="359"/>
        <source>Espera más larga</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="360"/>
        <source>Espera estimada</source>
        <translation>Estimated wait</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="361"/>
        <source>Meta</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="362"/>
        <source>Atendidos dentro de la meta (hoy)</source>
        <translation>Served within target (today)</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="363"/>
        <source>Emitidos / capacidad</source>
        <translation>Issued / capacity</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="378"/>
        <source>Módulos</source>
        <translation>Desks</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="381"/>
        <source>Módulo</source>
        <translation>Desk</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="382"/>
        <source>Entidad</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="383"/>
        <source>Asesor</source>
        <translation>Advisor</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="384"/>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="385"/>
        <source>Turno actual</source>
        <translation>Current ticket</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="386"/>
        <source>Desde hace</source>
        <translation>For</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="401"/>
        <source>Cerrar el módulo elegido</source>
        <translation>Close the selected desk</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="403"/>
        <source>Terminar la sesión del asesor</source>
        <translation>End the advisor&apos;s session</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="476"/>
        <source>conectado a «{nodo}» ({rol})</source>
        <translation>connected to «{nodo}» ({rol})</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="481"/>
        <source>Servidores: verificando la réplica… · {aqui}</source>
        <translation>Servers: checking the replication… · {aqui}</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="486"/>
        <source>Servidores: {aqui} · recibe al día los datos de «{principal}» · pendiente de aplicar {retraso}</source>
        <translation>Servers: {aqui} · receiving «{principal}»&apos;s data, up to date · pending replay {retraso}</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="491"/>
        <source>Servidores: {aqui} · respaldo «{respaldo}» al día (síncrono) · retraso {retraso}</source>
        <translation>Servers: {aqui} · standby «{respaldo}» up to date (synchronous) · lag {retraso}</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="500"/>
        <source>Este equipo está {aqui}.</source>
        <translation>This computer is {aqui}.</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="516"/>
        <source>Sin máquina de respaldo: «{respaldo}» no recibe los datos; el centro atiende solo con «{principal}». Avise al personal TIC.</source>
        <translation>No standby machine: «{respaldo}» is not receiving the data; the centre runs on «{principal}» alone. Tell the ICT staff.</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="521"/>
        <source>La base de datos de «{nodo}» no responde: el centro atiende solo con «{principal}». Avise al personal TIC.</source>
        <translation>The database of «{nodo}» does not answer: the centre runs on «{principal}» alone. Tell the ICT staff.</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="526"/>
        <source>La base de datos de «{nodo}» quedó aislada: «{principal}» atiende sola. Avise al personal TIC.</source>
        <translation>The database of «{nodo}» was fenced off: «{principal}» runs alone. Tell the ICT staff.</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="531"/>
        <source>Respaldo «{respaldo}» poniéndose al día con «{principal}» (retraso {retraso})</source>
        <translation>Standby «{respaldo}» catching up with «{principal}» (lag {retraso})</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="535"/>
        <source>Respaldo «{respaldo}» no síncrono ({estado}): un turno podría quedar solo en «{principal}»</source>
        <translation>Standby «{respaldo}» not synchronous ({estado}): a ticket could be stored on «{principal}» only</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="539"/>
        <source>Respaldo «{respaldo}» atrasado: retraso {retraso}</source>
        <translation>Standby «{respaldo}» behind: lag {retraso}</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="545"/>
        <source>Envío a la PCM: consultando…</source>
        <translation>Upload to the PCM: checking…</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="547"/>
        <source>Envío a la PCM: no configurado en este centro</source>
        <translation>Upload to the PCM: not configured in this centre</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="552"/>
        <source>nunca</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="555"/>
        <source>Envío a la PCM: último envío correcto {cuando} · {n} eventos pendientes</source>
        <translation>Upload to the PCM: last success {cuando} · {n} events pending</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="559"/>
        <source>Último error: {error}</source>
        <translation>Last error: {error}</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="568"/>
        <source>Kiosco</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="568"/>
        <source>Pantalla</source>
        <translation>Screen</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="569"/>
        <source>Equipo</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="574"/>
        <source>{equipo} {codigo}: nunca se conectó</source>
        <translation>{equipo} {codigo}: never connected</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="584"/>
        <source>{equipo} {codigo}: sin conexión desde {hora}</source>
        <translation>{equipo} {codigo}: disconnected since {hora}</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="591"/>
        <source>con falla</source>
        <translation>failing</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="591"/>
        <source>con observaciones</source>
        <translation>with warnings</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="594"/>
        <source>Módulo {n} en pausa ({motivo}) desde hace {m} min</source>
        <translation>Desk {n} paused ({motivo}) for {m} min</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="598"/>
        <source>{servicio}: {emitidos} de {capacidad} turnos del día emitidos</source>
        <translation>{servicio}: {emitidos} of {capacidad} tickets of the day issued</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="603"/>
        <source>{entidad} · {servicio}: espera de {m} min, supera la meta de {meta} min</source>
        <translation>{entidad} · {servicio}: {m} min wait, past the {meta} min target</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="606"/>
        <source>{entidad} · {servicio}: espera de {m} min, cerca de la meta de {meta} min</source>
        <translation>{entidad} · {servicio}: {m} min wait, close to the {meta} min target</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="619"/>
        <source>Sin alertas.</source>
        <translation>No alerts.</translation>
    </message>
    <message>
        <location filename="../supervisor.py" line="746"/>
        <source>Elija un módulo con asesor</source>
        <translation>Choose a desk with an advisor</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../dialogs.py" line="127"/>
        <source>Derivar turno</source>
        <translation>Transfer ticket</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="128"/>
        <source>¿A qué entidad y servicio se deriva al ciudadano?</source>
        <translation>Which entity and service is the citizen sent to?</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="132"/>
        <source>Servicio de destino</source>
        <translation>Target service</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="133"/>
        <source>Elija el servicio…</source>
        <translation>Choose the service…</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="140"/>
        <source>Nota para el siguiente módulo (qué se hizo, qué falta)</source>
        <translation>Note for the next desk (what was done, what is missing)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="142"/>
        <source>Nota</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="145"/>
        <source>Servicio de destino:</source>
        <translation>Target service:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="147"/>
        <source>Nota (opcional):</source>
        <translation>Note (optional):</translation>
    </message>
    <message>
        <source>Buscar entidad o servicio…</source>
        <translation>Search entity or service…</translation>
    </message>
    <message>
        <source>Buscar servicio de destino</source>
        <translation>Search the target service</translation>
    </message>
    <message>
        <source>Otros</source>
        <translation>Others</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../dialogs.py" line="47"/>
        <source>Aceptar</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="48"/>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ChecklistSection</name>
    <message>
        <location filename="../day/checklist.py" line="0"/>
        <source>Verifique cada punto; si lo automático no coincide con lo que usted ve, cámbielo y explique por qué en la nota.</source>
        <translation>Check every point; if an automatic finding does not match what you see, change it and explain why in the note.</translation>
    </message>
    <message>
        <location filename="../day/checklist.py" line="0"/>
        <source>Lo que impide abrir</source>
        <translation>What stops the opening</translation>
    </message>
    <message numerus="yes">
        <location filename="../day/checklist.py" line="0"/>
        <source>y %n equipos más (vea el detalle)</source>
        <translation>
            <numerusform>and %n more device (see the details)</numerusform>
            <numerusform>and %n more devices (see the details)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../day/checklist.py" line="0"/>
        <source>Módulo {n} ({codigo})</source>
        <translation>Desk {n} ({codigo})</translation>
    </message>
    <message>
        <location filename="../day/checklist.py" line="0"/>
        <source>El centro no puede abrir mientras siga así:</source>
        <translation>The centre cannot open while this remains:</translation>
    </message>
    <message numerus="yes">
        <location filename="../day/checklist.py" line="0"/>
        <source>Nada impide la apertura; abrirá con %n incidencias.</source>
        <translation>
            <numerusform>Nothing stops the opening; it will open with %n incident.</numerusform>
            <numerusform>Nothing stops the opening; it will open with %n incidents.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../day/checklist.py" line="0"/>
        <source>Nada impide la apertura.</source>
        <translation>Nothing stops the opening.</translation>
    </message>
</context>
<context>
    <name>ModulePicker</name>
    <message>
        <location filename="../advisor/module_picker.py" line="0"/>
        <source>Buscar por número, entidad o asesor (p. ej. 12, RENIEC)</source>
        <translation>Search by number, entity or advisor (e.g. 12, RENIEC)</translation>
    </message>
    <message>
        <location filename="../advisor/module_picker.py" line="0"/>
        <source>Buscar módulo</source>
        <translation>Search desk</translation>
    </message>
    <message>
        <location filename="../advisor/module_picker.py" line="0"/>
        <source>Ningún módulo coincide con la búsqueda.</source>
        <translation>No desk matches the search.</translation>
    </message>
    <message>
        <location filename="../advisor/module_picker.py" line="0"/>
        <source>Módulos de {entidad}</source>
        <translation>{entidad} desks</translation>
    </message>
    <message>
        <location filename="../advisor/module_picker.py" line="0"/>
        <source>Ver otros módulos ({n})</source>
        <translation>Show other desks ({n})</translation>
    </message>
    <message>
        <location filename="../advisor/module_picker.py" line="0"/>
        <source>Cargando los módulos del centro…</source>
        <translation>Loading the centre&apos;s desks…</translation>
    </message>
    <message>
        <location filename="../advisor/module_picker.py" line="0"/>
        <source>Un módulo solo puede tener un asesor. Escriba para buscar; Tab y Enter para elegir.</source>
        <translation>A desk has one advisor at a time. Type to search; Tab and Enter to choose.</translation>
    </message>
    <message>
        <location filename="../advisor/module_picker.py" line="0"/>
        <source>Su cuenta no tiene entidad: puede atender en cualquier módulo. Escriba para buscar; Tab y Enter para elegir.</source>
        <translation>Your account has no entity: you may work at any desk. Type to search; Tab and Enter to choose.</translation>
    </message>
    <message>
        <location filename="../advisor/module_picker.py" line="0"/>
        <source>Su módulo: pulse para seguir</source>
        <translation>Your desk: press to continue</translation>
    </message>
    <message>
        <location filename="../advisor/module_picker.py" line="0"/>
        <source>Solo puede atender en los módulos de su entidad.</source>
        <translation>You may only work at your entity&apos;s desks.</translation>
    </message>
</context>
<context>
    <name>ModuleScreen</name>
    <message>
        <location filename="../advisor/module_screen.py" line="0"/>
        <source>Nadie espera en los servicios de este módulo.</source>
        <translation>Nobody is waiting for this desk&apos;s services.</translation>
    </message>
    <message numerus="yes">
        <location filename="../advisor/module_screen.py" line="0"/>
        <source>%n servicios sin espera</source>
        <translation>
            <numerusform>%n service with nobody waiting</numerusform>
            <numerusform>%n services with nobody waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MonitorTab</name>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Filtrar por entidad, servicio, módulo o asesor</source>
        <translation>Filter by entity, service, desk or advisor</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Filtrar</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Solo servicios con personas en espera</source>
        <translation>Only services with people waiting</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Ver todas las entidades</source>
        <translation>Show every entity</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>En
espera</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Espera
más larga</source>
        <translation>Longest
wait</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Dentro de
la meta</source>
        <translation>Within
target</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Módulos
activos</source>
        <translation>Desks
at work</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Entidades</source>
        <translation>Entities</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Espera
estimada</source>
        <translation>Estimated
wait</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Emitidos /
capacidad</source>
        <translation>Issued /
capacity</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Último
turno</source>
        <translation>Last
ticket</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Turno
actual</source>
        <translation>Current
ticket</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Desde
hace</source>
        <translation>For</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Servicios de {entidad}</source>
        <translation>{entidad} services</translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Módulos de {entidad}</source>
        <translation>{entidad} desks</translation>
    </message>
    <message numerus="yes">
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Alertas: %n</source>
        <translation>
            <numerusform>Alerts: %n</numerusform>
            <numerusform>Alerts: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>%n graves</source>
        <translation>
            <numerusform>%n serious</numerusform>
            <numerusform>%n serious</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Módulos atendiendo / módulos abiertos</source>
        <translation>Desks serving / desks open</translation>
    </message>
</context>
<context>
    <name>SummarySection</name>
    <message>
        <location filename="../day/summary.py" line="0"/>
        <source>No se
presentaron</source>
        <translation>No-
shows</translation>
    </message>
    <message>
        <location filename="../day/summary.py" line="0"/>
        <source>No atendidos
por cierre</source>
        <translation>Not served
at closing</translation>
    </message>
    <message>
        <location filename="../day/summary.py" line="0"/>
        <source>Espera
promedio</source>
        <translation>Average
wait</translation>
    </message>
    <message>
        <location filename="../day/summary.py" line="0"/>
        <source>Espera
(p90)</source>
        <translation>Wait
(p90)</translation>
    </message>
    <message>
        <location filename="../day/summary.py" line="0"/>
        <source>Atención
promedio</source>
        <translation>Average
attention</translation>
    </message>
    <message>
        <location filename="../day/summary.py" line="0"/>
        <source>Atención
(p90)</source>
        <translation>Attention
(p90)</translation>
    </message>
    <message>
        <location filename="../day/summary.py" line="0"/>
        <source>Dentro de
la meta</source>
        <translation>Within
target</translation>
    </message>
</context>
<context>
    <name>SupervisorWording</name>
    <message>
        <location filename="../supervisor/wording.py" line="0"/>
        <source>Envío a la PCM: último envío correcto {cuando}</source>
        <translation>Upload to the PCM: last successful upload {cuando}</translation>
    </message>
    <message numerus="yes">
        <location filename="../supervisor/wording.py" line="0"/>
        <source>%n eventos pendientes</source>
        <translation>
            <numerusform>%n event pending</numerusform>
            <numerusform>%n events pending</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../supervisor/wording.py" line="0"/>
        <source>Módulo {n}: llama al turno {turno} desde hace {m} min y nadie se presentó</source>
        <translation>Desk {n}: calling ticket {turno} for {m} min and nobody has come</translation>
    </message>
    <message>
        <location filename="../supervisor/wording.py" line="0"/>
        <source>Módulo {n} libre desde hace {m} min con {personas} en espera en sus servicios</source>
        <translation>Desk {n} free for {m} min with {personas} waiting for its services</translation>
    </message>
    <message>
        <location filename="../supervisor/wording.py" line="0"/>
        <source>{entidad}: {servicios} dejan de emitir turnos a las {hora}</source>
        <translation>{entidad}: {servicios} stop issuing tickets at {hora}</translation>
    </message>
    <message numerus="yes">
        <location filename="../supervisor/wording.py" line="0"/>
        <source>%n personas</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../supervisor/wording.py" line="0"/>
        <source>%n servicios</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LeaveDialog</name>
    <message>
        <source>Está atendiendo el turno {turno}. Antes de dejar el módulo, ¿qué hace con él?</source>
        <translation>You are serving ticket {turno}. Before leaving the desk, what do you do with it?</translation>
    </message>
    <message>
        <source>Llamó al turno {turno}. Antes de dejar el módulo, ¿qué hace con él?</source>
        <translation>You called ticket {turno}. Before leaving the desk, what do you do with it?</translation>
    </message>
    <message>
        <source>Dejar el módulo</source>
        <translation>Leave the desk</translation>
    </message>
    <message>
        <source>Devolverlo a la cola: será el primero en ser llamado</source>
        <translation>Return it to the queue: it will be called first</translation>
    </message>
    <message>
        <source>Derivarlo a otro servicio y luego dejar el módulo</source>
        <translation>Transfer it to another service, then leave the desk</translation>
    </message>
    <message>
        <source>Finalizar la atención</source>
        <translation>Finish the attention</translation>
    </message>
</context>
<context>
    <name>NewNumberDialog</name>
    <message>
        <source>Nuevo turno</source>
        <translation>New ticket</translation>
    </message>
    <message>
        <source>Dígale al ciudadano su nuevo turno:</source>
        <translation>Tell the citizen their new ticket:</translation>
    </message>
    <message>
        <source>Entendido</source>
        <translation>Understood</translation>
    </message>
    <message>
        <source>Para {servicio}. En la pantalla lo llamarán como «{nuevo} ({papel})»: puede conservar su ticket {papel}.</source>
        <translation>For {servicio}. The screen will call them as “{nuevo} ({papel})”: they can keep their ticket {papel}.</translation>
    </message>
</context>
<context>
    <name>SupervisorControls</name>
    <message>
        <source>Módulos</source>
        <translation>Desks</translation>
    </message>
    <message>
        <source>Entrega de turnos</source>
        <translation>Ticket issuing</translation>
    </message>
    <message>
        <source>Dispositivos</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Módulos con asesor. Si el asesor se fue, libere el módulo: el ciudadano que tenía vuelve primero a la cola, o su atención se da por finalizada.</source>
        <translation>Desks with an advisor. If the advisor left, free the desk: their citizen goes back first in the queue, or their attention is finished.</translation>
    </message>
    <message>
        <source>Módulos con asesor</source>
        <translation>Desks with an advisor</translation>
    </message>
    <message>
        <source>Liberar: devolver su turno a la cola</source>
        <translation>Free: return its ticket to the queue</translation>
    </message>
    <message>
        <source>Liberar: finalizar la atención</source>
        <translation>Free: finish the attention</translation>
    </message>
    <message>
        <source>Asignar un asesor a un módulo (también de otra entidad)</source>
        <translation>Assign an advisor to a desk (also another entity&apos;s)</translation>
    </message>
    <message>
        <source>Módulo</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>Usuario del asesor</source>
        <translation>Advisor&apos;s user name</translation>
    </message>
    <message>
        <source>Asignar</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>¿Liberar el módulo {n}? Si tiene un ciudadano, su atención se finaliza.</source>
        <translation>Free desk {n}? If it has a citizen, their attention is finished.</translation>
    </message>
    <message>
        <source>¿Liberar el módulo {n}? Si tiene un ciudadano, vuelve primero a la cola.</source>
        <translation>Free desk {n}? If it has a citizen, they go back first in the queue.</translation>
    </message>
    <message>
        <source>Liberar módulo</source>
        <translation>Free desk</translation>
    </message>
    <message>
        <source>Suspender la entrega de turnos</source>
        <translation>Suspend ticket issuing</translation>
    </message>
    <message>
        <source>Una entidad</source>
        <translation>An entity</translation>
    </message>
    <message>
        <source>Un servicio</source>
        <translation>A service</translation>
    </message>
    <message>
        <source>Qué se suspende</source>
        <translation>What is suspended</translation>
    </message>
    <message>
        <source>Entidad o servicio</source>
        <translation>Entity or service</translation>
    </message>
    <message>
        <source>Motivo que verán los ciudadanos (p. ej. «Sistema de la entidad sin conexión»)</source>
        <translation>Reason citizens will read (e.g. “The entity&apos;s system is offline”)</translation>
    </message>
    <message>
        <source>Motivo de la suspensión</source>
        <translation>Reason for the suspension</translation>
    </message>
    <message>
        <source>Suspender</source>
        <translation>Suspend</translation>
    </message>
    <message>
        <source>Suspensiones vigentes</source>
        <translation>Suspensions in force</translation>
    </message>
    <message>
        <source>Reanudar la entrega</source>
        <translation>Resume issuing</translation>
    </message>
    <message>
        <source>Quioscos, pantallas y agentes LED vinculados. Revoque uno perdido o reemplazado: su acceso se corta de inmediato.</source>
        <translation>Paired kiosks, screens and LED agents. Revoke a lost or replaced one: its access ends at once.</translation>
    </message>
    <message>
        <source>Actualizar la lista</source>
        <translation>Refresh the list</translation>
    </message>
    <message>
        <source>Revocar el dispositivo</source>
        <translation>Revoke the device</translation>
    </message>
    <message>
        <source>revocado</source>
        <translation>revoked</translation>
    </message>
    <message>
        <source>Revocar dispositivo</source>
        <translation>Revoke device</translation>
    </message>
    <message>
        <source>Módulo:</source>
        <translation>Desk:</translation>
    </message>
    <message>
        <source>Asesor:</source>
        <translation>Advisor:</translation>
    </message>
    <message>
        <source>Módulo {n} · {asesor}</source>
        <translation>Desk {n} · {asesor}</translation>
    </message>
    <message>
        <source>Suspender:</source>
        <translation>Suspend:</translation>
    </message>
    <message>
        <source>Motivo:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Suspensiones vigentes:</source>
        <translation>Suspensions in force:</translation>
    </message>
    <message>
        <source>conectado</source>
        <translation>connected</translation>
    </message>
    <message>
        <source>sin conexión</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>¿Revocar {codigo}? Dejará de funcionar de inmediato; para volver a usarlo hay que registrarlo y vincularlo de nuevo.</source>
        <translation>Revoke {codigo}? It stops working at once; to use it again it must be registered and paired again.</translation>
    </message>
    <message>
        <source>atendiendo {turno}</source>
        <translation>serving {turno}</translation>
    </message>
    <message>
        <source>Módulo {n} liberado.</source>
        <translation>Desk {n} freed.</translation>
    </message>
    <message>
        <source>{u} quedó asignado al módulo {n}.</source>
        <translation>{u} is now assigned to desk {n}.</translation>
    </message>
    <message>
        <source>Entrega de turnos suspendida: {nombre}.</source>
        <translation>Ticket issuing suspended: {nombre}.</translation>
    </message>
    <message>
        <source>Entrega de turnos reanudada: {nombre}.</source>
        <translation>Ticket issuing resumed: {nombre}.</translation>
    </message>
    <message>
        <source>{codigo} revocado.</source>
        <translation>{codigo} revoked.</translation>
    </message>
    <message>
        <source>llamando a {turno}</source>
        <translation>calling {turno}</translation>
    </message>
    <message>
        <source>Módulo {n}</source>
        <translation>Desk {n}</translation>
    </message>
    <message>
        <source>{nombre}: {motivo}</source>
        <translation>{nombre}: {motivo}</translation>
    </message>
</context>
</TS>
