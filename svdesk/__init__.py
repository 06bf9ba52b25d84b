"""svdesk core: store, keys, protocol engine, rules, guard, export and CLI. No Qt here."""

__version__: str  # from the installed metadata, read on first use (see __getattr__)


def __getattr__(name: str) -> str:
    # importlib.metadata costs ~20 ms to import: not paid at every start, only when the version
    # is shown (--version, About, selftest).
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        found = version("svdesk")
    except PackageNotFoundError:  # running from a source tree that was not installed
        found = "0.0.0+source"
    globals()["__version__"] = found
    return found
