"""Choose the two facilitators who lead a circle from a date; earlier pairs stay in the history."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.organisation.circles import Circle
from budgetkring.staffing.facilitators import facilitator_status_label, list_facilitators
from budgetkring.staffing.pairs import pair_history, set_pair
from ui.context import AppContext
from ui.date_field import check_dates
from ui.fit import fit_dialog, wrap_list
from ui.widgets import date_edit, error_label, hint_label


def lead_period_text(period: dict) -> str:
    """'Anja de Vries — from 2 Jun 2026' or 'Anja de Vries — 2 Jun 2026 – 30 Nov 2026'."""
    first = format_date(date.fromisoformat(period["from"]), "medium")
    if not period["to"]:
        when = _("from {date}").format(date=first)
    else:
        when = f"{first} – {format_date(date.fromisoformat(period['to']), 'medium')}"
    return f"{period['name']} — {when}"


def current_pair(history: list[dict], today: date) -> list[str]:
    """Names leading on ``today``, else the next pair to start."""
    day = today.isoformat()
    now = [p["name"] for p in history if p["from"] <= day and (p["to"] or day) >= day]
    if now:
        return now
    upcoming = [p for p in history if p["from"] > day]
    first = min((p["from"] for p in upcoming), default=None)
    return [p["name"] for p in upcoming if p["from"] == first]


class PairDialog(QDialog):
    """Two combos of facilitators and a start date; Save makes them the circle's lead pair."""

    def __init__(self, ctx: AppContext, circle: Circle, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.circle = circle
        self.saved = False
        self.setWindowTitle(_("Facilitators of {circle}").format(circle=circle.name))
        self.setMinimumWidth(460)

        history = pair_history(ctx.store, circle.id)
        pair = current_pair(history, ctx.today())
        people = [
            p
            for p in list_facilitators(ctx.store, ctx.today())
            if p.status != "stopped" or p.name in pair
        ]
        self.first = QComboBox()
        self.second = QComboBox()
        for index, combo in enumerate((self.first, self.second)):
            for person in people:
                combo.addItem(
                    f"{person.name} ({facilitator_status_label(person.status)})", person.id
                )
            if index < len(pair):
                named = next((p.id for p in people if p.name == pair[index]), None)
                combo.setCurrentIndex(max(0, combo.findData(named)))
            elif index < combo.count():
                combo.setCurrentIndex(index)
        self.from_date = date_edit(ctx.today())
        self.problem = error_label()

        self.history = wrap_list(QListWidget())
        self.history.addItems([lead_period_text(p) for p in history])
        self.history.setMinimumHeight(110)
        if not history:
            self.history.addItem(_("Nobody has led this circle yet."))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

        form = QFormLayout()
        form.addRow(_("First facilitator"), self.first)
        form.addRow(_("Second facilitator"), self.second)
        form.addRow(_("Lead from"), self.from_date)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "Choose the two facilitators who lead this circle from the date below. "
                    "Who led it before stays in the history."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        history_label = QLabel(_("Who led this circle:"))
        history_label.setBuddy(self.history)
        layout.addWidget(history_label)
        layout.addWidget(self.history, 1)
        layout.addWidget(buttons)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view
        if len(people) < 2:
            self.problem.setText(_("Add at least two facilitators first (page Facilitators)."))
            self.problem.show()
            self.save_button.setEnabled(False)

    def save(self) -> None:
        """Save the pair through the core; on a problem show it in red and keep the form open."""
        self.problem.hide()
        if not check_dates(self.from_date):
            return
        try:
            set_pair(
                self.ctx.store,
                self.circle.id,
                (self.first.currentData(), self.second.currentData()),
                self.from_date.checked_date(),
                self.ctx.today(),
            )
        except UserError as err:
            self.problem.setText(str(err))
            self.problem.show()
            return
        self.saved = True
        self.accept()
