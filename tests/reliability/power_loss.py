"""Power-loss simulation (issue 18): a child saves, rotates its key, backs up and exports with
the LD_PRELOAD shim of `powerloss/shim.c` (compiled here with the system cc), is killed at a
random moment, and its data folder is rebuilt as a power cut would have left it — each file as
of its last fsync, each folder as of its last directory fsync (`shim.c` says how). The rebuilt
store must open with every acknowledged save (a save is acknowledged once its commit returned)
and pass quick_check and the store check.

    python -m tests.reliability.power_loss --runs 200     (scripts/reliability; the suite runs 3)
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from svdesk.access.workstation import Workstation

SHIM_SOURCE = Path(__file__).with_name("powerloss") / "shim.c"
PASSPHRASE = "a long passphrase for power loss"

CHILD = r"""
import os, sys
os.environ["SVDESK_KDF_PROFILE"] = "test"
from pathlib import Path
from svdesk.access.workstation import Workstation
from svdesk.exchange import card
from svdesk.progress import run_to_end
from svdesk.unit import export
home, out = Path(sys.argv[1]), Path(sys.argv[2])
s, _ = Workstation.create(home, role="unit", site="S", unit="U", admin_name="A",
                          passphrase=sys.argv[3], secrets=None, passphrase_only=True)
export.pair(s, card.make_card(card.generate_coordinator_keys(), site_code="S"))
if sys.argv[4:] == ["nosync"]:  # the control: commits that do not wait for the disk
    s.store.conn.execute("PRAGMA synchronous = OFF")
with s.store.transaction() as db:
    db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, payload TEXT)")
print("ready", flush=True)
i = 0
while True:
    i += 1
    with s.store.transaction() as db:
        db.execute("INSERT INTO probe VALUES (?, ?)", [i, os.urandom(400).hex()])
    print(i, flush=True)  # acknowledged: the commit returned
    if i % 25 == 0:
        s.rotate_key()
    if i % 40 == 0:
        s.backup()
    if i % 30 == 0:
        run_to_end(export.export_bundle(s, out))
"""


@dataclass
class Outcome:
    acknowledged: int
    found: int
    lost: int
    corrupt: bool
    message: str = ""


def build_shim(into: Path) -> Path | None:
    """The shim compiled with the system cc (None when there is no compiler)."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None or not sys.platform.startswith("linux"):
        return None
    lib = into / "plsim.so"
    subprocess.run(
        [cc, "-shared", "-fPIC", "-O2", "-o", str(lib), str(SHIM_SOURCE), "-ldl"], check=True
    )
    return lib


def rebuild(shadow: Path, original: Path, into: Path) -> None:
    """`original` (a folder) as the last fsyncs left it, written into `into`."""
    listing = shadow / f"dir-{original.stat().st_ino}"
    into.mkdir(parents=True)
    if not listing.exists():
        return
    for line in listing.read_text(encoding="utf-8").splitlines():
        ino, _, name = line.partition(" ")
        content = shadow / f"ino-{ino}"
        target = into / name
        if content.exists():
            shutil.copyfile(content, target)
        else:
            target.touch()  # created and named durably, its data never synced


def one_run(lib: Path, work: Path, rng: random.Random, *, nosync: bool = False) -> Outcome:
    home, out, shadow = work / "home", work / "usb", work / "shadow"
    for d in (out, shadow):
        d.mkdir(parents=True)
    env = {**os.environ, "LD_PRELOAD": str(lib), "PLSIM_DIR": str(shadow)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(home), str(out), PASSPHRASE, *(["nosync"] * nosync)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    if child.stdout.readline().strip() != "ready":
        child.kill()
        return Outcome(0, 0, 0, True, "child did not start: " + (child.stderr.read() or "")[-500:])
    time.sleep(rng.uniform(0.05, 1.5))
    child.kill()  # the power goes: nothing after the last fsync survives
    rest, _ = child.communicate()
    acknowledged = [int(x) for x in rest.split() if x.isdigit()]
    top = max(acknowledged, default=0)
    cut = work / "after-the-cut"
    rebuild(shadow, home, cut)
    ws: Workstation | None = None
    try:
        ws = Workstation.open(cut, None)
        session = ws.unlock(ws.supporters()[0].id, PASSPHRASE)
    except Exception as exc:  # any failure to open counts as a corrupt store here
        if ws is not None:
            ws.close()
        return Outcome(top, 0, top, True, f"{type(exc).__name__}: {exc}")
    try:
        ids = {int(r[0]) for r in session.db.execute("SELECT id FROM probe")}
        quick = [str(r[0]) for r in session.store.conn.execute("PRAGMA quick_check")]
        report = session.check()
    finally:
        session.lock()
        ws.close()
    lost = len(set(range(1, top + 1)) - ids)
    corrupt = quick != ["ok"] or not report.ok
    return Outcome(top, len(ids), lost, corrupt, "; ".join(report.problems))


def run(runs: int, seed: int = 18, *, nosync: bool = False) -> list[Outcome]:
    os.environ.setdefault("SVDESK_KDF_PROFILE", "test")
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="svdesk-powerloss-") as tmp:
        lib = build_shim(Path(tmp))
        if lib is None:
            raise SystemExit("power-loss simulation needs Linux and a C compiler (cc)")
        return [one_run(lib, Path(tmp) / f"run{i}", rng, nosync=nosync) for i in range(runs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    start = time.monotonic()
    outcomes = run(args.runs)
    acknowledged = sum(o.acknowledged for o in outcomes)
    lost = sum(o.lost for o in outcomes)
    corrupt = [o for o in outcomes if o.corrupt]
    print(
        f"power loss at {len(outcomes)} random moments of saves, key rotations, backups and "
        f"exports: {acknowledged} acknowledged saves, {lost} lost, {len(corrupt)} corrupt stores "
        f"({time.monotonic() - start:.0f} s)"
    )
    for o in corrupt[:5]:
        print("  corrupt:", o.message)
    return 1 if lost or corrupt else 0


if __name__ == "__main__":
    sys.exit(main())
