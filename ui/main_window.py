"""The main window: navigation on the left, the current page on the right, menus and status."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from budgetkring import __version__
from budgetkring.i18n import _, current_language
from budgetkring.paths import demo_db_path, is_demo_db
from ui import file_actions
from ui.context import AppContext
from ui.exchange_watch import ExchangeWatch, open_exchange
from ui.fit import ElidedLabel, scroll_page, size_for_screen
from ui.pages.overview import OverviewPage


class MainWindow(QMainWindow):
    """Pages that work, listed left; Bestand, Beeld and Help menus."""

    switch_database = Signal(str)  # the app opens that database and rebuilds the window
    start_own = Signal()  # leave the demo: the app opens the user's own database
    remove_demo = Signal()  # the app asks, then removes the demo beside this database
    language_changed = Signal()  # the app rebuilds the window in the new language

    def __init__(self, ctx: AppContext, *, attention_later: bool = False):
        super().__init__()
        self.ctx = ctx
        self._attention_later = attention_later  # Overzicht's attention items after first paint
        # No fixed minimum size: at 200% on a small laptop pages scroll instead (ui/fit.py).
        self.resize(1000, 700)
        size_for_screen(self)  # smaller on a small screen
        self.nav = QListWidget()
        self.nav.setAccessibleName(_("Pages"))
        self.nav.setStyleSheet("QListWidget::item { padding: 8px 6px; }")
        self.status_label = ElidedLabel()  # stays when a menu writes its tips in the status bar
        self.statusBar().addPermanentWidget(self.status_label)
        QApplication.instance().fontChanged.connect(self.follow_font)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}  # built the first time they are shown
        self._page_makers: dict[str, object] = {}
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._add_page("overview", _("Overview"), self._make_overview)
        self._add_page("circles", _("Circles"), self._make_circles)
        self._add_page("planning", _("Planning"), self._make_planning)
        self._add_page("participants", _("Participants"), self._make_participants)
        self._add_page("facilitators", _("Facilitators"), self._make_facilitators)
        self._add_page("programmes", _("Programmes"), self._make_programmes)
        self._add_page("coordination", _("Coordination"), self._make_coordination)
        self._add_page("training", _("Training"), self._make_training)
        self._fit_nav()
        self.nav.currentRowChanged.connect(self._page_changed)
        self.nav.setCurrentRow(0)
        self._build_menus()
        self.exchange_watch = ExchangeWatch(self)  # takes in new files from the shared folder
        self.demo_banner = self._demo_banner() if self.is_demo() else None
        self.update_title()

    # Pages are made when first shown, so start-up only pays for the Overview.
    def _make_overview(self) -> QWidget:
        page = OverviewPage(self.ctx, attention_later=self._attention_later)
        page.open_circle.connect(self.show_circle)
        page.open_plan.connect(self.show_plan)
        page.open_participants.connect(self.show_participants)
        return page

    def _make_circles(self) -> QWidget:
        from ui.pages.circles import CirclesPage

        return CirclesPage(self.ctx)

    def _make_planning(self) -> QWidget:
        from ui.pages.planning import PlanningPage

        return PlanningPage(self.ctx)

    def _make_participants(self) -> QWidget:
        from ui.pages.participants import ParticipantsPage

        return ParticipantsPage(self.ctx)

    def _make_facilitators(self) -> QWidget:
        from ui.pages.facilitators import FacilitatorsPage

        return FacilitatorsPage(self.ctx)

    def _make_programmes(self) -> QWidget:
        from ui.pages.programmes import ProgrammesPage

        return ProgrammesPage(self.ctx)

    def _make_coordination(self) -> QWidget:
        from ui.pages.coordination import CoordinationPage

        return CoordinationPage(self.ctx)

    def _make_training(self) -> QWidget:
        from ui.pages.training import TrainingPage

        return TrainingPage(self.ctx)

    def _add_page(self, key: str, title: str, make) -> None:
        self._page_makers[key] = make
        self.nav.addItem(title)
        self.stack.addWidget(QWidget())  # stand-in until the page is first shown

    def page(self, key: str) -> QWidget:
        """The page for a key, made now if it was not shown before."""
        if key not in self.pages:
            index = list(self._page_makers).index(key)
            page = self._page_makers[key]()
            stand_in = self.stack.widget(index)
            self.stack.insertWidget(index, scroll_page(page))
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self.pages[key] = page
        return self.pages[key]

    def current_key(self) -> str:
        """The key of the page in view ("overview", "circles", …)."""
        return list(self._page_makers)[max(0, self.nav.currentRow())]

    def current_page(self) -> QWidget:
        """The page in view."""
        return self.page(self.current_key())

    def _fit_nav(self) -> None:
        """Make the page list as wide as its longest name at the current text size."""
        metrics = self.nav.fontMetrics()
        longest = max(
            metrics.horizontalAdvance(self.nav.item(row).text()) for row in range(self.nav.count())
        )
        scroll_bar = self.nav.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.nav.setFixedWidth(longest + 2 * self.nav.frameWidth() + 12 + scroll_bar // 2 + 8)

    @Slot(QFont)
    def follow_font(self, _font: QFont) -> None:
        """The text size changed: widgets with a style sheet of their own (coloured labels, the
        page list) do not follow the application's font by themselves, so apply their sheets
        again; then fit the page list to its new text. (Dialogs are made anew each time.)"""
        for widget in self.findChildren(QWidget):
            sheet = widget.styleSheet()
            if sheet:
                widget.setStyleSheet(sheet)
        self._fit_nav()

    def _page_changed(self, row: int) -> None:
        key = list(self._page_makers)[row]
        fresh = key not in self.pages
        page = self.page(key)
        self.stack.setCurrentIndex(row)
        if not fresh and not self._unsaved(page):
            page.refresh()

    @staticmethod
    def _unsaved(page: QWidget) -> bool:
        return bool(getattr(page, "has_unsaved_changes", lambda: False)())

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Ask before closing when a page holds changes that are not saved yet."""
        if any(self._unsaved(p) for p in self.pages.values()) and not self.ctx.prompter.confirm(
            self,
            _("Unsaved changes"),
            _(
                "The programme has changes that are not saved as a new version yet. "
                "Close anyway? The changes will be lost."
            ),
            _("Close anyway"),
        ):
            event.ignore()
            return
        event.accept()

    def show_page(self, key: str) -> QWidget:
        """Make a page current (as if clicked in the navigation) and return it."""
        self.nav.setCurrentRow(list(self._page_makers).index(key))
        return self.page(key)

    def show_circle(self, circle_id: int) -> None:
        """Go to the circles page with one circle selected."""
        page = self.show_page("circles")
        page.select(circle_id)

    def show_participants(self, circle_id: int) -> None:
        """Go to the participants page of one circle."""
        page = self.show_page("participants")
        page.select_circle(circle_id)

    def show_plan(self, circle_id: int) -> None:
        """Go to the planning page of one circle."""
        page = self.show_page("planning")
        page.select_circle(circle_id)

    def refresh_all(self) -> None:
        """Reload every page (after a restore or when another database is opened)."""
        for page in self.pages.values():
            page.refresh()
        self.update_title()

    def is_demo(self) -> bool:
        """True when the demo is open (made-up data, in a file of its own)."""
        return is_demo_db(self.ctx.store.path)

    def _demo_banner(self) -> QToolBar:
        """A bar at the top while the demo is open: what this is, and the way out in one click."""
        bar = QToolBar(_("Demo data"), self)
        bar.setObjectName("demo_banner")
        bar.setMovable(False)
        bar.setStyleSheet("QToolBar { background: #fff4ce; border: none; padding: 4px; }")
        inside = QWidget()
        inside.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(inside)
        row.setContentsMargins(4, 0, 4, 0)
        text = QLabel(_("You are looking at demo data. The circles and people are made up."))
        text.setWordWrap(True)
        row.addWidget(text, 1)
        button = QPushButton(_("Start with your own organisation"))
        button.clicked.connect(lambda: self.start_own.emit())
        row.addWidget(button)
        bar.addWidget(inside)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        return bar

    def update_title(self) -> None:
        """Window title and status line name the database in use (or say it is the demo)."""
        shown = _("Demo data") if self.is_demo() else self.ctx.store.path.name
        self.setWindowTitle(f"Budgetkring — {shown}")
        self.remove_demo_action.setVisible(
            not self.is_demo() and demo_db_path(self.ctx.store.path).exists()
        )
        # The file's name fits next to messages such as "Backup saved"; the tooltip has the path.
        sentence = _("Database: {path} — changes are saved automatically")
        self.status_label.setText(sentence.format(path=self.ctx.store.path.name))
        self.status_label.set_tip(sentence.format(path=self.ctx.store.path))

    # --- menus ----------------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        if self.is_demo():
            self._action(
                file_menu, _("Start with your own organisation"), lambda: self.start_own.emit()
            )
            file_menu.addSeparator()
        self._action(file_menu, _("Make a backup…"), lambda: file_actions.make_backup(self))
        self._action(file_menu, _("Restore a backup…"), lambda: file_actions.restore_backup(self))
        self._action(file_menu, _("Open another database…"), lambda: file_actions.open_other(self))
        self.remove_demo_action = self._action(
            file_menu, _("Remove the demo data…"), lambda: self.remove_demo.emit()
        )
        file_menu.addSeparator()
        self._action(file_menu, _("Print…"), self.print_documents, QKeySequence.StandardKey.Print)
        self._action(file_menu, _("Exchange data…"), lambda: open_exchange(self))
        file_menu.addSeparator()
        self._action(file_menu, _("Quit"), self.close, QKeySequence.StandardKey.Quit)

        view_menu = bar.addMenu(_("&View"))
        self._action(
            view_menu,
            _("Larger text"),
            lambda: self.change_font(+1),
            QKeySequence.StandardKey.ZoomIn,
        )
        self._action(
            view_menu,
            _("Smaller text"),
            lambda: self.change_font(-1),
            QKeySequence.StandardKey.ZoomOut,
        )
        language_menu = view_menu.addMenu(_("Language"))
        for code, label in (("nl", "Nederlands"), ("en", "English")):
            action = self._action(
                language_menu, label, lambda _c=False, code=code: self.set_language(code)
            )
            action.setCheckable(True)
            action.setChecked(code == current_language())

        self._build_go_menu(bar.addMenu(_("&Go to")))
        help_menu = bar.addMenu(_("&Help"))
        self.help_action = self._action(
            help_menu,
            _("Help for this page"),
            lambda: self.show_help(),
            QKeySequence.StandardKey.HelpContents,
        )
        self._action(help_menu, _("First steps"), self.show_first_steps)
        help_menu.addSeparator()
        self._action(help_menu, _("About Budgetkring"), self.about)

    def _build_go_menu(self, menu) -> None:
        """Every page by keyboard: Ctrl+1 for the first page, Ctrl+2 for the second, …; the
        page list shows the key in each page's tooltip."""
        self.page_actions: dict[str, QAction] = {}
        for row, key in enumerate(list(self._page_makers)[:9]):
            keys = QKeySequence(f"Ctrl+{row + 1}")
            item = self.nav.item(row)
            self.page_actions[key] = self._action(
                menu, item.text(), lambda _c=False, key=key: self.show_page(key), keys
            )
            item.setToolTip(keys.toString(QKeySequence.SequenceFormat.NativeText))

    def show_help(self, topic: str | None = None) -> None:
        """Open the help for a topic; by default for the page in view (F1)."""
        from ui.help import open_help  # loaded when first asked for: start-up does not need it

        open_help(self.ctx, self, topic or self.current_key())

    def show_first_steps(self) -> None:
        """Open the help on the first steps."""
        from ui.help import FIRST_STEPS

        self.show_help(FIRST_STEPS)

    def print_documents(self) -> None:
        """Choose what to print and for what, then see it before it goes on paper."""
        # imported when first used: printing loads reportlab and pdfium, start-up does not
        from ui.dialogs.print_dialog import PrintDialog

        # The circle chosen on the page in view (planning, participants), if there is one.
        chooser = getattr(self.current_page(), "circle", None)
        circle = chooser() if callable(chooser) else None
        self.ctx.prompter.run_dialog(
            PrintDialog(self.ctx, self, circle_id=circle.id if circle else None)
        )

    def change_font(self, step: int) -> None:
        """Make all text larger or smaller, and remember the size."""
        app = QApplication.instance()
        font = app.font()
        size = max(8, min(24, round(font.pointSizeF()) + step))
        font.setPointSize(size)
        app.setFont(font)
        self.ctx.settings.font_size = size
        self.ctx.save_settings()

    def set_language(self, code: str) -> None:
        """Switch language now and remember it."""
        if code == current_language():
            return
        self.ctx.settings.language = code
        self.ctx.save_settings()
        self.language_changed.emit()

    def about(self) -> None:
        """Name and version."""
        self.ctx.prompter.inform(
            self,
            _("About Budgetkring"),
            _(
                "Budgetkring {version}\nPlan and run budget circles. Everything stays on this "
                "computer."
            ).format(version=__version__),
        )
