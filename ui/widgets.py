"""Small widgets shared by pages and dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
)


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


def date_edit(day: date) -> QDateEdit:
    """The date field of every form: day-month-year, with a calendar to pick from."""
    edit = QDateEdit(calendarPopup=True)
    edit.setDisplayFormat("d-M-yyyy")
    edit.setDate(QDate(day))
    edit.setMinimumWidth(130)
    return edit


def row_table(model) -> QTableView:
    """A read-only table that selects whole rows, one at a time (lists of circles, people…)."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
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


def heading(text: str) -> QLabel:
    """A page heading."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    return label


def save_cancel_buttons(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton]:
    """Save and Cancel for a form dialog: Save calls ``dialog.save()``, Cancel closes it."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    return buttons, buttons.button(QDialogButtonBox.StandardButton.Save)
