"""`svdesk rules eval [FILE|-]`: evaluate the default escalation rules on JSON answers."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from svdesk.content.rules import evaluate
from svdesk.errors import InvalidInput
from svdesk.storage.inputs import read_regular_text

# Answers are a few dozen short values; a file far larger is not an answers file.
MAX_INPUT_BYTES = 1024 * 1024


def _read_input(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    try:
        # A FIFO or device named here blocked for good (issue 18); standard input is "-".
        return read_regular_text(
            Path(source),
            what="JSON answers file",
            limit=MAX_INPUT_BYTES,
            hint=", or - to read standard input",
        )
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            f"Cannot read {source} ({exc.__class__.__name__}); give a readable JSON file or -."
        ) from None


def cmd_rules_eval(args: argparse.Namespace) -> int:
    """Read {"answers": {...}}, print the escalation result JSON (escalation.md)."""
    source: str = str(getattr(args, "file", "-") or "-")
    text = _read_input(source)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"The input is not valid JSON (line {exc.lineno}, column {exc.colno}); "
            'give an object like {"answers": {...}}.'
        ) from None
    except ValueError:  # a number with more digits than Python will convert
        raise InvalidInput(
            "The input has a number that is too long; answers are small numbers."
        ) from None
    except RecursionError:
        raise InvalidInput(
            'The input is nested too deeply; give an object like {"answers": {...}}.'
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("answers"), dict):
        raise InvalidInput(
            'The input needs an "answers" object, like {"answers": {"stress.zone": "red"}}.'
        )
    result = evaluate(document["answers"])
    json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
