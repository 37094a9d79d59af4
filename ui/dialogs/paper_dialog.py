"""Papieren lijst invoeren: type a filled-in paper list back in, by keyboard alone (the grid
itself is ``ui.paper_grid``).

First the sheet code printed on the paper, then a grid laid out like the paper: the same
participants in the same order (rows) and the same boxes (columns). An attendance list takes
the number of the box with the cross (1, 2, 3) per person; a self-assessment sheet a score per
sentence. Everything is saved at once by the core (``save_sheet``), or nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from budgetkring.documents.paper import PaperSheet, open_sheet, save_sheet
from budgetkring.errors import UserError
from budgetkring.i18n import _
from ui.context import AppContext
from ui.date_field import check_dates
from ui.fit import fit_dialog
from ui.paper_grid import PaperGrid, SheetModel, keys_text
from ui.widgets import date_edit, error_label, heading, hint_label, save_cancel_buttons


class PaperDialog(QDialog):
    """Type in a paper list: its code first, then the grid; Save keeps the whole list."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saved: PaperSheet | None = None  # the list, once it has been saved
        self.setWindowTitle(_("Enter a paper list"))
        self.resize(900, 600)

        self.code_edit = QLineEdit(maxLength=30)
        self.code_edit.setPlaceholderText("A41-K")
        self.code_edit.returnPressed.connect(self.open_code)
        self.open_button = QPushButton(_("Open list"))
        self.open_button.clicked.connect(self.open_code)
        self.code_problem = error_label()
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_edit, 1)
        code_row.addWidget(self.open_button)
        code_page = QWidget()
        code_layout = QVBoxLayout(code_page)
        code_label = QLabel(_("Sheet code:"))
        code_label.setBuddy(self.code_edit)
        code_layout.addWidget(code_label)
        code_layout.addLayout(code_row)
        code_layout.addWidget(self.code_problem)
        code_layout.addWidget(
            hint_label(
                _(
                    "The code is printed at the top of the paper, after 'Sheet code' (for "
                    "example A41-K). Capitals, spaces and the dash do not matter. Press Enter "
                    "to open the list."
                )
            )
        )
        code_layout.addStretch(1)

        self.title = heading("")
        self.keys_hint = hint_label()
        self.day = date_edit(ctx.today())
        self.day_form = QWidget()
        day_row = QHBoxLayout(self.day_form)
        day_row.setContentsMargins(0, 0, 0, 0)
        day_label = QLabel(_("Filled in on"))
        day_label.setBuddy(self.day)
        day_row.addWidget(day_label, 0, Qt.AlignmentFlag.AlignTop)
        day_row.addWidget(self.day)
        day_row.addStretch(1)
        self.model = SheetModel(self)
        self.grid = PaperGrid(self.model)
        self.message = hint_label()
        self.grid.said.connect(self.message.setText)
        self.problem = error_label()
        grid_page = QWidget()
        grid_layout = QVBoxLayout(grid_page)
        for widget, stretch in (
            (self.title, 0),
            (self.keys_hint, 0),
            (self.day_form, 0),
            (self.grid, 1),
            (self.message, 0),
            (self.problem, 0),
        ):
            grid_layout.addWidget(widget, stretch)

        self.pages = QStackedWidget()
        self.pages.addWidget(code_page)
        self.pages.addWidget(grid_page)
        buttons, self.save_button = save_cancel_buttons(self)
        self.save_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view
        QWidget.setTabOrder(self.day, self.grid)
        QWidget.setTabOrder(self.grid, self.save_button)
        self.code_edit.setFocus()

    def open_code(self) -> None:
        """Open the list the typed code points at; a wrong code is said under the field."""
        try:
            sheet = open_sheet(self.ctx.store, self.code_edit.text(), self.ctx.today())
        except UserError as err:
            self.code_problem.setText(str(err))
            self.code_problem.show()
            self.code_edit.selectAll()
            return
        self.model.load(sheet)
        self.title.setText(sheet.title)
        self.keys_hint.setText(keys_text(sheet))
        self.day_form.setVisible(sheet.kind == "assessment")
        self.grid.fit_columns()
        self.pages.setCurrentIndex(1)
        self.save_button.show()
        first = next((r for r in range(self.model.rowCount()) if not self.model.locked(r)), 0)
        self.grid.setCurrentIndex(self.model.index(first, 0))
        self.grid.setFocus()

    def save(self) -> None:
        """Save the whole list; a problem is said under the grid and nothing is saved."""
        sheet = self.model.sheet
        if sheet is None:
            return
        if sheet.kind == "assessment" and not check_dates(self.day):
            return
        day = self.day.date() if sheet.kind == "assessment" else None
        try:
            save_sheet(self.ctx.store, sheet, self.model.values(), self.ctx.today(), day)
        except UserError as err:
            self.problem.setText(str(err))
            self.problem.show()
            if (wrong := self.model.first_problem()).isValid():
                self.grid.setCurrentIndex(wrong)
            self.grid.setFocus()
            return
        self.saved = sheet
        self.accept()

    def reject(self) -> None:
        """Cancel, Escape or closing the window: after typing, first ask."""
        if self.model.changed and not self.ctx.prompter.confirm(
            self,
            _("Stop without saving"),
            _("What you typed in this list is not saved. Stop anyway?"),
            _("Stop without saving"),
        ):
            return
        super().reject()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Ctrl+S saves; Enter outside a button never saves by surprise."""
        save = event.matches(QKeySequence.StandardKey.Save) or (
            event.key() == Qt.Key.Key_S and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        )
        if save:
            self.save()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
            self.focusWidget(), QPushButton
        ):
            return
        super().keyPressEvent(event)
