"""Starting the desktop app: language, text size, which database, first run, the main window."""

from __future__ import annotations

import gc
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from budgetkring.dates import today as real_today
from budgetkring.errors import UserError
from budgetkring.i18n import _, current_language, format_date, set_language
from budgetkring.organisation.database import (
    DamagedDatabaseError,
    backup_made_at,
    explain,
    is_new,
    open_database,
    restore_database,
)
from budgetkring.paths import (
    default_db_path,
    demo_db_path,
    is_demo_db,
    resource_path,
    settings_path,
)
from budgetkring.settings import Settings
from ui.app_style import install_app_style
from ui.context import AppContext
from ui.seams import Prompter

APP_ID = "nl.budgetkring.budgetkring"  # as in packaging/linux (the menu entry and its icon)
ICON_SIZES = (16, 32, 48, 64, 128, 256)
# Set to 1: the app quits as soon as its first window is painted (exit status 0), saying "shown"
# on its output first. For checking and timing it (tests/test_packaging.py, bench/).
QUIT_AFTER_START = "BUDGETKRING_QUIT_AFTER_START"


def install_qt_translations(app: QApplication, language: str) -> None:
    """Translate Qt's own buttons and dialogs (OK, Cancel, file dialogs) into the app language."""
    for old in getattr(app, "_bk_translators", []):
        app.removeTranslator(old)
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(language), "qtbase", "_", folder):
        app.installTranslator(translator)
    app._bk_translators = [translator]
    QLocale.setDefault(QLocale(language))


class DesktopApp:
    """Owns the open database and the main window; swaps them when the user asks."""

    def __init__(
        self,
        app: QApplication,
        settings: Settings,
        settings_file: Path,
        prompter: Prompter | None = None,
        today: Callable[[], date] = real_today,
        *,
        attention_later: bool = False,
    ):
        self.app = app
        # The window appears first, Overzicht's attention items just after (start-up).
        self.attention_later = attention_later
        self.settings = settings
        self.settings_file = settings_file
        self.prompter = prompter or Prompter()
        self.today = today
        self.ctx: AppContext | None = None
        self.window = None

    def open(self, path: Path, *, offer_demo: bool = True) -> bool:
        """Open a database (first-run screen when it is empty) and show the main window.

        Choosing the demo on the first-run screen opens the demo in its own file instead: the
        empty database stays empty, ready for the user's own organisation.
        """
        try:
            store = open_database(path)
        except DamagedDatabaseError as err:
            return self._offer_restore(path, err)
        except UserError as err:
            self.prompter.error(self.window, _("Cannot open the database"), str(err))
            return False
        ctx = self._context(store)
        if is_new(store):
            from ui.first_run import FirstRunDialog

            dialog = FirstRunDialog(ctx, self.window, offer_demo=offer_demo)
            self.prompter.run_dialog(dialog)
            if dialog.choice != FirstRunDialog.OWN:
                store.close()
                return dialog.choice == FirstRunDialog.DEMO and self.open_demo(path)
        self._use(ctx)
        return True

    def open_demo(self, own: Path) -> bool:
        """Explore the demo in its own file beside ``own`` (which is not touched)."""
        from budgetkring.organisation.demo import open_demo  # only when asked: keeps start-up fast

        try:
            store = open_demo(own, self.today())
        except UserError as err:
            self.prompter.error(self.window, _("Demo not loaded"), str(err))
            return False
        self.settings.own_db = str(own)
        self._use(self._context(store))
        return True

    def start_own(self) -> bool:
        """Leave the demo for the user's own organisation (named on the first-run screen when
        it is new), then offer to remove the demo."""
        demo = self.ctx.store.path if self.ctx is not None else None
        if not self.open(own_db_path(self.settings), offer_demo=False):
            return False  # cancelled or refused: the demo stays open
        if demo is not None and is_demo_db(demo):
            self.offer_to_remove_demo(demo)
        return True

    def offer_to_remove_demo(self, demo: Path | None = None) -> bool:
        """Ask, then remove the demo's file (by default the one beside the open database)."""
        if demo is None:
            demo = demo_db_path(self.ctx.store.path)
        if not self.prompter.confirm(
            self.window,
            _("Remove the demo data?"),
            _(
                "Remove the demo data from this computer? Your own data stay as they are. "
                "You can try the demo again later with a new, empty file."
            ),
            _("Remove the demo data"),
        ):
            return False
        from budgetkring.organisation.demo import remove_demo

        try:
            remove_demo(demo)
        except UserError as err:
            self.prompter.error(self.window, _("Demo data not removed"), str(err))
            return False
        if self.window is not None:
            self.window.update_title()
        return True

    def _context(self, store) -> AppContext:
        """The context for a newly opened database; what the opening found is said once."""
        ctx = AppContext(store, self.settings, self.settings_file, self.prompter, self.today)
        for warning in store.warnings:
            self.prompter.error(self.window, _("Backup"), warning)
        return ctx

    def _use(self, ctx: AppContext) -> None:
        """Make an opened database the current one (the previous one is closed) and show it."""
        if self.ctx is not None:
            self.ctx.runner.wait()
            self.ctx.store.close()
        self.ctx = ctx
        self.settings.last_db = str(ctx.store.path)
        # Written only when something changed: writing waits for the disk (fsync) at each start.
        if not self.settings_file.exists() or Settings.load(self.settings_file) != self.settings:
            self.ctx.save_settings()
        self.show_window()

    def _offer_restore(self, path: Path, err: DamagedDatabaseError) -> bool:
        """A damaged database: offer to put back the latest good backup (the damaged file is
        kept), then open it."""
        if err.backup is None:
            self.prompter.error(self.window, _("Cannot open the database"), str(err))
            return False
        if not self.prompter.confirm(
            self.window,
            _("The database is damaged"),
            _(
                "The database {path} is damaged and cannot be opened. Budgetkring can put back "
                "the latest good backup ({backup}). The damaged file is kept next to it. What "
                "was entered after that backup is not in it."
            ).format(path=path, backup=_backup_words(err.backup)),
            _("Restore the backup"),
        ):
            return False
        try:
            restore_database(path, err.backup)
        except UserError as problem:
            self.prompter.error(self.window, _("Backup not restored"), str(problem))
            return False
        return self.open(path)

    def show_window(self) -> None:
        """(Re)build the main window for the current database and language."""
        # imported when first used, to keep start-up fast
        from ui.main_window import MainWindow

        old = self.window
        self.window = MainWindow(self.ctx, attention_later=self.attention_later)
        self.window.switch_database.connect(lambda p: self.open(Path(p)))
        self.window.start_own.connect(self.start_own)
        self.window.remove_demo.connect(self.offer_to_remove_demo)
        self.window.language_changed.connect(self.change_language)
        if old is not None:
            self.window.setGeometry(old.geometry())
            old.close()
            old.deleteLater()
        self.window.show()

    def change_language(self) -> None:
        """Apply the language from the settings and rebuild the window in it."""
        set_language(self.settings.language)
        install_qt_translations(self.app, current_language())
        self.show_window()

    def close(self) -> None:
        """Close the database (the lock is released)."""
        if self.ctx is not None:
            self.ctx.runner.wait()  # work in the background finishes before the lock goes
            self.ctx.store.close()
            self.ctx = None


def _backup_words(backup: Path) -> str:
    """'the backup of 1 December 2026, 02:37' (or the file's name when it has no date)."""
    when = backup_made_at(backup)
    if when is None:
        return backup.name
    return _("the one of {date}, {time}").format(
        date=format_date(when.date(), "long"), time=f"{when:%H:%M}"
    )


def own_db_path(settings: Settings) -> Path:
    """The user's own database, to start in when leaving the demo: the one the demo was chosen
    from, else the default."""
    own = Path(settings.own_db) if settings.own_db else None
    if own is None or is_demo_db(own):
        return default_db_path()
    return own


def startup_path(db: Path | None, settings: Settings) -> Path:
    """Which database to open: --db, else the last one used, else the default."""
    if db is not None:
        return db
    if settings.last_db and Path(settings.last_db).exists():
        return Path(settings.last_db)
    return default_db_path()


def install_error_handler(desktop: DesktopApp) -> None:
    """Whatever goes wrong in a button's work is told in plain words, never only on a console.

    A refusal (UserError) is shown as it is; a database or file error is put into words; any
    other error is shown as "something went wrong" with its details on stderr.
    """

    def hook(kind, value, tb) -> None:
        window = desktop.window
        if isinstance(value, UserError):
            desktop.prompter.error(window, _("Not done"), str(value))
            return
        if isinstance(value, sqlite3.Error | OSError) and desktop.ctx is not None:
            desktop.prompter.error(
                window, _("Not done"), str(explain(value, desktop.ctx.store.path))
            )
            return
        traceback.print_exception(kind, value, tb)
        desktop.prompter.error(
            window,
            _("Something went wrong"),
            _("Something went wrong. Details: {error}").format(error=value),
        )

    sys.excepthook = hook


def app_icon() -> QIcon:
    """The app's icon in every size it is drawn in (resources/icons; loaded when first drawn)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("resources", "icons", f"budgetkring-{size}.png")))
    return icon


def _say_shown_and_quit(app: QApplication) -> None:
    """QUIT_AFTER_START: paint the first window, say so, quit."""
    app.processEvents()
    if sys.stdout is not None:  # a windowed program on Windows has no output
        print("shown", flush=True)
    app.quit()


def start_collecting() -> None:
    """Start-up is over: what it made is kept out of later collections (gc.freeze), and the
    collector runs as usual from now on (the launcher turned it off for start-up)."""
    gc.freeze()
    gc.enable()


def run_app(db: Path | None = None) -> int:
    """Start the desktop app; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not gc.isenabled():
        QTimer.singleShot(0, start_collecting)  # the first thing the event loop does
    app.setApplicationName("Budgetkring")
    app.setDesktopFileName(APP_ID)  # Wayland and the desktop link the window to the menu entry
    app.setWindowIcon(app_icon())
    install_app_style(app)  # 24×24 targets and a focus one can see
    settings_file = settings_path()
    settings = Settings.load(settings_file)
    set_language(settings.language)
    install_qt_translations(app, current_language())
    if settings.font_size:
        font = app.font()
        font.setPointSize(settings.font_size)
        app.setFont(font)
    desktop = DesktopApp(app, settings, settings_file, attention_later=True)
    install_error_handler(desktop)
    if not desktop.open(startup_path(db, settings)):
        return 1
    if os.environ.get(QUIT_AFTER_START) == "1":
        QTimer.singleShot(0, lambda: _say_shown_and_quit(app))
    try:
        return app.exec()
    finally:
        desktop.close()
