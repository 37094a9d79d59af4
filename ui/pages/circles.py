"""Kringen: the list of circles, with add, edit and archive."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from budgetkring.i18n import _, format_date
from budgetkring.organisation.circles import Circle, list_circles, set_archived, status_label
from ui.context import AppContext
from ui.dialogs.circle_dialog import CircleDialog
from ui.table_model import RowTableModel
from ui.widgets import heading


def circle_columns():
    """The columns of the circles table."""
    return [
        (_("Name"), lambda c: c.name + (" " + _("(archived)") if c.archived else "")),
        (_("Municipality"), lambda c: c.municipality),
        (_("Meeting place"), lambda c: c.place),
        (_("Start date"), lambda c: format_date(c.start_date, "medium")),
        (_("Status"), lambda c: status_label(c.status)),
        (_("Facilitators"), lambda c: ", ".join(c.facilitators)),
    ]


class CirclesPage(QWidget):
    """Lists circles; buttons to add, edit and archive (or bring back) the selected one."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowTableModel(circle_columns(), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        self.add_button = QPushButton(_("New circle…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.pair_button = QPushButton(_("Facilitator pair…"))
        self.archive_button = QPushButton(_("Archive"))
        self.show_archived = QCheckBox(_("Show archived circles"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button.clicked.connect(self.toggle_archive)
        self.pair_button.clicked.connect(self.edit_pair)
        self.show_archived.toggled.connect(self.refresh)

        buttons = QHBoxLayout()
        for widget in (self.add_button, self.edit_button, self.pair_button, self.archive_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.show_archived)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Circles")))
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        """Reload the circles from the database."""
        selected = self.selected()
        self.model.set_rows(
            list_circles(self.ctx.store, self.ctx.today(), self.show_archived.isChecked())
        )
        if selected:
            self.select(selected.id)
        self._update_buttons()

    def selected(self) -> Circle | None:
        """The circle whose row is selected, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def select(self, circle_id: int) -> None:
        """Select the row of a circle."""
        for row in range(self.model.rowCount()):
            if self.model.row_object(row).id == circle_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        circle = self.selected()
        self.edit_button.setEnabled(circle is not None)
        self.pair_button.setEnabled(circle is not None)
        self.archive_button.setEnabled(circle is not None)
        self.archive_button.setText(
            _("Bring back") if circle is not None and circle.archived else _("Archive")
        )

    def add(self) -> None:
        """Open the form for a new circle."""
        dialog = CircleDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved:
            self.refresh()
            self.select(dialog.saved.id)

    def edit_selected(self) -> None:
        """Open the form for the selected circle."""
        circle = self.selected()
        if circle is None:
            return
        dialog = CircleDialog(self.ctx, circle, self)
        if dialog.exec():
            self.refresh()

    def edit_pair(self) -> None:
        """Choose the selected circle's two lead facilitators (history is kept)."""
        # imported when first used, to keep start-up fast
        from ui.dialogs.pair_dialog import PairDialog

        circle = self.selected()
        if circle is not None and PairDialog(self.ctx, circle, self).exec():
            self.refresh()

    def toggle_archive(self) -> None:
        """Archive the selected circle after confirmation, or bring an archived one back."""
        circle = self.selected()
        if circle is None:
            return
        if not circle.archived and not self.ctx.prompter.confirm(
            self,
            _("Archive circle"),
            _(
                "Archive '{name}'? The circle disappears from the lists, but nothing is deleted. "
                "You can bring it back later with 'Show archived circles'."
            ).format(name=circle.name),
            _("Archive"),
        ):
            return
        set_archived(self.ctx.store, circle.id, not circle.archived)
        self.refresh()
