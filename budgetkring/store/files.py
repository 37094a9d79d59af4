"""File safety: every file the app writes goes through here.

- ``check_output`` refuses to write onto the database, its journals (-wal, -shm, -journal), its
  lock file or its backups folder, onto anything that is not a regular file (a folder, a device,
  a pipe), and onto an existing file unless the user asked to replace it.
- ``write_atomically`` writes to a temporary file with a unique name in the same folder, makes
  sure it is on disk, then renames it into place: a crash never leaves half a file.
- Everything is private to the user: files 0600 and folders 0700 on POSIX.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from budgetkring.errors import UserError
from budgetkring.i18n import _

FILE_MODE = 0o600
FOLDER_MODE = 0o700
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")
MAX_SHOWN = 80  # characters of a path shown in a message


def shown(path: Path | str) -> str:
    """A path as messages show it: shortened in the middle when it is very long."""
    text = str(path)
    if len(text) <= MAX_SHOWN:
        return text
    return text[: MAX_SHOWN // 2 - 1] + "…" + text[-(MAX_SHOWN // 2) :]


def not_a_folder(path: Path | str) -> str:
    """The message for a name that was given as a folder but is something else."""
    return _("{path} is not a folder.").format(path=shown(path))


def os_error(err: OSError, path: Path | str) -> UserError:
    """An operating-system error as one plain sentence."""
    if isinstance(err, PermissionError):
        return UserError(
            _("Budgetkring may not write to {path}. Choose another place.").format(path=shown(path))
        )
    if err.errno == 36:  # ENAMETOOLONG
        return UserError(_("The name {path} is too long.").format(path=shown(path)))
    return UserError(
        _("{path} cannot be used: {reason}").format(
            path=shown(path), reason=err.strerror or err.__class__.__name__
        )
    )


def ensure_private_folder(folder: Path) -> Path:
    """Create a folder that only this user can open (0700), parents included."""
    try:
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    except OSError as err:
        raise os_error(err, folder) from None
    return folder


def make_private(path: Path) -> None:
    """Take away what others may do with a file we own (0600); quietly skipped when not ours."""
    if os.name != "posix":
        return
    try:
        info = path.stat()
        if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
            path.chmod(stat.S_IMODE(info.st_mode) & ~0o077)
    except OSError:
        pass


def backup_dir(db_path: Path) -> Path:
    """The folder with the automatic backups of a database: named after its whole file name,
    so ``same.db`` and ``same.sqlite`` never share one."""
    return db_path.with_name(db_path.name + "-backups")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def is_database_file(path: Path, db_path: Path) -> bool:
    """True for the database itself (by any name: a link, ./name) and its journals and lock."""
    real = Path(os.path.realpath(path))
    db_real = Path(os.path.realpath(db_path))
    own = {db_real.with_name(db_real.name + suffix) for suffix in ("", *JOURNAL_SUFFIXES)}
    # Compared by name and, for files that exist, as files: on a file system that ignores case
    # (macOS, Windows) KRING.DB-wal is kring.db-wal.
    return real in own or any(_same_file(real, p) for p in own)


def belongs_to_database(path: Path, db_path: Path) -> bool:
    """True for the database's own files (see ``is_database_file``) and its backups folder."""
    real = Path(os.path.realpath(path))
    backups = Path(os.path.realpath(backup_dir(Path(os.path.realpath(db_path)))))
    inside = real == backups or backups in real.parents
    return (
        inside
        or is_database_file(path, db_path)
        or any(_same_file(folder, backups) for folder in (real, *real.parents))
    )


def check_output(path: Path | str, db_path: Path | None, *, replace: bool = False) -> Path:
    """The path to write an output file to, or a UserError saying why not.

    Refused: the database and its own files; a path inside its backups folder; a folder, device
    or pipe; a folder that does not exist; an existing file unless ``replace``.
    """
    text = str(path)
    if not text.strip():
        raise UserError(_("Give the name of the file to write."))
    target = Path(text).expanduser()
    try:
        if db_path is not None and belongs_to_database(target, db_path):
            raise UserError(
                _(
                    "{path} belongs to the database itself; Budgetkring never writes over it. "
                    "Choose another file."
                ).format(path=shown(target))
            )
        parent = Path(os.path.abspath(target)).parent
        if not parent.is_dir():
            raise UserError(_("The folder {folder} does not exist.").format(folder=shown(parent)))
        if target.is_symlink() or target.exists():
            if not stat.S_ISREG(target.lstat().st_mode):
                raise UserError(
                    _("{path} is not an ordinary file; choose another name.").format(
                        path=shown(target)
                    )
                )
            if not replace:
                raise UserError(
                    _(
                        "The file {path} already exists. Choose another name, or say that it "
                        "may be replaced (--force)."
                    ).format(path=shown(target))
                )
    except OSError as err:
        raise os_error(err, target) from None
    return target


@contextlib.contextmanager
def temporary_beside(target: Path) -> Iterator[Path]:
    """A new private temporary file in the target's folder (a unique name); removed afterwards
    unless it was moved into place."""
    try:
        fd, name = tempfile.mkstemp(
            prefix=f".{target.name[:40]}.", suffix=".part", dir=target.parent
        )
    except OSError as err:
        raise os_error(err, target) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def move_into_place(tmp: Path, target: Path, *, exclusive: bool = False) -> None:
    """Rename a finished temporary file onto its target (atomically) and make it durable.

    With ``exclusive`` an existing target is never replaced (FileExistsError instead).
    """
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    if exclusive:
        try:
            os.link(tmp, target)  # fails when the name is taken, so two writers never collide
            tmp.unlink()
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links (FAT on a USB stick)
            if target.exists():
                raise FileExistsError(target) from None
            os.replace(tmp, target)
    else:
        os.replace(tmp, target)
    _fsync_folder(target.parent)


def read_json(path: Path, max_bytes: int, too_large: str, not_ours: str) -> object:
    """The JSON in a file someone chose (a programme, an instrument); a UserError in plain words
    for a missing, too large or unreadable file (``too_large`` and ``not_ours`` say the rest)."""
    path = Path(path)
    try:
        if path.stat().st_size > max_bytes:
            raise UserError(too_large)
        return json.loads(path.read_text(encoding="utf-8-sig"))  # -sig: Notepad's BOM
    except FileNotFoundError:
        raise UserError(_("The file {path} does not exist.").format(path=shown(path))) from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        raise UserError(not_ours) from None


def write_atomically(target: Path, write: Callable[[Path], None] | bytes) -> Path:
    """Write a file in one step: ``write(tmp)`` (or the bytes) go to a temporary file first."""
    try:
        with temporary_beside(target) as tmp:
            if isinstance(write, bytes):
                tmp.write_bytes(write)
            else:
                write(tmp)
            move_into_place(tmp, target)
    except OSError as err:
        raise os_error(err, target) from None
    return target
