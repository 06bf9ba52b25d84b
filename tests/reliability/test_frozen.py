"""The frozen onedir build (dist/svdesk, made by `scripts/build`): it starts without a display,
carries the bundled content at the same relative paths as the source tree, finds the keyring
backends, refuses cleanly without a keyring, ships no network or unused Qt parts, and fits the
size target. `scripts/test` builds first and sets SVDESK_REQUIRE_FROZEN=1, so in CI a missing
build fails instead of skipping."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "svdesk"
APP = DIST / ("svdesk.exe" if sys.platform == "win32" else "svdesk")
INTERNAL = DIST / "_internal"
SIZE_TARGET = 160_000_000  # bytes, Linux: issue 10 sets the onedir limit at 160 MB

if not APP.exists():
    if os.environ.get("SVDESK_REQUIRE_FROZEN") == "1":
        raise RuntimeError(f"{APP} is missing: scripts/build must run before these tests")
    pytest.skip("no frozen build: run scripts/build", allow_module_level=True)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the app must choose offscreen by itself
    env.update(extra)
    return {k: v for k, v in env.items() if v != ""}  # "" removes a variable


def _run(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(APP), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=_env(**env),
    )


def test_version_comes_from_pyproject() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    result = _run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"svdesk {version}"


def test_selftest_passes_without_a_display() -> None:
    result = _run("selftest")
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "selftest passed" in result.stdout
    assert "FAIL" not in result.stdout
    assert "Traceback" not in result.stderr  # e.g. keyring plugins failing to load


def test_bundled_content_keeps_its_source_paths() -> None:
    source = {
        p.relative_to(ROOT / "resources")
        for p in (ROOT / "resources").rglob("*")
        # .ts: a translation's source; the build ships its .qm (tests/ui/test_i18n_frozen.py)
        if p.is_file() and p.suffix not in (".py", ".pyc", ".ts") and "__pycache__" not in p.parts
    }
    frozen = {
        p.relative_to(INTERNAL / "resources")
        for p in (INTERNAL / "resources").rglob("*")
        if p.is_file()
    }
    print(f"{len(source)} resource files in the source tree, {len(frozen)} in the build")
    assert source
    assert source <= frozen
    schema = {p.name for p in (ROOT / "svdesk" / "storage" / "schema").glob("*.sql")}
    assert schema  # the migrations moved with svdesk/storage/: found where they are now
    assert schema <= {p.name for p in (INTERNAL / "svdesk" / "storage" / "schema").glob("*.sql")}


def test_keyring_backends_and_their_metadata_are_in_the_build() -> None:
    from PyInstaller.archive.readers import CArchiveReader

    modules = set(CArchiveReader(str(APP)).open_embedded_archive("PYZ.pyz").toc)
    wanted = {"keyring.backends.SecretService", "keyring.backends.kwallet", "secretstorage"}
    wanted |= {"keyring.backends.macOS", "keyring.backends.Windows", "jeepney"}
    assert wanted <= modules, wanted - modules
    metadata = {p.name.split("-")[0].lower() for p in INTERNAL.glob("*.dist-info")}
    assert {"keyring", "svdesk"} <= metadata, metadata
    # test-only keyring back-ends are not shipped (their metadata alone would break discovery)
    assert "keyrings.alt" not in metadata
    assert not any(m.startswith("keyrings.alt") for m in modules)


def test_frozen_app_loads_the_os_keyring_backend_and_refuses_cleanly(tmp_path: Path) -> None:
    home = tmp_path / "h"
    args = ("--home", str(home), "init", "--role", "unit", "--site", "S", "--unit", "U")
    args += ("--admin", "A", "--passphrase-stdin")
    forced = _run(
        *args,
        stdin="a long passphrase for the test\n",
        PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring",
        DBUS_SESSION_BUS_ADDRESS="",  # no session bus, as over SSH or in a service
    )
    print("Secret Service without a session bus:", forced.stderr.strip())
    assert forced.returncode == 3, forced.stderr
    # The Secret Service back-end (secretstorage, jeepney) was imported and asked, and said why.
    assert "SecretService" in forced.stderr
    assert "passphrase-only" in forced.stderr
    assert "Traceback" not in forced.stderr
    assert not home.exists() or not any(home.iterdir())  # never a store without its secret

    only = _run(*args, "--passphrase-only", stdin="a long passphrase for the test\n")
    assert only.returncode == 0, only.stderr
    check = _run("--home", str(home), "check", "--supporter", "A", "--passphrase-stdin",
                 stdin="a long passphrase for the test\n")  # fmt: skip
    assert check.returncode == 0, check.stderr


def test_gui_start_reaches_the_unlock_screen(tmp_path: Path) -> None:
    home = tmp_path / "store"
    made = _run("--home", str(home), "init", "--role", "unit", "--site", "S", "--unit", "U",
                "--admin", "A", "--passphrase-stdin", "--passphrase-only",
                stdin="a long passphrase for the test\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    started = _run("--home", str(home), SVDESK_EXIT_WHEN_SHOWN="1", QT_QPA_PLATFORM="offscreen")
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip().splitlines()[-1] == "shown"


def test_no_network_or_unused_qt_parts_are_shipped() -> None:
    names = {p.name for p in DIST.rglob("*")}
    for unwanted in (
        "QtNetwork.abi3.so",
        "libQt6Network.so.6",
        "libQt6WebEngineCore.so.6",
        "libQt6Qml.so.6",
        "libQt6Quick.so.6",
        "libqvnc.so",
        "libqtuiotouchplugin.so",
        "libqopensslbackend.so",
        "_ssl.cpython-311-x86_64-linux-gnu.so",
    ):
        assert unwanted not in names, unwanted


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the size target is for Linux")
def test_onedir_size_is_within_target() -> None:
    size = sum(p.lstat().st_size for p in DIST.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"onedir size: {size / 1e6:.1f} MB (target ≤ {SIZE_TARGET / 1e6:.0f} MB)")
    assert size <= SIZE_TARGET
