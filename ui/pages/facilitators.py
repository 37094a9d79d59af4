"""Begeleiders: the facilitators, who is away, and who stood in for whom."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from budgetkring.domains import DOMAINS
from budgetkring.i18n import _, format_date
from budgetkring.staffing.absences import reason_label
from budgetkring.staffing.facilitators import facilitator_status_label, list_facilitators
from budgetkring.staffing.rules import Facilitator
from budgetkring.staffing.substitutions import SubstitutionLine, substitution_history
from ui.context import AppContext
from ui.dialogs.absence_dialog import AbsenceDialog
from ui.dialogs.facilitator_dialog import FacilitatorDialog
from ui.fit import FlowLayout
from ui.table_model import RowTableModel
from ui.widgets import heading, hint_label, row_table


def _short(day: date, today: date) -> str:
    """'12 Jan', with the year only when it is not this year."""
    return format_date(day, "d MMM" if day.year == today.year else "d MMM yyyy")


def away_text(person: Facilitator, today: date) -> str:
    """'away until 12 Jan (ill)' now, else the next absence, else ''."""
    coming = sorted(
        (a for a in person.absences if a["to"] >= today.isoformat()), key=lambda a: a["from"]
    )
    if not coming:
        return ""
    absence = coming[0]
    first, last = date.fromisoformat(absence["from"]), date.fromisoformat(absence["to"])
    reason = reason_label(absence["reason"])
    if first <= today:
        text = _("away until {date}").format(date=_short(last, today))
    elif first == last:
        text = _("away on {date}").format(date=_short(first, today))
    else:
        text = _("away from {first} to {last}").format(
            first=_short(first, today), last=_short(last, today)
        )
    return f"{text} ({reason})"


def facilitator_columns(today):
    """The columns of the facilitators table; ``today`` is the clock to judge absences by."""
    return [
        (_("Name"), lambda p: p.name),
        (_("Status"), lambda p: facilitator_status_label(p.status)),
        (_("Town"), lambda p: p.town),
        (_("Leads"), lambda p: ", ".join(p.circles)),
        (
            _("At most a month"),
            lambda p: _("no maximum") if p.max_per_month is None else p.max_per_month,
        ),
        (_("Away"), lambda p: away_text(p, today())),
    ]


def stand_in_text(line: SubstitutionLine, name: str, today: date) -> str:
    """Who stood in for whom, seen from ``name``: 'stood in for X' or 'X stood in for them'."""
    past = line.date < today
    if line.in_name.lower() != name.lower():
        text = _("{name} stood in for them") if past else _("{name} stands in for them")
        return text.format(name=line.in_name)
    if not line.out_name:
        return _("stood in") if past else _("stands in")
    text = _("stood in for {name}") if past else _("stands in for {name}")
    return text.format(name=line.out_name)


class FacilitatorsPage(QWidget):
    """Lists facilitators; add, edit and record absences; shows the selected one's stand-ins."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowTableModel(facilitator_columns(ctx.today), self)
        self.table = row_table(self.model)
        self.table.setAccessibleName(_("Facilitators"))
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        self.add_button = QPushButton(_("New facilitator…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.absence_button = QPushButton(_("Absences…"))
        self.goals_button = QPushButton(_("Goals…"))
        self.goals_button.clicked.connect(self.goals_of_selected)
        self.weights_button = QPushButton(_("What counts for stand-ins…"))
        self.weights_button.clicked.connect(self.edit_weights)
        self.show_stopped = QCheckBox(_("Show stopped facilitators"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.absence_button.clicked.connect(self.absences_of_selected)
        self.show_stopped.toggled.connect(self.refresh)

        self.history_title = QLabel()
        font = self.history_title.font()
        font.setBold(True)
        self.history_title.setFont(font)
        self._history_name = ""
        self.history_model = RowTableModel(
            [
                (_("Date"), lambda x: format_date(x.date, "EEE d MMM yyyy")),
                (_("Circle"), lambda x: x.circle_name),
                (_("Who"), lambda x: stand_in_text(x, self._history_name, ctx.today())),
                (_("Status"), lambda x: _("confirmed") if x.confirmed else _("asked")),
            ],
            self,
        )
        self.history = row_table(self.history_model)
        self.history_title.setBuddy(self.history)  # its name: "Stand-ins of …"
        self.history_note = hint_label()

        buttons = FlowLayout()  # the buttons wrap on a narrow screen
        for widget in (self.add_button, self.weights_button):
            buttons.addWidget(widget)
        # What works on the chosen facilitator comes after the list: Tab reaches the list first.
        chosen_buttons = FlowLayout()
        for widget in (self.edit_button, self.absence_button, self.goals_button):
            chosen_buttons.addWidget(widget)
        chosen_buttons.addStretch(1)
        buttons.addStretch(1)
        buttons.addWidget(self.show_stopped)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Facilitators")))
        layout.addLayout(buttons)
        self.empty_note = hint_label()  # what to do first, when there is nobody to show
        layout.addWidget(self.empty_note)
        layout.addWidget(self.table, 3)
        layout.addLayout(chosen_buttons)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.history_note)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh()

    def edit_weights(self) -> None:
        """Choose how much each criterion counts when ranking stand-ins."""
        # imported when first used, to keep start-up fast
        from ui.dialogs.weights_dialog import WeightsDialog

        WeightsDialog(self.ctx, self).exec()

    def refresh(self) -> None:
        """Reload the facilitators (stopped ones only when asked) and keep the selection."""
        selected = self.selected()
        people = list_facilitators(self.ctx.store, self.ctx.today())
        if not self.show_stopped.isChecked():
            people = [p for p in people if p.status != "stopped"]
        self.model.set_rows(people)
        if selected:
            self._select_row(selected.id)
        self._selection_changed()
        self._explain_empty(people)

    def _explain_empty(self, shown: list[Facilitator]) -> None:
        """With nobody in the list, say what to do first (and hide the stand-in panel)."""
        note = ""
        if not shown:
            stopped = list_facilitators(self.ctx.store, self.ctx.today())
            note = (
                _("All facilitators have stopped. Tick 'Show stopped facilitators' to see them.")
                if stopped
                else _(
                    "There are no facilitators yet. Click 'New facilitator…' to add the first "
                    "one. Every circle needs two."
                )
            )
        self.empty_note.setText(note)
        self.empty_note.setVisible(bool(note))
        if note:
            self.history_title.hide()
            self.history_note.hide()
        else:
            self.history_title.show()

    def selected(self) -> Facilitator | None:
        """The facilitator whose row is selected, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def select(self, facilitator_id: int) -> None:
        """Select a facilitator's row; shows stopped facilitators if that is where they are."""
        if not self._select_row(facilitator_id) and not self.show_stopped.isChecked():
            self.show_stopped.setChecked(True)
            self._select_row(facilitator_id)

    def _select_row(self, facilitator_id: int) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_object(row).id == facilitator_id:
                self.table.selectRow(row)
                return True
        return False

    def _selection_changed(self) -> None:
        person = self.selected()
        self.edit_button.setEnabled(person is not None)
        self.absence_button.setEnabled(person is not None)
        self.goals_button.setEnabled(person is not None)
        self.show_history(person)

    def show_history(self, person: Facilitator | None) -> None:
        """Fill the stand-in panel for one facilitator (or explain how to choose one)."""
        lines = substitution_history(self.ctx.store, facilitator=person.name) if person else []
        self._history_name = person.name if person else ""
        self.history_model.set_rows(lines)
        if person is None:
            self.history_title.setText(_("Stand-ins"))
            self.history_note.setText(_("Choose a facilitator above to see their stand-ins."))
        else:
            self.history_title.setText(_("Stand-ins of {name}").format(name=person.name))
            self.history_note.setText(
                _("{name} has not stood in, and nobody has stood in for them.").format(
                    name=person.name
                )
            )
        self.history.setVisible(bool(lines))
        self.history_note.setVisible(not lines)

    def add(self) -> None:
        """Open the form for a new facilitator."""
        dialog = FacilitatorDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved:
            self.refresh()
            self.select(dialog.saved.id)

    def edit_selected(self) -> None:
        """Open the form for the selected facilitator."""
        person = self.selected()
        if person is None:
            return
        dialog = FacilitatorDialog(self.ctx, person, self)
        if dialog.exec() and dialog.saved:
            self.refresh()
            self.select(dialog.saved.id)

    def goals_of_selected(self) -> None:
        """Open the personal goals of the selected facilitator (the method has them too)."""
        # imported when first used, to keep start-up fast
        from ui.goals_panel import GoalsPanel

        person = self.selected()
        if person is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(_("Goals of {name}").format(name=person.name))
        dialog.resize(self.fontMetrics().averageCharWidth() * 80, self.fontMetrics().height() * 24)
        dialog.goals = GoalsPanel(
            self.ctx,
            facilitator_id=person.id,
            domains=[d for d in DOMAINS if d != "general"],
            parent=dialog,
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(dialog.goals, 1)
        layout.addWidget(close)
        self.ctx.prompter.run_dialog(dialog)

    def absences_of_selected(self) -> None:
        """Open the absences of the selected facilitator."""
        person = self.selected()
        if person is None:
            return
        dialog = AbsenceDialog(self.ctx, person, self)
        dialog.exec()
        if dialog.changed:
            self.refresh()
