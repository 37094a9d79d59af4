"""Training and certification on a real database: the training year counted from the schedule,
observations, sign-offs, training days, certifying, the register, revoking and checking a
certificate — through the services and the command line, including every refusal (exit 2, the
reason, and nothing changed)."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from datetime import date, time, timedelta

import pypdf
import pytest

from budgetkring.errors import UserError
from budgetkring.organisation.circles import add_circle
from budgetkring.planning.plan import PlanRequest, save_plan
from budgetkring.planning.sessions import list_sessions
from budgetkring.staffing.facilitators import facilitators_by_id
from budgetkring.staffing.pairs import set_pair
from budgetkring.store import open_store
from budgetkring.training import codes
from budgetkring.training.certificates import certify, register, revoke, verify
from budgetkring.training.progress import progress
from budgetkring.training.records import (
    add_training_day,
    criteria_of,
    current_criteria,
    import_criteria,
    led_meetings,
    observe,
    set_trainer,
    set_training_start,
    sign_off,
)
from tests.conftest import TODAY, add_person, fid

COMPETENCES = (
    "rondes",
    "naast",
    "samen",
    "tijd",
    "vertrouwen",
    "doorverwijzen",
    "voorbereiden",
    "terugkijken",
)
TABLES = (
    "observation",
    "observation_score",
    "training_day",
    "competence_signoff",
    "certificate",
    "training_record",
    "certification_version",
)


def build_circle(store) -> list:
    """Tess (trainee) and Anja lead Zwolle from March 2026, every two weeks (some meetings are
    still to come); Henk is a trainer, Ria is not. Returns the held meetings."""
    for name, status in (("Tess", "trainee"), ("Anja", "certified"), ("Henk", "certified")):
        add_person(store, name, status)
    add_person(store, "Ria", "certified")
    set_trainer(store, fid(store, "Henk"))
    circle = add_circle(store, name="Zwolle", municipality="Zwolle")
    set_pair(store, circle.id, (fid(store, "Tess"), fid(store, "Anja")), date(2026, 3, 1), TODAY)
    save_plan(
        store,
        PlanRequest(circle.id, date(2026, 3, 3), 1, time(13, 30), time(15, 30), "2w", "noord"),
        TODAY,
    )
    return [s for s in list_sessions(store, circle.id, TODAY) if s.status == "held"]


def make_ready(store, held) -> int:
    """Everything Tess needs: three observations, every sign-off, four training days."""
    tess, henk = fid(store, "Tess"), fid(store, "Henk")
    for meeting in held[:3]:
        observe(store, tess, meeting.id, henk, TODAY, {"rondes": 3}, "")
    for code in COMPETENCES:
        sign_off(store, tess, code, henk, TODAY)
    for weeks in range(4):
        add_training_day(store, tess, date(2026, 2, 2) + timedelta(weeks=weeks), "", TODAY)
    return tess


@pytest.fixture
def held(store):
    """The held meetings of the circle built by ``build_circle``."""
    return build_circle(store)


def snapshot(store) -> dict:
    """Everything training changes: its tables and every facilitator's status and role."""
    found = {t: list(store.db.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}
    found["facilitator"] = list(store.db.execute("SELECT name, status, trainer FROM facilitator"))
    return found


# --- the training year from the schedule --------------------------------------------------------


def test_meetings_led_come_from_the_schedule_and_the_start_can_be_set(store, held):
    """Every held meeting of the pair counts from the first one; a start set later by a
    trainer counts only the meetings from then on; clearing it goes back."""
    tess = fid(store, "Tess")
    where = progress(store, tess, TODAY)
    assert where.started == held[0].date and len(where.meetings) == len(held) >= 12
    assert where.results[0].met and not where.ready
    set_training_start(store, tess, held[5].date)
    assert len(progress(store, tess, TODAY).meetings) == len(held) - 5
    set_training_start(store, tess, None)
    assert progress(store, tess, TODAY).started == held[0].date


def test_a_confirmed_stand_in_counts_for_the_stand_in_not_for_who_was_replaced(store, held):
    """Ria stood in for Tess at a meeting: it is Ria's meeting led, no longer Tess's."""
    from budgetkring.staffing.substitutions import substitute

    ria, tess = fid(store, "Ria"), fid(store, "Tess")
    meeting = held[2]
    substitute(store, meeting.id, ria, tess, meeting.date, confirmed=True)
    assert [m.session_id for m in led_meetings(store, ria, TODAY)] == [meeting.id]
    assert led_meetings(store, ria, TODAY)[0].stand_in
    assert meeting.id not in {m.session_id for m in led_meetings(store, tess, TODAY)}


# --- observations, sign-offs, training days -------------------------------------------------


def test_an_observation_keeps_its_scores_and_note_and_counts_once_per_meeting(store, held):
    """Two observations at one meeting (by two trainers) count as one observed meeting."""
    tess, henk, anja = fid(store, "Tess"), fid(store, "Henk"), fid(store, "Anja")
    set_trainer(store, anja)
    observe(store, tess, held[0].id, henk, TODAY, {"rondes": 2, "TIJD": 4}, "Rustig begonnen.")
    observe(store, tess, held[0].id, anja, TODAY, {}, "")
    where = progress(store, tess, TODAY)
    first = where.observations[0]
    assert first.scores == {"rondes": 2, "tijd": 4} and first.note == "Rustig begonnen."
    assert first.day == held[0].date and first.trainer == "Henk"
    assert where.results[1].have == 1


@pytest.mark.parametrize(
    ("who", "meeting", "scores", "note", "said"),
    [
        ("Ria", 0, {}, "", "Ria is not a trainer"),
        ("Tess", 0, {}, "", "cannot do this for themself"),
        ("Henk", "coming", {}, "", "has not been held yet"),
        ("Henk", "cancelled", {}, "", "was cancelled"),
        ("Henk", "other", {}, "", "Tess did not lead this meeting"),
        ("Henk", 0, {"luisteren": 3}, "", "'luisteren' is not a competence"),
        ("Henk", 0, {"rondes": 5}, "", "A score is 1 (beginning) to 4 (good); '5' is not"),
        ("Henk", 0, {"rondes": 0}, "", "'0' is not"),
        ("Henk", 0, {}, "Bel haar op 06-12345678", "phone number"),
        ("Henk", 0, {}, "mail: a@b.nl", "e-mail address"),
    ],
)
def test_observing_is_refused_with_the_reason_and_changes_nothing(
    store, held, who, meeting, scores, note, said
):
    """A non-trainer, the trainee themself, a meeting not held or not led, an unknown
    competence, a score outside 1–4, a note that shows who someone is: refused, unchanged."""
    from budgetkring.planning.sessions import cancel_session

    sessions = list_sessions(store, held[0].circle_id, TODAY)
    coming = next(s for s in sessions if s.status == "planned")
    if meeting == "coming":
        session_id = coming.id
    elif meeting == "cancelled":
        session_id = [s for s in sessions if s.status == "planned"][1].id
        cancel_session(store, session_id, "zaal dicht", False, TODAY)
    elif meeting == "other":
        other = add_circle(store, name="Kampen", municipality="Kampen")
        set_pair(store, other.id, (fid(store, "Ria"), fid(store, "Anja")), TODAY, TODAY)
        save_plan(
            store,
            PlanRequest(other.id, date(2026, 3, 3), 1, time(19), time(21), "2w", "noord"),
            TODAY,
        )
        session_id = list_sessions(store, other.id, TODAY)[0].id
    else:
        session_id = held[meeting].id
    before = snapshot(store)
    with pytest.raises(UserError, match=re.escape(said)):
        observe(store, fid(store, "Tess"), session_id, fid(store, who), TODAY, scores, note)
    assert snapshot(store) == before


def test_the_same_trainer_cannot_observe_the_same_meeting_twice(store, held):
    """A second observation of one meeting by the same trainer is refused (a typing slip)."""
    tess, henk = fid(store, "Tess"), fid(store, "Henk")
    observe(store, tess, held[0].id, henk, TODAY)
    before = snapshot(store)
    with pytest.raises(UserError, match="Henk has already observed Tess at this meeting"):
        observe(store, tess, held[0].id, henk, TODAY)
    assert snapshot(store) == before


def test_signing_off_is_once_per_competence_by_a_trainer(store, held):
    """Signed off once (by whom and when it is kept); twice, by a non-trainer, or an unknown
    competence: refused, unchanged."""
    tess = fid(store, "Tess")
    sign_off(store, tess, "Samen", fid(store, "Henk"), TODAY)
    state = next(c for c in progress(store, tess, TODAY).competences if c.signed_off)
    assert (state.competence.code, state.by, state.day) == ("samen", "Henk", TODAY)
    before = snapshot(store)
    for trainer, code, said in (
        ("Henk", "samen", "already signed off"),
        ("Ria", "tijd", "Ria is not a trainer"),
        ("Henk", "zwemmen", "'zwemmen' is not a competence"),
        ("Tess", "tijd", "for themself"),
    ):
        with pytest.raises(UserError, match=said):
            sign_off(store, tess, code, fid(store, trainer), TODAY)
    assert snapshot(store) == before


def test_training_days_are_kept_once_per_day_and_only_when_they_took_place(store, held):
    """A training day with its topic; a day to come, the same day twice, or a topic with a
    phone number in it: refused, unchanged."""
    tess = fid(store, "Tess")
    add_training_day(store, tess, date(2026, 3, 1), "Rondes leiden", TODAY)
    assert progress(store, tess, TODAY).training_days[0]["topic"] == "Rondes leiden"
    before = snapshot(store)
    for day, topic, said in (
        (TODAY + timedelta(days=1), "", "once it has taken place"),
        (date(2026, 3, 1), "", "already recorded"),
        (date(2026, 3, 2), "Bel 0612345678", "phone number"),
    ):
        with pytest.raises(UserError, match=said):
            add_training_day(store, tess, day, topic, TODAY)
    assert snapshot(store) == before


def test_only_a_certified_facilitator_can_be_a_trainer(store, held):
    """A trainee cannot be made a trainer; the role can be taken away again."""
    before = snapshot(store)
    with pytest.raises(UserError, match="still in training"):
        set_trainer(store, fid(store, "Tess"))
    assert snapshot(store) == before
    set_trainer(store, fid(store, "Henk"), False)
    with pytest.raises(UserError, match="Henk is not a trainer"):
        observe(store, fid(store, "Tess"), held[0].id, fid(store, "Henk"), TODAY)


# --- certifying ---------------------------------------------------------------------------------


def test_certifying_with_criteria_missing_names_each_and_changes_nothing(store, held):
    """With observations, competences and training days missing, certifying is refused with
    each missing criterion named."""
    tess, henk = fid(store, "Tess"), fid(store, "Henk")
    observe(store, tess, held[0].id, henk, TODAY)
    sign_off(store, tess, "rondes", henk, TODAY)
    before = snapshot(store)
    with pytest.raises(UserError) as refused:
        certify(store, tess, henk, TODAY)
    said = str(refused.value)
    assert said.startswith("Tess cannot get the certificate yet. Still needed: ")
    assert "2 more observations by a trainer" in said
    assert "sign off 7 more competences (naast, samen, " in said
    assert "attend 4 more training days" in said and "meeting" not in said.split(":")[1][:12]
    assert snapshot(store) == before


def test_certifying_makes_the_facilitator_certified_at_once(store, held):
    """A certificate BK-2026-0001, dated today, valid 3 years, with a code that verifies; the
    status is certified straight away (the pair rules read it)."""
    tess = make_ready(store, held)
    certificate = certify(store, tess, fid(store, "Henk"), TODAY)
    assert certificate.number == "BK-2026-0001" and certificate.day == TODAY
    assert certificate.valid_until == date(2029, 11, 29) and certificate.trainer == "Henk"
    assert facilitators_by_id(store)[tess].status == "certified"
    assert verify(store, certificate.number, certificate.code, TODAY).valid
    assert [c.number for c in register(store)] == ["BK-2026-0001"]


def test_non_trainers_and_the_trainee_cannot_certify_and_a_valid_certificate_is_not_doubled(
    store, held
):
    """Ria (no trainer) and Tess herself are refused; once certified, a second certificate is
    refused while the first is valid; after it expired, a renewal is a new certificate."""
    tess = make_ready(store, held)
    before = snapshot(store)
    for who, said in (("Ria", "Ria is not a trainer"), ("Tess", "for themself")):
        with pytest.raises(UserError, match=said):
            certify(store, tess, fid(store, who), TODAY)
    assert snapshot(store) == before
    first = certify(store, tess, fid(store, "Henk"), TODAY)
    before = snapshot(store)
    with pytest.raises(UserError, match="already has a valid certificate"):
        certify(store, tess, fid(store, "Henk"), TODAY + timedelta(days=1000))
    assert snapshot(store) == before
    later = first.valid_until + timedelta(days=1)
    renewal = certify(store, tess, fid(store, "Henk"), later)
    assert renewal.number == "BK-2029-0001" and renewal.code != first.code
    assert [c.state(later) for c in register(store)] == ["expired", "valid"]


def test_verify_says_valid_unknown_changed_expired_or_revoked(store, held):
    """The number and code as printed are valid (also without dashes, in small letters); an
    unknown number, one changed character, after the end date, or revoked: not valid."""
    tess = make_ready(store, held)
    c = certify(store, tess, fid(store, "Henk"), TODAY)
    loose = c.code.replace("-", "").lower()
    assert verify(store, c.number.lower(), loose, TODAY).outcome == "valid"
    assert (
        "Valid: certificate BK-2026-0001 of Tess" in verify(store, c.number, loose, TODAY).message()
    )
    changed = c.code[:5] + ("A" if c.code[5] != "A" else "B") + c.code[6:]
    assert verify(store, c.number, changed, TODAY).outcome == "changed"
    assert verify(store, "BK-2026-0009", c.code, TODAY).outcome == "unknown"
    assert verify(store, "nonsense", c.code, TODAY).outcome == "unknown"
    after = c.valid_until + timedelta(days=1)
    assert verify(store, c.number, c.code, c.valid_until).outcome == "valid"
    assert verify(store, c.number, c.code, after).outcome == "expired"
    revoke(store, c.number, "Stopt met begeleiden", TODAY)
    outcome = verify(store, c.number, c.code, TODAY)
    assert outcome.outcome == "revoked" and "was revoked" in outcome.message()


def test_a_changed_name_in_the_register_no_longer_verifies(store, held):
    """The code covers the name: someone who edits the register by hand is found out."""
    tess = make_ready(store, held)
    c = certify(store, tess, fid(store, "Henk"), TODAY)
    store.db.execute("UPDATE certificate SET name = 'Tessa' WHERE number = ?", [c.number])
    assert verify(store, c.number, c.code, TODAY).outcome == "changed"


def test_revoking_needs_a_reason_and_ends_the_certified_status(store, held):
    """Without a reason (or with a phone number in it) nothing happens; revoked, the
    facilitator is in training again and the register says revoked; twice is refused."""
    tess = make_ready(store, held)
    c = certify(store, tess, fid(store, "Henk"), TODAY)
    before = snapshot(store)
    for reason, said in (("  ", "Say why"), ("bel 0612345678", "phone number")):
        with pytest.raises(UserError, match=said):
            revoke(store, c.number, reason, TODAY)
    assert snapshot(store) == before
    revoked = revoke(store, c.number, "Werkt niet meer als begeleider", TODAY)
    assert revoked.revoked_on == TODAY and revoked.state(TODAY) == "revoked"
    assert facilitators_by_id(store)[tess].status == "trainee"
    with pytest.raises(UserError, match="already revoked"):
        revoke(store, c.number, "nog eens", TODAY)


def test_register_states_over_time(store, held):
    """Valid, then expires soon in its last three months, then expired."""
    tess = make_ready(store, held)
    c = certify(store, tess, fid(store, "Henk"), TODAY)
    assert c.state(TODAY) == "valid"
    assert c.state(c.valid_until - timedelta(days=30)) == "expiring"
    assert c.state(c.valid_until + timedelta(days=1)) == "expired"


def test_the_certificate_pdf_holds_name_date_number_validity_trainer_and_code(store, held):
    """One A4 page in landscape with every fact of the certificate as real text, and the
    house font embedded."""
    from budgetkring.documents.certificate import certificate_document

    tess = make_ready(store, held)
    c = certify(store, tess, fid(store, "Henk"), TODAY)
    document = certificate_document(c, "Samen Rondkomen")
    reader = pypdf.PdfReader(io.BytesIO(document.data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert round(float(page.mediabox.width)) == 842 and round(float(page.mediabox.height)) == 595
    text = page.extract_text()
    for fact in (
        "Tess",
        "BK-2026-0001",
        "29 November 2026",
        "29 November 2029",
        "Henk",
        c.code,
        "Samen Rondkomen",
    ):
        assert fact in text, fact
    fonts = {f["/BaseFont"] for f in page["/Resources"]["/Font"].values()}
    assert all("DejaVuSans" in str(f) for f in fonts)
    assert document.filename == "Certificate BK-2026-0001 Tess.pdf"


# --- criteria versions --------------------------------------------------------------------------


def test_a_trainee_keeps_the_criteria_version_they_started_with(store, held):
    """New criteria (10 meetings) are version 2: Tess, already in training, keeps version 1
    (12); someone who starts later gets version 2."""
    from budgetkring.paths import resource_path

    tess = fid(store, "Tess")
    data = json.loads(resource_path("data", "certification.json").read_text(encoding="utf-8"))
    data["criteria"]["meetings"] = 10
    assert import_criteria(store, data).version == 2
    assert current_criteria(store).meetings == 10
    assert criteria_of(store, tess).version == 1 and criteria_of(store, tess).meetings == 12
    newcomer = add_person(store, "Noor", "trainee")
    assert criteria_of(store, newcomer.id).version == 2


def test_a_broken_criteria_file_changes_nothing(store, held):
    """Criteria without competences are refused before anything is saved."""
    before = snapshot(store)
    with pytest.raises(UserError, match="competences"):
        import_criteria(store, {"format": "budgetkring-certification", "format_version": 1})
    assert snapshot(store) == before


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture
def db(db_path):
    """The circle of ``build_circle`` in a database file, closed again for the command line."""
    with open_store(db_path, backups=False) as store:
        build_circle(store)
    return db_path


def counts(path) -> dict:
    """Rows in every training table, and facilitators' statuses and roles."""
    conn = sqlite3.connect(path)
    try:
        found = {t: conn.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}
        found["facilitator"] = conn.execute(
            "SELECT name, status, trainer FROM facilitator"
        ).fetchall()
    finally:
        conn.close()
    return found


def held_ids(cli, db) -> list[int]:
    """The ids of the held meetings, from `sessions --json`."""
    rows = json.loads(cli("--db", db, "sessions", "Zwolle", "--json")[1])
    return [r["id"] for r in rows if r["status"] == "held"]


def test_training_json_has_every_field(cli, db):
    """training NAME --json: name, status, trainer, started, meetings_led, observations,
    training_days, competences and criteria (have, need, met), ready."""
    code, out, _err = cli("--db", db, "training", "Tess", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "name",
        "status",
        "trainer",
        "started",
        "meetings_led",
        "observations",
        "training_days",
        "competences",
        "criteria",
        "ready",
    }
    assert data["name"] == "Tess" and data["status"] == "trainee" and data["ready"] is False
    assert data["started"] == "2026-03-03" and data["meetings_led"] >= 12
    assert set(data["competences"][0]) == {"code", "label", "signed_off", "by", "date"}
    assert [c["code"] for c in data["criteria"]] == [
        "meetings",
        "observations",
        "competences",
        "training_days",
    ]
    assert set(data["criteria"][1]) == {"code", "label", "have", "need", "met"}
    assert data["criteria"][1] == {
        "code": "observations",
        "label": "Observations by a trainer",
        "have": 0,
        "need": 3,
        "met": False,
    }


def test_the_whole_path_on_the_command_line(cli, db, tmp_path):
    """observe, sign-off, training-day, certify -o (with its PDF), register, verify, revoke."""
    ids = held_ids(cli, db)
    for session in ids[:3]:
        code, out, err = cli(
            "--db", db, "observe", "Tess", "--session", session, "--by", "Henk",
            "--scores", "rondes=3,tijd=2", "--note", "Goed gedaan",
        )  # fmt: skip
        assert code == 0 and "Observation of Tess at meeting" in out, err
    for competence in COMPETENCES:
        code, out, _err = cli("--db", db, "sign-off", "Tess", competence, "--by", "Henk")
        assert code == 0 and f"'{competence}' of Tess signed off by Henk." in out
    for day in ("2026-02-02", "2026-03-02", "2026-04-06", "2026-05-04"):
        code, out, _err = cli("--db", db, "training-day", "Tess", "--date", day, "--topic", "Les")
        assert code == 0 and "Training day of Tess" in out
    assert json.loads(cli("--db", db, "training", "Tess", "--json")[1])["ready"] is True
    target = tmp_path / "tess.pdf"
    code, out, err = cli("--db", db, "certify", "Tess", "--by", "Henk", "-o", target, "--json")
    assert code == 0, err
    made = json.loads(out)
    assert set(made) == {"number", "code", "date", "valid_until"}
    assert made["number"] == "BK-2026-0001" and made["valid_until"] == "2029-11-29"
    assert made["code"] in pypdf.PdfReader(target).pages[0].extract_text()
    rows = json.loads(cli("--db", db, "register", "--json")[1])
    assert [(r["number"], r["name"], r["state"]) for r in rows] == [
        ("BK-2026-0001", "Tess", "valid")
    ]
    code, out, _err = cli("--db", db, "verify", "bk-2026-0001", made["code"].replace("-", ""))
    assert code == 0 and out.startswith("Valid:")
    wrong = made["code"][:-1] + ("2" if made["code"][-1] != "2" else "3")
    code, out, _err = cli("--db", db, "verify", made["number"], wrong)
    assert code == 1 and "does not belong" in out
    code, out, _err = cli("--db", db, "revoke", made["number"], "--reason", "Gestopt")
    assert code == 0 and "is revoked" in out and "Tess is in training again." in out
    code, out, _err = cli("--db", db, "verify", made["number"], made["code"])
    assert code == 1 and "was revoked" in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("observe", "Tess", "--session", "{held}", "--by", "Ria"), "Ria is not a trainer"),
        (("observe", "Tess", "--session", "{held}", "--by", "Tess"), "for themself"),
        (("observe", "Tess", "--session", "{coming}", "--by", "Henk"), "not been held"),
        (("observe", "Tess", "--session", "{held}", "--by", "Henk", "--scores", "x=2"), "'x'"),
        (("observe", "Tess", "--session", "{held}", "--by", "Henk", "--scores", "rondes=7"), "'7'"),
        (("observe", "Tess", "--session", "{held}", "--by", "Henk", "--scores", "rondes"), "like"),
        (("observe", "Tess", "--session", "999", "--by", "Henk"), "no meeting"),
        (("sign-off", "Tess", "zwemmen", "--by", "Henk"), "not a competence"),
        (("sign-off", "Tess", "rondes", "--by", "Ria"), "not a trainer"),
        (("training-day", "Tess", "--date", "2030-01-01"), "taken place"),
        (("training-day", "Tess", "--date", "31-2-2026"), "does not exist"),
        (("certify", "Tess", "--by", "Henk"), "cannot get the certificate yet"),
        (("certify", "Tess", "--by", "Ria"), "not a trainer"),
        (("certify", "Nobody", "--by", "Henk"), "no facilitator"),
        (("revoke", "BK-2026-0001", "--reason", "x"), "no certificate"),
        (("set-trainer", "Tess"), "still in training"),
        (("training", "Tess", "--start", "morgen"), "not a date"),
        (("training-criteria", "--import", "/no/such/file.json"), "cannot be read"),
    ],
)
def test_refusals_exit_2_with_the_reason_and_change_nothing(cli, db, args, said):
    """Every refusal of the issue: one line on stderr with the reason, exit 2, unchanged."""
    sessions = json.loads(cli("--db", db, "sessions", "Zwolle", "--json")[1])
    coming = next(r["id"] for r in sessions if r["status"] == "planned")
    args = [a.format(held=held_ids(cli, db)[0], coming=coming) for a in args]
    before = counts(db)
    code, out, err = cli("--db", db, *args)
    assert code == 2 and said in err and len(err.strip().splitlines()) == 1, err
    assert counts(db) == before


def test_certify_refuses_an_existing_pdf_before_certifying(cli, db, tmp_path):
    """-o onto an existing file without --force is refused before anything changes."""
    with open_store(db, backups=False) as store:
        make_ready(store, [s for s in list_sessions(store, None, TODAY) if s.status == "held"])
    target = tmp_path / "there.pdf"
    target.write_bytes(b"mine")
    before = counts(db)
    code, _out, err = cli("--db", db, "certify", "Tess", "--by", "Henk", "-o", target)
    assert code == 2 and "already exists" in err
    assert counts(db) == before and target.read_bytes() == b"mine"


def test_add_facilitator_as_trainer_and_set_trainer(cli, db):
    """add-facilitator --trainer makes a trainer; a trainee cannot be one (and is then not
    added at all); set-trainer --off takes the role away."""
    code, _out, err = cli(
        "--db", db, "add-facilitator", "Fatma", "--status", "certified", "--trainer"
    )
    assert code == 0, err
    assert ("Fatma", "certified", 1) in counts(db)["facilitator"]
    before = counts(db)
    code, _out, err = cli("--db", db, "add-facilitator", "Bas", "--status", "trainee", "--trainer")
    assert code == 2 and "still in training" in err
    assert counts(db) == before
    code, out, _err = cli("--db", db, "set-trainer", "Fatma", "--off")
    assert code == 0 and "Fatma is no longer a trainer." in out
    assert ("Fatma", "certified", 0) in counts(db)["facilitator"]


def test_training_lists_every_trainee_and_sets_the_start(cli, db):
    """`training` without a name lists the trainees; --start moves the start of the year."""
    code, out, _err = cli("--db", db, "training")
    assert code == 0 and out.startswith("Tess (in training)") and "of 12 meetings" in out
    later = [i for i in held_ids(cli, db)][-3:]
    rows = json.loads(cli("--db", db, "sessions", "Zwolle", "--json")[1])
    start = next(r["date"] for r in rows if r["id"] == later[0])
    code, out, _err = cli("--db", db, "training", "Tess", "--start", start)
    assert code == 0 and "Training year started on " in out
    assert "Meetings led: 3 of 12 meetings" in out


def test_verify_exit_codes_for_unknown_and_the_certificate_command(cli, db, tmp_path):
    """verify of an unknown number exits 1 and says so; `certificate` writes a PDF again."""
    code, out, _err = cli("--db", db, "verify", "BK-2026-0001", "AAAA-BBBB-CCCC")
    assert code == 1 and "no certificate with number BK-2026-0001" in out
    with open_store(db, backups=False) as store:
        tess = make_ready(
            store, [s for s in list_sessions(store, None, TODAY) if s.status == "held"]
        )
        number = certify(store, tess, fid(store, "Henk"), TODAY).number
    target = tmp_path / "again.pdf"
    code, out, _err = cli("--db", db, "certificate", number, "-o", target)
    assert code == 0 and "BK-2026-0001" in pypdf.PdfReader(target).pages[0].extract_text()


def test_the_demo_has_a_trainer_a_trainee_halfway_and_a_certificate(demo_store):
    """Henk Smit trains; Sanne Visser has led some meetings, has one observation and some
    sign-offs; Anja de Vries's certificate is in the register and verifies."""
    from budgetkring.training.records import list_trainers

    assert [p.name for p in list_trainers(demo_store)] == ["Henk Smit"]
    where = progress(demo_store, fid(demo_store, "Sanne Visser"), TODAY)
    have = {r.code: r.have for r in where.results}
    assert 0 < have["meetings"] < 12 and have["observations"] == 1
    assert 0 < have["competences"] < 8 and 0 < have["training_days"] < 4
    [certificate] = register(demo_store)
    assert certificate.name == "Anja de Vries" and certificate.state(TODAY) == "valid"
    assert verify(demo_store, certificate.number, certificate.code, TODAY).valid
    assert codes.is_number(certificate.number)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("training-day", "Tess", "--date", "2026-03-01", "--topic", "Les\x1b[31m"), "character"),
        (("training-day", "Tess", "--date", "2026-03-01", "--topic", "x" * 10_000), "too long"),
        (("sign-off", "Tess", "rondes\u202e", "--by", "Henk"), "not a competence"),
        (("revoke", "BK-2026-0001\x07", "--reason", "weg"), "no certificate"),
        (("set-trainer", "He\nnk"), "no facilitator"),
    ],
)
def test_typed_control_characters_and_huge_text_are_refused_in_one_line(cli, db, args, said):
    """Control characters and 10,000 characters in what the training commands keep: exit 2,
    one line without the raw characters, nothing changed."""
    before = counts(db)
    code, _out, err = cli("--db", db, *args)
    assert code == 2 and said in err and len(err.strip().splitlines()) == 1, err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert counts(db) == before


def test_an_observation_note_with_control_characters_is_refused(cli, db):
    """A note may hold line breaks (from the form), but never an escape code."""
    session = held_ids(cli, db)[0]
    before = counts(db)
    code, _out, err = cli(
        "--db", db, "observe", "Tess", "--session", session, "--by", "Henk", "--note", "a\x1bb"
    )
    assert code == 2 and "cannot be used" in err
    assert counts(db) == before
