"""Synthetic coordinator data for the import and dashboard benchmarks: signed, encrypted bundles
built with `svdesk.exchange.bundle.build_bundle` exactly as a unit workstation exports them."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from svdesk.access.session import Session
from svdesk.access.workstation import Workstation
from svdesk.content.record_fields import ESCALATION_LEVELS
from svdesk.coordinator.importing import ImportSummary, import_bundles
from svdesk.coordinator.keys import coordinator_keys, init_coordinator_keys
from svdesk.coordinator.rows import db_value
from svdesk.coordinator.summaries import period_month
from svdesk.exchange import bundle, card, fields
from svdesk.keys import crypto
from svdesk.storage.schema import SCHEMA_VERSION

PASSPHRASE = "benchmark passphrase for the coordinator"
UNITS = ("ICU", "ED", "MED", "OBS", "SURG")
BENCHMARK_SEED = 2026


@contextlib.contextmanager
def cheap_kdf() -> Iterator[None]:
    """The test suite's cheap Argon2 cost, as tests/conftest.py gets it: SVDESK_KDF_PROFILE=test
    with `tests.kdf_profile` importable (run.py puts the checkout on sys.path). It must hold at
    unlock too, not only when the slot is made: outside it the floor refuses the cheap slot."""
    previous = os.environ.get(crypto.KDF_PROFILE_ENV)
    os.environ[crypto.KDF_PROFILE_ENV] = "test"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(crypto.KDF_PROFILE_ENV)
        else:
            os.environ[crypto.KDF_PROFILE_ENV] = previous


def coordinator_store(home: Path) -> Session:
    """A passphrase-only coordinator store with the cheap test KDF (unlocking is not what
    these benchmarks measure)."""
    with cheap_kdf():
        session, _code = Workstation.create(
            home,
            role="coordinator",
            site="NORTH",
            unit=None,
            admin_name="Bench",
            passphrase=PASSPHRASE,
            secrets=None,
            passphrase_only=True,
        )
    init_coordinator_keys(session)
    return session


def unlock(home: Path) -> Session:
    with cheap_kdf():
        ws = Workstation.open(home, None)
        return ws.unlock(ws.supporters()[0].id, PASSPHRASE)


def copy_store(source: Path, target: Path) -> Path:
    """A copy of a closed store (same keys), to import into afresh."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.lock"))
    return target


def close(session: Session) -> None:
    session.lock()
    session.workstation.close()


def _pick(rng: random.Random, name: str) -> str:
    field = next(f for f in fields.ENCOUNTER_FIELDS if f.name == name)
    return rng.choice(field.codes)


def encounter(rng: random.Random, week: str, unit: str, supporter: str) -> dict[str, Any]:
    """One coded encounter as a unit exports it (every allow-listed field filled)."""
    zone = rng.choices(["green", "yellow", "orange", "red"], weights=[5, 4, 2, 1])[0]
    level = None if zone in ("green", "yellow") else rng.choice(ESCALATION_LEVELS)
    return {
        "encounter_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "case_code": f"C-{rng.randrange(10**6):06d}",
        "site_code": "NORTH",
        "unit_code": unit,
        "encounter_type": _pick(rng, "encounter_type"),
        "modality": _pick(rng, "modality"),
        "format": _pick(rng, "format"),
        "people_reached": rng.randint(1, 12),
        "role_category": _pick(rng, "role_category"),
        "unit_category": _pick(rng, "unit_category"),
        "activation_source": _pick(rng, "activation_source"),
        "event_categories": rng.sample(
            next(f for f in fields.ENCOUNTER_FIELDS if f.name == "event_categories").codes,
            rng.choice([1, 1, 2]),
        ),
        "time_since_event": _pick(rng, "time_since_event"),
        "response_time": _pick(rng, "response_time"),
        "duration": _pick(rng, "duration"),
        "recovery_stage": _pick(rng, "recovery_stage"),
        "stress_zone": zone,
        "interventions": ["listening", "normalisation"],
        "screens_done": ["cssrs"],
        "screen_positive": zone == "red",
        "escalation_level": level,
        "escalation_actions": ["supporter_debrief"] if level else [],
        "escalation_rules": ["r.orange_zone"] if level else [],
        "referral_targets": ["eap"] if level else [],
        "referral_accepted": _pick(rng, "referral_accepted"),
        "followup_plan": _pick(rng, "followup_plan"),
        "needs_met": _pick(rng, "needs_met"),
        "supporter_own_distress": _pick(rng, "supporter_own_distress"),
        "supporter_id": supporter,
        "protocol_version": "1",
        "rules_version": "1",
        "created_week": week,
    }


def write_bundles(
    folder: Path, recipient: str, *, bundles: int, per_bundle: int, seed: int = BENCHMARK_SEED
) -> list[Path]:
    """`bundles` files from five unit workstations, `per_bundle` encounters each, over 2 years
    of ISO weeks; deterministic for a seed."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    stations = [
        (unit, str(uuid.UUID(int=rng.getrandbits(128), version=4)), card.new_signing_key())
        for unit in UNITS
    ]
    sequences = dict.fromkeys(UNITS, 0)
    supporters = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(20)]
    paths = []
    for i in range(bundles):
        unit, ws_id, key = stations[i % len(stations)]
        sequences[unit] += 1
        week = f"{2025 + (i * 104 // bundles) // 52}-W{(i * 104 // bundles) % 52 + 1:02d}"
        records = (encounter(rng, week, unit, rng.choice(supporters)) for _ in range(per_bundle))
        built = bundle.build_bundle(
            records=records,
            escalations=[],
            workstation_id=ws_id,
            sequence=sequences[unit],
            signing_key=key,
            recipients=[recipient],
            schema_version=SCHEMA_VERSION,
            created_week=week,
            site_code="NORTH",
            unit_code=unit,
        )
        path = folder / f"svdesk-NORTH-{unit}-{sequences[unit]:06d}{bundle.BUNDLE_SUFFIX}"
        path.write_bytes(built.data)
        paths.append(path)
    return paths


def import_all(session: Session, paths: list[Path]) -> ImportSummary:
    run = import_bundles(session, paths, trust_new=True)
    while True:
        try:
            next(run)
        except StopIteration as done:
            summary: ImportSummary = done.value
            return summary


def iter_rows(session: Session, paths: list[Path]) -> Iterator[list[list[Any]]]:
    """Per bundle, the coord_encounters rows the import writes (opened and checked here, so
    that the raw baseline pays only for the insert)."""
    keys = coordinator_keys(session)
    for path in paths:
        opened = bundle.open_bundle(
            path.read_bytes(),
            identity=keys.age_identity,
            known_workstations={},
            last_sequences={},
            seen_hashes=(),
            trust_new=True,
            label=path.name,
        )
        m = opened.manifest
        yield [
            [
                *(db_value(n, rec[n]) for n in fields.ENCOUNTER_FIELD_NAMES),
                m.workstation_id,
                m.sequence,
                period_month(rec["created_week"]),
            ]
            for rec in opened.encounters
        ]


def prepared(tmp: Path, *, bundles: int, per_bundle: int) -> tuple[Path, list[Path]]:
    """A closed coordinator store (never imported into) and its bundles, made once per
    benchmark run and shared by the import and dashboard benchmarks."""
    folder = tmp / f"coordinator-{bundles}x{per_bundle}"
    template = folder / "coordinator"
    listing = folder / "bundles.txt"
    if listing.exists():
        return template, [Path(line) for line in listing.read_text().splitlines()]
    print(f"  writing {bundles} bundles × {per_bundle} encounters", file=sys.stderr)
    session = coordinator_store(template)
    recipient = coordinator_keys(session).age_recipient
    close(session)
    paths = write_bundles(folder / "bundles", recipient, bundles=bundles, per_bundle=per_bundle)
    listing.write_text("\n".join(str(p) for p in paths))
    return template, paths
