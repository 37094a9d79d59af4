"""Small forms that change the plan: move a meeting, cancel one, add an extra one.

Conflicts are never silently allowed: the core refuses with each clash in plain words; the form
shows them and offers to go ahead anyway, which the user must choose explicitly.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.planning.sessions import (
    ConflictError,
    Session,
    add_extra_session,
    cancel_session,
    move_session,
)
from ui.context import AppContext
from ui.widgets import date_edit, error_label


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
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _run(self, change) -> None:
        """Try the change; on conflicts ask whether to go ahead anyway."""
        self.problem.hide()
        try:
            self.result_session = change(False)
        except ConflictError as err:
            text = "\n".join(["• " + c for c in err.conflicts])
            if not self.ctx.prompter.confirm(
                self,
                _("This clashes with the calendar"),
                _("{conflicts}\n\nDo it anyway?").format(conflicts=text),
                _("Do it anyway"),
            ):
                self.problem.setText(text)
                self.problem.show()
                return
            self.result_session = change(True)
        except UserError as err:
            self.problem.setText(str(err))
            self.problem.show()
            return
        self.accept()

    def apply(self) -> None:  # pragma: no cover - overridden
        raise AssertionError


def _time_edit(value: time) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    edit.setTime(QTime(value.hour, value.minute))
    return edit


def _time_row(begin: QTimeEdit, end: QTimeEdit) -> QHBoxLayout:
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
        self._run(
            lambda force: move_session(
                self.ctx.store,
                self.session.id,
                self.day.date().toPython(),
                _qtime(self.begin),
                _qtime(self.end),
                self.reason.text(),
                self.ctx.today(),
                force,
            )
        )


class CancelDialog(_ChangeDialog):
    """Cancel a meeting: drop its theme, or move it and all later themes one meeting on."""

    def __init__(self, ctx: AppContext, session: Session, parent: QWidget | None = None):
        self.ok_text = _("Cancel meeting")
        super().__init__(ctx, parent)
        self.session = session
        self.added: Session | None = None
        self.setWindowTitle(_("Cancel meeting {n}").format(n=session.number))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("for example: both facilitators are ill"))
        self.shift = QRadioButton(
            _(
                "Keep the theme: move '{theme}' and every later theme one meeting on, and add a "
                "meeting at the end"
            ).format(theme=session.theme)
        )
        self.drop = QRadioButton(_("Drop the theme '{theme}'").format(theme=session.theme))
        self.shift.setChecked(True)
        self.no_facilitators = QCheckBox(_("Cancelled because no facilitators could come"))
        for button in (self.shift, self.drop):
            button.setStyleSheet("QRadioButton { padding: 2px; }")
        self.form.addRow(
            _("Meeting"),
            QLabel(f"{session.number}. {session.theme} — {format_date(session.date, 'full')}"),
        )
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
        self.begin, self.end = _time_edit(begin), _time_edit(end)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("for example: a visit to the food bank"))
        self.form.addRow(_("Day"), self.day)
        self.form.addRow(_("Time"), _time_row(self.begin, self.end))
        self.form.addRow(_("What for"), self.reason)

    def apply(self) -> None:
        """Add through the core."""
        self._run(
            lambda force: add_extra_session(
                self.ctx.store,
                self.circle_id,
                self.day.date().toPython(),
                _qtime(self.begin),
                _qtime(self.end),
                self.reason.text(),
                self.ctx.today(),
                force,
            )
        )
