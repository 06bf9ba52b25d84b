<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>No data yet</source>
        <translation>Aún no hay datos</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Sin datos</translation>
    </message>
    <message>
        <source>From week</source>
        <translation>Desde la semana</translation>
    </message>
    <message>
        <source>To week</source>
        <translation>Hasta la semana</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>Todas las unidades</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>&amp;As reported (small counts shown as &lt;11)</source>
        <translation>&amp;Como en los informes (recuentos pequeños como &lt;11)</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Mostrar</translation>
    </message>
    <message>
        <source>&amp;From week:</source>
        <translation>&amp;Desde la semana:</translation>
    </message>
    <message>
        <source>To wee&amp;k:</source>
        <translation>Has&amp;ta la semana:</translation>
    </message>
    <message>
        <source>U&amp;nit:</source>
        <translation>U&amp;nidad:</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>People reached</source>
        <translation>Personas atendidas</translation>
    </message>
    <message>
        <source>Escalations open</source>
        <translation>Escalamientos abiertos</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Con retraso</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Gráficos</translation>
    </message>
    <message>
        <source>An ISO week such as 2026-W01; empty for no limit</source>
        <translation>Una semana ISO, como 2026-W01; vacío para no poner límite</translation>
    </message>
    <message>
        <source>{text} is not an ISO week; write it like 2026-W05.</source>
        <translation>{text} no es una semana ISO; escríbala así: 2026-W05.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Contando…</translation>
    </message>
    <message>
        <source>Each conversation is in one band; the bands add up to all of them. </source>
        <translation>Cada conversación está en una sola franja; las franjas suman el total. </translation>
    </message>
    <message>
        <source>Percent of conversations that reached each level.</source>
        <translation>Porcentaje de conversaciones que alcanzaron cada nivel.</translation>
    </message>
    <message>
        <source>As reported: counts from 1 to {n} are shown as &lt;{t}.</source>
        <translation>Como en los informes: los recuentos de 1 a {n} se muestran como &lt;{t}.</translation>
    </message>
    <message>
        <source>Exact counts (for the coordinator only; reports hide small counts).</source>
        <translation>Recuentos exactos (solo para la coordinación; los informes ocultan los recuentos pequeños).</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>unidad</translation>
    </message>
    <message>
        <source>{unit} admin, workstation {start}</source>
        <translation>administración de {unit}, estación de trabajo {start}</translation>
    </message>
    <message>
        <source>(no case code)</source>
        <translation>(sin código de caso)</translation>
    </message>
    <message>
        <source>Escalations from every unit, most urgent first. Ask the unit&apos;s admin about the case code (Contact names the unit and its workstation; the unit&apos;s queue shows who recorded it); acknowledge when you take it on, then choose the outcome and close it.</source>
        <translation>Escalamientos de todas las unidades, primero los más urgentes. Pregunte por el código de caso a quien administra la unidad (Contacto indica la unidad y su estación de trabajo; la cola de la unidad muestra quién lo registró); acuse recibo cuando se haga cargo y, después, elija el resultado y ciérrelo.</translation>
    </message>
    <message>
        <source>Show closed escalatio&amp;ns</source>
        <translation>Mostrar escalamie&amp;ntos cerrados</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <source>Escalation queue</source>
        <translation>Cola de escalamientos</translation>
    </message>
    <message>
        <source>No open escalations.</source>
        <translation>No hay escalamientos abiertos.</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Acusar recibo</translation>
    </message>
    <message>
        <source>Choose an outcome…</source>
        <translation>Elija un resultado…</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>Res&amp;ultado:</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>&amp;Close with outcome</source>
        <translation>&amp;Cerrar con resultado</translation>
    </message>
    <message>
        <source>Escalation status</source>
        <translation>Estado del escalamiento</translation>
    </message>
    <message>
        <source>Closed: {o}</source>
        <translation>Cerrado: {o}</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>CON RETRASO</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>the day it was raised (week {week})</source>
        <translation>el día en que se abrió (semana {week})</translation>
    </message>
    <message>
        <source>{date} (week {week})</source>
        <translation>{date} (semana {week})</translation>
    </message>
    <message>
        <source>Ask the admin of {unit} to find case {case} on the workstation whose fingerprint (in its pairing settings) starts as shown: its escalation queue shows who recorded it.</source>
        <translation>Pida a quien administra {unit} que busque el caso {case} en la estación de trabajo cuya huella (en su configuración de vinculación) empieza como se muestra: su cola de escalamientos indica quién lo registró.</translation>
    </message>
    <message>
        <source>Choose the outcome for case {case} first, then close it.</source>
        <translation>Elija primero el resultado del caso {case} y después ciérrelo.</translation>
    </message>
    <message>
        <source>Close this escalation?</source>
        <translation>¿Cerrar este escalamiento?</translation>
    </message>
    <message>
        <source>Close the escalation of case {case}?</source>
        <translation>¿Cerrar el escalamiento del caso {case}?</translation>
    </message>
    <message>
        <source>{level}, {unit}.
Outcome: {outcome}.
A closed escalation stays closed.</source>
        <translation>{level}, {unit}.
Resultado: {outcome}.
Un escalamiento cerrado no se puede reabrir.</translation>
    </message>
    <message>
        <source>Close &amp;escalation</source>
        <translation>Cerrar &amp;escalamiento</translation>
    </message>
    <message>
        <source>&amp;Keep it open</source>
        <translation>&amp;Mantenerlo abierto</translation>
    </message>
    <message>
        <source>Closed the escalation of case {case}: {outcome}.</source>
        <translation>Se cerró el escalamiento del caso {case}: {outcome}.</translation>
    </message>
    <message>
        <source>Import the export files that units bring you. Each file is checked (who signed it, whether it is for you, whether it was imported already) and applied whole or not at all.</source>
        <translation>Importe los archivos de exportación que le traen las unidades. Cada archivo se comprueba (quién lo firmó, si es para usted, si ya se importó) y se aplica completo o no se aplica.</translation>
    </message>
    <message>
        <source>Your card fingerprint: …</source>
        <translation>Huella de su tarjeta: …</translation>
    </message>
    <message>
        <source>Your card fingerprint</source>
        <translation>Huella de su tarjeta</translation>
    </message>
    <message>
        <source>Save coordinator c&amp;ard…</source>
        <translation>Guardar la t&amp;arjeta de la coordinación…</translation>
    </message>
    <message>
        <source>C&amp;hoose export files…</source>
        <translation>Elegir arc&amp;hivos de exportación…</translation>
    </message>
    <message>
        <source>I&amp;mport</source>
        <translation>I&amp;mportar</translation>
    </message>
    <message>
        <source>&amp;Cancel import</source>
        <translation>&amp;Cancelar la importación</translation>
    </message>
    <message>
        <source>Chosen export files</source>
        <translation>Archivos de exportación elegidos</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Progreso de la importación</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Import summary</source>
        <translation>Resumen de la importación</translation>
    </message>
    <message>
        <source>Your card fingerprint: {fp}</source>
        <translation>Huella de su tarjeta: {fp}</translation>
    </message>
    <message>
        <source>Save the coordinator card for units</source>
        <translation>Guardar la tarjeta de la coordinación para las unidades</translation>
    </message>
    <message>
        <source>Saved the coordinator card to {path}. Give it to each unit admin.</source>
        <translation>La tarjeta de la coordinación se guardó en {path}. Entréguela a quien administra cada unidad.</translation>
    </message>
    <message>
        <source>Choose export files to import</source>
        <translation>Elija los archivos de exportación que quiere importar</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <comment>files to import</comment>
        <translation>
            <numerusform>Importando %n archivo…</numerusform>
            <numerusform>Importando %n archivos…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) come from a workstation that is not registered yet. Before you register it, ask the unit admin to read out the workstation&apos;s fingerprint (shown in its pairing settings) and compare it group by group:

{fp}

Register it only if they match; otherwise its files are not imported.</source>
        <comment>files from a workstation not registered</comment>
        <translation>
            <numerusform>%n archivo procede de una estación de trabajo que aún no está registrada. Antes de registrarla, pida a quien administra la unidad que le lea en voz alta la huella de la estación de trabajo (se muestra en su configuración de vinculación) y compárela grupo por grupo:

{fp}

Regístrela solo si coinciden; si no, sus archivos no se importan.</numerusform>
            <numerusform>%n archivos proceden de una estación de trabajo que aún no está registrada. Antes de registrarla, pida a quien administra la unidad que le lea en voz alta la huella de la estación de trabajo (se muestra en su configuración de vinculación) y compárela grupo por grupo:

{fp}

Regístrela solo si coinciden; si no, sus archivos no se importan.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n file(s); {d} already imported; {r} rejected.</source>
        <comment>files imported</comment>
        <translation>
            <numerusform>Se importó %n archivo; ya importados: {d}; rechazados: {r}.</numerusform>
            <numerusform>Se importaron %n archivos; ya importados: {d}; rechazados: {r}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling after the file being imported…</source>
        <translation>Se cancelará al terminar el archivo que se está importando…</translation>
    </message>
    <message>
        <source>Confirm that this workstation moved?</source>
        <translation>¿Confirma que esta estación de trabajo cambió de equipo?</translation>
    </message>
    <message>
        <source>{moved}

Before you confirm, ask that unit&apos;s admin whether the workstation really moved, and to read out its fingerprint (shown in its pairing settings); compare it group by group:

{fp}

Confirm only if both hold; otherwise its files are not imported.</source>
        <translation>{moved}

Antes de confirmar, pregunte a quien administra esa unidad si la estación de trabajo realmente cambió de equipo y pídale que le lea en voz alta su huella (se muestra en su configuración de vinculación); compárela grupo por grupo:

{fp}

Confirme solo si se cumplen ambas cosas; si no, sus archivos no se importan.</translation>
    </message>
    <message>
        <source>Register this workstation?</source>
        <translation>¿Registrar esta estación de trabajo?</translation>
    </message>
    <message>
        <source>Fingerprint: {fp}</source>
        <translation>Huella: {fp}</translation>
    </message>
    <message>
        <source>&amp;Confirm and import</source>
        <translation>&amp;Confirmar e importar</translation>
    </message>
    <message>
        <source>&amp;Register and import</source>
        <translation>&amp;Registrar e importar</translation>
    </message>
    <message>
        <source>&amp;Do not import</source>
        <translation>&amp;No importar</translation>
    </message>
    <message>
        <source>Import cancelled. Files imported before the cancel stay imported; the others were not touched — import them again later.</source>
        <translation>Importación cancelada. Los archivos importados antes de cancelar siguen importados; los demás no se tocaron: vuelva a importarlos más tarde.</translation>
    </message>
    <message>
        <source>new workstation registered</source>
        <translation>nueva estación de trabajo registrada</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>Imported; check</source>
        <translation>Importado; revíselo</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>Ya importado</translation>
    </message>
    <message>
        <source>a resend; nothing changed</source>
        <translation>un reenvío; no cambió nada</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>bundles {seqs} from workstation {ws}</source>
        <translation>paquetes {seqs} de la estación de trabajo {ws}</translation>
    </message>
    <message>
        <source>Missing (never arrived, ask the unit to check): {gaps}.</source>
        <translation>Faltan (nunca llegaron; pida a la unidad que lo revise): {gaps}.</translation>
    </message>
    <message>
        <source>no records yet</source>
        <translation>aún no hay registros</translation>
    </message>
    <message>
        <source>withheld (fewer than {t} records)</source>
        <translation>no se muestra (menos de {t} registros)</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1 semana</translation>
    </message>
    <message>
        <source>{n:g} weeks</source>
        <translation>{n:g} semanas</translation>
    </message>
    <message>
        <source>{p:.0f} % ({part} of {whole})</source>
        <translation>{p:.0f} % ({part} de {whole})</translation>
    </message>
    <message>
        <source>no responses</source>
        <translation>sin respuestas</translation>
    </message>
    <message>
        <source>Wave</source>
        <translation>Oleada</translation>
    </message>
    <message>
        <source>Weeks</source>
        <translation>Semanas</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Respuestas</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Media</translation>
    </message>
    <message>
        <source>95 % CI</source>
        <translation>IC del 95 %</translation>
    </message>
    <message>
        <source>Change from the wave before</source>
        <translation>Cambio desde la oleada anterior</translation>
    </message>
    <message>
        <source>95 % CI of the change</source>
        <translation>IC del 95 % del cambio</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Lectura</translation>
    </message>
    <message>
        <source>withheld (fewer than {t} responses)</source>
        <translation>no se muestra (menos de {t} respuestas)</translation>
    </message>
    <message>
        <source>withheld (a count below {t})</source>
        <translation>no se muestra (un recuento menor que {t})</translation>
    </message>
    <message>
        <source>{lo:.2f} to {hi:.2f}</source>
        <translation>{lo:.2f} a {hi:.2f}</translation>
    </message>
    <message>
        <source>first wave shown</source>
        <translation>primera oleada mostrada</translation>
    </message>
    <message>
        <source>not shown</source>
        <translation>no se muestra</translation>
    </message>
    <message>
        <source>{lo:+.2f} to {hi:+.2f}</source>
        <translation>{lo:+.2f} a {hi:+.2f}</translation>
    </message>
    <message>
        <source>Survey waves: trend chart</source>
        <translation>Oleadas de la encuesta: gráfico de tendencia</translation>
    </message>
    <message>
        <source>No waves yet</source>
        <translation>Aún no hay oleadas</translation>
    </message>
    <message>
        <source>{label} (withheld)</source>
        <translation>{label} (no se muestra)</translation>
    </message>
    <message>
        <source>Survey waves: trend chart of {title}</source>
        <translation>Oleadas de la encuesta: gráfico de tendencia de {title}</translation>
    </message>
    <message>
        <source>{label}: withheld</source>
        <translation>{label}: no se muestra</translation>
    </message>
    <message>
        <source>{label}: {m:.2f} (95 % CI {lo:.2f} to {hi:.2f})</source>
        <translation>{label}: {m:.2f} (IC del 95 % {lo:.2f} a {hi:.2f})</translation>
    </message>
    <message>
        <source>Survey waves</source>
        <translation>Oleadas de la encuesta</translation>
    </message>
    <message>
        <source>The staff survey wave by wave, for the period and unit above. A unit with fewer responses in a wave than the report threshold is left out of that wave, and a wave with fewer counted responses shows no mean; the change is the later wave&apos;s mean minus the earlier one&apos;s.</source>
        <translation>La encuesta al personal oleada a oleada, para el periodo y la unidad de arriba. Una unidad con menos respuestas en una oleada que el umbral de los informes queda fuera de esa oleada, y una oleada con menos respuestas contadas no muestra media; el cambio es la media de la oleada posterior menos la de la anterior.</translation>
    </message>
    <message>
        <source>Survey and subscale shown</source>
        <translation>Encuesta y subescala mostradas</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Cifra</translation>
    </message>
    <message>
        <source>Based on</source>
        <translation>Basado en</translation>
    </message>
    <message>
        <source>Recipient feedback</source>
        <translation>Opiniones de quienes recibieron apoyo</translation>
    </message>
    <message>
        <source>Low use of the program, or few answers here, can mean barriers to access, not low need: colleagues may not know the program, not trust it, or not reach it.</source>
        <translation>Un uso bajo del programa, o pocas respuestas aquí, puede indicar barreras de acceso, no poca necesidad: puede que el personal no conozca el programa, no confíe en él o no llegue a él.</translation>
    </message>
    <message>
        <source>No survey waves in this period.</source>
        <translation>No hay oleadas de la encuesta en este periodo.</translation>
    </message>
    <message>
        <source>No survey waves in this period</source>
        <translation>No hay oleadas de la encuesta en este periodo</translation>
    </message>
    <message>
        <source>{a} to {b}</source>
        <translation>{a} a {b}</translation>
    </message>
    <message>
        <source>{wave}: {n} unit(s) left out, with fewer than {t} responses each.</source>
        <translation>{wave}: {n} unidad(es) excluida(s), con menos de {t} respuestas cada una.</translation>
    </message>
    <message>
        <source>Recipient feedback “{title}”: {n} responses in this period.</source>
        <translation>Opiniones de quienes recibieron apoyo «{title}»: {n} respuestas en este periodo.</translation>
    </message>
    <message>
        <source>{label}: answered {p} or 5 of 5</source>
        <translation>{label}: respondieron {p} o 5 de 5</translation>
    </message>
    <message>
        <source>What would have helped: {choice}</source>
        <translation>Qué habría ayudado: {choice}</translation>
    </message>
    <message>
        <source>Responses from unit {unit}</source>
        <translation>Respuestas de la unidad {unit}</translation>
    </message>
    <message>
        <source>{m:.2f} (95 % CI {lo:.2f}–{hi:.2f})</source>
        <translation>{m:.2f} (IC 95 % {lo:.2f}–{hi:.2f})</translation>
    </message>
    <message>
        <source>all weeks</source>
        <translation>todas las semanas</translation>
    </message>
    <message>
        <source>ISO weeks {a} to {b}</source>
        <translation>semanas ISO {a} a {b}</translation>
    </message>
    <message>
        <source>{span}, {unit}</source>
        <translation>{span}, {unit}</translation>
    </message>
    <message>
        <source>all units</source>
        <translation>todas las unidades</translation>
    </message>
    <message>
        <source>What became of the colleagues supported, from the coded records only. The period and unit are the dashboard&apos;s: change them on the Dashboard tab. Low use of the program can mean barriers to access, not low need.</source>
        <translation>Qué fue de los colegas que recibieron apoyo, solo a partir de los registros codificados. El periodo y la unidad son los del panel: cámbielos en la pestaña Panel. Un uso bajo del programa puede indicar barreras de acceso, no poca necesidad.</translation>
    </message>
    <message>
        <source>Outcomes of support</source>
        <translation>Resultados del apoyo</translation>
    </message>
    <message>
        <source>Staff survey</source>
        <translation>Encuesta al personal</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <source>Staff survey by month</source>
        <translation>Encuesta al personal por mes</translation>
    </message>
    <message>
        <source>Cases first seen in {period}; {n} followed up with the zone assessed.</source>
        <translation>Casos atendidos por primera vez en {period}; {n} con seguimiento y zona evaluada.</translation>
    </message>
    <message>
        <source>Staff survey: no responses imported yet.</source>
        <translation>Encuesta al personal: aún no se ha importado ninguna respuesta.</translation>
    </message>
    <message>
        <source> (written by the program, not a validated instrument)</source>
        <translation> (redactada por el programa, no es un instrumento validado)</translation>
    </message>
    <message>
        <source>Staff survey “{title}”{note}: {n} responses in this period.</source>
        <translation>Encuesta al personal «{title}»{note}: {n} respuestas en este periodo.</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Coordinación</translation>
    </message>
    <message>
        <source>Signed in as {name}</source>
        <translation>Sesión iniciada como {name}</translation>
    </message>
    <message>
        <source>Change &amp;passphrase…</source>
        <translation>Cambiar la frase de &amp;contraseña…</translation>
    </message>
    <message>
        <source>Pe&amp;ople…</source>
        <translation>Pers&amp;onas…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Con&amp;figuración…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <source>Lock ({key})</source>
        <translation>Bloquear ({key})</translation>
    </message>
    <message>
        <source>Coordinator sections</source>
        <translation>Secciones de la coordinación</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
    <message>
        <source>&amp;Escalations</source>
        <translation>&amp;Escalamientos</translation>
    </message>
    <message>
        <source>Re&amp;quests</source>
        <translation>&amp;Solicitudes</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Panel</translation>
    </message>
    <message>
        <source>Effecti&amp;veness</source>
        <translation>Efecti&amp;vidad</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>Info&amp;rmes</translation>
    </message>
    <message>
        <source>Surve&amp;y waves</source>
        <translation>O&amp;leadas de encuesta</translation>
    </message>
    <message>
        <source>&amp;As reported (small counts shown as &lt;{t})</source>
        <translation>&amp;Como en los informes (recuentos pequeños como &lt;{t})</translation>
    </message>
    <message>
        <source>Reports leave the coordinator: they carry no case codes and no supporter ids, and counts from 1 to the threshold minus one are shown as “&lt;11” (with more cells hidden where a total would give them away).</source>
        <translation>Los informes salen de la coordinación: no llevan códigos de caso ni identificadores de personas de apoyo, y los recuentos de 1 hasta el umbral menos uno se muestran como «&lt;11» (y se ocultan más celdas donde un total los delataría).</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Formato:</translation>
    </message>
    <message>
        <source>The language of the report&apos;s headings and labels; codes are the same in all.</source>
        <translation>El idioma de los títulos y las etiquetas del informe; los códigos son los mismos en todos.</translation>
    </message>
    <message>
        <source>Report lan&amp;guage:</source>
        <translation>Idi&amp;oma del informe:</translation>
    </message>
    <message>
        <source>From wee&amp;k:</source>
        <translation>Desde la se&amp;mana:</translation>
    </message>
    <message>
        <source>&amp;Until week:</source>
        <translation>&amp;Hasta la semana:</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>E&amp;xaminar…</translation>
    </message>
    <message>
        <source>Choose where to save</source>
        <translation>Elija dónde guardar</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>&amp;Guardar en:</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Guardar en</translation>
    </message>
    <message>
        <source>Counts below this number are hidden; the minimum is {n}.</source>
        <translation>Los recuentos por debajo de este número se ocultan; el mínimo es {n}.</translation>
    </message>
    <message>
        <source>Hide counts &amp;below:</source>
        <translation>Ocultar recuentos por &amp;debajo de:</translation>
    </message>
    <message>
        <source>Write report &amp;now</source>
        <translation>Generar el informe &amp;ahora</translation>
    </message>
    <message>
        <source>Report progress</source>
        <translation>Progreso del informe</translation>
    </message>
    <message>
        <source>Report status</source>
        <translation>Estado del informe</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Guardar el informe</translation>
    </message>
    <message>
        <source>{t} is not an ISO week; write it like 2026-W05.</source>
        <translation>{t} no es una semana ISO; escríbala así: 2026-W05.</translation>
    </message>
    <message>
        <source>The period starts after it ends; swap the weeks.</source>
        <translation>El periodo empieza después de terminar; intercambie las semanas.</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>Elija dónde guardar el informe.</translation>
    </message>
    <message>
        <source>Replace the existing file?</source>
        <translation>¿Reemplazar el archivo existente?</translation>
    </message>
    <message>
        <source>{path} already exists. Replace it with this report?</source>
        <translation>{path} ya existe. ¿Reemplazarlo por este informe?</translation>
    </message>
    <message>
        <source>{folder} already holds {names}. Replace them with this report?</source>
        <translation>{folder} ya contiene {names}. ¿Reemplazarlos por este informe?</translation>
    </message>
    <message>
        <source>What is in it now is lost. To keep it, choose Keep and give another name.</source>
        <translation>Lo que contiene ahora se perderá. Para conservarlo, elija «Conservar el archivo» y dé otro nombre.</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Reemplazar</translation>
    </message>
    <message>
        <source>&amp;Keep the file</source>
        <translation>&amp;Conservar el archivo</translation>
    </message>
    <message>
        <source>Nothing was written; give the report another name.</source>
        <translation>No se escribió nada; dé otro nombre al informe.</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Generando el informe…</translation>
    </message>
    <message>
        <source>Report written: {paths}</source>
        <translation>Informe generado: {paths}</translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation>Error interno</translation>
    </message>
    <message>
        <source>svdesk met a problem it did not expect, and stopped what it was doing. Try again; if it happens again, tell your program coordinator and include the details below.</source>
        <translation>svdesk encontró un problema inesperado y detuvo lo que estaba haciendo. Inténtelo de nuevo; si vuelve a ocurrir, avise a la coordinación de su programa e incluya los detalles que aparecen abajo.</translation>
    </message>
    <message>
        <source>Check this computer&apos;s clock</source>
        <translation>Revise el reloj de este equipo</translation>
    </message>
    <message>
        <source>Hide this warnin&amp;g</source>
        <translation>Ocultar este &amp;aviso</translation>
    </message>
    <message>
        <source>Hide the clock warning</source>
        <translation>Ocultar el aviso del reloj</translation>
    </message>
    <message>
        <source>The crisis numbers file was changed outside svdesk</source>
        <translation>El archivo de números de crisis se modificó fuera de svdesk</translation>
    </message>
    <message>
        <source>The copy of the crisis numbers that the locked crisis screen shows was edited or removed since svdesk last wrote it, so while locked it may have shown wrong numbers. It has been rewritten from the unit&apos;s directory. Tell your unit admin, and check the numbers on the Crisis screen ({key}).</source>
        <translation>La copia de los números de crisis que muestra la pantalla de crisis con svdesk bloqueado se editó o eliminó desde la última vez que svdesk la escribió, así que, mientras estaba bloqueado, pudo mostrar números incorrectos. Se ha vuelto a escribir a partir del directorio de la unidad. Avise a quien administra la unidad y revise los números en la pantalla de crisis ({key}).</translation>
    </message>
    <message>
        <source>Hide this notice</source>
        <translation>Ocultar este aviso</translation>
    </message>
    <message>
        <source>Hide the crisis numbers notice</source>
        <translation>Ocultar el aviso de los números de crisis</translation>
    </message>
    <message>
        <source>Some required answers are missing: {what}.</source>
        <translation>Faltan respuestas obligatorias: {what}.</translation>
    </message>
    <message>
        <source>This is an emergency: confirm that someone stays with the person, that the emergency response was called and to whom you handed over.</source>
        <translation>Es una emergencia: confirme que alguien se queda con la persona, que se llamó al equipo de emergencias y a quién traspasó el caso.</translation>
    </message>
    <message>
        <source>This is an emergency: plan a follow-up (within 24–72 hours unless the crisis team says otherwise); &quot;No follow-up&quot; is not enough.</source>
        <translation>Es una emergencia: planifique un seguimiento (en 24–72 horas, salvo que el equipo de crisis indique otra cosa); «Sin seguimiento» no es suficiente.</translation>
    </message>
    <message>
        <source>Some record fields are missing: {what}.</source>
        <translation>Faltan campos del registro: {what}.</translation>
    </message>
    <message>
        <source>Before completing:</source>
        <translation>Antes de finalizar:</translation>
    </message>
    <message>
        <source>The drive is full.</source>
        <translation>La unidad de almacenamiento está llena.</translation>
    </message>
    <message>
        <source>This folder or drive is read-only (or you may not write there).</source>
        <translation>Esta carpeta o unidad de almacenamiento es de solo lectura (o usted no tiene permiso para escribir en ella).</translation>
    </message>
    <message>
        <source>The folder or drive is no longer available.</source>
        <translation>La carpeta o unidad de almacenamiento ya no está disponible.</translation>
    </message>
    <message>
        <source>The bundle could not be written.</source>
        <translation>No se pudo escribir el paquete.</translation>
    </message>
    <message>
        <source>{head} Nothing was marked as exported. {detail}</source>
        <translation>{head} No se marcó nada como exportado. {detail}</translation>
    </message>
    <message>
        <source>Choose the folder or USB drive for the export</source>
        <translation>Elija la carpeta o la memoria USB para la exportación</translation>
    </message>
    <message>
        <source>tomorrow {time}</source>
        <translation>mañana {time}</translation>
    </message>
    <message>
        <source>until {time}</source>
        <translation>hasta las {time}</translation>
    </message>
    <message>
        <source>On call now: {people}.</source>
        <translation>De guardia ahora: {people}.</translation>
    </message>
    <message>
        <source>Nobody is on call now.</source>
        <translation>Ahora no hay nadie de guardia.</translation>
    </message>
    <message>
        <source>Next: {person} from {time}.</source>
        <translation>Después: {person} desde las {time}.</translation>
    </message>
    <message>
        <source>Who is on call cannot be shown: no supporter has unlocked svdesk on this workstation yet.</source>
        <translation>No se puede mostrar quién está de guardia: ninguna persona de apoyo ha desbloqueado todavía svdesk en esta estación de trabajo.</translation>
    </message>
    <message>
        <source>Who is on call cannot be shown: nobody has unlocked svdesk here for two weeks, so the copy of the roster is out of date.</source>
        <translation>No se puede mostrar quién está de guardia: nadie ha desbloqueado svdesk aquí en dos semanas, así que la copia del cuadro de guardias está desactualizada.</translation>
    </message>
    <message>
        <source>Who is on call cannot be shown: the copy of the roster on this workstation was changed outside svdesk or cannot be read (unlocking svdesk writes it again).</source>
        <translation>No se puede mostrar quién está de guardia: la copia del cuadro de guardias de esta estación de trabajo se modificó fuera de svdesk o no se puede leer (al desbloquear svdesk se escribe de nuevo).</translation>
    </message>
    <message>
        <source>Who is on call</source>
        <translation>Quién está de guardia</translation>
    </message>
    <message>
        <source>Call {label}: {phone}.</source>
        <translation>Llame a {label}: {phone}.</translation>
    </message>
    <message>
        <source>Call the crisis line now.</source>
        <translation>Llame ahora a la línea de crisis.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>libre</translation>
    </message>
    <message>
        <source>extra shift</source>
        <translation>guardia extra</translation>
    </message>
    <message>
        <source>{name} — {kind}: {span}</source>
        <translation>{name} — {kind}: {span}</translation>
    </message>
    <message>
        <source>Now (within 30 minutes)</source>
        <translation>Ahora (en menos de 30 minutos)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>{n} min left</source>
        <translation>quedan {n} min</translation>
    </message>
    <message>
        <source>OVERDUE by {n} min</source>
        <translation>CON RETRASO de {n} min</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Strength: {hint}</source>
        <translation>Solidez: {hint}</translation>
    </message>
    <message>
        <source>Strength: {word}. {hint}</source>
        <translation>Solidez: {word}. {hint}</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Solidez de la frase de contraseña</translation>
    </message>
    <message>
        <source>Choose a passphrase.</source>
        <translation>Elija una frase de contraseña.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same; type them again.</source>
        <translation>Las dos frases de contraseña no coinciden; vuelva a escribirlas.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>help now</source>
        <translation>ayuda inmediata</translation>
    </message>
    <message>
        <source>same-day contact</source>
        <translation>contacto en el día</translation>
    </message>
    <message>
        <source>{label} is open around the clock.</source>
        <translation>{label}: abierto las 24 horas.</translation>
    </message>
    <message>
        <source>{label} is open until {time}.</source>
        <translation>{label}: abierto hasta las {time}.</translation>
    </message>
    <message>
        <source>{label} is closed.</source>
        <translation>{label}: cerrado.</translation>
    </message>
    <message>
        <source>{label} is closed until {time}.</source>
        <translation>{label}: cerrado hasta las {time}.</translation>
    </message>
    <message>
        <source>meanwhile call {name}.</source>
        <translation>mientras tanto, llame a {name}.</translation>
    </message>
    <message>
        <source>for {urgency} call {name}.</source>
        <translation>para {urgency}, llame a {name}.</translation>
    </message>
    <message>
        <source>Open now ({time}):</source>
        <translation>Abierto ahora ({time}):</translation>
    </message>
    <message>
        <source>What is open now</source>
        <translation>Qué está abierto ahora</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} h</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <comment>overdue by</comment>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <source>OVERDUE by {amount}</source>
        <translation>CON RETRASO de {amount}</translation>
    </message>
    <message>
        <source>now</source>
        <translation>ahora</translation>
    </message>
    <message>
        <source>today</source>
        <translation>hoy</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>mañana</translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <comment>due in</comment>
        <translation>
            <numerusform>dentro de %n día</numerusform>
            <numerusform>dentro de %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>Handed off</source>
        <translation>Traspasado</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <source>Do not leave the person alone. Call the emergency response or crisis team now.</source>
        <translation>No deje sola a la persona. Llame ahora al equipo de emergencias o de crisis.</translation>
    </message>
    <message>
        <source>Arrange contact with a mental-health professional today and give the crisis line.</source>
        <translation>Organice hoy el contacto con un profesional de salud mental y facilite la línea de crisis.</translation>
    </message>
    <message>
        <source>Make a professional referral within 72 hours.</source>
        <translation>Haga una derivación profesional en un plazo de 72 horas.</translation>
    </message>
    <message>
        <source>Offer a professional referral (EAP, psychology) within 14 days.</source>
        <translation>Ofrezca una derivación profesional (programa de asistencia al empleado, psicología) en un plazo de 14 días.</translation>
    </message>
    <message>
        <source>Plan more frequent peer follow-up over the next 24–72 hours.</source>
        <translation>Planifique un seguimiento entre pares más frecuente durante las próximas 24–72 horas.</translation>
    </message>
    <message>
        <source>Continue peer support as planned.</source>
        <translation>Continúe el apoyo entre pares según lo previsto.</translation>
    </message>
    <message>
        <source>Ask a leader to relieve them from patient care and arrange a safe way home</source>
        <translation>Pida a una persona responsable que la releve de la atención a pacientes y organice un regreso seguro a casa</translation>
    </message>
    <message>
        <source>Activate the group / critical-response team</source>
        <translation>Active el equipo de respuesta grupal o ante incidentes críticos</translation>
    </message>
    <message>
        <source>Connect them with risk management and litigation peer support (avoid discussing case facts)</source>
        <translation>Póngala en contacto con gestión de riesgos y con el apoyo entre pares en litigios (evite hablar de los hechos del caso)</translation>
    </message>
    <message>
        <source>Involve their leader (with their consent)</source>
        <translation>Implique a su responsable (con su consentimiento)</translation>
    </message>
    <message>
        <source>You are offered support yourself: ask for a debrief</source>
        <translation>Usted también puede recibir apoyo: pida una sesión de descarga (debriefing)</translation>
    </message>
    <message>
        <source>Give them the crisis line number from the unit directory</source>
        <translation>Facilítele el número de la línea de crisis del directorio de la unidad</translation>
    </message>
    <message>
        <source>Call hospital security as your policy says; do not stay alone with them (a duty to warn follows local law)</source>
        <translation>Llame a seguridad del hospital según indique su política; no se quede a solas con la persona (el deber de advertir depende de la legislación local)</translation>
    </message>
    <message>
        <source>A leader arranges a fitness-for-duty assessment as the policy says; point to the confidential physician / nurse health program</source>
        <translation>Una persona responsable organiza una evaluación de aptitud para el trabajo según indique la política; informe del programa confidencial de salud para profesionales sanitarios</translation>
    </message>
    <message>
        <source>Escalation: {level}.</source>
        <translation>Escalamiento: {level}.</translation>
    </message>
    <message>
        <source>What to do now: {actions}.</source>
        <translation>Qué hacer ahora: {actions}.</translation>
    </message>
    <message>
        <source>Because: {reasons}</source>
        <translation>Motivo: {reasons}</translation>
    </message>
    <message>
        <source>You can keep it with a reason.</source>
        <translation>Puede conservarla indicando un motivo.</translation>
    </message>
    <message>
        <source>First contact: too few requests taken up ({n}) to show how soon.</source>
        <translation>Primer contacto: demasiado pocas solicitudes atendidas ({n}) para mostrar la rapidez.</translation>
    </message>
    <message>
        <source>the share within 30 minutes is withheld (a small count)</source>
        <translation>la proporción en menos de 30 minutos no se muestra (recuento pequeño)</translation>
    </message>
    <message>
        <source>{p:.0f} % within 30 minutes</source>
        <translation>{p:.0f} % en menos de 30 minutos</translation>
    </message>
    <message>
        <source>First contact: median {m:g} minutes after the request; {share} (of {n}).</source>
        <translation>Primer contacto: mediana de {m:g} minutos tras la solicitud; {share} (de {n}).</translation>
    </message>
    <message>
        <source>Requests by who asked: {parts}.</source>
        <translation>Solicitudes según quién las pidió: {parts}.</translation>
    </message>
    <message>
        <source>Requests by hour of day (the unit&apos;s time): {parts}.</source>
        <translation>Solicitudes por hora del día (hora de la unidad): {parts}.</translation>
    </message>
    <message>
        <source>On-call coverage, {first} to {last}: no unit has reported its on-call roster yet.</source>
        <translation>Cobertura de guardia, de {first} a {last}: ninguna unidad ha enviado aún su turno de guardia.</translation>
    </message>
    <message>
        <source>On-call coverage, {first} to {last}: {gaps} hours with nobody on call, of {hours} hours recorded ({p:.0f} %).</source>
        <translation>Cobertura de guardia, de {first} a {last}: {gaps} horas sin nadie de guardia, de {hours} horas registradas ({p:.0f} %).</translation>
    </message>
    <message>
        <source>On-call coverage, {first} to {last}:</source>
        <translation>Cobertura de guardia, de {first} a {last}:</translation>
    </message>
    <message>
        <source>{unit}: too few hours recorded to show ({hours} of at least 168).</source>
        <translation>{unit}: muy pocas horas registradas para mostrarlo ({hours} de al menos 168).</translation>
    </message>
    <message>
        <source>{unit}: {gaps} of {hours} hours with nobody on call ({p:.0f} %); {weeks} of 4 weeks reported.</source>
        <translation>{unit}: {gaps} de {hours} horas sin nadie de guardia ({p:.0f} %); {weeks} de 4 semanas enviadas.</translation>
    </message>
    <message>
        <source>Requests for support that ask for a supporter from another unit and are still open on their unit, most urgent first. Find a supporter in another unit and call the requesting unit&apos;s admin (Contact); the request leaves this list when that unit&apos;s next export says it was taken up or withdrawn.</source>
        <translation>Solicitudes de apoyo que piden una persona de apoyo de otra unidad y que siguen abiertas en su unidad, primero las más urgentes. Busque una persona de apoyo de otra unidad y llame a quien administra la unidad solicitante (Contacto); la solicitud sale de esta lista cuando la próxima exportación de esa unidad indique que se atendió o se retiró.</translation>
    </message>
    <message>
        <source>Refres&amp;h</source>
        <translation>Actuali&amp;zar</translation>
    </message>
    <message>
        <source>Unmatched requests</source>
        <translation>Solicitudes sin asignar</translation>
    </message>
    <message>
        <source>No unmatched requests.</source>
        <translation>No hay solicitudes sin asignar.</translation>
    </message>
    <message>
        <source>How soon first contact came</source>
        <translation>Rapidez del primer contacto</translation>
    </message>
    <message>
        <source>What became of the requests</source>
        <translation>Qué fue de las solicitudes</translation>
    </message>
    <message>
        <source>Hours in the last month with nobody on call</source>
        <translation>Horas del último mes sin nadie de guardia</translation>
    </message>
    <message>
        <source>All requests reported ({total}): {parts}.</source>
        <translation>Todas las solicitudes notificadas ({total}): {parts}.</translation>
    </message>
    <message>
        <source>Offer a &amp;feedback code…</source>
        <translation>Ofrecer un código de &amp;opinión…</translation>
    </message>
    <message>
        <source>Offer a feedback code</source>
        <translation>Ofrecer un código de opinión</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Sin empezar</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Every unit</source>
        <translation>Todas las unidades</translation>
    </message>
    <message>
        <source>A survey wave offers a staff survey at the units&apos; locked workstations from its first to its last ISO week. Define it here, export its wave file and give the file to each unit admin, who imports it in Settings (Survey waves…). Two waves of the same survey may not overlap for a unit.</source>
        <translation>Una oleada de encuesta ofrece una encuesta al personal en las estaciones bloqueadas de las unidades, desde su primera hasta su última semana ISO. Defínala aquí, exporte su archivo de oleada y entréguelo a cada administrador de unidad, que lo importa en Configuración (Oleadas de encuesta…). Dos oleadas de la misma encuesta no pueden solaparse para una unidad.</translation>
    </message>
    <message>
        <source>Defined wave&amp;s:</source>
        <translation>Oleadas &amp;definidas:</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>Encuesta</translation>
    </message>
    <message>
        <source>First week</source>
        <translation>Primera semana</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>Última semana</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Defined survey waves</source>
        <translation>Oleadas de encuesta definidas</translation>
    </message>
    <message>
        <source>No survey wave defined yet.</source>
        <translation>Todavía no hay ninguna oleada de encuesta definida.</translation>
    </message>
    <message>
        <source>End w&amp;ave</source>
        <translation>Finali&amp;zar la oleada</translation>
    </message>
    <message>
        <source>E&amp;xport wave file…</source>
        <translation>E&amp;xportar el archivo de la oleada…</translation>
    </message>
    <message>
        <source>Define a wave</source>
        <translation>Definir una oleada</translation>
    </message>
    <message>
        <source>S&amp;urvey:</source>
        <translation>Enc&amp;uesta:</translation>
    </message>
    <message>
        <source>for example Spring 2027</source>
        <translation>por ejemplo Primavera 2027</translation>
    </message>
    <message>
        <source>La&amp;bel:</source>
        <translation>Eti&amp;queta:</translation>
    </message>
    <message>
        <source>First wee&amp;k:</source>
        <translation>Pri&amp;mera semana:</translation>
    </message>
    <message>
        <source>Last &amp;week:</source>
        <translation>Úl&amp;tima semana:</translation>
    </message>
    <message>
        <source>Every u&amp;nit</source>
        <translation>Todas las u&amp;nidades</translation>
    </message>
    <message>
        <source>Only t&amp;hese units:</source>
        <translation>Solo las unidades ele&amp;gidas:</translation>
    </message>
    <message>
        <source>Units:</source>
        <translation>Unidades:</translation>
    </message>
    <message>
        <source>Units of the wave</source>
        <translation>Unidades de la oleada</translation>
    </message>
    <message>
        <source>Space checks or unchecks the unit under the cursor.</source>
        <translation>La barra espaciadora marca o desmarca la unidad bajo el cursor.</translation>
    </message>
    <message>
        <source>De&amp;fine wave</source>
        <translation>&amp;Añadir la oleada</translation>
    </message>
    <message>
        <source>No unit is known yet: units are listed here once their first export is imported. Until then a wave is for every unit.</source>
        <translation>Todavía no se conoce ninguna unidad: las unidades aparecen aquí cuando se importa su primera exportación. Hasta entonces, una oleada es para todas las unidades.</translation>
    </message>
    <message>
        <source>Give the {what}, like 2027-W10.</source>
        <translation>Indique la {what}, como 2027-W10.</translation>
    </message>
    <message>
        <source>{text} is not an ISO week; write the {what} like 2027-W10.</source>
        <translation>{text} no es una semana ISO; escriba la {what} como 2027-W10.</translation>
    </message>
    <message>
        <source>This coordinator has no survey to offer.</source>
        <translation>Esta coordinación no tiene ninguna encuesta que ofrecer.</translation>
    </message>
    <message>
        <source>Give the wave a label, for example “Spring 2027”.</source>
        <translation>Dé una etiqueta a la oleada, por ejemplo «Primavera 2027».</translation>
    </message>
    <message>
        <source>first week</source>
        <translation>primera semana</translation>
    </message>
    <message>
        <source>last week</source>
        <translation>última semana</translation>
    </message>
    <message>
        <source>Check at least one unit in the list (Space), or choose Every unit.</source>
        <translation>Marque al menos una unidad de la lista (barra espaciadora) o elija «Todas las unidades».</translation>
    </message>
    <message>
        <source>Defined “{label}”, {start} to {end}. Export its wave file and give it to the unit admins.</source>
        <translation>Oleada «{label}» definida, de {start} a {end}. Exporte su archivo de oleada y entréguelo a los administradores de las unidades.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>No se cambió nada.</translation>
    </message>
    <message>
        <source>End “{label}” this week ({week})?</source>
        <translation>¿Finalizar «{label}» esta semana ({week})?</translation>
    </message>
    <message>
        <source>Its last week becomes {week} instead of {end}. Export its wave file again afterwards: a unit ends the wave when its admin imports the new file.</source>
        <translation>Su última semana pasa a ser {week} en lugar de {end}. Después, exporte de nuevo su archivo de oleada: una unidad finaliza la oleada cuando su administrador importa el archivo nuevo.</translation>
    </message>
    <message>
        <source>&amp;End the wave</source>
        <translation>&amp;Finalizar la oleada</translation>
    </message>
    <message>
        <source>&amp;Keep it running</source>
        <translation>&amp;Mantenerla en curso</translation>
    </message>
    <message>
        <source>“{label}” now ends in week {end}. Export its wave file again and give it to the unit admins.</source>
        <translation>«{label}» termina ahora en la semana {end}. Exporte de nuevo su archivo de oleada y entréguelo a los administradores de las unidades.</translation>
    </message>
    <message>
        <source>Choose a wave in the list first.</source>
        <translation>Primero elija una oleada de la lista.</translation>
    </message>
    <message>
        <source>Save the survey wave file</source>
        <translation>Guardar el archivo de la oleada de encuesta</translation>
    </message>
    <message>
        <source>Survey wave files (*.svwave);;All files (*)</source>
        <translation>Archivos de oleada de encuesta (*.svwave);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>{path} already exists. Replace it with this wave file?</source>
        <translation>{path} ya existe. ¿Reemplazarlo por este archivo de oleada?</translation>
    </message>
    <message>
        <source>Saved the wave file of “{label}” to {path}. Give it to each unit admin of the wave: they import it in Settings, Survey waves…</source>
        <translation>Archivo de la oleada «{label}» guardado en {path}. Entréguelo a cada administrador de unidad de la oleada: lo importa en Configuración, Oleadas de encuesta…</translation>
    </message>
</context>
<context>
    <name>BoolQuestion</name>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>No se preguntó</translation>
    </message>
</context>
<context>
    <name>CardsPanel</name>
    <message>
        <source>Reference cards</source>
        <translation>Fichas de referencia</translation>
    </message>
    <message>
        <source>Reference cards for this step</source>
        <translation>Fichas de referencia de este paso</translation>
    </message>
    <message>
        <source>Cards of this step</source>
        <translation>Fichas de este paso</translation>
    </message>
    <message>
        <source>Open any reference card</source>
        <translation>Abrir cualquier ficha de referencia</translation>
    </message>
    <message>
        <source>Open another card…</source>
        <translation>Abrir otra ficha…</translation>
    </message>
    <message>
        <source>No reference card for this step.</source>
        <translation>Este paso no tiene ficha de referencia.</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>Fichas</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change your passphrase</source>
        <translation>Cambiar su frase de contraseña</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Frase de contraseña actual</translation>
    </message>
    <message>
        <source>&amp;Current passphrase:</source>
        <translation>Frase de contraseña &amp;actual:</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Nueva frase de contraseña:</translation>
    </message>
    <message>
        <source>New passphrase a&amp;gain:</source>
        <translation>Repita la nueva &amp;frase de contraseña:</translation>
    </message>
    <message>
        <source>C&amp;hange passphrase</source>
        <translation>Cam&amp;biar la frase de contraseña</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Cambiar la frase de contraseña</translation>
    </message>
    <message>
        <source>Type your current passphrase.</source>
        <translation>Escriba su frase de contraseña actual.</translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation>Cambiando…</translation>
    </message>
</context>
<context>
    <name>ChoiceComboQuestion</name>
    <message>
        <source>— not asked —</source>
        <translation>— no se preguntó —</translation>
    </message>
</context>
<context>
    <name>ChoiceRadioQuestion</name>
    <message>
        <source>Not asked</source>
        <translation>No se preguntó</translation>
    </message>
</context>
<context>
    <name>Conversation</name>
    <message>
        <source>Conversation completed</source>
        <extracomment>What the conversation window would like: room for the rail, the step and the cards.</extracomment>
        <translation>Conversación finalizada</translation>
    </message>
    <message>
        <source>The record is saved.</source>
        <translation>El registro está guardado.</translation>
    </message>
    <message>
        <source>Escalation: {level}. {field}: {plan}.</source>
        <translation>Escalamiento: {level}. {field}: {plan}.</translation>
    </message>
    <message>
        <source>It is in the unit&apos;s escalation queue.</source>
        <translation>Está en la cola de escalamientos de la unidad.</translation>
    </message>
</context>
<context>
    <name>ConversationFooter</name>
    <message>
        <source>← &amp;Back</source>
        <translation>← &amp;Atrás</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>Paso anterior</translation>
    </message>
    <message>
        <source>Previous step (Alt+Left or Page Up)</source>
        <translation>Paso anterior (Alt+Izquierda o Re Pág)</translation>
    </message>
    <message>
        <source>&amp;Next →</source>
        <translation>&amp;Siguiente →</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Paso siguiente</translation>
    </message>
    <message>
        <source>Next step (Alt+Right or Page Down)</source>
        <translation>Paso siguiente (Alt+Derecha o Av Pág)</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <source>&amp;Discard draft…</source>
        <translation>&amp;Descartar el borrador…</translation>
    </message>
    <message>
        <source>Discard this draft</source>
        <translation>Descartar este borrador</translation>
    </message>
    <message>
        <source>Co&amp;mplete conversation</source>
        <translation>Finali&amp;zar la conversación</translation>
    </message>
    <message>
        <source>Complete the conversation and save the record</source>
        <translation>Finalizar la conversación y guardar el registro</translation>
    </message>
    <message>
        <source>Saved {time}</source>
        <translation>Guardado a las {time}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Sin guardar</translation>
    </message>
</context>
<context>
    <name>ConversationHost</name>
    <message>
        <source>svdesk — support conversation</source>
        <translation>svdesk — conversación de apoyo</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
</context>
<context>
    <name>ConversationWindow</name>
    <message>
        <source>Support conversation — case {code}</source>
        <extracomment>the main window sets this to False when it wires `crisis_requested` to its own action True inside a `ConversationHost`, a window of its own around this widget</extracomment>
        <translation>Conversación de apoyo — caso {code}</translation>
    </message>
    <message>
        <source>Current step</source>
        <translation>Paso actual</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>What changed in this conversation</source>
        <translation>Qué cambió en esta conversación</translation>
    </message>
</context>
<context>
    <name>Coordinator</name>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Overdue?</source>
        <translation>¿Con retraso?</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Case code</source>
        <translation>Código de caso</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Acciones</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Cifra</translation>
    </message>
    <message>
        <source>Based on</source>
        <translation>Basado en</translation>
    </message>
    <message>
        <source>How to read it</source>
        <translation>Cómo interpretarlo</translation>
    </message>
    <message>
        <source>svdesk export bundles (*.svdbundle);;All files (*)</source>
        <translation>Paquetes de exportación de svdesk (*.svdbundle);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Bad signature</source>
        <translation>Firma no válida</translation>
    </message>
    <message>
        <source>Unknown workstation</source>
        <translation>Estación de trabajo desconocida</translation>
    </message>
    <message>
        <source>Not for this coordinator</source>
        <translation>No es para esta coordinación</translation>
    </message>
    <message>
        <source>Newer format</source>
        <translation>Formato más reciente</translation>
    </message>
    <message>
        <source>Older than what was imported</source>
        <translation>Anterior a lo ya importado</translation>
    </message>
    <message>
        <source>Damaged or not a bundle</source>
        <translation>Dañado o no es un paquete</translation>
    </message>
    <message>
        <source>Too large</source>
        <translation>Demasiado grande</translation>
    </message>
    <message>
        <source>PDF for leadership</source>
        <translation>PDF para la dirección</translation>
    </message>
    <message>
        <source>CSV tables</source>
        <translation>Tablas CSV</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Libro de Excel (XLSX)</translation>
    </message>
    <message>
        <source>REDCap data dictionary and import file (a folder)</source>
        <translation>Diccionario de datos y archivo de importación de REDCap (una carpeta)</translation>
    </message>
</context>
<context>
    <name>CrisisDialog</name>
    <message>
        <source>Crisis — what to do now</source>
        <translation>Crisis: qué hacer ahora</translation>
    </message>
    <message>
        <source>Stay with the person. Do not leave them alone, not even briefly.</source>
        <translation>Quédese con la persona. No la deje sola, ni siquiera un momento.</translation>
    </message>
    <message>
        <source>Call your local emergency number or the crisis line now.</source>
        <translation>Llame ahora al número de emergencias local o a la línea de crisis.</translation>
    </message>
    <message>
        <source>Call the emergency response or the crisis line now (numbers below).</source>
        <translation>Llame ahora al equipo de emergencias o a la línea de crisis (números abajo).</translation>
    </message>
    <message>
        <source>If it is safe, remove anything they could use to harm themselves or others.</source>
        <translation>Si es seguro hacerlo, retire cualquier cosa con la que pueda hacerse daño o hacer daño a otros.</translation>
    </message>
    <message>
        <source>Inform the leader on duty; ask someone to get help if you cannot call.</source>
        <translation>Informe a la persona responsable de turno; pida a alguien que busque ayuda si usted no puede llamar.</translation>
    </message>
    <message>
        <source>Hand over in person to the emergency or crisis team, then record the escalation.</source>
        <translation>Traspase el caso en persona al equipo de emergencias o de crisis y, después, registre el escalamiento.</translation>
    </message>
    <message>
        <source>What to do now</source>
        <translation>Qué hacer ahora</translation>
    </message>
    <message>
        <source>Numbers from your unit directory</source>
        <translation>Números del directorio de su unidad</translation>
    </message>
    <message>
        <source>Your unit&apos;s numbers show here after unlocking. Call your local emergency number now.</source>
        <translation>Los números de su unidad aparecen aquí después de desbloquear. Llame ahora al número de emergencias local.</translation>
    </message>
    <message>
        <source>This workstation has no unit directory. Call your local emergency number now.</source>
        <translation>Esta estación de trabajo no tiene directorio de la unidad. Llame ahora al número de emergencias local.</translation>
    </message>
    <message>
        <source>&amp;Fill in numbers…</source>
        <translation>&amp;Completar los números…</translation>
    </message>
    <message>
        <source>Fill in the unit&apos;s numbers</source>
        <translation>Completar los números de la unidad</translation>
    </message>
    <message>
        <source>&amp;Record emergency escalation</source>
        <translation>&amp;Registrar un escalamiento de emergencia</translation>
    </message>
    <message>
        <source>Record emergency escalation</source>
        <translation>Registrar un escalamiento de emergencia</translation>
    </message>
    <message>
        <source>Adds an emergency escalation, due now, to the unit&apos;s escalation queue. Only the level and the time are kept, never who it is about.</source>
        <translation>Añade a la cola de escalamientos de la unidad un escalamiento de emergencia que vence ahora. Solo se guardan el nivel y la hora, nunca de quién se trata.</translation>
    </message>
    <message>
        <source>Escalation status</source>
        <translation>Estado del escalamiento</translation>
    </message>
    <message>
        <source>The escalation will be linked to case {code}.</source>
        <translation>El escalamiento quedará vinculado al caso {code}.</translation>
    </message>
    <message>
        <source>Close the crisis screen</source>
        <translation>Cerrar la pantalla de crisis</translation>
    </message>
    <message>
        <source>Recording the escalation needs svdesk unlocked. The steps above come first; then unlock svdesk and record it.</source>
        <translation>Para registrar el escalamiento, svdesk tiene que estar desbloqueado. Primero, los pasos de arriba; después, desbloquee svdesk y regístrelo.</translation>
    </message>
    <message>
        <source>Emergency escalation recorded</source>
        <translation>Escalamiento de emergencia registrado</translation>
    </message>
    <message>
        <source>✓ Recorded at {time}. It is in the unit&apos;s escalation queue, due now.</source>
        <translation>✓ Registrado a las {time}. Está en la cola de escalamientos de la unidad y vence ahora.</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Conversations per month</source>
        <translation>Conversaciones por mes</translation>
    </message>
    <message>
        <source>By unit category</source>
        <translation>Por categoría de unidad</translation>
    </message>
    <message>
        <source>By role</source>
        <translation>Por función</translation>
    </message>
    <message>
        <source>By event category</source>
        <translation>Por categoría de evento</translation>
    </message>
    <message>
        <source>Response time (separate bands, not cumulative)</source>
        <translation>Tiempo de respuesta (franjas separadas, no acumuladas)</translation>
    </message>
    <message>
        <source>Individual or group (conversations)</source>
        <translation>Individual o en grupo (conversaciones)</translation>
    </message>
    <message>
        <source>People reached, individual or group</source>
        <translation>Personas atendidas, individual o en grupo</translation>
    </message>
    <message>
        <source>Escalation rate by level</source>
        <translation>Tasa de escalamiento por nivel</translation>
    </message>
    <message>
        <source>Referral acceptance</source>
        <translation>Aceptación de la derivación</translation>
    </message>
    <message>
        <source>Follow-up completion</source>
        <translation>Seguimientos realizados</translation>
    </message>
    <message>
        <source>Needs met</source>
        <translation>Necesidades cubiertas</translation>
    </message>
    <message>
        <source>Supporter load (supporters by conversations)</source>
        <translation>Carga de las personas de apoyo (personas de apoyo por número de conversaciones)</translation>
    </message>
    <message>
        <source>Supporters&apos; own distress</source>
        <translation>Malestar de las propias personas de apoyo</translation>
    </message>
    <message>
        <source>30 min or less</source>
        <translation>30 min o menos</translation>
    </message>
    <message>
        <source>Over 30 min, up to 24 h</source>
        <translation>Más de 30 min, hasta 24 h</translation>
    </message>
    <message>
        <source>More than 24 h</source>
        <translation>Más de 24 h</translation>
    </message>
</context>
<context>
    <name>DirectoryDialog</name>
    <message>
        <source>Resource directory</source>
        <extracomment>the whole directory after a save</extracomment>
        <translation>Directorio de recursos</translation>
    </message>
    <message>
        <source>The numbers supporters see in support conversations and on the crisis screen. Type each number as it should be dialled from this unit; leave it empty if your unit has no such service.</source>
        <translation>Los números que ven las personas de apoyo en las conversaciones y en la pantalla de crisis. Escriba cada número tal como se marca desde esta unidad; déjelo vacío si su unidad no tiene ese servicio.</translation>
    </message>
    <message>
        <source>The numbers supporters see in support conversations and on the crisis screen. Only a unit admin can change them; ask your unit admin.</source>
        <translation>Los números que ven las personas de apoyo en las conversaciones y en la pantalla de crisis. Solo quien administra la unidad puede cambiarlos; pídaselo.</translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} number(s) are not set yet: supporters see “not set — ask your unit admin” instead. Fill them in.</source>
        <translation>
            <numerusform>Falta %n de {total} números: en su lugar, las personas de apoyo ven «sin definir: pídalo a quien administra la unidad». Complételos.</numerusform>
            <numerusform>Faltan %n de {total} números: en su lugar, las personas de apoyo ven «sin definir: pídalo a quien administra la unidad». Complételos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} number(s) are not set yet.</source>
        <translation>
            <numerusform>Falta %n de {total} números.</numerusform>
            <numerusform>Faltan %n de {total} números.</numerusform>
        </translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <source>Detail (optional)</source>
        <translation>Detalle (opcional)</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>sin definir</translation>
    </message>
    <message>
        <source>{service}: phone number</source>
        <translation>{service}: número de teléfono</translation>
    </message>
    <message>
        <source>e.g. on call, 24/7</source>
        <translation>p. ej., de guardia, 24/7</translation>
    </message>
    <message>
        <source>{service}: detail</source>
        <translation>{service}: detalle</translation>
    </message>
    <message>
        <source>Opening &amp;hours…</source>
        <translation>&amp;Horarios…</translation>
    </message>
    <message>
        <source>Opening hours of the services</source>
        <translation>Horarios de los servicios</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the marked numbers and save again.</source>
        <translation>No se guardó nada: corrija los números marcados y vuelva a guardar.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the marked entry and save again.</source>
        <translation>No se guardó nada: corrija la entrada marcada y vuelva a guardar.</translation>
    </message>
</context>
<context>
    <name>DirectoryView</name>
    <message>
        <source>Unit resource directory</source>
        <translation>Directorio de recursos de la unidad</translation>
    </message>
    <message>
        <source>No numbers in the unit directory — ask your unit admin to fill it.</source>
        <translation>El directorio de la unidad no tiene números: pida a quien administra la unidad que lo complete.</translation>
    </message>
    <message>
        <source>not set — ask your unit admin to fill it</source>
        <translation>sin definir: pida a quien administra la unidad que lo complete</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>sin definir</translation>
    </message>
</context>
<context>
    <name>DispositionPanel</name>
    <message>
        <source>Disposition: result and next steps</source>
        <translation>Resultado y próximos pasos</translation>
    </message>
    <message>
        <source>Result and what to do</source>
        <translation>Resultado y qué hacer</translation>
    </message>
    <message>
        <source>Numbers from your unit directory</source>
        <translation>Números del directorio de su unidad</translation>
    </message>
    <message>
        <source>Emergency: confirm each crisis step before completing.</source>
        <translation>Emergencia: confirme cada paso de crisis antes de finalizar.</translation>
    </message>
    <message>
        <source>Someone is staying with the person; they are not left alone</source>
        <translation>Alguien se queda con la persona; no se la deja sola</translation>
    </message>
    <message>
        <source>The emergency response / crisis team has been called</source>
        <translation>Se llamó al equipo de emergencias o de crisis</translation>
    </message>
    <message>
        <source>Handed over to:</source>
        <translation>Traspasado a:</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <source>Emergency response team</source>
        <translation>Equipo de respuesta a emergencias</translation>
    </message>
    <message>
        <source>Crisis team</source>
        <translation>Equipo de crisis</translation>
    </message>
    <message>
        <source>Emergency department</source>
        <translation>Servicio de urgencias</translation>
    </message>
    <message>
        <source>Psychiatry / psychology on call</source>
        <translation>Psiquiatría / psicología de guardia</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <source>Someone else who stays with them</source>
        <translation>Otra persona que se queda con ella</translation>
    </message>
    <message>
        <source>Handed over to whom</source>
        <translation>A quién se traspasó</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Add a supporter</source>
        <translation>Añadir una persona de apoyo</translation>
    </message>
    <message>
        <source>Let the new supporter type their own passphrase here: only they should know it.</source>
        <translation>Deje que la nueva persona de apoyo escriba aquí su propia frase de contraseña: solo ella debe conocerla.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <source>Passphrase a&amp;gain:</source>
        <translation>&amp;Repita la frase de contraseña:</translation>
    </message>
    <message>
        <source>&amp;Admin (can add and remove supporters, change settings)</source>
        <translation>&amp;Administración (puede añadir y quitar personas de apoyo y cambiar la configuración)</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>&amp;Add supporter</source>
        <translation>&amp;Añadir persona de apoyo</translation>
    </message>
    <message>
        <source>Add supporter</source>
        <translation>Añadir persona de apoyo</translation>
    </message>
    <message>
        <source>Type the supporter&apos;s name.</source>
        <translation>Escriba el nombre de la persona de apoyo.</translation>
    </message>
    <message>
        <source>Adding {name}…</source>
        <translation>Añadiendo a {name}…</translation>
    </message>
</context>
<context>
    <name>EscalationBanner</name>
    <message>
        <source>Escalation result</source>
        <translation>Resultado del escalamiento</translation>
    </message>
    <message>
        <source>Show sources</source>
        <translation>Mostrar las fuentes</translation>
    </message>
    <message>
        <source>Show the sources of the reasons</source>
        <translation>Mostrar las fuentes de los motivos</translation>
    </message>
    <message>
        <source>Escalation details</source>
        <translation>Detalles del escalamiento</translation>
    </message>
    <message>
        <source>Escalation: {level}</source>
        <translation>Escalamiento: {level}</translation>
    </message>
    <message>
        <source>What to do now:</source>
        <translation>Qué hacer ahora:</translation>
    </message>
    <message>
        <source>No escalation rule applies so far.</source>
        <translation>Por ahora no se aplica ninguna regla de escalamiento.</translation>
    </message>
    <message>
        <source>Hide sources</source>
        <translation>Ocultar las fuentes</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Fuente: {source}</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Por qué:</translation>
    </message>
</context>
<context>
    <name>EscalationQueue</name>
    <message>
        <source>Open escalations</source>
        <translation>Escalamientos abiertos</translation>
    </message>
    <message>
        <source>Escalations summary</source>
        <translation>Resumen de escalamientos</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <source>Open escalations, most urgent first</source>
        <translation>Escalamientos abiertos, primero los más urgentes</translation>
    </message>
    <message>
        <source>Selected escalation</source>
        <translation>Escalamiento seleccionado</translation>
    </message>
    <message>
        <source>&amp;Hand off…</source>
        <translation>&amp;Traspasar…</translation>
    </message>
    <message>
        <source>Hand off the selected escalation</source>
        <translation>Traspasar el escalamiento seleccionado</translation>
    </message>
    <message>
        <source>C&amp;lose with outcome…</source>
        <translation>Ce&amp;rrar con resultado…</translation>
    </message>
    <message>
        <source>Close the selected escalation</source>
        <translation>Cerrar el escalamiento seleccionado</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Refresh the escalations</source>
        <translation>Actualizar los escalamientos</translation>
    </message>
    <message>
        <source>No open escalations. What completed conversations and the crisis screen escalate appears here, most urgent first.</source>
        <translation>No hay escalamientos abiertos. Aquí aparece lo que escalan las conversaciones finalizadas y la pantalla de crisis, primero lo más urgente.</translation>
    </message>
    <message>
        <source>(no case)</source>
        <translation>(sin caso)</translation>
    </message>
    <message>
        <source>What to do: {actions}</source>
        <translation>Qué hacer: {actions}</translation>
    </message>
    <message>
        <source>{n} open, {late} overdue</source>
        <translation>Abiertos: {n}; con retraso: {late}</translation>
    </message>
    <message>
        <source>No open escalations.</source>
        <translation>No hay escalamientos abiertos.</translation>
    </message>
    <message>
        <source>Select an escalation to see what to do.</source>
        <translation>Seleccione un escalamiento para ver qué hacer.</translation>
    </message>
    <message>
        <source>What to do: {actions}.</source>
        <translation>Qué hacer: {actions}.</translation>
    </message>
    <message>
        <source>Why: {reasons}</source>
        <translation>Por qué: {reasons}</translation>
    </message>
    <message>
        <source>Recorded from the crisis screen.</source>
        <translation>Registrado desde la pantalla de crisis.</translation>
    </message>
</context>
<context>
    <name>ExceptionDialog</name>
    <message>
        <source>Add an exception to the roster</source>
        <translation>Añadir una excepción a las guardias</translation>
    </message>
    <message>
        <source>Off: the supporter&apos;s weekly shifts do not count then (leave, sick, a swap). Extra shift: on call then, besides the weekly shifts. Days as YYYY-MM-DD; leave the times empty for whole days, or give them as e.g. 20:00-08:00 (a night runs into the next morning). To hand a shift over, add the Off of the one supporter first, then the extra shift of the other.</source>
        <translation>Libre: los turnos semanales de la persona de apoyo no cuentan en ese periodo (permiso, baja, un cambio de turno). Guardia extra: de guardia en ese periodo, además de los turnos semanales. Los días en formato AAAA-MM-DD; deje las horas vacías para días completos o escríbalas, p. ej., 20:00-08:00 (una noche se extiende hasta la mañana siguiente). Para ceder un turno, añada primero el Libre de una persona de apoyo y después la guardia extra de la otra.</translation>
    </message>
    <message>
        <source>&amp;Supporter:</source>
        <translation>&amp;Persona de apoyo:</translation>
    </message>
    <message>
        <source>Off (leave, sick, a swap)</source>
        <translation>Libre (permiso, baja, cambio de turno)</translation>
    </message>
    <message>
        <source>Extra on-call shift</source>
        <translation>Guardia extra</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>&amp;First day:</source>
        <translation>Pri&amp;mer día:</translation>
    </message>
    <message>
        <source>empty: the first day only</source>
        <translation>vacío: solo el primer día</translation>
    </message>
    <message>
        <source>&amp;Last day:</source>
        <translation>Ú&amp;ltimo día:</translation>
    </message>
    <message>
        <source>empty: whole days; or e.g. 20:00-08:00</source>
        <translation>vacío: días completos; o p. ej., 20:00-08:00</translation>
    </message>
    <message>
        <source>&amp;Times:</source>
        <translation>&amp;Horas:</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Añadir</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export for the coordinator</source>
        <translation>Exportar para la coordinación</translation>
    </message>
    <message>
        <source>Writes the records not yet exported into one encrypted, signed file that only your coordinator can open. Notes never leave this workstation. Take the file to the coordinator on a USB drive or a shared folder.</source>
        <translation>Escribe los registros aún no exportados en un único archivo cifrado y firmado que solo su coordinación puede abrir. Las notas nunca salen de esta estación de trabajo. Lleve el archivo a la coordinación en una memoria USB o en una carpeta compartida.</translation>
    </message>
    <message>
        <source>Checking the pairing…</source>
        <translation>Comprobando la vinculación…</translation>
    </message>
    <message>
        <source>Pairing</source>
        <translation>Vinculación</translation>
    </message>
    <message>
        <source>A folder or USB drive</source>
        <translation>Una carpeta o memoria USB</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Elegir…</translation>
    </message>
    <message>
        <source>Choose folder</source>
        <translation>Elegir carpeta</translation>
    </message>
    <message>
        <source>Export &amp;to:</source>
        <translation>Exportar &amp;a:</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>Exportar a la carpeta</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Progreso de la exportación</translation>
    </message>
    <message>
        <source>Export status</source>
        <translation>Estado de la exportación</translation>
    </message>
    <message>
        <source>&amp;Export now</source>
        <translation>E&amp;xportar ahora</translation>
    </message>
    <message>
        <source>&amp;Cancel export</source>
        <translation>&amp;Cancelar la exportación</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>Ce&amp;rrar</translation>
    </message>
    <message>
        <source>Exports from this workstation</source>
        <translation>Exportaciones de esta estación de trabajo</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Historial de exportaciones</translation>
    </message>
    <message>
        <source>This workstation is not paired with a coordinator yet. A unit admin imports the coordinator card in Settings → Coordinator pairing.</source>
        <translation>Esta estación de trabajo aún no está vinculada con una coordinación. Quien administra la unidad importa la tarjeta de la coordinación en Configuración → Vinculación con la coordinación.</translation>
    </message>
    <message>
        <source>Exports are encrypted for the coordinator {coordinator}. This workstation signs them as {mine}.</source>
        <translation>Las exportaciones se cifran para la coordinación {coordinator}. Esta estación de trabajo las firma como {mine}.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) are waiting to be exported.</source>
        <translation>
            <numerusform>%n registro espera a ser exportado.</numerusform>
            <numerusform>%n registros esperan a ser exportados.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported bundle {sequence} with %n record(s) to {path}.</source>
        <translation>
            <numerusform>Se exportó el paquete {sequence} con %n registro a {path}.</numerusform>
            <numerusform>Se exportó el paquete {sequence} con %n registros a {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) are left for the next export.</source>
        <translation>
            <numerusform>Queda %n registro para la próxima exportación.</numerusform>
            <numerusform>Quedan %n registros para la próxima exportación.</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything has been exported; a new export would be empty.</source>
        <translation>Ya se exportó todo; una nueva exportación estaría vacía.</translation>
    </message>
    <message>
        <source>Choose a folder or USB drive to export to.</source>
        <translation>Elija una carpeta o memoria USB a la que exportar.</translation>
    </message>
    <message>
        <source>Starting the export…</source>
        <translation>Iniciando la exportación…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Re-identification check: the smallest group of records sharing unit, role, week and kind of event has {n}.</source>
        <translation>Control de reidentificación: el grupo más pequeño de registros con la misma unidad, función, semana y tipo de evento tiene {n}.</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written or marked.</source>
        <translation>Exportación cancelada; no se escribió ni se marcó nada.</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>Written (UTC)</source>
        <translation>Escrito (UTC)</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
</context>
<context>
    <name>FeedbackCodeDialog</name>
    <message>
        <source>Feedback code</source>
        <translation>Código de opinión</translation>
    </message>
    <message>
        <source>A feedback code for your colleague</source>
        <translation>Un código de opinión para su compañero o compañera</translation>
    </message>
    <message>
        <source>Give this code to the colleague you supported. When this workstation is locked, they choose &quot;Give feedback…&quot; on the locked screen, type the code and answer three short questions, without anyone signing in.</source>
        <translation>Entregue este código a la persona a la que ha apoyado. Cuando este puesto esté bloqueado, podrá elegir «Dar su opinión…» en la pantalla de bloqueo, escribir el código y responder tres preguntas breves, sin que nadie inicie sesión.</translation>
    </message>
    <message>
        <source>It works once, until {date}. Letters and digits count; dashes and small or capital letters do not.</source>
        <translation>Sirve una sola vez, hasta el {date}. Cuentan las letras y las cifras; los guiones y las mayúsculas o minúsculas no.</translation>
    </message>
    <message>
        <source>The code and the answers are linked to nothing but &quot;a conversation of this unit in this month&quot;: not to the colleague, not to you, not to this conversation. svdesk keeps only a fingerprint of the code and cannot show it again: copy it or write it down now.</source>
        <translation>El código y las respuestas solo se vinculan a «una conversación de esta unidad en este mes»: no a la persona, ni a usted, ni a esta conversación. svdesk guarda solo una huella del código y no puede volver a mostrarlo: cópielo o anótelo ahora.</translation>
    </message>
    <message>
        <source>&amp;Copy code</source>
        <translation>&amp;Copiar el código</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>Ce&amp;rrar</translation>
    </message>
    <message>
        <source>Copied (cleared when this closes)</source>
        <translation>Copiado (se borra al cerrar)</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
</context>
<context>
    <name>FollowupsWidget</name>
    <message>
        <source>Follow-ups</source>
        <extracomment>a follow-up conversation draft was started or is to be resumed: (draft_id)</extracomment>
        <translation>Seguimientos</translation>
    </message>
    <message>
        <source>Follow-ups summary</source>
        <translation>Resumen de seguimientos</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Asignado a</translation>
    </message>
    <message>
        <source>Follow-ups: overdue first, then due today, then upcoming</source>
        <translation>Seguimientos: primero los retrasados, luego los de hoy y después los próximos</translation>
    </message>
    <message>
        <source>&amp;Take over</source>
        <translation>&amp;Hacerse cargo</translation>
    </message>
    <message>
        <source>Take over the selected follow-up</source>
        <translation>Hacerse cargo del seguimiento seleccionado</translation>
    </message>
    <message>
        <source>&amp;Start follow-up</source>
        <translation>&amp;Iniciar el seguimiento</translation>
    </message>
    <message>
        <source>Start the selected follow-up conversation</source>
        <translation>Iniciar la conversación de seguimiento seleccionada</translation>
    </message>
    <message>
        <source>No follow-ups are due. Follow-ups you schedule appear here.</source>
        <translation>No hay seguimientos pendientes. Aquí aparecen los seguimientos que programe.</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>CON RETRASO</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Para hoy</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>Próximos</translation>
    </message>
    <message>
        <source>you</source>
        <translation>usted</translation>
    </message>
    <message>
        <source>another supporter</source>
        <translation>otra persona de apoyo</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nadie</translation>
    </message>
    <message>
        <source>(started)</source>
        <translation>(iniciado)</translation>
    </message>
    <message>
        <source>{o} overdue, {t} due today, {u} upcoming</source>
        <translation>Con retraso: {o}; para hoy: {t}; próximos: {u}</translation>
    </message>
    <message>
        <source>Re&amp;sume follow-up</source>
        <translation>Re&amp;anudar el seguimiento</translation>
    </message>
</context>
<context>
    <name>GuardKind</name>
    <message>
        <source>and</source>
        <translation>y</translation>
    </message>
</context>
<context>
    <name>GuardedNoteEdit</name>
    <message>
        <source>Short note (optional)</source>
        <translation>Nota breve (opcional)</translation>
    </message>
    <message>
        <source>At most {n} characters. No names, numbers, dates or anything that could identify a person.</source>
        <translation>Como máximo {n} caracteres. Sin nombres, números, fechas ni nada que pueda identificar a una persona.</translation>
    </message>
    <message>
        <source>Optional. No names, phone numbers, dates or record numbers.</source>
        <translation>Opcional. Sin nombres, números de teléfono, fechas ni números de historia clínica.</translation>
    </message>
    <message>
        <source>The note is longer than {n} characters; shorten it.</source>
        <translation>La nota tiene más de {n} caracteres; acórtela.</translation>
    </message>
    <message>
        <source>The note contains {what}; remove it before saving.</source>
        <translation>La nota contiene {what}; elimínelo antes de guardar.</translation>
    </message>
    <message>
        <source>The note may contain {what}.</source>
        <translation>Es posible que la nota contenga {what}.</translation>
    </message>
    <message>
        <source>{count} / {max} characters</source>
        <translation>{count} / {max} caracteres</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>demasiado larga</translation>
    </message>
    <message>
        <source>Blocked: “{text}” looks like {what}.</source>
        <translation>Bloqueado: «{text}» parece {what}.</translation>
    </message>
    <message>
        <source>Check: “{text}” may be {what}.</source>
        <translation>Revise: «{text}» puede ser {what}.</translation>
    </message>
    <message>
        <source>Or keep it with a reason.</source>
        <translation>O consérvela indicando un motivo.</translation>
    </message>
    <message>
        <source>{count} of {max} characters.</source>
        <translation>{count} de {max} caracteres.</translation>
    </message>
</context>
<context>
    <name>HandOffDialog</name>
    <message>
        <source>Hand off escalation</source>
        <translation>Traspasar el escalamiento</translation>
    </message>
    <message>
        <source>Handed off &amp;to:</source>
        <translation>Traspasado &amp;a:</translation>
    </message>
    <message>
        <source>Handed off to</source>
        <translation>Traspasado a</translation>
    </message>
    <message>
        <source>Hand off</source>
        <translation>Traspasar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Signed in as {name}</source>
        <extracomment>a saved draft to reopen (an unfinished conversation, or a follow-up started or resumed)</extracomment>
        <translation>Sesión iniciada como {name}</translation>
    </message>
    <message>
        <source>Change &amp;passphrase…</source>
        <translation>Cambiar la frase de &amp;contraseña…</translation>
    </message>
    <message>
        <source>S&amp;upporters…</source>
        <translation>&amp;Personas de apoyo…</translation>
    </message>
    <message>
        <source>Sett&amp;ings…</source>
        <translation>Con&amp;figuración…</translation>
    </message>
    <message>
        <source>Loc&amp;k</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <source>Lock ({key})</source>
        <translation>Bloquear ({key})</translation>
    </message>
    <message>
        <source>Lock now ({key})</source>
        <translation>Bloquear ahora ({key})</translation>
    </message>
    <message>
        <source>Set crisis nu&amp;mbers…</source>
        <translation>Definir los nú&amp;meros de crisis…</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>&amp;Nueva conversación</translation>
    </message>
    <message>
        <source>Support a colleague</source>
        <translation>Apoyar a un colega</translation>
    </message>
    <message>
        <source>Start a guided support conversation. It keeps no names and no story, only what is needed to follow up.</source>
        <translation>Inicie una conversación de apoyo guiada. No guarda nombres ni relatos, solo lo necesario para el seguimiento.</translation>
    </message>
    <message>
        <source>&amp;On-call roster…</source>
        <translation>&amp;Guardias…</translation>
    </message>
    <message>
        <source>The crisis screen has no {names} number for this unit yet. Set them now (Alt+M); until then it shows general emergency numbers.</source>
        <translation>La pantalla de crisis aún no tiene número de {names} para esta unidad. Defínalos ahora (Alt+M); mientras tanto, muestra números de emergencias generales.</translation>
    </message>
    <message>
        <source>The crisis screen has no {names} number for this unit yet; ask your unit admin to set them. Until then it shows general emergency numbers.</source>
        <translation>La pantalla de crisis aún no tiene número de {names} para esta unidad; pida a quien administra la unidad que los defina. Mientras tanto, muestra números de emergencias generales.</translation>
    </message>
</context>
<context>
    <name>HoursDialog</name>
    <message>
        <source>Opening hours</source>
        <extracomment>the whole directory after a save</extracomment>
        <translation>Horarios</translation>
    </message>
    <message>
        <source>When each service can be reached, in this workstation&apos;s local time: e.g. “Mon-Fri 08:00-17:00”, “Mon-Fri 08:00-17:00; Sat 09:00-12:00”, “Fri 22:00-Mon 06:00” or “24/7”. Leave it empty if you do not know. While a service is closed, the crisis screen and the disposition point to the service chosen under “After hours”.</source>
        <translation>Cuándo se puede contactar con cada servicio, en la hora local de esta estación de trabajo; escriba los días en inglés, p. ej. «Mon-Fri 08:00-17:00», «Mon-Fri 08:00-17:00; Sat 09:00-12:00», «Fri 22:00-Mon 06:00» o «24/7». Déjelo vacío si no lo sabe. Mientras un servicio está cerrado, la pantalla de crisis y el resultado de la conversación remiten al servicio elegido en «Fuera de horario».</translation>
    </message>
    <message>
        <source>When each service can be reached. Only a unit admin can change the hours; ask your unit admin.</source>
        <translation>Cuándo se puede contactar con cada servicio. Solo quien administra la unidad puede cambiar los horarios; pídaselo.</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>After hours, call</source>
        <translation>Fuera de horario, llamar a</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>sin definir</translation>
    </message>
    <message>
        <source>{service}: opening hours</source>
        <translation>{service}: horario</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>{service}: after hours, call</source>
        <translation>{service}: fuera de horario, llamar a</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the marked hours and save again.</source>
        <translation>No se guardó nada: corrija los horarios marcados y vuelva a guardar.</translation>
    </message>
</context>
<context>
    <name>KeyringRecoveryDialog</name>
    <message>
        <source>This computer&apos;s keyring no longer holds the secret that opens this store. With the recovery code svdesk stores a new secret and sets a new passphrase for you; an admin then sets new passphrases for the other supporters.</source>
        <translation>El llavero del sistema de este equipo ya no guarda el secreto que abre este almacén. Con el código de recuperación, svdesk guarda un secreto nuevo y le asigna a usted una nueva frase de contraseña; después, quien administra la unidad asigna nuevas frases de contraseña a las demás personas de apoyo.</translation>
    </message>
    <message>
        <source>Recover with the recovery code</source>
        <translation>Recuperar con el código de recuperación</translation>
    </message>
</context>
<context>
    <name>KioskFeedbackPage</name>
    <message>
        <source>Give feedback on peer support</source>
        <translation>Dar su opinión sobre el apoyo entre pares</translation>
    </message>
    <message>
        <source>Type the feedback code the peer supporter gave you at the end of your conversation. Nobody is signed in while you answer, and your answers are linked to nothing but &quot;a conversation of this unit in this month&quot;.</source>
        <translation>Escriba el código de opinión que le dio la persona de apoyo al final de su conversación. Mientras responde, no hay ninguna sesión iniciada, y sus respuestas solo se vinculan a «una conversación de esta unidad en este mes».</translation>
    </message>
    <message>
        <source>Feedback &amp;code:</source>
        <translation>&amp;Código de opinión:</translation>
    </message>
    <message>
        <source>&amp;Leave</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>Si&amp;guiente</translation>
    </message>
    <message>
        <source>Question {n} of {count}</source>
        <translation>Pregunta {n} de {count}</translation>
    </message>
    <message>
        <source>&amp;Leave without answering</source>
        <translation>&amp;Salir sin responder</translation>
    </message>
    <message>
        <source>&amp;Submit answers</source>
        <translation>&amp;Enviar las respuestas</translation>
    </message>
    <message>
        <source>Thank you for your feedback.</source>
        <translation>Gracias por su opinión.</translation>
    </message>
    <message>
        <source>Your answers are kept for the peer support program with this month only: not your name, not the supporter, not the day. In a few seconds the screen goes back to the locked workstation.</source>
        <translation>Sus respuestas se guardan para el programa de apoyo entre pares solo con este mes: sin su nombre, sin la persona de apoyo y sin el día. En unos segundos la pantalla vuelve al puesto bloqueado.</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Listo</translation>
    </message>
    <message>
        <source>A feedback code has 11 letters and digits, like K7Q2M-4XPR9-T (dashes and spaces do not matter); check what you typed.</source>
        <translation>Un código de opinión tiene 11 letras y cifras, como K7Q2M-4XPR9-T (los guiones y los espacios no importan); revise lo que ha escrito.</translation>
    </message>
    <message>
        <source>This feedback code does not work. Check each character against the code you were given and type it again; a code works once, until the day it says.</source>
        <translation>Este código de opinión no funciona. Compare cada carácter con el código que le dieron y vuelva a escribirlo; un código sirve una sola vez, hasta el día que indica.</translation>
    </message>
    <message>
        <source>Several codes that do not work were typed. You can try again now.</source>
        <translation>Se han escrito varios códigos que no funcionan. Ya puede volver a intentarlo.</translation>
    </message>
    <message>
        <source>Several codes that do not work were typed.</source>
        <translation>Se han escrito varios códigos que no funcionan.</translation>
    </message>
    <message numerus="yes">
        <source>You can try again in %n second(s).</source>
        <translation>
            <numerusform>Podrá volver a intentarlo dentro de %n segundo.</numerusform>
            <numerusform>Podrá volver a intentarlo dentro de %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>No question is answered yet; choose an answer for at least one question, or leave.</source>
        <translation>Aún no ha respondido ninguna pregunta; elija una respuesta en al menos una pregunta, o salga.</translation>
    </message>
    <message>
        <source>Give feedback</source>
        <translation>Dar su opinión</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <source>Your answers are kept with this week&apos;s number only: not your name, not the time, not the order of answers. Nobody is signed in while you answer.</source>
        <translation>Sus respuestas se guardan solo con el número de esta semana: sin su nombre, sin la hora y sin el orden de las respuestas. Mientras responde, no hay ninguna sesión iniciada.</translation>
    </message>
    <message>
        <source>Statement {n} of {count}</source>
        <translation>Afirmación {n} de {count}</translation>
    </message>
    <message>
        <source>&amp;Leave without answering</source>
        <translation>&amp;Salir sin responder</translation>
    </message>
    <message>
        <source>&amp;Submit answers</source>
        <translation>&amp;Enviar las respuestas</translation>
    </message>
    <message>
        <source>Thank you.</source>
        <translation>Gracias.</translation>
    </message>
    <message>
        <source>Your answers are kept for the peer support program, without your name or the time. In a few seconds the screen goes back to the locked workstation.</source>
        <translation>Sus respuestas se guardan para el programa de apoyo entre pares, sin su nombre ni la hora. En unos segundos, la pantalla vuelve a la estación de trabajo bloqueada.</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Listo</translation>
    </message>
</context>
<context>
    <name>KioskRequestPage</name>
    <message>
        <source>Ask for peer support</source>
        <translation>Pedir apoyo entre pares</translation>
    </message>
    <message>
        <source>A peer supporter contacts you, or the colleagues you ask for, within 30 minutes. No name is asked and nobody is signed in: only who asks, for how many people and how urgently are kept, with the time.</source>
        <translation>Una persona de apoyo entre pares se pone en contacto con usted, o con los colegas por quienes pide, en 30 minutos. No se pide ningún nombre y nadie ha iniciado sesión: solo se guarda quién pide, para cuántas personas y con qué urgencia, con la hora.</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <source>Who asks for support</source>
        <translation>Quién pide apoyo</translation>
    </message>
    <message>
        <source>&amp;Who asks:</source>
        <translation>&amp;Quién pide:</translation>
    </message>
    <message>
        <source>How many people need support</source>
        <translation>Cuántas personas necesitan apoyo</translation>
    </message>
    <message>
        <source>How many &amp;people:</source>
        <translation>Cuántas &amp;personas:</translation>
    </message>
    <message>
        <source>How urgent</source>
        <translation>Con qué urgencia</translation>
    </message>
    <message>
        <source>U&amp;rgency:</source>
        <translation>U&amp;rgencia:</translation>
    </message>
    <message>
        <source>A supporter from &amp;another unit is preferred</source>
        <translation>Se prefiere a alguien de apoyo de &amp;otra unidad</translation>
    </message>
    <message>
        <source>&amp;Leave without asking</source>
        <translation>&amp;Salir sin pedir</translation>
    </message>
    <message>
        <source>&amp;Send request</source>
        <translation>&amp;Enviar la petición</translation>
    </message>
    <message>
        <source>Your request is in.</source>
        <translation>Su petición está registrada.</translation>
    </message>
    <message>
        <source>Who is on call</source>
        <translation>Quién está de guardia</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Listo</translation>
    </message>
    <message>
        <source>Who is on call cannot be shown: no supporter has unlocked svdesk here for two weeks. A supporter will see your request at the next unlock.</source>
        <translation>No se puede mostrar quién está de guardia: nadie de apoyo ha desbloqueado svdesk aquí en dos semanas. Una persona de apoyo verá su petición al próximo desbloqueo.</translation>
    </message>
    <message>
        <source>A supporter sees your request when svdesk is next unlocked; if it cannot wait, call the supporter on call.</source>
        <translation>Una persona de apoyo verá su petición cuando se desbloquee svdesk; si no puede esperar, llame a quien está de guardia.</translation>
    </message>
    <message>
        <source>If someone may be in danger, call {label}: {phone}.</source>
        <translation>Si alguien puede estar en peligro, llame a {label}: {phone}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Actions</source>
        <translation>Acciones</translation>
    </message>
    <message>
        <source>Crisis — what to do now</source>
        <translation>Crisis: qué hacer ahora</translation>
    </message>
    <message>
        <source>Someone may be in danger: open the crisis steps ({key})</source>
        <translation>Alguien puede estar en peligro: abra los pasos de crisis ({key})</translation>
    </message>
    <message>
        <source>Crisis</source>
        <translation>Crisis</translation>
    </message>
    <message>
        <source>Export for coordinator…</source>
        <translation>Exportar para la coordinación…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Lock now ({key})</source>
        <translation>Bloquear ahora ({key})</translation>
    </message>
    <message>
        <source>Passphrase-only mode: the store is protected by passphrases alone, not by this computer&apos;s keyring. Use long passphrases.</source>
        <translation>Modo solo frase de contraseña: el almacén está protegido solo por frases de contraseña, no por el llavero del sistema de este equipo. Use frases de contraseña largas.</translation>
    </message>
    <message>
        <source>If a colleague may harm themselves: stay with them, and call your local emergency number or on-call psychiatry now.</source>
        <translation>Si un colega puede hacerse daño: quédese con esa persona y llame ahora al número de emergencias local o a psiquiatría de guardia.</translation>
    </message>
</context>
<context>
    <name>NewRecoveryCodeDialog</name>
    <message>
        <source>New recovery code</source>
        <translation>Nuevo código de recuperación</translation>
    </message>
    <message>
        <source>Make a new recovery code when the paper with the old one is lost or was seen by someone outside the unit. The old code stops working at once.</source>
        <translation>Cree un nuevo código de recuperación si se perdió el papel con el anterior o si lo vio alguien ajeno a la unidad. El código anterior deja de funcionar de inmediato.</translation>
    </message>
    <message>
        <source>&amp;Make a new code</source>
        <translation>&amp;Crear un código nuevo</translation>
    </message>
    <message>
        <source>Make a new code</source>
        <translation>Crear un código nuevo</translation>
    </message>
</context>
<context>
    <name>NumberQuestion</name>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>Lowest position means unknown; range {low} to {high}.</source>
        <translation>La posición más baja significa «desconocido»; rango de {low} a {high}.</translation>
    </message>
    <message>
        <source>(slider)</source>
        <translation>(control deslizante)</translation>
    </message>
</context>
<context>
    <name>OnCallDialog</name>
    <message>
        <source>On-call roster</source>
        <translation>Guardias</translation>
    </message>
    <message>
        <source>Each supporter&apos;s weekly on-call time, e.g. “Mon-Fri 08:00-20:00” or “Fri 20:00-Mon 08:00”, and the number they chose to share for on-call contact. Leave the shifts empty for someone who is not on call every week. Shifts must not overlap.</source>
        <translation>El horario semanal de guardia de cada persona de apoyo (escriba los días en inglés, p. ej. «Mon-Fri 08:00-20:00» o «Fri 20:00-Mon 08:00») y el número que eligió compartir para el contacto de guardia. Deje los turnos vacíos para quien no hace guardias todas las semanas. Los turnos no deben solaparse.</translation>
    </message>
    <message>
        <source>Supporter</source>
        <translation>Persona de apoyo</translation>
    </message>
    <message>
        <source>On-call shifts</source>
        <translation>Turnos de guardia</translation>
    </message>
    <message>
        <source>Number they share</source>
        <translation>Número que comparte</translation>
    </message>
    <message>
        <source>{name}: on-call shifts</source>
        <translation>{name}: turnos de guardia</translation>
    </message>
    <message>
        <source>{name}: number they share</source>
        <translation>{name}: número que comparte</translation>
    </message>
    <message>
        <source>&amp;Exceptions (saved at once)</source>
        <translation>&amp;Excepciones (se guardan al momento)</translation>
    </message>
    <message>
        <source>Exceptions to the weekly shifts</source>
        <translation>Excepciones a los turnos semanales</translation>
    </message>
    <message>
        <source>&amp;Add exception…</source>
        <translation>&amp;Añadir una excepción…</translation>
    </message>
    <message>
        <source>&amp;Remove exception</source>
        <translation>&amp;Quitar la excepción</translation>
    </message>
    <message>
        <source>No exceptions: the weekly shifts count.</source>
        <translation>Sin excepciones: cuentan los turnos semanales.</translation>
    </message>
    <message>
        <source>Added: {exception}.</source>
        <translation>Añadida: {exception}.</translation>
    </message>
    <message>
        <source>Removed: {exception}.</source>
        <translation>Quitada: {exception}.</translation>
    </message>
</context>
<context>
    <name>OpenDraftsWidget</name>
    <message>
        <source>Unfinished conversations</source>
        <translation>Conversaciones sin finalizar</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Último cambio</translation>
    </message>
    <message>
        <source>Whose</source>
        <translation>De quién</translation>
    </message>
    <message>
        <source>&amp;Resume conversation</source>
        <translation>&amp;Reanudar la conversación</translation>
    </message>
    <message>
        <source>Resume the selected conversation</source>
        <translation>Reanudar la conversación seleccionada</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>First conversation</source>
        <translation>Primera conversación</translation>
    </message>
    <message>
        <source>yours</source>
        <translation>suya</translation>
    </message>
    <message>
        <source>another supporter</source>
        <translation>otra persona de apoyo</translation>
    </message>
</context>
<context>
    <name>OpenNow</name>
    <message>
        <source>Mon</source>
        <translation>lun</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>mar</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>mié</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>jue</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>vie</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sáb</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>dom</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <source>Close escalation</source>
        <translation>Cerrar el escalamiento</translation>
    </message>
    <message>
        <source>How did this escalation end?</source>
        <translation>¿Cómo terminó este escalamiento?</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>OverrideReasonDialog</name>
    <message>
        <source>Keep the note as it is?</source>
        <translation>¿Conservar la nota tal como está?</translation>
    </message>
    <message>
        <source>If it is not about a person, say why you keep it (for example: &apos;a medication name, not a person&apos;). The reason is recorded in the audit log.</source>
        <translation>Si no se refiere a una persona, indique por qué la conserva (por ejemplo: &apos;el nombre de un medicamento, no de una persona&apos;). El motivo queda en el registro de auditoría.</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>Reason for keeping the note</source>
        <translation>Motivo para conservar la nota</translation>
    </message>
    <message>
        <source>Keep note and complete</source>
        <translation>Conservar la nota y finalizar</translation>
    </message>
    <message>
        <source>Go back and edit</source>
        <translation>Volver y editar</translation>
    </message>
    <message>
        <source>Write at least {n} characters to say why the note is safe.</source>
        <translation>Escriba al menos {n} caracteres para explicar por qué la nota es segura.</translation>
    </message>
    <message>
        <source>The reason itself looks identifying (the audit log keeps it): say why the note is safe without names or numbers.</source>
        <translation>El propio motivo parece identificar a alguien (el registro de auditoría lo guarda): explique por qué la nota es segura sin nombres ni números.</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <source>Coordinator pairing</source>
        <translation>Vinculación con la coordinación</translation>
    </message>
    <message>
        <source>Exports are encrypted so that only your coordinator can open them. Import the coordinator card file they gave you, then compare its fingerprint with the coordinator by reading it aloud (by phone or in person).</source>
        <translation>Las exportaciones se cifran para que solo su coordinación pueda abrirlas. Importe el archivo de la tarjeta que le entregó la coordinación y compare su huella con la coordinación leyéndola en voz alta (por teléfono o en persona).</translation>
    </message>
    <message>
        <source>Checking the pairing…</source>
        <translation>Comprobando la vinculación…</translation>
    </message>
    <message>
        <source>The coordinator card file</source>
        <translation>El archivo de la tarjeta de la coordinación</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Elegir…</translation>
    </message>
    <message>
        <source>Choose card file</source>
        <translation>Elegir el archivo de la tarjeta</translation>
    </message>
    <message>
        <source>&amp;Read card</source>
        <translation>&amp;Leer la tarjeta</translation>
    </message>
    <message>
        <source>Coordinator &amp;card:</source>
        <translation>&amp;Tarjeta de la coordinación:</translation>
    </message>
    <message>
        <source>Coordinator card file</source>
        <translation>Archivo de la tarjeta de la coordinación</translation>
    </message>
    <message>
        <source>Compare aloud with the coordinator</source>
        <translation>Compárela en voz alta con la coordinación</translation>
    </message>
    <message>
        <source>Coordinator&apos;s fingerprint (from the card):</source>
        <translation>Huella de la coordinación (de la tarjeta):</translation>
    </message>
    <message>
        <source>(read a card first)</source>
        <translation>(primero lea una tarjeta)</translation>
    </message>
    <message>
        <source>The coordinator read out the &amp;same fingerprint, group by group</source>
        <translation>La coordinación leyó en voz alta la &amp;misma huella, grupo por grupo</translation>
    </message>
    <message>
        <source>This workstation&apos;s fingerprint:</source>
        <translation>Huella de esta estación de trabajo:</translation>
    </message>
    <message>
        <source>(created when you pair)</source>
        <translation>(se crea al vincular)</translation>
    </message>
    <message>
        <source>The coordinator checks this one when they import your first export.</source>
        <translation>La coordinación comprueba esta cuando importa su primera exportación.</translation>
    </message>
    <message>
        <source>&amp;Pair with this coordinator</source>
        <translation>&amp;Vincular con esta coordinación</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>Ce&amp;rrar</translation>
    </message>
    <message>
        <source>Only a unit admin can pair with a coordinator; ask your unit admin.</source>
        <translation>Solo quien administra la unidad puede vincularla con una coordinación; pídaselo.</translation>
    </message>
    <message>
        <source>This workstation is not paired with a coordinator yet.</source>
        <translation>Esta estación de trabajo aún no está vinculada con una coordinación.</translation>
    </message>
    <message>
        <source>Paired with the coordinator {fp}.</source>
        <translation>Vinculada con la coordinación {fp}.</translation>
    </message>
    <message>
        <source>Choose the coordinator card</source>
        <translation>Elija la tarjeta de la coordinación</translation>
    </message>
    <message>
        <source>Choose the coordinator card file first.</source>
        <translation>Elija primero el archivo de la tarjeta de la coordinación.</translation>
    </message>
    <message>
        <source>Paired. Exports from now on are encrypted for this coordinator. Read this workstation&apos;s fingerprint to the coordinator when they import your first export.</source>
        <translation>Vinculada. Desde ahora, las exportaciones se cifran para esta coordinación. Lea en voz alta la huella de esta estación de trabajo a la coordinación cuando importe su primera exportación.</translation>
    </message>
    <message>
        <source>Coordinator card (*.json *.svdcard *.card);;All files (*)</source>
        <translation>Tarjeta de la coordinación (*.json *.svdcard *.card);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <source>Use the &amp;recovery code…</source>
        <translation>Usar el código de &amp;recuperación…</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Intentar de nuevo</translation>
    </message>
</context>
<context>
    <name>ProgramTextsDialog</name>
    <message>
        <source>Program texts</source>
        <extracomment>a text id after it was saved</extracomment>
        <translation>Textos del programa</translation>
    </message>
    <message>
        <source>What your program says in its own words. Supporters see these texts in the conversation. Write what your policy and your local law require; keep it true to what the app records.</source>
        <translation>Lo que dice su programa con sus propias palabras. Las personas de apoyo ven estos textos en la conversación. Escriba lo que exigen su política y la legislación local, sin apartarse de lo que la aplicación registra.</translation>
    </message>
    <message>
        <source>What your program says in its own words. Only a unit admin can change them; ask your unit admin.</source>
        <translation>Lo que dice su programa con sus propias palabras. Solo quien administra la unidad puede cambiarlos; pídaselo.</translation>
    </message>
    <message>
        <source>&amp;Reset to default</source>
        <translation>&amp;Restablecer el texto predeterminado</translation>
    </message>
</context>
<context>
    <name>QuestionWidget</name>
    <message>
        <source>(required)</source>
        <translation>(obligatorio)</translation>
    </message>
</context>
<context>
    <name>RecordPage</name>
    <message>
        <source>The record</source>
        <translation>El registro</translation>
    </message>
    <message>
        <source>What will be kept (no names, no story)</source>
        <translation>Lo que se guardará (sin nombres ni relatos)</translation>
    </message>
    <message>
        <source>Record summary, filled from your answers</source>
        <translation>Resumen del registro, completado a partir de sus respuestas</translation>
    </message>
    <message>
        <source>Short n&amp;ote (optional, never exported)</source>
        <translation>&amp;Nota breve (opcional, nunca se exporta)</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>Escalamiento</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Acciones</translation>
    </message>
    <message>
        <source>— not given —</source>
        <translation>— sin indicar —</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeStep</name>
    <message>
        <source>Write down the recovery code</source>
        <translation>Anote el código de recuperación</translation>
    </message>
    <message>
        <source>If a supporter forgets their passphrase, this code lets them choose a new one. It is shown only now. Write it on paper and keep it where your unit keeps emergency keys — not on this computer.</source>
        <translation>Si una persona de apoyo olvida su frase de contraseña, este código le permite elegir una nueva. Solo se muestra ahora. Anótelo en papel y guárdelo donde su unidad guarda las llaves de emergencia, no en este equipo.</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Código de recuperación</translation>
    </message>
    <message>
        <source>C&amp;opy to clipboard</source>
        <translation>C&amp;opiar al portapapeles</translation>
    </message>
    <message>
        <source>the last group of the code</source>
        <translation>el último grupo del código</translation>
    </message>
    <message>
        <source>Type the &amp;last group to confirm:</source>
        <translation>Escriba el ú&amp;ltimo grupo para confirmar:</translation>
    </message>
    <message>
        <source>I have &amp;written it down</source>
        <translation>Lo he &amp;anotado</translation>
    </message>
    <message>
        <source>I have written it down</source>
        <translation>Lo he anotado</translation>
    </message>
    <message>
        <source>Con&amp;tinue</source>
        <translation>Con&amp;tinuar</translation>
    </message>
    <message>
        <source>Copied (cleared when you continue)</source>
        <translation>Copiado (se borra al continuar)</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Forgot passphrase</source>
        <translation>Olvidé la frase de contraseña</translation>
    </message>
    <message>
        <source>Type the recovery code your unit keeps on paper, choose whose passphrase to reset, and choose a new passphrase.</source>
        <translation>Escriba el código de recuperación que su unidad guarda en papel, elija de quién es la frase de contraseña que quiere restablecer y elija una nueva.</translation>
    </message>
    <message>
        <source>Recovery &amp;code:</source>
        <translation>&amp;Código de recuperación:</translation>
    </message>
    <message>
        <source>&amp;Supporter:</source>
        <translation>&amp;Persona de apoyo:</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Nueva frase de contraseña:</translation>
    </message>
    <message>
        <source>New passphrase a&amp;gain:</source>
        <translation>Repita la nueva &amp;frase de contraseña:</translation>
    </message>
    <message>
        <source>&amp;Reset passphrase</source>
        <translation>&amp;Restablecer la frase de contraseña</translation>
    </message>
    <message>
        <source>Reset passphrase</source>
        <translation>Restablecer la frase de contraseña</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Type the recovery code.</source>
        <translation>Escriba el código de recuperación.</translation>
    </message>
    <message>
        <source>Checking the recovery code…</source>
        <translation>Comprobando el código de recuperación…</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <source>Log a request for support</source>
        <translation>Anotar una solicitud de apoyo</translation>
    </message>
    <message>
        <source>No names and no story: only who asked, for how many people and how urgently. The request waits in the unit&apos;s queue with a 30-minute clock.</source>
        <translation>Sin nombres ni relatos: solo quién lo pidió, para cuántas personas y con qué urgencia. La solicitud espera en la cola de la unidad con un plazo de 30 minutos.</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <source>Who asked for support</source>
        <translation>Quién pidió apoyo</translation>
    </message>
    <message>
        <source>&amp;Who asked:</source>
        <translation>&amp;Quién lo pidió:</translation>
    </message>
    <message>
        <source>How many people</source>
        <translation>Cuántas personas</translation>
    </message>
    <message>
        <source>How many &amp;people:</source>
        <translation>&amp;Cuántas personas:</translation>
    </message>
    <message>
        <source>How urgent</source>
        <translation>Qué urgencia</translation>
    </message>
    <message>
        <source>&amp;Urgency:</source>
        <translation>&amp;Urgencia:</translation>
    </message>
    <message>
        <source> min ago</source>
        <translation> min atrás</translation>
    </message>
    <message>
        <source>How long ago the request was made, in minutes</source>
        <translation>Hace cuánto se hizo la solicitud, en minutos</translation>
    </message>
    <message>
        <source>0 if it is being made now; the 30-minute clock starts then.</source>
        <translation>0 si se hace ahora; el plazo de 30 minutos empieza entonces.</translation>
    </message>
    <message>
        <source>Asked whe&amp;n:</source>
        <translation>Cuán&amp;do se pidió:</translation>
    </message>
    <message>
        <source>A supporter from &amp;another unit is preferred</source>
        <translation>Se prefiere una persona de apoyo de &amp;otra unidad</translation>
    </message>
    <message>
        <source>&amp;Log request</source>
        <translation>&amp;Anotar la solicitud</translation>
    </message>
</context>
<context>
    <name>RequestQueue</name>
    <message>
        <source>Requests for support</source>
        <extracomment>a conversation draft was started from a request: (draft_id)</extracomment>
        <translation>Solicitudes de apoyo</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Plazo</translation>
    </message>
    <message>
        <source>Asked at</source>
        <translation>Pedida a las</translation>
    </message>
    <message>
        <source>Who asked</source>
        <translation>Quién la pidió</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgencia</translation>
    </message>
    <message>
        <source>Other unit</source>
        <translation>Otra unidad</translation>
    </message>
    <message>
        <source>Requests for support, oldest first</source>
        <translation>Solicitudes de apoyo, primero las más antiguas</translation>
    </message>
    <message>
        <source>Log a re&amp;quest…</source>
        <translation>Anotar una &amp;solicitud…</translation>
    </message>
    <message>
        <source>Log a request for support</source>
        <translation>Anotar una solicitud de apoyo</translation>
    </message>
    <message>
        <source>Start con&amp;versation</source>
        <translation>Iniciar la con&amp;versación</translation>
    </message>
    <message>
        <source>Start the conversation of the request</source>
        <translation>Iniciar la conversación de la solicitud</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Retirar</translation>
    </message>
    <message>
        <source>Withdraw the selected request</source>
        <translation>Retirar la solicitud seleccionada</translation>
    </message>
    <message>
        <source>No open requests. Log one when someone asks for support.</source>
        <translation>No hay solicitudes abiertas. Anote una cuando alguien pida apoyo.</translation>
    </message>
    <message>
        <source>preferred</source>
        <translation>preferida</translation>
    </message>
    <message>
        <source>⚠ 1 request for support is overdue: first contact was due {n} min ago.</source>
        <translation>⚠ 1 solicitud de apoyo está retrasada: el primer contacto debía hacerse hace {n} min.</translation>
    </message>
    <message>
        <source>⚠ {count} requests for support are overdue; the oldest was due {n} min ago.</source>
        <translation>⚠ {count} solicitudes de apoyo están retrasadas; la más antigua vencía hace {n} min.</translation>
    </message>
    <message>
        <source>{n} open, {o} overdue</source>
        <translation>Abiertas: {n}; con retraso: {o}</translation>
    </message>
</context>
<context>
    <name>ResetPassphraseDialog</name>
    <message>
        <source>Reset a passphrase</source>
        <translation>Restablecer una frase de contraseña</translation>
    </message>
    <message>
        <source>Let {name} type their new passphrase here. Their old passphrase stops working.</source>
        <translation>Deje que {name} escriba aquí su nueva frase de contraseña. La anterior deja de funcionar.</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Nueva frase de contraseña:</translation>
    </message>
    <message>
        <source>New passphrase a&amp;gain:</source>
        <translation>Repita la nueva &amp;frase de contraseña:</translation>
    </message>
    <message>
        <source>&amp;Reset passphrase</source>
        <translation>&amp;Restablecer la frase de contraseña</translation>
    </message>
    <message>
        <source>Reset passphrase</source>
        <translation>Restablecer la frase de contraseña</translation>
    </message>
    <message>
        <source>Resetting…</source>
        <translation>Restableciendo…</translation>
    </message>
</context>
<context>
    <name>RosterDialog</name>
    <message>
        <source>Unit roster</source>
        <extracomment>the saved roster (trimmed, deduplicated, sorted)</extracomment>
        <translation>Lista del personal de la unidad</translation>
    </message>
    <message>
        <source>Optional: the names of your unit&apos;s staff, one per line. Only the identifier guard reads this list: it warns when one of these names is typed into a note, so that colleagues are not named in the record. The list is kept in this workstation&apos;s encrypted store and never leaves it: it is not exported and not sent to the coordinator.</source>
        <translation>Opcional: los nombres del personal de su unidad, uno por línea. Solo el filtro de identificadores lee esta lista: avisa cuando se escribe uno de estos nombres en una nota, para que no se nombre a colegas en el registro. La lista se guarda en el almacén cifrado de esta estación de trabajo y nunca sale de él: no se exporta ni se envía a la coordinación.</translation>
    </message>
    <message>
        <source>One name per line, e.g.
Sam Rivera
Jo Chen</source>
        <translation>Un nombre por línea, p. ej.
Sam Rivera
Jo Chen</translation>
    </message>
    <message>
        <source>Staff &amp;names (one per line):</source>
        <translation>&amp;Nombres del personal (uno por línea):</translation>
    </message>
    <message>
        <source>Staff names, one per line</source>
        <translation>Nombres del personal, uno por línea</translation>
    </message>
    <message>
        <source>Only the identifier guard reads these names.</source>
        <translation>Solo el filtro de identificadores lee estos nombres.</translation>
    </message>
    <message>
        <source>Only a unit admin can see or change the roster; ask your unit admin.</source>
        <translation>Solo quien administra la unidad puede ver o cambiar la lista del personal; pídaselo.</translation>
    </message>
    <message numerus="yes">
        <source>%n name(s)</source>
        <translation>
            <numerusform>%n nombre</numerusform>
            <numerusform>%n nombres</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>The saved idle time ({saved:g} min) is outside {low}–{high} min; it is shown as {shown} min and kept as that when you save.</source>
        <extracomment>said, not done silently: a saved value outside the range is shown as its nearest end</extracomment>
        <translation>El tiempo de inactividad guardado ({saved:g} min) está fuera del rango de {low}–{high} min; se muestra como {shown} min y se guarda así cuando usted guarde.</translation>
    </message>
    <message>
        <source>Lock after &amp;idle time:</source>
        <translation>Bloquear tras un tiempo de &amp;inactividad de:</translation>
    </message>
    <message>
        <source>Only an admin can change this.</source>
        <translation>Solo quien administra la unidad puede cambiarlo.</translation>
    </message>
    <message>
        <source>From {low} to {high} minutes. {key} locks at once. Locking clears the screen.</source>
        <translation>De {low} a {high} minutos. {key} bloquea de inmediato. Al bloquear se borra la pantalla.</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Protección</translation>
    </message>
    <message>
        <source>Passphrase-only mode: this store is protected by supporters&apos; passphrases alone, because this computer&apos;s secret store (OS keyring) could not be used. A copy of the file can be attacked by guessing passphrases; choose long ones.</source>
        <translation>Modo solo frase de contraseña: este almacén está protegido solo por las frases de contraseña de las personas de apoyo, porque no se pudo usar el almacén de secretos de este equipo (llavero del sistema). Una copia del archivo puede atacarse adivinando frases de contraseña; elíjalas largas.</translation>
    </message>
    <message>
        <source>The store is locked by each supporter&apos;s passphrase together with a secret kept in this computer account&apos;s secret store (OS keyring).</source>
        <translation>El almacén se bloquea con la frase de contraseña de cada persona de apoyo junto con un secreto guardado en el almacén de secretos de esta cuenta del equipo (llavero del sistema).</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Coordinación</translation>
    </message>
    <message>
        <source>Coordinator &amp;pairing…</source>
        <translation>&amp;Vinculación con la coordinación…</translation>
    </message>
    <message>
        <source>Unit directory</source>
        <translation>Directorio de la unidad</translation>
    </message>
    <message>
        <source>Resource &amp;directory…</source>
        <translation>&amp;Directorio de recursos…</translation>
    </message>
    <message>
        <source>Unit &amp;roster…</source>
        <translation>&amp;Lista del personal…</translation>
    </message>
    <message>
        <source>Program te&amp;xts…</source>
        <translation>&amp;Textos del programa…</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Acerca de</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Versión:</translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation>Qt:</translation>
    </message>
    <message>
        <source>coordinator</source>
        <translation>coordinación</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>unidad</translation>
    </message>
    <message>
        <source>This store:</source>
        <translation>Este almacén:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Case records</source>
        <translation>Registros de casos</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Delete case records a&amp;fter:</source>
        <translation>Eliminar los registros de casos t&amp;ras:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>As this workstation</source>
        <translation>El de esta estación de trabajo</translation>
    </message>
    <message>
        <source>As this computer&apos;s system</source>
        <translation>El del sistema de este equipo</translation>
    </message>
    <message>
        <source>&amp;My language:</source>
        <translation>&amp;Mi idioma:</translation>
    </message>
    <message>
        <source>&amp;Workstation and unlock screen:</source>
        <translation>&amp;Estación de trabajo y pantalla de desbloqueo:</translation>
    </message>
    <message>
        <source>Staff survey</source>
        <translation>Encuesta al personal</translation>
    </message>
    <message>
        <source>None offered</source>
        <translation>No se ofrece ninguna</translation>
    </message>
    <message>
        <source>Staff s&amp;urvey:</source>
        <translation>Encuesta al &amp;personal:</translation>
    </message>
    <message>
        <source>Staff answer it anonymously from the locked screen (Staff survey…); each unlock adds the answers to the store, by week only.</source>
        <translation>El personal la responde de forma anónima desde la pantalla bloqueada (Encuesta al personal…); cada desbloqueo añade las respuestas al almacén, solo por semana.</translation>
    </message>
    <message>
        <source>Survey wa&amp;ves…</source>
        <translation>&amp;Oleadas de encuesta…</translation>
    </message>
    <message numerus="yes">
        <source>Case records are deleted %n day(s) after they were exported and the case closed. Open cases and records not yet exported are kept.</source>
        <translation>
            <numerusform>Los registros de casos se eliminan %n día después de exportarse y cerrarse el caso. Los casos abiertos y los registros aún no exportados se conservan.</numerusform>
            <numerusform>Los registros de casos se eliminan %n días después de exportarse y cerrarse el caso. Los casos abiertos y los registros aún no exportados se conservan.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupForm</name>
    <message>
        <source>Set up svdesk on this computer</source>
        <translation>Configurar svdesk en este equipo</translation>
    </message>
    <message>
        <source>This creates an encrypted store for your unit. You become its first admin and can add the other supporters afterwards.</source>
        <translation>Esto crea un almacén cifrado para su unidad. Usted será quien lo administre y podrá añadir después a las demás personas de apoyo.</translation>
    </message>
    <message>
        <source>This computer is</source>
        <translation>Este equipo es</translation>
    </message>
    <message>
        <source>a &amp;unit workstation (peer supporters)</source>
        <translation>una estación de trabajo de &amp;unidad (personas de apoyo entre pares)</translation>
    </message>
    <message>
        <source>Unit workstation</source>
        <translation>Estación de trabajo de unidad</translation>
    </message>
    <message>
        <source>the program coo&amp;rdinator&apos;s desktop</source>
        <translation>el equipo de la coor&amp;dinación del programa</translation>
    </message>
    <message>
        <source>Coordinator desktop</source>
        <translation>Equipo de la coordinación</translation>
    </message>
    <message>
        <source>e.g. NORTH</source>
        <translation>p. ej., NORTE</translation>
    </message>
    <message>
        <source>&amp;Site code:</source>
        <translation>Código del &amp;centro:</translation>
    </message>
    <message>
        <source>e.g. ICU2</source>
        <translation>p. ej., UCI2</translation>
    </message>
    <message>
        <source>U&amp;nit code:</source>
        <translation>Código de la u&amp;nidad:</translation>
    </message>
    <message>
        <source>how colleagues know you, e.g. Sam R.</source>
        <translation>como le conocen sus colegas, p. ej., Sam R.</translation>
    </message>
    <message>
        <source>Your na&amp;me:</source>
        <translation>Su no&amp;mbre:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <source>Passphrase a&amp;gain:</source>
        <translation>&amp;Repita la frase de contraseña:</translation>
    </message>
    <message>
        <source>No secret store on this computer</source>
        <translation>Este equipo no tiene almacén de secretos</translation>
    </message>
    <message>
        <source>svdesk normally locks the store with a supporter&apos;s passphrase AND a secret kept by this computer&apos;s account, so a copied file is useless. Without that secret, anyone with a copy of the file only has to guess a passphrase. Fix the secret store and start svdesk again, or continue with passphrases alone: every screen then shows a banner saying so.</source>
        <translation>Normalmente, svdesk bloquea el almacén con la frase de contraseña de una persona de apoyo Y un secreto que guarda la cuenta de este equipo, de modo que un archivo copiado no sirve de nada. Sin ese secreto, a quien tenga una copia del archivo le basta con adivinar una frase de contraseña. Repare el almacén de secretos y vuelva a iniciar svdesk, o continúe solo con frases de contraseña: en ese caso, todas las pantallas mostrarán un aviso.</translation>
    </message>
    <message>
        <source>Protect this store with passphrases &amp;only</source>
        <translation>Proteger este almacén &amp;solo con frases de contraseña</translation>
    </message>
    <message>
        <source>Protect this store with passphrases only</source>
        <translation>Proteger este almacén solo con frases de contraseña</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>&amp;Create store</source>
        <translation>Crear el &amp;almacén</translation>
    </message>
    <message>
        <source>Type the site code.</source>
        <translation>Escriba el código del centro.</translation>
    </message>
    <message>
        <source>Type the unit code.</source>
        <translation>Escriba el código de la unidad.</translation>
    </message>
    <message>
        <source>Type your name.</source>
        <translation>Escriba su nombre.</translation>
    </message>
    <message>
        <source>The secret store cannot be used: fix it and start svdesk again, or tick “Protect this store with passphrases only”.</source>
        <translation>No se puede usar el almacén de secretos: repárelo y vuelva a iniciar svdesk, o marque «Proteger este almacén solo con frases de contraseña».</translation>
    </message>
    <message>
        <source>Creating the encrypted store…</source>
        <translation>Creando el almacén cifrado…</translation>
    </message>
    <message>
        <source>The store was not created. Fix the secret store and start svdesk again, or tick “Protect this store with passphrases only”.</source>
        <translation>No se creó el almacén. Repare el almacén de secretos y vuelva a iniciar svdesk, o marque «Proteger este almacén solo con frases de contraseña».</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <source>What this step is for</source>
        <translation>Para qué sirve este paso</translation>
    </message>
    <message>
        <source>Your program&apos;s statement</source>
        <translation>La declaración de su programa</translation>
    </message>
    <message>
        <source>You could say</source>
        <translation>Puede decir</translation>
    </message>
    <message>
        <source>Avoid saying</source>
        <translation>Evite decir</translation>
    </message>
    <message>
        <source>Tips</source>
        <translation>Consejos</translation>
    </message>
    <message>
        <source>The unit&apos;s resource directory — hand these over</source>
        <translation>Directorio de recursos de la unidad: entregue estos datos</translation>
    </message>
</context>
<context>
    <name>StepRail</name>
    <message>
        <source>Conversation steps</source>
        <translation>Pasos de la conversación</translation>
    </message>
    <message>
        <source>Move freely between the steps; the current step is selected.</source>
        <translation>Puede moverse libremente entre los pasos; el paso actual está seleccionado.</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>sugerido</translation>
    </message>
    <message>
        <source>answers missing</source>
        <translation>faltan respuestas</translation>
    </message>
    <message>
        <source>(current step)</source>
        <translation>(paso actual)</translation>
    </message>
</context>
<context>
    <name>SupportersDialog</name>
    <message>
        <source>Supporters</source>
        <translation>Personas de apoyo</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Añadir…</translation>
    </message>
    <message>
        <source>Add supporter</source>
        <translation>Añadir persona de apoyo</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Quitar…</translation>
    </message>
    <message>
        <source>Remove supporter</source>
        <translation>Quitar persona de apoyo</translation>
    </message>
    <message>
        <source>Reset &amp;passphrase…</source>
        <translation>Restablecer la &amp;frase de contraseña…</translation>
    </message>
    <message>
        <source>Reset the passphrase of this supporter</source>
        <translation>Restablecer la frase de contraseña de esta persona de apoyo</translation>
    </message>
    <message>
        <source>New reco&amp;very code…</source>
        <translation>Nuevo código de rec&amp;uperación…</translation>
    </message>
    <message>
        <source>Make a new recovery code</source>
        <translation>Crear un nuevo código de recuperación</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administración</translation>
    </message>
    <message>
        <source>you</source>
        <translation>usted</translation>
    </message>
    <message>
        <source>needs a new passphrase</source>
        <translation>necesita una nueva frase de contraseña</translation>
    </message>
    <message>
        <source>{name} was added.</source>
        <translation>Se añadió a {name}.</translation>
    </message>
    <message>
        <source>{name} has a new passphrase.</source>
        <translation>{name} tiene una nueva frase de contraseña.</translation>
    </message>
    <message>
        <source>Remove {name}?</source>
        <translation>¿Quitar a {name}?</translation>
    </message>
    <message>
        <source>Their passphrase will no longer open this store. svdesk changes the store&apos;s key (key rotation) so that an old copy of their key slot cannot open it either. The records they made stay.</source>
        <translation>Su frase de contraseña ya no abrirá este almacén. svdesk cambia la clave del almacén (rotación de claves) para que tampoco pueda abrirlo una copia antigua de su ranura de clave. Los registros que hizo se conservan.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Removing {name} and changing the key…</source>
        <translation>Quitando a {name} y cambiando la clave…</translation>
    </message>
    <message>
        <source>{name} was removed.</source>
        <translation>Se quitó a {name}.</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>svdesk is locked</source>
        <translation>svdesk está bloqueado</translation>
    </message>
    <message>
        <source>Choose your name and type your passphrase.</source>
        <translation>Elija su nombre y escriba su frase de contraseña.</translation>
    </message>
    <message>
        <source>&amp;Supporter:</source>
        <translation>&amp;Persona de apoyo:</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <source>&amp;Forgot passphrase…</source>
        <translation>&amp;Olvidé la frase de contraseña…</translation>
    </message>
    <message>
        <source>S&amp;taff survey…</source>
        <translation>&amp;Encuesta al personal…</translation>
    </message>
    <message>
        <source>&amp;Request support…</source>
        <translation>&amp;Solicitar apoyo…</translation>
    </message>
    <message>
        <source>Give fee&amp;dback…</source>
        <translation>Dar su opi&amp;nión…</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>Several wrong passphrases were typed.</source>
        <translation>Se escribieron varias frases de contraseña incorrectas.</translation>
    </message>
    <message>
        <source>Choose your name first.</source>
        <translation>Elija primero su nombre.</translation>
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation>Escriba su frase de contraseña.</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Desbloqueando…</translation>
    </message>
    <message>
        <source>That passphrase is not right.</source>
        <translation>Esa frase de contraseña no es correcta.</translation>
    </message>
    <message>
        <source>That passphrase is not right. Try again.</source>
        <translation>Esa frase de contraseña no es correcta. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Ya puede volver a intentarlo.</translation>
    </message>
    <message numerus="yes">
        <source>You can try again in %n second(s).</source>
        <translation>
            <numerusform>Podrá volver a intentarlo dentro de %n segundo.</numerusform>
            <numerusform>Podrá volver a intentarlo dentro de %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your new passphrase is set. Unlock with it now.</source>
        <translation>Su nueva frase de contraseña está lista. Desbloquee ahora con ella.</translation>
    </message>
</context>
<context>
    <name>WavesDialog</name>
    <message>
        <source>Survey waves</source>
        <translation>Oleadas de encuesta</translation>
    </message>
    <message>
        <source>The coordinator defines survey waves and gives the unit admin a wave file. Once a wave is imported, the locked workstation offers its staff survey in the wave&apos;s weeks only.</source>
        <translation>La coordinación define las oleadas de encuesta y entrega un archivo de oleada al administrador de la unidad. Una vez importada una oleada, la estación bloqueada ofrece su encuesta al personal solo en las semanas de la oleada.</translation>
    </message>
    <message>
        <source>&amp;Waves of this unit:</source>
        <translation>&amp;Oleadas de esta unidad:</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>Encuesta</translation>
    </message>
    <message>
        <source>First week</source>
        <translation>Primera semana</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>Última semana</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Survey waves of this unit</source>
        <translation>Oleadas de encuesta de esta unidad</translation>
    </message>
    <message>
        <source>No survey wave imported: the staff survey chosen in Settings is offered every week.</source>
        <translation>No hay ninguna oleada de encuesta importada: la encuesta al personal elegida en Configuración se ofrece todas las semanas.</translation>
    </message>
    <message>
        <source>&amp;Import survey wave…</source>
        <translation>&amp;Importar una oleada de encuesta…</translation>
    </message>
    <message>
        <source>Only a unit admin can import a survey wave.</source>
        <translation>Solo un administrador de la unidad puede importar una oleada de encuesta.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Sin empezar</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Choose the survey wave file</source>
        <translation>Elegir el archivo de la oleada de encuesta</translation>
    </message>
    <message>
        <source>Survey wave files (*.svwave);;All files (*)</source>
        <translation>Archivos de oleada de encuesta (*.svwave);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Checking the survey wave file…</source>
        <translation>Comprobando el archivo de la oleada de encuesta…</translation>
    </message>
    <message>
        <source>“{label}” was imported already ({survey}, week {start} to week {end}); nothing changed.</source>
        <translation>«{label}» ya estaba importada ({survey}, de la semana {start} a la semana {end}); no cambió nada.</translation>
    </message>
    <message>
        <source>Updated “{label}”: the staff survey “{survey}” now runs from week {start} to week {end}.</source>
        <translation>«{label}» actualizada: la encuesta al personal «{survey}» va ahora de la semana {start} a la semana {end}.</translation>
    </message>
    <message>
        <source>Imported “{label}”: the locked workstation offers the staff survey “{survey}” from week {start} to week {end}.</source>
        <translation>«{label}» importada: la estación bloqueada ofrece la encuesta al personal «{survey}» de la semana {start} a la semana {end}.</translation>
    </message>
</context>
<context>
    <name>_EditorDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <source>very weak</source>
        <translation>muy débil</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>débil</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>aceptable</translation>
    </message>
    <message>
        <source>good</source>
        <translation>buena</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>sólida</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>⚠ &amp;Crisis</source>
        <translation>⚠ &amp;Crisis</translation>
    </message>
    <message>
        <source>Crisis: what to do now</source>
        <translation>Crisis: qué hacer ahora</translation>
    </message>
    <message>
        <source>Open the crisis screen ({key})</source>
        <translation>Abrir la pantalla de crisis ({key})</translation>
    </message>
    <message>
        <source>Discard this draft?</source>
        <translation>¿Descartar este borrador?</translation>
    </message>
    <message>
        <source>All answers of this conversation will be deleted. This cannot be undone.</source>
        <translation>Se eliminarán todas las respuestas de esta conversación. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>Descartar el borrador</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Conservarlo</translation>
    </message>
</context>
</TS>
