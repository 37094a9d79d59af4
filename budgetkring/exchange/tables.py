"""The anonymised export: the organisation's tables for analysis elsewhere (CSV or XLSX).

Four tables, keyed by the stable ids (uid) that travel between laptops and by participant code:

- circles: uid, name, municipality, status, start_date
- meetings: uid, circle_uid, date, status (as it counts today: a meeting whose day has passed
  counts as held)
- attendance: circle_uid, code, meeting_uid, status (one row per mark)
- assessments: circle_uid, code, moment, date, and one column per life domain with the score

Never in it: aliases, goals or any other free text, notes, stop reasons, absence reasons,
facilitators (their names, phone numbers and e-mail addresses). Column names and values are the
stable codes (``held``, ``present``, ``money``), the same in every language, so a spreadsheet
built on the export keeps working. The export holds rows per participant code, so it is not
summed up and nothing in it is hidden: small-number suppression is for reports.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from budgetkring.dates import from_iso
from budgetkring.domains import DOMAINS
from budgetkring.exchange.outputs import DataTable, export_suffix, tables_xlsx, tables_zip
from budgetkring.planning.sessions import effective_status
from budgetkring.store import Store
from budgetkring.store import reports as sql
from budgetkring.store.files import check_output, write_atomically

FORMATS = ("csv", "xlsx")


def export_tables(store: Store, today: date) -> list[DataTable]:
    """The four anonymised tables, in a few queries over the whole organisation."""
    circles = DataTable(
        "circles",
        ["uid", "name", "municipality", "status", "start_date"],
        [
            [r["uid"], r["name"], r["municipality"], r["status"], r["start_date"]]
            for r in sql.export_circles(store.db)
        ],
    )
    meetings = DataTable(
        "meetings",
        ["uid", "circle_uid", "date", "status"],
        [
            [r["uid"], r["circle_uid"], r["date"], _status(r["status"], r["date"], today)]
            for r in sql.export_meetings(store.db)
        ],
    )
    attendance = DataTable(
        "attendance",
        ["circle_uid", "code", "meeting_uid", "status"],
        [
            [r["circle_uid"], r["code"], r["meeting_uid"], r["status"]]
            for r in sql.export_attendance(store.db)
        ],
    )
    return [circles, meetings, attendance, _assessments(store)]


def _status(stored: str, day: str, today: date) -> str:
    found = from_iso(day)
    return stored if found is None else effective_status(stored, found, today)


def _assessments(store: Store) -> DataTable:
    """One row per self-assessment, a column per life domain (known domains first)."""
    scores = sql.export_scores(store.db)
    seen = {r["domain"] for r in scores}
    domains = [d for d in DOMAINS if d in seen] + sorted(seen - set(DOMAINS))
    column = {domain: 4 + i for i, domain in enumerate(domains)}
    rows: dict[int, list[object]] = {}
    for r in scores:
        row = rows.setdefault(
            r["assessment_id"],
            [r["circle_uid"], r["code"], r["moment"], r["date"], *([None] * len(domains))],
        )
        row[column[r["domain"]]] = r["score"]
    return DataTable(
        "assessments", ["circle_uid", "code", "moment", "date", *domains], list(rows.values())
    )


def write_export(
    store: Store, path: Path | str, fmt: str, today: date, *, replace: bool = False
) -> Path:
    """Write the anonymised tables: ``csv`` as a .zip with one CSV file per table (one file to
    send, and a CSV file holds only one table), ``xlsx`` as one workbook with a sheet per
    table. Refused before anything is written: another format, a name that does not fit it,
    a place Budgetkring may not write to."""
    export_suffix(fmt, path)
    target = check_output(path, store.path, replace=replace)
    tables = export_tables(store, today)
    data = tables_zip(tables, today) if fmt == "csv" else tables_xlsx(tables)
    return write_atomically(target, data)
