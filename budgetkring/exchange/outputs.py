"""Writing the funder report and the export as files: PDF, CSV and XLSX.

CSV is written for the spreadsheet program on the user's own computer, which in the Netherlands
is mostly Excel with Dutch settings:

- a byte order mark (UTF-8 with BOM): without it Excel reads the file as Windows-1252 and
  "é" turns into "Ã©"; LibreOffice and other programs skip the mark;
- the separator follows the language: ";" in Dutch, because Dutch Excel splits on ";" (the
  comma is its decimal sign, as in "3,2"), and "," in English;
- text that starts like a formula (=, +, -, @) gets a ' in front, so a circle name that came
  in from another laptop can never run as a formula when the file is opened.

XLSX goes through XlsxWriter, with text always written as text (never as a formula or a link);
counts and averages are real numbers with a number format, hidden counts the text "<5".

Every file is written in one step, never onto the database or its own files, and an existing
file only with ``replace`` (``store.files``).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from budgetkring.errors import UserError
from budgetkring.exchange.funder import FunderReport, Value, report_notes, report_sections
from budgetkring.exchange.funder import report_title as title_of
from budgetkring.i18n import _, current_language
from budgetkring.store.files import check_output, shown, write_atomically

FORMATS = (".pdf", ".csv", ".xlsx")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
NUMBER_FORMATS = {"count": "0", "rate": "0%", "average": "0.0", "change": "+0.0;-0.0"}


def delimiter() -> str:
    """The CSV separator Excel expects in the current language (see above)."""
    return ";" if current_language() == "nl" else ","


def safe_text(text: str) -> str:
    """Text as a CSV cell: with a ' in front when a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    """Rows as CSV for the user's spreadsheet program; text cells are made safe, figures
    (numbers, and the report's numbers as text, like "+0,5") are written as they are."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter(), lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value: object) -> object:
    if isinstance(value, Value):
        return safe_text(value.text()) if value.kind == "text" else value.text()
    return safe_text(value) if isinstance(value, str) else value


# --- the funder report --------------------------------------------------------------------


def report_csv(report: FunderReport) -> bytes:
    """The report as one CSV file: the title, the notes, then each table under its heading,
    with an empty line between them (figures as the reader sees them, hidden counts "<5")."""
    rows: list[Sequence[object]] = [[title_of(report)], *([note] for note in report_notes())]
    for section in report_sections(report):
        rows += [[], [section.heading]]
        if section.rows:
            rows.append(section.header)
            rows += section.rows
        else:
            rows.append([_("Nothing in this period.")])
        if section.note:
            rows.append([section.note])
    return _csv_bytes(rows)


def report_xlsx(report: FunderReport) -> bytes:
    """The report as a workbook with one sheet, laid out like the CSV file."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    bold = book.add_format({"bold": True})
    big = book.add_format({"bold": True, "font_size": 14})
    hidden = book.add_format({"align": "right"})
    formats = {kind: book.add_format({"num_format": f}) for kind, f in NUMBER_FORMATS.items()}
    sheet = book.add_worksheet(_("Report")[:31])
    sheet.set_column(0, 0, 42)
    sheet.set_column(1, 6, 14)
    sheet.write_string(0, 0, title_of(report), big)
    row = 1
    for note in report_notes():
        sheet.write_string(row, 0, note)
        row += 1
    for section in report_sections(report):
        row += 1
        sheet.write_string(row, 0, section.heading, big)
        row += 1
        if not section.rows:
            sheet.write_string(row, 0, _("Nothing in this period."))
            row += 1
        else:
            for column, name in enumerate(section.header):
                sheet.write_string(row, column, name, bold)
            row += 1
            for values in section.rows:
                for column, value in enumerate(values):
                    _write_value(sheet, row, column, value, formats, hidden)
                row += 1
        if section.note:
            sheet.write_string(row, 0, section.note)
            row += 1
    book.set_properties({"title": title_of(report), "author": "Budgetkring"})
    book.close()
    return buffer.getvalue()


def _write_value(sheet, row: int, column: int, value, formats: dict, hidden) -> None:
    if value.value is None:
        sheet.write_string(row, column, value.text(), hidden)
    elif isinstance(value.value, str):
        sheet.write_string(row, column, value.value)
    else:
        sheet.write_number(row, column, value.value, formats.get(value.kind))


def report_bytes(report: FunderReport, suffix: str) -> bytes:
    """The report as the file a name ending in ``suffix`` needs (.pdf, .csv or .xlsx)."""
    suffix = check_suffix(suffix)
    if suffix == ".pdf":
        from budgetkring.documents.funder import render_funder

        return render_funder(report)
    return report_csv(report) if suffix == ".csv" else report_xlsx(report)


def check_suffix(suffix: str) -> str:
    """The report's file type from a name's ending; a UserError for any other ending."""
    found = suffix.lower()
    if found not in FORMATS:
        raise UserError(
            _(
                "Budgetkring can write this report as .pdf, .csv or .xlsx. Let the file name end "
                "in one of those."
            )
        )
    return found


def save_report(
    report: FunderReport, path: Path | str, db_path: Path | None, *, replace: bool = False
) -> Path:
    """Write the report to ``path`` as the name's ending says, in one step."""
    suffix = check_suffix(Path(str(path)).suffix)
    target = check_output(path, db_path, replace=replace)
    return write_atomically(target, report_bytes(report, suffix))


# --- tables (the export) --------------------------------------------------------------------


@dataclass(frozen=True)
class DataTable:
    """A table of the export: its name (file and sheet), column names and rows."""

    name: str
    header: list[str]
    rows: list[list[object]]


def tables_zip(tables: Sequence[DataTable], day: date) -> bytes:
    """A .zip with one CSV file per table (``name.csv``), dated ``day``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            member = zipfile.ZipInfo(f"{table.name}.csv", (day.year, day.month, day.day, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            archive.writestr(member, _csv_bytes([table.header, *table.rows]))
    return buffer.getvalue()


def tables_xlsx(tables: Sequence[DataTable]) -> bytes:
    """A workbook with one sheet per table: a bold header that stays in view and a filter."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    bold = book.add_format({"bold": True})
    for table in tables:
        sheet = book.add_worksheet(table.name[:31])
        sheet.write_row(0, 0, table.header, bold)
        for r, values in enumerate(table.rows, start=1):
            for c, value in enumerate(values):
                if isinstance(value, str):
                    sheet.write_string(r, c, value)
                elif value is not None:
                    sheet.write_number(r, c, value)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(table.rows), 1), max(len(table.header) - 1, 0))
        sheet.set_column(0, len(table.header) - 1, 16)
    book.set_properties({"title": _("Budgetkring: anonymous tables"), "author": "Budgetkring"})
    book.close()
    return buffer.getvalue()


def export_suffix(fmt: str, path: Path | str) -> None:
    """Refuse a file name that does not fit the format: a CSV export is a .zip, an XLSX one an
    .xlsx (a UserError in plain words)."""
    if fmt not in ("csv", "xlsx"):
        raise UserError(_("Choose the format csv or xlsx."))
    suffix = Path(str(path)).suffix.lower()
    if fmt == "csv" and suffix != ".zip":
        raise UserError(
            _(
                "A CSV export holds several tables, one CSV file each, packed in one .zip file. "
                "Let the name end in .zip (not {name})."
            ).format(name=shown(path))
        )
    if fmt == "xlsx" and suffix != ".xlsx":
        raise UserError(
            _("An XLSX export must have a name that ends in .xlsx (not {name}).").format(
                name=shown(path)
            )
        )
