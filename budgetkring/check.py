"""`budgetkring check`: is the database sound and consistent?"""

from __future__ import annotations

from budgetkring.i18n import _
from budgetkring.store import Store
from budgetkring.store import checks as sql
from budgetkring.store.db import schema_state


def run_checks(store: Store) -> list[str]:
    """Every problem found, in plain words; an empty list means all is well."""
    db = store.db
    problems = [
        _("SQLite integrity check: {detail}").format(detail=line)
        for line in sql.integrity(db)
        if line != "ok"
    ]
    for row in sql.foreign_key_violations(db):
        problems.append(
            _("Table {table}, row {row}: refers to a {parent} that does not exist.").format(
                table=row["table"], row=row["rowid"], parent=row["parent"]
            )
        )
    pending, _unknown = schema_state(db.conn)
    if pending:
        problems.append(_("The database has not been upgraded yet; open it once in the app."))
        return problems
    for circle, day, count in sql.crowded_pairs(db):
        problems.append(
            _("{circle} has {n} lead facilitators on {date}; a pair has two.").format(
                circle=circle, n=count, date=day
            )
        )
    for circle, person in sql.doubled_leads(db):
        problems.append(
            _(
                "{person} is entered twice as lead facilitator of {circle} for the same period."
            ).format(person=person, circle=circle)
        )
    for circle in sql.running_without_start(db):
        problems.append(_("{circle} is running but has no start date.").format(circle=circle))
    for code in sql.malformed_codes(db):
        problems.append(_("Participant code '{code}' is not a generated code.").format(code=code))
    for person, circle, day in sql.absent_stand_ins(db):
        problems.append(
            _("{person} stands in at {circle} on {date} but is away that day.").format(
                person=person, circle=circle, date=day
            )
        )
    for person, day in sql.double_bookings(db):
        problems.append(
            _("{person} stands in at two meetings at the same time on {date}.").format(
                person=person, date=day
            )
        )
    return problems
