"""The organisation this database belongs to."""

from __future__ import annotations

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.store import Store
from budgetkring.store import organisation as sql
from budgetkring.text import NAME_MAX, clean_text


def organisation_name(store: Store) -> str:
    """The organisation's name ("" until named)."""
    return sql.organisation_name(store.db)


def rename_organisation(store: Store, name: str) -> None:
    """Give the organisation a name."""
    name = clean_text(name, _("The name"), NAME_MAX)
    if not name:
        raise UserError(_("Fill in the name of your organisation."))
    with store.transaction() as db:
        sql.set_organisation_name(db, name)
