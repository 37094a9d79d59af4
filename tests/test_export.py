"""The anonymised export (issue 12): circles, meetings, attendance and self-assessments per
participant code, as a .zip of CSV files or one XLSX workbook, with nothing personal in it."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from budgetkring.exchange.tables import export_tables, write_export
from budgetkring.i18n import set_language
from budgetkring.organisation.circles import list_circles
from budgetkring.participants.participants import list_participants
from tests.conftest import TODAY
from tests.test_funder_report import END_ASSESSMENT, MARKER, org  # noqa: F401

HEADERS = {
    "circles": ["uid", "name", "municipality", "status", "start_date"],
    "meetings": ["uid", "circle_uid", "date", "status"],
    "attendance": ["circle_uid", "code", "meeting_uid", "status"],
}


@pytest.fixture
def tables(org):  # noqa: F811 - the fixture of the funder report
    """The export tables of the two-town organisation, by name."""
    return {t.name: t for t in export_tables(org["store"], TODAY)}


def _members(path) -> dict[str, list[list[str]]]:
    """The CSV files in an export .zip, read as Excel would (BOM, then the rows)."""
    found = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            assert data.startswith(b"\xef\xbb\xbf")
            text = data[3:].decode("utf-8")
            delimiter = ";" if text.splitlines()[0].count(";") else ","
            found[name] = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return found


def test_the_tables_hold_what_the_database_holds(org, tables):  # noqa: F811
    """Every circle with its uid; meetings with their status as it counts today; one row per
    attendance mark by code; one row per self-assessment with a column per life domain."""
    store = org["store"]
    circles = list_circles(store, TODAY, include_archived=True)
    assert [r[1] for r in tables["circles"].rows] == sorted(c.name for c in circles)
    assert all(len(r[0]) == 36 for r in tables["circles"].rows)  # a UUID
    statuses = {r[3] for r in tables["meetings"].rows}
    assert {"held", "planned", "cancelled"} <= statuses
    held = sum(r[3] == "held" for r in tables["meetings"].rows)
    assert held == len(org["held"])
    marks = sum(len(p.marks) for c in circles for p in list_participants(store, c.id, TODAY))
    assert len(tables["attendance"].rows) == marks
    assessments = tables["assessments"]
    assert assessments.header == ["circle_uid", "code", "moment", "date", "money", "housing"]
    ends = [r for r in assessments.rows if r[2] == "end" and r[3] == END_ASSESSMENT.isoformat()]
    assert len(ends) == 7
    assert sorted((r[4], r[5] or 0) for r in ends) == [(4, 0)] * 3 + [(4, 4)] * 4


def test_csv_export_is_a_zip_of_four_tables(org, cli, db_path, tmp_path):  # noqa: F811
    """--format csv: a .zip with circles, meetings, attendance and assessments as CSV files."""
    target = tmp_path / "uitvoer.zip"
    code, out, _err = cli("--db", db_path, "export", "--format", "csv", "-o", target)
    assert code == 0 and out.strip() == str(target)
    members = _members(target)
    assert sorted(members) == ["assessments.csv", "attendance.csv", "circles.csv", "meetings.csv"]
    for name, header in HEADERS.items():
        assert members[f"{name}.csv"][0] == header
    assert len(members["circles.csv"]) == 1 + 3


def test_csv_in_dutch_uses_semicolons(org, tmp_path):  # noqa: F811
    """In Dutch the CSV files have ; between the columns (Dutch Excel's separator)."""
    set_language("nl")
    try:
        write_export(org["store"], tmp_path / "x.zip", "csv", TODAY)
    finally:
        set_language("en")
    with zipfile.ZipFile(tmp_path / "x.zip") as archive:
        first = archive.read("meetings.csv")[3:].decode("utf-8").splitlines()[0]
    assert first == "uid;circle_uid;date;status"


def test_xlsx_export_has_a_sheet_per_table(org, cli, db_path, tmp_path):  # noqa: F811
    """--format xlsx: one workbook, a sheet per table, scores as numbers."""
    target = tmp_path / "uitvoer.xlsx"
    code, _out, _err = cli("--db", db_path, "export", "--format", "xlsx", "-o", target)
    assert code == 0
    book = load_workbook(target)
    assert book.sheetnames == ["circles", "meetings", "attendance", "assessments"]
    rows = list(book["assessments"].iter_rows(values_only=True))
    assert rows[0][:5] == ("circle_uid", "code", "moment", "date", "money")
    assert {r[4] for r in rows[1:]} <= {1, 2, 4, 5}


def test_nothing_personal_in_the_export(org, tmp_path):  # noqa: F811
    """Aliases, the goal, the place, the cancel reason and the facilitator carry a marker: it
    is in no file of either export, not in the raw bytes of any member either."""
    store = org["store"]
    write_export(store, tmp_path / "x.zip", "csv", TODAY)
    write_export(store, tmp_path / "x.xlsx", "xlsx", TODAY)
    for path in (tmp_path / "x.zip", tmp_path / "x.xlsx"):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                data = archive.read(name).lower()
                assert MARKER.lower().encode() not in data, (path.name, name)
                assert b"buurthuis" not in data and b"example.nl" not in data, (path.name, name)
    cells = [
        str(v)
        for sheet in load_workbook(tmp_path / "x.xlsx")
        for row in sheet.iter_rows(values_only=True)
        for v in row
    ]
    assert not [c for c in cells if MARKER.lower() in c.lower()]
    assert "health" not in cells  # no stop reason either


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "csv", "-o", "{tmp}/uitvoer.csv"], ".zip"),
        (["--format", "xlsx", "-o", "{tmp}/uitvoer.zip"], ".xlsx"),
        (["--format", "ods", "-o", "{tmp}/uitvoer.ods"], "invalid choice"),
        (["--format", "csv", "-o", "{tmp}/nergens/uitvoer.zip"], "does not exist"),
        (["--format", "csv", "-o", "{tmp}/bestaat.zip"], "already exists"),
        (["--format", "xlsx", "-o", "{tmp}/map.xlsx"], "not an ordinary file"),
    ],
)
def test_export_refuses_in_one_line_and_writes_nothing(
    org,  # noqa: F811
    cli,
    db_path,
    tmp_path,
    args,
    message,
):
    """A name that does not fit the format, an unknown format, a missing folder, an existing
    file without --force, a folder: exit 2, one line, nothing written or changed."""
    folder = tmp_path / "uit"
    (folder / "map.xlsx").mkdir(parents=True)
    (folder / "bestaat.zip").write_bytes(b"oud")
    given = [a.replace("{tmp}", str(folder)) for a in args]
    code, out, err = cli("--db", db_path, "export", *given)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in folder.iterdir()) == ["bestaat.zip", "map.xlsx"]
    assert (folder / "bestaat.zip").read_bytes() == b"oud"


def test_export_replaces_with_force(org, cli, db_path, tmp_path):  # noqa: F811
    """--force replaces an existing export."""
    target = tmp_path / "uitvoer.zip"
    target.write_bytes(b"oud")
    code, _out, _err = cli("--db", db_path, "export", "--format", "csv", "-o", target, "--force")
    assert code == 0 and zipfile.is_zipfile(target)
