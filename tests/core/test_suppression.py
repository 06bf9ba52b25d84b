"""Small-cell suppression: the 1/10/11 boundaries, complementary suppression, floor, percents."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.coordinator.suppression import check_threshold, suppress_counts, suppress_table
from svdesk.errors import ValidationError


@pytest.mark.parametrize(
    ("count", "shown"), [(0, "0"), (1, "<11"), (10, "<11"), (11, "11"), (250, "250")]
)
def test_boundaries_with_the_default_threshold(count: int, shown: str) -> None:
    # Padding cells keep complementary suppression out of the way of this test.
    result = suppress_counts({"x": count, "a": 0, "b": 500, "c": 600})
    if shown == "<11":
        assert result.cells["x"].text == "<11"
        assert result.cells["x"].value is None
    else:
        assert result.cells["x"].text == shown


def test_a_single_hidden_cell_gets_a_complement() -> None:
    result = suppress_counts({"nurse": 4, "physician_app": 20, "leader": 35, "trainee": 0})
    assert result.cells["nurse"].text == "<11"
    # 59 - 20 - 35 would give the 4 back: the next-smallest cell is hidden too.
    assert result.cells["physician_app"].text == "suppressed"
    assert result.cells["leader"].text == "35"
    assert result.cells["trainee"].text == "0"
    assert result.total.text == "59"


def test_two_hidden_cells_need_no_complement() -> None:
    result = suppress_counts({"a": 3, "b": 4, "c": 40})
    assert [c.text for c in result.cells.values()] == ["<11", "<11", "40"]
    assert result.total.text == "47"


def test_with_no_other_cell_to_hide_the_total_is_hidden() -> None:
    # Categories can repeat, so the total (15 encounters) is not the sum of the cells.
    result = suppress_counts({"near_miss": 5, "other": 0}, total=15)
    assert result.cells["near_miss"].suppressed
    assert result.total.text == "suppressed"


def test_small_total_is_hidden() -> None:
    result = suppress_counts({"a": 3, "b": 4})
    assert result.total.text == "<11"


def test_no_percentages_from_hidden_cells() -> None:
    result = suppress_counts({"a": 4, "b": 20, "c": 76})
    assert result.percent("a") is None
    assert result.percent("b") is None
    assert result.percent("c") == pytest.approx(76.0)
    hidden_total = suppress_counts({"a": 3, "b": 4})
    assert hidden_total.percent("a") is None


def test_threshold_is_configurable_with_a_floor_of_five() -> None:
    result = suppress_counts({"a": 4, "b": 5, "c": 60}, threshold=5)
    assert [c.text for c in result.cells.values()] == ["<5", "suppressed", "60"]
    assert check_threshold(5) == 5
    with pytest.raises(ValidationError, match="minimum of 5"):
        suppress_counts({"a": 1}, threshold=4)
    with pytest.raises(ValidationError, match="whole number"):
        check_threshold(True)


def test_two_way_table_hides_enough_to_stop_subtraction() -> None:
    table = suppress_table([[5, 20, 40], [30, 40, 50]], row_labels=["a", "b"])
    hidden = [[c.suppressed for c in row] for row in table.cells]
    assert hidden[0][0]
    assert table.percent_of_row(0, 0) is None
    _assert_no_line_has_one_hidden(table)


def _assert_no_line_has_one_hidden(table: object) -> None:
    from svdesk.coordinator.suppression import SuppressedTable

    assert isinstance(table, SuppressedTable)
    n_rows, n_cols = len(table.cells), len(table.col_labels)
    for r in range(n_rows):
        if not table.row_totals[r].suppressed:
            hidden = [c for c in table.cells[r] if c.suppressed and c.count > 0]
            assert len(hidden) != 1, f"row {r}"
    for c in range(n_cols):
        if not table.col_totals[c].suppressed:
            hidden = [table.cells[r][c] for r in range(n_rows) if table.cells[r][c].suppressed]
            assert len([h for h in hidden if h.count > 0]) != 1, f"col {c}"
    if not table.total.suppressed:
        assert sum(t.suppressed for t in table.row_totals) != 1
        assert sum(t.suppressed for t in table.col_totals) != 1


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda cols: st.lists(
            st.lists(st.integers(0, 40), min_size=cols, max_size=cols), min_size=1, max_size=4
        )
    )
)
def test_no_hidden_cell_is_alone_in_a_line_with_a_shown_total(counts: list[list[int]]) -> None:
    table = suppress_table(counts)
    for r, row in enumerate(counts):
        for c, value in enumerate(row):
            cell = table.cells[r][c]
            assert cell.count == value
            if 0 < value < 11:
                assert cell.suppressed
                assert cell.text == "<11"
    _assert_no_line_has_one_hidden(table)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefg"), st.integers(0, 40), min_size=1))
def test_one_way_never_leaves_a_single_recoverable_cell(counts: dict[str, int]) -> None:
    result = suppress_counts(counts)
    hidden = [k for k, c in result.cells.items() if c.suppressed]
    if not result.total.suppressed:
        assert len(hidden) != 1
    for k, v in counts.items():
        if 0 < v < 11:
            assert result.cells[k].suppressed
