"""What counts when Budgetkring ranks stand-ins: the weights of the soft criteria."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from budgetkring.i18n import N_, _
from budgetkring.staffing.rules import DEFAULT_WEIGHTS
from ui.context import AppContext
from ui.fit import fit_dialog
from ui.widgets import save_cancel_buttons

LABELS = {
    "mentor": N_("Is the trainee's own trainer or mentor"),
    "knows_circle": N_("Knows the circle (has led or stood in there)"),
    "same_town": N_("Lives in the circle's municipality"),
    "under_cap": N_("Still has room under their monthly maximum"),
    "per_recent_stand_in": N_("Fewer points per time stood in during the last 3 months"),
}


class WeightsDialog(QDialog):
    """Points per criterion; saved in the user's settings and used by every suggestion."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("What counts when choosing a stand-in"))
        intro = QLabel(
            _(
                "Budgetkring puts the candidates with the most points first. Absence never costs "
                "points. Rules that exclude someone (away, not available, busy) always apply."
            )
        )
        intro.setWordWrap(True)
        current = {**DEFAULT_WEIGHTS, **ctx.settings.ranking_weights}
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for key in DEFAULT_WEIGHTS:
            spin = QSpinBox(minimum=0, maximum=100)
            spin.setValue(int(current.get(key, DEFAULT_WEIGHTS[key])))
            self.spins[key] = spin
            form.addRow(_(LABELS[key]), spin)
        reset = QPushButton(_("Back to the standard values"))
        reset.clicked.connect(self.reset)
        buttons, self.save_button = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(reset)
        layout.addWidget(buttons)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view

    def reset(self) -> None:
        """Put every weight back to its standard value."""
        for key, spin in self.spins.items():
            spin.setValue(DEFAULT_WEIGHTS[key])

    def save(self) -> None:
        """Remember the weights (only those that differ from the standard)."""
        self.ctx.settings.ranking_weights = {
            key: spin.value()
            for key, spin in self.spins.items()
            if spin.value() != DEFAULT_WEIGHTS[key]
        }
        self.ctx.save_settings()
        self.accept()
