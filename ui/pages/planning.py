"""Planning: a circle's meetings as a list and as a year at a glance; plan, change, export."""

from __future__ import annotations

from datetime import time

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from budgetkring.domains import domain_label
from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date, ngettext
from budgetkring.organisation.circles import Circle, list_circles
from budgetkring.planning.sessions import Session, list_sessions, status_label
from budgetkring.staffing.substitutions import (
    Continuity,
    Gap,
    continuity,
    find_gaps,
    stand_in_words,
    substitution_history,
)
from ui.context import AppContext
from ui.fit import FlowLayout, wrap_list
from ui.table_model import RowTableModel
from ui.widgets import choose_circle, fill_circle_box, heading


def session_columns(led_by):
    """The columns of the meetings table; ``led_by`` writes who leads a meeting."""
    return [
        (_("No."), lambda s: s.number or "–"),
        (_("Date"), lambda s: format_date(s.date, "EEE d MMM yyyy")),
        (_("Time"), lambda s: f"{s.start:%H:%M}–{s.end:%H:%M}"),
        (_("Theme"), lambda s: s.theme),
        (_("Life domains"), lambda s: ", ".join(domain_label(d) for d in s.domains)),
        (_("Status"), lambda s: status_label(s.status)),
        (_("Led by"), led_by),
    ]


def continuity_text(c: Continuity) -> str:
    """One line on how steadily a circle was led."""
    if not c.held:
        return _("No meetings held yet.")
    text = _("Led by its own pair at {own} of {held} meetings held").format(
        own=c.by_own_pair, held=c.held
    )
    # Done and still to come apart: a planned stand-in has not stood in yet.
    text += "; " + ngettext("{n} stand-in so far", "{n} stand-ins so far", c.stand_ins).format(
        n=c.stand_ins
    )
    if c.planned_stand_ins:
        text += ", " + _("{n} planned").format(n=c.planned_stand_ins)
    if c.asked_stand_ins:
        text += ", " + _("{n} asked").format(n=c.asked_stand_ins)
    text += "; " + ngettext(
        "{n} meeting cancelled for lack of facilitators",
        "{n} meetings cancelled for lack of facilitators",
        c.cancelled_no_facilitators,
    ).format(n=c.cancelled_no_facilitators)
    return text + "."


class PlanningPage(QWidget):
    """Choose a circle; see and change its year."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        # imported when first used, to keep start-up fast
        from ui.year_view import YearView

        super().__init__(parent)
        self.ctx = ctx
        self.sessions: list[Session] = []
        self.short: dict[int, Gap] = {}  # meetings that miss a facilitator
        self.circle_box = QComboBox()
        self.circle_box.setMinimumWidth(220)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.plan_button = QPushButton(_("Plan the year…"))
        self.open_button = QPushButton(_("Open meeting"))
        self.extra_button = QPushButton(_("Extra meeting…"))
        self.ics_button = QPushButton(_("Export to calendar (.ics)…"))
        self.plan_button.clicked.connect(self.plan)
        self.open_button.clicked.connect(self.open_selected)
        self.extra_button.clicked.connect(self.add_extra)
        self.ics_button.clicked.connect(self.export_ics)

        self.model = RowTableModel(session_columns(self.led_by), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on; arrows move in the table
        self.table.setAccessibleName(_("Meetings"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the theme gets the room
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(4, 170)
        # A long theme or list of life domains goes on over a second line (each cell also has
        # its whole text as tooltip), so "Kennismaken en afspraken" is never cut to "Kennis…".
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(
            lambda index: self.open_session(self.model.row_object(index.row()).id)
        )
        self.year = YearView(today=ctx.today)
        self.year.session_activated.connect(self.open_session)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, _("List"))
        # The year needs room to stay readable: on a small screen it scrolls within its tab.
        year_scroll = QScrollArea()
        year_scroll.setWidgetResizable(True)
        year_scroll.setFrameShape(QFrame.Shape.NoFrame)
        year_scroll.setWidget(self.year)
        self.tabs.addTab(year_scroll, _("Year at a glance"))
        self.standins = wrap_list(QListWidget())
        self.standins.setAccessibleName(_("Stand-ins"))
        self.tabs.addTab(self.standins, _("Stand-ins"))

        top = QHBoxLayout()
        circle_label = QLabel(_("Circle:"))
        circle_label.setBuddy(self.circle_box)
        top.addWidget(circle_label)
        top.addWidget(self.circle_box)
        top.addStretch(1)
        buttons = FlowLayout()  # the buttons wrap on a narrow screen
        for button in (self.plan_button, self.open_button, self.extra_button, self.ics_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Planning")))
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        self.circle_box.currentIndexChanged.connect(self.show_circle)
        self.refresh()

    def led_by(self, session: Session) -> str:
        """Who leads a meeting, with a warning when a facilitator is missing."""
        names = ", ".join(session.facilitators)
        gap = self.short.get(session.id)
        if gap is None:
            return names
        if not names and gap.pair_size == 0:
            return "⚠ " + _("no facilitators yet")
        names = names or _("nobody yet")
        if not gap.open_places:
            return f"⚠ {names} — " + _("stand-in asked, not agreed yet")
        return f"⚠ {names} — " + ngettext(
            "misses {n} facilitator", "misses {n} facilitators", gap.missing
        ).format(n=gap.missing)

    def circle(self) -> Circle | None:
        """The chosen circle."""
        return self.circle_box.currentData()

    def refresh(self) -> None:
        """Reload circles and the chosen circle's meetings."""
        chosen = self.circle()
        circles = list_circles(self.ctx.store, self.ctx.today())
        fill_circle_box(self.circle_box, circles, chosen.id if chosen else None)
        self.show_circle()

    def select_circle(self, circle_id: int) -> None:
        """Show one circle's plan."""
        choose_circle(self.circle_box, circle_id)

    def show_circle(self) -> None:
        """Show the chosen circle's meetings."""
        circle = self.circle()
        self.sessions = list_sessions(self.ctx.store, circle.id, self.ctx.today()) if circle else []
        today = self.ctx.today()
        self.short = (
            {g.session_id: g for g in find_gaps(self.ctx.store, today, circle_id=circle.id)}
            if circle
            else {}
        )
        self.model.set_rows(self.sessions)
        first = self.sessions[0].date if self.sessions else today
        self.year.set_sessions(self.sessions, first.replace(day=1))
        for button in (self.plan_button, self.extra_button):
            button.setEnabled(circle is not None)
        for button in (self.open_button, self.ics_button):
            button.setEnabled(bool(self.sessions))
        if circle is None:
            self.info.setText(_("Add a circle first (page Circles)."))
        elif not self.sessions:
            self.info.setText(
                _("{circle} has no meetings planned yet. Click 'Plan the year…'.").format(
                    circle=circle.name
                )
            )
        else:
            upcoming = [s for s in self.sessions if s.date >= today and s.status != "cancelled"]
            text = (
                _("Next meeting: {date} — {theme}").format(
                    date=format_date(upcoming[0].date, "full"), theme=upcoming[0].theme
                )
                if upcoming
                else _("All meetings have been held.")
            )
            stats = continuity_text(continuity(self.ctx.store, circle.id, today))
            self.info.setText(f"{text}\n{stats}")
        self._fill_standins(circle)

    def _fill_standins(self, circle: Circle | None) -> None:
        """The circle's stand-in history, newest first."""
        self.standins.clear()
        lines = substitution_history(self.ctx.store, circle_id=circle.id) if circle else []
        today = self.ctx.today()
        for line in reversed(lines):
            words = stand_in_words(line, today)  # 'stood in' only once the meeting was held
            self.standins.addItem(f"{format_date(line.date, 'EEE d MMM yyyy')}: {words}")
        if not lines:
            self.standins.addItem(_("Nobody has stood in at this circle yet."))

    def plan(self) -> None:
        """Open the plan dialog."""
        # imported when first used, to keep start-up fast
        from ui.dialogs.plan_dialog import PlanDialog

        circle = self.circle()
        if circle and PlanDialog(self.ctx, circle, self).exec():
            self.show_circle()

    def open_selected(self) -> None:
        """Open the selected meeting (or the next one)."""
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_session(self.model.row_object(rows[0].row()).id)
            return
        upcoming = [s for s in self.sessions if s.date >= self.ctx.today()]
        if upcoming or self.sessions:
            self.open_session((upcoming or self.sessions)[0].id)

    def open_session(self, session_id: int) -> None:
        """Show the meeting page; reload when it changed the plan."""
        # imported when first used, to keep start-up fast
        from ui.dialogs.meeting_dialog import MeetingDialog

        dialog = MeetingDialog(self.ctx, session_id, self)
        dialog.exec()
        if dialog.changed:
            self.show_circle()

    def add_extra(self) -> None:
        """Add an extra meeting."""
        # imported when first used, to keep start-up fast
        from ui.dialogs.change_dialogs import ExtraDialog

        circle = self.circle()
        if circle is None:
            return
        last = self.sessions[-1] if self.sessions else None
        begin, end = (last.start, last.end) if last else (time(13, 30), time(15, 30))
        day = self.ctx.today()
        if ExtraDialog(self.ctx, circle.id, day, begin, end, self).exec():
            self.show_circle()

    def export_ics(self) -> None:
        """Save the circle's meetings as a calendar file."""
        # imported when first used, to keep start-up fast
        from pathlib import Path

        # imported when first used, to keep start-up fast
        from budgetkring.planning.ics import export_circle

        circle = self.circle()
        chosen = self.ctx.prompter.save_file(
            self, _("Export to calendar"), f"{circle.name}.ics", _("Calendar (*.ics)")
        )
        if not chosen:
            return
        try:
            count = export_circle(
                self.ctx.store, circle.id, Path(chosen), self.ctx.today(), replace=True
            )
        except UserError as err:
            self.ctx.prompter.error(self, _("Not exported"), str(err))
            return
        self.ctx.prompter.inform(
            self, _("Exported"), _("{n} meetings written to {path}.").format(n=count, path=chosen)
        )
