"""Screenshots of the coordinator page (import, dashboard) and the unit's export dialog, taken
offscreen over demo-like data in real encrypted stores (docs/screenshots/*.png).

    .venv/bin/python scripts/coordinator_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SVDESK_KDF_PROFILE", "test")

from gui_stall import build, wait_for  # noqa: E402


def _survey_and_requests(units: list[object]) -> None:
    """Kiosk responses (as a merged inbox leaves them) and requests for support on each unit, so
    that the bundles carry them (bundle format 3)."""
    import json
    import random
    import secrets
    from datetime import UTC, datetime, timedelta

    from svdesk.content.surveys import bundled_surveys
    from svdesk.exchange import weeks
    from svdesk.unit import requests
    from svdesk.unit.context import context_for

    rng = random.Random(5)
    survey = bundled_surveys()["program_pulse"]
    now = datetime.now(UTC)
    for session in units:
        db = session.db  # type: ignore[attr-defined]
        with session.store.transaction():  # type: ignore[attr-defined]
            for weeks_ago in range(10):
                week = weeks.iso_week(now - timedelta(weeks=weeks_ago))
                for _ in range(rng.randint(4, 8)):
                    answers = {
                        item.id: rng.choice((3, 4, 4, 5) if weeks_ago < 5 else (2, 3, 3, 4))
                        for item in survey.items
                        if item.subscale != "helped" or rng.random() < 0.4
                    }
                    db.execute(
                        "INSERT INTO survey_responses (id, survey_id, survey_version, week, "
                        "answers) VALUES (?, ?, ?, ?, ?)",
                        [secrets.token_hex(16), survey.id, survey.version, week,
                         json.dumps(answers)],
                    )  # fmt: skip
        ctx = context_for(session)  # type: ignore[arg-type]
        for minutes in (5, 40, 90):
            requests.log_request(
                ctx, source=rng.choice(("peer", "manager", "self")), people=rng.randint(1, 4),
                urgency=rng.choice(("now", "today")), other_unit=True,
                requested_at=now - timedelta(minutes=minutes),
            )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    from ui.coordinator.page import CoordinatorPage
    from ui.qt import QtGui, QtWidgets
    from ui.runtime import ops
    from ui.unit.export import ExportDialog

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["screenshots"])
    font = QtGui.QFont("DejaVu Sans")
    font.setPointSizeF(9.5)
    app.setFont(font)
    folder = Path(tempfile.mkdtemp(prefix="svdesk-shots-"))
    data = build(folder, units=("ICU", "ED", "OB"), conversations=70, leave_pending=6)
    _survey_and_requests(data.units)

    def settle() -> None:
        wait_for(lambda: not ops.busy())
        for _ in range(5):
            app.processEvents()
            time.sleep(0.01)

    # Export dialog: one export done, history listed.
    dialog = ExportDialog(data.units[0], folder=folder / "usb")
    dialog.resize(760, 560)
    dialog.show()
    wait_for(dialog.export_button.isEnabled)
    done: list[object] = []
    dialog.exported.connect(done.append)
    dialog.start_export()
    wait_for(lambda: bool(done))
    settle()
    dialog.grab().save(str(args.out / "export.png"))
    data.bundles.append(done[0].path)  # type: ignore[attr-defined]
    dialog.close()

    # A damaged copy and a resend, so the summary shows every kind of result.
    damaged = folder / "usb" / "damaged-copy.svdbundle"
    raw = bytearray(data.bundles[0].read_bytes())
    raw[len(raw) // 2] ^= 0x20
    damaged.write_bytes(bytes(raw))

    page = CoordinatorPage(data.coord)
    page.resize(1366, 768)
    page.show()
    settle()
    tab = page.import_tab

    def answer(box: QtWidgets.QMessageBox) -> None:
        button = box.findChild(QtWidgets.QPushButton, "registerWorkstation")
        assert button is not None
        button.click()

    tab.trust_prompt_opened.connect(answer)
    summaries: list[object] = []
    tab.imported.connect(summaries.append)
    tab.set_files(data.bundles[:8])
    tab.start_import()
    wait_for(lambda: bool(summaries))
    settle()
    tab.set_files([*data.bundles[6:], damaged])
    tab.start_import()
    wait_for(lambda: len(summaries) == 2)
    settle()
    page.tabs.setCurrentWidget(tab)
    settle()
    page.grab().save(str(args.out / "coordinator-import.png"))

    page.tabs.setCurrentWidget(page.dashboard)
    page.resize(1366, 768)
    page.dashboard.refresh()
    settle()
    page.grab().save(str(args.out / "coordinator-dashboard.png"))

    page.tabs.setCurrentWidget(page.outcomes_tab)
    page.outcomes_tab.refresh()
    settle()
    page.grab().save(str(args.out / "coordinator-effectiveness.png"))

    page.tabs.setCurrentWidget(page.requests_tab)
    page.requests_tab.refresh()
    settle()
    page.grab().save(str(args.out / "coordinator-requests.png"))

    page.tabs.setCurrentWidget(page.escalations_tab)
    page.resize(1366, 768)
    settle()
    page.grab().save(str(args.out / "coordinator-escalations.png"))
    page.close()
    data.close()
    ops.wait_for_all()
    print("\n".join(str(p) for p in sorted(args.out.glob("coordinator-*.png"))))
    print(args.out / "export.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
