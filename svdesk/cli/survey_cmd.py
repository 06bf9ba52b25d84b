"""`svdesk survey check FILE`: validate a survey file and print each problem with its path.

The same contract as `protocol check` (cli.md): one `FILE: PATH: problem` line per problem on
standard output and exit 2, or one `ok: ...` line and exit 0.
"""

from __future__ import annotations

import argparse

from svdesk.cli.content_check import check_content_file
from svdesk.content.surveys import Survey, parse_survey

# The bundled survey is about 5 KB; a long published instrument is a few times that.
MAX_SURVEY_BYTES = 1024 * 1024


def _summary(survey: Survey) -> str:
    kind = "" if survey.validated else "; written by a program, not a validated instrument"
    return (
        f"{survey.id} {survey.version}, {len(survey.items)} items, "
        f"{len(survey.subscales)} subscales{kind}"
    )


def cmd_survey_check(args: argparse.Namespace) -> int:
    """Print `FILE: PATH: problem` per problem (exit 2), or `ok: <id> <version>, …` (exit 0)."""
    return check_content_file(
        args.file, what="survey file", limit=MAX_SURVEY_BYTES, parse=parse_survey, summary=_summary
    )
