"""Absences: periods a facilitator cannot lead, with a reason category only (never details)."""

from __future__ import annotations

from datetime import date

from budgetkring.dates import check_range, iso
from budgetkring.errors import UserError
from budgetkring.i18n import N_, _
from budgetkring.staffing.rules import Absence, Absences, index_absences
from budgetkring.store import Store
from budgetkring.store import absences as sql
from budgetkring.store import facilitators as facilitator_sql

# The reasons, in the order forms list them; the only place they are named.
ABSENCE_REASON_LABELS = {
    "illness": N_("ill"),
    "holiday": N_("on holiday"),
    "personal": N_("personal reasons"),
    "other": N_("other"),
}
ABSENCE_REASONS = tuple(ABSENCE_REASON_LABELS)


def reason_label(code: str) -> str:
    """The translated word for an absence reason."""
    return _(ABSENCE_REASON_LABELS.get(code, code))


def add_absence(
    store: Store, facilitator_id: int, first: date, last: date, reason: str = "other"
) -> int:
    """Record that a facilitator cannot lead from ``first`` to ``last``; returns its id."""
    if facilitator_id not in {r["id"] for r in facilitator_sql.facilitator_rows(store.db)}:
        raise UserError(_("This facilitator no longer exists."))
    check_range(first)
    check_range(last)
    if last < first:
        raise UserError(_("The absence ends before it starts."))
    if reason not in ABSENCE_REASON_LABELS:
        raise UserError(
            _("'{reason}' is not a reason. Use illness, holiday, personal or other.").format(
                reason=reason
            )
        )
    with store.transaction() as db:
        return sql.insert_absence(
            db,
            {
                "facilitator_id": facilitator_id,
                "from_date": iso(first),
                "to_date": iso(last),
                "reason": reason,
            },
        )


def remove_absence(store: Store, absence_id: int) -> None:
    """Delete an absence (entered by mistake, or the person is back early)."""
    with store.transaction() as db:
        sql.delete_absence(db, absence_id)


def load_absences(store: Store, first: date, last: date) -> Absences:
    """Absences overlapping first..last, by person, as the rules read them."""
    return index_absences(
        [
            Absence(
                r["facilitator_id"],
                date.fromisoformat(r["from_date"]),
                date.fromisoformat(r["to_date"]),
                r["reason"],
            )
            for r in sql.absences_between(store.db, first.isoformat(), last.isoformat())
        ]
    )
