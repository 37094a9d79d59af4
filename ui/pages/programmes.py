"""Programma's: the meetings of a programme, edited on a copy and saved as a new version."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from budgetkring.domains import domain_label
from budgetkring.errors import UserError
from budgetkring.i18n import _, ngettext
from budgetkring.planning.programmes import (
    Programme,
    SessionTemplate,
    export_programme,
    get_version,
    import_programme,
    list_programmes,
    save_version,
)
from ui.context import AppContext
from ui.dialogs.template_dialog import TemplateDialog
from ui.fit import FlowLayout
from ui.table_model import RowTableModel
from ui.widgets import heading


def meeting_columns():
    """The columns of the meetings table; rows are (number, meeting) pairs."""
    return [
        (_("No."), lambda r: r[0]),
        (_("Meeting"), lambda r: r[1].title),
        (_("Life domains"), lambda r: ", ".join(domain_label(d) for d in r[1].domains)),
        (_("Minutes"), lambda r: r[1].minutes),
    ]


def version_text(programme: Programme) -> str:
    """How a programme is named in the chooser, e.g. "Gelukkig met Genoeg (version 2)"."""
    return _("{name} (version {version})").format(name=programme.name, version=programme.version)


class ProgrammesPage(QWidget):
    """Choose a programme, change its meetings on a copy, save the copy as a new version.

    Nothing reaches the database until "Save as new version"; circles keep their version.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saved: Programme | None = None  # the version as it is in the database
        self.programme: Programme | None = None  # the copy being edited

        self.chooser = QComboBox()
        self.chooser.setMinimumContentsLength(30)
        self.chooser.currentIndexChanged.connect(self._chosen)
        self.import_button = QPushButton(_("Import…"))
        self.export_button = QPushButton(_("Export…"))
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.note = QLabel(
            _(
                "Changes are saved as a new version. Circles keep the version they were "
                "planned with, so nothing changes for circles that are already running."
            )
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")

        self.model = RowTableModel(meeting_columns(), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on; arrows move in the table
        self.table.setAccessibleName(_("Meetings of the programme"))
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        self.add_button = QPushButton(_("New meeting…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.remove_button = QPushButton(_("Remove"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        self.save_button = QPushButton(_("Save as new version"))
        self.unsaved = QLabel(_("You have changes that are not saved yet."))
        self.unsaved.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.save_button.clicked.connect(self.save)

        self.setLayout(self._layout())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    def _layout(self) -> QVBoxLayout:
        top = FlowLayout()  # these rows wrap on a narrow screen
        chooser_label = QLabel(_("Programme"))
        chooser_label.setBuddy(self.chooser)
        top.addWidget(chooser_label)
        top.addWidget(self.chooser, 1)
        top.addSpacing(24)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        meeting_buttons = FlowLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            meeting_buttons.addWidget(button)
        meeting_buttons.addSpacing(24)
        meeting_buttons.addWidget(self.up_button)
        meeting_buttons.addWidget(self.down_button)
        meeting_buttons.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.unsaved)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout()
        layout.addWidget(heading(_("Programmes")))
        layout.addLayout(top)
        layout.addWidget(self.description)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(meeting_buttons)  # after the list: Tab reaches the meeting, then these
        layout.addLayout(bottom)
        return layout

    # --- loading ----------------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """True when the copy differs from the saved version."""
        if self.programme is None or self.saved is None:
            return False
        return self.programme.to_dict() != self.saved.to_dict()

    def refresh(self, select_version_id: int | None = None) -> None:
        """Reload the programmes; unsaved changes are kept unless the user lets them go."""
        if not self._may_discard():
            return
        if select_version_id is None and self.saved is not None:
            select_version_id = self.saved.version_id
        programmes = list_programmes(self.ctx.store)
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for programme in programmes:
            self.chooser.addItem(version_text(programme), programme.version_id)
        index = self.chooser.findData(select_version_id) if select_version_id else -1
        if index < 0:
            # the chooser lists newest versions only: show the newest of the same programme
            same = [p.version_id for p in programmes if self.saved and p.id == self.saved.id]
            index = self.chooser.findData(same[0]) if same else 0
        self.chooser.setCurrentIndex(index if programmes else -1)
        self.chooser.blockSignals(False)
        self._load(self.chooser.currentData())

    def _load(self, version_id: int | None) -> None:
        """Show a version from the database and start a fresh copy of it."""
        self.saved = get_version(self.ctx.store, version_id) if version_id else None
        self.programme = copy.deepcopy(self.saved)
        self._show_meetings()
        if self.saved is None:
            self.description.setText(_("There is no programme yet. Import one first."))
        else:
            count = len(self.saved.sessions)
            size = ngettext(
                "{n} meeting of {minutes} minutes.", "{n} meetings of {minutes} minutes.", count
            ).format(n=count, minutes=self.saved.meeting_minutes)
            self.description.setText((self.saved.description + " " + size).strip())

    def _chosen(self, index: int) -> None:
        version_id = self.chooser.itemData(index)
        if self.saved is not None and version_id == self.saved.version_id:
            return
        if not self._may_discard():
            self.chooser.blockSignals(True)
            self.chooser.setCurrentIndex(self.chooser.findData(self.saved.version_id))
            self.chooser.blockSignals(False)
            return
        self.status.clear()
        self._load(version_id)

    def _may_discard(self) -> bool:
        """True when there are no unsaved changes, or the user agrees to let them go."""
        if not self.has_unsaved_changes():
            return True
        return self.ctx.prompter.confirm(
            self,
            _("Discard changes"),
            _(
                "You changed '{name}' but did not save it as a new version yet. "
                "Discard your changes?"
            ).format(name=self.programme.name),
            _("Discard changes"),
        )

    # --- the meetings table -----------------------------------------------------------------

    def _show_meetings(self, select_row: int | None = None) -> None:
        sessions = self.programme.sessions if self.programme else []
        self.model.set_rows(list(enumerate(sessions, start=1)))
        if select_row is not None and 0 <= select_row < len(sessions):
            self.table.selectRow(select_row)
        self._update_buttons()

    def selected_row(self) -> int | None:
        """The position (0-based) of the selected meeting, if any."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select(self, row: int) -> None:
        """Select the meeting at a position (0-based)."""
        self.table.selectRow(row)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        count = len(self.programme.sessions) if self.programme else 0
        dirty = self.has_unsaved_changes()
        self.add_button.setEnabled(self.programme is not None)
        self.edit_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None and count > 1)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < count - 1)
        self.export_button.setEnabled(self.saved is not None)
        self.save_button.setEnabled(dirty)
        self.unsaved.setVisible(dirty)

    # --- editing the copy -------------------------------------------------------------------

    def _changed(self, select_row: int | None) -> None:
        self.status.clear()
        self._show_meetings(select_row)

    def add(self) -> None:
        """Add a meeting after the selected one (or at the end) through the meeting form."""
        if self.programme is None:
            return
        dialog = TemplateDialog(None, self.programme.meeting_minutes, self)
        if dialog.exec() and dialog.result_template is not None:
            row = self.selected_row()
            row = len(self.programme.sessions) if row is None else row + 1
            self.programme.sessions.insert(row, dialog.result_template)
            self._changed(row)

    def edit_selected(self) -> None:
        """Change the selected meeting through the meeting form."""
        row = self.selected_row()
        if row is None:
            return
        template = copy.deepcopy(self.programme.sessions[row])
        dialog = TemplateDialog(template, self.programme.meeting_minutes, self)
        if dialog.exec() and dialog.result_template is not None:
            self.programme.sessions[row] = dialog.result_template
            self._changed(row)

    def remove_selected(self) -> None:
        """Remove the selected meeting from the copy, after confirmation."""
        row = self.selected_row()
        if row is None:
            return
        meeting: SessionTemplate = self.programme.sessions[row]
        if not self.ctx.prompter.confirm(
            self,
            _("Remove meeting"),
            _(
                "Remove meeting {n}, '{title}', from the programme? "
                "It is only gone for good when you save a new version."
            ).format(n=row + 1, title=meeting.title),
            _("Remove"),
        ):
            return
        del self.programme.sessions[row]
        self._changed(min(row, len(self.programme.sessions) - 1))

    def move_selected(self, step: int) -> None:
        """Move the selected meeting one place up (-1) or down (+1)."""
        row = self.selected_row()
        sessions = self.programme.sessions if self.programme else []
        if row is None or not 0 <= row + step < len(sessions):
            return
        sessions[row], sessions[row + step] = sessions[row + step], sessions[row]
        self._changed(row + step)

    # --- saving, import and export ----------------------------------------------------------

    def save(self) -> None:
        """Save the copy as a new version; a problem is shown and nothing is saved."""
        if not self.has_unsaved_changes():
            return
        try:
            saved = save_version(self.ctx.store, self.programme)
        except UserError as err:
            self.ctx.prompter.error(self, _("Not saved"), str(err))
            return
        row = self.selected_row()
        self.programme = None  # nothing left to discard
        self.refresh(saved.version_id)
        if row is not None:
            self.select(row)
        self.status.setText(
            _("Saved as version {version}. Circles planned earlier keep their version.").format(
                version=saved.version
            )
        )

    def import_file(self) -> None:
        """Read a programme file; a known name becomes a new version, a new name a new programme."""
        if not self._may_discard():
            return
        path = self.ctx.prompter.open_file(
            self, _("Import programme"), "", _("Programme files (*.json)")
        )
        if not path:
            return
        try:
            imported = import_programme(self.ctx.store, Path(path))
        except UserError as err:
            self.ctx.prompter.error(self, _("Not imported"), str(err))
            return
        self.programme = None
        self.refresh(imported.version_id)
        self.status.setText(
            _("Imported '{name}' as version {version}.").format(
                name=imported.name, version=imported.version
            )
        )

    def export_file(self) -> None:
        """Write the saved version to a file that another organisation can import."""
        if self.saved is None:
            return
        if self.has_unsaved_changes() and not self.ctx.prompter.confirm(
            self,
            _("Export programme"),
            _(
                "Your changes are not saved yet. The file will hold version {version} "
                "as it was saved, without your changes. Export anyway?"
            ).format(version=self.saved.version),
            _("Export"),
        ):
            return
        suggestion = _("{name} version {version}.json").format(
            name=self.saved.name, version=self.saved.version
        )
        path = self.ctx.prompter.save_file(
            self, _("Export programme"), suggestion, _("Programme files (*.json)")
        )
        if not path:
            return
        try:
            written = export_programme(
                self.ctx.store, self.saved.version_id, Path(path), replace=True
            )
        except UserError as err:
            self.ctx.prompter.error(self, _("Not exported"), str(err))
            return
        self.status.setText(_("Exported to {path}.").format(path=written))
