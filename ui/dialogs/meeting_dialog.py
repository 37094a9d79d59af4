"""The meeting page: theme, agenda with clock times, materials, notes, history; move, cancel."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from budgetkring.domains import domain_label
from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.planning.programmes import get_template
from budgetkring.planning.restore import restore_effects, restore_session
from budgetkring.planning.sessions import Session, agenda_times, get_session, history, status_label
from budgetkring.staffing.outcomes import stand_in_outcome
from budgetkring.staffing.substitutions import (
    confirm,
    remove_substitution,
    stand_in_words,
    substitution_history,
)
from ui.context import AppContext
from ui.dialogs.change_dialogs import CancelDialog, MoveDialog
from ui.fit import FlowLayout, size_for_screen, wrap_list


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
        stand_in_words(x, ctx.today())
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
        self.text.setAccessibleName(_("The meeting"))
        self.move_button = QPushButton(_("Move…"))
        self.cancel_button = QPushButton(_("Cancel meeting…"))
        self.restore_button = QPushButton(_("Plan again…"))
        self.restore_button.setToolTip(_("The meeting takes place after all."))
        self.restore_button.clicked.connect(self.restore_meeting)
        self.standin_button = QPushButton(_("Find a stand-in…"))
        self.standin_button.clicked.connect(self.find_standin)
        self.pack_button = QPushButton(_("Everything for this meeting"))
        self.pack_button.setToolTip(
            _("The session plan, the attendance list and the hand-outs, ready to print.")
        )
        self.print_button = QPushButton(_("Print…"))
        self.pack_button.clicked.connect(self.print_pack)
        self.print_button.clicked.connect(self.print_other)
        self.move_button.clicked.connect(self.move_meeting)
        self.cancel_button.clicked.connect(self.cancel_meeting)
        self.standins = wrap_list(QListWidget())
        self.standins.setAccessibleName(_("Stand-ins"))
        self.standins.setMaximumHeight(80)
        self.agreed_button = QPushButton(_("Stand-in has agreed"))
        self.remove_standin_button = QPushButton(_("Remove stand-in…"))
        self.agreed_button.clicked.connect(self.mark_agreed)
        self.remove_standin_button.clicked.connect(self.remove_standin)
        self.standins.currentRowChanged.connect(lambda _row: self._update_standin_buttons())
        standin_row = QHBoxLayout()
        standin_row.addWidget(self.standins, 1)
        standin_buttons = QVBoxLayout()
        standin_buttons.addWidget(self.agreed_button)
        standin_buttons.addWidget(self.remove_standin_button)
        standin_buttons.addStretch(1)
        standin_row.addLayout(standin_buttons)
        self.standin_box = QWidget()
        self.standin_box.setLayout(standin_row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = FlowLayout()  # the rows of buttons wrap on a small screen
        row.addWidget(self.move_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.restore_button)
        row.addWidget(self.standin_button)
        row.addStretch(1)
        row.addWidget(close)
        paper_row = FlowLayout()
        paper_row.addWidget(self.pack_button)
        paper_row.addWidget(self.print_button)
        paper_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.standin_box)
        layout.addLayout(paper_row)
        layout.addLayout(row)
        order = [
            self.text,
            self.standins,
            self.agreed_button,
            self.remove_standin_button,
            self.pack_button,
            self.print_button,
            self.move_button,
            self.cancel_button,
            self.restore_button,
            self.standin_button,
            close.button(QDialogButtonBox.StandardButton.Close),
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)  # Tab goes top to bottom, left to right
        size_for_screen(self)
        self.refresh()

    def refresh(self) -> None:
        """Show the meeting as it is now."""
        self.session = get_session(self.ctx.store, self.session_id, self.ctx.today())
        self.setWindowTitle(_("Meeting: {theme}").format(theme=self.session.theme))
        self.text.setHtml(meeting_html(self.ctx, self.session))
        open_ = self.session.status in ("planned", "moved")
        self.move_button.setEnabled(open_)
        self.cancel_button.setEnabled(open_)
        # only a cancelled meeting that is still to come can take place after all
        cancelled = self.session.status == "cancelled"
        self.cancel_button.setVisible(not cancelled)
        self.restore_button.setVisible(cancelled)
        self.restore_button.setEnabled(cancelled and self.session.date >= self.ctx.today())
        self.standin_button.setEnabled(open_)
        self.standins.clear()
        for line in substitution_history(self.ctx.store):
            if line.session_id == self.session_id:
                item = QListWidgetItem(stand_in_words(line, self.ctx.today()))
                item.setData(Qt.ItemDataRole.UserRole, (line.id, line.confirmed))
                self.standins.addItem(item)
        self.standin_box.setVisible(self.standins.count() > 0 and open_)
        if self.standins.count():
            self.standins.setCurrentRow(0)
        self._update_standin_buttons()

    def _chosen_standin(self) -> tuple[int, bool] | None:
        item = self.standins.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _update_standin_buttons(self) -> None:
        chosen = self._chosen_standin()
        self.agreed_button.setEnabled(bool(chosen) and not chosen[1])
        self.remove_standin_button.setEnabled(bool(chosen))

    def mark_agreed(self) -> None:
        """The asked stand-in has said yes."""
        chosen = self._chosen_standin()
        if chosen:
            try:
                confirm(self.ctx.store, chosen[0])
            except UserError as err:
                self.ctx.prompter.error(self, _("Stand-in has agreed"), str(err))
                self.refresh()
                return
            self.changed = True
            self.refresh()
            self.ctx.prompter.notify(
                self, stand_in_outcome(self.ctx.store, chosen[0], self.ctx.today())
            )

    def remove_standin(self) -> None:
        """Take back a stand-in after confirmation (the meeting may miss a facilitator again)."""
        chosen = self._chosen_standin()
        if chosen and self.ctx.prompter.confirm(
            self,
            _("Remove stand-in"),
            _(
                "Remove '{line}'? If nobody else comes, the meeting misses a facilitator again."
            ).format(line=self.standins.currentItem().text()),
            _("Remove"),
        ):
            remove_substitution(self.ctx.store, chosen[0])
            self.changed = True
            self.refresh()

    def move_meeting(self) -> None:
        """Open the move form."""
        if MoveDialog(self.ctx, self.session, self).exec():
            self.changed = True
            self.refresh()

    def find_standin(self) -> None:
        """Choose a stand-in for this meeting."""
        # imported when first used, to keep start-up fast
        from ui.dialogs.standin_dialogs import SuggestDialog

        dialog = SuggestDialog(self.ctx, self.session_id, self)
        if self.ctx.prompter.run_dialog(dialog):
            self.changed = True
            self.refresh()
            self.ctx.prompter.notify(self, dialog.outcome)

    def print_pack(self) -> None:
        """Show the session plan, attendance list and hand-outs of this meeting, to print."""
        # imported when first used: printing loads reportlab and pdfium
        from budgetkring.documents.kinds import Request
        from ui.pdf_preview import show_document

        show_document(self.ctx, self, Request("session-pack", session_id=self.session_id))

    def print_other(self) -> None:
        """Choose something else to print, for this meeting."""
        # imported when first used: printing loads reportlab and pdfium
        from ui.dialogs.print_dialog import PrintDialog

        self.ctx.prompter.run_dialog(PrintDialog(self.ctx, self, session_id=self.session_id))

    def cancel_meeting(self) -> None:
        """Open the cancel form."""
        if CancelDialog(self.ctx, self.session, self).exec():
            self.changed = True
            self.refresh()

    def restore_meeting(self) -> None:
        """Plan a cancelled meeting again, after saying what that changes."""
        try:
            effects = restore_effects(self.ctx.store, self.session_id, self.ctx.today())
        except UserError as err:
            self.ctx.prompter.error(self, _("Plan again"), str(err))
            return
        if not self.ctx.prompter.confirm(
            self,
            _("Plan the meeting again?"),
            "\n\n".join(effects),
            _("Plan again"),
            _("Keep it cancelled"),
        ):
            return
        restore_session(self.ctx.store, self.session_id, "", self.ctx.today())
        self.changed = True
        self.refresh()
