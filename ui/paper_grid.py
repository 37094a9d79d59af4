"""The grid of a paper list: the same rows and boxes as the printed paper, typed by keyboard.

An attendance list takes the number of the box with the cross (1, 2, 3) per person; a
self-assessment sheet a score per sentence. ``PaperDialog`` puts it on screen and saves it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QHeaderView, QWidget

from budgetkring.documents.paper import PaperSheet
from budgetkring.i18n import _
from budgetkring.participants.participants import attendance_label
from budgetkring.text import two_lines
from ui.attendance_grid import KEYS, SHADES, KeyboardGrid, is_clear_key

WRONG = "#f8dede"  # a score outside the scale (the message says which)
LOCKED = "#e6e6e6"  # a row that cannot be filled in (the row's name says why)
_WRAP_AT = 14  # a column title longer than this is put on two lines (seven domains fit)


class SheetModel(QAbstractTableModel):
    """What is typed for one paper list: a status per row (attendance) or a score per cell
    (self-assessment), starting from what the database holds."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.sheet: PaperSheet | None = None
        self.marks: list[str | None] = []  # attendance: the status per row
        self.cells: list[list[str]] = []  # self-assessment: the digits typed per cell
        self.changed = False

    def load(self, sheet: PaperSheet) -> None:
        """Show this sheet with what is saved for it now."""
        self.beginResetModel()
        self.sheet, self.changed = sheet, False
        self.marks = [sheet.marks.get(pid) for pid, _code in sheet.rows]
        self.cells = [
            [str(sheet.scores.get(pid, {}).get(key, "")) for key, _label in sheet.columns]
            for pid, _code in sheet.rows
        ]
        self.endResetModel()

    def is_attendance(self) -> bool:
        """True for an attendance list, False for a self-assessment sheet."""
        return self.sheet is not None and self.sheet.kind == "attendance"

    def column_key(self, column: int) -> str:
        """The status or life domain of a column."""
        assert self.sheet is not None
        return self.sheet.columns[column][0]

    def locked(self, row: int) -> str:
        """Why a row cannot be filled in, or "" when it can."""
        assert self.sheet is not None
        return self.sheet.locked.get(self.sheet.rows[row][0], "")

    def row_code(self, row: int) -> str:
        """The participant's code of a row."""
        assert self.sheet is not None
        return self.sheet.rows[row][1]

    def set_mark(self, row: int, status: str | None) -> None:
        """Put the cross of an attendance row in another box (None: no box)."""
        self.marks[row] = status
        self._changed(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def set_text(self, row: int, column: int, text: str) -> None:
        """The digits typed in one box of a self-assessment row."""
        self.cells[row][column] = text
        self._changed(self.index(row, column), self.index(row, column))

    def text(self, row: int, column: int) -> str:
        """The digits in one box of a self-assessment row."""
        return self.cells[row][column]

    def _changed(self, first: QModelIndex, last: QModelIndex) -> None:
        self.changed = True
        self.dataChanged.emit(first, last)

    def problem(self, row: int, column: int) -> str:
        """What is wrong with a typed score (outside the scale), or ""."""
        if self.is_attendance() or not self.cells[row][column]:
            return ""
        assert self.sheet is not None and self.sheet.scale is not None
        low, high = self.sheet.scale.minimum, self.sheet.scale.maximum
        if low <= int(self.cells[row][column]) <= high:
            return ""
        return _("{score} is not a score from {low} to {high}.").format(
            score=self.cells[row][column], low=low, high=high
        )

    def first_problem(self) -> QModelIndex:
        """The first box whose score is outside the scale (an invalid index when none is)."""
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                if self.problem(row, column):
                    return self.index(row, column)
        return QModelIndex()

    def values(self) -> dict:
        """What to give ``save_sheet``: every row of the list as it is typed now."""
        assert self.sheet is not None
        ids = [pid for pid, _code in self.sheet.rows]
        if self.is_attendance():
            return dict(zip(ids, self.marks, strict=True))
        keys = [key for key, _label in self.sheet.columns]
        return {
            pid: {key: int(text) if text else None for key, text in zip(keys, row, strict=True)}
            for pid, row in zip(ids, self.cells, strict=True)
        }

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.sheet is None else len(self.sheet.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.sheet is None else len(self.sheet.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: D102
        if not index.isValid() or self.sheet is None:
            return None
        row, column = index.row(), index.column()
        code = self.sheet.rows[row][1]
        if self.is_attendance():
            mark = self.marks[row]
            chosen = mark == self.column_key(column)
            if role == Qt.ItemDataRole.DisplayRole:
                return "X" if chosen else ""
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{code}: {attendance_label(mark) if mark else _('not filled in')}"
            if role == Qt.ItemDataRole.BackgroundRole and chosen and mark in SHADES:
                return QColor(SHADES[mark])
        else:
            why, problem = self.locked(row), self.problem(row, column)
            if role == Qt.ItemDataRole.DisplayRole:
                return "–" if why else self.cells[row][column]
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                label = self.sheet.columns[column][1]
                return why or f"{code}, {label}: {problem or self.cells[row][column] or '–'}"
            if role == Qt.ItemDataRole.BackgroundRole and (why or problem):
                return QColor(LOCKED if why else WRONG)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if self.sheet is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            pid, code = self.sheet.rows[section]
            if role == Qt.ItemDataRole.DisplayRole:
                # Only consent locks a row today; the tooltip has the whole sentence.
                return f"{code} — {_('no consent')}" if pid in self.sheet.locked else code
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.sheet.locked.get(pid) or None
            return None
        key, label = self.sheet.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            # The number to type stands in front of an attendance box's word, as on the keys.
            return f"{section + 1} {label}" if self.is_attendance() else two_lines(label, _WRAP_AT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return attendance_label(key) if self.is_attendance() else self.sheet.details.get(key)
        return None


class PaperGrid(KeyboardGrid):
    """The paper list on screen, typed by keyboard alone.

    Attendance: 1, 2 or 3 (the box with the cross; a, f, x as in the attendance grid too)
    marks the row and goes to the next person; Space marks the box the cursor is in.
    Self-assessment: a score's digits, then the cursor moves on by itself (along the row, then
    the next person). Both: Delete or Backspace empties, Enter moves on, arrows move.
    """

    said = Signal(str)  # a word about the last key, shown under the grid

    def __init__(self, model: SheetModel, parent: QWidget | None = None):
        super().__init__(model, _("Paper list"), parent)
        self.sheet_model = model
        self.fresh = True  # the next digit starts the box anew (it replaces what is there)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def fit_columns(self) -> None:
        """Columns as wide as their titles, all the same, so the grid reads like the paper."""
        metrics, header = self.fontMetrics(), self.horizontalHeader()
        model = self.sheet_model
        titles = [
            line
            for c in range(model.columnCount())
            for line in str(model.headerData(c, Qt.Orientation.Horizontal)).split("\n")
        ]
        widest = max((metrics.horizontalAdvance(t) for t in titles), default=0)
        header.setDefaultSectionSize(widest + metrics.horizontalAdvance("MM"))

    def currentChanged(self, current, previous) -> None:  # noqa: N802 - Qt override
        """A box just arrived at is typed anew; a locked row says why."""
        super().currentChanged(current, previous)
        self.fresh = True
        if current.isValid():
            self.said.emit(self.sheet_model.locked(current.row()))  # "" clears an old word

    def key_typed(self, index: QModelIndex, event: QKeyEvent) -> bool:
        """Marks, scores, Delete and Enter; any other letter gets a word instead of a search."""
        model, row = self.sheet_model, index.row()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.move_on(index)
            return True
        text = event.text().lower()
        if model.is_attendance():
            used = self._attendance_key(index, event, text)
        elif model.locked(row) and (text.strip() or is_clear_key(event)):
            self.said.emit(model.locked(row))
            used = True
        else:
            used = self._score_key(index, event, text)
        if not used and text.strip() and text.isprintable():
            self.said.emit(self._keys_hint())
            return True  # a stray letter must not jump to another row (the table's search)
        return used

    def _attendance_key(self, index: QModelIndex, event: QKeyEvent, text: str) -> bool:
        model, row = self.sheet_model, index.row()
        boxes = {str(n + 1): model.column_key(n) for n in range(model.columnCount())}
        if is_clear_key(event):
            model.set_mark(row, None)
            return True
        if text == " ":
            status = model.column_key(index.column())
        elif text in boxes or text in KEYS:
            status = boxes.get(text) or KEYS[text]
        else:
            return False
        model.set_mark(row, status)
        column = [model.column_key(c) for c in range(model.columnCount())].index(status)
        self.setCurrentIndex(model.index(row, column))
        self.move_on(self.currentIndex())
        return True

    def _score_key(self, index: QModelIndex, event: QKeyEvent, text: str) -> bool:
        model, row, column = self.sheet_model, index.row(), index.column()
        if is_clear_key(event):
            model.set_text(row, column, "")
            self.fresh = True
            return True
        if not (len(text) == 1 and text.isascii() and text.isdigit()):
            return False
        typed = text if self.fresh else model.text(row, column) + text
        model.set_text(row, column, typed)
        self.fresh = False
        assert model.sheet is not None and model.sheet.scale is not None
        high = model.sheet.scale.maximum
        # Move on once no further digit could make a score: "1" waits on a 0-10 scale (10?).
        if int(typed) == 0 or int(typed) * 10 > high or len(typed) >= len(str(high)):
            self.move_on(index)
        if problem := model.problem(row, column):
            self.said.emit(_("{code}: {problem}").format(code=model.row_code(row), problem=problem))
        return True

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt override
        """For whoever reaches for the mouse: a double-click puts an attendance cross there."""
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and self.sheet_model.is_attendance():
            self.sheet_model.set_mark(index.row(), self.sheet_model.column_key(index.column()))
            return
        super().mouseDoubleClickEvent(event)

    def move_on(self, index: QModelIndex) -> None:
        """To the next person (attendance) or the next box, then the next person who can fill
        it in (self-assessment); at the very end, say how to save."""
        model = self.sheet_model
        rows, columns = model.rowCount(), model.columnCount()
        if model.is_attendance():
            following = [(r, index.column()) for r in range(index.row() + 1, rows)]
        else:
            following = [(index.row(), c) for c in range(index.column() + 1, columns)]
            following += [
                (r, c)
                for r in range(index.row() + 1, rows)
                if not model.locked(r)
                for c in range(columns)
            ]
        if following:
            self.setCurrentIndex(model.index(*following[0]))
        else:
            self.fresh = True
            self.said.emit(_("That was the end of the list. Press Ctrl+S to save it."))

    def _keys_hint(self) -> str:
        model = self.sheet_model
        if model.is_attendance():
            return _("Type 1, 2 or 3: the number of the box with the cross.")
        assert model.sheet is not None and model.sheet.scale is not None
        return _("Type a score from {low} to {high}.").format(
            low=model.sheet.scale.minimum, high=model.sheet.scale.maximum
        )


def keys_text(sheet: PaperSheet) -> str:
    """How to type this list in, in words, with the boxes' numbers."""
    if sheet.kind == "attendance":
        boxes = ", ".join(f"{n} = {label}" for n, (_key, label) in enumerate(sheet.columns, 1))
        return _(
            "Type the number of the box with the cross: {boxes} (or a, f, x as in the "
            "attendance grid). The next person is chosen by itself. Delete empties a row; "
            "the arrow keys move. Ctrl+S saves the whole list."
        ).format(boxes=boxes)
    assert sheet.scale is not None
    scale = sheet.scale
    steps = ", ".join(f"{v} = {scale.labels[v]}" for v in scale.values if v in scale.labels)
    return _(
        "Type the score for each sentence. The boxes on the paper count from {low} on the left "
        "to {high} on the right ({steps}). The cursor moves on by itself: along the row, then "
        "to the next person. Delete empties a box; a row left empty is not saved. Ctrl+S saves "
        "the whole list."
    ).format(low=scale.minimum, high=scale.maximum, steps=steps)
