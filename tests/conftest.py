"""Shared fixtures: a fresh temporary database per test, a fixed date, answers for dialogs."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 10, 0, 0)


def process_env(home: Path) -> dict[str, str]:
    """The environment for a `budgetkring` process in a test or benchmark: a fixed today,
    English messages, and a home of its own (never the real user's folders)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(
        BUDGETKRING_TODAY=TODAY.isoformat(),
        LANG="en_GB.UTF-8",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
    )
    return env


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory, monkeypatch):
    """Settings and default databases go to a temporary home, never the real one."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    from budgetkring.i18n import set_language

    set_language("en")  # tests read the English message ids unless they switch
    yield


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run the CLI in-process on TODAY: ``cli(*args)`` gives (exit status, stdout, stderr)."""
    from budgetkring.cli.common import TODAY_VARIABLE
    from budgetkring.cli.main import main

    monkeypatch.setenv(TODAY_VARIABLE, TODAY.isoformat())

    def run(*args):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def db_path(tmp_path) -> Path:
    """Where a test's database lives."""
    return tmp_path / "kring.db"


@pytest.fixture
def store(db_path):
    """An open, empty, fully migrated database."""
    from budgetkring.store import open_store

    s = open_store(db_path, now=NOW)
    yield s
    s.close()


@pytest.fixture
def demo_store(store):
    """A database with the demo organisation loaded on TODAY."""
    from budgetkring.organisation.demo import load_demo

    load_demo(store, TODAY)
    return store


class FakePrompter:
    """Answers dialogs without showing them; records what was said to the user."""

    def __init__(self):
        self.confirm_answer = True
        self.file_answer = ""
        self.folder_answer = ""
        self.messages: list[tuple[str, str, str]] = []
        self.dialog_actions: list = []  # each is called with the next dialog that is opened
        self.dialogs: list = []

    def run_dialog(self, dialog):
        self.dialogs.append(dialog)
        if self.dialog_actions:
            self.dialog_actions.pop(0)(dialog)
        return dialog.result() == 1  # QDialog.Accepted

    def confirm(self, parent, title, text, yes, no=""):
        self.messages.append(("confirm", title, text))
        return self.confirm_answer

    def inform(self, parent, title, text):
        self.messages.append(("inform", title, text))

    def notify(self, parent, text):
        self.messages.append(("notify", "", text))

    def error(self, parent, title, text):
        self.messages.append(("error", title, text))

    def open_file(self, parent, title, folder, pattern):
        return self.file_answer

    def save_file(self, parent, title, suggestion, pattern):
        return self.file_answer

    def choose_folder(self, parent, title, folder):
        return self.folder_answer

    def choose_database(self, parent, title, folder):
        return self.file_answer


@pytest.fixture
def prompter():
    """A FakePrompter."""
    return FakePrompter()


@pytest.fixture
def ctx(store, prompter, tmp_path):
    """The GUI's AppContext over the test database, with a fixed date and a fake prompter."""
    from budgetkring.settings import Settings
    from ui.context import AppContext
    from ui.tasks import SyncRunner

    context = AppContext(store, Settings(), tmp_path / "settings.json", prompter, lambda: TODAY)
    context.runner = SyncRunner(lambda: context)
    return context


@pytest.fixture
def demo_ctx(ctx):
    """AppContext over the demo organisation."""
    from budgetkring.organisation.demo import load_demo

    load_demo(ctx.store, TODAY)
    return ctx


def fid(store, name: str) -> int:
    """The id of the facilitator with this name (tests speak names; the core takes ids)."""
    from budgetkring.staffing.facilitators import find_facilitator

    return find_facilitator(store, name).id


def add_person(store, name: str, status: str = "trainee", **fields):
    """Add a facilitator by name and status (and any other fields)."""
    from budgetkring.staffing.facilitators import create_facilitator
    from budgetkring.staffing.rules import NEW, Facilitator

    return create_facilitator(store, Facilitator(NEW, name, status, **fields), TODAY)
