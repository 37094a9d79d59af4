"""The Coördinatie page (issue 12): every circle with what needs attention, riskiest first,
filters by place and status, sorting by any column, and the chosen circle's attendance per
month drawn without colour."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from tests.test_dashboard import organisation

CLICK = Qt.MouseButton.LeftButton


def _page(qtbot, ctx):
    """The page in the main window, shown, over the organisation of ``test_dashboard``."""
    from ui.main_window import MainWindow

    organisation(ctx.store)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1000, 800)
    page = window.show_page("coordination")
    window.show()
    qtbot.waitExposed(window)
    return window, page


def _names(page) -> list[str]:
    return [page.model.row_object(r).facts.name for r in range(page.model.rowCount())]


def _cell(page, row: int, header: str) -> str:
    model = page.model
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == header
    )
    return model.index(row, column).data()


def test_the_page_is_in_the_window_and_the_riskiest_circle_is_first(qtbot, ctx):
    """Coördinatie is in the page list; its first row is the riskiest circle, chosen, with its
    risk and what is wrong in words; the archived circle is not listed."""
    window, page = _page(qtbot, ctx)
    assert "Coordination" in [window.nav.item(r).text() for r in range(window.nav.count())]
    assert _names(page) == ["Deventer-West", "Zwolle-Noord", "Hattem-Klaar", "Kampen-Oost"]
    assert _cell(page, 0, "Risk") == "95"
    assert "2 meetings in the next 4 weeks without two facilitators" in _cell(
        page, 0, "Needs attention"
    )
    assert _cell(page, 0, "Attendance") == "50%"
    assert page.selected().facts.name == "Deventer-West"
    assert page.count_label.text() == "4 circles shown; 2 need attention."


def test_a_rows_words_say_what_is_wrong(qtbot, ctx):
    """Choosing Zwolle-Noord shows, under the list, every problem on a line of its own and
    where its data came from; its row says the same in its cells."""
    _window, page = _page(qtbot, ctx)
    row = _names(page).index("Zwolle-Noord")
    words = _cell(page, row, "Needs attention")
    for text in (
        "No certified facilitator in the pair",
        "1 participant missed 3 meetings in a row without notice",
        "Only 7 participants (aim: at least 8)",
        "No new data for 10 weeks",
    ):
        assert text in words
    assert _cell(page, row, "Data received") == "10 weeks ago"
    assert _cell(page, _names(page).index("Kampen-Oost"), "Data received") == "on this laptop"
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # by keyboard, from the first row
    assert page.selected().facts.name == "Zwolle-Noord"
    details = page.details.text().splitlines()
    assert details[0] == "Zwolle-Noord (Zwolle). Data received 10 weeks ago from Laptop Tina."
    assert "• Only 7 participants (aim: at least 8)." in details
    assert page.chart_title.text() == "Attendance per month: Zwolle-Noord"


def test_filtering_by_place_and_status(qtbot, ctx):
    """Choosing a place shows only that place's circles; a status narrows it further; "All"
    shows everything again."""
    _window, page = _page(qtbot, ctx)
    box = page.town_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "All places",
        "Deventer",
        "Hattem",
        "Kampen",
        "Zwolle",
    ]
    box.setFocus()
    box.setCurrentIndex(box.findText("Zwolle"))
    assert _names(page) == ["Zwolle-Noord"]
    assert page.count_label.text() == "1 circle shown; 1 needs attention."
    assert page.selected().facts.name == "Zwolle-Noord"  # the chart follows the filter
    page.select_town(None)
    page.status_box.setCurrentIndex(page.status_box.findData("finished"))
    assert _names(page) == ["Hattem-Klaar"]
    page.select_town("Zwolle")
    assert _names(page) == [] and not page.chart.isVisibleTo(page)
    page.select_status(None)
    page.select_town(None)
    assert len(_names(page)) == 4


def _click_header(qtbot, page, title: str) -> None:
    header = page.table.horizontalHeader()
    column = next(
        c
        for c in range(page.model.columnCount())
        if page.model.headerData(c, Qt.Orientation.Horizontal) == title
    )
    at = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, 5)
    qtbot.mouseClick(header.viewport(), CLICK, pos=at)


def test_a_click_on_a_column_header_sorts_by_it(qtbot, ctx):
    """Clicking "Participants" sorts on the number of participants, clicking again turns the
    order round; one click on "Risk" puts the riskiest circle on top again; the chosen circle
    stays chosen."""
    _window, page = _page(qtbot, ctx)

    def participants() -> list[int]:
        return [page.model.row_object(r).facts.participants for r in range(page.model.rowCount())]

    _click_header(qtbot, page, "Participants")
    assert participants() == [3, 7, 8, 8]
    assert page.selected().facts.name == "Deventer-West"  # moved from the first row
    assert page.table.selectionModel().selectedRows()[0].row() == 2
    _click_header(qtbot, page, "Participants")
    assert participants() == [8, 8, 7, 3]
    assert page.selected().facts.name == "Deventer-West"
    _click_header(qtbot, page, "Risk")
    assert _names(page)[:2] == ["Deventer-West", "Zwolle-Noord"]


def test_the_chart_draws_bars_with_their_percentages(qtbot, ctx):
    """The chosen circle's chart has twelve months; Kampen-Oost (everyone always there) has
    solid bars of 100%, painted dark where the bar stands; the picture can be taken."""
    from ui.attendance_chart import SOLID_FILL

    _window, page = _page(qtbot, ctx)
    page.select(next(r.circle_id for r in page.rows if r.facts.name == "Kampen-Oost"))
    chart = page.chart.chart
    assert chart is not None and len(chart.bars) == 12
    drawn = [b for b in chart.bars if b.pattern != "none"]
    assert drawn and all(b.value == "100%" and b.pattern == "solid" for b in drawn)
    assert "Attendance per month" in page.chart.accessibleDescription()
    QApplication.processEvents()
    image = page.chart.grab().toImage()
    assert not image.isNull() and image.width() == page.chart.width()
    bar = drawn[-1]
    middle = image.pixelColor(int(bar.x + bar.width / 2), int(bar.top + bar.height / 2))
    assert middle == QColor(SOLID_FILL)
    assert page.window().grab().width() > 0


def test_an_empty_organisation_says_what_to_do(qtbot, ctx):
    """With no circles the page says where circles come from, and shows no chart."""
    from ui.pages.coordination import CoordinationPage

    page = CoordinationPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 0
    assert page.empty_note.isVisible() and "no circles yet" in page.empty_note.text()
    assert not page.chart.isVisible()
