"""CLI handlers for the coordinator card, pairing, export, import and reports (cli.md)."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from svdesk.cli.common import close_session, open_session
from svdesk.coordinator import reports
from svdesk.coordinator.dashboard import coded_encounters, dashboard_figures
from svdesk.coordinator.importing import import_bundles
from svdesk.coordinator.keys import card_bytes, init_coordinator_keys
from svdesk.coordinator.suppression import DEFAULT_THRESHOLD, check_threshold
from svdesk.errors import InvalidInput
from svdesk.exchange import card, weeks
from svdesk.progress import run_to_end
from svdesk.storage.paths import atomic_write
from svdesk.unit import export

SETTING_THRESHOLD = "report.suppression_threshold"


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, indent=2, ensure_ascii=False))


def _read_small(path: Path, limit: int, what: str) -> bytes:
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InvalidInput(f"Cannot read the {what} {path} ({exc.strerror or exc}).") from exc
    if len(data) > limit:
        raise InvalidInput(f"{path} is far too large to be a {what}; check the file.")
    return data


def cmd_coordinator_card(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        fingerprint = init_coordinator_keys(session)
        data = card_bytes(session)
        atomic_write(args.out, data)
    finally:
        close_session(session)
    _print_json({"card": str(args.out), "fingerprint": fingerprint})
    return 0


def cmd_pair(args: argparse.Namespace) -> int:
    data = _read_small(args.card, card.MAX_CARD_BYTES, "coordinator card")
    session = open_session(args)
    try:
        fingerprint = export.pair(session, data)
    finally:
        close_session(session)
    print(fingerprint)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        result = run_to_end(export.export_bundle(session, args.out))
    finally:
        close_session(session)
    _print_json(result.to_json())
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        summary = run_to_end(import_bundles(session, list(args.files), trust_new=args.trust_new))
    finally:
        close_session(session)
    _print_json(summary.to_json())
    for item in summary.imported:
        if item.get("new_workstation"):
            print(
                f"Registered workstation {item['workstation']} with fingerprint "
                f"{item['fingerprint']}; confirm it matches the one shown on that workstation.",
                file=sys.stderr,
            )
    return summary.exit_code


def cmd_report(args: argparse.Namespace) -> int:
    for week in (args.period_from, args.period_to):
        if week is not None:
            weeks.parse_week(week)
    session = open_session(args)
    try:
        raw = session.setting(SETTING_THRESHOLD, DEFAULT_THRESHOLD)
        threshold = check_threshold(raw if isinstance(raw, int) else DEFAULT_THRESHOLD)
        if args.format == "pdf":
            # Drawn with Qt, which lives in ui/ only: imported here, never by the core.
            report_pdf: Any = importlib.import_module("ui.coordinator.report_pdf")
            paths = [
                report_pdf.write_pdf_report_cli(
                    dashboard_figures(
                        session, period_from=args.period_from, period_to=args.period_to
                    ),
                    args.out,
                    threshold=threshold,
                )
            ]
        else:
            paths = run_to_end(
                reports.write_report(
                    args.format,
                    args.out,
                    figures=lambda: dashboard_figures(
                        session, period_from=args.period_from, period_to=args.period_to
                    ),
                    records=lambda: coded_encounters(
                        session, period_from=args.period_from, period_to=args.period_to
                    ),
                    threshold=threshold,
                )
            )
        session.audit(
            "report",
            {
                "format": args.format,
                "from": args.period_from,
                "to": args.period_to,
                "files": len(paths),
            },
        )
    finally:
        close_session(session)
    _print_json({"report": [str(p) for p in paths]})
    return 0
