"""A bundle file that turns into a FIFO between the check and the open (issue 18, item 5): the
import must not block. Before the fix `_read_limited` checked `path.stat()` and then opened the
path, so a FIFO swapped in after the check blocked the import thread until a writer came."""

from __future__ import annotations

import os
import stat
import sys
import threading
import time
from pathlib import Path

import pytest

from svdesk.coordinator.importing import import_bundles
from svdesk.progress import run_to_end
from tests.fakes import close_session, make_session


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
def test_a_fifo_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coord = make_session(tmp_path, role="coordinator")
    fifo = tmp_path / "bundle.svdbundle"
    os.mkfifo(fifo)
    real_stat = Path.stat

    def stat_before_the_swap(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        # What a check made before the swap saw: a regular file of a few bytes.
        result = real_stat(self, *args, **kwargs)  # type: ignore[arg-type]
        if self == fifo:
            values = list(result)
            values[stat.ST_MODE] = stat.S_IFREG | 0o600
            values[stat.ST_SIZE] = 100
            return os.stat_result(values)
        return result

    monkeypatch.setattr(Path, "stat", stat_before_the_swap)
    result: list[object] = []
    worker = threading.Thread(
        target=lambda: result.append(run_to_end(import_bundles(coord, [fifo], trust_new=True))),
        daemon=True,
    )
    start = time.monotonic()
    worker.start()
    worker.join(10)
    if worker.is_alive():
        with open(fifo, "wb"):  # let the blocked open() return so the thread can end
            pass
        worker.join(5)
        pytest.fail("the import blocked on a FIFO swapped in after the check")
    close_session(coord)
    assert time.monotonic() - start < 5
    (summary,) = result
    assert [r["reason"] for r in summary.rejected] == ["corrupt"]  # type: ignore[attr-defined]
    assert "named pipe (FIFO), not a regular file" in summary.rejected[0]["message"]  # type: ignore[attr-defined]
