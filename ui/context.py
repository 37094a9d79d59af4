"""What every page and dialog needs, passed in explicitly (no global application object)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from budgetkring.dates import today as real_today
from budgetkring.organisation.database import Store
from budgetkring.settings import Settings
from ui.seams import Prompter

if TYPE_CHECKING:
    from ui.tasks import SyncRunner, TaskRunner


@dataclass
class AppContext:
    """The open database, the user's settings, the clock and the user-facing seams."""

    store: Store
    settings: Settings
    settings_file: Path
    prompter: Prompter = field(default_factory=Prompter)
    today: Callable[[], date] = real_today
    runner: TaskRunner | SyncRunner | None = None  # long work off the GUI thread

    def __post_init__(self) -> None:
        if self.runner is None:
            from ui.tasks import TaskRunner  # imported when first used, to keep start-up fast

            self.runner = TaskRunner(lambda: self)

    def save_settings(self) -> None:
        """Remember the settings for next time."""
        self.settings.save(self.settings_file)
