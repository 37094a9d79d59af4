"""Afdrukken: choose what to print and for what (a circle, a meeting, a participant), then see it.

Every document is made by ``budgetkring.documents.kinds.render`` (the command line's ``print``
makes the same); this dialog only builds the ``Request``. Participants are shown by their code,
never by nickname: a nickname appears on paper only when the user ticks "Print nicknames".
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from budgetkring.documents.kinds import (
    KINDS,
    NEEDS,
    WITH_ALIASES,
    Request,
    kind_label,
    next_session,
)
from budgetkring.i18n import _, format_date
from budgetkring.organisation.circles import Circle, list_circles
from budgetkring.participants.assessments import MOMENTS, moment_label
from budgetkring.participants.participants import list_participants
from budgetkring.participants.participants import status_label as participant_status
from budgetkring.planning.sessions import Session, get_session, list_sessions, status_label
from ui.context import AppContext
from ui.fit import Columns, fit_dialog, narrow_combo
from ui.pdf_preview import show_document
from ui.widgets import error_label, fill_circle_box, hint_label, tab_in_shown_order

DEFAULT_KIND = "session-pack"


def meeting_text(session: Session) -> str:
    """A meeting as the chooser shows it: number, theme, date, and its status when not planned."""
    title = f"{session.number}. {session.theme}" if session.number else session.theme
    text = f"{format_date(session.date, 'EEE d MMM yyyy')} — {title}"
    if session.status not in ("planned", "moved"):
        text += f" ({status_label(session.status)})"
    return text


def next_meetings(ctx: AppContext, circles: list[Circle]) -> dict[int, Session | None]:
    """Each circle's next meeting still to take place (None when it has none)."""
    today = ctx.today()
    return {c.id: next_session(ctx.store, c.id, today) for c in circles}


def soonest(circles: list[Circle], upcoming: dict[int, Session | None]) -> int | None:
    """The circle that meets first (the first circle when none has a meeting to come)."""
    planned = [(s.date, s.start, c.id) for c in circles if (s := upcoming.get(c.id))]
    if planned:
        return min(planned)[2]
    return circles[0].id if circles else None


class PrintDialog(QDialog):
    """What to print (a list of kinds) and for what; Preview… shows the document."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        kind: str = DEFAULT_KIND,
        circle_id: int | None = None,
        session_id: int | None = None,
        participant_id: int | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Print"))
        today = ctx.today()
        circles = list_circles(ctx.store, today)
        if session_id is not None:
            circle_id = get_session(ctx.store, session_id, today).circle_id
        elif circle_id is None:
            circle_id = soonest(circles, next_meetings(ctx, circles))

        self.kinds = QListWidget()
        for key in KINDS:
            item = QListWidgetItem(kind_label(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.kinds.addItem(item)
        self.kinds.setMinimumWidth(self.kinds.sizeHintForColumn(0) + 30)
        self.kinds.setMinimumHeight(self.kinds.sizeHintForRow(0) * (len(KINDS) + 1))
        what_label = QLabel(_("&What do you want to print?"))
        what_label.setBuddy(self.kinds)

        self.circle_box = QComboBox()
        fill_circle_box(self.circle_box, circles, circle_id)
        self.session_box = QComboBox()
        self.participant_box = QComboBox()
        self.moment_box = QComboBox()
        for moment in MOMENTS:
            self.moment_box.addItem(moment_label(moment), moment)
        self.large = QCheckBox(_("&Large print"))
        self.aliases = QCheckBox(_("Print &nicknames"))
        self.alias_hint = hint_label(
            _("Nicknames are then on the paper. Keep the paper safe, and do not give it to others.")
        )
        self.problem = error_label()
        self.preview_button = QPushButton(_("&Preview…"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        tab_in_shown_order(buttons)

        self.form = QFormLayout()
        self.form.addRow(_("Ci&rcle:"), self.circle_box)
        self.form.addRow(_("M&eeting:"), self.session_box)
        self.form.addRow(_("P&articipant (code):"), self.participant_box)
        self.form.addRow(_("M&oment:"), self.moment_box)
        self.form.addRow(self.large)
        self.form.addRow(self.aliases)
        self.form.addRow(self.alias_hint)
        left = QVBoxLayout()
        left.addWidget(what_label)
        left.addWidget(self.kinds, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(_("For what:")))
        right.addLayout(self.form)
        right.addWidget(self.problem)
        right.addStretch(1)
        # Side by side when there is room; on a small screen "For what" goes below the list.
        columns = Columns(left, right, stretch=[0, 1])
        layout = QVBoxLayout(self)
        layout.addWidget(columns, 1)
        layout.addWidget(buttons)
        for box in (self.circle_box, self.session_box, self.participant_box, self.moment_box):
            narrow_combo(box)  # a long meeting theme is shortened; the tooltip has it all
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view

        self.kinds.currentRowChanged.connect(lambda _row: self._update())
        self.circle_box.currentIndexChanged.connect(lambda _i: self._circle_changed())
        self._fill_for_circle(session_id, participant_id)
        self.kinds.setCurrentRow(list(KINDS).index(kind if kind in KINDS else DEFAULT_KIND))
        self._update()
        self.kinds.setFocus()

    # --- what is chosen ---------------------------------------------------------------------

    def kind(self) -> str:
        """The kind of document chosen."""
        item = self.kinds.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else DEFAULT_KIND

    def circle(self) -> Circle | None:
        """The circle chosen (None when there are no circles)."""
        return self.circle_box.currentData()

    def request(self) -> Request:
        """What to print, as the core takes it."""
        kind = self.kind()
        need = NEEDS[kind]
        circle = self.circle()
        return Request(
            kind,
            circle_id=circle.id if circle else None,
            session_id=self.session_box.currentData() if need == "session" else None,
            participant_id=self.participant_box.currentData() if need == "participant" else None,
            moment=self.moment_box.currentData(),
            large=self.large.isChecked(),
            with_aliases=kind in WITH_ALIASES and self.aliases.isChecked(),
        )

    # --- keeping the form right -------------------------------------------------------------

    def _circle_changed(self) -> None:
        self._fill_for_circle(None, None)
        self._update()

    def _fill_for_circle(self, session_id: int | None, participant_id: int | None) -> None:
        """Meetings and participant codes of the chosen circle; the next meeting chosen."""
        self.session_box.clear()
        self.participant_box.clear()
        circle = self.circle()
        if circle is None:
            return
        today = self.ctx.today()
        sessions = list_sessions(self.ctx.store, circle.id, today)
        if session_id is None:
            upcoming = next_session(self.ctx.store, circle.id, today)
            # No meeting to come: the last one (its attendance list, say) is the likeliest.
            session_id = upcoming.id if upcoming else (sessions[-1].id if sessions else None)
        for session in sessions:
            self.session_box.addItem(meeting_text(session), session.id)
            if session.id == session_id:
                self.session_box.setCurrentIndex(self.session_box.count() - 1)
        for person in list_participants(self.ctx.store, circle.id, today):
            text = person.code
            if person.status != "active":
                text += f" ({participant_status(person.status)})"
            self.participant_box.addItem(text, person.id)  # the code only, never the nickname
            if person.id == participant_id:
                self.participant_box.setCurrentIndex(self.participant_box.count() - 1)

    def _update(self) -> None:
        kind = self.kind()
        need = NEEDS[kind]
        self.form.setRowVisible(self.session_box, need == "session")
        self.form.setRowVisible(self.participant_box, need == "participant")
        self.form.setRowVisible(self.moment_box, kind == "assessment-sheet")
        may_show = kind in WITH_ALIASES
        if not may_show:
            self.aliases.setChecked(False)
        self.aliases.setEnabled(may_show)
        self.aliases.setToolTip(
            ""
            if may_show
            else _("Only the attendance list and the progress sheet can show nicknames.")
        )
        self.alias_hint.setVisible(may_show)
        problem = self._problem(need)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.preview_button.setEnabled(not problem)

    def _problem(self, need: str) -> str:
        if self.circle() is None:
            return _("There are no circles yet. Add a circle first.")
        if need == "session" and self.session_box.count() == 0:
            return _("This circle has no meetings yet. Plan the meetings first.")
        if need == "participant" and self.participant_box.count() == 0:
            return _("This circle has no participants yet.")
        return ""

    def preview(self) -> None:
        """Make the document and show it (the dialog stays open to print something else)."""
        show_document(self.ctx, self, self.request())


class ChooseCircleDialog(QDialog):
    """Which circle's next meeting to print, each circle with the date it meets next."""

    def __init__(
        self,
        circles: list[Circle],
        upcoming: dict[int, Session | None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(_("Everything for the next meeting"))
        self.circles = QListWidget()
        for circle in circles:
            session = upcoming.get(circle.id)
            when = format_date(session.date, "EEE d MMM yyyy") if session else _("not planned")
            item = QListWidgetItem(f"{circle.name} — {when}")
            item.setData(Qt.ItemDataRole.UserRole, circle.id)
            self.circles.addItem(item)
        self.circles.setMinimumWidth(self.circles.sizeHintForColumn(0) + 40)
        first = soonest(circles, upcoming)
        self.circles.setCurrentRow(next(i for i, c in enumerate(circles) if c.id == first))
        self.circles.itemActivated.connect(lambda _item: self.accept())
        label = QLabel(_("&For which circle?"))
        label.setBuddy(self.circles)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        show = buttons.addButton(_("&Preview…"), QDialogButtonBox.ButtonRole.AcceptRole)
        show.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        tab_in_shown_order(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.circles, 1)
        layout.addWidget(buttons)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view

    def chosen(self) -> int:
        """The id of the circle chosen."""
        return self.circles.currentItem().data(Qt.ItemDataRole.UserRole)


def print_next_meeting(ctx: AppContext, parent: QWidget | None) -> None:
    """Show everything for the next meeting: of the only circle, or of the circle the user
    chooses; say plainly when that circle has no meeting to come."""
    today: date = ctx.today()
    circles = list_circles(ctx.store, today)
    if not circles:
        ctx.prompter.error(
            parent, _("Nothing to print"), _("There are no circles yet. Add a circle first.")
        )
        return
    upcoming = next_meetings(ctx, circles)
    circle_id = circles[0].id
    if len(circles) > 1:
        dialog = ChooseCircleDialog(circles, upcoming, parent)
        if not ctx.prompter.run_dialog(dialog):
            return
        circle_id = dialog.chosen()
    session = upcoming[circle_id]
    if session is None:
        name = next(c.name for c in circles if c.id == circle_id)
        ctx.prompter.error(
            parent,
            _("No meeting to come"),
            _("{circle} has no meeting to come, so there is nothing to print for it.").format(
                circle=name
            ),
        )
        return
    show_document(ctx, parent, Request("session-pack", session_id=session.id))
