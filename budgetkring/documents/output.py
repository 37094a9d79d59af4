"""Writing a document that has already been made (shown in the preview) to a file.

``kinds.save_document`` makes and writes in one step (the command line); the app makes the PDF
once for the preview and then saves those same bytes, through the same file safety rules.
"""

from __future__ import annotations

from pathlib import Path

from budgetkring.store.files import check_output, write_atomically


def write_pdf(data: bytes, path: Path | str, db_path: Path | None, *, replace: bool) -> Path:
    """Write a finished PDF to ``path`` in one step (never onto the database or its files);
    a UserError says in plain words why it cannot be written there."""
    target = check_output(path, db_path, replace=replace)
    return write_atomically(target, data)
