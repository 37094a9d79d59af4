"""The main window: navigation on the left, the current page on the right, menus and status."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from budgetkring import __version__
from budgetkring.i18n import _, current_language
from ui import file_actions
from ui.context import AppContext
from ui.pages.overview import OverviewPage


class MainWindow(QMainWindow):
    """Pages that work, listed left; Bestand, Beeld and Help menus."""

    switch_database = Signal(str)  # the app opens that database and rebuilds the window
    language_changed = Signal()  # the app rebuilds the window in the new language

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.setMinimumSize(900, 600)
        self.nav = QListWidget()
        self.nav.setFixedWidth(180)
        self.nav.setStyleSheet("QListWidget::item { padding: 8px 6px; }")
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
        self.nav.currentRowChanged.connect(self._page_changed)
        self.nav.setCurrentRow(0)
        self._build_menus()
        self.update_title()

    # Pages are made when first shown, so start-up only pays for the Overview.
    def _make_overview(self) -> QWidget:
        page = OverviewPage(self.ctx)
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
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self.pages[key] = page
        return self.pages[key]

    def _page_changed(self, row: int) -> None:
        key = list(self._page_makers)[row]
        fresh = key not in self.pages
        page = self.page(key)
        self.stack.setCurrentWidget(page)
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

    def update_title(self) -> None:
        """Window title and status line name the database in use."""
        self.setWindowTitle(f"Budgetkring — {self.ctx.store.path.name}")
        self.statusBar().showMessage(
            _("Database: {path} — changes are saved automatically").format(path=self.ctx.store.path)
        )

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
        self._action(file_menu, _("Make a backup…"), lambda: file_actions.make_backup(self))
        self._action(file_menu, _("Restore a backup…"), lambda: file_actions.restore_backup(self))
        self._action(file_menu, _("Open another database…"), lambda: file_actions.open_other(self))
        file_menu.addSeparator()
        self._action(file_menu, _("Print…"), self.print_documents, QKeySequence.StandardKey.Print)
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

        help_menu = bar.addMenu(_("&Help"))
        self._action(help_menu, _("About Budgetkring"), self.about)

    def print_documents(self) -> None:
        """Choose what to print and for what, then see it before it goes on paper."""
        # imported when first used: printing loads reportlab and pdfium, start-up does not
        from ui.dialogs.print_dialog import PrintDialog

        # The circle chosen on the page in view (planning, participants), if there is one.
        chooser = getattr(self.stack.currentWidget(), "circle", None)
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
