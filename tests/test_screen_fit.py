"""Every page and dialog fits a small laptop screen at 200%, and no text is cut off without a way
to read it (issue 9: "Usable at 200%" and bug 8).

The screen: 1366×768 pixels at 200% is 683×384 points. Windows' taskbar takes 40 of them (80
pixels) and a window's title bar and borders about 32 and 8 more, so what a window may need at
least is 675×312 points. Points are what Qt lays out in, so the check runs at scale 1 with the
usual text size (9 points, as on Windows) and compares the windows' minimum sizes with that.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtGui import Qt as GuiQt  # where Qt's mightBeRichText lives
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QWidget,
)

import ui
from tests.test_accessibility import SCREENS, tab_views
from ui.fit import ElidedLabel, FitScrollArea

SCREEN = QSize(683, 384)  # 1366×768 pixels at 200%
TASKBAR = 40  # the Windows taskbar at 200%
TITLE_BAR, BORDERS = 32, 8  # a window's title bar and its left and right borders at 200%
FITS = QSize(SCREEN.width() - BORDERS, SCREEN.height() - TASKBAR - TITLE_BAR)  # 675×312

ALL_SCREENS = {**SCREENS, "help": lambda c: _help()}


def _help() -> QWidget:
    from ui.help import HelpDialog

    return HelpDialog("planning")


@pytest.fixture(autouse=True)
def _usual_text_size():
    """The usual text size (tests elsewhere make it larger and leave it so)."""
    app = QApplication.instance()
    before = QFont(app.font())
    font = QFont(before)
    font.setPointSize(9)
    app.setFont(font)
    yield
    app.setFont(before)


def _show(qtbot, ctx, key: str) -> QWidget:
    window = ALL_SCREENS[key](ctx)
    qtbot.addWidget(window)
    window.show()
    QApplication.processEvents()
    return window


def _minimum(window: QWidget) -> QSize:
    return window.minimumSize().expandedTo(window.minimumSizeHint())


def _sideways(window: QWidget) -> list[str]:
    """Forms and pages that would have to scroll sideways (they may scroll up and down)."""
    return [
        f"{type(area.widget()).__name__} needs {area.horizontalScrollBar().maximum()} more"
        for area in window.findChildren(FitScrollArea)
        if area.isVisibleTo(window) and area.horizontalScrollBar().maximum() > 0
    ]


@pytest.mark.parametrize("key", list(ALL_SCREENS))
def test_every_page_and_dialog_fits_a_small_screen_at_200_percent(qtbot, demo_ctx, key):
    """Each page and dialog needs at most 675×312 points (a 1366×768 screen at 200%, less the
    taskbar and title bar); at that size nothing has to scroll sideways, in any tab."""
    window = _show(qtbot, demo_ctx, key)
    minimum = _minimum(window)
    assert minimum.width() <= FITS.width() and minimum.height() <= FITS.height(), (
        f"{key} needs at least {minimum.width()}×{minimum.height()}"
    )
    window.resize(FITS)
    QApplication.processEvents()
    for _tab in tab_views(window):
        assert not _sideways(window), key


@pytest.mark.parametrize(
    "page", ["overview", "circles", "facilitators", "planning", "coordination", "training"]
)
def test_pages_of_an_empty_organisation_fit_too(qtbot, ctx, page):
    """With nothing in the database (the pages explain what to do first) the window fits too."""
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show_page(page)
    window.show()
    window.resize(FITS)
    QApplication.processEvents()
    minimum = _minimum(window)
    assert minimum.width() <= FITS.width() and minimum.height() <= FITS.height()
    assert not _sideways(window)


def test_every_dialog_is_in_the_walk(qtbot, demo_ctx):
    """Every dialog class of the app is among the screens checked (a new one must be added)."""
    shown = set()
    for key in ALL_SCREENS:
        if not key.startswith("page "):
            widget = ALL_SCREENS[key](demo_ctx)
            qtbot.addWidget(widget)
            shown.add(type(widget))
    defined = set()
    for module in pkgutil.walk_packages(ui.__path__, "ui."):
        for _name, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            own = cls.__module__ == module.name and not cls.__name__.startswith("_")
            if issubclass(cls, QDialog) and own:  # (a shared base class is not a dialog)
                defined.add(cls)
    assert not {c.__name__ for c in defined - shown}


def test_a_window_opens_within_its_screen(qtbot, demo_ctx):
    """A dialog that asks for more room than the screen has opens smaller, within it (its form
    scrolls); one that fits gets all the room it asks for."""
    from ui.dialogs.circle_dialog import CircleDialog
    from ui.dialogs.template_dialog import TemplateDialog

    free = QApplication.primaryScreen().availableGeometry()
    big = TemplateDialog(None, 120)  # it asks for 880×600, and more for all its text boxes
    qtbot.addWidget(big)
    assert big.sizeHint().height() > free.height() - 32
    assert big.width() <= free.width() and big.height() <= free.height() - 32
    small = CircleDialog(demo_ctx)
    qtbot.addWidget(small)
    assert small.size() == small.sizeHint()


# --- bug 8: no text cut off without a way to read it -----------------------------------------

_PARTS_OF = (QComboBox, QAbstractSpinBox, QTabBar, QAbstractItemView)


def _plain(text: str) -> str:
    return re.sub(r"&(?!&)", "", text).replace("&&", "&")


def _inside_a_part(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, _PARTS_OF):
            return True
        parent = parent.parentWidget()
    return False


def _readable(widget: QWidget, text: str) -> bool:
    """True when ``text`` is shown whole, or its tooltip has it."""
    return _plain(text) in _plain(widget.toolTip())


def _cut_label_or_button(widget: QWidget) -> bool:
    if isinstance(widget, QLabel) and GuiQt.mightBeRichText(widget.text()):
        return False  # formatted text is laid out by Qt in its own way
    text = widget.text()
    if not text.strip() or isinstance(widget, ElidedLabel) and _readable(widget, text):
        return False
    if widget.hasHeightForWidth() or (isinstance(widget, QLabel) and widget.wordWrap()):
        return widget.height() + 1 < widget.heightForWidth(widget.width())
    if widget.width() + 1 >= widget.sizeHint().width():
        return False
    return not _readable(widget, text)


def _cut_combo(box: QComboBox) -> bool:
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox,
        option,
        QStyle.SubControl.SC_ComboBoxEditField,
        box,
    )
    text = box.currentText()
    too_wide = box.fontMetrics().horizontalAdvance(text) > field.width()
    return too_wide and not _readable(box, text)


def _cut_cells(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None or view.wordWrap() and not hasattr(view, "horizontalHeader"):
        return []
    cut = []
    columns = model.columnCount() if hasattr(view, "horizontalHeader") else 1
    for row in range(min(model.rowCount(), 40)):
        for column in range(columns):
            index = model.index(row, column)
            text = str(index.data() or "")
            if not text or view.indexWidget(index) is not None:
                continue
            rect = view.visualRect(index)
            lines = max(1, rect.height() // max(1, view.fontMetrics().height()))
            needed = view.fontMetrics().horizontalAdvance(text)
            room = (rect.width() - 8) * (lines if view.wordWrap() else 1)
            tip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
            if needed > room and text not in tip:
                cut.append(text)
    return cut


def cut_texts(window: QWidget) -> list[str]:
    """The texts on ``window`` that are cut off, with no tooltip to read them whole."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or _inside_a_part(widget, window):
            continue
        if isinstance(widget, QLabel | QAbstractButton) and _cut_label_or_button(widget):
            found.append(f"{type(widget).__name__} {widget.text()!r}")
        elif isinstance(widget, QComboBox) and _cut_combo(widget):
            found.append(f"chooser {widget.currentText()!r}")
        elif isinstance(widget, QAbstractItemView):
            found += [f"cell {text!r}" for text in _cut_cells(widget)]
    return found


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("key", list(ALL_SCREENS))
def test_no_text_is_cut_off_at_the_usual_size(qtbot, demo_ctx, key, language):
    """At the usual size (the main window 900×600 points, a dialog as it opens), and at the
    size a 200% screen leaves, every label, button, chooser, list line and table cell shows its
    whole text, or says it in a tooltip."""
    from budgetkring.i18n import set_language

    set_language(language)
    window = _show(qtbot, demo_ctx, key)
    if key.startswith("page "):
        window.resize(900, 600)
    for size in (window.size(), FITS.expandedTo(_minimum(window))):
        window.resize(size)
        QApplication.processEvents()
        for _tab in tab_views(window):
            cut = cut_texts(window)
            assert not cut, f"{key} at {size.width()}×{size.height()}: {cut}"


def test_the_check_finds_cut_text(qtbot):
    """The check above sees a squeezed tick box, chooser and list line, unless a tooltip or
    wrapping shows the whole text (so a green run means something)."""
    from PySide6.QtWidgets import QCheckBox, QListWidget, QVBoxLayout

    window = QWidget()
    qtbot.addWidget(window)
    box = QCheckBox("Gestopte begeleiders tonen")
    box.setFixedWidth(60)
    chooser = QComboBox()
    chooser.addItem("Fatma Yilmaz (kent deze kring; woont in Zwolle)")
    chooser.setFixedWidth(80)
    lines = QListWidget()
    lines.addItem("do 22 jul 2027: schoolvakantie: Zomervakantie regio Noord")
    lines.setFixedWidth(90)
    layout = QVBoxLayout(window)
    for widget in (box, chooser, lines):
        layout.addWidget(widget)
    window.show()
    QApplication.processEvents()
    assert len(cut_texts(window)) == 3
    box.setToolTip(box.text())
    chooser.setToolTip(chooser.currentText())
    lines.setWordWrap(True)
    assert cut_texts(window) == []
