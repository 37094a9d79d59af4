"""Small numbers: no figure that leaves the laptop may be based on fewer than 5 people.

Pure rules over plain data, no database. A count below ``THRESHOLD`` is *small* and is never
published: no number, no average, "<5" on paper and ``null`` in JSON.

- **Zero is small too.** A published 0 says something about every person in the group ("none
  of them stopped"), and if 0 were shown while 1-4 were hidden, "<5" would come to mean "at
  least one": the reader would learn that someone did. Hiding 0-4 alike keeps "<5" meaning
  only "fewer than five".
- **Complementary suppression.** A hidden cell must not come back by subtraction. A table
  publishes sums (a total per column over the towns, say): every published sum is an equation,
  and a hidden value may not be the only unknown that those equations pin down. ``protect``
  hides more cells until (1) no line (a total and the parts it adds up) has exactly one hidden
  member, (2) the hidden parts of a line whose total is published add up to ``THRESHOLD`` or
  more (otherwise their sum is itself a small number, and a sum of 0 gives every part away),
  and (3) no hidden value follows from any combination of the published sums (checked exactly,
  by linear algebra over fractions, which also catches chains of subtractions over several
  rows and columns that rule 1 alone would miss).
- Which extra cell goes: the smallest published part of a line with a problem, so the least is
  lost; a published total goes only when a line has no published part left. Totals are what
  readers want most, so they stay wherever the rules allow.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

THRESHOLD = 5
SHOWN = f"<{THRESHOLD}"  # what paper, CSV and spreadsheets show for a hidden figure

# Where a figure sits in a table: ("cell", row, column), ("row", row) for a row's total,
# ("column", column) for a column's total, ("grand",) for the total of everything.
Entry = tuple


def is_small(count: int) -> bool:
    """True for a count of people that may not be published: below THRESHOLD, zero included."""
    return count < THRESHOLD


def publish(count: int) -> int | None:
    """A count of people as it may be published: itself, or None when it is small."""
    return None if is_small(count) else count


def shown(value: int | None) -> str:
    """A count as paper shows it: the number, or "<5" for a hidden one."""
    return SHOWN if value is None else str(value)


@dataclass(frozen=True)
class Line:
    """One published sum: ``total`` is the sum of ``parts``."""

    total: Entry
    parts: tuple[Entry, ...]


@dataclass(frozen=True)
class Table:
    """Counts of people in rows and columns, and which of their totals are published.

    ``row_totals``: each row's sum is published; ``column_totals``: each column's sum;
    ``grand_total``: the sum of everything (it adds up the row totals, the column totals, or
    else the cells).
    """

    cells: tuple[tuple[int, ...], ...]
    row_totals: bool = False
    column_totals: bool = False
    grand_total: bool = False

    @classmethod
    def of(cls, cells: Iterable[Sequence[int]], **totals: bool) -> Table:
        """A table from any rows of counts (all rows as long as the first)."""
        rows = tuple(tuple(int(v) for v in row) for row in cells)
        if any(len(row) != len(rows[0]) for row in rows):
            raise ValueError("every row of a table needs the same number of cells")
        if any(v < 0 for row in rows for v in row):
            raise ValueError("counts are never negative")
        return cls(rows, **totals)

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns)."""
        return len(self.cells), len(self.cells[0]) if self.cells else 0

    def values(self) -> dict[Entry, int]:
        """Every figure the table would publish, by entry."""
        n_rows, n_cols = self.shape
        found: dict[Entry, int] = {
            ("cell", r, c): self.cells[r][c] for r in range(n_rows) for c in range(n_cols)
        }
        if self.row_totals:
            found |= {("row", r): sum(self.cells[r]) for r in range(n_rows)}
        if self.column_totals:
            found |= {("column", c): sum(row[c] for row in self.cells) for c in range(n_cols)}
        if self.grand_total:
            found[("grand",)] = sum(map(sum, self.cells))
        return found

    def lines(self) -> list[Line]:
        """The sums the table publishes, each as an equation between a total and its parts."""
        n_rows, n_cols = self.shape
        found = []
        if self.row_totals:
            for r in range(n_rows):
                found.append(Line(("row", r), tuple(("cell", r, c) for c in range(n_cols))))
        if self.column_totals:
            for c in range(n_cols):
                found.append(Line(("column", c), tuple(("cell", r, c) for r in range(n_rows))))
        if self.grand_total:
            if self.row_totals:
                found.append(Line(("grand",), tuple(("row", r) for r in range(n_rows))))
            if self.column_totals:
                found.append(Line(("grand",), tuple(("column", c) for c in range(n_cols))))
            if not (self.row_totals or self.column_totals):
                every = tuple(("cell", r, c) for r in range(n_rows) for c in range(n_cols))
                found.append(Line(("grand",), every))
        return found


# --- the rules ---------------------------------------------------------------------------------


def determined(table: Table, hidden: Iterable[Entry]) -> set[Entry]:
    """The hidden entries whose value follows from the published ones through the table's sums.

    Each line is an equation (parts minus total is 0); published members move to the other
    side. A hidden entry is determined exactly when its unit vector lies in the row space of
    the equations over the hidden entries, i.e. when the reduced row echelon form has a row
    that is that unit vector.
    """
    unknowns = sorted(set(hidden))
    index = {entry: i for i, entry in enumerate(unknowns)}
    rows: list[list[Fraction]] = []
    for line in table.lines():
        row = [Fraction(0)] * len(unknowns)
        for entry, coefficient in [*((p, 1) for p in line.parts), (line.total, -1)]:
            if entry in index:
                row[index[entry]] += coefficient
        if any(row):
            rows.append(row)
    return {unknowns[i] for i in _unit_rows(_reduced(rows, len(unknowns)))}


def _reduced(rows: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    """The reduced row echelon form (Gauss-Jordan over exact fractions)."""
    rows = [list(r) for r in rows]
    pivot_row = 0
    for column in range(width):
        pick = next((i for i in range(pivot_row, len(rows)) if rows[i][column] != 0), None)
        if pick is None:
            continue
        rows[pivot_row], rows[pick] = rows[pick], rows[pivot_row]
        lead = rows[pivot_row][column]
        rows[pivot_row] = [v / lead for v in rows[pivot_row]]
        for i, other in enumerate(rows):
            if i != pivot_row and other[column] != 0:
                factor = other[column]
                rows[i] = [a - factor * b for a, b in zip(other, rows[pivot_row], strict=True)]
        pivot_row += 1
    return rows[:pivot_row]


def _unit_rows(rows: list[list[Fraction]]) -> list[int]:
    """The columns i for which some row is the unit vector e_i."""
    found = []
    for row in rows:
        nonzero = [i for i, v in enumerate(row) if v != 0]
        if len(nonzero) == 1:
            found.append(nonzero[0])
    return found


def problems(table: Table, hidden: set[Entry]) -> list[tuple[Line | None, Entry | None]]:
    """What still gives a hidden value away: (line, None) for a line that breaks rule 1 or 2,
    (None, entry) for a hidden entry that the sums pin down (rule 3). Empty when safe."""
    values = table.values()
    found: list[tuple[Line | None, Entry | None]] = []
    for line in table.lines():
        members = [*line.parts, line.total]
        hidden_members = [m for m in members if m in hidden]
        hidden_parts = [values[p] for p in line.parts if p in hidden]
        if len(hidden_members) == 1:
            found.append((line, None))
        elif line.total not in hidden and hidden_parts and sum(hidden_parts) < THRESHOLD:
            found.append((line, None))
    found += [(None, entry) for entry in sorted(determined(table, hidden))]
    return found


def _next_to_hide(
    table: Table, hidden: set[Entry], line: Line | None, entry: Entry | None
) -> Entry:
    """The published figure to hide next: a published part of the lines concerned, else their
    published total, else any published figure. Among those, the one that leaves the fewest
    problems (it often closes a loop of hidden cells at once), then the smallest."""
    values = table.values()
    lines = [line] if line is not None else [ln for ln in table.lines() if entry in ln.parts]
    if entry is not None:
        lines += [ln for ln in table.lines() if ln.total == entry]
    parts = [p for ln in lines for p in ln.parts if p not in hidden]
    totals = [ln.total for ln in lines if ln.total not in hidden]
    candidates = parts or totals or [e for e in values if e not in hidden]
    return min(
        dict.fromkeys(candidates),
        key=lambda c: (len(problems(table, hidden | {c})), values[c], c),
    )


def protect(table: Table) -> frozenset[Entry]:
    """The figures of a table that must be hidden: every small one (primary), and as many more
    as it takes so that none of them can be worked out from what is published."""
    values = table.values()
    hidden = {entry for entry, value in values.items() if is_small(value)}
    while len(hidden) < len(values):
        found = problems(table, hidden)
        if not found:
            break
        line, entry = found[0]
        hidden.add(_next_to_hide(table, hidden, line, entry))
    return frozenset(hidden)


@dataclass(frozen=True)
class Protected:
    """A table as it may be published: each figure, or None where it is hidden."""

    table: Table
    hidden: frozenset[Entry]

    def get(self, entry: Entry) -> int | None:
        """A figure, or None when it is hidden."""
        return None if entry in self.hidden else self.table.values()[entry]

    def cell(self, row: int, column: int) -> int | None:
        """One cell, or None."""
        return self.get(("cell", row, column))

    def column_total(self, column: int) -> int | None:
        """A column's total (the table must publish column totals), or None."""
        return self.get(("column", column))

    def row_total(self, row: int) -> int | None:
        """A row's total (the table must publish row totals), or None."""
        return self.get(("row", row))

    def published(self) -> dict[Entry, int | None]:
        """Every figure, hidden ones as None."""
        return {e: (None if e in self.hidden else v) for e, v in self.table.values().items()}


def protected(table: Table) -> Protected:
    """The table with its hidden figures decided."""
    return Protected(table, protect(table))
