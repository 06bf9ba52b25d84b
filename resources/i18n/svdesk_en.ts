<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <comment>files to import</comment>
        <translation>
            <numerusform>Importing %n file…</numerusform>
            <numerusform>Importing %n files…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) come from a workstation that is not registered yet. Before you register it, ask the unit admin to read out the workstation&apos;s fingerprint (shown in its pairing settings) and compare it group by group:

{fp}

Register it only if they match; otherwise its files are not imported.</source>
        <comment>files from a workstation not registered</comment>
        <translation>
            <numerusform>%n file comes from a workstation that is not registered yet. Before you register it, ask the unit admin to read out the workstation&apos;s fingerprint (shown in its pairing settings) and compare it group by group:

{fp}

Register it only if they match; otherwise its files are not imported.</numerusform>
            <numerusform>%n files come from a workstation that is not registered yet. Before you register it, ask the unit admin to read out the workstation&apos;s fingerprint (shown in its pairing settings) and compare it group by group:

{fp}

Register it only if they match; otherwise its files are not imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n file(s); {d} already imported; {r} rejected.</source>
        <comment>files imported</comment>
        <translation>
            <numerusform>Imported %n file; {d} already imported; {r} rejected.</numerusform>
            <numerusform>Imported %n files; {d} already imported; {r} rejected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <comment>overdue by</comment>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <comment>due in</comment>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DirectoryDialog</name>
    <message numerus="yes">
        <source>%n of {total} number(s) are not set yet: supporters see “not set — ask your unit admin” instead. Fill them in.</source>
        <translation>
            <numerusform>%n of {total} numbers is not set yet: supporters see “not set — ask your unit admin” instead. Fill them in.</numerusform>
            <numerusform>%n of {total} numbers are not set yet: supporters see “not set — ask your unit admin” instead. Fill them in.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} number(s) are not set yet.</source>
        <translation>
            <numerusform>%n of {total} numbers is not set yet.</numerusform>
            <numerusform>%n of {total} numbers are not set yet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%n record(s) are waiting to be exported.</source>
        <translation>
            <numerusform>%n record is waiting to be exported.</numerusform>
            <numerusform>%n records are waiting to be exported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported bundle {sequence} with %n record(s) to {path}.</source>
        <translation>
            <numerusform>Exported bundle {sequence} with %n record to {path}.</numerusform>
            <numerusform>Exported bundle {sequence} with %n records to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) are left for the next export.</source>
        <translation>
            <numerusform>%n record is left for the next export.</numerusform>
            <numerusform>%n records are left for the next export.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskFeedbackPage</name>
    <message numerus="yes">
        <source>You can try again in %n second(s).</source>
        <translation>
            <numerusform>You can try again in %n second.</numerusform>
            <numerusform>You can try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RosterDialog</name>
    <message numerus="yes">
        <source>%n name(s)</source>
        <translation>
            <numerusform>%n name</numerusform>
            <numerusform>%n names</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <source>Case records are deleted %n day(s) after they were exported and the case closed. Open cases and records not yet exported are kept.</source>
        <translation>
            <numerusform>Case records are deleted %n day after they were exported and the case closed. Open cases and records not yet exported are kept.</numerusform>
            <numerusform>Case records are deleted %n days after they were exported and the case closed. Open cases and records not yet exported are kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message numerus="yes">
        <source>You can try again in %n second(s).</source>
        <translation>
            <numerusform>You can try again in %n second.</numerusform>
            <numerusform>You can try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
</TS>
