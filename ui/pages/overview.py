"""Overzicht: every circle at a glance, and what needs attention first."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from budgetkring.i18n import _, format_date, ngettext
from budgetkring.organisation.circles import list_circles, status_label
from budgetkring.organisation.organisation import organisation_name
from budgetkring.planning.sessions import next_sessions
from ui.context import AppContext
from ui.table_model import RowTableModel
from ui.widgets import heading, hint_label


class OverviewPage(QWidget):
    """The first page: attention items on top, then the circles with their status.

    With ``attention_later`` (the app's first window) the attention items are worked out just
    after the page is first painted, so the window appears without waiting for them.
    """

    open_circle = Signal(int)
    open_plan = Signal(int)
    open_participants = Signal(int)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, attention_later: bool = False
    ):
        super().__init__(parent)
        self.ctx = ctx
        self._attention_pending = attention_later
        self.title = heading("")
        self.print_button = QPushButton(_("Everything for the next meeting"))
        self.print_button.setToolTip(
            _("The session plan, the attendance list and the hand-outs, ready to print.")
        )
        self.print_button.clicked.connect(self.print_next_meeting)
        self.attention_label = QLabel()
        self.attention = QListWidget()
        self.attention.setWordWrap(True)
        self.attention.setAccessibleName(_("What needs attention"))
        # One click solves it; Enter does the same for keyboard users.
        self.attention.itemClicked.connect(self._activate)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.attention)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._activate_current)
        self.gap_label = QLabel()
        self.gap_label.setWordWrap(True)
        self.gap_label.setStyleSheet("color: #8a1c00; font-weight: bold;")
        self.fill_button = QPushButton(_("Fill all gaps…"))
        self.fill_button.clicked.connect(self.fill_all)
        self.model = RowTableModel(
            [
                (_("Circle"), lambda c: c.name),
                (_("Municipality"), lambda c: c.municipality),
                (_("Status"), lambda c: status_label(c.status)),
                (_("Next meeting"), lambda c: self._next(c.id)),
                (_("Facilitators"), lambda c: ", ".join(c.facilitators) or _("none yet")),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on; arrows move in the table
        self.table.setAccessibleName(_("Circles"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(
            lambda index: self.open_plan.emit(self.model.row_object(index.row()).id)
        )
        self._upcoming: dict = {}

        layout = QVBoxLayout(self)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.print_button)
        layout.addLayout(title_row)
        # With no circles yet the page says what to do first (like Planning does).
        self.empty_note = hint_label(
            _(
                "There are no circles yet. Start like this: first add the facilitators (page "
                "Facilitators). Then add a circle (page Circles) and choose its two "
                "facilitators. Then plan its year (page Planning)."
            )
        )
        self.first_steps_button = QPushButton(_("Read the first steps"))
        self.first_steps_button.clicked.connect(self.show_first_steps)
        empty_row = QHBoxLayout()
        empty_row.addWidget(self.empty_note, 1)
        empty_row.addWidget(self.first_steps_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(empty_row)
        gap_row = QHBoxLayout()
        gap_row.addWidget(self.gap_label, 1)
        gap_row.addWidget(self.fill_button)
        layout.addLayout(gap_row)
        layout.addWidget(self.attention_label)
        layout.addWidget(self.attention)
        layout.addWidget(QLabel(_("Circles")))
        layout.addWidget(self.table, 1)
        if self._attention_pending:
            self.gap_label.hide()
            self.fill_button.hide()
            self.attention.hide()
            self._refresh_circles()
        else:
            self.refresh()

    def show_first_steps(self) -> None:
        """Open the help on the first steps (loaded now: start-up does not need it)."""
        from ui.help import FIRST_STEPS, open_help

        open_help(self.ctx, self, FIRST_STEPS)

    def refresh(self) -> None:
        """Reload circles and attention items (meetings without two facilitators first)."""
        self._attention_pending = False
        self._refresh_circles()
        self._refresh_attention()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        """The first paint is done: now work out what needs attention (``attention_later``)."""
        super().paintEvent(event)
        if self._attention_pending:
            QTimer.singleShot(0, self._attention_after_paint)

    def _attention_after_paint(self) -> None:
        if self._attention_pending:  # not yet done by a refresh in the meantime
            self._attention_pending = False
            self._refresh_attention()

    def _refresh_circles(self) -> None:
        name = organisation_name(self.ctx.store)
        self.title.setText(name or _("Overview"))
        today = self.ctx.today()
        self._upcoming = next_sessions(self.ctx.store, today)
        self.model.set_rows(list_circles(self.ctx.store, today))
        self.empty_note.setVisible(self.model.rowCount() == 0)
        self.first_steps_button.setVisible(self.model.rowCount() == 0)

    def _refresh_attention(self) -> None:
        # imported when first used: the window appears before these rules are loaded
        from budgetkring.organisation.overview import attention_items

        today = self.ctx.today()
        items = attention_items(self.ctx.store, today, self.ctx.settings.retention_months)
        gaps = [item for item in items if item.kind == "gap"]
        self.gap_label.setText(
            ngettext(
                "{n} meeting misses a facilitator. Click it to choose a stand-in.",
                "{n} meetings miss a facilitator. Click one to choose a stand-in.",
                len(gaps),
            ).format(n=len(gaps))
        )
        self.gap_label.setVisible(bool(gaps))
        self.fill_button.setVisible(len(gaps) > 1)
        self.attention.clear()
        for item in items:
            row = QListWidgetItem(("⚠ " if item.kind == "gap" else "• ") + item.message)
            row.setData(Qt.ItemDataRole.UserRole, (item.circle_id, item.kind, item.session_id))
            if item.kind == "gap":
                font = row.font()
                font.setBold(True)
                row.setFont(font)
            elif item.kind == "asked":
                row.setToolTip(
                    _(
                        "Opens the meeting. When the stand-in has said yes, click "
                        "'Stand-in has agreed'."
                    )
                )
            self.attention.addItem(row)
        self.attention.setVisible(bool(items))
        self.attention.setMaximumHeight(24 + 28 * min(len(items), 6))
        self.attention_label.setText(
            ngettext("{n} thing needs attention:", "{n} things need attention:", len(items)).format(
                n=len(items)
            )
            if items
            else _("Nothing needs attention right now.")
        )

    def solve_gap(self, session_id: int) -> None:
        """Choose a stand-in for a meeting that misses a facilitator."""
        # imported when first used, to keep start-up fast
        from ui.dialogs.standin_dialogs import SuggestDialog

        dialog = SuggestDialog(self.ctx, session_id, self)
        if self.ctx.prompter.run_dialog(dialog):
            self.refresh()
            self.ctx.prompter.notify(self, dialog.outcome)

    def open_meeting(self, session_id: int) -> None:
        """Open a meeting's page (where an asked stand-in is marked as agreed)."""
        # imported when first used, to keep start-up fast
        from ui.dialogs.meeting_dialog import MeetingDialog

        dialog = MeetingDialog(self.ctx, session_id, self)
        self.ctx.prompter.run_dialog(dialog)
        if dialog.changed:
            self.refresh()

    def choose_pair(self, circle_id: int) -> None:
        """Open the form that chooses a circle's two facilitators."""
        # imported when first used, to keep start-up fast
        from ui.dialogs.pair_dialog import PairDialog

        circle = next(
            (c for c in list_circles(self.ctx.store, self.ctx.today()) if c.id == circle_id), None
        )
        if circle is not None and self.ctx.prompter.run_dialog(PairDialog(self.ctx, circle, self)):
            self.refresh()

    def add_facilitator(self) -> None:
        """Open the form for a new facilitator (there are none yet)."""
        # imported when first used, to keep start-up fast
        from ui.dialogs.facilitator_dialog import FacilitatorDialog

        dialog = FacilitatorDialog(self.ctx, None, self)
        if self.ctx.prompter.run_dialog(dialog) and dialog.saved:
            self.refresh()

    def fill_all(self) -> None:
        """Propose a stand-in for every open place at once."""
        # imported when first used, to keep start-up fast
        from ui.dialogs.standin_dialogs import open_fill_gaps

        open_fill_gaps(self.ctx, self, lambda _saved: self.refresh())

    def print_next_meeting(self) -> None:
        """Show everything the next meeting needs on paper (asks which circle when there are
        several)."""
        # imported when first used: printing loads reportlab and pdfium, start-up does not
        from ui.dialogs.print_dialog import print_next_meeting

        print_next_meeting(self.ctx, self)

    def clean_up(self, circle_id: int, text: str) -> None:
        """Remove the participant data of a long-finished circle, after a clear confirmation."""
        if not self.ctx.prompter.confirm(
            self,
            _("Remove participant data"),
            text.lstrip("• ")
            + "\n\n"
            + _(
                "Attendance, self-assessments, goals and nicknames of its participants are "
                "removed for good. The number of participants, the attendance rate and the "
                "average change per life domain are kept."
            ),
            _("Remove for good"),
        ):
            return
        from budgetkring.participants.privacy import apply_retention

        apply_retention(
            self.ctx.store, self.ctx.today(), self.ctx.settings.retention_months, circle_id
        )
        self.refresh()

    def _next(self, circle_id: int) -> str:
        day = self._upcoming.get(circle_id)
        return format_date(day, "EEE d MMM yyyy") if day else _("not planned")

    def _activate_current(self) -> None:
        if self.attention.currentItem() is not None:
            self._activate(self.attention.currentItem())

    def _activate(self, item: QListWidgetItem) -> None:
        circle_id, kind, session_id = item.data(Qt.ItemDataRole.UserRole)
        if kind == "gap":
            self.solve_gap(session_id)
        elif kind == "asked":
            self.open_meeting(session_id)
        elif kind == "pair":
            self.choose_pair(circle_id)
        elif kind == "no_facilitators":
            self.add_facilitator()
        elif kind == "retention":
            self.clean_up(circle_id, item.text())
        elif kind == "absent":
            self.open_participants.emit(circle_id)
        elif circle_id is not None:
            (self.open_plan if kind == "plan" else self.open_circle).emit(circle_id)
