"""svdesk core: store, keys, protocol engine, rules, guard, export and CLI. No Qt here."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("svdesk")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
