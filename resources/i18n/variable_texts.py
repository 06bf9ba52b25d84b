"""Texts the interface translates from a variable, for lupdate (which reads literal arguments only).

Never imported. Each line names the context the text is translated in at run time and the module
that holds the literal; tests/ui/test_i18n.py checks that every text here is still a literal of
that module (so this list does not outlive the code). Better still: mark the literal where it is
(`QT_TRANSLATE_NOOP("Context", "text")` in the tuple or dict) and delete its line here.

Not listed, on purpose: texts that come from the core (error messages, the clock check's warnings,
passphrase hints) or from the content files (vocabulary labels and outcomes), which are not the
interface's (issue 16, item 2).
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # Qt's name: lupdate reads the calls
    return text


# ui/coordinator/escalations_tab.py: EscalationsTab.COLUMNS
QT_TRANSLATE_NOOP("Coordinator", "Level")
QT_TRANSLATE_NOOP("Coordinator", "Due")
QT_TRANSLATE_NOOP("Coordinator", "Overdue?")
QT_TRANSLATE_NOOP("Coordinator", "Unit")
QT_TRANSLATE_NOOP("Coordinator", "Contact")
QT_TRANSLATE_NOOP("Coordinator", "Case code")
QT_TRANSLATE_NOOP("Coordinator", "Status")
QT_TRANSLATE_NOOP("Coordinator", "Actions")
# ui/coordinator/outcomes_tab.py: OutcomesTab.COLUMNS
QT_TRANSLATE_NOOP("Coordinator", "Outcome")
QT_TRANSLATE_NOOP("Coordinator", "Figure")
QT_TRANSLATE_NOOP("Coordinator", "Based on")
QT_TRANSLATE_NOOP("Coordinator", "How to read it")
# ui/coordinator/import_tab.py: BUNDLE_FILTER, REASON_TEXT
QT_TRANSLATE_NOOP("Coordinator", "svdesk export bundles (*.svdbundle);;All files (*)")
QT_TRANSLATE_NOOP("Coordinator", "Bad signature")
QT_TRANSLATE_NOOP("Coordinator", "Unknown workstation")
QT_TRANSLATE_NOOP("Coordinator", "Not for this coordinator")
QT_TRANSLATE_NOOP("Coordinator", "Newer format")
QT_TRANSLATE_NOOP("Coordinator", "Older than what was imported")
QT_TRANSLATE_NOOP("Coordinator", "Damaged or not a bundle")
QT_TRANSLATE_NOOP("Coordinator", "Too large")
# ui/coordinator/reports_tab.py: FORMAT_LABELS
QT_TRANSLATE_NOOP("Coordinator", "PDF for leadership")
QT_TRANSLATE_NOOP("Coordinator", "CSV tables")
QT_TRANSLATE_NOOP("Coordinator", "Excel workbook (XLSX)")
QT_TRANSLATE_NOOP("Coordinator", "REDCap data dictionary and import file (a folder)")
# ui/coordinator/dashboard.py: CHARTS, RESPONSE_BANDS
QT_TRANSLATE_NOOP("Dashboard", "Conversations per month")
QT_TRANSLATE_NOOP("Dashboard", "By unit category")
QT_TRANSLATE_NOOP("Dashboard", "By role")
QT_TRANSLATE_NOOP("Dashboard", "By event category")
QT_TRANSLATE_NOOP("Dashboard", "Response time (separate bands, not cumulative)")
QT_TRANSLATE_NOOP("Dashboard", "Individual or group (conversations)")
QT_TRANSLATE_NOOP("Dashboard", "People reached, individual or group")
QT_TRANSLATE_NOOP("Dashboard", "Escalation rate by level")
QT_TRANSLATE_NOOP("Dashboard", "Referral acceptance")
QT_TRANSLATE_NOOP("Dashboard", "Follow-up completion")
QT_TRANSLATE_NOOP("Dashboard", "Needs met")
QT_TRANSLATE_NOOP("Dashboard", "Supporter load (supporters by conversations)")
QT_TRANSLATE_NOOP("Dashboard", "Supporters' own distress")
QT_TRANSLATE_NOOP("Dashboard", "30 min or less")
QT_TRANSLATE_NOOP("Dashboard", "Over 30 min, up to 24 h")
QT_TRANSLATE_NOOP("Dashboard", "More than 24 h")
# ui/unit/export.py: ExportDialog.HISTORY_COLUMNS
QT_TRANSLATE_NOOP("ExportDialog", "Bundle")
QT_TRANSLATE_NOOP("ExportDialog", "Written (UTC)")
QT_TRANSLATE_NOOP("ExportDialog", "Records")
QT_TRANSLATE_NOOP("ExportDialog", "File")
# ui/unit/pairing.py: CARD_FILTER
QT_TRANSLATE_NOOP("PairingDialog", "Coordinator card (*.json *.svdcard *.card);;All files (*)")
# ui/widgets/forms.py: STRENGTH_WORDS
QT_TRANSLATE_NOOP("forms", "very weak")
QT_TRANSLATE_NOOP("forms", "weak")
QT_TRANSLATE_NOOP("forms", "fair")
QT_TRANSLATE_NOOP("forms", "good")
QT_TRANSLATE_NOOP("forms", "strong")
# ui/widgets/open_now.py: the weekday, moment.strftime("%a") in the C locale
QT_TRANSLATE_NOOP("OpenNow", "Mon")
QT_TRANSLATE_NOOP("OpenNow", "Tue")
QT_TRANSLATE_NOOP("OpenNow", "Wed")
QT_TRANSLATE_NOOP("OpenNow", "Thu")
QT_TRANSLATE_NOOP("OpenNow", "Fri")
QT_TRANSLATE_NOOP("OpenNow", "Sat")
QT_TRANSLATE_NOOP("OpenNow", "Sun")
