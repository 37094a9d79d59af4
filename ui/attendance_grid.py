"""The attendance grid of the Deelnemers page: participants (rows) × meetings that took place
(columns), filled by keyboard alone and saved at once by the page. ``KeyboardGrid`` is the
keyboard-only table it shares with the paper-list dialog."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from budgetkring.i18n import _, format_date
from budgetkring.participants.participants import Participant, attendance_label
from budgetkring.planning.sessions import Session
from ui.dialogs.participant_dialog import person_title

# Keys of the attendance grid: Dutch initials (aanwezig, afgemeld, afwezig/niet) and English ones.
KEYS = {"a": "present", "f": "excused", "e": "excused", "x": "absent", "n": "absent"}
# What a cell shows: the key to type, so the grid reads without colour; the tooltip has the word.
LETTERS = {"present": "A", "excused": "F", "absent": "X"}
SHADES = {"present": "#e3f1e3", "excused": "#fff4d6", "absent": "#f8dede"}  # a help, never alone
CYCLE = (None, "present", "excused", "absent")  # what a double-click steps through
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def is_clear_key(event: QKeyEvent) -> bool:
    """Delete or Backspace: empty the current cell."""
    return event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class AttendanceModel(QAbstractTableModel):
    """Participants (rows) × meetings that have taken place (columns); a cell is one mark."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.people: list[Participant] = []
        self.sessions: list[Session] = []
        self.hide_aliases = False
        self._dates: list[str] = []

    def set_data(self, people: list[Participant], sessions: list[Session]) -> None:
        """Show these participants and meetings instead of the current ones."""
        self.beginResetModel()
        self.people, self.sessions = list(people), list(sessions)
        years = {s.date.year for s in sessions}
        form = "d MMM" if len(years) <= 1 else "d MMM yy"
        self._dates = [format_date(s.date, form) for s in sessions]
        self.endResetModel()

    def update_people(self, people: list[Participant]) -> None:
        """New marks for the same participants: repaint without losing the cursor."""
        if [p.id for p in people] != [p.id for p in self.people]:
            self.set_data(people, self.sessions)
            return
        self.people = list(people)
        if self.people and self.sessions:
            last = self.index(len(self.people) - 1, len(self.sessions) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.people) - 1)

    def set_hide_aliases(self, hide: bool) -> None:
        """Show codes only in the row headers, or codes with nicknames."""
        self.hide_aliases = hide
        if self.people:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.people) - 1)

    def mark(self, row: int, column: int) -> str | None:
        """The mark in a cell (None: not filled in)."""
        return self.people[row].marks.get(self.sessions[column].id)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.sessions)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: D102
        if not index.isValid():
            return None
        mark = self.mark(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return LETTERS.get(mark or "", "")
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            person, session = self.people[index.row()], self.sessions[index.column()]
            word = attendance_label(mark) if mark else _("not filled in")
            return f"{person.code}, {format_date(session.date, 'd MMM yyyy')}: {word}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole and mark in SHADES:
            return QColor(SHADES[mark])
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole:
            if horizontal:
                return self._dates[section]
            return person_title(self.people[section], self.hide_aliases)
        if role == Qt.ItemDataRole.ToolTipRole and horizontal:
            session = self.sessions[section]
            return f"{format_date(session.date, 'full')}\n{session.theme}"
        return None


class KeyboardGrid(QTableView):
    """A grid filled by keyboard alone, one cell at a time: arrows move, Tab leaves the grid, and
    ``key_typed`` (each grid its own) says what a typed key does to the current cell."""

    def __init__(self, model: QAbstractTableModel, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the grid, as everywhere else
        self.setAccessibleName(name)

    def key_typed(self, index: QModelIndex, event: QKeyEvent) -> bool:
        """Do what a key typed in the current cell means; True when the key was used."""
        return False

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Plain keys (Shift and the number pad included) go to ``key_typed`` first; keys with
        Ctrl or Alt, and keys it does not use, work as in any table."""
        index = self.currentIndex()
        if (
            index.isValid()
            and not event.modifiers() & _COMMAND_MODIFIERS
            and self.key_typed(index, event)
        ):
            return
        super().keyPressEvent(event)


class AttendanceGrid(KeyboardGrid):
    """The attendance grid, filled by keyboard: arrows move, a/f/e/x/n mark, Delete clears."""

    mark_requested = Signal(int, int, object)  # row, column, status (None clears)

    def __init__(self, model: AttendanceModel, parent: QWidget | None = None):
        super().__init__(model, _("Attendance"), parent)
        # Equal, fixed columns: measuring every cell after each mark would cost more than a key.
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def fit_columns(self) -> None:
        """Make every meeting's column as wide as the widest date, with some room."""
        model, metrics = self.model(), self.fontMetrics()
        dates = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        widest = max((metrics.horizontalAdvance(d) for d in dates), default=0)
        self.horizontalHeader().setDefaultSectionSize(widest + metrics.horizontalAdvance("MM"))

    def key_typed(self, index: QModelIndex, event: QKeyEvent) -> bool:
        """Letters mark the current cell, Delete or Backspace clears it."""
        text = event.text().lower()
        if text in KEYS:
            self.mark_requested.emit(index.row(), index.column(), KEYS[text])
            return True
        if is_clear_key(event):
            self.mark_requested.emit(index.row(), index.column(), None)
            return True
        return False

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt override
        """A double-click steps a cell through present, excused, absent and empty."""
        index = self.indexAt(event.position().toPoint())
        if not index.isValid():
            return
        mark = self.model().mark(index.row(), index.column())
        following = CYCLE[(CYCLE.index(mark) + 1) % len(CYCLE)]
        self.mark_requested.emit(index.row(), index.column(), following)
