"""Certificates: certifying a trainee who meets every criterion, the register, revoking, and
checking a certificate's number and verification code.

Certifying makes the facilitator's status "certified" in the same transaction, so the staffing
rules (a trainee never leads with only a trainee) use it at once. Revoking the last valid
certificate makes them a trainee again. A certificate that expired is renewed with a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from budgetkring.dates import check_range, from_iso
from budgetkring.errors import UserError
from budgetkring.i18n import N_, _, format_date
from budgetkring.participants.identifiers import describe, find_identifiers
from budgetkring.store import Store
from budgetkring.store import training as sql
from budgetkring.store.organisation import organisation_secret
from budgetkring.text import TEXT_MAX, clean_text
from budgetkring.training import codes
from budgetkring.training.progress import progress
from budgetkring.training.records import check_trainer, criteria_of, known_facilitator

STATE_LABELS = {
    "valid": N_("valid"),
    "expiring": N_("expires soon"),
    "expired": N_("expired"),
    "revoked": N_("revoked"),
}
YEARS_MOST = 10


def state_label(state: str) -> str:
    """The translated word for a certificate's state."""
    return _(STATE_LABELS.get(state, state))


@dataclass
class Certificate:
    """One certificate in the register, with the name and date it was given under."""

    id: int
    number: str
    facilitator_id: int
    name: str
    day: date
    valid_until: date
    trainer: str
    code: str
    revoked_on: date | None = None
    revoke_reason: str = ""

    def state(self, today: date) -> str:
        """valid, expiring, expired or revoked (on ``today``)."""
        return codes.certificate_state(self.valid_until, self.revoked_on is not None, today)

    def to_json(self, today: date) -> dict:
        """As ``register --json`` prints it."""
        return {
            "number": self.number,
            "name": self.name,
            "date": self.day.isoformat(),
            "valid_until": self.valid_until.isoformat(),
            "trainer": self.trainer or None,
            "state": self.state(today),
            "revoked_on": self.revoked_on.isoformat() if self.revoked_on else None,
        }


def _from_row(row: dict) -> Certificate:
    return Certificate(
        row["id"],
        row["number"],
        row["facilitator_id"],
        row["name"],
        date.fromisoformat(row["date"]),
        date.fromisoformat(row["valid_until"]),
        row["trainer_name"],
        row["code"],
        from_iso(row["revoked_at"]),
        row["revoke_reason"],
    )


def register(store: Store) -> list[Certificate]:
    """Every certificate ever given, oldest first."""
    return [_from_row(r) for r in sql.certificate_rows(store.db)]


def certificates_of(store: Store, facilitator_id: int) -> list[Certificate]:
    """A facilitator's certificates, oldest first."""
    return [_from_row(r) for r in sql.certificate_rows(store.db, facilitator_id)]


def find_certificate(store: Store, number: str) -> Certificate:
    """A certificate by its number (as typed); a UserError when there is none."""
    row = sql.certificate_by_number(store.db, codes.normalise_number(number))
    if row is None:
        raise UserError(
            _("There is no certificate with number {number}.").format(number=number.strip())
        )
    return _from_row(row)


def _check_years(years: int) -> int:
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= YEARS_MOST:
        raise UserError(_("A certificate is valid for 1 to {most} years.").format(most=YEARS_MOST))
    return years


def issue(
    store: Store, facilitator_id: int, trainer_id: int | None, day: date, years: int
) -> Certificate:
    """Put a certificate in the register and make the facilitator certified, without looking
    at the criteria (``certify`` checks them first; the demo records one given earlier)."""
    person = known_facilitator(store, facilitator_id)
    trainer = known_facilitator(store, trainer_id) if trainer_id is not None else None
    check_range(day)
    until = codes.valid_until(day, _check_years(years))
    number = codes.next_number(day.year, sql.numbers_of_year(store.db, day.year))
    with store.transaction() as db:
        code = codes.verification_code(organisation_secret(db), number, person.name, day)
        sql.ensure_record(db, facilitator_id, criteria_of(store, facilitator_id).version_id)
        sql.insert_certificate(
            db,
            {
                "number": number,
                "facilitator_id": facilitator_id,
                "name": person.name,
                "date": day.isoformat(),
                "valid_until": until.isoformat(),
                "trainer_id": trainer_id,
                "trainer_name": trainer.name if trainer else "",
                "code": code,
            },
        )
        sql.set_status(db, facilitator_id, "certified")
    return find_certificate(store, number)


def certify(
    store: Store, facilitator_id: int, trainer_id: int, today: date, years: int = 3
) -> Certificate:
    """A trainer certifies a facilitator who meets every criterion: a certificate dated today,
    valid for ``years``, and the status "certified". Refused (naming each missing criterion)
    when a criterion is not met, and while an earlier certificate is still valid."""
    check_trainer(store, trainer_id, facilitator_id)
    person = known_facilitator(store, facilitator_id)
    _check_years(years)
    if person.status == "stopped":
        raise UserError(_("{name} has stopped and cannot be certified.").format(name=person.name))
    for earlier in certificates_of(store, facilitator_id):
        if earlier.state(today) in ("valid", "expiring"):
            raise UserError(
                _(
                    "{name} already has a valid certificate ({number}, valid until {date}). "
                    "A new one can be given once it has expired."
                ).format(
                    name=person.name,
                    number=earlier.number,
                    date=format_date(earlier.valid_until, "medium"),
                )
            )
    where = progress(store, facilitator_id, today)
    if not where.ready:
        raise UserError(
            _("{name} cannot get the certificate yet. {missing}").format(
                name=person.name, missing=where.missing()
            )
        )
    return issue(store, facilitator_id, trainer_id, today, years)


def revoke(store: Store, number: str, reason: str, today: date) -> Certificate:
    """Revoke a certificate, with the reason; when the facilitator has no other valid
    certificate, they are no longer certified (their status becomes "in training")."""
    certificate = find_certificate(store, number)
    if certificate.revoked_on is not None:
        raise UserError(
            _("Certificate {number} was already revoked on {date}.").format(
                number=certificate.number, date=format_date(certificate.revoked_on, "medium")
            )
        )
    text = clean_text(reason, _("The reason"), TEXT_MAX)
    if not text:
        raise UserError(_("Say why the certificate is revoked."))
    found = find_identifiers(text)
    if found:
        raise UserError(describe(found))
    others = [
        c
        for c in certificates_of(store, certificate.facilitator_id)
        if c.number != certificate.number and c.state(today) in ("valid", "expiring")
    ]
    person = known_facilitator(store, certificate.facilitator_id)
    with store.transaction() as db:
        sql.revoke_certificate(db, certificate.number, today.isoformat(), text)
        if not others and person.status == "certified":
            sql.set_status(db, person.id, "trainee")
    return find_certificate(store, certificate.number)


@dataclass
class Verification:
    """The outcome of checking a number and code: valid, unknown, changed, expired or revoked."""

    outcome: str
    number: str
    certificate: Certificate | None = None

    @property
    def valid(self) -> bool:
        """Whether the certificate is real and in force."""
        return self.outcome == "valid"

    def message(self) -> str:
        """The outcome in one plain sentence."""
        c = self.certificate
        if self.outcome == "unknown" or c is None:
            return _("Not valid: there is no certificate with number {number}.").format(
                number=self.number
            )
        if self.outcome == "changed":
            return _(
                "Not valid: this code does not belong to certificate {number}. "
                "Check every character."
            ).format(number=c.number)
        if self.outcome == "revoked":
            return _("Not valid: certificate {number} of {name} was revoked on {date}.").format(
                number=c.number, name=c.name, date=format_date(c.revoked_on, "medium")
            )
        if self.outcome == "expired":
            return _("Not valid: certificate {number} of {name} expired after {date}.").format(
                number=c.number, name=c.name, date=format_date(c.valid_until, "medium")
            )
        return _(
            "Valid: certificate {number} of {name}, given on {date}, valid until {until}."
        ).format(
            number=c.number,
            name=c.name,
            date=format_date(c.day, "medium"),
            until=format_date(c.valid_until, "medium"),
        )


def verify(store: Store, number: str, code: str, today: date) -> Verification:
    """Check a certificate's number and verification code (dashes and case do not matter).

    The code is computed again from the register's number, name and date under the
    organisation's secret, so a changed character, name or date fails.
    """
    shown = codes.normalise_number(number)
    row = sql.certificate_by_number(store.db, shown) if codes.is_number(shown) else None
    if row is None:
        return Verification("unknown", shown or number)
    certificate = _from_row(row)
    real = codes.code_matches(
        organisation_secret(store.db), certificate.number, certificate.name, certificate.day, code
    )
    if not real:
        return Verification("changed", certificate.number, certificate)
    state = certificate.state(today)
    outcome = "valid" if state == "expiring" else state
    return Verification(outcome, certificate.number, certificate)
