<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="qu" sourcelanguage="es_PE">
<context>
    <name>AppointmentScreen</name>
    <message>
        <location filename="../screens/appointment.py" line="100"/>
        <source>Tengo una cita</source>
        <translation>Citayuqmi kani</translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="101"/>
        <source>Con mi DNI</source>
        <translation>DNI-ywan</translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="102"/>
        <source>Con mi código de reserva</source>
        <translation>Reserva codigoywan</translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="112"/>
        <source>Escriba su número de DNI (8 dígitos)</source>
        <translation>DNI yupayniykita qillqay (8 yupay)</translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="117"/>
        <source>Número completo</source>
        <translation>Yupayqa hunt&apos;asqañam</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/appointment.py" line="119"/>
        <source>Faltan %n dígitos</source>
        <translation>
            <numerusform>%n yupaymi pisin</numerusform>
            <numerusform>%n yupaymi pisin</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="121"/>
        <source>Escriba el código de su reserva</source>
        <translation>Reserva codigoykita qillqay</translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="123"/>
        <source>El código es muy corto</source>
        <translation>Codigoqa nishu pisim</translation>
    </message>
    <message>
        <location filename="../screens/appointment.py" line="127"/>
        <source>Continuar</source>
        <translation>Qatiy</translation>
    </message>
</context>
<context>
    <name>BusyScreen</name>
    <message>
        <location filename="../screens/busy.py" line="29"/>
        <source>Un momento, por favor: preparando su turno…</source>
        <translation>Suyaykuy ama hina kaspa: turnoykita wakichichkaniku…</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../screens/home.py" line="60"/>
        <source>Bienvenida, bienvenido</source>
        <translation>Allillanchu, yaykumuy</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="61"/>
        <source>Toque la entidad de su trámite para sacar su turno</source>
        <translation>Turnoykita hap&apos;inaykipaq, trámiteykip entidadninta llamiy</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="62"/>
        <source>Buscar mi trámite</source>
        <translation>Trámiteyta maskay</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="63"/>
        <source>Tengo una cita</source>
        <translation>Citayuqmi kani</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="98"/>
        <source>El centro aún no está abierto. Podrá sacar su turno en cuanto empiece la atención.</source>
        <translation>Centroqa manaraqmi kichakunchu. Atiendey qallarisqanmanta turnoykita hap&apos;inki.</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="106"/>
        <source>La impresora no tiene papel. Puede sacar su turno: lo verá en pantalla para anotarlo. También puede acercarse a recepción.</source>
        <translation>Impresoraqa mana papelniyuqchu. Turnoykita hap&apos;iyta atinki: pantallapi rikunki qillqanaykipaq. Recepciónmanpas asuykuyta atinki.</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="111"/>
        <source>La impresora no funciona. Puede sacar su turno: lo verá en pantalla para anotarlo. También puede acercarse a recepción.</source>
        <translation>Impresoraqa mana llamk&apos;anchu. Turnoykita hap&apos;iyta atinki: pantallapi rikunki qillqanaykipaq. Recepciónmanpas asuykuyta atinki.</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="118"/>
        <source>La impresora no responde. Puede sacar su turno: lo verá en pantalla para anotarlo. También puede acercarse a recepción.</source>
        <translation>Impresoraqa mana kutichinchu. Turnoykita hap&apos;iyta atinki: pantallapi rikunki qillqanaykipaq. Recepciónmanpas asuykuyta atinki.</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <location filename="../widgets.py" line="273"/>
        <source>Borrar</source>
        <translation>Pichay</translation>
    </message>
    <message>
        <location filename="../widgets.py" line="275"/>
        <source>Espacio</source>
        <translation>Ch&apos;usaq</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../window.py" line="285"/>
        <source>Inicio</source>
        <translation>Qallariy</translation>
    </message>
    <message>
        <location filename="../window.py" line="286"/>
        <source>Volver</source>
        <translation>Kutiy</translation>
    </message>
    <message numerus="yes">
        <location filename="../window.py" line="352"/>
        <source>PIN bloqueado por %n segundos</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../window.py" line="354"/>
        <source>PIN incorrecto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="479"/>
        <source>Reimprimiendo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="485"/>
        <source>Ticket reimpreso.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="487"/>
        <source>No se pudo reimprimir: {motivo}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="489"/>
        <source>Todavía no se imprimió ningún ticket.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <location filename="../screens/message.py" line="47"/>
        <source>Tengo una cita</source>
        <translation>Citayuqmi kani</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="49"/>
        <source>Volver al inicio</source>
        <translation>Qallariyman kutiy</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="50"/>
        <source>Si tiene dudas, acérquese a recepción.</source>
        <translation>Iskayrayaspaqa recepciónman asuykuy.</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="52"/>
        <source>No se pudo entregar el turno</source>
        <translation>Manam turnota qoyta atikurqanchu</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="53"/>
        <source>Se perdió la conexión. Inténtelo de nuevo en un momento.</source>
        <translation>Conexionmi chinkarqan. Huk ratullamanta wakmanta ruway.</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="55"/>
        <source>No encontramos su cita</source>
        <translation>Manam citaykita tarinichu</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="59"/>
        <source>Revise el número e inténtelo de nuevo.</source>
        <translation>Yupayta qhawarispa wakmanta ruway.</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="62"/>
        <source>Su cita ya fue registrada</source>
        <translation>Citaykiqa ña qillqasqañam</translation>
    </message>
    <message>
        <location filename="../screens/message.py" line="65"/>
        <source>Este trámite no entrega turnos ahora</source>
        <translation>Kay trámiteqa kunan mana turnota qonchu</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../screens/out_of_service.py" line="45"/>
        <source>Iniciando el quiosco…</source>
        <translation>Quioscota qallarichichkan…</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="46"/>
        <source>Conectando con el sistema de turnos.</source>
        <translation>Turno sistemawan tinkuchichkan.</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="38"/>
        <location filename="../screens/out_of_service.py" line="48"/>
        <source>Fuera de servicio momentáneamente</source>
        <translation>Kunallanqa mana llamk&apos;anchu</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="40"/>
        <source>La impresora de tickets no funciona. Por favor, acérquese a recepción.</source>
        <translation>Ticket impresoraqa mana llamk&apos;anchu. Ama hina kaspa, recepciónman asuykuy.</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="42"/>
        <source>El quiosco volverá a funcionar en cuanto se repare.</source>
        <translation>Allichasqa kaptinqa quioscoqa wakmanta llamk&apos;anqa.</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="49"/>
        <source>Por favor, acérquese a recepción para recibir su turno.</source>
        <translation>Ama hina kaspa, turnoykita chaskinaykipaq recepciónman asuykuy.</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="50"/>
        <source>Reintentando la conexión automáticamente…</source>
        <translation>Kikinmanta wakmanta tinkuchichkan…</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../screens/pin.py" line="76"/>
        <source>Menú del personal: ingrese el PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/pin.py" line="79"/>
        <source>Cancelar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/pin.py" line="80"/>
        <source>Ingresar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferentialScreen</name>
    <message>
        <location filename="../screens/preferential.py" line="48"/>
        <source>¿Necesita atención preferente?</source>
        <translation>¿Ñawpaqta atiendesqa kayta munankichu?</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="49"/>
        <source>Por ley tienen prioridad (Ley 28683):</source>
        <translation>Kamachiymantam ñawpaqta atiendesqa kanku (Ley 28683):</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="50"/>
        <source>No, atención general</source>
        <translation>Manam, llapanwan kuska</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="71"/>
        <source>Mujer gestante</source>
        <translation>Wiksayuq warmi</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="72"/>
        <source>Adulto mayor (60 años o más)</source>
        <translation>Kuraq runa (60 watayuq utaq aswan)</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="73"/>
        <source>Persona con discapacidad</source>
        <translation>Discapacidadniyuq runa</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="74"/>
        <source>Persona con niño en brazos</source>
        <translation>Wawata marq&apos;ayuq runa</translation>
    </message>
    <message>
        <location filename="../screens/preferential.py" line="0"/>
        <source>¿Necesita apoyo para comunicarse? Tóquelo antes de seguir:</source>
        <translation>¿Rimanaypaq yanapayta munankichu? Manaraq qatipachkaspa llamiy:</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../screens/search.py" line="75"/>
        <source>Escriba una palabra de su trámite, por ejemplo «DNI»</source>
        <translation>Trámiteykimanta huk simita qillqay, kayhina: «DNI»</translation>
    </message>
    <message>
        <location filename="../screens/search.py" line="80"/>
        <source>Los resultados aparecen mientras escribe</source>
        <translation>Qillqachkaptiyki tarisqakuna rikhurinqa</translation>
    </message>
    <message>
        <location filename="../screens/search.py" line="84"/>
        <source>No encontramos ese trámite. Pruebe con otra palabra o acérquese a recepción.</source>
        <translation>Manam chay trámiteta tarinichu. Huk simiwan maskay utaq recepciónman asuykuy.</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/search.py" line="88"/>
        <source>Trámites encontrados: %n</source>
        <translation>
            <numerusform>Tarisqa trámitekuna: %n</numerusform>
            <numerusform>Tarisqa trámitekuna: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServicesScreen</name>
    <message>
        <location filename="../screens/services.py" line="60"/>
        <source>Toque su trámite</source>
        <translation>Trámiteykita llamiy</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../screens/staff.py" line="100"/>
        <source>Menú del personal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="103"/>
        <source>Con papel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="104"/>
        <source>Queda poco papel: cambie el rollo pronto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="105"/>
        <source>Sin papel: cambie el rollo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="106"/>
        <source>Desconocido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="111"/>
        <source>Quiosco</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="115"/>
        <source>Impresora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="116"/>
        <source>Sin lectura todavía</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="118"/>
        <source>Papel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="120"/>
        <source>Servidor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="121"/>
        <source>Conectado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="121"/>
        <source>Sin conexión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="124"/>
        <source>Turnos por anular</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="130"/>
        <source>Reimprimir el último ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="131"/>
        <source>Salir de pantalla completa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="132"/>
        <source>Cerrar el quiosco</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="133"/>
        <source>Volver a la atención</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="135"/>
        <source>¿Cerrar el quiosco? Los ciudadanos no podrán sacar turnos aquí.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="137"/>
        <source>Sí, cerrar el quiosco</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="138"/>
        <source>No, seguir atendiendo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../screens/base.py" line="45"/>
        <source>Nadie en espera</source>
        <translation>Manam pipas suyachkanchu</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/base.py" line="25"/>
        <source>%n personas en espera</source>
        <translation>
            <numerusform>%n runam suyachkan</numerusform>
            <numerusform>%n runakunam suyachkanku</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/base.py" line="50"/>
        <source>unos {m} min</source>
        <translation>yaqa {m} minuto</translation>
    </message>
    <message>
        <location filename="../screens/base.py" line="58"/>
        <source>Tiempo de espera: por confirmar</source>
        <translation>Suyana pacha: manaraq yachakunchu</translation>
    </message>
    <message>
        <location filename="../screens/base.py" line="59"/>
        <source>Tiempo de espera aproximado: {m} min</source>
        <translation>Yaqa {m} minutotam suyanki</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../screens/ticket.py" line="75"/>
        <source>Atención preferente</source>
        <translation>Ñawpaq atiendey</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="77"/>
        <source>Con cita: {hora}</source>
        <translation>Citayuq: {hora}</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="81"/>
        <source>Nadie delante de usted</source>
        <translation>Manam pipas ñawpaqniykipichu</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/ticket.py" line="83"/>
        <source>%n personas delante de usted</source>
        <translation>
            <numerusform>%n runam ñawpaqniykipi</numerusform>
            <numerusform>%n runakunam ñawpaqniykipi</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="88"/>
        <source>Retire su ticket</source>
        <translation>Ticketniykita hap&apos;iy</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="89"/>
        <source>Espere su llamado en la pantalla</source>
        <translation>Pantallapi waqyasqa kanaykita suyay</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="90"/>
        <source>Listo</source>
        <translation>Chayllam</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="96"/>
        <source>No pudimos imprimir su ticket</source>
        <translation>Manam ticketniykita imprimiyta atinichu</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="98"/>
        <source>La impresora se quedó sin papel</source>
        <translation>Impresorap papelnin tukukunña</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="104"/>
        <source>Su número de turno es</source>
        <translation>Turnoykip yupayninqa</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="107"/>
        <source>Anote su número o tómele una foto y toque «Anoté mi número»; si no, el turno se anula en un momento. Si lo necesita, acérquese a recepción.</source>
        <translation>Yupayniykita qillqay utaq fotota hurquy, hinaspa «Yupayniyta qillqaniña» nisqata llapiy; mana chayqa, turnoqa chinkachisqa kanqa. Munaspaqa recepciónman asuykuy.</translation>
    </message>
    <message>
        <location filename="../screens/ticket.py" line="111"/>
        <source>Anoté mi número</source>
        <translation>Yupayniyta qillqaniña</translation>
    </message>
</context>
</TS>
