"""How long the GUI event loop stalls while the coordinator screens export, import, count and draw
a report: a 5 ms QTimer records the gaps between its ticks; the longest gap is the worst stall a
user would feel (target: 50 ms or less). Builds real encrypted stores in a temporary folder.

    .venv/bin/python benchmarks/gui_stall.py [--conversations 60] [--units 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SVDESK_KDF_PROFILE", "test")

from svdesk.access.session import Session  # noqa: E402
from svdesk.access.workstation import Workstation  # noqa: E402
from svdesk.content.protocol.loader import load_protocol  # noqa: E402
from svdesk.coordinator.keys import card_bytes  # noqa: E402
from svdesk.progress import run_to_end  # noqa: E402
from svdesk.unit import cases, drafts, export, records  # noqa: E402
from svdesk.unit.context import context_for  # noqa: E402

PASSPHRASE = "correct horse battery staple"


class _MemorySecrets:
    backend_name = "benchmarks.MemorySecrets"

    def __init__(self) -> None:
        self.values: dict[str, bytes] = {}

    def get(self, store_id: str) -> bytes | None:
        return self.values.get(store_id)

    def put(self, store_id: str, secret: bytes) -> None:
        self.values[store_id] = secret


def new_store(home: Path, role: str, unit: str | None) -> Session:
    session, _code = Workstation.create(
        home, role=role, site="NORTH", unit=unit, admin_name="Alex", passphrase=PASSPHRASE,
        secrets=_MemorySecrets(),
    )  # fmt: skip
    return session


def _weighted(rng: random.Random, options: dict[str, int]) -> str:
    return rng.choices(list(options), weights=list(options.values()))[0]


def demo_answers(rng: random.Random) -> dict[str, object]:
    """A plausible conversation: mostly individual, mostly fast, a few escalations."""
    fmt = _weighted(rng, {"individual": 8, "group_small": 2, "group_large": 1})
    accepted = _weighted(rng, {"not_offered": 5, "yes": 3, "no": 1})
    answers: dict[str, object] = {
        "activation_source": _weighted(rng, {"self": 4, "manager": 3, "peer": 2}),
        "modality": _weighted(rng, {"in_person": 6, "phone": 3, "video": 1}),
        "format": fmt,
        "people_reached": 1 if fmt == "individual" else rng.randint(3, 12),
        "stress.zone": _weighted(rng, {"green": 3, "yellow": 5, "orange": 2}),
        "followup_plan": _weighted(rng, {"none": 2, "h24_72": 3, "w1": 4, "w2": 1}),
        "duration": _weighted(rng, {"lt_15": 1, "m15_30": 4, "m31_60": 3, "gt_60": 1}),
        "needs_met": _weighted(rng, {"yes": 7, "partly": 3, "no": 1}),
        "role_category": _weighted(
            rng, {"nurse": 10, "physician_app": 4, "trainee": 2, "allied_health": 2, "pharmacy": 1}
        ),
        "unit_category": _weighted(
            rng,
            {"icu_adult": 5, "emergency": 6, "med_surg": 4, "obstetrics": 2, "perioperative": 2},
        ),
        "event.categories": rng.sample(
            [
                "unexpected_death",
                "deterioration_or_transfer",
                "medication_or_treatment_error",
                "near_miss",
                "pediatric_event",
                "violence_or_aggression",
                "moral_distress",
            ],
            k=rng.choice([1, 1, 2]),
        ),
        "response_time": _weighted(rng, {"le_30min": 5, "le_24h": 4, "gt_24h": 1}),
        "supporter.own_distress": _weighted(rng, {"none": 6, "some": 3, "high": 1}),
        "referral_accepted": accepted,
    }
    if accepted != "not_offered":
        answers["referral_targets"] = ["eap"]
    if rng.random() < 0.12:
        answers["safety.cssrs.wish_dead"] = True
        answers["safety.cssrs.suicidal_thoughts"] = False
    return answers


def record(session: Session, supporter_id: str, day: date, answers: dict[str, object]) -> None:
    protocol = load_protocol()
    ctx = replace(
        context_for(session),
        supporter_id=supporter_id,
        today=lambda: day,
        now=lambda: datetime.combine(day, clock(10), tzinfo=UTC),
    )
    draft = drafts.start_conversation(ctx, protocol)
    for qid, value in answers.items():
        if qid in records.EDITABLE_FIELDS and not protocol.has_question(qid):
            drafts.save_record_field(ctx, draft.id, qid, value)
        else:
            drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol)
    cases.complete(ctx, draft.id, protocol)


@dataclass
class DemoData:
    folder: Path
    units: list[Session]
    coord: Session
    bundles: list[Path] = field(default_factory=list)

    def close(self) -> None:
        for session in [*self.units, self.coord]:
            session.lock()
            session.workstation.close()


def build(
    folder: Path,
    *,
    units: tuple[str, ...] = ("ICU", "ED"),
    conversations: int = 60,
    per_bundle: int = 10,
    leave_pending: int = 5,
    seed: int = 11,
) -> DemoData:
    """Unit stores with conversations over the year so far, exported in several bundles; the
    last `leave_pending` conversations of the first unit stay unexported (for the export)."""
    rng = random.Random(seed)
    coord = new_store(folder / "coordinator", "coordinator", None)
    card = card_bytes(coord)
    data = DemoData(folder, [], coord)
    out = folder / "usb"
    out.mkdir(parents=True, exist_ok=True)
    start = date(2026, 1, 5)
    for u, unit in enumerate(units):
        session = new_store(folder / f"unit-{unit.lower()}", "unit", unit)
        supporters = [session.supporter.id] + [
            session.enrol(name, PASSPHRASE).id for name in ("Blake", "Casey", "Devi", "Emil")
        ]
        export.pair(session, card)
        total = conversations + (leave_pending if u == 0 else 0)
        days = sorted(start + timedelta(days=rng.randint(0, 320)) for _ in range(total))
        for i, day in enumerate(days):
            record(session, rng.choice(supporters), day, demo_answers(rng))
            if (i + 1) % per_bundle == 0 and i < conversations:
                data.bundles.append(run_to_end(export.export_bundle(session, out)).path)
        data.units.append(session)
    return data


# ---------------------------------------------------------------------------- stall meter


class StallMeter:
    """Ticks every 5 ms on the GUI thread; gaps longer than the interval are stalls."""

    def __init__(self) -> None:
        from ui.qt import QtCore

        self.timer = QtCore.QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    @contextmanager
    def measuring(self) -> Iterator[None]:
        self.gaps = []
        self._last = time.perf_counter()
        self.timer.start()
        try:
            yield
        finally:
            self.timer.stop()

    def figures(self) -> tuple[float, float, float]:
        if not self.gaps:
            return 0.0, 0.0, 0.0
        ordered = sorted(self.gaps)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return max(ordered), p99, statistics.median(ordered)


def wait_for(done: Callable[[], bool], timeout_s: float = 120.0) -> None:
    from ui.qt import QtCore, QtWidgets

    deadline = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the operation did not finish in time")
        QtWidgets.QApplication.processEvents(
            QtCore.QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=60, help="per unit")
    parser.add_argument("--units", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build the stores here and keep them")
    args = parser.parse_args(argv)

    from ui.coordinator.page import CoordinatorPage
    from ui.qt import QtWidgets
    from ui.runtime import ops
    from ui.runtime.app import create_application
    from ui.unit.export import ExportDialog

    # Set up as the app is (style, palette, and garbage collected on the GUI thread only, which
    # puts the collections the workers' allocations call for on this thread's clock).
    app = create_application(["gui_stall"])
    folder = args.keep or Path(tempfile.mkdtemp(prefix="svdesk-stall-"))
    names = ("ICU", "ED", "OB", "PICU", "OR")[: max(1, args.units)]
    t0 = time.perf_counter()
    data = build(folder, units=names, conversations=args.conversations)
    print(
        f"built {len(names)} unit stores, {args.conversations} conversations each, "
        f"{len(data.bundles)} bundles in {time.perf_counter() - t0:.1f} s"
    )
    meter = StallMeter()
    rows: list[tuple[str, float, float, float, float]] = []

    def phase(name: str, start: Callable[[], object], done: Callable[[], bool]) -> None:
        with meter.measuring():
            began = time.perf_counter()
            start()
            wait_for(done)
            wait_for(lambda: not ops.busy())
            elapsed = (time.perf_counter() - began) * 1000
        rows.append((name, elapsed, *meter.figures()))

    # Export from the unit (the pending conversations).
    dialog = ExportDialog(data.units[0], folder=folder / "usb")
    dialog.show()
    wait_for(dialog.export_button.isEnabled)
    results: list[Any] = []
    dialog.exported.connect(results.append)
    phase("export (unit)", dialog.start_export, lambda: bool(results))
    data.bundles.append(results[0].path)
    dialog.close()

    # Import every bundle on the coordinator page (registering each new workstation).
    page = CoordinatorPage(data.coord)
    page.resize(1280, 900)
    page.show()
    wait_for(lambda: not ops.busy())
    tab = page.import_tab

    def answer(box: QtWidgets.QMessageBox) -> None:
        button = box.findChild(QtWidgets.QPushButton, "registerWorkstation")
        assert button is not None
        button.click()

    tab.trust_prompt_opened.connect(answer)
    summaries: list[Any] = []
    tab.imported.connect(summaries.append)
    tab.set_files(data.bundles)

    def imported() -> bool:
        # done when the charts show the new figures too (drawn one per turn of the loop)
        return bool(summaries) and page.dashboard.drawn()

    phase(f"import ({len(data.bundles)} bundles)", tab.start_import, imported)
    summary = summaries[-1]
    print(
        f"imported {len(summary.imported)}, duplicates {len(summary.duplicates)}, "
        f"rejected {len(summary.rejected)}"
    )

    # Dashboard: recount and redraw all charts.
    figures: list[Any] = []
    page.dashboard.figures_changed.connect(figures.append)
    phase(
        "dashboard refresh",
        page.dashboard.refresh,
        lambda: bool(figures) and page.dashboard.drawn(),
    )
    page.dashboard.as_reported.setChecked(True)

    # PDF report.
    written: list[Any] = []
    reports = page.reports_tab
    reports.format.setCurrentIndex(reports.format.findData("pdf"))
    reports.out_path.setText(str(folder / "report.pdf"))
    reports.written.connect(written.append)
    phase("PDF report", reports.start_report, lambda: bool(written))

    print(f"\n{'operation':28} {'took ms':>9} {'max gap ms':>11} {'p99 ms':>8} {'median ms':>10}")
    for name, took, worst, p99, median in rows:
        print(f"{name:28} {took:9.0f} {worst:11.1f} {p99:8.1f} {median:10.1f}")
    worst_all = max(r[2] for r in rows)
    verdict = "OK" if worst_all <= 50 else "OVER TARGET"
    print(f"\nlongest GUI stall: {worst_all:.1f} ms (target ≤ 50 ms): {verdict}")
    page.close()
    data.close()
    ops.wait_for_all()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
