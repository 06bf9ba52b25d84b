"""The core's command line (contract: docs of shared/spec/cli.md), and the seam through which a
program built on the core adds its own commands.

The parser lives here; each command's handler lives in the module of its area and is imported by
name only when that command runs, so `svdesk guard check` never loads the store, and the GUI
start loads none of the commands' code. A handler takes the parsed arguments and returns the exit
status. Domain errors become one plain sentence on stderr and their exit code (2 invalid input,
3 refused); anything else is a bug (1).

The core has no GUI: `python -m svdesk` runs this command line alone. `svdesk_app.main` (the
`svdesk` console script and the frozen app) passes an `Extension` that adds what needs Qt: the GUI
(no command), `selftest`, the GUI after `demo`, and `report --format pdf`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import svdesk
from svdesk.access.roles import ROLES
from svdesk.errors import InvalidInput, SvdeskError
from svdesk.storage.paths import default_home

Handler = Callable[[argparse.Namespace], int]

# command path -> "module:function" (imported when that command runs)
HANDLERS: dict[str, str] = {
    "demo": "svdesk.cli.demo_cmd:cmd_demo",
    "init": "svdesk.cli.store_cmds:cmd_init",
    "check": "svdesk.cli.store_cmds:cmd_check",
    "backup": "svdesk.cli.store_cmds:cmd_backup",
    "restore": "svdesk.cli.store_cmds:cmd_restore",
    "recover": "svdesk.cli.store_cmds:cmd_recover",
    "guard check": "svdesk.cli.guard_cmd:cmd_guard_check",
    "rules eval": "svdesk.cli.rules_cmd:cmd_rules_eval",
    "protocol check": "svdesk.cli.protocol_cmd:cmd_protocol_check",
    "survey check": "svdesk.cli.survey_cmd:cmd_survey_check",
    "coordinator card": "svdesk.cli.bundle_cmds:cmd_coordinator_card",
    "pair": "svdesk.cli.bundle_cmds:cmd_pair",
    "export": "svdesk.cli.bundle_cmds:cmd_export",
    "import": "svdesk.cli.bundle_cmds:cmd_import",
    "report": "svdesk.cli.bundle_cmds:cmd_report",
    "directory open-now": "svdesk.cli.directory_cmd:cmd_directory_open_now",
}


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors as exit status 2 and one plain sentence (its default too)."""


def _unlock_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--supporter", metavar="NAME", help="supporter to sign in as")
    p.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase as one line from standard input",
    )


def _force_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--force", action="store_true", help="replace the --out file if it already exists"
    )


class _VersionAction(argparse.Action):
    """`--version`, reading the installed version only when asked (see svdesk.__getattr__)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"svdesk {svdesk.__version__}")
        parser.exit()


@dataclass
class CommandLine:
    """The parser being built, for an `Extension` to add commands and handlers to."""

    parser: argparse.ArgumentParser
    subcommands: argparse._SubParsersAction[argparse.ArgumentParser]
    # parents of every subcommand's parser: `--home` is also accepted after the command
    common: list[argparse.ArgumentParser]
    # the `--format` choices of `report`: an extension that writes another format adds it
    report_formats: list[str]
    # command path -> handler, in place of the core's (HANDLERS) or for the extension's commands
    handlers: dict[str, Handler] = field(default_factory=dict)

    def add_command(self, name: str, help: str, handler: Handler) -> argparse.ArgumentParser:
        """A new subcommand `name`, run by `handler`; its parser, for its own options."""
        self.handlers[name] = handler
        return self.subcommands.add_parser(name, parents=self.common, help=help)


# Adds its commands, or its handlers in place of the core's, to a command line being built.
Extension = Callable[[CommandLine], None]


def parse_args(
    argv: Sequence[str] | None = None, extensions: Sequence[Extension] = ()
) -> argparse.Namespace:
    return build(extensions).parser.parse_args(sys.argv[1:] if argv is None else argv)


def build(extensions: Sequence[Extension] = ()) -> CommandLine:
    """The command line: the core's commands, then what each extension adds."""
    parser: argparse.ArgumentParser = _Parser(
        prog="svdesk", description="Peer support desk (offline)."
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--home",
        type=Path,
        default=None,
        help="data directory (default: $SVDESK_HOME or the per-user application-data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # `--home` is also accepted after the command (`svdesk demo --home DIR`).
    home_after = _Parser(add_help=False)
    home_after.add_argument("--home", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common: list[argparse.ArgumentParser] = [home_after]
    cli = CommandLine(parser, sub, common, report_formats=["csv", "xlsx", "redcap"])

    p = sub.add_parser(
        "demo", parents=common, help="create or reuse a demo unit store with synthetic data"
    )
    p.add_argument("--no-gui", action="store_true", help="only create the store and print it")

    p = sub.add_parser("init", parents=common, help="create a new store")
    p.add_argument("--role", choices=ROLES, required=True)
    p.add_argument("--site", metavar="CODE", required=True)
    p.add_argument("--unit", metavar="CODE")
    p.add_argument("--admin", metavar="NAME", required=True)
    p.add_argument("--passphrase-stdin", action="store_true")
    p.add_argument(
        "--passphrase-only",
        action="store_true",
        help="no OS keyring: protect the store by passphrases alone (shown as a banner)",
    )

    p = sub.add_parser("check", parents=common, help="check the store and the audit chain")
    _unlock_options(p)
    p = sub.add_parser("backup", parents=common, help="write an encrypted, verified backup")
    p.add_argument("--out", type=Path, metavar="FILE")
    _force_option(p)
    _unlock_options(p)
    p = sub.add_parser(
        "restore", parents=common, help="restore a backup (keeps a copy of what it replaces)"
    )
    p.add_argument("file", type=Path, metavar="FILE")
    _unlock_options(p)
    p = sub.add_parser(
        "recover",
        parents=common,
        help="the OS keyring lost this store's entry: renew it with the recovery code",
    )
    p.add_argument("--supporter", metavar="NAME", required=True, help="who gets the new passphrase")
    p.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the recovery code, then the new passphrase, as two lines from standard input",
    )
    guard = sub.add_parser("guard", parents=common, help="identifier guard").add_subparsers(
        dest="guard_command", metavar="COMMAND", required=True
    )
    p = guard.add_parser(
        "check", parents=common, help="check TEXT (or standard input) for identifiers"
    )
    p.add_argument("text", nargs="?", metavar="TEXT")
    p.add_argument("--explain", action="store_true", help="add each finding's message and advice")

    rules = sub.add_parser("rules", parents=common, help="escalation rules").add_subparsers(
        dest="rules_command", metavar="COMMAND", required=True
    )
    p = rules.add_parser(
        "eval", parents=common, help="evaluate the rules on {'answers': {...}} JSON"
    )
    p.add_argument("file", nargs="?", default="-", metavar="FILE|-")

    protocol = sub.add_parser(
        "protocol", parents=common, help="conversation protocols"
    ).add_subparsers(dest="protocol_command", metavar="COMMAND", required=True)
    p = protocol.add_parser("check", parents=common, help="validate a protocol file")
    p.add_argument("file", type=Path, metavar="FILE")

    survey = sub.add_parser("survey", parents=common, help="survey files").add_subparsers(
        dest="survey_command", metavar="COMMAND", required=True
    )
    p = survey.add_parser("check", parents=common, help="validate a survey file")
    p.add_argument("file", type=Path, metavar="FILE")

    coordinator = sub.add_parser(
        "coordinator", parents=common, help="coordinator store"
    ).add_subparsers(dest="coordinator_command", metavar="COMMAND", required=True)
    p = coordinator.add_parser("card", parents=common, help="write the coordinator's public card")
    p.add_argument("--out", type=Path, metavar="FILE", required=True)
    _force_option(p)
    _unlock_options(p)

    p = sub.add_parser("pair", parents=common, help="(unit admin) accept a coordinator card")
    p.add_argument("card", type=Path, metavar="CARD")
    _unlock_options(p)
    p = sub.add_parser(
        "export", parents=common, help="(unit) write the next bundle for the coordinator"
    )
    p.add_argument("--out", type=Path, metavar="DIR", required=True)
    _unlock_options(p)
    p = sub.add_parser("import", parents=common, help="(coordinator) import bundles")
    p.add_argument("--trust-new", action="store_true")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE")
    _unlock_options(p)
    p = sub.add_parser(
        "report", parents=common, help="(coordinator) write a report with small-cell suppression"
    )
    p.add_argument("--format", choices=cli.report_formats, required=True)
    p.add_argument("--out", type=Path, metavar="PATH", required=True)
    p.add_argument("--from", dest="period_from", metavar="YYYY-Www")
    p.add_argument("--to", dest="period_to", metavar="YYYY-Www")
    p.add_argument(
        "--language",
        default="en",
        metavar="LANG",
        help="the language of the report's headings and labels: en (default) or es; codes and "
        "REDCap files are the same in every language",
    )
    _force_option(p)
    _unlock_options(p)
    directory = sub.add_parser(
        "directory", parents=common, help="(unit) the resource directory"
    ).add_subparsers(dest="directory_command", metavar="COMMAND", required=True)
    p = directory.add_parser(
        "open-now", parents=common, help="what in the directory is open now (or --at a time)"
    )
    p.add_argument(
        "--at", metavar="YYYY-MM-DDTHH:MM", help="a local time to ask about instead of now"
    )
    _unlock_options(p)
    for extend in extensions:
        extend(cli)
    return cli


def command_key(args: argparse.Namespace) -> str:
    command: str | None = args.command
    if command is None:
        return "gui"
    nested = getattr(args, f"{command}_command", None)
    return f"{command} {nested}" if nested else command


def resolve(key: str, cli: CommandLine | None = None) -> Handler:
    """The handler of command path `key`: an extension's, else the core's (imported now)."""
    if cli is not None and key in cli.handlers:
        return cli.handlers[key]
    if key == "gui":
        raise InvalidInput(
            "No command given: this is the core's command line, which has no GUI. Start the "
            "GUI with `svdesk` (the installed app), or see the commands with --help."
        )
    module_name, _, func = HANDLERS[key].partition(":")
    handler: Handler = getattr(importlib.import_module(module_name), func)
    return handler


def main(argv: Sequence[str] | None = None, extensions: Sequence[Extension] = ()) -> int:
    """Run one command line (`sys.argv[1:]` by default) with `extensions`; the exit status."""
    cli = build(extensions)
    args = cli.parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.home is None and args.command != "demo":
        args.home = default_home()
    try:
        return resolve(command_key(args), cli)(args)
    except SvdeskError as exc:
        print(f"svdesk: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader of our output went away (`svdesk import ... | head`): the work is done and
        # there is nobody left to tell; keep Python from printing a traceback at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("svdesk: interrupted; nothing further was changed.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
