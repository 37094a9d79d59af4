"""The meeting page: theme, agenda with clock times, materials, notes, history; move, cancel."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from budgetkring.domains import domain_label
from budgetkring.i18n import _, format_date
from budgetkring.programmes import get_template
from budgetkring.sessions import Session, agenda_times, get_session, history, status_label
from budgetkring.substitutions import substitution_history
from ui.context import AppContext
from ui.dialogs.change_dialogs import CancelDialog, MoveDialog


def meeting_html(ctx: AppContext, session: Session) -> str:
    """The meeting page's content as simple HTML (also what a test reads)."""
    template = get_template(ctx.store, session.template_id) if session.template_id else None
    title = f"{session.number}. {session.theme}" if session.number else session.theme
    parts = [
        f"<h2>{escape(title)}</h2>",
        "<p>"
        + escape(
            f"{session.circle_name} — {format_date(session.date, 'full')}, "
            f"{session.start:%H:%M}–{session.end:%H:%M}"
        )
        + "<br>",
        escape(_("Status: {status}").format(status=status_label(session.status))) + "<br>",
        escape(
            _("Led by: {names}").format(names=", ".join(session.facilitators) or _("nobody yet"))
        )
        + "</p>",
    ]
    if template:
        domains = ", ".join(domain_label(d) for d in template.domains)
        parts.append("<p>" + escape(_("Life domains: {domains}").format(domains=domains)) + "</p>")
        parts.append(_section(_("Aims"), template.aims))
        rows = "".join(
            f"<tr><td>{begin:%H:%M}–{end:%H:%M}&nbsp;&nbsp;</td><td>{escape(text)}</td></tr>"
            for begin, end, text in agenda_times(
                session.start, [(b.title, b.minutes) for b in template.agenda]
            )
        )
        parts.append(f"<h3>{escape(_('Agenda'))}</h3><table>{rows}</table>")
        parts.append(_section(_("Materials"), template.materials))
        parts.append(_section(_("Hand-outs"), template.handouts))
        if template.facilitator_notes:
            parts.append(
                f"<h3>{escape(_('Notes for facilitators'))}</h3>"
                f"<p>{escape(template.facilitator_notes)}</p>"
            )
    stand_ins = [
        (
            _("{name} stands in for {other}").format(name=x.in_name, other=x.out_name)
            if x.out_name
            else _("{name} stands in").format(name=x.in_name)
        )
        + ("" if x.confirmed else " " + _("(asked, not confirmed yet)"))
        for x in substitution_history(ctx.store)
        if x.session_id == session.id
    ]
    parts.insert(4, _section(_("Stand-ins"), stand_ins))
    lines = [
        f"{line.at:%d-%m-%Y %H:%M} — {line.text}" + (f" ({line.reason})" if line.reason else "")
        for line in history(ctx.store, session.id)
    ]
    parts.append(_section(_("History"), lines))
    return "\n".join(parts)


def _section(title: str, items: list[str]) -> str:
    if not items:
        return ""
    body = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f"<h3>{escape(title)}</h3><ul>{body}</ul>"


class MeetingDialog(QDialog):
    """One meeting, readable at a glance, with Move and Cancel for meetings still to come."""

    def __init__(self, ctx: AppContext, session_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session_id = session_id
        self.changed = False
        self.resize(640, 620)
        self.text = QTextBrowser()
        self.move_button = QPushButton(_("Move…"))
        self.cancel_button = QPushButton(_("Cancel meeting…"))
        self.standin_button = QPushButton(_("Find a stand-in…"))
        self.standin_button.clicked.connect(self.find_standin)
        self.move_button.clicked.connect(self.move_meeting)
        self.cancel_button.clicked.connect(self.cancel_meeting)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.move_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.standin_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        """Show the meeting as it is now."""
        self.session = get_session(self.ctx.store, self.session_id, self.ctx.today())
        self.setWindowTitle(_("Meeting: {theme}").format(theme=self.session.theme))
        self.text.setHtml(meeting_html(self.ctx, self.session))
        open_ = self.session.status in ("planned", "moved")
        self.move_button.setEnabled(open_)
        self.cancel_button.setEnabled(open_)
        self.standin_button.setEnabled(open_)

    def move_meeting(self) -> None:
        """Open the move form."""
        if MoveDialog(self.ctx, self.session, self).exec():
            self.changed = True
            self.refresh()

    def find_standin(self) -> None:
        """Choose a stand-in for this meeting."""
        from ui.dialogs.standin_dialogs import SuggestDialog

        if SuggestDialog(self.ctx, self.session_id, self).exec():
            self.changed = True
            self.refresh()

    def cancel_meeting(self) -> None:
        """Open the cancel form."""
        if CancelDialog(self.ctx, self.session, self).exec():
            self.changed = True
            self.refresh()
