"""Putting a finished PDF on paper: the print dialog, then the pages painted on a worker thread.

``choose_printer`` asks which printer and which pages (on the GUI thread); ``print_pages`` paints
them through ``ctx.runner`` with a progress bar and Cancel, one step per sheet. Qt allows a
QPainter on a QPrinter off the GUI thread; the caller keeps the QPrinter until ``on_finished``
has run (on the GUI thread), so it is never deleted on the worker.

pdfium (pypdfium2) is not thread-safe, and the preview draws pages on the GUI thread while a
print job draws them on a worker: every pdfium call, in either place, holds ``PDFIUM_LOCK``,
one page at a time, so a print job never blocks the preview for longer than one page.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from budgetkring.errors import UserError
from budgetkring.i18n import _
from ui.tasks import Cancelled

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

    from ui.context import AppContext

PDFIUM_LOCK = threading.Lock()  # held around every use of pdfium, on any thread
MAX_PRINT_DPI = 300  # sharp on paper; a 1200 dpi printer would otherwise need 500 MB per page

Step = Callable[[int, int], None]


def page_image(page: Any, width_px: int, *, rotate: bool = False) -> QImage:
    """One PDF page (a pypdfium2 page) drawn ``width_px`` pixels wide on white paper, turned a
    quarter when ``rotate``; the image owns its pixels (the pdfium bitmap is closed).
    The caller holds ``PDFIUM_LOCK``."""
    page_w, page_h = page.get_size()
    scale = max(width_px, 1) / (page_h if rotate else page_w)
    bitmap = page.render(
        scale=scale, rotation=90 if rotate else 0, rev_byteorder=True, prefer_bgrx=True
    )
    try:
        image = QImage(
            bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
        )
        return image.copy()  # the buffer belongs to pdfium and goes when the bitmap is closed
    finally:
        bitmap.close()


def _sheet_image(page: Any, paper: QRectF, dpi: int) -> tuple[QImage, QRectF]:
    """A page drawn at ``dpi`` for a sheet of ``paper``, turned when it lies the other way, and
    where on the paper it goes (fitted, centred). The caller holds ``PDFIUM_LOCK``."""
    page_w, page_h = page.get_size()
    rotate = (page_w > page_h) != (paper.width() > paper.height())
    width_pt = page_h if rotate else page_w
    height_pt = page_w if rotate else page_h
    image = page_image(page, round(width_pt / 72 * dpi), rotate=rotate)
    fit = min(paper.width() / width_pt, paper.height() / height_pt)
    w, h = width_pt * fit, height_pt * fit
    target = QRectF(paper.x() + (paper.width() - w) / 2, paper.y() + (paper.height() - h) / 2, w, h)
    return image, target


def chosen_pages(printer: QPrinter, count: int, current: int) -> list[int]:
    """The pages (0-based) the user chose in the print dialog: all, a range or the one shown."""
    from PySide6.QtPrintSupport import QPrinter

    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), printer.toPage() or count
        return list(range(first - 1, min(last, count)))
    if printer.printRange() == QPrinter.PrintRange.CurrentPage:
        return [current]
    return list(range(count))


def paint_pages(
    printer: QPrinter,
    data: bytes,
    pages: Iterable[int] | None,
    dpi: int,
    copies: int = 1,
    step: Step | None = None,
) -> int:
    """Print pages of a PDF (0-based ``pages``; None for all) on ``printer``, one sheet each,
    every page drawn at ``dpi`` and fitted to the paper. ``step(done, total)`` is called before
    each sheet; when it raises (Cancel) the job is stopped there. A printer that writes a file
    writes a temporary one beside it, put in place only once every sheet is on it, so a stopped
    or failed job leaves no half-written file. Returns the number of sheets; a UserError when
    the printer or the file cannot be used."""
    target = printer.outputFileName()
    if not target:
        return _paint(printer, data, pages, dpi, copies, step)
    final = Path(target)
    try:
        # The same ending as the file asked for: QPrinter picks PDF or native by the name.
        fd, name = tempfile.mkstemp(
            prefix=f".{final.name[:40]}.", suffix=".part" + final.suffix, dir=final.parent
        )
        os.close(fd)
    except OSError as err:
        raise _file_error(err, final) from None
    part = Path(name)
    printer.setOutputFileName(name)
    try:
        sheets = _paint(printer, data, pages, dpi, copies, step)
        os.replace(part, final)
    except OSError as err:
        raise _file_error(err, final) from None
    finally:
        printer.setOutputFileName(target)
        part.unlink(missing_ok=True)  # only still there when the job did not finish
    return sheets


def _paint(
    printer: QPrinter,
    data: bytes,
    pages: Iterable[int] | None,
    dpi: int,
    copies: int,
    step: Step | None,
) -> int:
    import pypdfium2

    with PDFIUM_LOCK:
        pdf = pypdfium2.PdfDocument(data)
        count = len(pdf)
    try:
        chosen = [i for i in (range(count) if pages is None else pages) if 0 <= i < count]
        total = len(chosen) * max(copies, 1)
        painter = QPainter()
        if not painter.begin(printer):
            raise UserError(
                _("The printer cannot be used now. Check that it is on, and try again.")
            )
        sheets = 0
        try:
            for index in chosen * max(copies, 1):
                if step is not None:
                    step(sheets, total)  # Cancel stops here, between two sheets
                if sheets and not printer.newPage():
                    raise UserError(_("The printer stopped. Check the printer, and try again."))
                paper = QRectF(painter.viewport())
                with PDFIUM_LOCK:
                    page = pdf[index]
                    try:
                        image, where = _sheet_image(page, paper, dpi)
                    finally:
                        page.close()
                painter.drawImage(where, image)  # Qt's work, so without the pdfium lock
                sheets += 1
        except BaseException:
            # Drops the job where the platform can; elsewhere the sheets so far come out.
            printer.abort()
            raise
        finally:
            painter.end()
        return sheets
    finally:
        with PDFIUM_LOCK:
            pdf.close()


def _file_error(err: OSError, path: Path) -> UserError:
    if isinstance(err, PermissionError):
        return UserError(
            _("Budgetkring may not write to {path}. Choose another place.").format(path=path)
        )
    return UserError(
        _("{path} cannot be used: {reason}").format(
            path=path, reason=err.strerror or err.__class__.__name__
        )
    )


def choose_printer(ctx: AppContext, parent: QWidget, title: str, count: int) -> QPrinter | None:
    """Ask which printer, how many copies and which of the ``count`` pages (the print dialog);
    the printer chosen, or None when the user did not print."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)  # the PDF has its own margins
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    dialog.setMinMax(1, count)
    dialog.setFromTo(1, count)
    options = QAbstractPrintDialog.PrintDialogOption
    dialog.setOption(options.PrintPageRange, True)
    dialog.setOption(options.PrintCurrentPage, True)
    dialog.setOption(options.PrintSelection, False)
    chosen = ctx.prompter.run_dialog(dialog)
    dialog.deleteLater()  # one print dialog at a time, not one more kept for every print
    return printer if chosen else None


def print_pages(
    ctx: AppContext,
    parent: QWidget,
    printer: QPrinter,
    data: bytes,
    pages: list[int],
    on_finished: Callable[[], None],
) -> None:
    """Print ``pages`` of a PDF on ``printer`` on a worker thread, with a progress bar and
    Cancel. ``on_finished()`` runs once on the GUI thread when the work has ended — printed,
    stopped or failed (after the message) — and not before; until then the caller keeps
    ``printer`` alive."""
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    copies = 1 if printer.supportsMultipleCopies() else printer.copyCount()

    def work(_store: Any, step: Step) -> int:
        try:
            return paint_pages(printer, data, pages, dpi, copies, step)
        except Cancelled:
            # Ended, not failed: handing back nothing lets on_finished run after Cancel too.
            return 0
        except UserError:
            raise
        except Exception as err:  # noqa: BLE001 - said in plain words, so on_finished runs
            traceback.print_exc(file=sys.stderr)
            raise UserError(_("Something went wrong. Details: {error}").format(error=err)) from err

    def failed(error: UserError) -> None:
        ctx.prompter.error(parent, _("Not printed"), str(error))
        on_finished()

    ctx.runner.run(
        parent,
        work,
        lambda _sheets: on_finished(),
        title=_("Printing…"),
        on_error=failed,
        steps=True,
    )
