"""Deelnemers: a circle's participants (as codes), their attendance and the group's progress.

Glossary: deelnemer = participant, bijnaam = alias/nickname, aanwezigheid = attendance
(aanwezig = present, afgemeld = excused, afwezig = absent), meting = self-assessment,
toestemming = consent, vergeten = forget.
"""

from __future__ import annotations

import itertools

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from budgetkring.domains import domain_label
from budgetkring.errors import UserError
from budgetkring.i18n import _, current_locale, format_date, ngettext
from budgetkring.organisation.circles import Circle, list_circles
from budgetkring.participants.assessments import SMALL_GROUP, current_instrument, group_averages
from budgetkring.participants.participants import (
    ABSENT_IN_A_ROW,
    STOP_REASONS,
    Participant,
    list_participants,
    record_attendance,
    status_label,
)
from budgetkring.participants.privacy import forget, wipe_aliases
from budgetkring.planning.sessions import list_sessions
from ui.attendance_grid import AttendanceGrid, AttendanceModel
from ui.context import AppContext
from ui.dialogs.paper_dialog import PaperDialog
from ui.dialogs.participant_dialog import ParticipantDetailDialog, ParticipantDialog
from ui.fit import FlowLayout
from ui.table_model import RowTableModel
from ui.widgets import choose_circle, fill_circle_box, heading, hint_label, row_table

ALIAS_COLUMN = 1


def _day(value) -> str:
    return format_date(value, "d MMM yyyy") if value else ""


def status_text(person: Participant) -> str:
    """'stopped (moved away)'; for an active participant who missed the latest meetings without
    notice a warning mark instead of 'active'."""
    n = person.absent_in_a_row
    if person.status == "active" and n >= ABSENT_IN_A_ROW:
        return "⚠ " + ngettext("absent {n} time in a row", "absent {n} times in a row", n).format(
            n=n
        )
    text = status_label(person.status)
    if person.status == "stopped" and person.stop_reason:
        text += f" ({_(STOP_REASONS.get(person.stop_reason, person.stop_reason))})"
    return text


def participant_columns(hidden):
    """The columns of the participants table; ``hidden()`` says whether aliases are hidden."""
    return [
        (_("Code"), lambda p: p.code),
        (_("Nickname"), lambda p: "" if hidden() else p.alias),
        (_("Status"), status_text),
        (_("Joined"), lambda p: _day(p.joined)),
        (_("Consent"), lambda p: _day(p.consent) if p.consent else _("no consent")),
        (_("Present"), lambda p: p.present),
        (_("Excused"), lambda p: p.excused),
        (_("Absent"), lambda p: p.absent),
    ]


def _fill(layout, *items):
    """Add widgets and layouts to a box layout; 0 is a stretch, (widget, n) a stretching one."""
    for item in items:
        item, stretch = item if isinstance(item, tuple) else (item, 0)
        if isinstance(item, int):
            layout.addStretch(1)
        elif isinstance(item, QLayout):
            layout.addLayout(item, stretch)
        else:
            layout.addWidget(item, stretch)
    return layout


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    from babel.numbers import format_decimal  # babel is loaded only when a number is shown

    return format_decimal(value, format="0.0", locale=current_locale())


class ParticipantsPage(QWidget):
    """Choose a circle; its participants, their attendance and the group's averages."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.people: list[Participant] = []
        self.circle_box = QComboBox()
        self.circle_box.setMinimumWidth(220)
        self.hide_aliases = QCheckBox(_("Hide nicknames"))
        self.hide_aliases.setToolTip(_("For example when others can see your screen."))
        self.info = hint_label()

        self.model = RowTableModel(participant_columns(self.hide_aliases.isChecked), self)
        self.table = row_table(self.model)
        self.table.setAccessibleName(_("Participants"))
        # The status takes the room that is left (a long stop reason is shortened, in full in
        # its tooltip), so the table fits the window without scrolling sideways.
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.add_button = QPushButton(_("New participant…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.detail_button = QPushButton(_("Progress and goals…"))
        self.forget_button = QPushButton(_("Forget participant…"))
        self.wipe_button = QPushButton(_("Remove all nicknames…"))
        self.paper_button = QPushButton(_("Enter paper list…"))
        self.paper_button.setToolTip(
            _("Type in a printed attendance list or self-assessment sheet, by its code.")
        )
        self.grid_model = AttendanceModel(self)
        self.grid = AttendanceGrid(self.grid_model)
        self.everyone_button = QPushButton(_("Everyone present"))
        self.chosen_meeting = QLabel()
        for signal, slot in (
            (self.add_button.clicked, self.add),
            (self.edit_button.clicked, self.edit_selected),
            (self.detail_button.clicked, self.open_selected),
            (self.forget_button.clicked, self.forget_selected),
            (self.wipe_button.clicked, self.wipe_nicknames),
            (self.paper_button.clicked, self.enter_paper_list),
            (self.grid.mark_requested, self.set_mark),
            (self.everyone_button.clicked, self.everyone_present),
        ):
            signal.connect(slot)
        self.averages_model = RowTableModel(self._average_columns(), self)
        self.averages = row_table(self.averages_model)
        self.averages.setAccessibleName(_("Group averages"))
        self.averages_note = hint_label()
        self.averages_data: dict = {}
        keys = _(
            "Choose a box with the arrow keys and type: a = present, f = excused (called off), "
            "x = absent without notice, Delete = empty. The next person is chosen by itself. "
            "Double-click also changes a box. Saved at once."
        )
        self.tabs = QTabWidget()
        for title, items in (
            (
                _("List"),
                [
                    _fill(FlowLayout(), self.add_button, 0),
                    (self.table, 1),  # what works on the chosen participant comes after it
                    _fill(
                        FlowLayout(),
                        self.edit_button,
                        self.detail_button,
                        0,
                        self.forget_button,
                        self.wipe_button,
                    ),
                ],
            ),
            (
                _("Attendance"),
                [
                    hint_label(keys),
                    _fill(QHBoxLayout(), self.everyone_button, (self.chosen_meeting, 1)),
                    (self.grid, 1),
                ],
            ),
            (_("Group averages"), [(self.averages, 1), self.averages_note]),
        ):
            tab = QWidget()
            _fill(QVBoxLayout(tab), *items)
            self.tabs.addTab(tab, title)
        circle_label = QLabel(_("Circle:"))
        circle_label.setBuddy(self.circle_box)
        top = _fill(
            FlowLayout(),  # wraps on a narrow screen, like the rows of buttons
            circle_label,
            self.circle_box,
            0,
            self.paper_button,
            self.hide_aliases,
        )
        _fill(QVBoxLayout(self), heading(_("Participants")), top, self.info, (self.tabs, 1))
        chain: list[QWidget] = [self.circle_box, self.paper_button, self.hide_aliases, self.tabs]
        chain += [self.add_button, self.table, self.edit_button, self.detail_button]
        chain += [self.forget_button, self.wipe_button]
        for first, second in itertools.pairwise(chain):  # Tab goes top to bottom
            QWidget.setTabOrder(first, second)
        self.circle_box.currentIndexChanged.connect(self.show_circle)
        self.hide_aliases.toggled.connect(self._aliases_toggled)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.grid.selectionModel().currentChanged.connect(self._meeting_changed)
        self.refresh()

    def _average_columns(self):
        def value(moment, domain):
            return _number(self.averages_data[moment][domain].value)

        def count(moment, domain):
            return self.averages_data[moment][domain].count

        return [
            (_("Life domain"), domain_label),
            (_("At the start"), lambda d: value("start", d)),
            (_("Answered"), lambda d: count("start", d)),
            (_("At the latest self-assessment"), lambda d: value("now", d)),
            (_("Answered"), lambda d: count("now", d)),
        ]

    # --- loading ------------------------------------------------------------------------------

    def circle(self) -> Circle | None:
        """The chosen circle."""
        return self.circle_box.currentData()

    def refresh(self) -> None:
        """Reload the circles and the chosen circle's participants."""
        chosen = self.circle()
        circles = list_circles(self.ctx.store, self.ctx.today())
        if chosen is None:  # first time: a running circle is the one with people to follow
            chosen = next((c for c in circles if c.status == "running"), None)
        fill_circle_box(self.circle_box, circles, chosen.id if chosen else None)
        self.show_circle()

    def select_circle(self, circle_id: int) -> None:
        """Show one circle's participants."""
        choose_circle(self.circle_box, circle_id)

    def show_circle(self) -> None:
        """Fill the three tabs for the chosen circle."""
        circle, today = self.circle(), self.ctx.today()
        sessions = (
            [
                s
                for s in list_sessions(self.ctx.store, circle.id, today)
                if s.status != "cancelled" and s.date <= today
            ]
            if circle
            else []
        )
        self._load_people()
        self.grid_model.set_data(self.people, sessions)
        self.grid.fit_columns()
        if self.people and sessions:  # start at the latest meeting, first person
            self.grid.setCurrentIndex(self.grid_model.index(0, len(sessions) - 1))
        self._meeting_changed()
        self._show_averages(circle)
        self.add_button.setEnabled(circle is not None)
        if circle is None:
            self.info.setText(_("Add a circle first (page Circles)."))
        elif not self.people:
            self.info.setText(_("{circle} has no participants yet.").format(circle=circle.name))
        else:
            self.info.setText(
                ngettext(
                    "{n} participant. Everyone is kept as a code; a nickname stays on this "
                    "computer.",
                    "{n} participants. Everyone is kept as a code; a nickname stays on this "
                    "computer.",
                    len(self.people),
                ).format(n=len(self.people))
            )

    def _load_people(self) -> None:
        """Read the participants again and keep the selected row."""
        circle, selected = self.circle(), self.selected()
        self.people = (
            list_participants(self.ctx.store, circle.id, self.ctx.today()) if circle else []
        )
        self.model.set_rows(self.people)
        self.table.setColumnHidden(ALIAS_COLUMN, self.hide_aliases.isChecked())
        if selected:
            self.select(selected.id)
        self._selection_changed()

    def _show_averages(self, circle: Circle | None) -> None:
        self.averages_data = group_averages(self.ctx.store, circle.id) if circle else {}
        domains = current_instrument(self.ctx.store).domains() if circle else []
        self.averages_model.set_rows(domains)
        counts = [a.count for m in self.averages_data.values() for a in m.values() if a.count]
        text = _("The average score per life domain, with how many people answered.")
        if counts and min(counts) < SMALL_GROUP:
            text += " " + _(
                "Some averages are based on fewer than {n} people: they stay on this computer."
            ).format(n=SMALL_GROUP)
        self.averages_note.setText(text if counts else _("No self-assessments yet."))

    # --- the participants table ---------------------------------------------------------------

    def selected(self) -> Participant | None:
        """The participant whose row is selected, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def select(self, participant_id: int) -> None:
        """Select a participant's row."""
        for row in range(self.model.rowCount()):
            if self.model.row_object(row).id == participant_id:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        for button in (self.edit_button, self.detail_button, self.forget_button):
            button.setEnabled(chosen)
        self.wipe_button.setEnabled(any(p.alias for p in self.people))

    def _aliases_toggled(self, hide: bool) -> None:
        """Hide or show every nickname on the page at once."""
        self.table.setColumnHidden(ALIAS_COLUMN, hide)
        rows = self.model.rowCount()
        if rows:
            top, bottom = (
                self.model.index(0, ALIAS_COLUMN),
                self.model.index(rows - 1, ALIAS_COLUMN),
            )
            self.model.dataChanged.emit(top, bottom)
        self.grid_model.set_hide_aliases(hide)

    def add(self) -> None:
        """The form for a new participant."""
        circle = self.circle()
        if circle is None:
            return
        dialog = ParticipantDialog(self.ctx, circle.id, None, parent=self)
        if self.ctx.prompter.run_dialog(dialog) and dialog.saved:
            self.show_circle()
            self.select(dialog.saved.id)

    def edit_selected(self) -> None:
        """The form for the selected participant."""
        person = self.selected()
        if person is None:
            return
        hide = self.hide_aliases.isChecked()
        dialog = ParticipantDialog(self.ctx, person.circle_id, person, hide, self)
        if self.ctx.prompter.run_dialog(dialog) and dialog.saved:
            self.show_circle()

    def open_selected(self) -> None:
        """The selected participant's progress, goals and self-assessment."""
        person = self.selected()
        if person is None:
            return
        dialog = ParticipantDetailDialog(self.ctx, person.id, self.hide_aliases.isChecked(), self)
        self.ctx.prompter.run_dialog(dialog)
        if dialog.changed:
            self.show_circle()

    def forget_selected(self) -> None:
        """Remove the selected participant and everything about them, after a plain question."""
        person = self.selected()
        if person is None:
            return
        if not self.ctx.prompter.confirm(
            self,
            _("Forget participant"),
            _(
                "Everything about {code} will be removed for good: attendance, "
                "self-assessments and goals. This cannot be undone. Forget {code}?"
            ).format(code=person.code),
            _("Remove for good"),
        ):
            return
        forget(self.ctx.store, person.id)
        self.table.clearSelection()
        self.show_circle()

    def wipe_nicknames(self) -> None:
        """Remove the nicknames of everyone in this circle, after a plain question."""
        circle = self.circle()
        if circle is None or not self.ctx.prompter.confirm(
            self,
            _("Remove all nicknames"),
            _(
                "Remove the nicknames of all participants of {circle}? The codes, attendance "
                "and progress stay. This cannot be undone."
            ).format(circle=circle.name),
            _("Remove nicknames"),
        ):
            return
        wipe_aliases(self.ctx.store, circle.id)
        self.show_circle()

    def enter_paper_list(self) -> None:
        """Type in a filled-in paper list; afterwards show its circle with what was saved."""
        dialog = PaperDialog(self.ctx, self)
        if not self.ctx.prompter.run_dialog(dialog) or dialog.saved is None:
            return
        circle, circle_id = self.circle(), dialog.saved.circle_id
        if circle is not None and circle.id == circle_id:
            self.show_circle()
        else:
            self.select_circle(circle_id)  # the chooser's change shows that circle

    # --- the attendance grid ------------------------------------------------------------------

    def set_mark(self, row: int, column: int, status: str | None) -> None:
        """Save one mark at once; after a letter the next person is chosen."""
        saved = self._save_marks(column, {self.grid_model.people[row].id: status})
        if saved and status is not None and row + 1 < self.grid_model.rowCount():
            row += 1
        self.grid.setCurrentIndex(self.grid_model.index(row, column))

    def everyone_present(self) -> None:
        """Mark every empty box of the chosen meeting present (not those who stopped or had
        not joined yet)."""
        column = self.grid.currentIndex().column()
        if column < 0:
            return
        session = self.grid_model.sessions[column]
        marks: dict[int, str | None] = {
            p.id: "present"
            for p in self.grid_model.people
            if session.id not in p.marks
            and p.status != "stopped"
            and (p.joined is None or p.joined <= session.date)
        }
        if marks:
            self._save_marks(column, marks)

    def _save_marks(self, column: int, marks: dict[int, str | None]) -> bool:
        """Record marks for one meeting and show them; a refusal is told in plain words."""
        session = self.grid_model.sessions[column]
        try:
            record_attendance(self.ctx.store, session.id, marks, self.ctx.today())
        except UserError as err:
            self.ctx.prompter.error(self, _("Not saved"), str(err))
            return False
        finally:
            self._load_people()
            self.grid_model.update_people(self.people)
        return True

    def _meeting_changed(self) -> None:
        column = self.grid.currentIndex().column()
        sessions = self.grid_model.sessions
        self.everyone_button.setEnabled(0 <= column < len(sessions))
        if 0 <= column < len(sessions):
            self.chosen_meeting.setText(
                _("Meeting of {date}").format(date=format_date(sessions[column].date, "full"))
            )
        elif sessions:
            self.chosen_meeting.setText(_("Choose a meeting in the grid."))
        else:
            self.chosen_meeting.setText(_("No meetings have taken place yet."))
