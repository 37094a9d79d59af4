"""SQL for exchange between laptops: membership (facilitator's side), senders and received
files (coordinator's side), reading a circle's anonymised data by uid and writing it back.

What is read for sending never includes aliases, free text (goals, notes, reasons), contact
details or consent dates: the columns are named one by one below, on purpose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from budgetkring.store.db import inserted_id

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database


# --- membership (a facilitator's database that joined an organisation) ------------------------


def membership(db: Database) -> dict | None:
    """The organisation this database joined, or None."""
    rows = list(db.query("SELECT * FROM membership WHERE id = 1"))
    return rows[0] if rows else None


def set_membership(db: Database, values: dict) -> None:
    """Join (or join again): replaces the membership; a new sender starts its count afresh."""
    db.execute("DELETE FROM membership")
    names = ", ".join(values)
    marks = ", ".join(f":{n}" for n in values)
    db.execute(f"INSERT INTO membership (id, {names}) VALUES (1, {marks})", values)


def take_sequence(db: Database, table: str) -> int:
    """The next sequence number of what this database sends (membership or organisation)."""
    assert table in ("membership", "organisation")
    db.execute(f"UPDATE {table} SET sequence = sequence + 1 WHERE id = 1")
    return db.execute(f"SELECT sequence FROM {table} WHERE id = 1").fetchone()[0]


def set_received_sequence(db: Database, sequence: int) -> None:
    """Remember the newest programme file taken in from the coordinator."""
    db.execute("UPDATE membership SET received_sequence = ? WHERE id = 1", [sequence])


def organisation_row(db: Database) -> dict:
    """uid, name and secret of this database's own organisation."""
    return next(db.query("SELECT uid, name, secret FROM organisation WHERE id = 1"))


# --- senders (the coordinator's side) ---------------------------------------------------------


def sender_rows(db: Database) -> list[dict]:
    """Every invited sender with the circles received from them, by name."""
    rows = list(db.query("SELECT * FROM sender ORDER BY name COLLATE NOCASE"))
    circles: dict[int, list[str]] = {}
    sql = "SELECT sender_id, name FROM circle WHERE sender_id IS NOT NULL ORDER BY name"
    for row in db.query(sql):
        circles.setdefault(row["sender_id"], []).append(row["name"])
    for row in rows:
        row["circles"] = circles.get(row["id"], [])
    return rows


def sender_by(db: Database, column: str, value: str) -> dict | None:
    """One sender by uid or by name (ignoring case), or None."""
    assert column in ("uid", "name")
    where = "uid = ?" if column == "uid" else "lower(name) = lower(?)"
    rows = list(db.query(f"SELECT * FROM sender WHERE {where}", [value]))
    return rows[0] if rows else None


def insert_sender(db: Database, uid: str, name: str, secret: str) -> int:
    """Record an invited sender."""
    sql = "INSERT INTO sender (uid, name, secret) VALUES (?, ?, ?)"
    return inserted_id(db.execute(sql, [uid, name, secret]))


def renew_sender_secret(db: Database, sender_id: int, secret: str) -> None:
    """A new invitation for the same sender: the old secret no longer counts, so neither do the
    files made with it, and the count of files starts again."""
    db.execute("UPDATE sender SET secret = ?, last_sequence = 0 WHERE id = ?", [secret, sender_id])


def mark_received(db: Database, sender_id: int, sequence: int, at: str) -> None:
    """The sender's newest file so far."""
    sql = "UPDATE sender SET last_sequence = max(last_sequence, ?), last_received = ? WHERE id = ?"
    db.execute(sql, [sequence, at, sender_id])


def file_seen(db: Database, digest: str) -> bool:
    """True when this very file (by the SHA-256 of its bytes) was taken in before."""
    sql = "SELECT 1 FROM received_file WHERE digest = ?"
    return db.execute(sql, [digest]).fetchone() is not None


def record_file(db: Database, digest: str, sender_uid: str, sequence: int, at: str, status: str):
    """Remember a file taken in (or turned away as older)."""
    db.execute(
        "INSERT OR IGNORE INTO received_file (digest, sender_uid, sequence, received_at, status) "
        "VALUES (?, ?, ?, ?, ?)",
        [digest, sender_uid, sequence, at, status],
    )


# --- reading what is sent ---------------------------------------------------------------------


def own_circle_ids(db: Database, facilitator_name: str | None) -> list[int]:
    """Circles made on this laptop (not received), not archived; with a name, only those that
    person leads or led, or stood in for (agreed)."""
    sql = "SELECT id FROM circle WHERE sender_id IS NULL AND archived = 0 ORDER BY id"
    ids = [r["id"] for r in db.query(sql)]
    if facilitator_name is None:
        return ids
    theirs = set()
    for row in db.query(
        """SELECT cl.circle_id AS cid, f.name FROM circle_lead cl
           JOIN facilitator f ON f.id = cl.facilitator_id
           UNION
           SELECT s.circle_id, f.name FROM substitution sub JOIN session s ON s.id = sub.session_id
           JOIN facilitator f ON f.id = sub.in_id WHERE sub.confirmed = 1"""
    ):
        if row["name"].casefold() == facilitator_name.casefold():
            theirs.add(row["cid"])
    return [i for i in ids if i in theirs]


def _in(ids: list[int]) -> str:
    return ",".join(str(int(i)) for i in ids) or "NULL"


def circle_data(db: Database, circle_ids: list[int]) -> dict[str, list[dict]]:
    """Everything that travels about these circles, as rows with uids instead of local ids."""
    ids = _in(circle_ids)
    q = db.query
    data: dict[str, list[dict]] = {}
    data["circles"] = list(
        q(
            f"""SELECT c.id, c.uid, c.name, c.municipality, c.place, c.status, c.start_date,
                c.group_min, c.group_max, p.name AS programme, v.version AS programme_version,
                v.id AS version_id
            FROM circle c LEFT JOIN circle_plan cp ON cp.circle_id = c.id
            LEFT JOIN programme_version v ON v.id = cp.version_id
            LEFT JOIN programme p ON p.id = v.programme_id
            WHERE c.id IN ({ids}) ORDER BY c.id"""
        )
    )
    data["leads"] = list(
        q(
            f"""SELECT cl.circle_id, f.uid AS facilitator, cl.from_date, cl.to_date
            FROM circle_lead cl JOIN facilitator f ON f.id = cl.facilitator_id
            WHERE cl.circle_id IN ({ids}) ORDER BY cl.id"""
        )
    )
    data["sessions"] = list(
        q(
            f"""SELECT s.circle_id, s.uid, s.date, s.start_time, s.end_time, s.status, s.extra,
                t.key AS theme, t.title AS theme_title, t.version_id
            FROM session s LEFT JOIN session_template t ON t.id = s.template_id
            WHERE s.circle_id IN ({ids}) ORDER BY s.date, s.id"""
        )
    )
    data["substitutions"] = list(
        q(
            f"""SELECT s.circle_id, s.uid AS session, fi.uid AS stand_in, fo.uid AS replaces,
                sub.confirmed
            FROM substitution sub JOIN session s ON s.id = sub.session_id
            JOIN facilitator fi ON fi.id = sub.in_id
            LEFT JOIN facilitator fo ON fo.id = sub.out_id
            WHERE s.circle_id IN ({ids}) ORDER BY sub.id"""
        )
    )
    # Only participants who gave consent travel; their code, status and stop category.
    data["participants"] = list(
        q(
            f"""SELECT p.circle_id, p.id, p.uid, p.code, p.status, p.stop_reason, p.joined_date,
                p.consent_date FROM participant p
            WHERE p.circle_id IN ({ids}) AND p.consent_date IS NOT NULL ORDER BY p.id"""
        )
    )
    pids = _in([r["id"] for r in data["participants"]])
    data["attendance"] = list(
        q(
            f"""SELECT p.circle_id, p.uid AS participant, s.uid AS session, a.status
            FROM attendance a JOIN participant p ON p.id = a.participant_id
            JOIN session s ON s.id = a.session_id WHERE a.participant_id IN ({pids})"""
        )
    )
    data["assessments"] = list(
        q(
            f"""SELECT p.circle_id, p.uid AS participant, a.id, a.moment, a.date, a.version_id,
                i.name AS instrument, v.version AS instrument_version
            FROM assessment a JOIN participant p ON p.id = a.participant_id
            JOIN instrument_version v ON v.id = a.version_id
            JOIN instrument i ON i.id = v.instrument_id
            WHERE a.participant_id IN ({pids}) ORDER BY a.id"""
        )
    )
    aids = _in([r["id"] for r in data["assessments"]])
    data["scores"] = list(
        q(
            "SELECT assessment_id, domain, score FROM assessment_score "
            f"WHERE assessment_id IN ({aids})"
        )
    )
    data["goal_counts"] = list(
        q(
            f"""SELECT p.uid AS participant, g.status, count(*) AS n FROM goal g
            JOIN participant p ON p.id = g.participant_id
            WHERE g.participant_id IN ({pids}) GROUP BY p.uid, g.status
            UNION ALL
            SELECT p.uid, gc.status, gc.n FROM goal_count gc
            JOIN participant p ON p.id = gc.participant_id WHERE gc.participant_id IN ({pids})"""
        )
    )
    people = (
        f"SELECT facilitator_id FROM circle_lead WHERE circle_id IN ({ids}) UNION "
        "SELECT in_id FROM substitution sub JOIN session s ON s.id = sub.session_id "
        f"WHERE s.circle_id IN ({ids}) UNION SELECT out_id FROM substitution sub "
        f"JOIN session s ON s.id = sub.session_id WHERE s.circle_id IN ({ids})"
    )
    data["facilitators"] = list(
        q(f"SELECT id, uid, name, status FROM facilitator WHERE id IN ({people}) ORDER BY id")
    )
    data["absences"] = list(
        q(
            f"""SELECT f.uid AS facilitator, a.from_date, a.to_date, a.reason
            FROM absence a JOIN facilitator f ON f.id = a.facilitator_id
            WHERE a.facilitator_id IN ({people}) ORDER BY a.id"""
        )
    )
    return data


# --- writing what was received ----------------------------------------------------------------


def ids_by_uid(db: Database, table: str, uids: list[str]) -> dict[str, int]:
    """Local ids of the rows with these uids."""
    assert table in ("circle", "facilitator", "session", "participant")
    found: dict[str, int] = {}
    for start in range(0, len(uids), 500):
        part = uids[start : start + 500]
        marks = ",".join("?" * len(part))
        for row in db.execute(f"SELECT uid, id FROM {table} WHERE uid IN ({marks})", part):
            found[row[0]] = row[1]
    return found


def circle_owner(db: Database, uid: str) -> tuple[int, int | None] | None:
    """(id, sender id) of the circle with this uid, or None when it is not here."""
    row = db.execute("SELECT id, sender_id FROM circle WHERE uid = ?", [uid]).fetchone()
    return (row[0], row[1]) if row else None


def circle_names(db: Database) -> dict[str, int]:
    """Every circle's name (case-folded) and id."""
    return {r[0].casefold(): r[1] for r in db.execute("SELECT name, id FROM circle")}


def facilitator_names(db: Database) -> dict[str, int]:
    """Every facilitator's name (case-folded) and id."""
    return {r[0].casefold(): r[1] for r in db.execute("SELECT name, id FROM facilitator")}


def insert_received_facilitator(db: Database, uid: str, name: str, status: str) -> int:
    """A facilitator first met in a received file."""
    sql = "INSERT INTO facilitator (uid, name, status) VALUES (?, ?, ?)"
    return inserted_id(db.execute(sql, [uid, name, status]))


def set_facilitator_status(db: Database, facilitator_id: int, status: str) -> None:
    """The status the facilitator's own laptop says."""
    db.execute("UPDATE facilitator SET status = ? WHERE id = ?", [status, facilitator_id])


def add_missing_absences(db: Database, rows: list[tuple[int, str, str, str]]) -> None:
    """Absences (facilitator id, from, to, category) not yet known here."""
    for fid, start, end, reason in rows:
        known = db.execute(
            "SELECT 1 FROM absence WHERE facilitator_id = ? AND from_date = ? AND to_date = ?",
            [fid, start, end],
        ).fetchone()
        if not known:
            db.execute(
                "INSERT INTO absence (facilitator_id, from_date, to_date, reason) "
                "VALUES (?, ?, ?, ?)",
                [fid, start, end, reason],
            )


def save_received_circle(db: Database, circle_id: int | None, values: dict) -> int:
    """Insert or update a received circle; returns its id."""
    if circle_id is None:
        names = ", ".join(values)
        marks = ", ".join(f":{n}" for n in values)
        return inserted_id(db.execute(f"INSERT INTO circle ({names}) VALUES ({marks})", values))
    sets = ", ".join(f"{n} = :{n}" for n in values)
    db.execute(f"UPDATE circle SET {sets} WHERE id = :id", {**values, "id": circle_id})
    return circle_id


def replace_leads(db: Database, circle_id: int, rows: list[tuple[int, str, str | None]]) -> None:
    """The circle's lead pair history as the facilitator's laptop has it."""
    db.execute("DELETE FROM circle_lead WHERE circle_id = ?", [circle_id])
    if rows:
        db.executemany(
            "INSERT INTO circle_lead (circle_id, facilitator_id, from_date, to_date) "
            "VALUES (?, ?, ?, ?)",
            [(circle_id, *row) for row in rows],
        )


def template_ids(db: Database, version_id: int) -> dict[str, int]:
    """The meeting templates of a programme version, by key."""
    sql = "SELECT key, id FROM session_template WHERE version_id = ?"
    return {r[0]: r[1] for r in db.execute(sql, [version_id])}


def _replace_by_uid(
    db: Database, table: str, circle_id: int, rows: list[dict], cols: tuple[str, ...]
) -> dict[str, int]:
    """Make the circle's rows of ``table`` exactly these, matched by uid (rows no longer sent
    are removed, with what hangs on them); returns the ids by uid."""
    assert table in ("session", "participant")
    mine = f"SELECT uid, id FROM {table} WHERE circle_id = ?"
    have = {r[0]: r[1] for r in db.execute(mine, [circle_id])}
    wanted = {r["uid"] for r in rows}
    gone = [row_id for uid, row_id in have.items() if uid not in wanted]
    if gone:
        db.execute(f"DELETE FROM {table} WHERE id IN ({_in(gone)})")
    if table == "participant" and have:
        # Codes may swap between rows (never in practice, but a file may say so): free them.
        db.execute("UPDATE participant SET code = '~' || uid WHERE circle_id = ?", [circle_id])
    update = [{**r, "circle_id": circle_id} for r in rows if r["uid"] in have]
    insert = [{**r, "circle_id": circle_id} for r in rows if r["uid"] not in have]
    if update:
        sets = ", ".join(f"{c} = :{c}" for c in cols)
        db.executemany(
            f"UPDATE {table} SET {sets} WHERE uid = :uid AND circle_id = :circle_id", update
        )
    if insert:
        names = ", ".join(("circle_id", "uid", *cols))
        marks = ", ".join(f":{n}" for n in ("circle_id", "uid", *cols))
        db.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", insert)
    return {r[0]: r[1] for r in db.execute(mine, [circle_id])}


def replace_sessions(db: Database, circle_id: int, rows: list[dict]) -> dict[str, int]:
    """Make the circle's meetings exactly these (by uid); returns their ids by uid. Meetings the
    laptop no longer has are removed, with their attendance."""
    cols = ("template_id", "date", "start_time", "end_time", "status", "extra")
    return _replace_by_uid(db, "session", circle_id, rows, cols)


def replace_substitutions(db: Database, circle_id: int, rows: list[tuple]) -> None:
    """(session id, stand-in id, replaced id or None, confirmed) for the circle's meetings."""
    db.execute(
        "DELETE FROM substitution WHERE session_id IN (SELECT id FROM session WHERE circle_id = ?)",
        [circle_id],
    )
    if rows:
        db.executemany(
            "INSERT INTO substitution (session_id, in_id, out_id, confirmed) VALUES (?, ?, ?, ?)",
            rows,
        )


def replace_participants(db: Database, circle_id: int, rows: list[dict]) -> dict[str, int]:
    """Make the circle's participants exactly these (by uid: a participant the laptop removed —
    consent withdrawn — is removed here too, with everything about them)."""
    cols = ("code", "status", "stop_reason", "joined_date", "consent_date")
    return _replace_by_uid(db, "participant", circle_id, rows, cols)


def replace_attendance(db: Database, participant_ids: list[int], rows: list[tuple]) -> None:
    """(participant id, session id, status) of these participants."""
    db.execute(f"DELETE FROM attendance WHERE participant_id IN ({_in(participant_ids)})")
    if rows:
        db.executemany(
            "INSERT INTO attendance (participant_id, session_id, status) VALUES (?, ?, ?)", rows
        )


def replace_assessments(db: Database, participant_ids: list[int], rows: list[dict]) -> None:
    """Assessments ({participant_id, version_id, moment, date, scores}) of these participants."""
    db.execute(f"DELETE FROM assessment WHERE participant_id IN ({_in(participant_ids)})")
    for row in rows:
        aid = inserted_id(
            db.execute(
                "INSERT INTO assessment (participant_id, version_id, moment, date) "
                "VALUES (?, ?, ?, ?)",
                [row["participant_id"], row["version_id"], row["moment"], row["date"]],
            )
        )
        db.executemany(
            "INSERT INTO assessment_score (assessment_id, domain, score) VALUES (?, ?, ?)",
            [(aid, domain, score) for domain, score in row["scores"].items()],
        )


def replace_goal_counts(db: Database, participant_ids: list[int], rows: list[tuple]) -> None:
    """(participant id, status, n) of these participants."""
    db.execute(f"DELETE FROM goal_count WHERE participant_id IN ({_in(participant_ids)})")
    if rows:
        db.executemany("INSERT INTO goal_count (participant_id, status, n) VALUES (?, ?, ?)", rows)


def instrument_version_ids(db: Database, name: str) -> list[int]:
    """The ids of every version of the instrument with this name (ignoring case), newest
    first."""
    sql = """SELECT v.id FROM instrument_version v JOIN instrument i ON i.id = v.instrument_id
             WHERE lower(i.name) = lower(?) ORDER BY v.version DESC"""
    return [r[0] for r in db.execute(sql, [name])]


def programme_version_ids(db: Database, name: str) -> list[int]:
    """The ids of every version of the programme with this name (ignoring case), newest first."""
    sql = """SELECT v.id FROM programme_version v JOIN programme p ON p.id = v.programme_id
             WHERE lower(p.name) = lower(?) ORDER BY v.version DESC"""
    return [r[0] for r in db.execute(sql, [name])]
