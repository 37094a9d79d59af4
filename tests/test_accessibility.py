"""Accessibility (EN 301 549 / WCAG 2.2 AA, as it applies here): every page and every dialog is
walked, and every interactive widget must have a name a screen reader can say, be large enough
to hit, and show its focus; colours that carry meaning keep enough contrast; pages have keys.

``SCREENS`` (every page and every dialog, built over the demo organisation) is shared with
``test_keyboard.py``, which walks the same screens with the Tab key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from budgetkring.organisation.circles import find_circle
from budgetkring.planning.sessions import list_sessions
from tests.conftest import TODAY, fid

# --- every page and every dialog, over the demo organisation ------------------------------------


def _window(ctx, key: str) -> QWidget:
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.show_page(key)
    return window


def _circle(ctx, name: str = "Zwolle-Zuid"):
    return find_circle(ctx.store, name)


def _planned(ctx, name: str = "Zwolle-Zuid"):
    sessions = list_sessions(ctx.store, _circle(ctx, name).id, TODAY)
    return next(s for s in sessions if s.status == "planned" and s.date >= TODAY)


def _facilitator(ctx, name: str):
    from budgetkring.staffing.facilitators import get_facilitator

    return get_facilitator(ctx.store, fid(ctx.store, name), TODAY)


def _gap_session(ctx) -> int:
    from budgetkring.staffing.substitutions import find_gaps

    return find_gaps(ctx.store, TODAY)[0].session_id


def _meeting_with_stand_in(ctx) -> QWidget:
    from budgetkring.staffing.substitutions import substitute, suggest
    from ui.dialogs.meeting_dialog import MeetingDialog

    session_id = _gap_session(ctx)
    best = suggest(ctx.store, session_id, TODAY, {}).ranked[0]
    substitute(ctx.store, session_id, best.person.id, None, TODAY, confirmed=False)
    return MeetingDialog(ctx, session_id)


def _fill_gaps(ctx) -> QWidget:
    from budgetkring.staffing.absences import add_absence
    from budgetkring.staffing.substitutions import fill_gaps
    from ui.dialogs.standin_dialogs import FillGapsDialog

    first = list_sessions(ctx.store, _circle(ctx, "Deventer Centrum").id, TODAY)[0]
    kees = fid(ctx.store, "Kees Bakker")
    add_absence(ctx.store, kees, first.date, first.date + timedelta(days=20), "holiday")
    return FillGapsDialog(ctx, fill_gaps(ctx.store, TODAY))


def _any_participant(ctx, consent: bool):
    from budgetkring.organisation.circles import list_circles
    from budgetkring.participants.participants import list_participants

    for circle in list_circles(ctx.store, TODAY):
        for person in list_participants(ctx.store, circle.id, TODAY):
            if (person.consent is not None) == consent:
                return person
    raise LookupError("no such participant in the demo")


def _progress_without_consent(ctx) -> QWidget:
    from budgetkring.participants.participants import add_participant
    from ui.dialogs.participant_dialog import ParticipantDetailDialog

    person = add_participant(ctx.store, _circle(ctx).id, TODAY, alias="Els")
    return ParticipantDetailDialog(ctx, person.id)


def _goals_dialog(ctx) -> QWidget:
    """The goals of a facilitator: a dialog the Facilitators page builds itself."""
    from ui.pages.facilitators import FacilitatorsPage

    page = FacilitatorsPage(ctx)
    page.select(fid(ctx.store, "Anja de Vries"))
    page.goals_of_selected()
    dialog = ctx.prompter.dialogs[-1]
    dialog.setParent(None)
    page.deleteLater()
    return dialog


def _paper_grid(ctx) -> QWidget:
    """The paper-list dialog after an assessment sheet's code was typed (its grid page)."""
    from budgetkring.documents.sheets import assessment_code
    from ui.dialogs.paper_dialog import PaperDialog

    dialog = PaperDialog(ctx)
    dialog.code_edit.setText(str(assessment_code(_circle(ctx).id, "mid")))
    dialog.open_code()
    return dialog


def _preview(ctx) -> QWidget:
    from budgetkring.documents.kinds import Request, render
    from ui.pdf_preview import PdfPreviewDialog

    document = render(ctx.store, Request("session-plan", session_id=_planned(ctx).id), TODAY)
    return PdfPreviewDialog(ctx, document)


def _coordinator(ctx):
    """The coordinator's gegevensbestand beside the demo, with Anja de Vries invited."""
    from budgetkring.exchange.membership import invite
    from budgetkring.store import open_store

    folder = ctx.store.path.parent
    store = open_store(folder / "coordinator.db", lock=False)
    return store, invite(store, "Anja de Vries", folder / "anja.bkinvite", replace=True)


def _exchange(ctx, role: str) -> QWidget:
    """The exchange dialog of a new gegevensbestand (the demo), of a facilitator's that joined
    the organisation (the demo, as Anja's), or of the coordinator's; a shared folder chosen."""
    from budgetkring.exchange.membership import join
    from ui.context import AppContext
    from ui.dialogs.exchange_dialog import ExchangeDialog
    from ui.tasks import SyncRunner

    if role == "new":
        return ExchangeDialog(ctx)
    ctx.settings.exchange_folder = str(ctx.store.path.parent)
    store, invitation = _coordinator(ctx)
    if role == "facilitator":
        store.close()
        join(ctx.store, invitation)
        return ExchangeDialog(ctx)
    theirs = AppContext(store, ctx.settings, ctx.settings_file, ctx.prompter, ctx.today)
    theirs.runner = SyncRunner(lambda: theirs)
    dialog = ExchangeDialog(theirs)
    dialog.destroyed.connect(store.close)
    return dialog


def _sanne(ctx) -> int:
    """The demo's trainee halfway through her training year."""
    return fid(ctx.store, "Sanne Visser")


def _demo_certificate(ctx):
    """The certificate in the demo's register."""
    from budgetkring.training.certificates import register

    return register(ctx.store)[0]


def _cls(module: str, name: str) -> type:
    """The class ``name`` of ``ui.<module>``, imported when the screen is built."""
    import importlib

    return getattr(importlib.import_module(f"ui.{module}"), name)


SCREENS: dict[str, Callable[[object], QWidget]] = {
    # pages, each inside the main window (so the navigation is walked too)
    "page overview": lambda c: _window(c, "overview"),
    "page circles": lambda c: _window(c, "circles"),
    "page planning": lambda c: _window(c, "planning"),
    "page participants": lambda c: _window(c, "participants"),
    "page facilitators": lambda c: _window(c, "facilitators"),
    "page programmes": lambda c: _window(c, "programmes"),
    "page coordination": lambda c: _window(c, "coordination"),
    "page training": lambda c: _window(c, "training"),
    # dialogs
    "first run": lambda c: _cls("first_run", "FirstRunDialog")(c),
    "new circle": lambda c: _cls("dialogs.circle_dialog", "CircleDialog")(c),
    "edit circle": lambda c: _cls("dialogs.circle_dialog", "CircleDialog")(c, _circle(c)),
    "pair": lambda c: _cls("dialogs.pair_dialog", "PairDialog")(c, _circle(c)),
    "new facilitator": lambda c: _cls("dialogs.facilitator_dialog", "FacilitatorDialog")(c),
    "edit facilitator": lambda c: _cls("dialogs.facilitator_dialog", "FacilitatorDialog")(
        c, _facilitator(c, "Anja de Vries")
    ),
    "absences": lambda c: _cls("dialogs.absence_dialog", "AbsenceDialog")(
        c, _facilitator(c, "Kees Bakker")
    ),
    "weights": lambda c: _cls("dialogs.weights_dialog", "WeightsDialog")(c),
    "facilitator goals": _goals_dialog,
    "suggest stand-in": lambda c: _cls("dialogs.standin_dialogs", "SuggestDialog")(
        c, _gap_session(c)
    ),
    "fill gaps": _fill_gaps,
    "plan": lambda c: _cls("dialogs.plan_dialog", "PlanDialog")(c, _circle(c)),
    "meeting": lambda c: _cls("dialogs.meeting_dialog", "MeetingDialog")(c, _planned(c).id),
    "meeting with stand-in": _meeting_with_stand_in,
    "move": lambda c: _cls("dialogs.change_dialogs", "MoveDialog")(c, _planned(c)),
    "cancel": lambda c: _cls("dialogs.change_dialogs", "CancelDialog")(c, _planned(c)),
    "extra": lambda c: _cls("dialogs.change_dialogs", "ExtraDialog")(
        c, _circle(c).id, TODAY, _planned(c).start, _planned(c).end
    ),
    "new programme meeting": lambda c: _cls("dialogs.template_dialog", "TemplateDialog")(None, 120),
    "edit programme meeting": lambda c: _cls("dialogs.template_dialog", "TemplateDialog")(
        _first_template(c), 120
    ),
    "new participant": lambda c: _cls("dialogs.participant_dialog", "ParticipantDialog")(
        c, _circle(c).id
    ),
    "edit participant": lambda c: _cls("dialogs.participant_dialog", "ParticipantDialog")(
        c, _circle(c).id, _any_participant(c, consent=True)
    ),
    "progress": lambda c: _cls("dialogs.participant_dialog", "ParticipantDetailDialog")(
        c, _any_participant(c, consent=True).id
    ),
    "progress without consent": _progress_without_consent,
    "paper list": lambda c: _cls("dialogs.paper_dialog", "PaperDialog")(c),
    "paper list grid": _paper_grid,
    "print": lambda c: _cls("dialogs.print_dialog", "PrintDialog")(c),
    "choose circle to print": lambda c: _choose_circle(c),
    "preview": _preview,
    "help": lambda c: _cls("help", "HelpDialog")("circles"),
    "observe": lambda c: _cls("dialogs.training_dialogs", "ObserveDialog")(c, _sanne(c)),
    "sign off": lambda c: _cls("dialogs.training_dialogs", "SignOffDialog")(c, _sanne(c)),
    "training day": lambda c: _cls("dialogs.training_dialogs", "TrainingDayDialog")(c, _sanne(c)),
    "training start": lambda c: _cls("dialogs.training_dialogs", "StartDialog")(c, _sanne(c)),
    "certify": lambda c: _cls("dialogs.training_dialogs", "CertifyDialog")(c, _sanne(c)),
    "revoke": lambda c: _cls("dialogs.certificate_dialogs", "RevokeDialog")(
        c, _demo_certificate(c)
    ),
    "check certificate": lambda c: _cls("dialogs.certificate_dialogs", "VerifyDialog")(c),
    "trainers": lambda c: _cls("dialogs.certificate_dialogs", "TrainersDialog")(c),
    "exchange": lambda c: _exchange(c, "new"),
    "exchange facilitator": lambda c: _exchange(c, "facilitator"),
    "exchange coordinator": lambda c: _exchange(c, "coordinator"),
    "funder report": lambda c: _cls("dialogs.funder_dialog", "FunderDialog")(c),
    "export data": lambda c: _cls("dialogs.funder_dialog", "ExportDialog")(c),
}


def _first_template(ctx):
    from budgetkring.planning.programmes import get_version, list_programmes

    return get_version(ctx.store, list_programmes(ctx.store)[0].version_id).sessions[0]


def _choose_circle(ctx) -> QWidget:
    from budgetkring.organisation.circles import list_circles
    from ui.dialogs.print_dialog import ChooseCircleDialog, next_meetings

    circles = list_circles(ctx.store, TODAY)
    return ChooseCircleDialog(circles, next_meetings(ctx, circles))


def test_every_dialog_is_in_the_walk(qtbot, demo_ctx):
    """Every dialog class of the app is among ``SCREENS`` (a new dialog must be added to the
    accessibility and keyboard walks)."""
    import importlib
    import pkgutil

    from PySide6.QtWidgets import QDialog

    import ui
    import ui.dialogs

    dialogs = set()
    for package in (ui, ui.dialogs):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            loaded = importlib.import_module(module.name)
            dialogs |= {
                value
                for name, value in vars(loaded).items()
                if isinstance(value, type)
                and issubclass(value, QDialog)
                and value.__module__ == loaded.__name__
                and not name.startswith("_")
            }
    walked = set()
    for build in SCREENS.values():
        widget = build(demo_ctx)
        qtbot.addWidget(widget)
        walked.add(type(widget))
    missing = sorted(d.__qualname__ for d in dialogs - walked)
    assert not missing, f"not walked: {missing}"


def open_screen(qtbot, ctx, key: str) -> QWidget:
    """Build the screen ``key`` over ``ctx``, show it and make it the active window."""
    widget = SCREENS[key](ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    QApplication.processEvents()
    return widget


def tab_views(window: QWidget):
    """Show each tab of every tab widget in turn (yields nothing useful; the caller looks)."""
    tabs = [t for t in window.findChildren(QTabWidget) if t.isVisibleTo(window)]
    yield None
    for tab in tabs:
        start = tab.currentIndex()
        for index in range(tab.count()):
            if index != start and tab.isTabEnabled(index):
                tab.setCurrentIndex(index)
                QApplication.processEvents()
                yield tab
        tab.setCurrentIndex(start)


# --- names ----------------------------------------------------------------------------------

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QSlider,
)
_PARTS_OF = (QComboBox, QAbstractSpinBox, QTabBar)  # their inner widgets are not separate


def interactive_widgets(window: QWidget) -> list[QWidget]:
    """The widgets a user can work with that are visible in ``window`` now."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or isinstance(widget, QHeaderView):
            continue
        parent = widget.parentWidget()
        inner = False
        while parent is not None and parent is not window:
            if isinstance(parent, _PARTS_OF):
                inner = True
            parent = parent.parentWidget()
        if inner:
            continue
        if isinstance(widget, QAbstractButton) and isinstance(
            widget.parentWidget(), QAbstractItemView
        ):
            continue  # a table's corner button
        focusable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if isinstance(widget, INTERACTIVE) or (
            focusable and type(widget).__module__.startswith("ui.")
        ):
            found.append(widget)
    return found


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def accessible_name(widget: QWidget, window: QWidget) -> str:
    """What a screen reader says for the widget: its accessible name, its linked label, or (a
    button) its text; a compound widget's inner field takes the name of the whole."""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget and _plain(re.sub("<[^>]+>", "", label.text())):
            return _plain(re.sub("<[^>]+>", "", label.text()))
    if isinstance(widget, QAbstractButton) and _plain(widget.text()):
        return _plain(widget.text())
    parent = widget.parentWidget()
    if parent is not None and parent is not window and parent.focusProxy() is widget:
        return accessible_name(parent, window)
    return ""


def describe(widget: QWidget, window: QWidget) -> str:
    """A widget, findable in a failure message: its class, text and where it is."""
    text = getattr(widget, "text", lambda: "")()
    placeholder = getattr(widget, "placeholderText", lambda: "")()
    at = widget.mapTo(window, QPoint(0, 0))
    return f"{type(widget).__name__} {text!r} {placeholder!r} at ({at.x()}, {at.y()})"


@pytest.mark.parametrize("key", list(SCREENS))
def test_every_interactive_widget_has_a_name(qtbot, demo_ctx, key):
    """On every page and in every dialog (each tab too), every visible interactive widget has an
    accessible name: a linked label, its own text, or a name set for it."""
    window = open_screen(qtbot, demo_ctx, key)
    unnamed: dict[int, str] = {}
    for _shown in tab_views(window):
        for widget in interactive_widgets(window):
            if not accessible_name(widget, window):
                unnamed[id(widget)] = describe(widget, window)
    assert not unnamed, f"{key}: no accessible name for {list(unnamed.values())}"


# --- size, focus, contrast ----------------------------------------------------------------

SMALLEST = 24  # WCAG 2.5.8: a target at least 24 by 24 pixels


@pytest.fixture
def app_style(qapp):
    """The style the app runs with (``run_app`` installs it). Installed once and kept: Qt does
    not take well to swapping the application's style back and forth."""
    from ui.app_style import AppStyle, install_app_style

    install_app_style(qapp)
    assert isinstance(qapp.style(), AppStyle)
    return qapp.style()


@pytest.mark.parametrize("key", list(SCREENS))
def test_buttons_are_big_enough_to_hit(qtbot, demo_ctx, app_style, key):
    """Every visible button, tick box and option is at least 24 by 24 pixels."""
    window = open_screen(qtbot, demo_ctx, key)
    small: dict[int, str] = {}
    for _shown in tab_views(window):
        for widget in interactive_widgets(window):
            if isinstance(widget, QAbstractButton) and (
                widget.width() < SMALLEST or widget.height() < SMALLEST
            ):
                small[id(widget)] = f"{describe(widget, window)} {widget.width()}×{widget.height()}"
    assert not small, f"{key}: smaller than {SMALLEST}×{SMALLEST}: {list(small.values())}"


def _looks(widget: QWidget):
    QApplication.processEvents()
    return widget.grab().toImage()


@pytest.mark.parametrize("key", list(SCREENS))
def test_the_keyboard_focus_is_always_visible(qtbot, demo_ctx, app_style, key):
    """Going through a page or dialog with Tab, every widget looks different while it has the
    focus (a ring, a highlighted frame or item) than after Tab moved on: one can always see
    where typing goes."""
    window = open_screen(qtbot, demo_ctx, key)
    unseen: dict[int, str] = {}
    for _shown in tab_views(window):
        # A window opens without showing focus until the keyboard is used: press Tab first.
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Tab)
        start = window.focusWidget()
        for _ in range(300):
            focused = window.focusWidget()
            with_focus = _looks(focused)
            qtbot.keyClick(focused, Qt.Key.Key_Tab)  # a real Tab: styles then draw the focus
            if window.focusWidget() is focused:
                continue  # a time field: Tab went to its minutes
            if _looks(focused) == with_focus:
                unseen[id(focused)] = describe(focused, window)
            if window.focusWidget() is start:
                break
    assert not unseen, f"{key}: no visible focus on {list(unseen.values())}"


# --- contrast ---------------------------------------------------------------------------------

TEXT_CONTRAST = 4.5  # WCAG 1.4.3, normal text
GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11: lines, symbols and focus rings that carry meaning


def contrast(one, other) -> float:
    """The WCAG contrast ratio of two colours (anything QColor takes)."""
    from PySide6.QtGui import QColor

    def luminance(colour) -> float:
        c = QColor(colour)

        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(x) for x in (c.redF(), c.greenF(), c.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_computed_as_wcag_says():
    """Black on white is 21:1, a colour on itself 1:1, #777 on white just under 4.5:1."""
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#b00020", "#b00020") == pytest.approx(1.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


_SHEET_COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,8}|[a-z]+)")
_SHEET_BACKGROUND = re.compile(r"background(?:-color)?:\s*(#[0-9a-fA-F]{3,8}|[a-z]+)")


@pytest.mark.parametrize("key", list(SCREENS))
def test_coloured_text_has_enough_contrast(qtbot, demo_ctx, key):
    """Every text given a colour of its own (red for a problem, green for right, brown for a
    warning, grey for a hint, the yellow demo bar…) has contrast ≥ 4.5:1 on its background,
    shown or not yet shown."""
    from PySide6.QtGui import QPalette

    window = open_screen(qtbot, demo_ctx, key)
    too_pale = []
    for widget in [window, *window.findChildren(QWidget)]:
        sheet = widget.styleSheet()
        colour, background = _SHEET_COLOUR.search(sheet), _SHEET_BACKGROUND.search(sheet)
        if not colour and not background:
            continue
        palette = window.palette()
        fore = colour.group(1) if colour else palette.color(QPalette.ColorRole.WindowText)
        back = background.group(1) if background else palette.color(QPalette.ColorRole.Window)
        if contrast(fore, back) < TEXT_CONTRAST:
            too_pale.append(f"{describe(widget, window)} {sheet!r}: {contrast(fore, back):.2f}")
    assert not too_pale, f"{key}: {too_pale}"


def test_colours_in_the_year_view_and_the_grids_have_enough_contrast(qapp):
    """The year calendar's day numbers and symbols on every life-domain colour, on a cancelled
    or empty day; its focus ring; the marks in the attendance grid and the paper list; the
    lines of the progress chart: all readable."""
    from PySide6.QtGui import QPalette

    from ui import attendance_grid, paper_grid, radar_view, year_view
    from ui.domain_colors import DOMAIN_COLORS, NEUTRAL_COLOR

    text = qapp.palette().color(QPalette.ColorRole.Text)
    pairs = [
        (f"meeting day, {code}", year_view._TEXT, colour, TEXT_CONTRAST)
        for code, colour in DOMAIN_COLORS.items()
    ]
    pairs += [
        ("meeting without a life domain", year_view._TEXT, NEUTRAL_COLOR, TEXT_CONTRAST),
        ("cancelled meeting", year_view._TEXT, "#f7f7f7", TEXT_CONTRAST),
        ("day without a meeting", year_view._MUTED, "#ffffff", TEXT_CONTRAST),
        # the ring goes round the day, on the white between the days
        ("focus ring on a day", year_view._FOCUS, "#ffffff", GRAPHIC_CONTRAST),
    ]
    pairs += [
        (f"attendance: {mark}", text, shade, TEXT_CONTRAST)
        for mark, shade in attendance_grid.SHADES.items()
    ]
    pairs += [
        ("paper list: wrong score", text, paper_grid.WRONG, TEXT_CONTRAST),
        ("paper list: locked row", text, paper_grid.LOCKED, TEXT_CONTRAST),
    ]
    pairs += [
        (f"chart line: {series}", colour, "#ffffff", GRAPHIC_CONTRAST)
        for series, colour in radar_view.SERIES_COLOURS.items()
    ]
    pairs.append(("chart line: other", radar_view.OTHER_COLOUR, "#ffffff", GRAPHIC_CONTRAST))
    too_pale = [
        f"{what}: {contrast(fore, back):.2f}"
        for what, fore, back, least in pairs
        if contrast(fore, back) < least
    ]
    assert not too_pale
