#!/usr/bin/env python3
"""kill -9 at random points while a child process saves rows; then prove no acknowledged save
was lost and the store still opens with quick_check and a full check ok.

    python scripts/kill_loop.py --count 1000        # the long run
    python scripts/kill_loop.py --count 20 --seed 1 # what tests/reliability runs

Prints one JSON line of figures; exit status 0 only if nothing acknowledged was lost.
Uses a passphrase-only store and the cheap test KDF (the KDF is not what is under test).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["SVDESK_KDF_PROFILE"] = "test"

from svdesk.access.session import Session  # noqa: E402
from svdesk.access.workstation import Workstation  # noqa: E402

PASSPHRASE = "kill loop passphrase"


def _unlock(home: Path) -> Session:
    ws = Workstation.open(home, None)
    return ws.unlock(ws.supporters()[0].id, PASSPHRASE)


def child(home: Path) -> int:
    """Save rows forever; print each id only after its transaction has committed."""
    session = _unlock(home)
    conn = session.store.conn
    next_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM probe").fetchone()[0]) + 1
    while True:
        payload = os.urandom(48).hex()  # small rows: the store stays small over 1000 rounds
        with session.store.transaction():
            conn.execute(
                "INSERT INTO probe (id, payload, digest) VALUES (?, ?, ?)",
                (next_id, payload, hashlib.sha256(payload.encode()).hexdigest()),
            )
            conn.execute("UPDATE counter SET n = n + 1, last = ? WHERE id = 1", (next_id,))
        sys.stdout.write(f"{next_id}\n")
        sys.stdout.flush()
        next_id += 1


def make_store(home: Path) -> None:
    session, _ = Workstation.create(
        home,
        role="unit",
        site="KILL",
        unit="LOOP",
        admin_name="Admin",
        passphrase=PASSPHRASE,
        secrets=None,
        passphrase_only=True,
    )
    with session.store.transaction() as db:
        db.execute(
            "CREATE TABLE probe (id INTEGER PRIMARY KEY, payload TEXT NOT NULL, digest TEXT)"
        )
        db.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER, last INTEGER)")
        db.execute("INSERT INTO counter VALUES (1, 0, 0)")
    session.lock()
    session.workstation.close()


def one_round(home: Path, rng: random.Random) -> tuple[set[int], int]:
    """Start a saver, kill -9 it at a random moment; (acknowledged ids, exit status)."""
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(home)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    if rng.random() < 0.15:
        time.sleep(rng.uniform(0.0, 0.6))  # sometimes during start-up / unlock
    else:
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        sel.select(timeout=20)  # the first save
        sel.close()
        time.sleep(rng.uniform(0.0, 0.25))
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate()
    lines = out.decode().split("\n")
    acknowledged = {int(x) for x in lines[:-1] if x}  # the last piece may be a torn line
    if proc.returncode != -signal.SIGKILL:
        sys.stderr.write(err.decode())
    return acknowledged, proc.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20, help="how many kills")
    parser.add_argument("--home", type=Path, help="data folder (default: a temporary one)")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child)
    rng = random.Random(args.seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home or Path(tmp) / "store"
        if not Workstation.exists(home):
            make_store(home)
        acknowledged: set[int] = set()
        crashed_otherwise = 0
        for _ in range(args.count):
            acked, status = one_round(home, rng)
            acknowledged |= acked
            if status != -signal.SIGKILL:
                crashed_otherwise += 1
        session = _unlock(home)  # quick_check runs at open
        conn = session.store.conn
        rows = {int(i): (p, d) for i, p, d in conn.execute("SELECT id, payload, digest FROM probe")}
        lost = sorted(acknowledged - rows.keys())
        corrupt = [i for i, (p, d) in rows.items() if hashlib.sha256(p.encode()).hexdigest() != d]
        counter = conn.execute("SELECT n, last FROM counter").fetchone()
        report = session.check()
        session.lock()
        session.workstation.close()
    figures = {
        "kills": args.count,
        "acknowledged": len(acknowledged),
        "rows": len(rows),
        "committed_not_acknowledged": len(rows.keys() - acknowledged),
        "lost": len(lost),
        "corrupt_rows": len(corrupt),
        "counter_matches_rows": counter[0] == len(rows),
        "children_not_killed_by_us": crashed_otherwise,
        "check_ok": report.ok,
        "problems": report.problems[:5],
        "seconds": round(time.monotonic() - started, 1),
    }
    print(json.dumps(figures))
    ok = not lost and not corrupt and report.ok and counter[0] == len(rows)
    ok = ok and crashed_otherwise == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
