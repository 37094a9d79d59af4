"""GUI: choose what to print, see it page by page, save it as a PDF, print it."""

import io
import threading
from datetime import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from budgetkring.documents.kinds import Request, next_session, render
from budgetkring.organisation.circles import find_circle
from budgetkring.planning.sessions import add_extra_session, list_sessions
from tests.conftest import TODAY


def pages_of(data: bytes) -> int:
    """How many pages a PDF has, as pypdf counts them."""
    return len(PdfReader(io.BytesIO(data)).pages)


def text_of(data: bytes) -> str:
    """All the text of a PDF, as pypdf reads it."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def next_meeting(ctx, circle_name: str):
    """The next meeting of a demo circle."""
    return next_session(ctx.store, find_circle(ctx.store, circle_name).id, TODAY)


def preview_of(ctx, prompter, qtbot, request: Request):
    """Open the preview of a request as the app does and return the dialog it showed."""
    from ui.pdf_preview import PdfPreviewDialog, show_document

    show_document(ctx, None, request)
    assert len(prompter.dialogs) == 1, prompter.messages
    dialog = prompter.dialogs[0]
    assert isinstance(dialog, PdfPreviewDialog)
    qtbot.addWidget(dialog)
    return dialog


def test_preview_shows_every_page_of_the_session_pack(qtbot, demo_ctx, prompter):
    """The preview has as many pages as the PDF, says "Page 1 of N", and zooms in and out."""
    meeting = next_meeting(demo_ctx, "Zwolle-Zuid")
    expected = pages_of(
        render(demo_ctx.store, Request("session-pack", session_id=meeting.id), TODAY).data
    )
    dialog = preview_of(demo_ctx, prompter, qtbot, Request("session-pack", session_id=meeting.id))
    assert expected >= 3  # plan, attendance list, hand-outs
    assert dialog.page_count() == expected == pages_of(dialog.document.data)
    assert dialog.page_label.text() == f"Page 1 of {expected}"
    assert meeting.circle_name in dialog.windowTitle()
    dialog.show()
    with qtbot.waitActive(dialog):  # shortcuts work in the active window
        dialog.activateWindow()
    fitted = dialog.view.scale
    qtbot.keyClick(dialog.scroll, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.scale > fitted and dialog.zoom_label.text() == "125%"
    qtbot.mouseClick(dialog.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.zoom_out_button, Qt.MouseButton.LeftButton)
    assert dialog.view.scale < fitted
    qtbot.mouseClick(dialog.fit_button, Qt.MouseButton.LeftButton)
    assert dialog.view.scale == pytest.approx(fitted)
    dialog.scroll.verticalScrollBar().setValue(dialog.view.rects[-1].top())
    assert dialog.page_label.text() == f"Page {expected} of {expected}"


def test_preview_is_usable_with_the_keyboard(qtbot, demo_ctx, prompter):
    """Tab goes through the controls in the order they are seen; every button has a mnemonic."""
    meeting = next_meeting(demo_ctx, "Zwolle-Zuid")
    dialog = preview_of(demo_ctx, prompter, qtbot, Request("session-plan", session_id=meeting.id))
    seen = [
        dialog.zoom_out_button,
        dialog.zoom_in_button,
        dialog.fit_button,
        dialog.scroll,
        dialog.save_button,
        dialog.print_button,
        dialog.close_button,
    ]
    order, widget = [], dialog.zoom_out_button
    for _step in range(50):
        if widget in seen and widget not in order:
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == seen
    assert all("&" in b.text() for b in (dialog.fit_button, *seen[4:]))
    assert dialog.print_button.isDefault()


def test_preview_draws_the_pages(qtbot, demo_ctx, prompter):
    """What is in sight is drawn: white paper with dark text on a grey background."""
    meeting = next_meeting(demo_ctx, "Zwolle-Zuid")
    dialog = preview_of(demo_ctx, prompter, qtbot, Request("session-plan", session_id=meeting.id))
    dialog.show()
    image = dialog.view.grab(dialog.view.rects[0]).toImage()
    colours = {
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 3)
        for y in range(0, image.height() // 3, 3)
    }
    assert max(colours) == 255 and min(colours) < 80  # paper and ink
    corner = dialog.view.grab().toImage().pixelColor(2, 2)
    assert corner.lightness() < 200  # the grey around the pages


def test_save_as_pdf_writes_the_document(qtbot, demo_ctx, prompter, tmp_path):
    """Save as PDF writes the document shown to the file chosen, and says where it is."""
    meeting = next_meeting(demo_ctx, "Zwolle-Zuid")
    dialog = preview_of(demo_ctx, prompter, qtbot, Request("session-pack", session_id=meeting.id))
    target = tmp_path / "out" / "bijeenkomst.pdf"
    target.parent.mkdir()
    prompter.file_answer = str(target)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and data == dialog.document.data
    assert meeting.theme in text_of(data)
    assert prompter.messages[-1][0] == "inform" and str(target) in prompter.messages[-1][2]
    assert [p.name for p in target.parent.iterdir()] == ["bijeenkomst.pdf"]  # no temporary file


def test_save_adds_pdf_and_refuses_what_is_not_a_file(qtbot, demo_ctx, prompter, tmp_path):
    """A name without .pdf gets it (so it never lands on the database); a folder is refused
    in plain words."""
    meeting = next_meeting(demo_ctx, "Zwolle-Zuid")
    dialog = preview_of(demo_ctx, prompter, qtbot, Request("session-plan", session_id=meeting.id))
    before = demo_ctx.store.path.read_bytes()
    prompter.file_answer = str(demo_ctx.store.path)
    dialog.save()
    written = demo_ctx.store.path.with_name(demo_ctx.store.path.name + ".pdf")
    assert written.read_bytes() == dialog.document.data
    assert demo_ctx.store.path.read_bytes() == before
    (tmp_path / "map.pdf").mkdir()
    prompter.file_answer = str(tmp_path / "map.pdf")
    dialog.save()
    assert prompter.messages[-1][:2] == ("error", "Not saved")
    assert "not an ordinary file" in prompter.messages[-1][2]


def test_cancel_while_making_the_document_opens_nothing(qtbot, demo_ctx, prompter):
    """Cancel pressed while the PDF is being laid out: the work stops, no preview, no message."""
    from ui.pdf_preview import show_document
    from ui.tasks import Cancelled, _Job

    stopped = []

    class CancelAtOnce:
        """Runs the work as the app's runner does, and the user presses Cancel at the first step."""

        def run(self, parent, work, on_done, *, steps=False, **options):
            job = _Job(demo_ctx.store.path, work, steps)
            try:
                result = job.perform(lambda done, total: job.cancel())
            except Cancelled:
                stopped.append(True)
                return
            on_done(result)

    demo_ctx.runner = CancelAtOnce()
    meeting = next_meeting(demo_ctx, "Zwolle-Zuid")
    show_document(demo_ctx, None, Request("session-pack", session_id=meeting.id))
    assert stopped == [True]
    assert prompter.dialogs == [] and prompter.messages == []


def test_a_stopped_save_from_the_core_leaves_no_file(demo_store, tmp_path):
    """save_document stopped while laying out leaves neither the file nor a temporary one."""
    from budgetkring.documents.kinds import save_document

    class Stop(Exception):
        pass

    def stop(done, total):
        raise Stop

    meeting = next_session(demo_store, find_circle(demo_store, "Zwolle-Zuid").id, TODAY)
    with pytest.raises(Stop):
        save_document(
            demo_store,
            Request("year-pack", circle_id=meeting.circle_id),
            TODAY,
            tmp_path / "jaar.pdf",
            progress=stop,
        )
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("kring.db")) == []


def test_user_error_is_said_instead_of_an_empty_preview(qtbot, demo_ctx, prompter):
    """Hand-outs of an extra meeting (it has none): a plain message, and no preview opens."""
    from ui.dialogs.print_dialog import PrintDialog

    circle = find_circle(demo_ctx.store, "Zwolle-Zuid")
    extra = add_extra_session(
        demo_ctx.store, circle.id, TODAY.replace(day=30), time(19), time(21), "", TODAY
    )
    dialog = PrintDialog(demo_ctx, session_id=extra.id)
    qtbot.addWidget(dialog)
    dialog.kinds.setCurrentRow(2)
    assert dialog.kind() == "handouts" and dialog.session_box.currentData() == extra.id
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert prompter.dialogs == []
    assert prompter.messages == [
        ("error", "Nothing to print", "This meeting has no hand-outs to print.")
    ]


def test_print_dialog_options_follow_what_is_chosen(qtbot, demo_ctx):
    """Nicknames only for the attendance list and progress sheet; the next meeting is chosen;
    participants are listed by code; the moment only for self-assessment sheets."""
    from budgetkring.participants.participants import list_participants
    from ui.dialogs.print_dialog import PrintDialog
    from ui.widgets import choose_circle

    circle = find_circle(demo_ctx.store, "Zwolle-Zuid")
    dialog = PrintDialog(demo_ctx, circle_id=circle.id)
    qtbot.addWidget(dialog)
    assert dialog.kind() == "session-pack"
    assert dialog.session_box.currentData() == next_meeting(demo_ctx, "Zwolle-Zuid").id
    enabled = {}
    for row in range(dialog.kinds.count()):
        dialog.kinds.setCurrentRow(row)
        enabled[dialog.kind()] = dialog.aliases.isEnabled()
    assert {k for k, on in enabled.items() if on} == {"attendance-list", "progress-sheet"}
    assert len(enabled) == 9

    dialog.kinds.setCurrentRow(8)  # progress sheet
    people = list_participants(demo_ctx.store, circle.id, TODAY)
    shown = [dialog.participant_box.itemText(i) for i in range(dialog.participant_box.count())]
    assert [s.split(" ")[0] for s in shown] == [p.code for p in people]
    assert not any(p.alias and p.alias in text for p in people for text in shown)
    dialog.aliases.setChecked(True)
    asked = dialog.request()
    assert asked.kind == "progress-sheet" and asked.participant_id == people[0].id
    assert asked.with_aliases and asked.session_id is None

    dialog.kinds.setCurrentRow(6)  # self-assessment sheets: the moment, no nicknames
    assert not dialog.aliases.isChecked() and not dialog.aliases.isEnabled()
    dialog.moment_box.setCurrentIndex(2)
    assert dialog.request().moment == "end" and not dialog.request().with_aliases

    dialog.kinds.setCurrentRow(0)
    choose_circle(dialog.circle_box, find_circle(demo_ctx.store, "Deventer Centrum").id)
    assert dialog.session_box.currentData() == next_meeting(demo_ctx, "Deventer Centrum").id
    choose_circle(dialog.circle_box, find_circle(demo_ctx.store, "Kampen Brunnepe").id)
    assert dialog.session_box.count() == 0 and not dialog.preview_button.isEnabled()
    assert "no meetings yet" in dialog.problem.text()


def test_print_dialog_rows_shown_for_the_kind(qtbot, demo_ctx):
    """Only the fields the chosen document needs are on screen."""
    from ui.dialogs.print_dialog import PrintDialog

    dialog = PrintDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.session_box.isVisible() and not dialog.participant_box.isVisible()
    dialog.kinds.setCurrentRow(8)
    assert dialog.participant_box.isVisible() and not dialog.session_box.isVisible()
    assert not dialog.moment_box.isVisible() and dialog.alias_hint.isVisible()
    dialog.kinds.setCurrentRow(6)
    assert dialog.moment_box.isVisible() and not dialog.alias_hint.isVisible()


def test_overview_button_shows_the_pack_of_the_chosen_circle(qtbot, demo_ctx, prompter):
    """Overzicht → Everything for the next meeting → choose Deventer: its next meeting's pack."""
    from ui.dialogs.print_dialog import ChooseCircleDialog
    from ui.pages.overview import OverviewPage
    from ui.pdf_preview import PdfPreviewDialog

    page = OverviewPage(demo_ctx)
    qtbot.addWidget(page)
    seen = []

    def choose_deventer(dialog):
        assert isinstance(dialog, ChooseCircleDialog)
        texts = [dialog.circles.item(i).text() for i in range(dialog.circles.count())]
        assert dialog.circles.currentItem().text().startswith("Zwolle-Zuid")  # meets first
        assert any(t.startswith("Kampen Brunnepe") and "not planned" in t for t in texts)
        dialog.circles.setCurrentRow(next(i for i, t in enumerate(texts) if "Deventer" in t))
        dialog.accept()

    prompter.dialog_actions = [choose_deventer, seen.append]
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1 and isinstance(seen[0], PdfPreviewDialog), prompter.messages
    meeting = next_meeting(demo_ctx, "Deventer Centrum")
    expected = render(demo_ctx.store, Request("session-pack", session_id=meeting.id), TODAY)
    assert seen[0].document.title == expected.title
    assert seen[0].document.filename == expected.filename
    assert "Deventer Centrum" in seen[0].windowTitle()


def test_overview_button_says_when_the_circle_has_no_meeting(qtbot, demo_ctx, prompter):
    """Choosing a circle without a meeting to come: said plainly, nothing opens."""
    from ui.pages.overview import OverviewPage

    page = OverviewPage(demo_ctx)
    qtbot.addWidget(page)

    def choose_kampen(dialog):
        texts = [dialog.circles.item(i).text() for i in range(dialog.circles.count())]
        dialog.circles.setCurrentRow(next(i for i, t in enumerate(texts) if "Kampen" in t))
        dialog.accept()

    prompter.dialog_actions = [choose_kampen]
    page.print_next_meeting()
    assert len(prompter.dialogs) == 1  # only the chooser
    assert prompter.messages == [
        (
            "error",
            "No meeting to come",
            "Kampen Brunnepe has no meeting to come, so there is nothing to print for it.",
        )
    ]


def test_meeting_page_prints_this_meeting(qtbot, demo_ctx, prompter):
    """The meeting page: its pack in the preview, and Print… preset to this very meeting."""
    from ui.dialogs.meeting_dialog import MeetingDialog
    from ui.dialogs.print_dialog import PrintDialog

    circle = find_circle(demo_ctx.store, "Zwolle-Zuid")
    later = [s for s in list_sessions(demo_ctx.store, circle.id, TODAY) if s.status == "planned"][3]
    page = MeetingDialog(demo_ctx, later.id)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.pack_button, Qt.MouseButton.LeftButton)
    expected = render(demo_ctx.store, Request("session-pack", session_id=later.id), TODAY)
    assert prompter.dialogs[-1].document.title == expected.title
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    chosen = prompter.dialogs[-1]
    assert isinstance(chosen, PrintDialog)
    qtbot.addWidget(chosen)
    assert chosen.circle().id == circle.id and chosen.session_box.currentData() == later.id


def test_print_is_in_the_file_menu(qtbot, demo_ctx, prompter):
    """File → Print… (Ctrl+P) opens the print dialog."""
    from PySide6.QtGui import QKeySequence

    from ui.dialogs.print_dialog import PrintDialog
    from ui.main_window import MainWindow

    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "Print…")
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    action.trigger()
    assert isinstance(prompter.dialogs[-1], PrintDialog)
    qtbot.addWidget(prompter.dialogs[-1])


def _pdf_printer(path: Path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setFullPage(True)
    return printer


def _pack(ctx) -> bytes:
    """The session pack of Zwolle-Zuid's next meeting (three pages or more)."""
    meeting = next_meeting(ctx, "Zwolle-Zuid")
    return render(ctx.store, Request("session-pack", session_id=meeting.id), TODAY).data


def _print_to(target: Path, first: int = 0, last: int = 0):
    """A print-dialog answer: print to the PDF file ``target`` (pages first–last when given)."""
    from PySide6.QtPrintSupport import QPrinter

    def answer(print_dialog):
        printer = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        if first:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(first, last)
        print_dialog.done(1)

    return answer


def test_paint_pages_prints_one_sheet_per_page(qtbot, demo_ctx, tmp_path):
    """All pages, a range, and copies: as many sheets as asked, with the text on them, and no
    temporary file left beside them."""
    from ui.printing import paint_pages

    data = _pack(demo_ctx)
    count = pages_of(data)
    out = tmp_path / "out"
    out.mkdir()
    assert paint_pages(_pdf_printer(out / "all.pdf"), data, None, 72) == count
    assert pages_of((out / "all.pdf").read_bytes()) == count
    assert paint_pages(_pdf_printer(out / "two.pdf"), data, [0, 2], 72, copies=2) == 4
    assert pages_of((out / "two.pdf").read_bytes()) == 4
    assert sorted(p.name for p in out.iterdir()) == ["all.pdf", "two.pdf"]


def test_paint_pages_moves_a_bar_and_stops_between_sheets(qtbot, demo_ctx, tmp_path):
    """One step per sheet before it is drawn; a step that raises Cancelled after the first
    sheet stops the job, and the file asked for is left as it was (no half-written PDF)."""
    from ui.printing import paint_pages
    from ui.tasks import Cancelled

    data = _pack(demo_ctx)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "printed.pdf"
    target.write_bytes(b"the old file")
    steps = []

    def step(done, total):
        steps.append((done, total))
        if done == 1:
            raise Cancelled

    with pytest.raises(Cancelled):
        paint_pages(_pdf_printer(target), data, [0, 1, 2], 72, step=step)
    assert steps == [(0, 3), (1, 3)]
    assert target.read_bytes() == b"the old file"
    assert [p.name for p in out.iterdir()] == ["printed.pdf"]


def test_paint_pages_says_when_the_printer_cannot_be_used(qtbot, demo_ctx, tmp_path):
    """A printer that will not start, or a file that cannot be written there: a plain sentence,
    and nothing left behind."""
    from PySide6.QtPrintSupport import QPrinter

    from budgetkring.errors import UserError
    from ui.printing import paint_pages

    data = _pack(demo_ctx)
    nowhere = QPrinter(QPrinter.PrinterMode.HighResolution)
    nowhere.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # …with no file: begin fails
    with pytest.raises(UserError, match="The printer cannot be used now"):
        paint_pages(nowhere, data, None, 72)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UserError, match="cannot be used: "):
        paint_pages(_pdf_printer(out / "missing" / "printed.pdf"), data, None, 72)
    assert list(out.iterdir()) == []


def test_a_landscape_page_is_turned_to_fill_upright_paper(qtbot):
    """A page lying on its side is turned a quarter, so it fills the paper instead of a strip."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    from ui.printing import PDFIUM_LOCK, _sheet_image

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=landscape(A4))
    sheet.rect(0, 0, *landscape(A4), fill=1)  # black all over
    sheet.showPage()
    sheet.save()
    import pypdfium2

    paper = QImage(210, 297, QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    with PDFIUM_LOCK:
        pdf = pypdfium2.PdfDocument(buffer.getvalue())
        image, where = _sheet_image(pdf[0], QRectF(paper.rect()), 36)
        pdf.close()
    painter = QPainter(paper)
    painter.drawImage(where, image)
    painter.end()
    assert paper.pixelColor(105, 10).lightness() < 50  # the top of the paper is covered too
    assert paper.pixelColor(105, 287).lightness() < 50


def test_print_button_prints_the_pages_chosen(qtbot, demo_ctx, prompter, tmp_path):
    """Print… → the print dialog (pages 2–3 chosen) → through the runner, two sheets come out
    of the printer; Print and Close work again afterwards."""
    meeting = next_meeting(demo_ctx, "Zwolle-Zuid")
    dialog = preview_of(demo_ctx, prompter, qtbot, Request("session-pack", session_id=meeting.id))
    target = tmp_path / "printed.pdf"
    titles = []

    class Recording:
        """The test runner, noting what the progress dialog would say."""

        def __init__(self, runner):
            self.runner = runner

        def run(self, parent, work, on_done, **options):
            titles.append((options["title"], options["steps"]))
            self.runner.run(parent, work, on_done, **options)

    demo_ctx.runner = Recording(demo_ctx.runner)

    def check_title(print_dialog):
        assert print_dialog.windowTitle() == "Print"
        _print_to(target, 2, 3)(print_dialog)

    prompter.dialog_actions = [check_title]
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert pages_of(target.read_bytes()) == 2
    assert titles == [("Printing…", True)]
    assert prompter.messages == []
    assert not dialog.printing()
    assert dialog.print_button.isEnabled() and dialog.close_button.isEnabled()


def test_cancel_while_printing_leaves_no_file(qtbot, demo_ctx, prompter, tmp_path):
    """Cancel pressed while the first sheet is drawn: the job stops before the second, no file
    (nor a temporary one) is left, nothing is said, and Print works again."""
    from ui.tasks import _Job

    meeting = next_meeting(demo_ctx, "Zwolle-Zuid")
    dialog = preview_of(demo_ctx, prompter, qtbot, Request("session-pack", session_id=meeting.id))
    out = tmp_path / "out"
    out.mkdir()
    seen = []

    class CancelDuringFirstSheet:
        """Runs the work as the app's runner does; the user presses Cancel at the first step."""

        def run(self, parent, work, on_done, *, steps=False, **options):
            job = _Job(demo_ctx.store.path, work, steps)

            def progress(done, total):
                seen.append((done, total))
                job.cancel()

            on_done(job.perform(progress))

    demo_ctx.runner = CancelDuringFirstSheet()
    prompter.dialog_actions = [_print_to(out / "printed.pdf")]
    dialog.print_document()
    assert seen == [(0, dialog.page_count())]
    assert list(out.iterdir()) == []
    assert prompter.messages == []
    assert not dialog.printing() and dialog.print_button.isEnabled()


def test_a_printer_that_cannot_be_used_is_said_in_plain_words(qtbot, demo_ctx, prompter):
    """A printer that will not start: "Not printed" with the reason, no traceback, and Print
    and Close work again."""
    from PySide6.QtPrintSupport import QPrinter

    meeting = next_meeting(demo_ctx, "Zwolle-Zuid")
    dialog = preview_of(demo_ctx, prompter, qtbot, Request("session-plan", session_id=meeting.id))

    def no_printer(print_dialog):
        printer = print_dialog.printer()
        printer.setOutputFileName("")  # never a real printer, on any machine…
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # …nor a file: begin fails
        print_dialog.done(1)

    prompter.dialog_actions = [no_printer]
    dialog.print_document()
    assert prompter.messages == [
        (
            "error",
            "Not printed",
            "The printer cannot be used now. Check that it is on, and try again.",
        )
    ]
    assert not dialog.printing() and dialog.close_button.isEnabled()


def test_printing_runs_on_a_worker_thread(qtbot, demo_ctx, prompter, tmp_path):
    """With the app's threaded runner: the preview stays open while the job runs (Close is
    refused), and three sheets come out once the worker has finished."""
    from ui.tasks import TaskRunner

    meeting = next_meeting(demo_ctx, "Zwolle-Zuid")
    dialog = preview_of(demo_ctx, prompter, qtbot, Request("session-pack", session_id=meeting.id))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it after
    runner = TaskRunner(lambda: demo_ctx)
    demo_ctx.runner = runner
    out = tmp_path / "out"
    out.mkdir()
    target = out / "printed.pdf"
    prompter.dialog_actions = [_print_to(target, 1, 3)]
    dialog.print_document()
    assert runner.busy and dialog.printing()  # the result comes through the event loop
    assert not dialog.print_button.isEnabled() and not dialog.close_button.isEnabled()
    dialog.reject()
    assert dialog.view.page_count() and dialog.view._pdf is not None  # not closed meanwhile
    qtbot.waitUntil(lambda: not runner.busy, timeout=60_000)
    assert pages_of(target.read_bytes()) == 3
    assert [p.name for p in out.iterdir()] == ["printed.pdf"]
    assert prompter.messages == []
    assert not dialog.printing() and dialog.print_button.isEnabled()
    dialog.reject()
    assert dialog.view._pdf is None  # closed now that the job has ended


def test_a_job_lost_by_the_runner_does_not_keep_the_preview_open(qtbot, demo_ctx, prompter):
    """When the runner ends a job without calling back (it said what went wrong itself), the
    preview can still be closed."""
    meeting = next_meeting(demo_ctx, "Zwolle-Zuid")
    dialog = preview_of(demo_ctx, prompter, qtbot, Request("session-plan", session_id=meeting.id))

    class Lost:
        """A runner that reports a failure itself, as TaskRunner does when the database cannot
        be opened for the work, and is idle again afterwards."""

        busy = False

        def run(self, parent, work, on_done, **options):
            prompter.error(parent, options["title"], "Something went wrong.")

    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it after
    demo_ctx.runner = Lost()
    prompter.dialog_actions = [_print_to(Path("unused.pdf"))]
    dialog.print_document()
    assert dialog.printing()
    dialog.reject()
    assert not dialog.printing() and dialog.view._pdf is None


def test_the_preview_never_waits_for_pdfium(qtbot, demo_ctx, prompter):
    """While a print job holds pdfium, the preview shows blank paper instead of waiting, and
    draws the page as soon as pdfium is free again."""
    from ui.printing import PDFIUM_LOCK

    meeting = next_meeting(demo_ctx, "Zwolle-Zuid")
    dialog = preview_of(demo_ctx, prompter, qtbot, Request("session-plan", session_id=meeting.id))

    def darkest() -> int:
        image = dialog.view.grab(dialog.view.rects[0]).toImage()
        return min(
            image.pixelColor(x, y).lightness()
            for x in range(0, image.width(), 3)
            for y in range(0, image.height() // 3, 3)
        )

    held, done = threading.Event(), threading.Event()

    def print_job():
        """Holds pdfium as a print job does; lets go when told (or, should the preview wait
        for it after all, after a while, so the test fails instead of hanging)."""
        with PDFIUM_LOCK:
            held.set()
            done.wait(timeout=10)

    job = threading.Thread(target=print_job)
    job.start()
    held.wait()
    try:
        dialog.show()
        blank = darkest()
    finally:
        done.set()
        job.join()
    assert blank > 200  # white paper, no ink yet
    qtbot.waitUntil(lambda: darkest() < 80)
