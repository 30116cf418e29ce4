<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="qu" sourcelanguage="es_PE">
<context>
    <name>ChecklistSection</name>
    <message numerus="yes">
        <location filename="../day/checklist.py" line="0"/>
        <source>y %n equipos más (vea el detalle)</source>
        <translation>
            <numerusform>%n aparatokunapas (qhaway)</numerusform>
            <numerusform>%n aparatokunapas (qhaway)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../day/checklist.py" line="0"/>
        <source>Nada impide la apertura; abrirá con %n incidencias.</source>
        <translation>
            <numerusform>Kichakunmanmi; %n sasachakuywan</numerusform>
            <numerusform>Kichakunmanmi; %n sasachakuywan</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModuleScreen</name>
    <message numerus="yes">
        <location filename="../advisor/module_screen.py" line="0"/>
        <source>%n servicios sin espera</source>
        <translation>
            <numerusform>%n yanapay mana pipas suyaqniyuq</numerusform>
            <numerusform>%n yanapaykuna mana pipas suyaqniyuq</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MonitorTab</name>
    <message numerus="yes">
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>Alertas: %n</source>
        <translation>
            <numerusform>Willakuykuna: %n</numerusform>
            <numerusform>Willakuykuna: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../supervisor/monitor_tab.py" line="0"/>
        <source>%n graves</source>
        <translation>
            <numerusform>%n hatun</numerusform>
            <numerusform>%n hatunkuna</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SupervisorWording</name>
    <message numerus="yes">
        <location filename="../supervisor/wording.py" line="0"/>
        <source>%n eventos pendientes</source>
        <translation>
            <numerusform>%n ruray apachinapaq</numerusform>
            <numerusform>%n ruraykuna apachinapaq</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../supervisor/wording.py" line="0"/>
        <source>%n personas</source>
        <translation>
            <numerusform>%n runa</numerusform>
            <numerusform>%n runakuna</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../supervisor/wording.py" line="0"/>
        <source>%n servicios</source>
        <translation>
            <numerusform>%n yanapay</numerusform>
            <numerusform>%n yanapaykuna</numerusform>
        </translation>
    </message>
</context>
</TS>
