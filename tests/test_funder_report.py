"""The funder report (issue 12): the figures of a period, small numbers hidden in every format
(JSON, PDF, CSV, XLSX, the terminal), nothing personal in any of them, and the command line."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, time

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from budgetkring.errors import UserError
from budgetkring.exchange.funder import funder_report, report_period
from budgetkring.exchange.outputs import report_bytes, report_csv, report_xlsx, safe_text
from budgetkring.i18n import set_language
from budgetkring.organisation.circles import add_circle
from budgetkring.participants.assessments import assess, import_instrument
from budgetkring.participants.goals import add_goal
from budgetkring.participants.participants import (
    add_participant,
    held_sessions,
    list_participants,
    record_attendance,
    update_participant,
)
from budgetkring.planning.plan import PlanRequest, save_plan
from budgetkring.planning.sessions import cancel_session, list_sessions
from budgetkring.store import reports as sql
from tests.conftest import TODAY, add_person

MARKER = "Zebrapaard7319"
START = date(2026, 4, 7)  # a Tuesday
KAMPEN_START = date(2026, 4, 9)  # a Thursday
END_ASSESSMENT = date(2026, 11, 10)


def _plan(store, circle, start: date) -> None:
    request = PlanRequest(circle.id, start, start.weekday(), time(14), time(16), "2w", "midden")
    save_plan(store, request, TODAY)


@pytest.fixture
def org(store):
    """Two towns: Zwolle with 10 people who joined this year (6 finished, 2 stopped after the
    4th meeting) and one from last year; Kampen with 3 (1 stopped); a circle in Deventer that
    starts next year. Aliases, a goal, a place, a cancel reason and a facilitator carry MARKER."""
    noord = add_circle(
        store, name="Kring Noord", municipality="Zwolle", place=f"Buurthuis {MARKER}"
    )
    zuid = add_circle(store, name="Kring Zuid", municipality="Kampen")
    west = add_circle(store, name="Kring West", municipality="Deventer")
    _plan(store, noord, START)
    _plan(store, zuid, KAMPEN_START)
    _plan(store, west, date(2027, 1, 12))
    add_person(
        store, f"Anja {MARKER}", "certified", email=f"{MARKER}@example.nl", contact_consent=True
    )
    coming = [s for s in list_sessions(store, noord.id, TODAY) if s.date > TODAY][0]
    cancel_session(store, coming.id, f"Ziek {MARKER}", False, TODAY)

    def person(circle, joined: date, n: int):
        return add_participant(
            store, circle.id, TODAY, alias=f"{MARKER} {n}", consent=joined, joined=joined
        )

    old = person(noord, date(2025, 12, 1), 99)
    zwolle = [person(noord, START, n) for n in range(10)]
    kampen = [person(zuid, KAMPEN_START, 20 + n) for n in range(3)]
    marks = {"present": 0, "marked": 0}
    for number, session in enumerate(held_sessions(store, noord.id, TODAY), start=1):
        given = {p.id: "present" for p in zwolle}
        given |= {p.id: "absent" for p in zwolle[8:] if number > 4}
        given[old.id] = "excused" if number % 2 else "present"
        record_attendance(store, session.id, given, TODAY)
        marks["present"] += list(given.values()).count("present")
        marks["marked"] += len(given)
    for session in held_sessions(store, zuid.id, TODAY):
        record_attendance(store, session.id, {p.id: "present" for p in kampen}, TODAY)
        marks["present"] += 3
        marks["marked"] += 3
    for p in zwolle[:6]:
        update_participant(store, p.id, status="finished")
    for p in [*zwolle[8:], kampen[0]]:
        update_participant(store, p.id, status="stopped", stop_reason="health")
    for n, p in enumerate(zwolle[:7]):
        assess(store, p.id, "start", {"money": 2, "housing": 3}, START)
        assess(
            store, p.id, "end", {"money": 4, **({"housing": 4} if n < 4 else {})}, END_ASSESSMENT
        )
    assess(store, old.id, "start", {"money": 1}, date(2025, 12, 1))
    assess(store, old.id, "end", {"money": 5}, date(2025, 12, 20))
    add_goal(store, f"Sparen voor {MARKER}", TODAY, participant_id=zwolle[0].id)
    held = [*held_sessions(store, noord.id, TODAY), *held_sessions(store, zuid.id, TODAY)]
    return {
        "store": store,
        "noord": noord.id,
        "held": held,
        "rate": marks["present"] / marks["marked"],
        "fourth": held_sessions(store, noord.id, TODAY)[3].date,
    }


@pytest.fixture
def report(org):
    """The report for this year up to today."""
    return funder_report(org["store"], TODAY)


@pytest.fixture
def nl():
    """Dutch for the length of a test."""
    set_language("nl")
    yield
    set_language("en")


# --- the figures -------------------------------------------------------------------------------


def test_raw_counts_follow_the_definitions(org):
    """Before hiding: joined in the period, and finished/stopped by the last meeting present."""

    def counts(start: date) -> dict:
        rows = sql.participant_counts(org["store"].db, start.isoformat(), TODAY.isoformat())
        return {r["municipality"]: (r["started"], r["finished"], r["stopped"]) for r in rows}

    assert counts(date(2026, 1, 1)) == {"Zwolle": (10, 6, 2), "Kampen": (3, 0, 1)}
    after_fourth = date.fromordinal(org["fourth"].toordinal() + 1)
    assert counts(after_fourth) == {"Zwolle": (0, 6, 0), "Kampen": (0, 0, 1)}


def test_totals_of_the_period(org, report):
    """Circles that met, meetings held, people and attendance; the circle of next year and the
    meeting still to come do not count."""
    totals = report.to_json()["totals"]
    assert totals["circles"] == 2
    assert totals["meetings_held"] == len(org["held"])
    assert totals["started"] == 13
    assert totals["finished"] == 6
    assert totals["stopped"] is None
    assert totals["attendance_rate"] == round(org["rate"], 3)
    assert totals["suppressed"] is True
    later = funder_report(org["store"], TODAY, end=date(2026, 12, 31)).totals
    assert later.meetings_held == len(org["held"])


def test_a_small_town_takes_its_neighbour_with_it(report):
    """Kampen's 3 starters are hidden, and so is Zwolle's 10, or 13 - 10 would give Kampen away;
    the total 13 stays. Finished: Kampen's 0 hides Zwolle's 6, the total 6 stays."""
    towns = {m["municipality"]: m for m in report.to_json()["municipalities"]}
    assert set(towns) == {"Kampen", "Zwolle"}
    assert (towns["Kampen"]["started"], towns["Zwolle"]["started"]) == (None, None)
    assert (towns["Kampen"]["finished"], towns["Zwolle"]["finished"]) == (None, None)
    assert towns["Zwolle"]["circles"] == 1 and towns["Zwolle"]["suppressed"] is True


def test_life_domains_average_of_people_with_both(org, report):
    """Money: 7 people with a start and an end this year, 2 → 4; housing has only 4 and is
    hidden; last year's end self-assessment does not count."""
    domains = {d["domain"]: d for d in report.to_json()["domains"]}
    assert domains["money"] == {
        "domain": "money",
        "n": 7,
        "start": 2.0,
        "end": 4.0,
        "change": 2.0,
        "suppressed": False,
    }
    assert domains["housing"] == {
        "domain": "housing",
        "n": None,
        "start": None,
        "end": None,
        "change": None,
        "suppressed": True,
    }
    assert domains["green"]["n"] is None
    wider = funder_report(org["store"], TODAY, start=date(2025, 1, 1))
    money = {d.domain: d for d in wider.domains}["money"]
    assert (money.n, money.start, money.end) == (8, (7 * 2 + 1) / 8, (7 * 4 + 5) / 8)


def test_scores_of_another_scale_are_converted_first(org, tmp_path):
    """After a 0-10 version of the instrument, its scale is the report's: the start scores of
    1-5 are put on it (2 of 1-5 is 2.5 of 0-10) before they are averaged with the new ones."""
    spec = {
        "format": "budgetkring-instrument",
        "format_version": 1,
        "name": "Hoe gaat het met je?",
        "description": "",
        "scale": {"min": 0, "max": 10, "labels": {"0": "slecht", "10": "heel goed"}},
        "questions": [{"domain": "money", "statement": "Ik kom rond."}],
    }
    path = tmp_path / "tien.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    store = org["store"]
    import_instrument(store, path)
    people = [p for p in list_participants(store, org["noord"], TODAY) if p.status == "finished"]
    for person in people:
        assess(store, person.id, "end", {"money": 10}, END_ASSESSMENT)
    report = funder_report(store, TODAY)
    money = {d.domain: d for d in report.domains}["money"]
    assert report.scale == (0, 10) and report.to_json()["scale"] == {"min": 0, "max": 10}
    assert (money.n, money.start, money.end) == (7, (6 * 2.5 + 2.5) / 7, (6 * 10 + 7.5) / 7)


def test_json_has_the_shape_of_the_issue(report):
    """The keys the issue names, with from/to as ISO dates and null for hidden figures."""
    data = report.to_json()
    assert (data["from"], data["to"]) == ("2026-01-01", TODAY.isoformat())
    assert set(data["totals"]) == {
        "circles",
        "meetings_held",
        "started",
        "finished",
        "stopped",
        "attendance_rate",
        "suppressed",
    }
    assert {"domain", "n", "start", "end", "change", "suppressed"} == set(data["domains"][0])
    json.dumps(data)  # plain JSON types only


def test_the_period_defaults_and_refusals():
    """Without dates: 1 January of today's year up to today; a period that ends before it
    starts is refused in plain words."""
    assert report_period(None, None, TODAY) == (date(2026, 1, 1), TODAY)
    assert report_period(date(2025, 5, 1), None, TODAY) == (date(2025, 5, 1), TODAY)
    with pytest.raises(UserError, match="after its end"):
        report_period(date(2026, 5, 2), date(2026, 5, 1), TODAY)


def test_attendance_of_fewer_than_five_people_is_hidden(store):
    """Three people marked: no attendance rate, and the totals say something is hidden."""
    circle = add_circle(store, name="Klein", municipality="Hattem")
    _plan(store, circle, START)
    ids = [add_participant(store, circle.id, TODAY, joined=START).id for _ in range(3)]
    for session in held_sessions(store, circle.id, TODAY):
        record_attendance(store, session.id, dict.fromkeys(ids, "present"), TODAY)
    totals = funder_report(store, TODAY).to_json()["totals"]
    assert totals["attendance_rate"] is None and totals["started"] is None
    assert totals["circles"] == 1 and totals["suppressed"] is True


def test_an_empty_organisation_hides_everything_about_people(store):
    """No circles: zero circles and meetings; every count of people is hidden (0 is small)."""
    data = funder_report(store, TODAY).to_json()
    assert data["totals"] == {
        "circles": 0,
        "meetings_held": 0,
        "started": None,
        "finished": None,
        "stopped": None,
        "attendance_rate": None,
        "suppressed": True,
    }
    assert data["municipalities"] == []


def test_the_number_of_queries_does_not_grow_with_the_circles(org):
    """The report reads set-based: one more circle with people and marks, the same queries."""
    store = org["store"]
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    funder_report(store, TODAY)
    before = len(seen)
    store.db.conn.set_trace_callback(None)
    extra = add_circle(store, name="Kring Extra", municipality="Zwolle")
    _plan(store, extra, START)
    ids = [add_participant(store, extra.id, TODAY, joined=START).id for _ in range(6)]
    for session in held_sessions(store, extra.id, TODAY):
        record_attendance(store, session.id, dict.fromkeys(ids, "present"), TODAY)
    seen.clear()
    store.db.conn.set_trace_callback(seen.append)
    funder_report(store, TODAY)
    store.db.conn.set_trace_callback(None)
    assert len(seen) == before <= 12


# --- every format hides the same figures ----------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _csv_rows(data: bytes, delimiter: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8")), delimiter=delimiter))


def _xlsx_cells(data: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _row(rows: list[list], first: str) -> list:
    return next(r for r in rows if r and r[0] == first)


def test_pdf_shows_the_figures_and_lt5(report):
    """The PDF: the title with the period, the totals, <5 for hidden counts and — for hidden
    averages, each town and all of them."""
    text = _pdf_text(report_bytes(report, ".pdf"))
    assert "Report for funders: 1 January 2026 to 29 November 2026" in text
    assert "Participants who started 13" in text
    assert "Participants who stopped <5" in text
    assert "money 7 2.0 4.0 +2.0" in text
    assert "housing <5 — — —" in text
    held = report.totals.meetings_held
    assert f"Kampen 1 {held // 2} <5 <5 <5 Zwolle 1 {held // 2} <5 <5 <5" in text
    assert f"All municipalities 2 {held} 13 6 <5" in text


def test_csv_in_dutch_is_for_dutch_excel(report, nl):
    """Dutch: a BOM, ; between columns, decimal commas and <5 where hidden."""
    rows = _csv_rows(report_csv(report), ";")
    assert _row(rows, "geld")[1:] == ["7", "2,0", "4,0", "+2,0"]
    assert _row(rows, "wonen")[1:] == ["<5", "—", "—", "—"]
    kampen, zwolle = _row(rows, "Kampen"), _row(rows, "Zwolle")
    assert kampen[3:] == ["<5", "<5", "<5"] and zwolle[3:] == ["<5", "<5", "<5"]
    assert rows[rows.index(zwolle) + 1][3:] == ["13", "6", "<5"]  # all municipalities


def test_csv_in_english_uses_commas(report):
    """English: , between columns and a decimal point."""
    rows = _csv_rows(report_csv(report), ",")
    assert _row(rows, "money")[1:] == ["7", "2.0", "4.0", "+2.0"]
    assert _row(rows, "All municipalities")[1:] == [
        "2",
        str(report.totals.meetings_held),
        "13",
        "6",
        "<5",
    ]


def test_xlsx_has_numbers_and_lt5(report):
    """XLSX: counts and averages are numbers (with a format), hidden figures the text <5."""
    rows = _xlsx_cells(report_xlsx(report))
    assert _row(rows, "Participants who started")[1] == 13
    assert _row(rows, "Participants who stopped")[1] == "<5"
    assert _row(rows, "Attendance (present of all marks)")[1] == pytest.approx(
        report.totals.attendance_rate
    )
    assert _row(rows, "money")[1:5] == [7, 2.0, 4.0, 2.0]
    assert _row(rows, "Kampen")[3:6] == ["<5", "<5", "<5"]


def test_a_formula_never_runs_from_a_csv_file():
    """Text that a spreadsheet would run as a formula gets a ' in front; other text stays."""
    assert safe_text("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert [safe_text(t) for t in ("+31", "-1", "@x", "Zwolle", "K1-07")] == [
        "'+31",
        "'-1",
        "'@x",
        "Zwolle",
        "K1-07",
    ]


def test_nothing_personal_in_any_format(report, cli, db_path, tmp_path):
    """Aliases, the goal, the place, the cancel reason and the facilitator all carry a marker:
    it is in no output of the report, and no code is either."""
    outputs = {
        "json": json.dumps(report.to_json()).encode(),
        "pdf": _pdf_text(report_bytes(report, ".pdf")).encode(),
        "csv": report_csv(report),
        "xlsx": "\n".join(map(str, _xlsx_cells(report_xlsx(report)))).encode(),
    }
    with zipfile.ZipFile(io.BytesIO(report_xlsx(report))) as book:
        outputs |= {name: book.read(name) for name in book.namelist()}
    code, out, _err = cli("--db", db_path, "report", "funder")
    outputs["terminal"] = out.encode()
    assert code == 0
    for name, data in outputs.items():
        assert MARKER.lower().encode() not in data.lower(), name
        assert b"K1-0" not in data and b"Buurthuis" not in data, name


# --- the command line --------------------------------------------------------------------------


def test_cli_prints_a_table_and_json(org, cli, db_path):
    """Without -o: a short table; --json: the report's JSON; --from/--to as people type dates."""
    code, out, _err = cli("--db", db_path, "report", "funder")
    assert code == 0
    assert "Participants who started" in out and "13" in out and "<5" in out
    code, out, _err = cli("--db", db_path, "report", "funder", "--json", "--from", "1-1-2025")
    data = json.loads(out)
    assert code == 0 and data["from"] == "2025-01-01" and data["to"] == TODAY.isoformat()
    assert {d["domain"]: d["n"] for d in data["domains"]}["money"] == 8


@pytest.mark.parametrize("suffix", [".pdf", ".csv", ".xlsx", ".PDF"])
def test_cli_writes_each_file_type(org, cli, db_path, tmp_path, suffix):
    """-o chooses the file type from the name; the path written is printed."""
    target = tmp_path / f"verslag{suffix}"
    code, out, _err = cli("--db", db_path, "report", "funder", "-o", target)
    assert code == 0 and out.strip() == str(target)
    start = {".pdf": b"%PDF", ".csv": b"\xef\xbb\xbf", ".xlsx": b"PK"}[suffix.lower()]
    assert target.read_bytes().startswith(start)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "31-2-2026"], "31-2-2026"),
        (["--from", "1-6-2026", "--to", "1-5-2026"], "after its end"),
        (["-o", "{tmp}/verslag.txt"], ".pdf, .csv or .xlsx"),
        (["-o", "{tmp}/nergens/verslag.pdf"], "does not exist"),
        (["-o", "{tmp}/map.pdf"], "not an ordinary file"),
        (["-o", "{tmp}/bestaat.pdf"], "already exists"),
    ],
)
def test_cli_refuses_in_one_line_and_writes_nothing(org, cli, db_path, tmp_path, args, message):
    """A wrong date or period, an unknown file type, a missing folder, a folder, an existing
    file without --force: exit 2, one line, and nothing new or changed in the folder."""
    folder = tmp_path / "uit"
    (folder / "map.pdf").mkdir(parents=True)
    (folder / "bestaat.pdf").write_bytes(b"oud")
    given = [a.replace("{tmp}", str(folder)) for a in args]
    code, out, err = cli("--db", db_path, "report", "funder", *given)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in folder.iterdir()) == ["bestaat.pdf", "map.pdf"]
    assert (folder / "bestaat.pdf").read_bytes() == b"oud"


def test_cli_replaces_a_file_with_force(org, cli, db_path, tmp_path):
    """--force replaces an existing file."""
    target = tmp_path / "verslag.csv"
    target.write_bytes(b"oud")
    code, _out, _err = cli("--db", db_path, "report", "funder", "-o", target, "--force")
    assert code == 0 and target.read_bytes().startswith(b"\xef\xbb\xbf")


# --- attendance per month (the chart on paper) ----------------------------------------------------


@pytest.fixture
def monthly(store):
    """One circle of 6: in April all 6 marked (5 present, 1 absent each time), in May only 3."""
    circle = add_circle(store, name="Maand", municipality="Zwolle")
    _plan(store, circle, START)
    ids = [add_participant(store, circle.id, TODAY, joined=START).id for _ in range(6)]
    for session in held_sessions(store, circle.id, TODAY):
        if session.date.month == 4:
            given = dict.fromkeys(ids[:5], "present") | {ids[5]: "absent"}
            record_attendance(store, session.id, given, TODAY)
        elif session.date.month == 5:
            record_attendance(store, session.id, dict.fromkeys(ids[:3], "present"), TODAY)
    return funder_report(store, TODAY, date(2026, 3, 1), date(2026, 6, 30))


def test_each_month_of_the_period_with_few_people_hidden(monthly):
    """A row per month of the period: April's share, May hidden (3 people marked), March and
    June without a meeting with marks."""
    rows = {m.month.month: m for m in monthly.months}
    assert sorted(rows) == [3, 4, 5, 6]
    assert rows[4].rate == pytest.approx(5 / 6) and not rows[4].hidden
    assert rows[5].rate is None and rows[5].hidden and rows[5].meetings == 2
    assert rows[3].rate is None and not rows[3].hidden and rows[6].meetings == 0


def test_the_chart_shows_lt5_for_a_hidden_month(monthly):
    """The chart's geometry: no bar and "<5" for May, a bar with its share for April, "–" for a
    month without a meeting."""
    from budgetkring.documents.attendance_chart import attendance_chart

    chart = attendance_chart(monthly.months, 500, 200, 12, 30)
    bars = {bar.month.month: bar for bar in chart.bars}
    assert (bars[5].value, bars[5].pattern) == ("<5", "none")
    assert (bars[4].value, bars[4].pattern) == ("83%", "solid")
    assert (bars[3].value, bars[3].pattern) == ("–", "none")
    assert "May 2026: <5" in chart.summary


def test_the_pdf_has_a_page_of_attendance_per_month(monthly):
    """The PDF's last page: attendance per month of all circles, April's share, "<5" for May
    (and once more in the note that says what it means)."""
    reader = PdfReader(io.BytesIO(report_bytes(monthly, ".pdf")))
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "Attendance per month" in last and "All circles together" in last
    assert "83%" in last
    assert last.count("<5") == 2
