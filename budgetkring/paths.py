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
    """The platform's per-user data folder for Budgetkring (created on demand)."""
    import platformdirs

    return platformdirs.user_data_path("Budgetkring", appauthor=False)


def default_db_path() -> Path:
    """The database used when no ``--db`` is given."""
    return user_data_dir() / "budgetkring.db"


def settings_path() -> Path:
    """The per-user settings file (language, text size, last database)."""
    import platformdirs

    return platformdirs.user_config_path("Budgetkring", appauthor=False) / "settings.json"
