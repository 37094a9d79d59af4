"""Goals of one participant or one facilitator: the list, their status, and a new one.

A goal is free text: before it is saved the core checks it for anything that identifies a
person; a refusal is shown in red and what was found is selected, so it can be typed over.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from budgetkring.domains import domain_label
from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.participants.goals import (
    GOAL_STATUSES,
    add_goal,
    goal_status_label,
    list_goals,
    set_goal_status,
)
from budgetkring.participants.identifiers import find_identifiers
from budgetkring.text import TEXT_MAX
from ui.context import AppContext
from ui.table_model import RowTableModel
from ui.widgets import error_label, hint_label, row_table


def _utf16(text: str, index: int) -> int:
    """Qt counts text positions in UTF-16 units; Python in characters."""
    return len(text[:index].encode("utf-16-le")) // 2


class GoalsPanel(QWidget):
    """The goals of one owner (``participant_id`` or ``facilitator_id``); saved at once."""

    changed = Signal()

    def __init__(
        self,
        ctx: AppContext,
        *,
        participant_id: int | None = None,
        facilitator_id: int | None = None,
        domains: list[str],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.owner = {"participant_id": participant_id, "facilitator_id": facilitator_id}
        self.goal_model = RowTableModel(
            [
                (_("Goal"), lambda g: g.text),
                (_("Life domain"), lambda g: domain_label(g.domain) if g.domain else ""),
                (_("Status"), lambda g: goal_status_label(g.status)),
                (_("Since"), lambda g: format_date(g.created, "d MMM yyyy")),
            ],
            self,
        )
        self.goal_table = row_table(self.goal_model)
        self.goal_table.setAccessibleName(_("Goals"))
        self.goal_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.goal_table.horizontalHeader().setStretchLastSection(False)
        self.goal_status = QComboBox()
        for code in GOAL_STATUSES:
            self.goal_status.addItem(goal_status_label(code), code)
        self.goal_status.activated.connect(self._set_goal_status)
        self.goal_table.selectionModel().selectionChanged.connect(self._goal_chosen)
        self.goal_text = QLineEdit(maxLength=TEXT_MAX)
        self.goal_text.setPlaceholderText(_("for example: every week keep my cash book"))
        self.goal_domain = QComboBox()
        self.goal_domain.addItem(_("no life domain"), None)
        for domain in domains:
            self.goal_domain.addItem(domain_label(domain), domain)
        self.add_goal_button = QPushButton(_("Add goal"))
        self.add_goal_button.clicked.connect(self.add_goal)
        self.goal_text.returnPressed.connect(self.add_goal)
        self.goal_problem = error_label()
        status_row = QHBoxLayout()
        status_label = QLabel(_("Status of the chosen goal:"))
        status_label.setBuddy(self.goal_status)
        status_row.addWidget(status_label)
        status_row.addWidget(self.goal_status)
        status_row.addStretch(1)
        form = QFormLayout()
        form.addRow(_("New goal"), self.goal_text)
        form.addRow("", self.goal_problem)
        form.addRow(_("Life domain"), self.goal_domain)
        form.addRow("", self.add_goal_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.goal_table, 1)
        layout.addLayout(status_row)
        layout.addLayout(form)
        layout.addWidget(hint_label(_("Write no names, phone numbers or addresses in a goal.")))
        self.show_goals()

    def show_goals(self) -> None:
        """Reload the goals."""
        self.goal_model.set_rows(list_goals(self.ctx.store, **self.owner))
        self._goal_chosen()

    def _chosen_goal(self):
        rows = self.goal_table.selectionModel().selectedRows()
        return self.goal_model.row_object(rows[0].row()) if rows else None

    def _goal_chosen(self) -> None:
        goal = self._chosen_goal()
        self.goal_status.setEnabled(goal is not None)
        if goal is not None:
            self.goal_status.setCurrentIndex(self.goal_status.findData(goal.status))

    def _set_goal_status(self) -> None:
        goal = self._chosen_goal()
        if goal is None:
            return
        row = self.goal_table.currentIndex().row()
        set_goal_status(self.ctx.store, goal.id, self.goal_status.currentData(), self.ctx.today())
        self.changed.emit()
        self.show_goals()
        self.goal_table.selectRow(row)

    def add_goal(self) -> None:
        """Save the goal typed; a refusal is shown in red and what identifies someone selected."""
        text = self.goal_text.text()
        try:
            add_goal(
                self.ctx.store,
                text,
                self.ctx.today(),
                domain=self.goal_domain.currentData(),
                **self.owner,
            )
        except UserError as err:
            self.goal_problem.setText(str(err))
            self.goal_problem.show()
            found = find_identifiers(text)
            if found:
                start = _utf16(text, found[0].start)
                self.goal_text.setSelection(start, _utf16(text, found[0].end) - start)
            self.goal_text.setFocus()
            return
        self.goal_problem.hide()
        self.goal_text.clear()
        self.changed.emit()
        self.show_goals()
