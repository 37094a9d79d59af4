"""Keyboard use: Tab goes through every page and dialog in the order a reader reads it (top to
bottom, left to right), never gets stuck in a table, and reaches the buttons that finish a
dialog; every page has a key (Ctrl+1 … Ctrl+9); Esc on the first-run screen does not quit
silently."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QScrollArea,
    QTextBrowser,
    QWidget,
)

from tests.test_accessibility import SCREENS, describe, interactive_widgets, open_screen, tab_views


def _tab_focus(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _reachable(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.isEnabled() and _tab_focus(widget)


def _first_focus(window: QWidget) -> QWidget:
    """Focus the first widget Tab can reach (as when the window opens without a focus)."""
    focus = window.focusWidget()
    if focus is not None and _reachable(focus, window):
        return focus
    widget = window.nextInFocusChain()
    while widget is not window:
        if _reachable(widget, window):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return widget
        widget = widget.nextInFocusChain()
    raise AssertionError("nothing in the window takes the keyboard focus")


def tab_walk(qtbot, window: QWidget, limit: int = 400) -> list[QWidget]:
    """Press Tab until the focus is back where it started; the widgets it visited, in order.

    Fails when Tab stays in one widget (a keyboard trap) or goes round in a loop without
    coming back to the start. A time field takes one Tab per part (hours, then minutes) and a
    text with links one per link, as Qt's do.
    """
    start = _first_focus(window)
    reachable = [w for w in window.findChildren(QWidget) if _reachable(w, window)]
    if len(reachable) == 1:
        return [start]
    visited, stays = [start], 0
    for _ in range(limit):
        current = window.focusWidget()
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        QApplication.processEvents()
        following = window.focusWidget()
        if following is current:
            stays += 1
            assert stays < _tabs_inside(current), f"Tab is stuck in {describe(current, window)}"
            continue
        stays = 0
        if following is start:
            return visited
        assert following not in visited, (
            f"Tab goes round without coming back: {describe(following, window)} again"
        )
        visited.append(following)
    raise AssertionError(f"Tab never came back after {limit} presses")


def _tabs_inside(widget: QWidget) -> int:
    """How many Tabs a widget may keep for itself before Tab goes on."""
    if isinstance(widget, QDateTimeEdit):
        return widget.sectionCount()  # hours, minutes
    if isinstance(widget, QTextBrowser):
        return 1 + widget.toHtml().count("<a ")  # each link, then on
    return 1


def _areas(widget: QWidget, window: QWidget) -> list[QScrollArea]:
    """The scroll areas a widget is in, outermost first."""
    areas, current = [], widget
    while current is not window:
        parent = current.parentWidget()
        area = parent.parentWidget() if parent is not None else None
        if isinstance(area, QScrollArea) and area.widget() is current:
            areas.insert(0, area)
        current = parent
    return areas


def _rect(widget: QWidget, window: QWidget) -> QRect:
    """Where a widget is in the window, as if every scroll area were scrolled to the top (Tab
    scrolls the widget it reaches into sight, which must not change the order it reads in)."""
    at, current = QPoint(0, 0), widget
    while current is not window:
        parent = current.parentWidget()
        area = parent.parentWidget() if parent is not None else None
        scrolled = isinstance(area, QScrollArea) and area.widget() is current
        at += QPoint(0, 0) if scrolled else current.pos()
        current = parent
    return QRect(at, widget.size())


def _compared(a: QWidget, b: QWidget, window: QWidget) -> tuple[QRect, QRect]:
    """The places to compare for a step from ``a`` to ``b``: a widget inside a scroll area that
    the other is not in counts as that scroll area (whatever is in it reads before what follows
    it, however long it is)."""
    areas_a, areas_b = _areas(a, window), _areas(b, window)
    shared = 0
    while shared < min(len(areas_a), len(areas_b)) and areas_a[shared] is areas_b[shared]:
        shared += 1
    here = areas_a[shared] if len(areas_a) > shared else a
    there = areas_b[shared] if len(areas_b) > shared else b
    return _rect(here, window), _rect(there, window)


def reading_start(visited: list[QWidget], window: QWidget) -> int:
    """Where reading starts among the widgets: the leftmost one on the top line."""
    rects = [_rect(w, window) for w in visited]
    top = min(rects, key=QRect.top)
    on_top_line = [i for i, r in enumerate(rects) if r.top() <= top.bottom()]
    return min(on_top_line, key=lambda i: rects[i].left())


def backward_steps(visited: list[QWidget], window: QWidget) -> list[str]:
    """The Tab steps that go against reading order.

    The walk is read from where reading starts (``reading_start``). A step goes back when the
    next widget is wholly above the current one and not in a column to its right (going up to
    the next column is reading order), or on the same line and wholly to its left.
    """
    first = reading_start(visited, window)
    order = list(range(first, len(visited))) + list(range(first))
    wrong = []
    for a, b in zip(order, order[1:], strict=False):
        here, there = _compared(visited[a], visited[b], window)
        above = there.bottom() < here.top()
        same_line = there.top() <= here.bottom() and here.top() <= there.bottom()
        up_same_column = above and there.left() < here.right()
        back_on_line = same_line and not above and there.right() < here.left()
        if up_same_column or back_on_line:
            wrong.append(f"{describe(visited[a], window)} → {describe(visited[b], window)}")
    return wrong


def finishing_buttons(window: QWidget) -> list[QWidget]:
    """The dialog's own buttons (Save, OK, Cancel, Close…) that can be used now."""
    return [
        button
        for box in window.findChildren(QDialogButtonBox)
        if box.isVisibleTo(window)
        for button in box.buttons()
        if _reachable(button, window)
    ]


# Screens that open with the keyboard somewhere else than the first field: where, and why.
STARTS_ELSEWHERE = {
    "first run": "org_name",  # the organisation's name, to type it at once
    "preview": "scroll",  # the pages, so the arrow keys and Page Down scroll at once
    "paper list grid": "grid",  # the grid, so typing can start at once
}


@pytest.mark.parametrize("key", list(SCREENS))
def test_keyboard_starts_at_the_first_field(qtbot, demo_ctx, key):
    """A page or dialog opens with the keyboard on its first field (top left), not on the
    buttons at the bottom (or on the one field it is for)."""
    window = open_screen(qtbot, demo_ctx, key)
    opened_on = window.focusWidget()
    if key in STARTS_ELSEWHERE:
        expected = getattr(window, STARTS_ELSEWHERE[key])
    else:
        visited = tab_walk(qtbot, window)
        expected = visited[reading_start(visited, window)]
    assert opened_on in (expected, expected.focusProxy()), (
        f"{key} opens on {opened_on and describe(opened_on, window)}, "
        f"not on {describe(expected, window)}"
    )


@pytest.mark.parametrize("key", list(SCREENS))
def test_tab_follows_reading_order_and_reaches_the_buttons(qtbot, demo_ctx, key):
    """Tab, pressed on and on, visits every widget of the page or dialog (each tab of it) in
    reading order, is never caught in a table, and reaches the buttons that finish a dialog."""
    window = open_screen(qtbot, demo_ctx, key)
    for _shown in tab_views(window):
        visited = tab_walk(qtbot, window)
        missed = [
            describe(w, window)
            for w in interactive_widgets(window)
            if _reachable(w, window) and w not in visited and w.focusProxy() not in visited
        ]
        assert not missed, f"{key}: Tab never reaches {missed}"
        assert not backward_steps(visited, window), (
            f"{key}: Tab goes against reading order: {backward_steps(visited, window)}"
        )
        if isinstance(window, QDialog):
            unreached = [b.text() for b in finishing_buttons(window) if b not in visited]
            assert not unreached, f"{key}: Tab never reaches {unreached}"


@pytest.mark.parametrize("key", list(SCREENS))
def test_only_spreadsheets_keep_tab_inside(qtbot, demo_ctx, key):
    """Lists and tables let Tab leave them; only the cell-by-cell grids (attendance, paper list)
    are spreadsheets, and even they let Tab leave."""
    window = open_screen(qtbot, demo_ctx, key)
    for _shown in tab_views(window):
        keeping = [
            describe(view, window)
            for view in window.findChildren(QAbstractItemView)
            if view.tabKeyNavigation()
        ]
        assert not keeping, f"{key}: Tab moves between cells instead of leaving {keeping}"


# --- list pages: the buttons for the chosen row come after the list ---------------------------

CHOSEN_ROW_BUTTONS = {
    "circles": "edit_button",
    "facilitators": "edit_button",
    "participants": "edit_button",
    "programmes": "edit_button",
    "training": "observe_button",
}


@pytest.mark.parametrize("page_key", list(CHOSEN_ROW_BUTTONS))
def test_after_choosing_a_row_tab_goes_on_to_its_buttons(qtbot, demo_ctx, page_key):
    """On a list page, choose a row with the keyboard, press Tab: the focus goes on (down) to
    the buttons that work on that row, never back up past the list."""
    window = open_screen(qtbot, demo_ctx, f"page {page_key}")
    page = window.pages[page_key]
    table = page.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(table, Qt.Key.Key_Down)  # choose the first (or next) row by keyboard
    assert table.selectionModel().selectedRows(), "no row chosen"
    below = _rect(table, window).bottom()
    target = getattr(page, CHOSEN_ROW_BUTTONS[page_key])
    assert target.isEnabled()
    assert _rect(target, window).top() > below, f"{target.text()!r} is above the list"
    for _ in range(10):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        focus = window.focusWidget()
        if focus is target:
            return
        assert _rect(focus, window).top() > below, (
            f"Tab goes back up to {describe(focus, window)} before {target.text()!r}"
        )
    raise AssertionError(f"Tab never reaches {target.text()!r} after the list")


# --- pages by keyboard ---------------------------------------------------------------------


def test_ctrl_2_shows_the_second_page_and_the_menu_says_so(qtbot, demo_ctx):
    """Ctrl+1 … Ctrl+6 go to the pages in the order of the page list; the Go to menu lists
    each page with its key, and the page list shows the key in a tooltip."""
    window = open_screen(qtbot, demo_ctx, "page overview")
    assert window.current_key() == "overview"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "circles"
    assert window.nav.currentRow() == 1
    assert window.stack.currentWidget().isAncestorOf(window.pages["circles"]) or (
        window.stack.currentWidget() is window.pages["circles"]
    )
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "programmes"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "overview"

    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    go_to = menus["Go to"]
    listed = [(a.text(), a.shortcut().toString()) for a in go_to.actions()]
    pages = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert listed == [(name, f"Ctrl+{n}") for n, name in enumerate(pages, 1)]
    assert window.nav.item(1).toolTip() == QKeySequence("Ctrl+2").toString(
        QKeySequence.SequenceFormat.NativeText
    )


# --- the first-run screen -------------------------------------------------------------------


def test_esc_on_the_first_run_screen_asks_before_closing(qtbot, ctx, prompter):
    """Esc on the first-run screen (at start-up: closing it closes the app) first asks; "no"
    keeps the screen open with what was typed, "yes" closes it."""
    from ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.org_name, "Samen Rondkomen")
    prompter.confirm_answer = False
    qtbot.keyClick(dialog.org_name, Qt.Key.Key_Escape)
    assert [m[1] for m in prompter.messages] == ["Close Budgetkring?"]
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.org_name.text() == "Samen Rondkomen"
    prompter.confirm_answer = True
    qtbot.keyClick(dialog.org_name, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.choice == ""


def test_esc_on_the_first_run_screen_from_the_window_goes_back_without_asking(qtbot, ctx, prompter):
    """Opened from the main window (another, empty database), Esc simply goes back: nothing to
    ask, the app stays open."""
    from ui.first_run import FirstRunDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = FirstRunDialog(ctx, parent)
    dialog.show()
    qtbot.keyClick(dialog.org_name, Qt.Key.Key_Escape)
    assert prompter.messages == []
    assert dialog.result() == QDialog.DialogCode.Rejected
