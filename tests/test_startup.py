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
