"""The app's own seams to the user: message boxes, file choosers and opening dialogs.

Pages and dialogs call these instead of QMessageBox/QFileDialog directly, so tests can swap in
answers (see tests/conftest.py) without patching Qt.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from budgetkring.i18n import _


class Prompter:
    """Asks the user things; the default asks with real Qt dialogs."""

    def confirm(self, parent: QWidget | None, title: str, text: str, yes: str) -> bool:
        """Ask a yes/no question with a clear verb on the yes button; True when confirmed."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is ok

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user something went well."""
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user in plain words that something could not be done."""
        QMessageBox.warning(parent, title, text)

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a dialog until the user closes it; True when they accepted it."""
        return bool(dialog.exec())

    def open_file(self, parent: QWidget | None, title: str, folder: str, pattern: str) -> str:
        """Choose an existing file; "" when cancelled."""
        return QFileDialog.getOpenFileName(parent, title, folder, pattern)[0]

    def save_file(self, parent: QWidget | None, title: str, suggestion: str, pattern: str) -> str:
        """Choose where to write a file; "" when cancelled."""
        return QFileDialog.getSaveFileName(parent, title, suggestion, pattern)[0]

    def choose_database(self, parent: QWidget | None, title: str, folder: str) -> str:
        """Choose an existing database, or type the name of a new one; "" when cancelled."""
        return QFileDialog.getSaveFileName(
            parent,
            title,
            folder,
            "Budgetkring (*.db)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )[0]
