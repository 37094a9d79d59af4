"""The first-run screen: start with an empty organisation, or explore the demo (in a file of its
own: the app opens it, see ui/app.py)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
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
from budgetkring.organisation.organisation import rename_organisation
from ui.context import AppContext
from ui.fit import fit_dialog
from ui.help import FIRST_STEPS, open_help
from ui.widgets import error_label, heading


class FirstRunDialog(QDialog):
    """Shown when the database is still empty; ``choice`` says what the user chose."""

    OWN = "own"  # the organisation is named: go on in this database
    DEMO = "demo"  # open the demo in its own file; this database stays empty

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, offer_demo: bool = True):
        super().__init__(parent)
        self.ctx = ctx
        self.choice = ""
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
                "Just want to look around first? The demo has three made-up circles. It is kept "
                "apart from your own data. When you are ready, one click starts your own "
                "organisation."
            )
        )
        demo_text.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Welcome")))
        layout.addWidget(intro)
        self.help_button = QPushButton(_("Read the first steps"))
        self.help_button.setToolTip(_("What to do first, step by step (F1)"))
        self.help_button.clicked.connect(self.show_first_steps)
        QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self).activated.connect(
            self.show_first_steps
        )
        help_row = QHBoxLayout()
        help_row.addWidget(self.help_button)
        help_row.addStretch(1)
        layout.addLayout(help_row)
        layout.addSpacing(12)
        layout.addWidget(QLabel("<b>" + _("Start with your own organisation") + "</b>"))
        name_label = QLabel(_("Name of your organisation:"))
        name_label.setBuddy(self.org_name)
        layout.addWidget(name_label)
        layout.addLayout(name_row)
        layout.addWidget(self.org_error)
        layout.addSpacing(12)
        demo_title = QLabel("<b>" + _("Or look around first") + "</b>")
        layout.addWidget(demo_title)
        layout.addWidget(demo_text)
        layout.addWidget(self.demo_button)
        if not offer_demo:  # leaving the demo for one's own organisation
            for widget in (demo_title, demo_text, self.demo_button):
                widget.hide()
        fit_dialog(self)  # scrolls on a small screen instead of squeezing the text together
        self.org_name.setFocus()  # the one thing to type

    def reject(self) -> None:
        """Esc or closing the window: at start-up that closes the app, so first ask. (Opened
        from the main window, it goes back there: nothing to ask.)"""
        if self.parent() is None and not self.ctx.prompter.confirm(
            self,
            _("Close Budgetkring?"),
            _(
                "You have not started yet. Close Budgetkring? The next time you open it, "
                "you start on this screen again."
            ),
            _("Close Budgetkring"),
        ):
            return
        super().reject()

    def show_first_steps(self) -> None:
        """Open the help page "Eerste stappen"."""
        open_help(self.ctx, self, FIRST_STEPS)

    def start_empty(self) -> None:
        """Name the organisation and go on with an empty database."""
        try:
            rename_organisation(self.ctx.store, self.org_name.text())
        except UserError as err:
            self.org_error.setText(str(err))
            self.org_error.show()
            return
        self.choice = self.OWN
        self.accept()

    def start_demo(self) -> None:
        """Go and look around in the demo (the app opens it in its own file)."""
        self.choice = self.DEMO
        self.accept()
