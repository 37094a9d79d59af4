"""Printed documents: each kind opened as a PDF, its pages counted and its text read back."""

import io
import os
from datetime import date, time

import pytest
from pypdf import PdfReader

from budgetkring.documents.catalogue import KINDS
from budgetkring.documents.kinds import Request, next_session, render, save_document, small
from budgetkring.documents.sheets import (
    assessment_code,
    attendance_code,
    parse_sheet_code,
    sheet_rows,
)
from budgetkring.errors import UserError
from budgetkring.i18n import set_language
from budgetkring.organisation.circles import find_circle
from budgetkring.participants.participants import list_participants, update_participant
from budgetkring.planning.sessions import add_extra_session, list_sessions
from tests.conftest import TODAY


def _pdf(document) -> PdfReader:
    return PdfReader(io.BytesIO(document.data))


def _text(document) -> str:
    return "\n".join(page.extract_text() for page in _pdf(document).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def zwolle(demo_store):
    return find_circle(demo_store, "Zwolle-Zuid")


@pytest.fixture
def nl():
    set_language("nl")
    yield
    set_language("en")


def test_session_plan_in_dutch(demo_store, zwolle, nl):
    """The plan of the next meeting: theme, date written out in Dutch, clock times from its
    start, who leads it, and the PDF's title."""
    session = next_session(demo_store, zwolle.id, TODAY)
    doc = render(demo_store, Request("session-plan", circle_id=zwolle.id), TODAY)
    text = _flat(_text(doc))
    assert session.theme in text
    assert "dinsdag 1 december 2026" in text
    assert f"{session.start:%H:%M}" in text
    for name in session.facilitators:
        assert name in text
    assert "pagina 1 van" in text
    assert _pdf(doc).metadata.title == doc.title
    assert "Zwolle-Zuid" in doc.title


def test_every_kind_has_page_numbers_an_embedded_font_and_a_title(demo_store, zwolle):
    person = list_participants(demo_store, zwolle.id, TODAY)[0]
    session = next_session(demo_store, zwolle.id, TODAY)
    for kind in KINDS:
        if kind == "handouts":
            continue  # the next meeting may have none; tested below
        request = Request(
            kind, circle_id=zwolle.id, session_id=session.id, participant_id=person.id
        )
        doc = render(demo_store, request, TODAY)
        reader = _pdf(doc)
        pages = len(reader.pages)
        assert f"page {pages} of {pages}" in _text(doc), kind
        assert reader.metadata.title == doc.title, kind
        fonts = {
            str(font["/BaseFont"])
            for page in reader.pages
            for font in page["/Resources"]["/Font"].values()
        }
        assert fonts and all("DejaVuSans" in f for f in fonts), (kind, fonts)


def test_attendance_list_has_codes_and_a_sheet_code_but_no_alias_unless_asked(demo_store, zwolle):
    session = next_session(demo_store, zwolle.id, TODAY)
    people = sheet_rows(list_participants(demo_store, zwolle.id, TODAY), session.id)
    assert any(p.alias for p in people)
    doc = render(demo_store, Request("attendance-list", session_id=session.id), TODAY)
    text = _text(doc)
    assert str(attendance_code(session.id)) in text
    assert [p.code for p in people] == [c for c in text.split() if c in {p.code for p in people}]
    assert not any(p.alias and p.alias in text for p in people)
    named = _text(
        render(
            demo_store,
            Request("attendance-list", session_id=session.id, with_aliases=True),
            TODAY,
        )
    )
    assert all(p.alias in named for p in people if p.alias)


def test_aliases_never_appear_where_they_do_not_belong(demo_store, zwolle):
    """Asking for names on another kind prints none (the CLI refuses it outright)."""
    people = list_participants(demo_store, zwolle.id, TODAY)
    aliases = [p.alias for p in people if p.alias]
    assert aliases
    for kind in ("session-pack", "assessment-sheet", "group-report", "year-schedule"):
        request = Request(kind, circle_id=zwolle.id, with_aliases=True)
        text = _text(render(demo_store, request, TODAY))
        assert not [a for a in aliases if a in text], kind


def test_assessment_sheet_is_a_page_per_participant(demo_store, zwolle, nl):
    people = sheet_rows(list_participants(demo_store, zwolle.id, TODAY))
    doc = render(demo_store, Request("assessment-sheet", circle_id=zwolle.id, moment="mid"), TODAY)
    reader = _pdf(doc)
    assert len(reader.pages) == len(people)
    for person, page in zip(people, reader.pages, strict=True):
        text = _flat(page.extract_text())
        assert person.code in text
        assert str(assessment_code(zwolle.id, "mid")) in text
        assert "halverwege" in text
        assert "Ik kan rondkomen met mijn geld." in text
    large = render(
        demo_store,
        Request("assessment-sheet", circle_id=zwolle.id, moment="mid", large=True),
        TODAY,
    )
    assert len(_pdf(large).pages) == len(people)  # large print still one page each


def test_group_report_suppresses_small_numbers(demo_store, zwolle):
    """Counts below 5 show as "<5"; an average of fewer than 5 answers is not given."""
    doc = render(demo_store, Request("group-report", circle_id=zwolle.id), TODAY)
    text = _text(doc)
    assert "<5" in text
    for p in list_participants(demo_store, zwolle.id, TODAY):
        assert p.code not in text
    assert small(4) == "<5" and small(0) == "<5" and small(5) == "5"


def test_group_report_gives_no_average_for_fewer_than_five(demo_store):
    kampen = find_circle(demo_store, "Kampen Brunnepe")
    text = _text(render(demo_store, Request("group-report", circle_id=kampen.id), TODAY))
    assert "," not in "".join(line for line in text.splitlines() if line.startswith("money"))
    assert "<5" in text


def test_progress_sheet_has_chart_words_and_goals_but_alias_only_when_asked(demo_store, zwolle):
    person = next(p for p in list_participants(demo_store, zwolle.id, TODAY) if p.alias)
    doc = render(demo_store, Request("progress-sheet", participant_id=person.id), TODAY)
    text = _flat(_text(doc))
    assert person.code in text
    assert person.alias not in text
    assert "money" in text  # the chart's labels are text
    assert "Elke week mijn kasboek bijhouden" in text  # the participant's own goal
    assert "From the start to halfway" in text
    named = _text(
        render(
            demo_store,
            Request("progress-sheet", participant_id=person.id, with_aliases=True),
            TODAY,
        )
    )
    assert person.alias in named


def test_goal_text_only_on_the_own_progress_sheet(demo_store, zwolle):
    for kind in ("group-report", "year-pack", "assessment-sheet", "session-pack"):
        text = _text(render(demo_store, Request(kind, circle_id=zwolle.id), TODAY))
        assert "kasboek bijhouden" not in text.replace("Een kasboek bijhouden", ""), kind


def test_year_schedule_and_year_pack(demo_store, zwolle, nl):
    sessions = list_sessions(demo_store, zwolle.id, TODAY)
    schedule = _flat(
        _text(render(demo_store, Request("year-schedule", circle_id=zwolle.id), TODAY))
    )
    for s in sessions:
        assert s.theme in schedule
    assert "dinsdag 2 juni 2026" in schedule
    pack = render(demo_store, Request("year-pack", circle_id=zwolle.id), TODAY)
    text = _flat(_text(pack))
    held = [s for s in sessions if s.status != "cancelled"]
    assert len(_pdf(pack).pages) > len(held)
    for s in held:
        assert f"{s.number}. {s.theme}" in text


def test_handouts_and_session_pack(demo_store):
    """A meeting about the cash book gets the cash book page; the pack holds plan, list and
    hand-outs together."""
    zwolle = find_circle(demo_store, "Zwolle-Zuid")
    kasboek = next(
        s for s in list_sessions(demo_store, zwolle.id, TODAY) if s.template_key == "kasboek"
    )
    handouts = _flat(_text(render(demo_store, Request("handouts", session_id=kasboek.id), TODAY)))
    assert "Mijn kasboek" in handouts
    assert "€" in handouts
    pack = _flat(_text(render(demo_store, Request("session-pack", session_id=kasboek.id), TODAY)))
    assert kasboek.theme in pack
    assert str(attendance_code(kasboek.id)) in pack
    assert "Mijn kasboek" in pack


def test_an_extra_meeting_has_no_handouts_to_print(demo_store, zwolle):
    session = add_extra_session(
        demo_store, zwolle.id, date(2027, 1, 12), time(13, 30), time(15, 0), "extra", TODAY
    )
    with pytest.raises(UserError, match="no hand-outs"):
        render(demo_store, Request("handouts", session_id=session.id), TODAY)
    text = _text(render(demo_store, Request("session-plan", session_id=session.id), TODAY))
    assert "extra meeting" in text


def test_large_print_is_at_least_16_points(demo_store, zwolle):
    doc = render(demo_store, Request("session-plan", circle_id=zwolle.id, large=True), TODAY)
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append(size * tm[0])

    for page in _pdf(doc).pages:
        page.extract_text(visitor_text=visit)
    body = [s for s in sizes if s < 19]  # headings are larger; the footer is 12 pt
    assert body and min(s for s in body if s > 12.5) >= 16


def test_user_text_with_markup_prints_as_written(demo_store, zwolle):
    update_participant(
        demo_store, list_participants(demo_store, zwolle.id, TODAY)[0].id, alias="<b>Ann & Bo"
    )
    session = next_session(demo_store, zwolle.id, TODAY)
    doc = render(
        demo_store, Request("attendance-list", session_id=session.id, with_aliases=True), TODAY
    )
    assert "<b>Ann & Bo" in _text(doc)


@pytest.mark.parametrize(
    "request_, message",
    [
        (Request("nonsense"), "not something Budgetkring can print"),
        (Request("year-pack"), "which circle"),
        (Request("progress-sheet"), "which participant"),
        (Request("session-plan"), "which meeting"),
        (Request("session-plan", session_id=9999), "no meeting"),
        (Request("assessment-sheet", circle_id=1, moment="later"), "not a moment"),
    ],
)
def test_what_cannot_be_printed_is_said_in_words(demo_store, request_, message):
    with pytest.raises(UserError, match=message):
        render(demo_store, request_, TODAY)


def test_saving_is_atomic_and_refuses_what_it_should(demo_store, zwolle, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "plan.pdf"
    request = Request("session-plan", circle_id=zwolle.id)
    assert save_document(demo_store, request, TODAY, target) == target
    assert target.read_bytes().startswith(b"%PDF")
    with pytest.raises(UserError, match="already exists"):
        save_document(demo_store, request, TODAY, target)
    with pytest.raises(UserError, match="does not exist"):
        save_document(demo_store, request, TODAY, tmp_path / "nope" / "x.pdf")

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        save_document(demo_store, request, TODAY, tmp_path / "stopped.pdf", progress=stop)
    assert sorted(os.listdir(tmp_path)) == ["plan.pdf"]  # nothing half-written left behind


def test_progress_is_reported_up_to_the_end(demo_store, zwolle):
    seen = []
    render(
        demo_store,
        Request("year-pack", circle_id=zwolle.id),
        TODAY,
        lambda done, total: seen.append((done, total)),
    )
    assert len(seen) > 20
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_sheet_codes_round_trip_and_catch_typing_mistakes():
    for code in (attendance_code(41), assessment_code(3, "mid"), assessment_code(12, "end")):
        text = str(code)
        assert parse_sheet_code(text) == code
        assert parse_sheet_code(text.lower().replace("-", " ")) == code
    text = str(attendance_code(41))
    for wrong in (text.replace("41", "14"), text.replace("41", "42"), "A41", "", "hallo"):
        with pytest.raises(UserError):
            parse_sheet_code(wrong)


@pytest.fixture
def demo_db(cli, tmp_path):
    db = tmp_path / "demo.db"
    assert cli("--db", db, "demo")[0] == 0
    out = tmp_path / "out"
    out.mkdir()
    return db, out


def test_cli_prints_the_path_written(cli, demo_db):
    db, out = demo_db
    target = out / "pack.pdf"
    code, stdout, _ = cli(
        "--db", db, "print", "session-pack", "--circle", "Zwolle-Zuid", "-o", target
    )
    assert code == 0
    assert stdout.strip() == str(target)
    reader = PdfReader(target)
    assert "Toeslagen en regelingen" in reader.pages[0].extract_text()
    code, _, err = cli("--db", db, "print", "session-pack", "--circle", "Zwolle-Zuid", "-o", target)
    assert code == 2 and "already exists" in err
    code, _, _ = cli(
        "--db", db, "print", "year-schedule", "--circle", "Zwolle-Zuid", "-o", target, "--force"
    )
    assert code == 0 and "Year schedule" in PdfReader(target).pages[0].extract_text()


def test_cli_assessment_sheet_and_progress_sheet(cli, demo_db):
    db, out = demo_db
    code, _, _ = cli(
        "--db",
        db,
        "print",
        "assessment-sheet",
        "--circle",
        "Zwolle-Zuid",
        "--moment",
        "end",
        "-o",
        out / "a.pdf",
    )
    assert code == 0 and "K1-01" in PdfReader(out / "a.pdf").pages[0].extract_text()
    code, _, _ = cli(
        "--db", db, "print", "progress-sheet", "--code", "K1-01", "--large", "-o", out / "p.pdf"
    )
    assert code == 0 and "K1-01" in PdfReader(out / "p.pdf").pages[0].extract_text()


@pytest.mark.parametrize(
    "args, message",
    [
        (("nonsense",), "not something Budgetkring can print"),
        (("year-pack",), "needs --circle"),
        (("progress-sheet",), "needs --code"),
        (("session-plan",), "needs --session"),
        (("progress-sheet", "--code", "K9-99"), "no participant"),
        (("year-pack", "--circle", "Nergens"), "Nergens"),
        (("session-plan", "--session", "9999"), "no meeting"),
        (("session-plan", "--session", "abc"), "not a meeting number"),
        (("group-report", "--circle", "Zwolle-Zuid", "--with-aliases"), "never on group-report"),
        (("year-pack", "--circle", "Zwolle-Zuid", "--moment", "mid"), "only for assessment"),
        (("progress-sheet", "--code", "K1-01", "--circle", "Kampen Brunnepe"), "another circle"),
    ],
)
def test_cli_refuses_with_reason_and_writes_nothing(cli, demo_db, args, message):
    db, out = demo_db
    code, stdout, err = cli("--db", db, "print", *args, "-o", out / "x.pdf")
    assert code == 2
    assert message in err and err.count("\n") == 1
    assert "Traceback" not in err and stdout == ""
    assert list(out.iterdir()) == []


def test_cli_refuses_a_folder_that_does_not_exist(cli, demo_db):
    db, out = demo_db
    code, _, err = cli(
        "--db", db, "print", "year-schedule", "--circle", "Zwolle-Zuid", "-o", out / "no" / "x.pdf"
    )
    assert code == 2 and "does not exist" in err
    code, _, err = cli("--db", db, "print", "year-schedule", "--circle", "Zwolle-Zuid", "-o", out)
    assert code == 2 and "not an ordinary file" in err
    assert list(out.iterdir()) == []


def test_session_plan_words_the_stand_in_by_the_day_it_is_printed(demo_store, zwolle):
    """Issue 9, bug 5: the printed plan uses the app's one stand-in wording: 'stands in' before
    the meeting, 'stood in' after it."""
    session = next(
        s for s in list_sessions(demo_store, zwolle.id, TODAY) if s.date == date(2026, 12, 1)
    )
    request = Request("session-plan", session_id=session.id)
    before = _flat(_text(render(demo_store, request, TODAY)))
    assert "Fatma Yilmaz stands in for Mohamed Amrani" in before
    after = _flat(_text(render(demo_store, request, date(2026, 12, 2))))
    assert "Fatma Yilmaz stood in for Mohamed Amrani" in after


def test_cli_refuses_a_meeting_of_another_circle(cli, demo_db):
    """Meeting 1 is Zwolle-Zuid's; asking for it under Kampen is refused."""
    db, out = demo_db
    code, stdout, err = cli(
        "--db",
        db,
        "print",
        "session-plan",
        "--session",
        "1",
        "--circle",
        "Kampen Brunnepe",
        "-o",
        out / "x.pdf",
    )
    assert code == 2 and "another circle" in err and list(out.iterdir()) == []
