"""Finding a stand-in: ranked suggestions for one meeting, or a proposal for every open gap."""

from __future__ import annotations

from collections.abc import Callable
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
from budgetkring.planning.sessions import get_session
from budgetkring.staffing.facilitators import facilitators_by_id
from budgetkring.staffing.outcomes import fill_outcome, stand_in_outcome
from budgetkring.staffing.rules import Proposal
from budgetkring.staffing.substitutions import accept_proposals, fill_gaps, substitute, suggest
from ui.context import AppContext
from ui.fit import fit_dialog, narrow_combo, wrap_list
from ui.widgets import error_label, hint_label, tab_in_shown_order


class SuggestDialog(QDialog):
    """Who could stand in at one meeting, best first, each with the reasons in plain words."""

    def __init__(self, ctx: AppContext, session_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.outcome = ""  # what changed, in words, once a stand-in is chosen
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
        self.candidates.setAccessibleName(_("Who could stand in (best first)"))
        self.candidates.setWordWrap(True)
        self.candidates.setAlternatingRowColors(True)
        for n, c in enumerate(self.suggestions.ranked, 1):
            item = QListWidgetItem(f"{n}. {c.person.name}\n    " + "\n    ".join(c.reasons))
            item.setData(Qt.ItemDataRole.UserRole, c.person.id)
            self.candidates.addItem(item)
        if self.suggestions.ranked:
            self.candidates.setCurrentRow(0)
        self.excluded = wrap_list(QListWidget())
        for _person, why in self.suggestions.excluded:
            self.excluded.addItem(why)
        self.excluded.setMaximumHeight(110)
        # Asked is the default: agreeing is a separate step, when the stand-in has said yes.
        self.confirmed = QCheckBox(_("The stand-in has agreed"))
        self.confirmed.setChecked(False)
        self.confirmed_hint = hint_label(
            _(
                "Not ticked: the stand-in is saved as asked. When they say yes, click "
                "'Stand-in has agreed' on the meeting page."
            )
        )
        self.problem = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.choose_button = buttons.addButton(
            _("Choose this stand-in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.choose_button.setEnabled(bool(self.suggestions.ranked))
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        tab_in_shown_order(buttons)
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
        excluded_label = QLabel(_("Who cannot, and why:"))
        excluded_label.setBuddy(self.excluded)
        layout.addWidget(excluded_label)
        layout.addWidget(self.excluded)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.confirmed_hint)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view

    def choose(self) -> None:
        """Record the selected candidate as stand-in."""
        item = self.candidates.currentItem()
        if item is None:
            return
        try:
            saved = substitute(
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
        self.outcome = stand_in_outcome(self.ctx.store, saved, self.ctx.today())
        self.accept()


MAX_OPTIONS = 12  # choices offered per place: the best ones (nobody reads 400 names)


def open_fill_gaps(
    ctx: AppContext,
    parent: QWidget | None,
    on_saved: Callable[[int], None],
    first: date | None = None,
    last: date | None = None,
) -> None:
    """Work out the proposal off the GUI thread, then show it; ``on_saved(n)`` after saving,
    and the status line says what changed."""
    today, weights = ctx.today(), ctx.settings.ranking_weights

    def shown(proposals: list[Proposal]) -> None:
        dialog = FillGapsDialog(ctx, proposals, parent)
        if ctx.prompter.run_dialog(dialog) and dialog.saved:
            on_saved(dialog.saved)
            ctx.prompter.notify(parent, fill_outcome(ctx.store, dialog.saved, today, first, last))

    ctx.runner.run(
        parent,
        lambda store: fill_gaps(store, today, first, last, weights, save=False),
        shown,
        title=_("Working out who can stand in…"),
        error_title=_("Fill all gaps"),
    )


class FillGapsDialog(QDialog):
    """A proposal for every open place from today on; the user adjusts and accepts it.

    The proposal is the core's ``fill_gaps`` (the same as the command line's); accepting saves
    every choice in one transaction after the core has checked them again.
    """

    def __init__(self, ctx: AppContext, proposals: list[Proposal], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saved = 0
        self.proposals = proposals
        self.setWindowTitle(_("Fill all gaps"))
        self.resize(760, 480)
        self.table = QTableWidget(len(proposals), 4)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the choices and the buttons
        self.table.setAccessibleName(_("Fill all gaps"))
        self.table.setHorizontalHeaderLabels(
            [_("Date"), _("Circle"), _("Instead of"), _("Stand-in")]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.choices: list[QComboBox] = []
        names = {c.person.id: c.person.name for p in proposals for c in p.options}
        people = {**names, **{p.out_id: "" for p in proposals if p.out_id not in names}}
        if any(p.out_id is not None and not people.get(p.out_id) for p in proposals):
            people.update({f.id: f.name for f in facilitators_by_id(ctx.store).values()})
        for row, p in enumerate(proposals):
            self.table.setItem(row, 0, _cell(format_date(p.slot.day, "EEE d MMM yyyy")))
            self.table.setItem(row, 1, _cell(p.slot.circle_name))
            self.table.setItem(row, 2, _cell(people.get(p.out_id) or "—"))
            combo = self._combo(p)
            combo.setAccessibleName(
                _("Stand-in on {date} at {circle}").format(
                    date=format_date(p.slot.day, "EEE d MMM yyyy"), circle=p.slot.circle_name
                )
            )
            self.table.setCellWidget(row, 3, combo)
        intro = QLabel(
            _(
                "For every meeting that misses a facilitator, Budgetkring proposes the best "
                "stand-in: nobody twice at the same time, and nobody above their monthly maximum. "
                "Change a choice if you like, then accept."
            )
            if proposals
            else _("Every meeting has two facilitators.")
        )
        intro.setWordWrap(True)
        asked_hint = hint_label(
            _(
                "The stand-ins are saved as asked. Call them; when someone says yes, click "
                "'Stand-in has agreed' on the meeting page."
            )
        )
        asked_hint.setVisible(bool(proposals))
        self.problem = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = buttons.addButton(
            _("Accept proposal"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setEnabled(bool(proposals))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        tab_in_shown_order(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(asked_hint)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view

    def _combo(self, proposal: Proposal) -> QComboBox:
        combo = QComboBox()
        combo.addItem(_("nobody (leave open)"), None)
        options = proposal.options[:MAX_OPTIONS]
        if proposal.candidate and proposal.candidate not in options:
            options.append(proposal.candidate)
        for c in options:
            combo.addItem(f"{c.person.name} ({'; '.join(c.reasons[:2])})", c.person.id)
        if proposal.candidate:
            combo.setCurrentIndex(combo.findData(proposal.candidate.person.id))
        narrow_combo(combo)  # the reasons may be cut in the table: the tooltip has them all
        self.choices.append(combo)
        return combo

    def chosen(self) -> list[tuple[int, int, int | None]]:
        """(meeting, stand-in, for whom) for every place where someone is chosen."""
        return [
            (p.slot.session_id, combo.currentData(), p.out_id)
            for p, combo in zip(self.proposals, self.choices, strict=True)
            if combo.currentData() is not None
        ]

    def save(self) -> None:
        """Save every chosen stand-in at once; if the core refuses any, nothing is saved."""
        choices, today = self.chosen(), self.ctx.today()
        self.problem.hide()
        self.accept_button.setEnabled(False)

        def saved(count: int) -> None:
            self.saved = count
            self.accept()

        def refused(err: UserError) -> None:
            self.problem.setText(
                _("Nothing was saved. Change these choices and accept again:") + "\n" + str(err)
            )
            self.problem.show()
            self.accept_button.setEnabled(True)

        self.ctx.runner.run(
            self,
            lambda store: accept_proposals(store, choices, today),
            saved,
            title=_("Saving the stand-ins…"),
            on_error=refused,
            cancellable=False,
        )


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
