"""A facilitator's absences: the periods they cannot lead, with a reason category only."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.staffing.absences import (
    ABSENCE_REASON_LABELS,
    add_absence,
    reason_label,
    remove_absence,
)
from budgetkring.staffing.facilitators import get_facilitator
from budgetkring.staffing.outcomes import absence_outcome
from budgetkring.staffing.rules import Facilitator
from ui.context import AppContext
from ui.date_field import check_dates
from ui.fit import fit_dialog, wrap_list
from ui.widgets import date_edit, error_label, hint_label


def absence_period(absence: dict) -> str:
    """'3 Feb 2026 – 10 Feb 2026', or one date for a single day."""
    first = format_date(date.fromisoformat(absence["from"]), "medium")
    last = format_date(date.fromisoformat(absence["to"]), "medium")
    return first if first == last else f"{first} – {last}"


class AbsenceDialog(QDialog):
    """Lists one facilitator's absences; add a period or remove one (after confirmation)."""

    def __init__(self, ctx: AppContext, details: Facilitator, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.details = details
        self.changed = False
        self.setWindowTitle(_("Absences of {name}").format(name=details.name))
        self.setMinimumWidth(480)

        self.list = wrap_list(QListWidget())
        self.list.setAccessibleName(_("Absences of {name}").format(name=details.name))
        self.list.setMinimumHeight(110)
        self.empty = hint_label(_("No absences recorded."))
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(self._update_buttons)

        today = ctx.today()
        self.first = date_edit(today)
        self.last = date_edit(today)
        self.reason = QComboBox()
        for code, label in ABSENCE_REASON_LABELS.items():
            self.reason.addItem(_(label), code)
        self.reason.setCurrentIndex(self.reason.findData("illness"))
        self.add_button = QPushButton(_("Add"))
        self.add_button.clicked.connect(self.add)
        self.problem = error_label()
        self.outcome = hint_label()  # what the last absence added means for the meetings
        self.outcome.hide()
        self.first.dateChanged.connect(self._keep_order)
        for field in (self.first, self.last):
            field.dateChanged.connect(self.problem.hide)  # a message about the dates is stale

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "While {name} is away, meetings they lead show up as needing a stand-in. "
                    "Only the kind of reason is kept, never medical or personal details."
                ).format(name=details.name)
            )
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)
        layout.addLayout(remove_row)
        layout.addWidget(self._add_box())
        layout.addWidget(close)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view
        self._load()

    def _add_box(self) -> QGroupBox:
        box = QGroupBox(_("Add an absence"))
        add_row = QHBoxLayout()
        add_row.addWidget(self.reason)
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        form = QFormLayout(box)
        form.addRow(_("First day away"), self.first)
        form.addRow(_("Last day away"), self.last)
        form.addRow(_("Reason"), add_row)
        form.labelForField(add_row).setBuddy(self.reason)  # a row with a button: name the field
        form.addRow(self.problem)
        form.addRow(self.outcome)
        return box

    def _load(self) -> None:
        """Show the absences as the database holds them now."""
        person = get_facilitator(self.ctx.store, self.details.id, self.ctx.today())
        self.details = person
        self.list.clear()
        for absence in sorted(person.absences, key=lambda a: a["from"]):
            text = f"{absence_period(absence)}  ·  {reason_label(absence['reason'])}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, absence)
            self.list.addItem(item)
        self.empty.setVisible(not person.absences)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.list.selectedItems()))

    def _keep_order(self, first: date | None) -> None:
        """Moving the start past the end moves the end along (a one-day absence)."""
        last = self.last.date()
        if first is not None and last is not None and last < first:
            self.last.setDate(first)

    def add(self) -> None:
        """Record the absence in the form; a problem is shown in red and nothing is saved."""
        self.problem.hide()
        self.outcome.hide()
        if not check_dates(self.first, self.last):
            return
        try:
            add_absence(
                self.ctx.store,
                self.details.id,
                self.first.checked_date(),
                self.last.checked_date(),
                self.reason.currentData(),
            )
        except UserError as err:
            self.problem.setText(str(err))
            self.problem.show()
            return
        self.changed = True
        self._load()
        # Say what it means for the meetings, here and (after closing) in the status line.
        text = absence_outcome(
            self.ctx.store,
            self.details.id,
            self.first.checked_date(),
            self.last.checked_date(),
            self.ctx.today(),
        )
        self.outcome.setText(text)
        self.outcome.show()
        self.ctx.prompter.notify(self, text)

    def remove_selected(self) -> None:
        """Remove the selected absence after the user confirms."""
        items = self.list.selectedItems()
        if not items:
            return
        absence = items[0].data(Qt.ItemDataRole.UserRole)
        if not self.ctx.prompter.confirm(
            self,
            _("Remove absence"),
            _("Remove the absence {period} ({reason}) of {name}?").format(
                period=absence_period(absence),
                reason=reason_label(absence["reason"]),
                name=self.details.name,
            ),
            _("Remove"),
        ):
            return
        remove_absence(self.ctx.store, absence["id"])
        self.changed = True
        self._load()
