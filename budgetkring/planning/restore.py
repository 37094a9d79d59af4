"""Plan a cancelled meeting again (un-cancel), keeping its history.

When the cancellation moved the themes on (``cancel_session(shift_themes=True)``), planning it
again moves them back and removes the meeting that was added at the end, so the plan is as it
was before; a theme that was dropped simply comes back with the meeting.
"""

from __future__ import annotations

from datetime import date

from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.planning.sessions import (
    ConflictError,
    Session,
    find_conflicts,
    get_session,
    list_sessions,
)
from budgetkring.store import Store
from budgetkring.store import sessions as sql
from budgetkring.store import substitutions as substitution_sql
from budgetkring.text import TEXT_MAX, clean_text


def _restore_chain(store: Store, session_id: int, today: date) -> tuple[Session, list[Session]]:
    """The cancelled meeting and the later meetings its themes move back through (empty when
    they do not); a UserError when it cannot be planned again."""
    session = get_session(store, session_id, today)
    if session.status != "cancelled":
        raise UserError(_("This meeting has not been cancelled."))
    if session.date < today:
        raise UserError(_("The day of this meeting has passed; it cannot be planned again."))
    conflicts = find_conflicts(
        store, session, session.circle_id, session.date, session.start, session.end, today
    )
    if conflicts:
        raise ConflictError(conflicts)
    later = [
        s
        for s in list_sessions(store, session.circle_id, today)
        if s.status in ("planned", "moved")
        and not s.extra
        and (s.date, s.start, s.id) > (session.date, session.start, session.id)
    ]
    shift_back = not session.extra and bool(later) and _themes_were_shifted(store, session, later)
    return session, later if shift_back else []


def restore_effects(store: Store, session_id: int, today: date) -> list[str]:
    """What planning a cancelled meeting again would change, in plain words; changes nothing.

    Refuses as ``restore_session`` does.
    """
    session, later = _restore_chain(store, session_id, today)
    lines = [
        _("The meeting of {date}, {start}–{end}, takes place again.").format(
            date=format_date(session.date, "full"),
            start=f"{session.start:%H:%M}",
            end=f"{session.end:%H:%M}",
        )
    ]
    if later:
        lines.append(
            _(
                "The themes moved on when it was cancelled; they move back one meeting. "
                "The last meeting, on {date}, is no longer needed and is removed."
            ).format(date=format_date(later[-1].date, "full"))
        )
    return lines


def restore_session(store: Store, session_id: int, reason: str, today: date) -> Session:
    """Plan a cancelled meeting again; its history keeps the cancellation and says so.

    Refused when the meeting is not cancelled, its day has passed, or it now clashes with the
    calendar (``ConflictError``). When its cancellation moved the themes on, they move back:
    the meeting takes the theme of the next meeting again, each later meeting the theme of
    the one after it, and the last meeting, left without a theme, is removed — the plan is as
    it was before the cancellation. When the theme was dropped, it simply comes back.
    """
    reason = clean_text(reason, _("The reason"), TEXT_MAX)
    session, later = _restore_chain(store, session_id, today)
    shift_back = bool(later)
    detail: dict[str, object] = {
        "cause": "restored",
        "date": session.date.isoformat(),
        "start": session.start.strftime("%H:%M"),
    }
    moved = any(r["kind"] == "moved" for r in sql.event_rows(store.db, session_id))
    why = reason or _("Meeting {date} takes place again.").format(
        date=format_date(session.date, "medium")
    )
    with store.transaction() as db:
        sql.update_session(db, session_id, {"status": "moved" if moved else "planned"})
        if shift_back:
            last = later[-1]
            detail["removed_date"] = last.date.isoformat()
            dropped = substitution_sql.drop_session_substitutions(db, last.id)
            if dropped:
                detail["stand_ins_removed"] = dropped
        sql.add_event(db, session_id, "replanned", detail, reason)
        if shift_back:
            chain = [session, *later]
            for s, successor in zip(chain, chain[1:], strict=False):
                if s.template_id != successor.template_id:
                    sql.update_session(db, s.id, {"template_id": successor.template_id})
                    themes = {"old_theme": s.theme, "theme": successor.theme}
                    sql.add_event(db, s.id, "theme", themes, why)
            sql.delete_session(db, later[-1].id)
    return get_session(store, session_id, today)


def _themes_were_shifted(store: Store, session: Session, later: list[Session]) -> bool:
    """Did the (latest) cancellation of this meeting move its theme and later ones on?"""
    cancels = [r for r in sql.event_rows(store.db, session.id) if r["kind"] == "cancelled"]
    if cancels and "shifted" in cancels[-1]["detail"]:
        return bool(cancels[-1]["detail"]["shifted"])
    # cancelled before this was recorded: the next meeting carrying its theme tells
    return later[0].template_id == session.template_id
