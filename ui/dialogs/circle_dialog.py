"""Add or edit a circle: a form with a plain-language message next to each field that is wrong."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from budgetkring.errors import UserError, ValidationError
from budgetkring.i18n import _
from budgetkring.organisation.circles import (
    STATUSES,
    Circle,
    add_circle,
    status_label,
    update_circle,
)
from ui.context import AppContext
from ui.date_field import check_dates
from ui.fit import fit_dialog
from ui.widgets import date_edit, error_label, save_cancel_buttons


class CircleDialog(QDialog):
    """The form for one circle; on OK the core validates and saves, or the form shows why not."""

    def __init__(
        self, ctx: AppContext, circle: Circle | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.circle = circle
        self.saved: Circle | None = None
        self.setWindowTitle(_("Edit circle") if circle else _("New circle"))
        self.setMinimumWidth(460)

        self.name = QLineEdit()
        self.municipality = QLineEdit()
        self.place = QLineEdit()
        self.place.setPlaceholderText(_("for example: community centre, room 2"))
        self.has_start = QCheckBox(_("Start date known"))
        self.start = date_edit(ctx.today())
        self.start.setAccessibleName(_("Start date"))
        self.status = QComboBox()
        for code in STATUSES:
            self.status.addItem(status_label(code), code)
        self.group_min = QSpinBox(minimum=1, maximum=30)
        self.group_max = QSpinBox(minimum=1, maximum=30)
        self.group_min.setAccessibleName(_("Group size: fewest people"))
        self.group_max.setAccessibleName(_("Group size: most people"))
        self.errors = {
            key: error_label()
            for key in ("name", "municipality", "start_date", "status", "group_size")
        }

        start_row = QHBoxLayout()
        start_row.addWidget(self.has_start)
        start_row.addWidget(self.start, 1)
        size_row = QHBoxLayout()
        size_row.addWidget(self.group_min)
        size_row.addWidget(QLabel(_("to")))
        size_row.addWidget(self.group_max)
        size_row.addWidget(QLabel(_("people")), 1)

        form = QFormLayout()
        for label, field, key in (
            (_("Name"), self.name, "name"),
            (_("Municipality"), self.municipality, "municipality"),
            (_("Meeting place"), self.place, None),
            (_("Start date"), start_row, "start_date"),
            (_("Status"), self.status, "status"),
            (_("Group size"), size_row, "group_size"),
        ):
            form.addRow(label, field)
            if key:
                form.addRow("", self.errors[key])

        buttons, self.save_button = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view

        self.has_start.toggled.connect(self.start.setEnabled)
        self.start.dateChanged.connect(self.errors["start_date"].hide)
        self._fill(circle)

    def _fill(self, circle: Circle | None) -> None:
        self.name.setText(circle.name if circle else "")
        self.municipality.setText(circle.municipality if circle else "")
        self.place.setText(circle.place if circle else "")
        has_start = bool(circle and circle.start_date)
        self.has_start.setChecked(has_start)
        self.start.setEnabled(has_start)
        if has_start:
            self.start.setDate(circle.start_date)
        self.status.setCurrentIndex(STATUSES.index(circle.status) if circle else 0)
        self.group_min.setValue(circle.group_min if circle else 8)
        self.group_max.setValue(circle.group_max if circle else 10)

    def values(self) -> dict:
        """What the form holds, as the core's add/update functions take it."""
        day = self.start.date()
        start = ""
        if self.has_start.isChecked():
            start = day.isoformat() if day else self.start.text()
        return {
            "name": self.name.text(),
            "municipality": self.municipality.text(),
            "place": self.place.text(),
            "start_date": start,
            "status": self.status.currentData(),
            "group_min": self.group_min.value(),
            "group_max": self.group_max.value(),
        }

    def save(self) -> None:
        """Validate and save through the core; show messages next to the fields when wrong."""
        for label in self.errors.values():
            label.hide()
        if not check_dates(self.start):  # a wrong date says why under the field itself
            return
        try:
            if self.circle is None:
                self.saved = add_circle(self.ctx.store, **self.values())
            else:
                self.saved = update_circle(self.ctx.store, self.circle.id, **self.values())
        except ValidationError as err:
            for key, message in err.fields.items():
                self.errors[key].setText(message)
                self.errors[key].show()
            return
        except UserError as err:
            self.ctx.prompter.error(self, _("Not saved"), str(err))
            return
        self.accept()
