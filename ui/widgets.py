"""Small widgets shared by pages and dialogs."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

if TYPE_CHECKING:
    from ui.date_field import DateField


def error_label() -> QLabel:
    """A hidden red label for a message next to a form field."""
    label = QLabel()
    label.setObjectName("fieldError")
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.hide()
    return label


def hint_label(text: str = "") -> QLabel:
    """A small grey explanation under a field."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


def date_edit(day: date) -> DateField:
    """The date field of every form: typed as people write dates, with a calendar to pick from."""
    from ui.date_field import DateField  # the calendar's Qt parts load when first used

    return DateField(day)


def row_table(model) -> QTableView:
    """A read-only table that selects whole rows, one at a time (lists of circles, people…)."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # a list, not a spreadsheet: Tab goes on to the next field
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_circle_box(box: QComboBox, circles: list, chosen_id: int | None) -> None:
    """Put circles in a chooser, keeping ``chosen_id`` chosen, without signalling a change."""
    box.blockSignals(True)
    box.clear()
    for circle in circles:
        box.addItem(circle.name, circle)
        if circle.id == chosen_id:
            box.setCurrentIndex(box.count() - 1)
    box.blockSignals(False)


def choose_circle(box: QComboBox, circle_id: int) -> None:
    """Choose one circle in a chooser filled by ``fill_circle_box`` (signals the change)."""
    for row in range(box.count()):
        if box.itemData(row).id == circle_id:
            box.setCurrentIndex(row)


class Heading(QLabel):
    """A page heading: bold and 1.4 times the text size, also after Beeld → Tekst groter.

    A label with a font of its own no longer follows the application's font, so the heading
    sets its size again whenever the application's text size changes.
    """

    SCALE = 1.4

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)  # a long name goes on to a second line on a narrow screen
        app = QApplication.instance()
        self.follow_font(app.font())
        app.fontChanged.connect(self.follow_font)

    @Slot(QFont)
    def follow_font(self, base: QFont) -> None:
        """Size the heading after the application's font ``base``."""
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * self.SCALE)
        font.setBold(True)
        self.setFont(font)


def heading(text: str) -> QLabel:
    """A page heading."""
    return Heading(text)


def save_cancel_buttons(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton]:
    """Save and Cancel for a form dialog: Save calls ``dialog.save()``, Cancel closes it."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    tab_in_shown_order(buttons)
    return buttons, buttons.button(QDialogButtonBox.StandardButton.Save)


def tab_in_shown_order(buttons: QDialogButtonBox, after: QWidget | None = None) -> None:
    """Let Tab go through a button box's buttons from left to right, as they are shown, right
    after ``after`` (by default: after what comes before the box); again each time the box is
    shown.

    Qt keeps the order in which the buttons were added, while the platform decides where each
    one goes (Cancel on the left or on the right); and Qt forgets a Tab order set before the
    box is placed in its dialog, hence again on showing.
    """
    if not any(isinstance(f, _ShownOrder) for f in buttons.children()):
        buttons.installEventFilter(_ShownOrder(buttons))
    if buttons.isWindow():
        return  # not in its dialog yet: ordered when shown
    # Where the box puts each button, left to right (never its layout's items from Python:
    # Qt deletes those on its own, and a Python wrapper left behind can crash the app later).
    buttons.layout().activate()
    shown = sorted(buttons.buttons(), key=lambda button: button.geometry().x())
    window = buttons.window()
    if after is None:
        after = buttons.previousInFocusChain()
        while after is not window and (
            after is buttons
            or buttons.isAncestorOf(after)
            or not after.focusPolicy() & Qt.FocusPolicy.TabFocus  # Qt orders focus takers only
        ):
            after = after.previousInFocusChain()
    if after is window:  # the box comes first: keep its place, order the buttons
        for first, second in zip(shown, shown[1:], strict=False):
            QWidget.setTabOrder(first, second)
        return
    # Each goes right after ``after``, the last one first: Qt leaves a pair alone when the
    # window itself lies between them (where the ring of the Tab order closes).
    for button in reversed(shown):
        QWidget.setTabOrder(after, button)


class _ShownOrder(QObject):
    """Puts a button box's Tab order right when it is shown (see ``tab_in_shown_order``)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialogButtonBox):
            tab_in_shown_order(watched)
        return False
