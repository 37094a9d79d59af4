"""Add or edit a facilitator: name, status, contact details (only with consent), limits, mentor
and the weekly times they can lead or stand in."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.staffing.facilitators import (
    FACILITATOR_STATUSES,
    PART_LABELS,
    create_facilitator,
    facilitator_status_label,
    list_facilitators,
    update_facilitator,
)
from budgetkring.staffing.rules import NEW, PARTS, WEEKDAY_CODES, Facilitator
from ui.context import AppContext
from ui.fit import Columns, fit_dialog
from ui.widgets import error_label, hint_label, save_cancel_buttons

A_MONDAY = date(2024, 1, 1)  # to name the weekdays in the user's language


class AvailabilityGrid(QWidget):
    """Seven weekdays × morning/afternoon/evening tick boxes; all ticked means "always"."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.boxes: dict[tuple[str, str], QCheckBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for column, part in enumerate(PARTS, start=1):
            grid.addWidget(QLabel(_(PART_LABELS[part])), 0, column, Qt.AlignmentFlag.AlignCenter)
        for row, code in enumerate(WEEKDAY_CODES, start=1):
            day = format_date(A_MONDAY + timedelta(days=row - 1), "EEEE")
            grid.addWidget(QLabel(day), row, 0)
            for column, part in enumerate(PARTS, start=1):
                box = QCheckBox()
                box.setAccessibleName(f"{day} {_(PART_LABELS[part])}")
                box.toggled.connect(self._show_summary)
                self.boxes[(code, part)] = box
                grid.addWidget(box, row, column, Qt.AlignmentFlag.AlignCenter)
        self.all_button = QPushButton(_("Every day, any time"))
        self.none_button = QPushButton(_("Untick all"))
        self.all_button.clicked.connect(lambda: self.set_value(None))
        self.none_button.clicked.connect(lambda: self.set_value({}))
        self.summary = hint_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        self.set_value(None)

    def set_value(self, availability: dict[str, list[str]] | None) -> None:
        """Tick the boxes of an availability (None: every box)."""
        for (code, part), box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(availability is None or part in availability.get(code, []))
            box.blockSignals(False)
        self._show_summary()

    def value(self) -> dict[str, list[str]] | None:
        """The ticked times as the core keeps them; None when everything is ticked."""
        if all(box.isChecked() for box in self.boxes.values()):
            return None
        return {
            code: parts
            for code in WEEKDAY_CODES
            if (parts := [p for p in PARTS if self.boxes[(code, p)].isChecked()])
        }

    def _show_summary(self) -> None:
        value = self.value()
        if value is None:
            text = _("Can lead or stand in on every day, at any time.")
        elif not value:
            text = _("Nothing ticked: they will not be asked to stand in.")
        else:
            text = _("Only asked to stand in at the ticked times.")
        self.summary.setText(text)


class FacilitatorDialog(QDialog):
    """The form for one facilitator; Save lets the core check and store it, or shows why not."""

    def __init__(
        self,
        ctx: AppContext,
        details: Facilitator | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.details = details
        self.saved: Facilitator | None = None
        self.setWindowTitle(_("Edit facilitator") if details else _("New facilitator"))

        self.name = QLineEdit()
        self.status = QComboBox()
        for code in FACILITATOR_STATUSES:
            self.status.addItem(facilitator_status_label(code), code)
        self.status_note = hint_label()
        self.town = QLineEdit()
        self.town.setPlaceholderText(_("where they live"))
        self.max_per_month = QSpinBox(minimum=0, maximum=31)
        self.max_per_month.setSpecialValueText(_("no maximum"))
        self.max_per_month.setMinimumWidth(130)
        self.mentor = QComboBox()
        self._fill_mentors()

        self.consent = QCheckBox(_("Agreed to keep these contact details"))
        # As wide as its words: a click on empty space beside a tick box does nothing.
        self.consent.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.remove_contact = QPushButton(_("Remove phone and e-mail"))
        self.remove_contact.clicked.connect(self._remove_contact)
        self.availability = AvailabilityGrid()
        self.problem = error_label()

        buttons, self.save_button = save_cancel_buttons(self)

        left = QVBoxLayout()
        left.addLayout(self._basics_form())
        left.addWidget(self._contact_box())
        left.addStretch(1)
        # Side by side when there is room; on a small screen the times go below the rest.
        columns = Columns(left, self._availability_box(), stretch=[1, 0])
        layout = QVBoxLayout(self)
        layout.addWidget(columns)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view

        self.consent.toggled.connect(self._update_contact)
        self.phone.textChanged.connect(self._update_contact)
        self.email.textChanged.connect(self._update_contact)
        self.status.currentIndexChanged.connect(self._update_status_note)
        self._fill(details)

    def _basics_form(self) -> QFormLayout:
        most = QHBoxLayout()
        most.addWidget(self.max_per_month)
        most.addWidget(QLabel(_("meetings a month")), 1)
        form = QFormLayout()
        form.addRow(_("Name"), self.name)
        form.addRow(_("Status"), self.status)
        form.addRow("", self.status_note)
        form.addRow(_("Town"), self.town)
        form.addRow(_("At most"), most)
        form.labelForField(most).setBuddy(self.max_per_month)  # a row of two: name the field
        form.addRow("", hint_label(_("Their own circles and standing in together.")))
        form.addRow(_("Trainer or mentor"), self.mentor)
        form.addRow("", hint_label(_("A trainee's trainer or mentor is asked first as stand-in.")))
        return form

    def _contact_box(self) -> QGroupBox:
        box = QGroupBox(_("Contact details"))
        form = QFormLayout(box)
        form.addRow(
            hint_label(
                _(
                    "Only keep a phone number or e-mail address when the facilitator has "
                    "agreed to it. They can ask you to remove it at any time."
                )
            )
        )
        form.addRow(self.consent)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("E-mail"), self.email)
        form.addRow("", self.remove_contact)
        return box

    def _availability_box(self) -> QGroupBox:
        box = QGroupBox(_("When can they lead or stand in?"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.availability)
        layout.addStretch(1)
        return box

    def _fill_mentors(self) -> None:
        """'None' first, then every other facilitator who is not stopped (or is the mentor now)."""
        own_id = self.details.id if self.details else None
        current = self.details.mentor_id if self.details else None
        self.mentor.addItem(_("none"), None)
        for person in list_facilitators(self.ctx.store, self.ctx.today()):
            if person.id == own_id or (person.status == "stopped" and person.id != current):
                continue
            self.mentor.addItem(person.name, person.id)

    def _fill(self, details: Facilitator | None) -> None:
        details = details or Facilitator(id=NEW, name="")
        self.name.setText(details.name)
        self.status.setCurrentIndex(max(0, self.status.findData(details.status)))
        self.town.setText(details.town)
        self.consent.setChecked(details.contact_consent)
        self.phone.setText(details.phone)
        self.email.setText(details.email)
        self.max_per_month.setValue(details.max_per_month or 0)
        self.mentor.setCurrentIndex(max(0, self.mentor.findData(details.mentor_id)))
        self.availability.set_value(details.availability)
        self._update_contact()
        self._update_status_note()

    def _update_contact(self) -> None:
        """Phone and e-mail can be typed only with consent; without it they can only be removed."""
        agreed = self.consent.isChecked()
        self.phone.setEnabled(agreed)
        self.email.setEnabled(agreed)
        has_text = bool(self.phone.text().strip() or self.email.text().strip())
        self.remove_contact.setVisible(not agreed and has_text)

    def _remove_contact(self) -> None:
        self.phone.clear()
        self.email.clear()
        self.problem.hide()

    def _update_status_note(self) -> None:
        """Remind that a paused or stopped facilitator leaves their circles without them."""
        circles = self.details.circles if self.details else []
        status = self.status.currentData()
        if circles and status in ("paused", "stopped"):
            self.status_note.setText(
                _(
                    "{name} leads {circles} now. While they do not lead, the circle needs a "
                    "stand-in or a new pair (page Circles)."
                ).format(name=self.details.name, circles=", ".join(circles))
            )
            self.status_note.show()
        else:
            self.status_note.hide()

    def values(self) -> Facilitator:
        """What the form holds, as the core takes it."""
        most = self.max_per_month.value()
        return Facilitator(
            id=self.details.id if self.details else NEW,
            name=self.name.text(),
            status=self.status.currentData(),
            town=self.town.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            contact_consent=self.consent.isChecked(),
            max_per_month=most or None,
            availability=self.availability.value(),
            mentor_id=self.mentor.currentData(),
        )

    def save(self) -> None:
        """Save through the core; on a problem show it in red and keep the form open."""
        self.problem.hide()
        try:
            values = self.values()
            save = update_facilitator if values.id != NEW else create_facilitator
            self.saved = save(self.ctx.store, values, self.ctx.today())
        except UserError as err:
            self.problem.setText(str(err))
            self.problem.show()
            return
        self.accept()
