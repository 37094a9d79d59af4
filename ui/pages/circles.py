"""Kringen: the list of circles, with add, edit and archive."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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
from ui.fit import FlowLayout
from ui.table_model import RowTableModel
from ui.widgets import heading, hint_label


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
        self.table.setTabKeyNavigation(False)  # Tab goes on; arrows move in the table
        self.table.setAccessibleName(_("Circles"))
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

        buttons = FlowLayout()  # the buttons wrap on a narrow screen
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_archived)
        # What works on the chosen circle comes after the list: Tab reaches the list, then them.
        chosen_buttons = FlowLayout()
        for widget in (self.edit_button, self.pair_button, self.archive_button):
            chosen_buttons.addWidget(widget)
        chosen_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Circles")))
        layout.addLayout(buttons)
        self.empty_note = hint_label()  # what to do first, when there is nothing to show
        layout.addWidget(self.empty_note)
        layout.addWidget(self.table, 1)
        self.received_note = hint_label()  # a circle that is kept on a facilitator's laptop
        layout.addWidget(self.received_note)
        layout.addLayout(chosen_buttons)
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
        self._explain_empty()

    def _explain_empty(self) -> None:
        """With no circle in the list, say what to do first."""
        note = ""
        if self.model.rowCount() == 0:
            archived = list_circles(self.ctx.store, self.ctx.today(), True)
            note = (
                _("All circles are archived. Tick 'Show archived circles' to see them.")
                if archived
                else _(
                    "There are no circles yet. Click 'New circle…' to add the first one. "
                    "Then choose its two facilitators with 'Facilitator pair…'."
                )
            )
        self.empty_note.setText(note)
        self.empty_note.setVisible(bool(note))

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
        # A received circle is changed on its facilitator's laptop: here the next file from
        # there would overwrite the change without a word.
        own = circle is not None and circle.received_from is None
        self.edit_button.setEnabled(own)
        self.pair_button.setEnabled(own)
        note = ""
        if circle is not None and circle.received_from is not None:
            note = _(
                "{circle} comes from the laptop of {name}. Changes to it are made there; "
                "they arrive here with the next file."
            ).format(circle=circle.name, name=circle.received_from)
        self.received_note.setText(note)
        self.received_note.setVisible(bool(note))
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
        if circle is None or not self.edit_button.isEnabled():  # a double-click on a received one
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
