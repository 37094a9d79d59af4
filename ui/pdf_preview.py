"""Seeing a document before it goes on paper: its pages one under the other, zoom, save, print.

``show_document(ctx, parent, request)`` makes the PDF on a worker thread (with Cancel) and shows
the preview only once the document is finished; when it cannot be made ("this meeting has no
hand-outs") the user is told in plain words and no empty preview opens.

Pages are drawn by pdfium (pypdfium2, since PySide6-Essentials has no QtPdf), only the pages in
sight, so a year pack opens as quickly as one sheet. pdfium is loaded when the first preview opens,
never at start-up. pdfium is not thread-safe and a print job (``ui.printing``) uses it on a worker
thread: every call here holds ``PDFIUM_LOCK``, and a page that cannot be drawn because a print job
holds it is shown as blank paper and drawn a moment later, so the window never waits.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRect, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from budgetkring.errors import UserError
from budgetkring.i18n import _
from ui.context import AppContext
from ui.fit import free_area
from ui.printing import PDFIUM_LOCK, choose_printer, chosen_pages, page_image, print_pages

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from budgetkring.documents.kinds import Document, Request

ZOOMS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)  # 1.0: the widest page fills the width
GAP = 14  # pixels around and between the pages
CACHED_PAGES = 8  # drawn pages kept; a page out of sight is drawn again when it comes back
RETRY_MS = 100  # a page not drawn while a print job used pdfium is tried again this much later


class PageView(QWidget):
    """The pages one under the other at one scale, each drawn when it comes into sight."""

    def __init__(self, data: bytes, parent: QWidget | None = None):
        super().__init__(parent)
        import pypdfium2  # loaded with the first preview, not at start-up

        with PDFIUM_LOCK:
            self._pdf: Any = pypdfium2.PdfDocument(data)
            self.sizes = [self._pdf.get_page_size(i) for i in range(len(self._pdf))]
        self.rects: list[QRect] = []
        self.scale = 0.0  # screen pixels per PDF point
        self._cache: dict[int, QImage] = {}
        self._retry = QTimer(self)  # draws again what a print job kept pdfium from drawing
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.update)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.set_scale(1.0)

    def page_count(self) -> int:
        """How many pages the document has."""
        return len(self.sizes)

    def widest(self) -> float:
        """The width of the widest page, in points."""
        return max((w for w, _h in self.sizes), default=595.0)

    def set_scale(self, scale: float) -> None:
        """Lay the pages out at ``scale`` pixels per point (drawn again when seen)."""
        scale = max(scale, 0.05)
        if abs(scale - self.scale) < 1e-4:
            return
        self.scale = scale
        self._cache.clear()
        width = round(self.widest() * scale) + 2 * GAP
        y = GAP
        self.rects = []
        for page_w, page_h in self.sizes:
            w, h = round(page_w * scale), round(page_h * scale)
            self.rects.append(QRect((width - w) // 2, y, w, h))
            y += h + GAP
        self.setFixedSize(width, y)
        self.update()

    def page_at(self, y: int) -> int:
        """The page (0-based) at height ``y``; between two pages, the one above."""
        found = 0
        for index, rect in enumerate(self.rects):
            if rect.top() <= y:
                found = index
        return found

    def image(self, index: int) -> QImage | None:
        """Page ``index`` as it is shown now (drawn the first time it is needed); None while a
        print job is using pdfium (the GUI thread does not wait for it)."""
        if index not in self._cache:
            if not PDFIUM_LOCK.acquire(blocking=False):
                return None
            ratio = self.devicePixelRatioF()
            try:
                page = self._pdf[index]
                try:
                    image = page_image(page, round(self.rects[index].width() * ratio))
                finally:
                    page.close()
            finally:
                PDFIUM_LOCK.release()
            image.setDevicePixelRatio(ratio)
            while len(self._cache) >= CACHED_PAGES:
                self._cache.pop(next(iter(self._cache)))
            self._cache[index] = image
        return self._cache[index]

    def release(self) -> None:
        """Let go of pdfium's copy of the document and the drawn pages."""
        self._cache.clear()
        if self._pdf is not None:
            with PDFIUM_LOCK:
                self._pdf.close()
            self._pdf = None

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Grey around white pages; only the pages in the area being painted are drawn."""
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Dark))
        if self._pdf is None:
            return
        for index, rect in enumerate(self.rects):
            if rect.intersects(event.rect()):
                painter.fillRect(rect.translated(3, 3), QColor(0, 0, 0, 70))  # a shadow
                image = self.image(index)
                if image is None:
                    painter.fillRect(rect, QColor("white"))  # blank paper, for a moment
                    self._retry.start()
                else:
                    painter.drawImage(rect, image)
        painter.end()


class PdfPreviewDialog(QDialog):
    """A finished document, page by page, with zoom, Save as PDF and Print."""

    def __init__(self, ctx: AppContext, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.document = document
        self.zoom = 1.0
        self._printer: QPrinter | None = None  # the one being printed on, kept until it is done
        self.setWindowTitle(document.title)
        self.view = PageView(document.data)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.view)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Dark)  # the same grey as around the pages
        # Always there, so fitting the width never makes it come and go (and the pages jump).
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page Down scroll
        self.scroll.setAccessibleName(_("The pages of the document"))
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self._show_page_number())

        self.page_label = QLabel()
        self.zoom_label = QLabel()
        self.zoom_out_button = self._zoom_button(
            "−", _("Smaller"), QKeySequence.StandardKey.ZoomOut
        )
        self.zoom_in_button = self._zoom_button("+", _("Larger"), QKeySequence.StandardKey.ZoomIn)
        self.fit_button = QPushButton(_("&Fit to width"))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(-1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(+1))
        self.fit_button.clicked.connect(lambda: self.set_zoom(1.0))
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(+1)),
            (QKeySequence("Ctrl+="), lambda: self.zoom_by(+1)),  # + without Shift
            (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_by(-1)),
            (QKeySequence("Ctrl+0"), lambda: self.set_zoom(1.0)),
        ):
            QShortcut(QKeySequence(keys), self, slot)

        self.save_button = QPushButton(_("&Save as PDF…"))
        self.print_button = QPushButton(_("&Print…"))
        self.close_button = QPushButton(_("&Close"))
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_document)
        self.close_button.clicked.connect(self.reject)
        self.print_button.setDefault(True)

        top = QHBoxLayout()
        top.addWidget(self.page_label)
        top.addStretch(1)
        top.addWidget(self.zoom_out_button)
        top.addWidget(self.zoom_label)
        top.addWidget(self.zoom_in_button)
        top.addWidget(self.fit_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.print_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bottom)
        chain = [
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.scroll,
            self.save_button,
            self.print_button,
            self.close_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._size_to_screen()
        self.scroll.setFocus()
        self._fit()
        self.scroll.viewport().installEventFilter(self)  # once everything it touches is there

    def _zoom_button(self, text: str, tip: str, keys: QKeySequence.StandardKey) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        shortcut = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        button.setAccessibleName(tip)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setMinimumWidth(32)
        return button

    def _size_to_screen(self) -> None:
        screen = free_area(self.parentWidget() or self) or QRect(0, 0, 900, 600)
        self.resize(min(860, screen.width() - 40), max(480, int(screen.height() * 0.9)))

    def page_count(self) -> int:
        """How many pages the document has."""
        return self.view.page_count()

    def current_page(self) -> int:
        """The page (0-based) at the top third of what is in sight."""
        top = self.scroll.verticalScrollBar().value()
        return self.view.page_at(top + self.scroll.viewport().height() // 3)

    def _show_page_number(self) -> None:
        self.page_label.setText(
            _("Page {page} of {count}").format(
                page=self.current_page() + 1, count=self.page_count()
            )
        )

    # --- zoom -------------------------------------------------------------------------------

    def zoom_by(self, steps: int) -> None:
        """One step larger (+1) or smaller (-1)."""
        index = min(range(len(ZOOMS)), key=lambda i: abs(ZOOMS[i] - self.zoom))
        self.set_zoom(ZOOMS[max(0, min(len(ZOOMS) - 1, index + steps))])

    def set_zoom(self, zoom: float) -> None:
        """Show the pages at ``zoom`` times the width that fits (1.0: fit to width)."""
        self.zoom = zoom
        self._fit()

    def _fit(self) -> None:
        bar = self.scroll.verticalScrollBar()
        where = bar.value() / bar.maximum() if bar.maximum() else 0.0
        available = max(self.scroll.viewport().width() - 2 * GAP, 100)
        self.view.set_scale(available / self.view.widest() * self.zoom)
        bar.setValue(round(where * bar.maximum()))  # stay at the same place in the document
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
        self.zoom_out_button.setEnabled(self.zoom > ZOOMS[0])
        self.zoom_in_button.setEnabled(self.zoom < ZOOMS[-1])
        self._show_page_number()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Fit again when the window changes size; Ctrl + wheel zooms."""
        if watched is self.scroll.viewport():
            if event.type() == QEvent.Type.Resize:
                self._fit()
            elif event.type() == QEvent.Type.Wheel and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier  # type: ignore[attr-defined]
            ):
                self.zoom_by(1 if event.angleDelta().y() > 0 else -1)  # type: ignore[attr-defined]
                return True
        return super().eventFilter(watched, event)

    # --- save and print ---------------------------------------------------------------------

    def save(self) -> None:
        """Save the document shown as a PDF file the user chooses."""
        from budgetkring.documents.output import write_pdf

        suggestion = _documents_folder() / self.document.filename
        chosen = self.ctx.prompter.save_file(
            self, _("Save as PDF"), str(suggestion), _("PDF file (*.pdf)")
        )
        if not chosen:
            return
        path, replace = chosen, True  # the file dialog has asked about replacing that name
        if not path.lower().endswith(".pdf"):
            path, replace = path + ".pdf", False  # …but not about this one
        try:
            written = write_pdf(self.document.data, path, self.ctx.store.path, replace=replace)
        except UserError as err:
            self.ctx.prompter.error(self, _("Not saved"), str(err))
            return
        self.ctx.prompter.inform(
            self, _("Saved"), _("The document is saved as {path}.").format(path=written)
        )

    def print_document(self) -> None:
        """Choose a printer (and which pages), then print the document shown on a worker thread,
        with a progress bar and Cancel. One print job at a time."""
        if self._printer is not None:
            return
        printer = choose_printer(self.ctx, self, self.document.title, self.page_count())
        if printer is None:
            return
        # Kept here until the work has ended, so the printer is let go of on the GUI thread.
        self._printer = printer
        for button in (self.print_button, self.close_button):
            button.setEnabled(False)
        pages = chosen_pages(printer, self.page_count(), self.current_page())
        print_pages(self.ctx, self, printer, self.document.data, pages, self._printed)

    def _printed(self) -> None:
        self._printer = None
        for button in (self.print_button, self.close_button):
            button.setEnabled(True)

    def printing(self) -> bool:
        """True while a print job of this document has not ended."""
        return self._printer is not None

    def done(self, result: int) -> None:
        """Closing lets go of the document's pages at once; while printing the preview stays
        (the progress dialog on it has Cancel), so the job never loses its window."""
        if self.printing() and self.ctx.runner.busy:
            return
        # Nothing runs any more: a job that ended without calling back (the runner said why
        # itself) does not keep the window open.
        self._printer = None
        self.view.release()
        super().done(result)


def _documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def show_document(ctx: AppContext, parent: QWidget | None, request: Request) -> None:
    """Make the document asked for on a worker thread, then show it in the preview; when it
    cannot be made, say why in plain words (no empty preview)."""
    from budgetkring.documents.kinds import render

    today = ctx.today()

    def work(store, step) -> Document:
        return render(store, request, today, step)

    def made(document: Document) -> None:
        dialog = PdfPreviewDialog(ctx, document, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # pages and pixels go with it
        ctx.prompter.run_dialog(dialog)

    ctx.runner.run(
        parent,
        work,
        made,
        title=_("Making the document…"),
        error_title=_("Nothing to print"),
        steps=True,
    )
