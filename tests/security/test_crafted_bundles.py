"""Crafted bundles against the coordinator's import (issue 13, item 1): each file is made without
any secret of the coordinator or of a unit (the coordinator's age recipient is on its public
card; a "workstation" signs with a key it just made), except the enrolled-unit case, which signs
with the key of a workstation the coordinator registered. Each is imported by `svdesk import` in
a child process; it must be refused within 2 s of a plain refusal, at a peak of at most 200 MB.

The child runs with an address-space limit, so that on a build without the bounds it fails
with a memory error instead of taking the machine's memory; and with a timeout, for the
recipient-stanza file that once kept the coordinator busy for over an hour.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from svdesk.exchange import bundle, card
from svdesk.exchange.manifest import BundleManifest, manifest_dict
from svdesk.storage.schema import SCHEMA_VERSION
from tests.fakes import ADMIN_PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
MAX_SECONDS = 2.0  # beyond a plain refusal (process start, unlock)
MAX_PEAK_MB = 200
CHILD_ADDRESS_SPACE = 3 * 1024**3
CHILD_TIMEOUT = 60.0
MIB = 1024 * 1024
# `python -m svdesk ARGV...` under an address-space limit.
CHILD = (
    "import resource, runpy, sys; "
    f"resource.setrlimit(resource.RLIMIT_AS, ({CHILD_ADDRESS_SPACE}, {CHILD_ADDRESS_SPACE})); "
    "sys.argv[0] = 'svdesk'; runpy.run_module('svdesk', run_name='__main__', alter_sys=True)"
)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    code: int
    summary: dict[str, Any] | None
    stderr: str


# Starts the command, passes standard input on, and reports its time and peak memory. Linux
# counts in a child's peak what the process that started it had mapped (the test process holds
# the crafted files), so this small process starts it and reads wait4 for it.
LAUNCHER = """
import json, os, subprocess, sys, threading, time
timeout, argv = float(sys.argv[1]), sys.argv[2:]
start = time.perf_counter()
proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
out = {}
def drain(name, stream):
    out[name] = stream.read().decode("utf-8", "replace")
    stream.close()
readers = [threading.Thread(target=drain, args=(n, s)) for n, s in
           (("stdout", proc.stdout), ("stderr", proc.stderr))]
for r in readers:
    r.start()
proc.stdin.write(sys.stdin.buffer.read())
proc.stdin.close()
killer = threading.Timer(timeout, proc.kill)
killer.start()
_, status, usage = os.wait4(proc.pid, 0)
killer.cancel()
seconds = time.perf_counter() - start
proc.returncode = os.waitstatus_to_exitcode(status)
for r in readers:
    r.join()
peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
print(json.dumps({"seconds": seconds, "peak": peak, "code": proc.returncode, **out}))
"""


def svdesk(home: Path, *argv: str, timeout: float = CHILD_TIMEOUT) -> Run:
    """`python -m svdesk --home HOME ARGV...` with the passphrase on stdin: its wall time and
    its own peak resident memory."""
    command = [sys.executable, "-c", CHILD, "--home", str(home), *argv, "--passphrase-stdin"]
    launched = subprocess.run(
        [sys.executable, "-c", LAUNCHER, str(timeout), *command],
        input=(ADMIN_PASSPHRASE + "\n").encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=timeout + 30,
        check=True,
    )
    report = json.loads(launched.stdout)
    try:
        summary = json.loads(report["stdout"]) if report["stdout"].strip() else None
    except ValueError:
        summary = None
    return Run(report["seconds"], report["peak"] / MIB, report["code"], summary, report["stderr"])


@dataclass(frozen=True)
class Coordinator:
    home: Path
    recipient: str
    baseline: Run  # a plain refusal: process start, unlock, one tiny file


@pytest.fixture(scope="module")
def coordinator(tmp_path_factory: pytest.TempPathFactory) -> Coordinator:
    folder = tmp_path_factory.mktemp("crafted")
    home = folder / "coordinator"
    init = svdesk(
        home, "init", "--role", "coordinator", "--site", "S01", "--admin", "Alex",
        "--passphrase-only",
    )  # fmt: skip
    assert init.code == 0, init.stderr
    card_path = folder / "card.json"
    made = svdesk(home, "coordinator", "card", "--out", str(card_path))
    assert made.code == 0, made.stderr
    recipient = card.read_card(card_path.read_bytes()).age_recipient
    plain = folder / "not-a-bundle.svdbundle"
    plain.write_bytes(b"PK\x03\x04 not a bundle")
    baseline = svdesk(home, "import", str(plain))
    assert baseline.code == 3, baseline.stderr
    return Coordinator(home, recipient, baseline)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def age_header_file(stanzas: int, body_bytes: int = 32) -> bytes:
    """An age file whose header names `stanzas` X25519 recipients (none of them anyone's)."""
    lines = ["age-encryption.org/v1"]
    for _ in range(stanzas):
        lines.append(f"-> X25519 {b64(os.urandom(32))}")
        body = b64(os.urandom(body_bytes))
        lines.extend(body[i : i + 64] for i in range(0, len(body), 64))
        if len(body) % 64 == 0:
            lines.append("")
    lines.append(f"--- {b64(os.urandom(32))}")
    return ("\n".join(lines) + "\n").encode("ascii") + os.urandom(1024)


def signed_bundle(
    recipient: str,
    payload: bytes,
    *,
    key: bytes,
    workstation_id: str,
    sequence: int = 1,
    encounters: int = 1,
    unit_code: str = "ED1",
) -> bytes:
    """A bundle signed by `key`, encrypted to the coordinator's public recipient, carrying
    `payload` as its records, whatever that holds."""
    manifest = BundleManifest(
        export_id=str(uuid.uuid4()),
        workstation_id=workstation_id,
        workstation_key=card.public_key_of(key),
        site_code="S01",
        unit_code=unit_code,
        sequence=sequence,
        schema_version=SCHEMA_VERSION,
        created_week="2026-W07",
        recipients=(card.recipient_fingerprint(recipient),),
        payload_sha256=hashlib.sha256(payload).hexdigest(),
        encounters=encounters,
        escalations=0,
    )
    manifest_bytes = card.canonical_json(manifest_dict(manifest))
    signature = Ed25519PrivateKey.from_private_bytes(key).sign(
        bundle._signed_message(manifest_bytes, payload)
    )
    inner = bundle._inner_bytes(manifest_bytes, signature, payload)
    return pyrage.encrypt(inner, [pyrage.x25519.Recipient.from_str(recipient)])


def expanding_payload(size: int) -> bytes:
    """Records JSON of about `size` bytes that json.loads turns into ~20 times as much memory:
    one empty list (a 56-byte object) per 3 bytes."""
    count = max(1, size // 3)
    return b'{"encounters":[' + b"[]," * (count - 1) + b'[]],"escalations":[]}'


def assert_refused_within_bounds(run: Run, baseline: Run, reason: str) -> None:
    print(
        f"{run.seconds:.2f} s ({run.seconds - baseline.seconds:+.2f} s beyond a plain refusal), "
        f"peak {run.peak_mb:.0f} MB (plain refusal {baseline.peak_mb:.0f} MB)"
    )
    assert run.summary is not None, (
        f"the import did not finish (exit {run.code}, {run.seconds:.1f} s, "
        f"peak {run.peak_mb:.0f} MB): {run.stderr[-500:]}"
    )
    assert [r["reason"] for r in run.summary["rejected"]] == [reason], run.summary
    assert run.code == 3
    extra = run.seconds - baseline.seconds
    assert extra <= MAX_SECONDS, f"refused after {run.seconds:.1f} s ({extra:.1f} s extra)"
    assert run.peak_mb <= MAX_PEAK_MB, f"peak {run.peak_mb:.0f} MB"


def test_many_recipient_stanzas_are_refused_before_decrypting(
    coordinator: Coordinator, tmp_path: Path
) -> None:
    # ~2 MiB: 20,000 stanzas (the age decrypter's time grows with their square).
    path = tmp_path / "stanzas.svdbundle"
    path.write_bytes(age_header_file(20_000))
    assert 1.8 * MIB < path.stat().st_size < 2.5 * MIB
    run = svdesk(coordinator.home, "import", str(path), timeout=coordinator.baseline.seconds + 20)
    assert_refused_within_bounds(run, coordinator.baseline, "corrupt")
    assert "recipients" in run.summary["rejected"][0]["message"]  # type: ignore[index]


def test_a_huge_age_header_is_refused_before_decrypting(
    coordinator: Coordinator, tmp_path: Path
) -> None:
    path = tmp_path / "header.svdbundle"
    path.write_bytes(age_header_file(1, body_bytes=2 * MIB))
    run = svdesk(coordinator.home, "import", str(path), timeout=coordinator.baseline.seconds + 20)
    assert_refused_within_bounds(run, coordinator.baseline, "corrupt")


def test_a_60_mib_bundle_from_an_unknown_workstation_is_refused_by_its_size(
    coordinator: Coordinator, tmp_path: Path
) -> None:
    path = tmp_path / "big.svdbundle"
    path.write_bytes(
        signed_bundle(
            coordinator.recipient,
            expanding_payload(60 * MIB),
            key=card.new_signing_key(),
            workstation_id=str(uuid.uuid4()),
        )
    )
    run = svdesk(coordinator.home, "import", str(path))
    assert_refused_within_bounds(run, coordinator.baseline, "too_large")


def test_a_bundle_from_an_unknown_workstation_is_refused_before_its_records_are_read(
    coordinator: Coordinator, tmp_path: Path
) -> None:
    path = tmp_path / "unknown.svdbundle"
    path.write_bytes(
        signed_bundle(
            coordinator.recipient,
            expanding_payload(15 * MIB),
            key=card.new_signing_key(),
            workstation_id=str(uuid.uuid4()),
        )
    )
    assert path.stat().st_size < bundle.MAX_BUNDLE_BYTES
    run = svdesk(coordinator.home, "import", str(path))
    assert_refused_within_bounds(run, coordinator.baseline, "unknown_workstation")


@pytest.mark.parametrize("declared", [1, 5_000])
def test_an_enrolled_units_signed_bundle_of_expanding_records_is_refused_unparsed(
    coordinator: Coordinator, tmp_path: Path, declared: int
) -> None:
    """An enrolled supporter can sign with their unit's key: the records of a registered
    workstation are parsed, but only within what the declared records can take."""
    key, ws_id = card.new_signing_key(), str(uuid.uuid4())  # registered below
    first = tmp_path / "first.svdbundle"
    first.write_bytes(
        signed_bundle(
            coordinator.recipient,
            card.canonical_json({"encounters": [], "escalations": []}),
            key=key,
            workstation_id=ws_id,
            encounters=0,
        )
    )
    registered = svdesk(coordinator.home, "import", "--trust-new", str(first))
    assert registered.code == 0, registered.stderr
    crafted = tmp_path / "crafted.svdbundle"
    crafted.write_bytes(
        signed_bundle(
            coordinator.recipient,
            expanding_payload(15 * MIB),
            key=key,
            workstation_id=ws_id,
            sequence=2,
            encounters=declared,
        )
    )
    run = svdesk(coordinator.home, "import", str(crafted))
    assert_refused_within_bounds(run, coordinator.baseline, "corrupt")
    assert "declares" in run.summary["rejected"][0]["message"]  # type: ignore[index]


def test_a_registered_workstation_cannot_move_to_another_unit_unconfirmed(
    coordinator: Coordinator, tmp_path: Path
) -> None:
    """Each import used to overwrite the workstation's site/unit codes with the bundle's."""
    key, ws_id = card.new_signing_key(), str(uuid.uuid4())
    empty = card.canonical_json({"encounters": [], "escalations": []})

    def write(name: str, sequence: int, unit: str) -> Path:
        path = tmp_path / name
        path.write_bytes(
            signed_bundle(
                coordinator.recipient,
                empty,
                key=key,
                workstation_id=ws_id,
                sequence=sequence,
                encounters=0,
                unit_code=unit,
            )
        )
        return path

    assert svdesk(coordinator.home, "import", "--trust-new", str(write("a", 1, "ED1"))).code == 0
    moved = write("b", 2, "ICU")
    run = svdesk(coordinator.home, "import", str(moved))
    assert run.summary is not None, run.stderr
    [rejected] = run.summary["rejected"]
    assert rejected["reason"] == "unknown_workstation"
    assert "registered as S01/ED1" in rejected["message"]
    assert rejected["fingerprint"] == card.fingerprint(card.public_key_of(key))
    confirmed = svdesk(coordinator.home, "import", "--trust-new", str(moved))
    assert confirmed.code == 0, confirmed.summary
    assert svdesk(coordinator.home, "import", str(write("c", 3, "ICU"))).code == 0
