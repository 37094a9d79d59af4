"""Start-up: the first window appears without babel or the command line's parser, Overzicht's
attention items follow just after its first paint, and an unchanged settings file is not
written again at every start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from budgetkring.organisation.demo import load_demo
from budgetkring.settings import Settings
from budgetkring.store import open_store
from tests.conftest import TODAY, process_env

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def demo_file(tmp_path) -> Path:
    """A database file holding the demo organisation."""
    path = tmp_path / "demo.db"
    with open_store(path) as store:
        load_demo(store, TODAY)
    return path


@pytest.fixture
def desktop(qtbot, prompter, tmp_path):
    """The desktop app as it starts (attention items after the first paint), on TODAY."""
    from ui.app import DesktopApp

    app = DesktopApp(
        QApplication.instance(),
        Settings(),
        tmp_path / "settings.json",
        prompter,
        lambda: TODAY,
        attention_later=True,
    )
    yield app
    app.close()
    if app.window is not None:
        app.window.close()


def test_attention_items_follow_the_first_paint(desktop, qtbot, demo_file):
    """The window is shown with the circles at once; the attention items are there as soon as
    the event loop has painted it, and clicking one still works."""
    assert desktop.open(demo_file)
    page = desktop.window.pages["overview"]
    assert page.model.rowCount() == 3
    assert page.attention.count() == 0 and page.attention.isHidden()
    qtbot.waitUntil(lambda: page.attention.count() > 0)
    texts = [page.attention.item(i).text() for i in range(page.attention.count())]
    assert any("Kampen Brunnepe has 7 participants" in t for t in texts)
    assert not page.attention.isHidden() and page.attention_label.text().endswith("attention:")


def test_a_refresh_before_the_first_paint_fills_the_attention_items(desktop, demo_file):
    """A page refreshed before it was ever painted shows its attention items straight away."""
    assert desktop.open(demo_file)
    page = desktop.window.pages["overview"]
    page.refresh()
    assert page.attention.count() > 0


def test_settings_are_written_only_when_they_change(desktop, qtbot, prompter, demo_file):
    """Starting again on the same database leaves the settings file as it is; another
    database is remembered."""
    from ui.app import DesktopApp

    assert desktop.open(demo_file)
    desktop.close()
    desktop.window.close()
    settings_file = desktop.settings_file
    marked = settings_file.read_text() + "\n"  # the same settings, with a mark of our own
    settings_file.write_text(marked)
    again = DesktopApp(
        QApplication.instance(),
        Settings.load(settings_file),
        settings_file,
        prompter,
        lambda: TODAY,
    )
    assert again.open(demo_file)
    assert settings_file.read_text() == marked
    other = demo_file.with_name("other.db")
    with open_store(other) as store:
        load_demo(store, TODAY)
    assert again.open(other)
    assert Settings.load(settings_file).last_db == str(other)
    again.close()
    again.window.close()


def test_first_window_is_shown_without_babel(tmp_path):
    """The app's first window, with the demo's circles and their next meetings, is shown
    without importing babel or the command line's parser."""
    env = process_env(tmp_path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    db = tmp_path / "demo.db"
    subprocess.run(
        [sys.executable, "main.py", "--db", str(db), "demo"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "def shown():\n"
        "    QApplication.processEvents()\n"
        "    window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, 'pages'))\n"
        "    page = window.pages['overview']\n"
        "    print(page.model.rowCount(), page.model.data(page.model.index(0, 3)))\n"
        "    print(sorted(m for m in sys.modules if m.startswith(('babel', 'budgetkring.cli'))))\n"
        "    return 0\n"
        "QApplication.exec = staticmethod(shown)\n"
        "from ui.launcher import main\n"
        "sys.exit(main(['--db', sys.argv[1]]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(db)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    rows, loaded = result.stdout.strip().splitlines()
    count, first_meeting = rows.split(" ", 1)
    assert int(count) > 0 and first_meeting[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    assert loaded == "[]"


def test_app_says_shown_and_collects_garbage_again(tmp_path, demo_file):
    """With BUDGETKRING_QUIT_AFTER_START=1 the app paints its first window, says "shown" and
    quits cleanly; the collector the launcher turned off for start-up is on again by then."""
    env = process_env(tmp_path)
    env.update(QT_QPA_PLATFORM="offscreen", BUDGETKRING_QUIT_AFTER_START="1")
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('collecting' if gc.isenabled() else 'not collecting'))\n"
        "from ui.launcher import main\n"
        "sys.exit(main(['--db', sys.argv[1]]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(demo_file)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["shown", "collecting"]


def test_core_modules_load_before_qt_and_are_not_read_again(tmp_path):
    """The modules the launcher loads before Qt do not load Qt themselves (or loading them
    first would gain nothing); after ``load_core_first`` PySide6 records them as not asking for
    its __feature__ syntax, so it does not read their source; the app's windows load after."""
    code = (
        "import importlib, sys\n"
        "from ui.launcher import CORE_FIRST, load_core_first\n"
        "for name in CORE_FIRST:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
        "load_core_first()\n"
        "record = sys.modules['PySide6.support.feature'].pyside_feature_dict\n"
        "print(record.get('budgetkring.organisation.database'), record.get('sqlite3'))\n"
        "from ui.main_window import MainWindow\n"
        "print(record.get('ui.main_window'))\n"
    )
    env = process_env(tmp_path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    before_qt, core, window = result.stdout.strip().splitlines()
    assert before_qt == "[]"
    assert core == "-1 -1"  # PySide6's "ignore this module"
    assert window == "0"  # read as usual: it uses PySide6, without __feature__ syntax
