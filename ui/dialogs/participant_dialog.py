"""A participant: the form to add or edit one, and their progress (chart, goals, self-assessment).

Participants are a code; the alias (nickname) is optional and stays on this laptop. A
self-assessment and goals are only kept with consent, so without it the progress window says so
and offers neither.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QDate, QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from budgetkring.domains import domain_label
from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.participants.assessments import (
    MOMENTS,
    assess,
    current_instrument,
    moment_label,
    progress,
)
from budgetkring.participants.goals import (
    GOAL_STATUSES,
    add_goal,
    goal_status_label,
    list_goals,
    set_goal_status,
)
from budgetkring.participants.identifiers import find_identifiers
from budgetkring.participants.participants import (
    STATUSES,
    STOP_REASONS,
    Participant,
    add_participant,
    get_participant,
    status_label,
    update_participant,
)
from budgetkring.text import NAME_MAX, TEXT_MAX
from ui.context import AppContext
from ui.radar_view import ProgressView
from ui.table_model import RowTableModel
from ui.widgets import date_edit, error_label, heading, hint_label, save_cancel_buttons


def person_title(person: Participant, hide_alias: bool) -> str:
    """'K1-07 — Els', or just the code when there is no alias or aliases are hidden."""
    if person.alias and not hide_alias:
        return f"{person.code} — {person.alias}"
    return person.code


def _utf16(text: str, index: int) -> int:
    """A Python string index as Qt counts it (UTF-16 code units: an emoji counts twice)."""
    return len(text[:index].encode("utf-16-le")) // 2


class ParticipantDialog(QDialog):
    """Add a participant (``person`` None) or change one: alias, status, consent."""

    def __init__(
        self,
        ctx: AppContext,
        circle_id: int,
        person: Participant | None = None,
        hide_alias: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx, self.circle_id, self.person = ctx, circle_id, person
        self.hide_alias = hide_alias and person is not None
        self.saved: Participant | None = None
        today = ctx.today()
        self.setWindowTitle(
            _("Edit participant {code}").format(code=person.code)
            if person
            else _("New participant")
        )
        self.alias = QLineEdit(maxLength=NAME_MAX)
        if self.hide_alias:
            self.alias.setEnabled(False)
            self.alias.setPlaceholderText(_("hidden"))
        elif person:
            self.alias.setText(person.alias)
        self.joined = date_edit(person.joined if person and person.joined else today)
        self.joined.setEnabled(person is None)  # the core keeps the date someone joined
        self.consent = QCheckBox(_("Has given consent, on:"))
        self.consent_date = date_edit(person.consent if person and person.consent else today)
        self.status = QComboBox()
        for code in STATUSES:
            self.status.addItem(status_label(code), code)
        self.stop_reason = QComboBox()
        for code, label in STOP_REASONS.items():
            self.stop_reason.addItem(_(label), code)
        self.problem = error_label()
        buttons, self.save_button = save_cancel_buttons(self)

        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent)
        consent_row.addWidget(self.consent_date)
        consent_row.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Nickname"), self.alias)
        form.addRow(
            "",
            hint_label(
                _(
                    "Optional. Only a first name or a nickname, to recognise someone. "
                    "It stays on this computer."
                )
            ),
        )
        form.addRow(_("Joined on"), self.joined)
        form.addRow(_("Consent"), consent_row)
        form.addRow(
            "",
            hint_label(
                _(
                    "Without consent you can keep attendance, but no self-assessments and no "
                    "goals. To withdraw consent, use 'Forget participant'."
                )
            ),
        )
        if person is not None:
            form.addRow(_("Status"), self.status)
            form.addRow(_("Reason for stopping"), self.stop_reason)
            self._reason_label = form.labelForField(self.stop_reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.consent.toggled.connect(self.consent_date.setEnabled)
        self.status.currentIndexChanged.connect(self._show_reason)
        self._fill(person)

    def _fill(self, person: Participant | None) -> None:
        given = bool(person and person.consent)
        self.consent.setChecked(given)
        self.consent_date.setEnabled(given)
        self.consent.setEnabled(not given)  # withdrawing consent is forgetting
        if person is not None:
            self.status.setCurrentIndex(max(0, self.status.findData(person.status)))
            reason = person.stop_reason or "unknown"
            self.stop_reason.setCurrentIndex(max(0, self.stop_reason.findData(reason)))
        self._show_reason()

    def _show_reason(self) -> None:
        stopped = self.person is not None and self.status.currentData() == "stopped"
        self.stop_reason.setVisible(stopped)
        if self.person is not None:
            self._reason_label.setVisible(stopped)

    def save(self) -> None:
        """Let the core check and store the participant; show why not in red."""
        consent = self.consent_date.date().toPython() if self.consent.isChecked() else None
        alias = None if self.hide_alias else self.alias.text()
        try:
            if self.person is None:
                self.saved = add_participant(
                    self.ctx.store,
                    self.circle_id,
                    self.ctx.today(),
                    alias=alias,
                    consent=consent,
                    joined=self.joined.date().toPython(),
                )
            else:
                status = self.status.currentData()
                self.saved = update_participant(
                    self.ctx.store,
                    self.person.id,
                    alias=alias,
                    status=status,
                    stop_reason=self.stop_reason.currentData() if status == "stopped" else None,
                    consent=consent,
                )
        except UserError as err:
            self.problem.setText(str(err))
            self.problem.show()
            return
        self.accept()


class ParticipantDetailDialog(QDialog):
    """One participant's progress: the chart and change in words, goals, a self-assessment."""

    def __init__(
        self,
        ctx: AppContext,
        participant_id: int,
        hide_alias: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.person = get_participant(ctx.store, participant_id)
        self.changed = False
        self.setWindowTitle(
            _("Progress of {who}").format(who=person_title(self.person, hide_alias))
        )
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(person_title(self.person, hide_alias)))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        if self.person.consent is None:
            self.tabs = None
            layout.addWidget(
                hint_label(
                    _(
                        "{code} has not given consent. Without consent no self-assessments "
                        "and no goals are kept. Has {code} agreed now? Record the date with "
                        "'Edit…' in the list."
                    ).format(code=self.person.code)
                )
            )
            layout.addStretch(1)
            layout.addWidget(close)
            return
        self.instrument = current_instrument(ctx.store)
        self.domains = self.instrument.domains()
        self.labels = {d: domain_label(d) for d in self.domains}
        self.tabs = QTabWidget()
        self.progress_view = ProgressView()
        self.tabs.addTab(self.progress_view, _("Progress"))
        self.tabs.addTab(self._goals_tab(), _("Goals"))
        self.tabs.addTab(_scrolling(self._assessment_tab()), _("Self-assessment"))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self._fit_to_screen()
        self.show_progress()
        self.show_goals()

    def _fit_to_screen(self) -> None:
        """Room for the chart beside its words, but never larger than the screen."""
        line = self.fontMetrics().height()
        wanted = QSize(line * 46, line * 34)
        screen = self.screen().availableGeometry().size() if self.screen() else wanted
        self.resize(wanted.boundedTo(screen * 0.9))

    def show_progress(self) -> None:
        """Chart and words from the assessments as stored now."""
        self.progress_view.show_progress(progress(self.ctx.store, self.person.id), self.instrument)

    # --- goals --------------------------------------------------------------------------------

    def _goals_tab(self) -> QWidget:
        self.goal_model = RowTableModel(
            [
                (_("Goal"), lambda g: g.text),
                (_("Life domain"), lambda g: domain_label(g.domain) if g.domain else ""),
                (_("Status"), lambda g: goal_status_label(g.status)),
                (_("Since"), lambda g: format_date(g.created, "d MMM yyyy")),
            ],
            self,
        )
        self.goal_table = QTableView()
        self.goal_table.setModel(self.goal_model)
        self.goal_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.goal_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.goal_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.goal_table.verticalHeader().hide()
        self.goal_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.goal_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.goal_status = QComboBox()
        for code in GOAL_STATUSES:
            self.goal_status.addItem(goal_status_label(code), code)
        self.goal_status.activated.connect(self._set_goal_status)
        self.goal_table.selectionModel().selectionChanged.connect(self._goal_chosen)
        self.goal_text = QLineEdit(maxLength=TEXT_MAX)
        self.goal_text.setPlaceholderText(_("for example: every week keep my cash book"))
        self.goal_domain = QComboBox()
        self.goal_domain.addItem(_("no life domain"), None)
        for domain in self.domains:
            self.goal_domain.addItem(self.labels[domain], domain)
        self.add_goal_button = QPushButton(_("Add goal"))
        self.add_goal_button.clicked.connect(self.add_goal)
        self.goal_text.returnPressed.connect(self.add_goal)
        self.goal_problem = error_label()
        status_row = QHBoxLayout()
        status_row.addWidget(QLabel(_("Status of the chosen goal:")))
        status_row.addWidget(self.goal_status)
        status_row.addStretch(1)
        form = QFormLayout()
        form.addRow(_("New goal"), self.goal_text)
        form.addRow("", self.goal_problem)
        form.addRow(_("Life domain"), self.goal_domain)
        form.addRow("", self.add_goal_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.goal_table, 1)
        layout.addLayout(status_row)
        layout.addLayout(form)
        layout.addWidget(hint_label(_("Write no names, phone numbers or addresses in a goal.")))
        return tab

    def show_goals(self) -> None:
        """Reload the goals."""
        self.goal_model.set_rows(list_goals(self.ctx.store, participant_id=self.person.id))
        self._goal_chosen()

    def _chosen_goal(self):
        rows = self.goal_table.selectionModel().selectedRows()
        return self.goal_model.row_object(rows[0].row()) if rows else None

    def _goal_chosen(self) -> None:
        goal = self._chosen_goal()
        self.goal_status.setEnabled(goal is not None)
        if goal is not None:
            self.goal_status.setCurrentIndex(self.goal_status.findData(goal.status))

    def _set_goal_status(self) -> None:
        goal = self._chosen_goal()
        if goal is None:
            return
        row = self.goal_table.currentIndex().row()
        set_goal_status(self.ctx.store, goal.id, self.goal_status.currentData(), self.ctx.today())
        self.changed = True
        self.show_goals()
        self.goal_table.selectRow(row)

    def add_goal(self) -> None:
        """Save the goal typed; a refusal is shown in red and what identifies someone selected."""
        text = self.goal_text.text()
        try:
            add_goal(
                self.ctx.store,
                text,
                self.ctx.today(),
                participant_id=self.person.id,
                domain=self.goal_domain.currentData(),
            )
        except UserError as err:
            self.goal_problem.setText(str(err))
            self.goal_problem.show()
            found = find_identifiers(text)
            if found:
                start = _utf16(text, found[0].start)
                self.goal_text.setSelection(start, _utf16(text, found[0].end) - start)
            self.goal_text.setFocus()
            return
        self.goal_problem.hide()
        self.goal_text.clear()
        self.changed = True
        self.show_goals()

    # --- self-assessment ----------------------------------------------------------------------

    def _assessment_tab(self) -> QWidget:
        self.moment = QComboBox()
        for moment in MOMENTS:
            self.moment.addItem(moment_label(moment), moment)
        self.assessed_on = date_edit(self.ctx.today())
        self.scores: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.addRow(_("Moment"), self.moment)
        form.addRow(_("Date"), self.assessed_on)
        questions = QVBoxLayout()
        scale = self.instrument.scale
        for question in self.instrument.questions:
            choice = QComboBox()
            choice.addItem(_("(no answer)"), None)
            for value in scale.values:
                label = scale.labels.get(value)
                choice.addItem(f"{value} – {label}" if label else str(value), value)
            choice.setAccessibleName(question.statement)
            domain = QLabel(f"<b>{html.escape(self.labels[question.domain])}</b>")
            statement = QLabel(question.statement)
            statement.setWordWrap(True)
            statement.setBuddy(choice)
            questions.addSpacing(6)
            for widget in (domain, statement, choice):
                questions.addWidget(widget)
            self.scores[question.domain] = choice
        self.assessment_note = hint_label()
        self.assessment_problem = error_label()
        self.save_assessment_button = QPushButton(_("Save self-assessment"))
        self.save_assessment_button.clicked.connect(self.save_assessment)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(
            hint_label(
                _(
                    "Fill in what the participant chose for each sentence. Skip what they "
                    "did not answer."
                )
            )
        )
        layout.addLayout(form)
        layout.addLayout(questions)
        layout.addWidget(self.assessment_note)
        layout.addWidget(self.assessment_problem)
        layout.addWidget(self.save_assessment_button)
        layout.addStretch(1)
        found = progress(self.ctx.store, self.person.id)
        first_open = next((m for m in MOMENTS if m not in found.moments), MOMENTS[-1])
        self.moment.currentIndexChanged.connect(self._fill_scores)
        self.moment.setCurrentIndex(self.moment.findData(first_open))
        self._fill_scores()
        return tab

    def _fill_scores(self) -> None:
        """Show the scores already kept for the chosen moment, if any."""
        found = progress(self.ctx.store, self.person.id)
        moment = self.moment.currentData()
        kept = found.moments.get(moment, {})
        for domain, choice in self.scores.items():
            choice.setCurrentIndex(max(0, choice.findData(kept.get(domain))))
        if moment in found.dates:
            self.assessed_on.setDate(QDate(found.dates[moment]))
            self.assessment_note.setText(
                _("Saving replaces the self-assessment of {date}.").format(
                    date=format_date(found.dates[moment], "d MMM yyyy")
                )
            )
        else:
            self.assessed_on.setDate(QDate(self.ctx.today()))
            self.assessment_note.setText("")
        self.assessment_problem.hide()

    def save_assessment(self) -> None:
        """Store the scores chosen for the moment; show why not in red."""
        scores = {d: c.currentData() for d, c in self.scores.items() if c.currentData() is not None}
        moment = self.moment.currentData()
        try:
            assess(
                self.ctx.store,
                self.person.id,
                moment,
                scores,
                self.assessed_on.date().toPython(),
            )
        except UserError as err:
            self.assessment_problem.setText(str(err))
            self.assessment_problem.show()
            return
        self.changed = True
        self.show_progress()
        self._fill_scores()
        self.assessment_note.setText(
            _("Saved: the self-assessment at {moment}.").format(moment=moment_label(moment))
        )


def _scrolling(widget: QWidget) -> QScrollArea:
    """A long form that scrolls when the text is large."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area
