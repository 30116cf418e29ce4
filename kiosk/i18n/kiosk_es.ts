<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="es_PE">
<context>
    <name>AppointmentScreen</name>
    <message numerus="yes">
        <location filename="../screens/appointment.py" line="119"/>
        <source>Faltan %n dígitos</source>
        <translation>
            <numerusform>Falta %n dígito</numerusform>
            <numerusform>Faltan %n dígitos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message numerus="yes">
        <location filename="../window.py" line="352"/>
        <source>PIN bloqueado por %n segundos</source>
        <translation>
            <numerusform>PIN bloqueado por %n segundo</numerusform>
            <numerusform>PIN bloqueado por %n segundos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message numerus="yes">
        <location filename="../screens/search.py" line="88"/>
        <source>Trámites encontrados: %n</source>
        <translation>
            <numerusform>Trámites encontrados: %n</numerusform>
            <numerusform>Trámites encontrados: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message numerus="yes">
        <location filename="../screens/base.py" line="25"/>
        <source>%n personas en espera</source>
        <translation>
            <numerusform>%n persona en espera</numerusform>
            <numerusform>%n personas en espera</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message numerus="yes">
        <location filename="../screens/ticket.py" line="83"/>
        <source>%n personas delante de usted</source>
        <translation>
            <numerusform>%n persona delante de usted</numerusform>
            <numerusform>%n personas delante de usted</numerusform>
        </translation>
    </message>
</context>
</TS>
