"""Finding a stand-in: ranked suggestions for one meeting, or a proposal for every open gap."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.sessions import get_session
from budgetkring.substitutions import fill_gaps, load_people, substitute, suggest
from ui.context import AppContext
from ui.widgets import error_label


class SuggestDialog(QDialog):
    """Who could stand in at one meeting, best first, each with the reasons in plain words."""

    def __init__(self, ctx: AppContext, session_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = get_session(ctx.store, session_id, ctx.today())
        self.suggestions = suggest(ctx.store, session_id, ctx.today(), ctx.settings.ranking_weights)
        s = self.session
        self.setWindowTitle(_("Find a stand-in"))
        self.resize(620, 560)
        title = QLabel(
            f"<b>{s.circle_name}</b> — {format_date(s.date, 'full')}, "
            f"{s.start:%H:%M}–{s.end:%H:%M}<br>{s.theme}"
        )
        title.setWordWrap(True)
        gap = QLabel(
            self.suggestions.gap.reason
            if self.suggestions.gap
            else _("This meeting has two facilitators; you can still add a stand-in.")
        )
        gap.setWordWrap(True)
        self.candidates = QListWidget()
        self.candidates.setWordWrap(True)
        self.candidates.setAlternatingRowColors(True)
        for n, c in enumerate(self.suggestions.ranked, 1):
            item = QListWidgetItem(f"{n}. {c.person.name}\n    " + "\n    ".join(c.reasons))
            item.setData(Qt.ItemDataRole.UserRole, c.person.name)
            self.candidates.addItem(item)
        if self.suggestions.ranked:
            self.candidates.setCurrentRow(0)
        self.excluded = QListWidget()
        for _person, why in self.suggestions.excluded:
            self.excluded.addItem(why)
        self.excluded.setMaximumHeight(110)
        self.confirmed = QCheckBox(_("The stand-in has agreed"))
        self.confirmed.setChecked(True)
        self.problem = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.choose_button = buttons.addButton(
            _("Choose this stand-in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.choose_button.setEnabled(bool(self.suggestions.ranked))
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        self.candidates.itemDoubleClicked.connect(lambda _item: self.choose())

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(gap)
        layout.addWidget(QLabel("<b>" + _("Who could stand in (best first)") + "</b>"))
        layout.addWidget(self.candidates, 1)
        if not self.suggestions.ranked:
            layout.addWidget(
                QLabel(
                    _(
                        "Nobody can stand in at this meeting. You can move or "
                        "cancel the meeting on the planning page."
                    )
                )
            )
        layout.addWidget(QLabel(_("Who cannot, and why:")))
        layout.addWidget(self.excluded)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def choose(self) -> None:
        """Record the selected candidate as stand-in."""
        item = self.candidates.currentItem()
        if item is None:
            return
        try:
            substitute(
                self.ctx.store,
                self.session.id,
                item.data(Qt.ItemDataRole.UserRole),
                None,
                self.ctx.today(),
                confirmed=self.confirmed.isChecked(),
            )
        except UserError as err:
            self.problem.setText(str(err))
            self.problem.show()
            return
        self.accept()


class FillGapsDialog(QDialog):
    """A proposal for every open place from today on; the user adjusts and accepts it."""

    def __init__(
        self,
        ctx: AppContext,
        first: date | None = None,
        last: date | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.saved = 0
        self.setWindowTitle(_("Fill all gaps"))
        self.resize(760, 480)
        weights = ctx.settings.ranking_weights
        self.proposals = fill_gaps(ctx.store, ctx.today(), first, last, weights, save=False)
        self.table = QTableWidget(len(self.proposals), 4)
        self.table.setHorizontalHeaderLabels(
            [_("Date"), _("Circle"), _("Instead of"), _("Stand-in")]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        people = {p.id: p.name for p in load_people(ctx.store).values()}
        self.people = people
        self.choices: list[QComboBox] = []
        for row, p in enumerate(self.proposals):
            self.table.setItem(row, 0, _cell(format_date(p.slot.day, "EEE d MMM yyyy")))
            self.table.setItem(row, 1, _cell(p.slot.circle_name))
            self.table.setItem(row, 2, _cell(people.get(p.out_id, "—")))
            combo = QComboBox()
            combo.addItem(_("nobody (leave open)"), None)
            options = suggest(ctx.store, p.slot.session_id, ctx.today(), weights).ranked
            for c in options:
                combo.addItem(f"{c.person.name} ({'; '.join(c.reasons[:2])})", c.person.name)
            if p.candidate:
                index = combo.findData(p.candidate.person.name)
                if index < 0:
                    combo.addItem(p.candidate.person.name, p.candidate.person.name)
                    index = combo.count() - 1
                combo.setCurrentIndex(index)
            self.table.setCellWidget(row, 3, combo)
            self.choices.append(combo)
        intro = QLabel(
            _(
                "For every meeting that misses a facilitator, Budgetkring proposes the best "
                "stand-in: nobody twice at the same time, and nobody above their monthly maximum. "
                "Change a choice if you like, then accept."
            )
            if self.proposals
            else _("Every meeting has two facilitators.")
        )
        intro.setWordWrap(True)
        self.problem = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = buttons.addButton(
            _("Accept proposal"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setEnabled(bool(self.proposals))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def save(self) -> None:
        """Record every chosen stand-in; any that the rules refuse are named, the rest saved."""
        problems = []
        for p, combo in zip(self.proposals, self.choices, strict=True):
            name = combo.currentData()
            if not name:
                continue
            try:
                out = self.people.get(p.out_id)
                substitute(self.ctx.store, p.slot.session_id, name, out, self.ctx.today())
                self.saved += 1
            except UserError as err:
                problems.append(f"{format_date(p.slot.day, 'd MMM')}: {err}")
        if problems:
            self.problem.setText("\n".join(problems))
            self.problem.show()
            return
        self.accept()


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
