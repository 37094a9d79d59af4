"""Where things live: shipped resources, the user's database and settings."""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))


def resource_path(*parts: str) -> Path:
    """Path of a shipped file under ``data/`` or ``resources/``.

    Works from a checkout, an editable install and a PyInstaller bundle (``sys._MEIPASS``).
    """
    return _ROOT.joinpath(*parts)


def user_data_dir() -> Path:
    """The platform's per-user data folder for Budgetkring."""
    import platformdirs

    return platformdirs.user_data_path("Budgetkring", appauthor=False)


def default_db_path() -> Path:
    """The database used when no ``--db`` is given; its folder is made, private (0700), when it
    is not there yet."""
    folder = user_data_dir()
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / "budgetkring.db"


# The demo always lives in a file of this name, beside the user's own database and never inside
# it. The name is what marks a database as the demo (title, banner), so it is not a name anyone
# would pick for their own data.
DEMO_FILE_NAME = "budgetkring-demo.db"


def demo_db_path(own: Path) -> Path:
    """Where the demo lives: its own file in the folder of the user's own database."""
    return own.with_name(DEMO_FILE_NAME)


def is_demo_db(path: Path) -> bool:
    """True for the demo's own file (see ``demo_db_path``)."""
    return path.name == DEMO_FILE_NAME


def settings_path() -> Path:
    """The per-user settings file (language, text size, last database)."""
    import platformdirs

    return platformdirs.user_config_path("Budgetkring", appauthor=False) / "settings.json"
