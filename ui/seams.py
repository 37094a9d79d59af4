"""The app's own seams to the user: message boxes, file choosers and opening dialogs.

Pages and dialogs call these instead of QMessageBox/QFileDialog directly, so tests can swap in
answers (see tests/conftest.py) without patching Qt.

The message box and file chooser classes are loaded when first asked for: the first window
does not need them, and loading them costs start-up time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QWidget

from budgetkring.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QFileDialog


class Prompter:
    """Asks the user things; the default asks with real Qt dialogs."""

    def confirm(
        self, parent: QWidget | None, title: str, text: str, yes: str, no: str = ""
    ) -> bool:
        """Ask a yes/no question with a clear verb on the yes button; True when confirmed.

        ``no`` names the way out when "Cancel" would be misread (the question is about
        cancelling a meeting, or undoing that)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(no or _("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is ok

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user something went well."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, title, text)

    def notify(self, parent: QWidget | None, text: str) -> None:
        """Say calmly what an action changed, without a box to click away: in the status line
        of the main window that ``parent`` belongs to (also from a dialog opened there)."""
        widget = parent
        while widget is not None and not isinstance(widget, QMainWindow):
            widget = widget.parentWidget()
        if widget is not None:
            bar = widget.statusBar()
            bar.showMessage(text)
            bar.setToolTip(text)  # the whole text, should the window be too narrow for it

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user in plain words that something could not be done."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, title, text)

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a dialog until the user closes it; True when they accepted it."""
        return bool(dialog.exec())

    def open_file(self, parent: QWidget | None, title: str, folder: str, pattern: str) -> str:
        """Choose an existing file; "" when cancelled."""
        return _chosen(
            file_dialog(
                parent,
                title,
                folder,
                pattern,
                save=False,
            )
        )

    def save_file(self, parent: QWidget | None, title: str, suggestion: str, pattern: str) -> str:
        """Choose where to write a file; "" when cancelled."""
        return _chosen(
            file_dialog(
                parent,
                title,
                suggestion,
                pattern,
                save=True,
            )
        )

    def choose_folder(self, parent: QWidget | None, title: str, folder: str) -> str:
        """Choose an existing folder; "" when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        dialog = file_dialog(parent, title, folder, "", save=False)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        return _chosen(dialog)

    def choose_database(self, parent: QWidget | None, title: str, folder: str) -> str:
        """Choose an existing database, or type the name of a new one; "" when cancelled."""
        return _chosen(
            file_dialog(parent, title, folder, "Budgetkring (*.db)", save=True, confirm=False)
        )


def file_dialog(
    parent: QWidget | None,
    title: str,
    where: str,
    pattern: str,
    *,
    save: bool,
    confirm: bool = True,
) -> QFileDialog:
    """A file chooser (the system's own where there is one) for opening, or for saving;
    ``where`` is a folder, or a file to suggest. Saving over a file asks first, unless
    ``confirm`` is False. A file type reads "Agendabestand", not "Agendabestand (*.ics)": the
    pattern is for Qt only.

    Qt's own file chooser asks its translations for "&Look in:" and "Files of &type:", which
    Qt's Dutch file does not have; it has the same words without the shortcut letter, so those
    are used (else a Dutch chooser says "Look in:").
    """
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, title, where, pattern)
    dialog.setAcceptMode(
        QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen
    )
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    dialog.setOption(QFileDialog.Option.HideNameFilterDetails)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm)
    for label, words in (
        (QFileDialog.DialogLabel.LookIn, "Look in:"),
        (QFileDialog.DialogLabel.FileType, "Files of type:"),
    ):
        dialog.setLabelText(label, QCoreApplication.translate("QFileDialog", words))
    return dialog


def _chosen(dialog: QFileDialog) -> str:
    """Show a file chooser; the chosen file, or "" when cancelled."""
    if not dialog.exec():
        return ""
    files = dialog.selectedFiles()
    return files[0] if files else ""
