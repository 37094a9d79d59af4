"""The report for funders and the export in the app (issue 12): the Coördinatie page opens
them; the report dialog shows the totals of a period with "<5" for small numbers and saves
them as PDF, CSV or Excel; a wrong period or a "no" to replacing a file writes nothing."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt

from budgetkring.organisation.circles import list_circles
from tests.conftest import TODAY

CLICK = Qt.MouseButton.LeftButton


def _dialog(qtbot, ctx):
    from ui.dialogs.funder_dialog import FunderDialog

    dialog = FunderDialog(ctx)
    qtbot.addWidget(dialog)
    return dialog


def _folder(tmp_path):
    """An empty folder for the files a test saves (the database lies in ``tmp_path``)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _figures(dialog) -> dict[str, str]:
    return {key: label.text() for key, label in dialog.values.items()}


def _type_date(qtbot, field, text: str) -> None:
    field.edit.clear()
    qtbot.keyClicks(field.edit, text)


def _save(qtbot, dialog, suffix: str) -> None:
    qtbot.mouseClick(dialog.save_buttons[suffix], CLICK)


def test_the_dialog_shows_this_years_totals_with_lt5(qtbot, demo_ctx):
    """The period starts as 1 January up to today, and the totals of the demo show as the
    report gives them: 16 started, and "<5" for the small number who finished."""
    dialog = _dialog(qtbot, demo_ctx)
    assert (dialog.start.date(), dialog.end.date()) == (date(TODAY.year, 1, 1), TODAY)
    assert _figures(dialog) == {
        "circles": "1",
        "meetings_held": "10",
        "started": "16",
        "finished": "<5",
        "stopped": "<5",
        "attendance_rate": "74%",
    }
    assert "fewer than 5 people" in dialog.domains.text()
    assert "<5 means" in dialog.status.text()


def test_another_period_is_counted_again(qtbot, demo_ctx):
    """Typing another first day counts the figures of the new period (November: 2 meetings)."""
    dialog = _dialog(qtbot, demo_ctx)
    _type_date(qtbot, dialog.start, "1-11-2026")
    qtbot.waitUntil(lambda: _figures(dialog)["meetings_held"] == "2")
    assert _figures(dialog)["started"] == "7"


def test_pdf_holds_the_figures_and_can_be_shown(qtbot, demo_ctx, prompter, tmp_path):
    """Save as PDF writes the report with its figures and "<5"; saying yes to "see it now"
    opens it in the preview."""
    from ui.pdf_preview import PdfPreviewDialog

    target = tmp_path / "verslag.pdf"
    prompter.file_answer = str(target)
    dialog = _dialog(qtbot, demo_ctx)
    _save(qtbot, dialog, ".pdf")
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    text = " ".join(text.split())
    assert "Participants who started 16" in text
    assert "Participants who finished <5" in text
    assert ("confirm", "Saved") == prompter.messages[-1][:2]
    assert str(target) in prompter.messages[-1][2]
    preview = prompter.dialogs[-1]
    assert isinstance(preview, PdfPreviewDialog) and preview.page_count() >= 1
    preview.close()


def test_csv_holds_the_figures(qtbot, demo_ctx, prompter, tmp_path):
    """Save as CSV writes the totals as rows, "<5" where a number is hidden, and says where."""
    target = tmp_path / "verslag.csv"
    prompter.file_answer = str(target)
    _save(qtbot, _dialog(qtbot, demo_ctx), ".csv")
    data = target.read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert ["Participants who started", "16"] in rows
    assert ["Participants who finished", "<5"] in rows
    assert prompter.messages[-1] == (
        "inform",
        "Saved",
        f"The report is saved as {target}.",
    )


def test_xlsx_holds_the_figures(qtbot, demo_ctx, prompter, tmp_path):
    """Save as Excel writes a workbook with the counts as numbers and "<5" as text."""
    target = tmp_path / "verslag.xlsx"
    prompter.file_answer = str(target)
    _save(qtbot, _dialog(qtbot, demo_ctx), ".xlsx")
    rows = [list(r) for r in load_workbook(target).active.iter_rows(values_only=True)]
    assert ["Participants who started", 16] == rows_starting(rows, "Participants who started")
    assert ["Participants who finished", "<5"] == rows_starting(rows, "Participants who finished")


def rows_starting(rows: list[list], first: str) -> list:
    """The first two cells of the row that starts with ``first``."""
    return next(row[:2] for row in rows if row and row[0] == first)


def test_a_period_that_starts_after_its_end_is_refused(qtbot, demo_ctx, prompter, tmp_path):
    """From after To: the dialog says so in plain words, shows no figures, writes nothing."""
    out = _folder(tmp_path)
    prompter.file_answer = str(out / "verslag.pdf")
    dialog = _dialog(qtbot, demo_ctx)
    _type_date(qtbot, dialog.start, "1-12-2026")
    dialog.count()  # as when the typing has settled
    assert "after its end" in dialog.problem.text()
    assert _figures(dialog)["started"] == ""
    _save(qtbot, dialog, ".pdf")
    assert not dialog.problem.isHidden()
    assert "after its end" in dialog.problem.text()
    assert list(out.iterdir()) == []
    assert prompter.messages == []


def test_a_date_that_is_no_date_is_refused(qtbot, demo_ctx, prompter, tmp_path):
    """A first day that is not a date: the field says why, and nothing is written."""
    out = _folder(tmp_path)
    prompter.file_answer = str(out / "verslag.csv")
    dialog = _dialog(qtbot, demo_ctx)
    _type_date(qtbot, dialog.start, "31-2-2026")
    _save(qtbot, dialog, ".csv")
    assert dialog.start.date() is None
    assert dialog.start.status.text()
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("answer", [False, True])
def test_an_existing_file_is_replaced_only_after_yes(qtbot, demo_ctx, prompter, tmp_path, answer):
    """A name typed without its ending that, with .pdf added, is an existing file: the user is
    asked; no keeps the old file as it was, yes replaces it with the report."""
    target = tmp_path / "verslag.pdf"
    target.write_bytes(b"old")
    prompter.file_answer = str(tmp_path / "verslag")
    prompter.confirm_answer = answer
    _save(qtbot, _dialog(qtbot, demo_ctx), ".pdf")
    kind, title, text = prompter.messages[0]
    assert (kind, title) == ("confirm", "Replace the file?")
    assert str(target) in text
    assert target.read_bytes().startswith(b"%PDF" if answer else b"old")


def test_a_folder_that_does_not_exist_is_said_in_plain_words(qtbot, demo_ctx, prompter, tmp_path):
    """Saving into a folder that is not there: the core's reason shows in red, nothing made."""
    prompter.file_answer = str(tmp_path / "nergens" / "verslag.pdf")
    dialog = _dialog(qtbot, demo_ctx)
    _save(qtbot, dialog, ".pdf")
    assert "does not exist" in dialog.problem.text()
    assert not (tmp_path / "nergens").exists()


# --- the export -----------------------------------------------------------------------------


def _export(qtbot, ctx):
    from ui.dialogs.funder_dialog import ExportDialog

    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    return dialog


def test_export_as_excel_has_a_sheet_per_table(qtbot, demo_ctx, prompter, tmp_path):
    """Choosing Excel and a name without its ending writes name.xlsx with the four tables,
    every circle of the demo in its sheet; the dialog closes and says where."""
    prompter.file_answer = str(tmp_path / "tabellen")
    dialog = _export(qtbot, demo_ctx)
    dialog.xlsx.setChecked(True)
    qtbot.mouseClick(dialog.save_button, CLICK)
    book = load_workbook(tmp_path / "tabellen.xlsx")
    assert book.sheetnames == ["circles", "meetings", "attendance", "assessments"]
    names = {row[1] for row in book["circles"].iter_rows(min_row=2, values_only=True)}
    assert names == {c.name for c in list_circles(demo_ctx.store, TODAY)}
    assert dialog.result() == 1
    assert prompter.messages[-1][:2] == ("inform", "Saved")


def test_export_as_csv_is_a_zip(qtbot, demo_ctx, prompter, tmp_path):
    """CSV (the first choice) writes a .zip with one CSV file per table."""
    target = tmp_path / "tabellen.zip"
    prompter.file_answer = str(target)
    dialog = _export(qtbot, demo_ctx)
    qtbot.mouseClick(dialog.save_button, CLICK)
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == [
            "assessments.csv",
            "attendance.csv",
            "circles.csv",
            "meetings.csv",
        ]


def test_export_keeps_an_existing_file_after_no(qtbot, demo_ctx, prompter, tmp_path):
    """An existing tabellen.zip is left alone when the user says no; the dialog stays open."""
    target = tmp_path / "tabellen.zip"
    target.write_bytes(b"old")
    prompter.file_answer = str(tmp_path / "tabellen")
    prompter.confirm_answer = False
    dialog = _export(qtbot, demo_ctx)
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert target.read_bytes() == b"old"
    assert dialog.result() == 0


# --- the page -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("button", "dialog"), [("report_button", "FunderDialog"), ("export_button", "ExportDialog")]
)
def test_the_coordination_page_opens_them(qtbot, demo_ctx, prompter, button, dialog):
    """Report for funders… and Export data… on the Coördinatie page open their dialogs."""
    from ui.pages.coordination import CoordinationPage

    page = CoordinationPage(demo_ctx)
    qtbot.addWidget(page)
    qtbot.mouseClick(getattr(page, button), CLICK)
    assert type(prompter.dialogs[-1]).__name__ == dialog
