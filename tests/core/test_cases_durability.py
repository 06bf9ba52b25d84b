"""An acknowledged answer survives the process being killed (SIGKILL) right after the ack."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_cases_support import new_unit, open_store, protocol

from svdesk.unit import drafts

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

# The child saves stress.symptom_days = 0, 1, 2, … and prints "ACK n" after each save returns.
CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    from pathlib import Path
    from test_cases_support import Unit, open_store, protocol
    from svdesk.unit import drafts

    unit = Unit(Path(sys.argv[2]), open_store(Path(sys.argv[2])))
    ctx = unit.ctx()
    draft_id = sys.argv[3]
    n = 0
    while True:
        drafts.save_answer(ctx, draft_id, "stress.symptom_days", n, protocol=protocol())
        sys.stdout.write(f"ACK {n}\\n")
        sys.stdout.flush()
        n += 1
    """
)


def test_no_acknowledged_answer_is_lost_when_the_process_is_killed(tmp_path: Path) -> None:
    unit = new_unit(tmp_path)
    draft = drafts.start_conversation(unit.ctx(), protocol())
    unit.db.conn.close()
    rng = random.Random(20261128)
    figures = []
    for round_no in range(4):
        kill_after = rng.randint(1, 40)
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(Path(__file__).parent), str(unit.path), draft.id],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        acked = -1
        for line in child.stdout:
            acked = int(line.split()[1])
            if acked >= kill_after:
                child.send_signal(signal.SIGKILL)  # right after the acknowledgement
                break
        child.wait(timeout=60)
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL, f"round {round_no}: child ended on its own"

        db = open_store(unit.path)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        row = db.execute("SELECT answers FROM drafts WHERE id = ?", [draft.id]).fetchone()
        saved = json.loads(row[0])["stress.symptom_days"]
        db.conn.close()
        assert saved >= acked, f"round {round_no}: acknowledged {acked}, found {saved}"
        figures.append((acked, saved))
    print(f"kill -9 after ack (acknowledged, found): {figures}")
