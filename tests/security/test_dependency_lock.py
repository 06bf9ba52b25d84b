"""The dependencies installed are the ones reviewed (issue 13, item 8): requirements.lock pins
every dependency of svdesk and its dev extra with sha256 hashes, scripts/setup installs it with
pip --require-hashes, the lock follows pyproject.toml, and no lower bound admits a cryptography
whose wheels ship an old OpenSSL."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
# Locked like the rest since scripts/lock stopped leaving them out (they were the largest
# unhashed download of a set-up): one wheel per platform, each with its hash.
QT = {"pyside6-essentials", "pyside6-addons", "shiboken6"}
# cryptography statically links OpenSSL into its wheels: no bound may admit one older than this.
CRYPTOGRAPHY_FLOOR = Version("50.0.2")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\]+)")


def locked() -> dict[str, tuple[Version, list[str], str]]:
    """name -> (version, hashes, the block's text)."""
    out: dict[str, tuple[Version, list[str], str]] = {}
    blocks = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text(encoding="utf-8"))
    for block in blocks:
        m = _PIN.match(block)
        if m:
            hashes = re.findall(r"--hash=sha256:([0-9a-f]+)", block)
            out[canonicalize_name(m.group(1))] = (Version(m.group(2)), hashes, block)
    return out


def requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    return [Requirement(r) for r in wanted]


def test_every_locked_package_is_pinned_with_sha256_hashes() -> None:
    pins = locked()
    assert len(pins) > 20
    for name, (_version, hashes, block) in pins.items():
        assert hashes, f"{name} has no hash"
        assert all(len(h) == 64 for h in hashes), name
        assert "==" in block


def test_the_lock_holds_each_dependency_within_its_pyproject_range() -> None:
    pins = locked()
    for req in requirements():
        name = canonicalize_name(req.name)
        assert name in pins, f"{name} is not in requirements.lock: run scripts/lock"
        version = pins[name][0]
        assert req.specifier.contains(version, prereleases=True), (name, version, req)


def test_the_lock_lists_no_direct_dependency_pyproject_dropped() -> None:
    direct = {canonicalize_name(r.name) for r in requirements()}
    for name, (_v, _h, block) in locked().items():
        if "-r pyproject.toml" in block:
            assert name in direct, f"{name} is locked as a dependency pyproject.toml lacks"


def test_no_bound_admits_a_cryptography_with_an_old_openssl() -> None:
    [req] = [r for r in requirements() if canonicalize_name(r.name) == "cryptography"]
    for older in ("42.0.0", "44.0.0", "46.0.1", "50.0.1"):
        assert not req.specifier.contains(older), f"{req} admits {older}"
    assert req.specifier.contains(CRYPTOGRAPHY_FLOOR)
    assert locked()["cryptography"][0] >= CRYPTOGRAPHY_FLOOR


def test_setup_installs_from_the_lock_checking_hashes() -> None:
    setup = (ROOT / "scripts" / "setup").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in setup
    lock_at = setup.index("--require-hashes -r requirements.lock")
    assert lock_at < setup.index('-e ".[dev]"'), "the lock is installed before svdesk itself"


def test_pyside6_is_locked_with_the_hashes_of_every_platforms_wheels() -> None:
    pins = locked()
    versions = {pins[name][0] for name in QT}
    assert len(versions) == 1, f"PySide6 and shiboken6 are pinned to different versions: {versions}"
    for name in QT:
        # Linux x86-64 and ARM, macOS, Windows x86-64 and ARM: a Windows or macOS build checks
        # its wheel as this machine does
        assert len(pins[name][1]) >= 4, f"{name}: only {len(pins[name][1])} hashes"
