"""The coordinator's main page (a coordinator store shows this instead of the unit home): a
header with the account actions and one tab each for import, escalations, the dashboard and
reports. Every store access runs on the background worker; the GUI thread only lays out results.
"""

from __future__ import annotations

from svdesk.access.session import Session
from svdesk.coordinator import reports
from svdesk.coordinator.importing import ImportSummary, workstations
from ui.coordinator.dashboard import DashboardView
from ui.coordinator.escalations_tab import EscalationsTab
from ui.coordinator.import_tab import ImportTab
from ui.coordinator.outcomes_tab import OutcomesTab
from ui.coordinator.reports_tab import ReportsTab
from ui.coordinator.requests_tab import RequestsTab
from ui.coordinator.tables import tr
from ui.coordinator.waves_tab import WavesTab
from ui.qt import QtGui, QtWidgets, Signal
from ui.runtime.ops import BackgroundOp
from ui.runtime.shortcuts import LOCK_SHORTCUT
from ui.widgets.forms import named, page_title, push_button


class CoordinatorPage(QtWidgets.QWidget):
    """Same hooks as the unit home page so the main window wires either the same way."""

    lock_requested = Signal()
    supporters_requested = Signal()
    settings_requested = Signal()
    change_passphrase_requested = Signal()

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coordinatorPage")
        self._session = session
        layout = QtWidgets.QVBoxLayout(self)
        header = QtWidgets.QHBoxLayout()
        title = page_title(tr("Coordinator"))
        header.addWidget(title)
        self.signed_in = QtWidgets.QLabel(
            tr("Signed in as {name}").format(name=session.supporter.name)
        )
        self.signed_in.setObjectName("signedIn")
        header.addWidget(self.signed_in)
        header.addStretch(1)
        self.change_passphrase_button = push_button(tr("Change &passphrase…"))
        header.addWidget(self.change_passphrase_button)
        self.supporters_button = push_button(tr("Pe&ople…"))
        self.supporters_button.setVisible(bool(session.supporter.is_admin))
        header.addWidget(self.supporters_button)
        self.settings_button = push_button(tr("Se&ttings…"))
        header.addWidget(self.settings_button)
        self.lock_button = push_button(
            tr("&Lock"), name=tr("Lock ({key})").format(key=LOCK_SHORTCUT), object_name="lockButton"
        )
        header.addWidget(self.lock_button)
        layout.addLayout(header)
        line = QtWidgets.QFrame()
        line.setFrameShape(QtWidgets.QFrame.Shape.HLine)
        layout.addWidget(line)

        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setObjectName("coordinatorTabs")
        named(self.tabs, tr("Coordinator sections"))
        named(self.tabs.tabBar(), tr("Coordinator sections"))
        self.import_tab = ImportTab(session)
        self.escalations_tab = EscalationsTab(session)
        self.dashboard = DashboardView(session)
        self.outcomes_tab = OutcomesTab(session)
        self.requests_tab = RequestsTab(session)
        self.reports_tab = ReportsTab(session)
        self.waves_tab = WavesTab(session)
        self.tabs.addTab(self.import_tab, tr("&Import"))
        self.tabs.addTab(self.escalations_tab, tr("&Escalations"))
        self.tabs.addTab(self.requests_tab, tr("Re&quests"))
        self.tabs.addTab(self.dashboard, tr("&Dashboard"))
        self.tabs.addTab(self.outcomes_tab, tr("Effecti&veness"))
        self.tabs.addTab(self.reports_tab, tr("&Reports"))
        self.tabs.addTab(self.waves_tab, tr("Surve&y waves"))
        layout.addWidget(self.tabs, 1)
        big = QtGui.QFont(title.font())
        title.setFont(big)

        self.lock_button.clicked.connect(self.lock_requested)
        self.supporters_button.clicked.connect(self.supporters_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        self.change_passphrase_button.clicked.connect(self.change_passphrase_requested)
        self.import_tab.imported.connect(self._after_import)
        self.escalations_tab.changed.connect(self.dashboard.refresh)
        self.dashboard.figures_changed.connect(self.outcomes_tab.follow)
        self.refresh()

    @property
    def session(self) -> Session:
        return self._session

    def refresh(self) -> None:
        session = self._session
        BackgroundOp(
            self,
            op=lambda: reports.saved_threshold(session),
            success=self._use_threshold,
            cancellable=False,
        ).run()
        self.escalations_tab.refresh()
        self.requests_tab.refresh()
        self.dashboard.refresh()
        self.waves_tab.refresh()
        self._load_workstations()

    def _use_threshold(self, threshold: int) -> None:
        self.dashboard.threshold = threshold
        self.outcomes_tab.threshold = threshold
        self.requests_tab.threshold = threshold
        self.dashboard.as_reported.setText(
            tr("&As reported (small counts shown as <{t})").format(t=threshold)
        )

    def _load_workstations(self) -> None:
        session = self._session
        BackgroundOp(
            self,
            op=lambda: workstations(session),
            success=self.import_tab.set_workstations,
            cancellable=False,
        ).run()

    def _after_import(self, _summary: ImportSummary) -> None:
        self.refresh()
