"""One app at a time per database: an OS-level lock on a file next to the database.

The operating system releases the lock when a process ends, however it ends, so a lock file
left behind by a crashed app is simply taken over by the next one. (A few lines of fcntl/msvcrt
instead of the filelock package: that one imports asyncio, a tenth of our start-up time.)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from budgetkring.errors import UserError
from budgetkring.i18n import _


def lock_path(db_path: Path) -> Path:
    """The lock file that belongs to a database file."""
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(fd: int) -> bool:
    """Take an exclusive lock on an open file without waiting; False when someone has it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class DatabaseLock:
    """Holds the lock on one database for as long as it is open.

    Every opener gets its own file descriptor, so a second open in the same process is refused
    just like a second app.
    """

    def __init__(self, db_path: Path):
        self.path = lock_path(db_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise a UserError saying the database is already in use."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as err:
            raise UserError(
                _("Budgetkring cannot use the folder of this database: {error}").format(
                    error=err.strerror or err
                )
            ) from None
        if not _try_lock(fd):
            os.close(fd)
            raise UserError(
                _(
                    "This database is already open in another Budgetkring window. "
                    "Close that window first, or open another database."
                )
            )
        self._fd = fd

    def release(self) -> None:
        """Let go of the lock (also happens automatically when the process ends)."""
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases flock and msvcrt locks
            self._fd = None
