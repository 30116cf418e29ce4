<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="es_PE">
<context>
    <name>ChecklistSection</name>
    <message numerus="yes">
        <location filename="../day/checklist.py" line="0"/>
        <source>y %n equipos más (vea el detalle)</source>
        <translation>
            <numerusform>y %n equipo más (vea el detalle)</numerusform>
            <numerusform>y %n equipos más (vea el detalle)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../day/checklist.py" line="0"/>
        <source>Nada impide la apertura; abrirá con %n incidencias.</source>
        <translation>
            <numerusform>Nada impide la apertura; abrirá con %n incidencia.</numerusform>
            <numerusform>Nada impide la apertura; abrirá con %n incidencias.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModuleScreen</name>
    <message numerus="yes">
        <location filename="../advisor/module_screen.py" line="0"/>
        <source>%n servicios sin espera</source>
        <translation>
            <numerusform>%n servicio sin espera</numerusform>
            <numerusform>%n servicios sin espera</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MonitorTab</name>
    <message numerus="yes">
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Alertas: %n</source>
        <translation>
            <numerusform>Alertas: %n</numerusform>
            <numerusform>Alertas: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>%n graves</source>
        <translation>
            <numerusform>%n grave</numerusform>
            <numerusform>%n graves</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SupervisorWording</name>
    <message numerus="yes">
        <location filename="../supervisor/wording.py" line="0"/>
        <source>%n eventos pendientes</source>
        <translation>
            <numerusform>%n evento pendiente</numerusform>
            <numerusform>%n eventos pendientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../supervisor/wording.py" line="0"/>
        <source>%n personas</source>
        <translation>
            <numerusform>%n persona</numerusform>
            <numerusform>%n personas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../supervisor/wording.py" line="0"/>
        <source>%n servicios</source>
        <translation>
            <numerusform>%n servicio</numerusform>
            <numerusform>%n servicios</numerusform>
        </translation>
    </message>
</context>
</TS>
