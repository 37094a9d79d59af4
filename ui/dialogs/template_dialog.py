"""Edit one meeting of a programme: theme, life domains, aims, agenda with minutes, materials."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from budgetkring.domains import DOMAINS, domain_label
from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.planning.programmes import FORMAT, AgendaBlock, SessionTemplate, parse_programme
from ui.fit import Columns, fit_dialog
from ui.widgets import error_label, save_cancel_buttons

RED = "color: #b00020;"
GREEN = "color: #1b5e20;"


def _lines(edit: QPlainTextEdit) -> list[str]:
    """The non-empty lines of a text box, trimmed."""
    return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]


def starter_agenda(meeting_minutes: int) -> list[tuple[str, int]]:
    """A first agenda for a new meeting that already adds up to the meeting length."""
    theme = meeting_minutes - 35
    if theme < 10:
        return [(_("Theme of the meeting"), meeting_minutes)]
    return [
        (_("Welcome and coffee"), 10),
        (_("Theme of the meeting"), theme),
        (_("Break"), 15),
        (_("Looking back and closing"), 10),
    ]


class TemplateDialog(QDialog):
    """The form for one meeting; on Save it is checked by the same rules as an imported file.

    ``result_template`` holds the checked meeting after Save; problems stay in the dialog.
    """

    def __init__(
        self,
        template: SessionTemplate | None,
        meeting_minutes: int,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.template = template
        self.meeting_minutes = meeting_minutes
        self.result_template: SessionTemplate | None = None
        self.setWindowTitle(_("Edit meeting") if template else _("New meeting"))
        self.resize(880, 600)  # smaller screens get a form that scrolls (fit_dialog below)

        self.title = QLineEdit()
        self.title.setPlaceholderText(_("for example: Keeping a cash book"))
        self.domain_boxes = {code: QCheckBox(domain_label(code)) for code in DOMAINS}
        self.aims = self._text_box(_("What participants take home from this meeting"))
        self.materials = self._text_box(_("What the facilitators bring along"))
        self.handouts = self._text_box(_("What participants get on paper"))
        self.notes = self._text_box(_("Tips for the facilitators who lead this meeting"))
        self.agenda = QTableWidget(0, 2)
        self.agenda.setTabKeyNavigation(False)  # Tab goes on to the minutes and the other fields
        self.agenda.setAccessibleName(_("Agenda"))
        self.agenda.setHorizontalHeaderLabels([_("Part of the meeting"), _("Minutes")])
        self.agenda.verticalHeader().hide()
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.agenda.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.add_block_button = QPushButton(_("Add part"))
        self.remove_block_button = QPushButton(_("Remove part"))
        self.add_block_button.clicked.connect(lambda: self.add_block("", 10, select=True))
        self.remove_block_button.clicked.connect(self.remove_block)
        self.total = QLabel()
        self.errors = error_label()

        buttons, self.save_button = save_cancel_buttons(self)

        # Side by side when there is room; on a small screen the texts go below the agenda.
        columns = Columns(self._left_column(), self._right_column(), stretch=[1, 1])
        layout = QVBoxLayout(self)
        layout.addWidget(columns, 1)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view
        self._fill(template)

    # --- building ---------------------------------------------------------------------------

    @staticmethod
    def _text_box(hint: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setPlaceholderText(hint)
        box.setTabChangesFocus(True)
        return box

    def _left_column(self) -> QVBoxLayout:
        form = QFormLayout()
        form.addRow(_("Title"), self.title)
        domains = QGroupBox(_("Life domains"))
        grid = QGridLayout(domains)
        for n, box in enumerate(self.domain_boxes.values()):
            grid.addWidget(box, n // 2, n % 2)
        agenda = QGroupBox(_("Agenda"))
        block_buttons = QHBoxLayout()
        block_buttons.addWidget(self.add_block_button)
        block_buttons.addWidget(self.remove_block_button)
        block_buttons.addStretch(1)
        block_buttons.addWidget(self.total)
        agenda_layout = QVBoxLayout(agenda)
        agenda_layout.addWidget(self.agenda, 1)
        agenda_layout.addLayout(block_buttons)
        column = QVBoxLayout()
        column.addLayout(form)
        column.addWidget(domains)
        column.addWidget(agenda, 1)
        return column

    def _right_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        for text, box in (
            (_("Aims (one per line)"), self.aims),
            (_("Materials (one per line)"), self.materials),
            (_("Hand-outs (one per line)"), self.handouts),
            (_("Notes for facilitators"), self.notes),
        ):
            label = QLabel(text)
            label.setBuddy(box)
            column.addWidget(label)
            column.addWidget(box, 1)
        return column

    def _fill(self, template: SessionTemplate | None) -> None:
        if template is None:
            for title, minutes in starter_agenda(self.meeting_minutes):
                self.add_block(title, minutes)
            return
        self.title.setText(template.title)
        for code, box in self.domain_boxes.items():
            box.setChecked(code in template.domains)
        self.aims.setPlainText("\n".join(template.aims))
        self.materials.setPlainText("\n".join(template.materials))
        self.handouts.setPlainText("\n".join(template.handouts))
        self.notes.setPlainText(template.facilitator_notes)
        for block in template.agenda:
            self.add_block(block.title, block.minutes)
        self._update_total()

    # --- agenda -----------------------------------------------------------------------------

    def add_block(self, title: str, minutes: int, select: bool = False) -> None:
        """Add a part to the agenda (after the selected part, or at the end)."""
        rows = self.agenda.selectionModel().selectedRows()
        row = rows[0].row() + 1 if rows and select else self.agenda.rowCount()
        self.agenda.insertRow(row)
        self.agenda.setItem(row, 0, QTableWidgetItem(title))
        spin = QSpinBox(minimum=1, maximum=480)
        spin.setValue(max(1, min(480, minutes)))
        spin.setSuffix(" " + _("min"))
        spin.valueChanged.connect(self._update_total)
        spin.setAccessibleName(_("Minutes"))
        self.agenda.setCellWidget(row, 1, spin)
        self._chain_minutes()
        self._update_total()
        if select:
            self.agenda.selectRow(row)
            self.agenda.editItem(self.agenda.item(row, 0))

    def _chain_minutes(self) -> None:
        """Tab goes from the agenda through its minutes, top to bottom, then on: a part added
        later would otherwise come after Save."""
        previous: QWidget = self.agenda
        for row in range(self.agenda.rowCount()):
            spin = self.agenda.cellWidget(row, 1)
            QWidget.setTabOrder(previous, spin)
            previous = spin

    def remove_block(self) -> None:
        """Remove the selected part of the agenda."""
        rows = self.agenda.selectionModel().selectedRows()
        if rows:
            self.agenda.removeRow(rows[0].row())
            self._update_total()

    def blocks(self) -> list[AgendaBlock]:
        """The agenda as the table holds it."""
        blocks = []
        for row in range(self.agenda.rowCount()):
            item = self.agenda.item(row, 0)
            title = item.text().strip() if item else ""
            blocks.append(AgendaBlock(title, self.agenda.cellWidget(row, 1).value()))
        return blocks

    def _update_total(self) -> None:
        total = sum(block.minutes for block in self.blocks())
        text = _("Together: {total} of {minutes} minutes").format(
            total=total, minutes=self.meeting_minutes
        )
        if total != self.meeting_minutes:
            more = total - self.meeting_minutes
            text += " " + (
                _("({n} too many)").format(n=more) if more > 0 else _("({n} short)").format(n=-more)
            )
        self.total.setText(text)
        self.total.setStyleSheet(GREEN if total == self.meeting_minutes else RED)
        self.remove_block_button.setEnabled(self.agenda.rowCount() > 0)

    # --- saving -----------------------------------------------------------------------------

    def values(self) -> SessionTemplate:
        """What the form holds, as a meeting (not yet checked)."""
        return SessionTemplate(
            title=self.title.text().strip(),
            key=self.template.key if self.template else "",
            domains=[code for code, box in self.domain_boxes.items() if box.isChecked()],
            aims=_lines(self.aims),
            agenda=self.blocks(),
            materials=_lines(self.materials),
            handouts=_lines(self.handouts),
            facilitator_notes=self.notes.toPlainText().strip(),
            id=self.template.id if self.template else None,
        )

    def save(self) -> None:
        """Check the meeting by the import rules; keep the dialog open with the problems if any."""
        template = self.values()
        data = {
            "format": FORMAT,
            "name": "x",
            "meeting_minutes": self.meeting_minutes,
            "sessions": [template.to_dict()],
        }
        try:
            checked = parse_programme(data).sessions[0]
        except UserError as err:
            self.errors.setText(self._plain(str(err), template.title))
            self.errors.show()
            return
        checked.key = template.key  # an empty key is made unique when the programme is saved
        checked.id = template.id
        self.result_template = checked
        self.errors.hide()
        self.accept()

    @staticmethod
    def _plain(message: str, title: str) -> str:
        """The core names "Meeting 1" (its place in the check); in this dialog it is this one."""
        wheres = [
            _("Meeting {n} ('{title}')").format(n=1, title=title),
            _("Meeting {n}").format(n=1),
        ]
        lines = []
        for line in message.splitlines():
            for where in wheres:
                if line.startswith(where + ": "):
                    rest = line[len(where) + 2 :]
                    line = rest[:1].upper() + rest[1:]
                    break
                if line.startswith(where + " "):
                    line = _("This meeting") + line[len(where) :]
                    break
            lines.append(line)
        return "\n".join(lines)
