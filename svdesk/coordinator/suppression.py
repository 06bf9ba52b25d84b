"""Small-cell suppression for reports that leave the coordinator.

Counts from 1 to `threshold - 1` are shown as "<threshold" (default "<11"); complementary
suppression then hides one more cell (shown as "suppressed") in any row or column where a single
hidden cell could be recovered by subtracting the others from the shown total. Percentages are
never computed from a hidden cell or a hidden total.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from svdesk.errors import ValidationError

DEFAULT_THRESHOLD: Final = 11
MINIMUM_THRESHOLD: Final = 5
SUPPRESSED_TEXT: Final = "suppressed"


def check_threshold(threshold: int) -> int:
    if isinstance(threshold, bool) or not isinstance(threshold, int):
        raise ValidationError(
            "The suppression threshold must be a whole number.",
            [("suppression_threshold", "is not an integer")],
        )
    if threshold < MINIMUM_THRESHOLD:
        raise ValidationError(
            f"The suppression threshold {threshold} is below the minimum of "
            f"{MINIMUM_THRESHOLD}; choose {MINIMUM_THRESHOLD} or more.",
            [("suppression_threshold", f"must be at least {MINIMUM_THRESHOLD}")],
        )
    return threshold


@dataclass(frozen=True)
class Cell:
    count: int
    suppressed: bool
    threshold: int

    @property
    def text(self) -> str:
        """The count, "<11" for a small count, or "suppressed" for a complementary cell.

        A complementary cell is not small, so "<11" would be untrue; its value stays hidden.
        """
        if not self.suppressed:
            return str(self.count)
        if 0 < self.count < self.threshold:
            return f"<{self.threshold}"
        return SUPPRESSED_TEXT

    @property
    def value(self) -> int | None:
        """The count when it may be shown, else None."""
        return None if self.suppressed else self.count


@dataclass(frozen=True)
class SuppressedTable:
    """Rows × columns of counts, with row totals, column totals and a grand total.

    A total is the sum of its cells unless given; `percent_of_row` uses the row total.
    """

    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    col_totals: tuple[Cell, ...]
    total: Cell

    def percent_of_row(self, r: int, c: int) -> float | None:
        cell, base = self.cells[r][c], self.row_totals[r]
        if cell.suppressed or base.suppressed or base.count == 0:
            return None
        return 100.0 * cell.count / base.count

    def percent_of_total(self, r: int, c: int) -> float | None:
        cell = self.cells[r][c]
        if cell.suppressed or self.total.suppressed or self.total.count == 0:
            return None
        return 100.0 * cell.count / self.total.count


def _small(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def count_text(count: int, threshold: int) -> str:
    """A count as a report that leaves the coordinator may show it: "<11" when it is small."""
    return f"<{threshold}" if _small(count, threshold) else str(count)


def suppress_table(
    counts: Sequence[Sequence[int]],
    *,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    row_totals: Sequence[int] | None = None,
    col_totals: Sequence[int] | None = None,
) -> SuppressedTable:
    """Primary and complementary suppression of a 2-D table of counts.

    Totals default to the sums; pass them explicitly when a category can repeat (an encounter
    with several event categories), in which case they are not the sums but are suppressed the
    same way (conservative).
    """
    check_threshold(threshold)
    rows = [list(r) for r in counts]
    n_rows = len(rows)
    n_cols = len(rows[0]) if rows else 0
    if any(len(r) != n_cols for r in rows):
        raise ValueError("every row of a table needs the same number of cells")
    if any(c < 0 for r in rows for c in r):
        raise ValueError("counts cannot be negative")
    r_tot = list(row_totals) if row_totals is not None else [sum(r) for r in rows]
    c_tot = (
        list(col_totals)
        if col_totals is not None
        else [sum(rows[r][c] for r in range(n_rows)) for c in range(n_cols)]
    )
    grand = sum(r_tot)

    hidden = [[_small(rows[r][c], threshold) for c in range(n_cols)] for r in range(n_rows)]
    r_hidden = [_small(t, threshold) for t in r_tot]
    c_hidden = [_small(t, threshold) for t in c_tot]
    g_hidden = _small(grand, threshold)

    def protect(line: list[tuple[int, int]], total_hidden: bool) -> bool | None:
        """Hide one more cell of a line whose single hidden cell is recoverable.

        Returns None when nothing changed, True when a cell was hidden, False when the line's
        total had to be hidden instead.
        """
        hidden_cells = [(r, c) for r, c in line if hidden[r][c]]
        if total_hidden or len(hidden_cells) != 1:
            return None
        candidates = [(rows[r][c], r, c) for r, c in line if not hidden[r][c] and rows[r][c] > 0]
        if not candidates:
            return False
        _, r, c = min(candidates)
        hidden[r][c] = True
        return True

    changed = True
    while changed:
        changed = False
        for r in range(n_rows):
            result = protect([(r, c) for c in range(n_cols)], r_hidden[r])
            if result is False:
                r_hidden[r] = True
            changed = changed or result is not None
        for c in range(n_cols):
            result = protect([(r, c) for r in range(n_rows)], c_hidden[c])
            if result is False:
                c_hidden[c] = True
            changed = changed or result is not None
        # The row (column) totals form a line of their own against the grand total: one hidden
        # total could be recovered by subtraction, so hide the next-smallest one as well, and
        # one of its cells so that it cannot be re-added from its own line.
        for flags, axis in ((r_hidden, "row"), (c_hidden, "col")):
            if g_hidden or sum(flags) != 1 or len(flags) < 2:
                continue
            totals = r_tot if axis == "row" else c_tot
            candidates = [(t, i) for i, t in enumerate(totals) if not flags[i] and t > 0]
            if not candidates:
                g_hidden = True
            else:
                i = min(candidates)[1]
                flags[i] = True
                line = (
                    [(i, c) for c in range(n_cols)]
                    if axis == "row"
                    else [(r, i) for r in range(n_rows)]
                )
                open_cells = [(rows[r][c], r, c) for r, c in line if rows[r][c] > 0]
                if open_cells and not any(hidden[r][c] for r, c in line):
                    _, r, c = min(open_cells)
                    hidden[r][c] = True
            changed = True

    def cell(count: int, flag: bool) -> Cell:
        return Cell(count, flag, threshold)

    return SuppressedTable(
        row_labels=tuple(row_labels or (str(i) for i in range(n_rows))),
        col_labels=tuple(col_labels or (str(i) for i in range(n_cols))),
        cells=tuple(
            tuple(cell(rows[r][c], hidden[r][c]) for c in range(n_cols)) for r in range(n_rows)
        ),
        row_totals=tuple(cell(t, f) for t, f in zip(r_tot, r_hidden, strict=True)),
        col_totals=tuple(cell(t, f) for t, f in zip(c_tot, c_hidden, strict=True)),
        total=cell(grand, g_hidden),
    )


@dataclass(frozen=True)
class SuppressedCounts:
    """One category → count table with its total, after suppression."""

    cells: dict[str, Cell]
    total: Cell

    def percent(self, key: str) -> float | None:
        cell = self.cells[key]
        if cell.suppressed or self.total.suppressed or self.total.count == 0:
            return None
        return 100.0 * cell.count / self.total.count


def suppress_counts(
    counts: Mapping[str, int], *, threshold: int = DEFAULT_THRESHOLD, total: int | None = None
) -> SuppressedCounts:
    """Suppression of one list of category counts against its total (the sum unless given).

    Give `total` when categories can repeat (several event categories per encounter); the same
    protection then applies, conservatively.
    """
    check_threshold(threshold)
    if any(v < 0 for v in counts.values()):
        raise ValueError("counts cannot be negative")
    whole = sum(counts.values()) if total is None else total
    hidden = {k: _small(v, threshold) for k, v in counts.items()}
    total_hidden = _small(whole, threshold)
    if not total_hidden and sum(hidden.values()) == 1:
        candidates = [(v, k) for k, v in counts.items() if not hidden[k] and v > 0]
        if candidates:
            hidden[min(candidates)[1]] = True
        else:
            total_hidden = True
    return SuppressedCounts(
        cells={k: Cell(v, hidden[k], threshold) for k, v in counts.items()},
        total=Cell(whole, total_hidden, threshold),
    )
