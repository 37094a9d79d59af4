"""The main window: larger text reaches everything at once (bug 6), the status line stays (bug
7), file choosers speak the app's language, and empty pages say what to do first (issue 9)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QStatusTipEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

CLICK = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot, demo_ctx):
    """The main window over the demo, shown; the text size is put back afterwards."""
    from ui.main_window import MainWindow

    app = QApplication.instance()
    before = QFont(app.font())
    main = MainWindow(demo_ctx)
    qtbot.addWidget(main)
    main.show()
    QApplication.processEvents()
    yield main
    app.setFont(before)


def _status_texts(window) -> list[str]:
    """What the status line shows: its message and its visible labels."""
    bar = window.statusBar()
    labels = [label.text() for label in bar.findChildren(QLabel) if label.isVisible()]
    return [bar.currentMessage(), *labels]


def test_larger_text_reaches_the_page_list_and_headings_at_once(window):
    """Beeld → Tekst groter enlarges the page list, the page headings and coloured hints now,
    not after a restart; the page list widens to keep its longest name whole."""
    for key in ("overview", "facilitators"):
        window.show_page(key)
    page = window.page("facilitators")
    heading = page.findChild(QLabel)  # the first label of a page is its heading
    hint = page.history_note
    base = QApplication.instance().font().pointSizeF()
    window.change_font(+4)
    QApplication.processEvents()
    size = QApplication.instance().font().pointSizeF()
    assert size == base + 4
    assert window.nav.font().pointSizeF() == size
    assert heading.text() == "Facilitators" and heading.font().pointSizeF() == pytest.approx(
        size * 1.4
    )
    assert window.page("overview").title.font().pointSizeF() == pytest.approx(size * 1.4)
    assert hint.font().pointSizeF() == size  # a label with a colour of its own
    longest = max(
        window.nav.fontMetrics().horizontalAdvance(window.nav.item(row).text())
        for row in range(window.nav.count())
    )
    assert window.nav.width() >= longest + 12
    window.change_font(-4)
    assert window.nav.font().pointSizeF() == base
    assert heading.font().pointSizeF() == pytest.approx(base * 1.4)


def test_status_line_stays_after_a_menu_was_opened(window):
    """A menu writes its hints in the status line; the line about where the data is and that it
    is saved comes back (it used to be gone for good)."""
    path = window.ctx.store.path
    assert any(path.name in text for text in _status_texts(window))
    # what a menu does when the mouse goes over an item, and when it leaves
    QApplication.sendEvent(window, QStatusTipEvent("Make a backup"))
    QApplication.sendEvent(window, QStatusTipEvent(""))
    assert any(path.name in text for text in _status_texts(window))
    assert str(path) in window.status_label.toolTip()  # the whole path, for who looks for it


def test_file_chooser_speaks_dutch(qtbot):
    """With Dutch chosen, Qt's own file chooser says "Zoeken in" and "Bestanden van type" (Qt's
    Dutch lacks the words it asks for, so the app gives them)."""
    from ui.app import install_qt_translations
    from ui.seams import file_dialog

    app = QApplication.instance()
    install_qt_translations(app, "nl")
    try:
        chooser = file_dialog(None, "Backup terugzetten", "", "Budgetkring (*.db)", save=False)
        qtbot.addWidget(chooser)
        assert chooser.labelText(QFileDialog.DialogLabel.LookIn) == "Zoeken in:"
        assert chooser.labelText(QFileDialog.DialogLabel.FileType) == "Bestanden van type:"
        assert chooser.acceptMode() == QFileDialog.AcceptMode.AcceptOpen
        saver = file_dialog(None, "Opslaan", "/tmp/kring.ics", "Agenda (*.ics)", save=True)
        qtbot.addWidget(saver)
        assert saver.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        assert saver.selectedFiles()[0].endswith("kring.ics")  # the suggested name
        # File types without their patterns; saving over a file asks, except where told not to
        Option = QFileDialog.Option
        assert chooser.testOption(Option.HideNameFilterDetails)
        assert not saver.testOption(Option.DontConfirmOverwrite)
        database = file_dialog(None, "Open", "", "Budgetkring (*.db)", save=True, confirm=False)
        qtbot.addWidget(database)
        assert database.testOption(Option.DontConfirmOverwrite)
    finally:
        install_qt_translations(app, "en")


def test_empty_pages_say_what_to_do_first(qtbot, ctx, prompter):
    """With nothing entered yet, Overzicht, Kringen and Begeleiders say what to do first;
    Overzicht opens the first steps; the notes go once there is something."""
    from budgetkring.organisation.circles import add_circle
    from tests.conftest import add_person
    from ui.pages.circles import CirclesPage
    from ui.pages.facilitators import FacilitatorsPage
    from ui.pages.overview import OverviewPage

    overview, circles, people = OverviewPage(ctx), CirclesPage(ctx), FacilitatorsPage(ctx)
    for page in (overview, circles, people):
        qtbot.addWidget(page)
        page.show()
    assert overview.empty_note.isVisible() and "add the facilitators" in overview.empty_note.text()
    assert "New circle…" in circles.empty_note.text() and circles.empty_note.isVisible()
    assert "New facilitator…" in people.empty_note.text() and people.empty_note.isVisible()
    assert not people.history_note.isVisible()  # no "choose a facilitator above" with nobody
    qtbot.mouseClick(overview.first_steps_button, CLICK)
    assert prompter.dialogs[-1].topic == "eerste-stappen"

    add_circle(ctx.store, name="Zwolle-Zuid", municipality="Zwolle")
    add_person(ctx.store, "Anja de Vries")
    for page in (overview, circles, people):
        page.refresh()
    assert not overview.empty_note.isVisible() and not overview.first_steps_button.isVisible()
    assert not circles.empty_note.isVisible() and not people.empty_note.isVisible()


def test_a_page_says_when_everything_is_hidden(qtbot, demo_ctx):
    """Every circle archived: Kringen says how to see them again instead of an empty list."""
    from budgetkring.organisation.circles import list_circles, set_archived
    from tests.conftest import TODAY
    from ui.pages.circles import CirclesPage

    for circle in list_circles(demo_ctx.store, TODAY):
        set_archived(demo_ctx.store, circle.id, True)
    page = CirclesPage(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    assert "Show archived circles" in page.empty_note.text() and page.empty_note.isVisible()
    page.show_archived.setChecked(True)
    assert not page.empty_note.isVisible()
