"""`svdesk survey check FILE`: validate a survey file and print each problem with its path.

The same contract as `protocol check` (cli.md): one `FILE: PATH: problem` line per problem on
standard output and exit 2, or one `ok: ...` line and exit 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from svdesk.content.loading import ContentError, parse_toml
from svdesk.content.surveys import Survey, parse_survey
from svdesk.storage.inputs import read_regular_text

# The bundled survey is about 5 KB; a long published instrument is a few times that.
MAX_SURVEY_BYTES = 1024 * 1024


def _load(path: Path) -> Survey:
    """`load_survey(path)`, reading the file so that a FIFO or a device is refused at once
    (InvalidInput) instead of blocking."""
    source = str(path)
    try:
        text = read_regular_text(path, what="survey file", limit=MAX_SURVEY_BYTES)
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(source, [("", f"cannot be read ({exc})")]) from None
    return parse_survey(parse_toml(text, source), source)


def cmd_survey_check(args: argparse.Namespace) -> int:
    """Print `FILE: PATH: problem` per problem (exit 2), or `ok: <id> <version>, …` (exit 0)."""
    path = args.file
    try:
        survey = _load(path)
    except ContentError as exc:
        for where, problem in exc.problems:
            location = f"{exc.source}: {where}" if where else exc.source
            print(f"{location}: {problem}", file=sys.stdout)
        count = len(exc.problems)
        print(
            f"svdesk: {path} has {count} problem{'s' if count != 1 else ''}; "
            "correct the file and check it again.",
            file=sys.stderr,
        )
        return 2
    kind = "" if survey.validated else "; written by a program, not a validated instrument"
    print(
        f"ok: {survey.id} {survey.version}, {len(survey.items)} items, "
        f"{len(survey.subscales)} subscales{kind}"
    )
    return 0
