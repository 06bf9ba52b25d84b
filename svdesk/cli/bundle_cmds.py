"""CLI handlers for the coordinator card, pairing, export, import and reports (cli.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from svdesk.cli.common import close_session, open_session
from svdesk.content.languages import DEFAULT_LANGUAGE
from svdesk.coordinator import reports
from svdesk.coordinator.importing import import_bundles
from svdesk.coordinator.keys import card_bytes, init_coordinator_keys
from svdesk.coordinator.report_texts import check_report_language
from svdesk.errors import InvalidInput
from svdesk.exchange import card, weeks
from svdesk.progress import run_to_end
from svdesk.storage.inputs import read_regular_file
from svdesk.storage.outputs import check_output_file, check_output_folder
from svdesk.storage.paths import atomic_write
from svdesk.unit import export


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, indent=2, ensure_ascii=False))


def _read_small(path: Path, limit: int, what: str) -> bytes:
    try:  # a FIFO is refused, not waited on
        return read_regular_file(path, what=f"{what} file", limit=limit)
    except OSError as exc:
        raise InvalidInput(f"Cannot read the {what} {path} ({exc.strerror or exc}).") from exc


def cmd_coordinator_card(args: argparse.Namespace) -> int:
    check_output_file(args.out, args.home, force=args.force, what="coordinator card")
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
    if summary.stopped is not None:
        print(
            f"svdesk: the import stopped at {summary.stopped['file']}: "
            f"{summary.stopped['message']} The {len(summary.imported)} bundle(s) listed as "
            "imported are kept; import that file and the ones not tried again afterwards "
            "(bundles already imported are recognised as duplicates).",
            file=sys.stderr,
        )
    return summary.exit_code


def _check_report_out(args: argparse.Namespace) -> None:
    """The report's files are new files outside the data folder unless `--force`."""
    force = bool(getattr(args, "force", False))
    if args.format == "redcap":
        check_output_folder(args.out, args.home, what="report")
    for path in reports.report_files(args.format, args.out):
        check_output_file(path, args.home, force=force, what="report")


def cmd_report(args: argparse.Namespace, pdf_writer: reports.PdfWriter | None = None) -> int:
    """`svdesk report`: through `reports.write_report`, as the GUI's Reports tab writes them.
    PDF needs `pdf_writer` (Qt draws it: svdesk_app passes the GUI's)."""
    for week in (args.period_from, args.period_to):
        if week is not None:
            weeks.parse_week(week)  # before the passphrase is asked for
    language = check_report_language(getattr(args, "language", DEFAULT_LANGUAGE))
    if args.format == "pdf" and pdf_writer is None:
        raise InvalidInput(
            "PDF reports are drawn with Qt, which the core's command line does not load: run "
            "`svdesk report` (the installed app), or choose --format csv, xlsx or redcap."
        )
    _check_report_out(args)
    session = open_session(args)
    try:
        paths = run_to_end(
            reports.write_report(
                session,
                args.format,
                args.out,
                period_from=args.period_from,
                period_to=args.period_to,
                threshold=reports.saved_threshold(session),
                pdf_writer=pdf_writer,
                language=language,
            )
        )
    finally:
        close_session(session)
    _print_json({"report": [str(p) for p in paths]})
    return 0
