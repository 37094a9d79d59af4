"""Coördinatie: the coordinator's dashboard. Every circle on one line with what needs attention
in plain words, riskiest first; filters by town and status; the attendance per month of the
chosen circle as a chart.

The rules and the risk score are in ``budgetkring.exchange.dashboard``; this page shows them.
Its data is read on the GUI thread: a few set-based queries, about 70 ms for 300 circles and
60,000 attendance marks (``bench/``), well under what a user notices, so no background task.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from budgetkring.documents.attendance_chart import monthly_attendance
from budgetkring.exchange.dashboard import (
    ATTENDANCE_THRESHOLD,
    DashboardRow,
    dashboard,
    filter_rows,
    last_data_words,
    percent,
    towns,
)
from budgetkring.i18n import _, ngettext
from budgetkring.organisation.circles import STATUSES, status_label
from ui.attendance_chart import AttendanceChartView
from ui.context import AppContext
from ui.fit import FlowLayout, narrow_combo
from ui.widgets import heading, hint_label, row_table

RISK_COLUMN = 0


Column = tuple[str, Callable[[DashboardRow], str], Callable[[DashboardRow], Any]]


def dashboard_columns(today: Callable[[], date]) -> list[Column]:
    """The columns: (header, text of a row, sort key of a row), the risk first.

    A first click on a header sorts ascending; the keys of risk and of the data received are
    turned round so that this puts the riskiest and the longest silent circles on top.
    """
    return [
        (_("Risk"), lambda r: str(r.risk), lambda r: -r.risk),
        (_("Circle"), lambda r: r.facts.name, lambda r: r.facts.name.casefold()),
        (_("Place"), lambda r: r.facts.town, lambda r: r.facts.town.casefold()),
        (
            _("Status"),
            lambda r: status_label(r.facts.status),
            lambda r: STATUSES.index(r.facts.status) if r.facts.status in STATUSES else 9,
        ),
        (_("Participants"), lambda r: str(r.facts.participants), lambda r: r.facts.participants),
        (
            _("Attendance"),
            lambda r: "–" if r.attendance_rate is None else percent(r.attendance_rate),
            lambda r: -1.0 if r.attendance_rate is None else r.attendance_rate,
        ),
        (
            _("Data received"),
            lambda r: last_data_words(r.facts.received, today()),
            lambda r: 1 if r.days_silent is None else -r.days_silent,
        ),
        (_("Needs attention"), lambda r: r.attention_words(), lambda r: r.attention_words()),
    ]


class DashboardModel(QAbstractTableModel):
    """The dashboard's rows as a table that sorts on any column (the risk first)."""

    NUMBERS = (0, 4, 5)  # right-aligned columns

    def __init__(self, columns: list[Column], parent: QWidget | None = None):
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[DashboardRow] = []
        self._order = (RISK_COLUMN, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: list[DashboardRow]) -> None:
        """Show these rows, in the order chosen last."""
        self.beginResetModel()
        self._rows = self._sorted(rows)
        self.endResetModel()

    def row_object(self, row: int) -> DashboardRow:
        """The dashboard row shown in a row."""
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: D102
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._columns[index.column()][1](self._rows[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on a column (a click on its header); equal values stay in order of name."""
        self.layoutAboutToBeChanged.emit()
        self._order = (column, order)
        before, kept = self._rows, self.persistentIndexList()
        self._rows = self._sorted(before)
        place = {id(row): n for n, row in enumerate(self._rows)}
        # The chosen row moves with its circle, not stay at its row number.
        moved = [self.index(place[id(before[i.row()])], i.column()) for i in kept]
        self.changePersistentIndexList(kept, moved)
        self.layoutChanged.emit()

    def _sorted(self, rows: list[DashboardRow]) -> list[DashboardRow]:
        column, order = self._order
        by_name = sorted(rows, key=lambda r: r.facts.name.casefold())
        key = self._columns[column][2]
        return sorted(by_name, key=key, reverse=order == Qt.SortOrder.DescendingOrder)


class CoordinationPage(QWidget):
    """All circles at a glance: a filtered, sortable table and the chosen circle's attendance."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[DashboardRow] = []
        self.town_box = narrow_combo(QComboBox(), 14)
        self.status_box = narrow_combo(QComboBox(), 12)
        self.status_box.addItem(_("All statuses"), None)
        for status in STATUSES:
            self.status_box.addItem(status_label(status), status)
        town_label, status_label_ = QLabel(_("Place:")), QLabel(_("Status:"))
        town_label.setBuddy(self.town_box)
        status_label_.setBuddy(self.status_box)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.model = DashboardModel(dashboard_columns(ctx.today), self)
        self.table = row_table(self.model)
        self.table.setAccessibleName(_("Circles"))
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSortIndicator(RISK_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.empty_note = hint_label(
            _(
                "There are no circles yet. They appear here when you add a circle (page "
                "Circles) or when a facilitator sends the data of their circle."
            )
        )
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.chart_title = QLabel()
        self.chart_title.setWordWrap(True)
        self.chart = AttendanceChartView()
        self.legend = hint_label(
            _(
                "Each bar is a month, with the share of participants who came. A hatched bar "
                "is below {threshold}; the dashed line is at {threshold}. – means: no meeting."
            ).format(threshold=percent(ATTENDANCE_THRESHOLD))
        )

        self.report_button = QPushButton(_("Report for funders…"))
        self.export_button = QPushButton(_("Export data…"))
        self.report_button.clicked.connect(self.open_report)
        self.export_button.clicked.connect(self.open_export)
        actions = FlowLayout()  # the buttons wrap on a narrow screen
        actions.addWidget(self.report_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)

        filters = FlowLayout()  # the choosers wrap on a narrow screen
        for widget in (town_label, self.town_box, status_label_, self.status_box):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Coordination")))
        layout.addWidget(
            hint_label(
                _(
                    "All circles, the ones that need attention most at the top. Choose a "
                    "circle to see its attendance per month."
                )
            )
        )
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.table, 3)
        below = QVBoxLayout()
        for widget in (self.details, self.chart_title):
            below.addWidget(widget)
        below.addWidget(self.chart, 2)
        below.addWidget(self.legend)
        layout.addLayout(below, 2)

        self.town_box.currentIndexChanged.connect(self._filter)
        self.status_box.currentIndexChanged.connect(self._filter)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.refresh()

    def refresh(self) -> None:
        """Read every circle again; keep the filters and the chosen circle where they can be."""
        today = self.ctx.today()
        self.rows = dashboard(self.ctx.store, today)
        chosen_town = self.town_box.currentData()
        self.town_box.blockSignals(True)
        self.town_box.clear()
        self.town_box.addItem(_("All places"), None)
        for town in towns(self.rows):
            self.town_box.addItem(town, town)
            if town == chosen_town:
                self.town_box.setCurrentIndex(self.town_box.count() - 1)
        self.town_box.blockSignals(False)
        self._filter()

    def open_report(self) -> None:
        """The report for funders: a period, its figures, and saving them as a file."""
        from ui.dialogs.funder_dialog import FunderDialog  # imported when first used

        self.ctx.prompter.run_dialog(FunderDialog(self.ctx, self))

    def open_export(self) -> None:
        """The anonymous tables of all circles, saved as CSV files or an Excel workbook."""
        from ui.dialogs.funder_dialog import ExportDialog  # imported when first used

        self.ctx.prompter.run_dialog(ExportDialog(self.ctx, self))

    def select_town(self, town: str | None) -> None:
        """Show only the circles of one town (None: of every town)."""
        self.town_box.setCurrentIndex(max(0, self.town_box.findData(town)))

    def select_status(self, status: str | None) -> None:
        """Show only the circles with one status (None: every status)."""
        self.status_box.setCurrentIndex(max(0, self.status_box.findData(status)))

    def selected(self) -> DashboardRow | None:
        """The row chosen in the table, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def select(self, circle_id: int) -> bool:
        """Choose a circle's row; False when it is not shown (filtered out)."""
        for row in range(self.model.rowCount()):
            if self.model.row_object(row).circle_id == circle_id:
                self.table.selectRow(row)
                return True
        return False

    def _filter(self) -> None:
        chosen = self.selected()
        shown = filter_rows(self.rows, self.town_box.currentData(), self.status_box.currentData())
        self.model.set_rows(shown)
        needing = sum(1 for row in shown if row.items)
        self.count_label.setText(
            ngettext("{n} circle shown", "{n} circles shown", len(shown)).format(n=len(shown))
            + "; "
            + ngettext("{n} needs attention.", "{n} need attention.", needing).format(n=needing)
        )
        self.empty_note.setVisible(not self.rows)
        self.count_label.setVisible(bool(self.rows))
        if not (chosen and self.select(chosen.circle_id)) and shown:
            self.table.selectRow(0)  # the riskiest circle, so the chart shows at once
        self._show_selected()

    def _show_selected(self, *_args) -> None:
        row = self.selected()
        for widget in (self.details, self.chart_title, self.chart, self.legend):
            widget.setVisible(row is not None)
        if row is None:
            self.chart.set_months([])
            return
        today = self.ctx.today()
        facts = row.facts
        origin = (
            _("Made on this laptop.")
            if facts.received is None
            else _("Data received {when} from {sender}.").format(
                when=last_data_words(facts.received, today), sender=facts.sender or "?"
            )
        )
        lines = [f"• {item.words}." for item in row.items] or [
            "• " + _("Nothing needs attention") + "."
        ]
        self.details.setText("\n".join([f"{facts.name} ({facts.town}). {origin}", *lines]))
        self.chart_title.setText(_("Attendance per month: {circle}").format(circle=facts.name))
        self.chart.set_months(monthly_attendance(self.ctx.store, facts.circle_id, today))
