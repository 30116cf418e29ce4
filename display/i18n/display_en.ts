<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="es_PE">
<context>
    <name>CallScreen</name>
    <message>
        <location filename="../view.py" line="111" />
        <source>MAC Turnos - Pantalla de llamados</source>
        <translation>MAC Turnos - Call screen</translation>
    </message>
    <message>
        <location filename="../view.py" line="135" />
        <location filename="../view.py" line="240" />
        <source>Centro MAC</source>
        <translation>MAC Centre</translation>
    </message>
    <message>
        <location filename="../view.py" line="137" />
        <source>Sin sonido</source>
        <translation>No sound</translation>
    </message>
    <message>
        <location filename="../view.py" line="189" />
        <source>Últimos llamados</source>
        <translation>Latest calls</translation>
    </message>
    <message>
        <location filename="../view.py" line="192" />
        <location filename="../view.py" line="328" />
        <source>Turno</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../view.py" line="193" />
        <source>Módulo</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../view.py" line="205" />
        <source>Aún no hay llamados</source>
        <translation>No calls yet</translation>
    </message>
    <message>
        <location filename="../view.py" line="317" />
        <source>Bienvenido</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../view.py" line="321" />
        <source>Espere su llamado en esta pantalla</source>
        <translation>Wait for your call on this screen</translation>
    </message>
    <message>
        <location filename="../view.py" line="328" />
        <source>Nuevo llamado</source>
        <translation>Called again</translation>
    </message>
    <message>
        <location filename="../view.py" line="341" />
        <source>Módulo {0}</source>
        <translation>Counter {0}</translation>
    </message>
    <message>
        <location filename="../view.py" line="347" />
        <source>Turno {0}, módulo {1}</source>
        <translation>Ticket {0}, counter {1}</translation>
    </message>
</context>
<context>
    <name>DisplayApp</name>
    <message>
        <location filename="../app.py" line="95" />
        <source>Conectando con el servidor de turnos…</source>
        <translation>Connecting to the turn server…</translation>
    </message>
    <message>
        <location filename="../app.py" line="113" />
        <source>Esta pantalla no está vinculada. El especialista TIC debe registrarla y arrancarla con su código de vinculación (--pairing-code).</source>
        <translation>This screen is not paired. The ICT specialist must register it and start it with its pairing code (--pairing-code).</translation>
    </message>
</context>
<context>
    <name>DisplayPresenter</name>
    <message>
        <location filename="../presenter.py" line="297" />
        <source>El servidor rechazó esta pantalla: {0}. Vincúlela de nuevo.</source>
        <translation>The server refused this screen: {0}. Pair it again.</translation>
    </message>
    <message>
        <location filename="../presenter.py" line="539" />
        <source>Pantalla iniciada sin sonido.</source>
        <translation>Screen started without sound.</translation>
    </message>
</context>
<context>
    <name>HistoryRow</name>
    <message>
        <location filename="../view.py" line="100" />
        <source>Turno {0}, módulo {1}</source>
        <translation>Ticket {0}, counter {1}</translation>
    </message>
</context>
</TS>