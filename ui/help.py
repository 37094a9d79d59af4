"""Help that ships with the app: one page per screen and "Eerste stappen", in Dutch and English.

The pages are plain HTML files in ``resources/help/<language>/<topic>.html`` (offline, no web
browser needed), shown in a small reader. F1 opens the page for the screen in view.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from budgetkring.i18n import DEFAULT_LANGUAGE, _, current_language
from budgetkring.paths import resource_path
from ui.context import AppContext
from ui.fit import size_for_screen
from ui.widgets import tab_in_shown_order

FIRST_STEPS = "eerste-stappen"
# One help page per page of the app (the keys of MainWindow's pages), and the first steps.
PAGE_TOPICS = (
    "overview",
    "circles",
    "planning",
    "participants",
    "facilitators",
    "programmes",
    "coordination",
    "training",
)
TOPICS = (FIRST_STEPS, *PAGE_TOPICS)
LANGUAGES = ("nl", "en")


def help_file(topic: str, language: str | None = None) -> Path:
    """The help page for ``topic`` in ``language`` (the app's language by default); the Dutch
    page when there is none in that language, the first steps when the topic is unknown."""
    if topic not in TOPICS:
        topic = FIRST_STEPS
    for lang in (language or current_language(), DEFAULT_LANGUAGE):
        path = resource_path("resources", "help", lang, f"{topic}.html")
        if path.is_file():
            return path
    return resource_path("resources", "help", DEFAULT_LANGUAGE, f"{FIRST_STEPS}.html")


class HelpDialog(QDialog):
    """A help page to read, with its links to the other pages, and Back."""

    def __init__(self, topic: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.topic = topic
        self.setWindowTitle(_("Help"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(_("Help"))
        self.browser.setSource(QUrl.fromLocalFile(str(help_file(topic))))
        self.back_button = QPushButton(_("Back"))
        self.back_button.setEnabled(False)
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.sourceChanged.connect(self._title_from_page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        tab_in_shown_order(buttons)
        # F1 in the help itself shows the first steps, where every page is listed.
        QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self).activated.connect(
            lambda: self.browser.setSource(QUrl.fromLocalFile(str(help_file(FIRST_STEPS))))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 80, metrics.height() * 34)
        size_for_screen(self)
        self._title_from_page()
        self.browser.setFocus()

    def _title_from_page(self) -> None:
        title = self.browser.documentTitle()
        self.setWindowTitle(_("Help") + (f" — {title}" if title else ""))

    def page_file(self) -> Path:
        """The file of the help page shown now."""
        return Path(self.browser.source().toLocalFile())


def open_help(ctx: AppContext, parent: QWidget | None, topic: str) -> None:
    """Show the help page for ``topic`` until the user closes it."""
    ctx.prompter.run_dialog(HelpDialog(topic, parent))
