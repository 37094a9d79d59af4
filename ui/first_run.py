"""The first-run screen: start with an empty organisation, or explore the demo."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.organisation.demo import load_demo
from budgetkring.organisation.organisation import rename_organisation
from ui.context import AppContext
from ui.widgets import error_label, heading


class FirstRunDialog(QDialog):
    """Shown when the database is still empty."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Welcome to Budgetkring"))
        self.setMinimumWidth(520)
        intro = QLabel(
            _(
                "With Budgetkring you plan the year of your budget circle, see who leads each "
                "meeting and keep track of the group. Everything stays on this computer."
            )
        )
        intro.setWordWrap(True)

        self.org_name = QLineEdit()
        self.org_name.setPlaceholderText(_("for example: Samen Rondkomen Zwolle"))
        self.org_error = error_label()
        self.start_button = QPushButton(_("Start"))
        self.start_button.setDefault(True)
        self.demo_button = QPushButton(_("Explore with the demo organisation"))
        self.start_button.clicked.connect(self.start_empty)
        self.demo_button.clicked.connect(self.start_demo)
        self.org_name.returnPressed.connect(self.start_empty)

        name_row = QHBoxLayout()
        name_row.addWidget(self.org_name, 1)
        name_row.addWidget(self.start_button)
        demo_text = QLabel(
            _(
                "Just want to look around first? The demo has three made-up circles. You can "
                "start your own database later via File → Open another database."
            )
        )
        demo_text.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Welcome")))
        layout.addWidget(intro)
        layout.addSpacing(12)
        layout.addWidget(QLabel("<b>" + _("Start with your own organisation") + "</b>"))
        layout.addWidget(QLabel(_("Name of your organisation:")))
        layout.addLayout(name_row)
        layout.addWidget(self.org_error)
        layout.addSpacing(12)
        layout.addWidget(QLabel("<b>" + _("Or look around first") + "</b>"))
        layout.addWidget(demo_text)
        layout.addWidget(self.demo_button)

    def start_empty(self) -> None:
        """Name the organisation and go on with an empty database."""
        try:
            rename_organisation(self.ctx.store, self.org_name.text())
        except UserError as err:
            self.org_error.setText(str(err))
            self.org_error.show()
            return
        self.accept()

    def start_demo(self) -> None:
        """Load the demo organisation and go on."""
        try:
            load_demo(self.ctx.store, self.ctx.today())
        except UserError as err:
            self.ctx.prompter.error(self, _("Demo not loaded"), str(err))
            return
        self.accept()
