"""Per-user settings, kept in a small JSON file next to (not inside) the database.

They belong to the person at this laptop, not to the organisation's data: language, text size
and which database was open last.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from budgetkring.store.files import ensure_private_folder, write_atomically

LANGUAGES = ("nl", "en")


@dataclass
class Settings:
    """What the app remembers between runs for this user."""

    language: str = ""  # "" = follow the system (LANG), else "nl" or "en"
    font_size: int = 0  # 0 = the platform default point size
    last_db: str = ""
    own_db: str = ""  # while the demo is open: the user's own database, to start in later
    ranking_weights: dict = field(default_factory=dict)
    retention_months: int = 12  # after a circle's last meeting, keep participant data this long
    certificate_years: int = 3  # how long a new certificate is valid
    exchange_folder: str = ""  # the shared (synced) folder for exchange files; "" = none

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read settings; a missing or damaged file gives the defaults (never an error)."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
        try:
            settings = cls(**values)
        except TypeError:
            return cls()
        if settings.language not in ("", *LANGUAGES):
            settings.language = ""
        if not isinstance(settings.retention_months, int) or settings.retention_months < 1:
            settings.retention_months = 12
        years = settings.certificate_years
        if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 10:
            settings.certificate_years = 3
        if not isinstance(settings.exchange_folder, str):
            settings.exchange_folder = ""
        return settings

    def save(self, path: Path) -> None:
        """Write settings atomically and privately (a crash never leaves a half-written file)."""
        ensure_private_folder(path.parent)
        write_atomically(path, json.dumps(asdict(self), indent=2).encode("utf-8"))
