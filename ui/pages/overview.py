"""Overzicht: every circle at a glance, and what needs attention first."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from budgetkring.attention import attention_items
from budgetkring.circles import list_circles, status_label
from budgetkring.i18n import _, format_date, ngettext
from budgetkring.people import organisation_name
from budgetkring.sessions import next_sessions
from ui.context import AppContext
from ui.table_model import RowTableModel
from ui.widgets import heading


class OverviewPage(QWidget):
    """The first page: attention items on top, then the circles with their status."""

    open_circle = Signal(int)
    open_plan = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.title = heading("")
        self.attention_label = QLabel()
        self.attention = QListWidget()
        self.attention.setWordWrap(True)
        self.attention.itemActivated.connect(self._activate)
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
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(
            lambda index: self.open_plan.emit(self.model.row_object(index.row()).id)
        )
        self._upcoming: dict = {}

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.attention_label)
        layout.addWidget(self.attention)
        layout.addWidget(QLabel(_("Circles")))
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        """Reload circles and attention items."""
        name = organisation_name(self.ctx.store)
        self.title.setText(name or _("Overview"))
        today = self.ctx.today()
        self._upcoming = next_sessions(self.ctx.store, today)
        self.model.set_rows(list_circles(self.ctx.store, today))
        items = attention_items(self.ctx.store, today)
        self.attention.clear()
        for item in items:
            row = QListWidgetItem("⚠ " + item.message)
            row.setData(Qt.ItemDataRole.UserRole, (item.circle_id, item.kind))
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

    def _next(self, circle_id: int) -> str:
        day = self._upcoming.get(circle_id)
        return format_date(day, "EEE d MMM yyyy") if day else _("not planned")

    def _activate(self, item: QListWidgetItem) -> None:
        circle_id, kind = item.data(Qt.ItemDataRole.UserRole)
        if circle_id is not None:
            (self.open_plan if kind == "plan" else self.open_circle).emit(circle_id)
