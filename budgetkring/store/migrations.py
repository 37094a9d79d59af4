"""The schema, as an append-only list of named migrations.

Never edit or reorder a migration that has been released: add a new one at the end, and run
``tests/fixtures/make_fixture.py`` to add a fixture database of the new schema version.
``apply_pending`` applies them in one transaction; the table that records them is the one
sqlite-utils' ``Migrations`` would make, so databases of earlier versions read the same.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

MIGRATION_SET = "budgetkring"
STEPS: list[tuple[str, Callable]] = []


def migration(name: str):
    """Register a migration under a name that never changes."""

    def register(func: Callable) -> Callable:
        assert name not in {n for n, _f in STEPS}, name
        STEPS.append((name, func))
        return func

    return register


def known_names() -> list[str]:
    """The names of all migrations this version knows, in order."""
    return [name for name, _f in STEPS]


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """The migrations applied to a database, in order (empty for a new file)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )
    return [r[0] for r in rows]


def apply_pending(db) -> None:
    """Apply every pending migration in one transaction: all of them, or none.

    ``BEGIN IMMEDIATE`` takes the write lock first, so when two programs open an old database
    at once, one upgrades and the other waits, then finds nothing left to do. The record of
    applied migrations has the layout of sqlite-utils' ``Migrations`` table.
    """
    conn = db.conn
    # A migration may rebuild a table (the only way SQLite drops a constraint); with foreign
    # keys on, dropping the old table would delete the rows that point at it. So they are off
    # while migrating, checked before the commit, and on again after.
    conn.execute("PRAGMA foreign_keys=OFF")
    try:
        _apply(db, conn)
    finally:
        conn.execute("PRAGMA foreign_keys=ON")


def _apply(db, conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS [_sqlite_migrations] ([id] INTEGER PRIMARY KEY, "
            "[migration_set] TEXT, [name] TEXT, [applied_at] TEXT)"
        )
        conn.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS [idx__sqlite_migrations_migration_set_name] "
            "ON [_sqlite_migrations] ([migration_set], [name])"
        )
        applied = set(applied_names(conn))
        for name, func in STEPS:
            if name not in applied:
                func(db)
                conn.execute(
                    "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                    "VALUES (?, ?, datetime('now'))",
                    [MIGRATION_SET, name],
                )
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"a migration left rows that point nowhere: {broken[:5]}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back itself (a full disk, say)
            conn.execute("ROLLBACK")
        raise


def run_script(db, script: str) -> None:
    """Run several statements inside the migration's transaction.

    (``executescript`` would commit first and so break the all-or-nothing promise.)
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    assert not statement.strip(), "unfinished SQL statement in a migration"


@migration("0001_foundation")
def _foundation(db) -> None:
    run_script(
        db,
        """
        CREATE TABLE organisation (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE TABLE circle (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (trim(name) <> ''),
            municipality TEXT NOT NULL CHECK (trim(municipality) <> ''),
            place TEXT NOT NULL DEFAULT '',
            start_date TEXT,
            status TEXT NOT NULL DEFAULT 'preparing'
                CHECK (status IN ('preparing', 'running', 'finished', 'stopped')),
            group_min INTEGER NOT NULL DEFAULT 8 CHECK (group_min >= 1),
            group_max INTEGER NOT NULL DEFAULT 10 CHECK (group_max >= group_min),
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            created_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE TABLE facilitator (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (trim(name) <> ''),
            status TEXT NOT NULL DEFAULT 'trainee'
                CHECK (status IN ('trainee', 'certified', 'paused', 'stopped')),
            town TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            max_per_month INTEGER CHECK (max_per_month IS NULL OR max_per_month >= 0),
            created_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        -- The lead pair of a circle, with history: one row per person per period.
        CREATE TABLE circle_lead (
            id INTEGER PRIMARY KEY,
            circle_id INTEGER NOT NULL REFERENCES circle(id) ON DELETE CASCADE,
            facilitator_id INTEGER NOT NULL REFERENCES facilitator(id),
            from_date TEXT NOT NULL,
            to_date TEXT,
            CHECK (to_date IS NULL OR to_date >= from_date)
        );
        CREATE INDEX circle_lead_circle ON circle_lead(circle_id);
        CREATE INDEX circle_lead_facilitator ON circle_lead(facilitator_id);
        -- Participants are pseudonymous: a generated code, never a name.
        CREATE TABLE participant (
            id INTEGER PRIMARY KEY,
            circle_id INTEGER NOT NULL REFERENCES circle(id) ON DELETE CASCADE,
            code TEXT NOT NULL UNIQUE,
            alias TEXT,
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'stopped', 'finished')),
            stop_reason TEXT NOT NULL DEFAULT '',
            consent_date TEXT,
            created_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE INDEX participant_circle ON participant(circle_id);
        """,
    )


@migration("0002_planning")
def _planning(db) -> None:
    run_script(
        db,
        """
        ALTER TABLE organisation ADD COLUMN uid TEXT NOT NULL DEFAULT '';
        UPDATE organisation SET uid = lower(hex(randomblob(16)));
        -- A programme is a named template; every saved edit is a new version.
        CREATE TABLE programme (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (trim(name) <> ''),
            description TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE TABLE programme_version (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
            version INTEGER NOT NULL CHECK (version >= 1),
            meeting_minutes INTEGER NOT NULL CHECK (meeting_minutes > 0),
            created_at TEXT NOT NULL DEFAULT (datetime('now')),
            UNIQUE (programme_id, version)
        );
        CREATE TABLE session_template (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES programme_version(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            title TEXT NOT NULL CHECK (trim(title) <> ''),
            domains TEXT NOT NULL DEFAULT '[]',
            aims TEXT NOT NULL DEFAULT '[]',
            agenda TEXT NOT NULL DEFAULT '[]',
            materials TEXT NOT NULL DEFAULT '[]',
            handouts TEXT NOT NULL DEFAULT '[]',
            facilitator_notes TEXT NOT NULL DEFAULT '',
            UNIQUE (version_id, position)
        );
        -- How a circle's year is planned (the choices in the plan dialog).
        CREATE TABLE circle_plan (
            circle_id INTEGER PRIMARY KEY REFERENCES circle(id) ON DELETE CASCADE,
            version_id INTEGER NOT NULL REFERENCES programme_version(id),
            start_date TEXT NOT NULL,
            weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
            start_time TEXT NOT NULL,
            end_time TEXT NOT NULL CHECK (end_time > start_time),
            cadence TEXT NOT NULL CHECK (cadence IN ('1w', '2w', '3w', '4w', 'month')),
            region TEXT NOT NULL CHECK (region IN ('noord', 'midden', 'zuid'))
        );
        -- One dated meeting of a circle.
        CREATE TABLE session (
            id INTEGER PRIMARY KEY,
            circle_id INTEGER NOT NULL REFERENCES circle(id) ON DELETE CASCADE,
            template_id INTEGER REFERENCES session_template(id),
            date TEXT NOT NULL,
            start_time TEXT NOT NULL,
            end_time TEXT NOT NULL CHECK (end_time > start_time),
            status TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'held', 'moved', 'cancelled')),
            extra INTEGER NOT NULL DEFAULT 0 CHECK (extra IN (0, 1)),
            revision INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX session_circle_date ON session(circle_id, date);
        CREATE INDEX session_date ON session(date);
        -- What happened to a meeting: planned, moved, cancelled, theme changed, added.
        CREATE TABLE session_event (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
            at TEXT NOT NULL DEFAULT (datetime('now')),
            kind TEXT NOT NULL
                CHECK (kind IN ('planned', 'moved', 'cancelled', 'theme', 'added', 'replanned')),
            detail TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX session_event_session ON session_event(session_id);
        -- A period a facilitator cannot lead. Only a category, never medical details.
        CREATE TABLE absence (
            id INTEGER PRIMARY KEY,
            facilitator_id INTEGER NOT NULL REFERENCES facilitator(id) ON DELETE CASCADE,
            from_date TEXT NOT NULL,
            to_date TEXT NOT NULL CHECK (to_date >= from_date),
            reason TEXT NOT NULL DEFAULT 'other'
                CHECK (reason IN ('illness', 'holiday', 'personal', 'other'))
        );
        CREATE INDEX absence_facilitator ON absence(facilitator_id);
        """,
    )
    install_default_programme(db)


def install_default_programme(db) -> None:
    """Put the default programme as it was shipped with 0002 into a database.

    Frozen: it reads only the copy in ``store/frozen/`` and writes with its own SQL, so later
    changes to the shipped programme or to the storage functions never change this migration.
    """
    import json
    from pathlib import Path

    frozen = Path(__file__).with_name("frozen") / "0002_default_programme.json"
    spec = json.loads(frozen.read_text(encoding="utf-8"))
    programme_id = db.execute(
        "INSERT INTO programme (name, description) VALUES (?, ?)",
        [spec["name"], spec.get("description", "")],
    ).lastrowid
    version_id = db.execute(
        "INSERT INTO programme_version (programme_id, version, meeting_minutes) VALUES (?, 1, ?)",
        [programme_id, spec["meeting_minutes"]],
    ).lastrowid
    lists = ("domains", "aims", "agenda", "materials", "handouts")
    for position, session in enumerate(spec["sessions"], start=1):
        db.execute(
            """INSERT INTO session_template (version_id, position, key, title, domains, aims,
               agenda, materials, handouts, facilitator_notes)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                version_id,
                position,
                session["key"],
                session["title"],
                *(json.dumps(session[name], ensure_ascii=False) for name in lists),
                session["facilitator_notes"],
            ],
        )


@migration("0003_facilitators")
def _facilitators(db) -> None:
    run_script(
        db,
        """
        -- Weekly availability as JSON: {"mon": ["morning", "afternoon", "evening"], ...}.
        ALTER TABLE facilitator ADD COLUMN availability TEXT NOT NULL DEFAULT '';
        -- A trainee's trainer or mentor, ranked first as their stand-in.
        ALTER TABLE facilitator ADD COLUMN mentor_id INTEGER REFERENCES facilitator(id);
        ALTER TABLE facilitator ADD COLUMN contact_consent INTEGER NOT NULL DEFAULT 0;
        -- Who stands in for whom at one meeting, why, and whether it is agreed.
        CREATE TABLE substitution (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
            in_id INTEGER NOT NULL REFERENCES facilitator(id),
            out_id INTEGER REFERENCES facilitator(id),
            reason TEXT NOT NULL DEFAULT '',
            confirmed INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1)),
            created_at TEXT NOT NULL DEFAULT (datetime('now')),
            CHECK (out_id IS NULL OR out_id <> in_id)
        );
        CREATE INDEX substitution_session ON substitution(session_id);
        CREATE INDEX substitution_in ON substitution(in_id);
        CREATE INDEX absence_dates ON absence(from_date, to_date);
        """,
    )


@migration("0004_participants")
def _participants(db) -> None:
    run_script(
        db,
        """
        -- When a participant joined the circle (the consent date is a separate fact).
        ALTER TABLE participant ADD COLUMN joined_date TEXT;
        -- Present, excused (afgemeld) or absent without notice, per meeting.
        CREATE TABLE attendance (
            participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
            session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
            PRIMARY KEY (participant_id, session_id)
        ) WITHOUT ROWID;
        CREATE INDEX attendance_session ON attendance(session_id);
        -- A self-assessment instrument; every saved edit or import is a new version.
        CREATE TABLE instrument (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (trim(name) <> ''),
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE instrument_version (
            id INTEGER PRIMARY KEY,
            instrument_id INTEGER NOT NULL REFERENCES instrument(id) ON DELETE CASCADE,
            version INTEGER NOT NULL CHECK (version >= 1),
            scale_min INTEGER NOT NULL,
            scale_max INTEGER NOT NULL CHECK (scale_max > scale_min),
            labels TEXT NOT NULL DEFAULT '{}',
            questions TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL DEFAULT (datetime('now')),
            UNIQUE (instrument_id, version)
        );
        -- A participant's self-assessment at a moment of the year, with the version it used.
        CREATE TABLE assessment (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
            version_id INTEGER NOT NULL REFERENCES instrument_version(id),
            moment TEXT NOT NULL CHECK (moment IN ('start', 'mid', 'end')),
            date TEXT NOT NULL,
            UNIQUE (participant_id, moment)
        );
        CREATE TABLE assessment_score (
            assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
            domain TEXT NOT NULL,
            score INTEGER NOT NULL,
            PRIMARY KEY (assessment_id, domain)
        ) WITHOUT ROWID;
        -- Personal goals, of a participant or of a facilitator (never both).
        CREATE TABLE goal (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER REFERENCES participant(id) ON DELETE CASCADE,
            facilitator_id INTEGER REFERENCES facilitator(id) ON DELETE CASCADE,
            text TEXT NOT NULL CHECK (trim(text) <> ''),
            domain TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
            created_date TEXT NOT NULL,
            closed_date TEXT,
            CHECK ((participant_id IS NULL) <> (facilitator_id IS NULL))
        );
        CREATE INDEX goal_participant ON goal(participant_id);
        CREATE INDEX goal_facilitator ON goal(facilitator_id);
        -- What is kept of a finished circle once participant-level data is removed.
        CREATE TABLE circle_summary (
            circle_id INTEGER PRIMARY KEY REFERENCES circle(id) ON DELETE CASCADE,
            participants INTEGER NOT NULL,
            attendance_rate REAL,
            changes TEXT NOT NULL DEFAULT '{}',
            made_on TEXT NOT NULL
        );
        UPDATE participant SET joined_date = consent_date WHERE joined_date IS NULL;
        """,
    )
    install_default_instrument(db)


def install_default_instrument(db) -> None:
    """Put the default self-assessment instrument as shipped with 0004 into a database (frozen:
    its own copy of the data, its own SQL)."""
    import json
    from pathlib import Path

    frozen = Path(__file__).with_name("frozen") / "0004_default_instrument.json"
    spec = json.loads(frozen.read_text(encoding="utf-8"))
    instrument_id = db.execute(
        "INSERT INTO instrument (name, description) VALUES (?, ?)",
        [spec["name"], spec.get("description", "")],
    ).lastrowid
    db.execute(
        "INSERT INTO instrument_version (instrument_id, version, scale_min, scale_max, labels, "
        "questions) VALUES (?, 1, ?, ?, ?, ?)",
        [
            instrument_id,
            spec["scale"]["min"],
            spec["scale"]["max"],
            json.dumps(spec["scale"].get("labels", {}), ensure_ascii=False),
            json.dumps(spec["questions"], ensure_ascii=False),
        ],
    )


# A random (version 4) UUID as text, made by SQLite: for rows added by any code path.
UUID_SQL = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) "
    "|| substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
)


@migration("0005_exchange")
def _exchange(db) -> None:
    # Stable ids that travel with data between laptops. A trigger gives every new row one, so
    # no insert anywhere has to remember it; received rows bring their own.
    for table in ("circle", "facilitator", "session"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN uid TEXT")
        db.execute(f"UPDATE {table} SET uid = {UUID_SQL}")
        db.execute(f"CREATE UNIQUE INDEX {table}_uid ON {table}(uid)")
    # Participant codes stay as they were made (K2-07) but are unique per circle only: a
    # coordinator receives K1-01 from many laptops. The uid is the key between laptops.
    # (SQLite cannot drop a UNIQUE column constraint, so the table is rebuilt; apply_pending
    # runs with foreign keys off and checks them before it commits.)
    run_script(
        db,
        f"""
        CREATE TABLE participant_new (
            id INTEGER PRIMARY KEY,
            circle_id INTEGER NOT NULL REFERENCES circle(id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            alias TEXT,
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'stopped', 'finished')),
            stop_reason TEXT NOT NULL DEFAULT '',
            consent_date TEXT,
            created_at TEXT NOT NULL DEFAULT (datetime('now')),
            joined_date TEXT,
            uid TEXT,
            UNIQUE (circle_id, code)
        );
        INSERT INTO participant_new (id, circle_id, code, alias, status, stop_reason,
            consent_date, created_at, joined_date, uid)
            SELECT id, circle_id, code, alias, status, stop_reason, consent_date, created_at,
                   joined_date, {UUID_SQL} FROM participant;
        DROP TABLE participant;
        ALTER TABLE participant_new RENAME TO participant;
        CREATE INDEX participant_circle ON participant(circle_id);
        CREATE UNIQUE INDEX participant_uid ON participant(uid);
        """,
    )
    for table in ("circle", "facilitator", "session", "participant"):
        db.execute(
            f"CREATE TRIGGER {table}_new_uid AFTER INSERT ON {table} WHEN NEW.uid IS NULL "
            f"BEGIN UPDATE {table} SET uid = {UUID_SQL} WHERE id = NEW.id; END"
        )
    run_script(
        db,
        """
        -- The organisation's own secret: it authenticates what the coordinator sends to its
        -- facilitators (programmes) and, later, certificates.
        ALTER TABLE organisation ADD COLUMN secret TEXT NOT NULL DEFAULT '';
        ALTER TABLE organisation ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
        UPDATE organisation SET secret = lower(hex(randomblob(32)));
        CREATE TRIGGER organisation_new_secret AFTER INSERT ON organisation
            WHEN NEW.secret = '' OR NEW.uid = ''
            BEGIN
                UPDATE organisation SET
                    secret = CASE secret WHEN '' THEN lower(hex(randomblob(32))) ELSE secret END,
                    uid = CASE uid WHEN '' THEN lower(hex(randomblob(16))) ELSE uid END
                WHERE id = NEW.id;
            END;
        -- Coordinator's side: a facilitator's laptop that was invited to send data.
        CREATE TABLE sender (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL CHECK (trim(name) <> ''),
            secret TEXT NOT NULL,
            invited_at TEXT NOT NULL DEFAULT (datetime('now')),
            last_sequence INTEGER NOT NULL DEFAULT 0,
            last_received TEXT
        );
        -- Every exchange file taken in (or turned away as older), by the SHA-256 of its bytes.
        CREATE TABLE received_file (
            digest TEXT PRIMARY KEY,
            sender_uid TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            received_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('imported', 'ignored'))
        );
        -- Facilitator's side: the organisation this database joined (at most one).
        CREATE TABLE membership (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            organisation_uid TEXT NOT NULL,
            organisation_name TEXT NOT NULL DEFAULT '',
            organisation_secret TEXT NOT NULL,
            sender_uid TEXT NOT NULL,
            sender_name TEXT NOT NULL,
            secret TEXT NOT NULL,
            sequence INTEGER NOT NULL DEFAULT 0,
            received_sequence INTEGER NOT NULL DEFAULT 0,
            joined_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        -- A circle received from a facilitator's laptop: who sent it and when it arrived.
        ALTER TABLE circle ADD COLUMN sender_id INTEGER REFERENCES sender(id);
        ALTER TABLE circle ADD COLUMN received_at TEXT;
        -- Received participants carry only how many goals they have per status, never the text.
        CREATE TABLE goal_count (
            participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
            n INTEGER NOT NULL CHECK (n >= 0),
            PRIMARY KEY (participant_id, status)
        ) WITHOUT ROWID;
        """,
    )


@migration("0006_training")
def _training(db) -> None:
    run_script(
        db,
        """
        -- A trainer is a facilitator with a role: only trainers observe, sign off and certify.
        ALTER TABLE facilitator ADD COLUMN trainer INTEGER NOT NULL DEFAULT 0
            CHECK (trainer IN (0, 1));
        -- The certification criteria (competences and how much of each is needed); every
        -- import is a new version, and a trainee keeps the version they started with.
        CREATE TABLE certification_version (
            id INTEGER PRIMARY KEY,
            version INTEGER NOT NULL UNIQUE CHECK (version >= 1),
            spec TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        -- A trainee's training year: the criteria version, and a start set by a trainer
        -- (NULL: the first meeting they led).
        CREATE TABLE training_record (
            facilitator_id INTEGER PRIMARY KEY REFERENCES facilitator(id) ON DELETE CASCADE,
            version_id INTEGER NOT NULL REFERENCES certification_version(id),
            start_date TEXT,
            created_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        -- A trainer watched a meeting the trainee led; the date stays when a meeting goes.
        CREATE TABLE observation (
            id INTEGER PRIMARY KEY,
            facilitator_id INTEGER NOT NULL REFERENCES facilitator(id) ON DELETE CASCADE,
            session_id INTEGER REFERENCES session(id) ON DELETE SET NULL,
            trainer_id INTEGER NOT NULL REFERENCES facilitator(id),
            date TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (datetime('now')),
            CHECK (trainer_id <> facilitator_id),
            UNIQUE (facilitator_id, session_id, trainer_id)
        );
        CREATE INDEX observation_facilitator ON observation(facilitator_id);
        -- Per competence a step of the scale: 1 begint, 2 op weg, 3 voldoende, 4 goed.
        CREATE TABLE observation_score (
            observation_id INTEGER NOT NULL REFERENCES observation(id) ON DELETE CASCADE,
            competence TEXT NOT NULL,
            score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
            PRIMARY KEY (observation_id, competence)
        ) WITHOUT ROWID;
        CREATE TABLE training_day (
            id INTEGER PRIMARY KEY,
            facilitator_id INTEGER NOT NULL REFERENCES facilitator(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            topic TEXT NOT NULL DEFAULT '',
            UNIQUE (facilitator_id, date)
        );
        CREATE TABLE competence_signoff (
            facilitator_id INTEGER NOT NULL REFERENCES facilitator(id) ON DELETE CASCADE,
            competence TEXT NOT NULL,
            trainer_id INTEGER NOT NULL REFERENCES facilitator(id),
            date TEXT NOT NULL,
            PRIMARY KEY (facilitator_id, competence)
        ) WITHOUT ROWID;
        -- The register. The name and date are kept as certified: the verification code covers
        -- them, so a later change of name never breaks a certificate.
        CREATE TABLE certificate (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            facilitator_id INTEGER NOT NULL REFERENCES facilitator(id),
            name TEXT NOT NULL,
            date TEXT NOT NULL,
            valid_until TEXT NOT NULL CHECK (valid_until > date),
            trainer_id INTEGER REFERENCES facilitator(id),
            trainer_name TEXT NOT NULL DEFAULT '',
            code TEXT NOT NULL,
            revoked_at TEXT,
            revoke_reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (datetime('now')),
            CHECK (revoked_at IS NULL OR trim(revoke_reason) <> '')
        );
        CREATE INDEX certificate_facilitator ON certificate(facilitator_id);
        """,
    )
    install_certification_criteria(db)


def install_certification_criteria(db) -> None:
    """Put the certification criteria as shipped with 0006 into a database as version 1
    (frozen: its own copy of the data)."""
    from pathlib import Path

    frozen = Path(__file__).with_name("frozen") / "0006_certification.json"
    db.execute(
        "INSERT INTO certification_version (version, spec) VALUES (1, ?)",
        [frozen.read_text(encoding="utf-8")],
    )
