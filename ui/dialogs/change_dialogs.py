"""Small forms that change the plan: move a meeting, cancel one, add an extra one.

Conflicts are never silently allowed: the core refuses with each clash in plain words; the form
shows them and offers to go ahead anyway, which the user must choose explicitly.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.planning.sessions import (
    ConflictError,
    Session,
    UnusualTimeError,
    add_extra_session,
    cancel_session,
    move_problems,
    move_session,
    move_warnings,
)
from ui.context import AppContext
from ui.date_field import check_dates
from ui.fit import WrappingRadioButton, fit_dialog
from ui.widgets import date_edit, error_label, tab_in_shown_order


def _qtime(edit: QTimeEdit) -> time:
    value = edit.time()
    return time(value.hour(), value.minute())


class _ChangeDialog(QDialog):
    """Shared layout: a form, a red problem label, OK/Cancel; subclasses do the change."""

    ok_text = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result_session: Session | None = None
        self.form = QFormLayout()
        self.problem = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(
            self.ok_text, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        tab_in_shown_order(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view

    def _run(self, change) -> None:
        """Try ``change(force, unusual_ok)``; on an unusual time, then on conflicts, ask
        whether to go ahead anyway. A no, or any other refusal, shows in red."""
        self.problem.hide()
        force = unusual_ok = False
        while True:
            try:
                self.result_session = change(force, unusual_ok)
                break
            except UnusualTimeError as err:
                if not self.ctx.prompter.confirm(
                    self,
                    _("Unusual time"),
                    _("{problems}\n\nIs this time right?").format(problems=_bullets(err.problems)),
                    _("Yes, this time is right"),
                ):
                    self._show_problem(err.problems)
                    return
                unusual_ok = True
            except ConflictError as err:
                if not self.ctx.prompter.confirm(
                    self,
                    _("This clashes with the calendar"),
                    _("{conflicts}\n\nDo it anyway?").format(conflicts=_bullets(err.conflicts)),
                    _("Do it anyway"),
                ):
                    self._show_problem(err.conflicts)
                    return
                force = True
            except UserError as err:
                self._show_problem([str(err)])
                return
        self.accept()

    def _show_problem(self, problems: list[str]) -> None:
        """Say in red what stops the change (one line, or a bullet per problem); none: hide."""
        if problems:
            self.problem.setText(problems[0] if len(problems) == 1 else _bullets(problems))
        self.problem.setVisible(bool(problems))

    def apply(self) -> None:  # pragma: no cover - overridden
        raise AssertionError

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """The keyboard starts in the first field, not on the buttons. Tab follows the order in
        which widgets joined the dialog, and the buttons joined first (the fields come in each
        subclass): Tab goes from the last field to the buttons and on to the first field, but
        a dialog opens on what comes first."""
        super().showEvent(event)
        focus = self.focusWidget()
        if focus is not None and not self.buttons.isAncestorOf(focus):
            return
        widget = self.buttons.nextInFocusChain()
        while widget is not self.buttons:
            usable = widget.isVisibleTo(self) and widget.isEnabled()
            if usable and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                if not self.buttons.isAncestorOf(widget) and widget is not self:
                    widget.setFocus(Qt.FocusReason.TabFocusReason)
                    return
            widget = widget.nextInFocusChain()


def _bullets(lines: list[str]) -> str:
    return "\n".join("• " + line for line in lines)


def _time_edit(value: time) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    edit.setTime(QTime(value.hour, value.minute))
    return edit


def _time_row(begin: QTimeEdit, end: QTimeEdit) -> QHBoxLayout:
    begin.setAccessibleName(_("Start time"))
    end.setAccessibleName(_("End time"))
    row = QHBoxLayout()
    row.addWidget(begin)
    row.addWidget(QLabel(_("to")))
    row.addWidget(end)
    row.addStretch(1)
    return row


class MoveDialog(_ChangeDialog):
    """Move a meeting to another day and/or time; the reason is kept in its history."""

    def __init__(self, ctx: AppContext, session: Session, parent: QWidget | None = None):
        self.ok_text = _("Move")
        super().__init__(ctx, parent)
        self.session = session
        self.setWindowTitle(_("Move meeting {n}").format(n=session.number))
        self.day = date_edit(session.date)
        self.begin, self.end = _time_edit(session.start), _time_edit(session.end)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("for example: the room is not available"))
        # a red problem is checked again as the user types: it goes when it is solved
        self.day.dateChanged.connect(self._check_again)
        self.begin.timeChanged.connect(self._check_again)
        self.end.timeChanged.connect(self._check_again)
        self.reason.textChanged.connect(self._check_again)
        self.form.addRow(
            _("Now"),
            QLabel(
                f"{format_date(session.date, 'full')}, {session.start:%H:%M}–{session.end:%H:%M}"
            ),
        )
        self.form.addRow(_("New day"), self.day)
        self.form.addRow(_("Time"), _time_row(self.begin, self.end))
        self.form.addRow(_("Reason"), self.reason)

    def apply(self) -> None:
        """Move through the core."""
        if not check_dates(self.day):
            return
        self._run(
            lambda force, unusual_ok: move_session(
                self.ctx.store,
                self.session.id,
                self.day.checked_date(),
                _qtime(self.begin),
                _qtime(self.end),
                self.reason.text(),
                self.ctx.today(),
                force,
                unusual_ok,
            )
        )

    def _check_again(self, *_changed) -> None:
        """While a problem shows, check the move again as it now stands (changes nothing)."""
        if self.problem.isHidden():
            return
        day = self.day.date()
        if day is None:  # the date field says itself what is wrong with it
            self.problem.hide()
            return
        begin, end = _qtime(self.begin), _qtime(self.end)
        problems = move_problems(
            self.ctx.store, self.session.id, day, begin, end, self.reason.text(), self.ctx.today()
        )
        if end > begin:  # what Move would ask about, so the red text stays true
            problems += move_warnings(self.ctx.store, self.session, begin, end)
        self._show_problem(problems)


class CancelDialog(_ChangeDialog):
    """Cancel a meeting: drop its theme, or move it and all later themes one meeting on."""

    def __init__(self, ctx: AppContext, session: Session, parent: QWidget | None = None):
        self.ok_text = _("Cancel meeting")
        super().__init__(ctx, parent)
        # the action itself is cancelling: the way out must not say "cancel" too
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Don't cancel"))
        self.session = session
        self.added: Session | None = None
        self.setWindowTitle(_("Cancel meeting {n}").format(n=session.number))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("for example: both facilitators are ill"))
        # the long choice goes on over more lines instead of being cut off
        self.shift = WrappingRadioButton(
            _(
                "Keep the theme: move '{theme}' and every later theme one meeting on, and add a "
                "meeting at the end"
            ).format(theme=session.theme)
        )
        self.drop = WrappingRadioButton(_("Drop the theme '{theme}'").format(theme=session.theme))
        self.shift.setChecked(True)
        self.no_facilitators = QCheckBox(_("Cancelled because no facilitators could come"))
        # No style sheet on the options: it would undo their 24-pixel rows (ui/app_style.py).
        meeting = QLabel(f"{session.number}. {session.theme} — {format_date(session.date, 'full')}")
        meeting.setWordWrap(True)
        self.form.addRow(_("Meeting"), meeting)
        self.form.addRow(_("Reason"), self.reason)
        self.form.addRow("", self.shift)
        self.form.addRow("", self.drop)
        self.form.addRow("", self.no_facilitators)
        if session.extra:
            self.shift.setEnabled(False)
            self.drop.setChecked(True)

    def apply(self) -> None:
        """Cancel through the core."""
        self.problem.hide()
        try:
            self.added = cancel_session(
                self.ctx.store,
                self.session.id,
                self.reason.text(),
                self.shift.isChecked(),
                self.ctx.today(),
                self.no_facilitators.isChecked(),
            )
        except UserError as err:
            self.problem.setText(str(err))
            self.problem.show()
            return
        self.accept()


class ExtraDialog(_ChangeDialog):
    """Add an extra meeting (no programme theme) to a circle."""

    def __init__(
        self,
        ctx: AppContext,
        circle_id: int,
        day: date,
        begin: time,
        end: time,
        parent: QWidget | None = None,
    ):
        self.ok_text = _("Add meeting")
        super().__init__(ctx, parent)
        self.circle_id = circle_id
        self.setWindowTitle(_("Extra meeting"))
        self.day = date_edit(day)
        self.day.dateChanged.connect(self.problem.hide)
        self.begin, self.end = _time_edit(begin), _time_edit(end)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("for example: a visit to the food bank"))
        self.form.addRow(_("Day"), self.day)
        self.form.addRow(_("Time"), _time_row(self.begin, self.end))
        self.form.addRow(_("What for"), self.reason)

    def apply(self) -> None:
        """Add through the core."""
        if not check_dates(self.day):
            return
        self._run(
            lambda force, _unusual_ok: add_extra_session(
                self.ctx.store,
                self.circle_id,
                self.day.checked_date(),
                _qtime(self.begin),
                _qtime(self.end),
                self.reason.text(),
                self.ctx.today(),
                force,
            )
        )
