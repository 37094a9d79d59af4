"""Small-number suppression: no figure below 5 is published, and none can be worked out again
by subtraction from the sums that are published."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetkring.exchange.suppression import (
    SHOWN,
    THRESHOLD,
    Table,
    determined,
    is_small,
    protect,
    protected,
    publish,
    shown,
)


def test_zero_and_one_to_four_are_small_five_is_not():
    """0-4 are hidden alike (a 0 says as much as a 1), 5 and more are shown."""
    assert [is_small(n) for n in (0, 1, 4, 5, 12)] == [True, True, True, False, False]
    assert [publish(n) for n in (0, 3, 5)] == [None, None, 5]
    assert (shown(None), shown(7), SHOWN) == ("<5", "7", "<5")


def test_one_small_part_takes_a_second_part_with_it():
    """Towns 3 and 40 under a published total 43: hiding only the 3 would give it away as
    43 - 40, so the 40 goes too, and the total stays."""
    found = protected(Table.of([[3], [40]], column_totals=True))
    assert (found.cell(0, 0), found.cell(1, 0), found.column_total(0)) == (None, None, 43)


def test_hidden_parts_that_add_up_to_a_small_number_take_a_third():
    """Two hidden towns with 0 and 3 would show their sum, 3; a third town is hidden too."""
    found = protected(Table.of([[0], [3], [7], [30]], column_totals=True))
    assert [found.cell(r, 0) for r in range(4)] == [None, None, None, 30]
    assert found.column_total(0) == 40


def test_a_small_total_is_hidden_with_its_parts():
    """A total of 4 over two towns: everything is hidden."""
    found = protected(Table.of([[1], [3]], column_totals=True))
    assert set(found.published().values()) == {None}


def test_nothing_small_hides_nothing():
    """A table without small numbers is published whole."""
    table = Table.of([[5, 6], [7, 80]], row_totals=True, column_totals=True, grand_total=True)
    assert protect(table) == frozenset()


def test_a_chain_of_subtractions_is_caught():
    """Every row and column has two hidden cells, yet the cell linking two loops of hidden cells
    follows from two row totals minus two column totals: the check sees it."""
    hidden = {(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 2), (2, 3), (3, 2), (3, 3)}
    table = Table.of([[9] * 4] * 4, row_totals=True, column_totals=True)
    assert determined(table, {("cell", r, c) for r, c in hidden}) == {("cell", 1, 2)}


def test_uneven_rows_and_negative_counts_are_refused():
    """A table is rows of equal length with counts of zero or more."""
    with pytest.raises(ValueError):
        Table.of([[1, 2], [3]])
    with pytest.raises(ValueError):
        Table.of([[-1]])


# --- property: whatever the table, nothing hidden can be worked out -----------------------------


def _margins(cells, table: Table) -> dict:
    """The totals of a table with these cells, computed the plain way."""
    n_rows, n_cols = table.shape
    found = {}
    if table.row_totals:
        found |= {("row", r): sum(cells[r][c] for c in range(n_cols)) for r in range(n_rows)}
    if table.column_totals:
        found |= {("column", c): sum(cells[r][c] for r in range(n_rows)) for c in range(n_cols)}
    if table.grand_total:
        found[("grand",)] = sum(sum(row) for row in cells)
    return found


def _members(entry, shape) -> list[tuple[int, int]]:
    """The cells a figure adds up."""
    n_rows, n_cols = shape
    if entry[0] == "cell":
        return [(entry[1], entry[2])]
    if entry[0] == "row":
        return [(entry[1], c) for c in range(n_cols)]
    if entry[0] == "column":
        return [(r, entry[1]) for r in range(n_rows)]
    return [(r, c) for r in range(n_rows) for c in range(n_cols)]


def _null_space(rows: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    """A basis of the vectors that every row maps to zero (the test's own elimination)."""
    rows = [list(r) for r in rows]
    pivots: list[int] = []
    at = 0
    for col in range(width):
        pick = next((i for i in range(at, len(rows)) if rows[i][col] != 0), None)
        if pick is None:
            continue
        rows[at], rows[pick] = rows[pick], rows[at]
        rows[at] = [v / rows[at][col] for v in rows[at]]
        for i in range(len(rows)):
            if i != at and rows[i][col] != 0:
                rows[i] = [a - rows[i][col] * b for a, b in zip(rows[i], rows[at], strict=True)]
        pivots.append(col)
        at += 1
    basis = []
    for free in (c for c in range(width) if c not in pivots):
        vector = [Fraction(0)] * width
        vector[free] = Fraction(1)
        for i, col in enumerate(pivots):
            vector[col] = -rows[i][free]
        basis.append(vector)
    return basis


tables = st.integers(1, 4).flatmap(
    lambda n_rows: st.integers(1, 4).flatmap(
        lambda n_cols: st.builds(
            Table.of,
            st.lists(
                st.lists(
                    st.one_of(st.integers(0, 6), st.integers(0, 40)),
                    min_size=n_cols,
                    max_size=n_cols,
                ),
                min_size=n_rows,
                max_size=n_rows,
            ),
            row_totals=st.booleans(),
            column_totals=st.booleans(),
            grand_total=st.booleans(),
        )
    )
)


@settings(max_examples=250, deadline=None)
@given(tables)
def test_no_hidden_figure_can_be_worked_out(table):
    """For any table: every small figure is hidden; every published figure is true; and for
    every hidden figure there is another table, with other cells, that has exactly the same
    published figures and a different value there (so the published sums cannot pin it down).
    Hidden parts of a line with a published total add up to 5 or more."""
    values = table.values()
    found = protected(table)
    published = {e: v for e, v in found.published().items() if v is not None}
    assert all(e in found.hidden for e, v in values.items() if v < THRESHOLD)
    assert all(values[e] == v for e, v in published.items())

    shape = table.shape
    unknown = [cell for cell in _members(("grand",), shape) if ("cell", *cell) in found.hidden]
    where = {cell: i for i, cell in enumerate(unknown)}
    equations = []
    for entry in published:
        if entry[0] != "cell":
            row = [Fraction(0)] * len(unknown)
            for cell in _members(entry, shape):
                if cell in where:
                    row[where[cell]] += 1
            equations.append(row)
    basis = _null_space(equations, len(unknown))
    for entry in found.hidden:
        weights = [Fraction(cell in _members(entry, shape)) for cell in unknown]
        moving = next(
            (v for v in basis if sum(w * x for w, x in zip(weights, v, strict=True))), None
        )
        assert moving is not None, f"{entry} follows from the published sums"
        other = [list(map(Fraction, row)) for row in table.cells]
        for cell, step in zip(unknown, moving, strict=True):
            other[cell[0]][cell[1]] += step
        again = {("cell", r, c): v for r, row in enumerate(other) for c, v in enumerate(row)}
        again |= _margins(other, table)
        assert all(again[e] == v for e, v in published.items())
        assert again[entry] != values[entry]

    for total in published:
        if total[0] in ("row", "column", "grand"):
            for parts in _line_parts(total, table):
                hidden_sum = sum(values[p] for p in parts if p in found.hidden)
                assert hidden_sum == 0 or hidden_sum >= THRESHOLD


def _line_parts(total, table: Table) -> list[list]:
    """The parts each published line adds up to ``total``."""
    return [list(line.parts) for line in table.lines() if line.total == total]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=1, max_size=12))
def test_a_column_of_towns_keeps_its_total_when_it_can(counts):
    """One column over towns with its total: the total is hidden only when it is small
    itself, and a hidden town never stands alone."""
    found = protected(Table.of([[n] for n in counts], column_totals=True))
    total = sum(counts)
    assert (found.column_total(0) is None) == (total < THRESHOLD)
    hidden_towns = [r for r in range(len(counts)) if found.cell(r, 0) is None]
    assert len(hidden_towns) != 1 or found.column_total(0) is None
