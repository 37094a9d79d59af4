"""A participant: the form to add or edit one, and their progress (chart, goals, self-assessment).

Participants are a code; the alias (nickname) is optional and stays on this laptop. A
self-assessment and goals are only kept with consent, so without it the progress window says so
and offers neither.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
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
from budgetkring.participants.participants import (
    STATUSES,
    STOP_REASONS,
    Participant,
    add_participant,
    get_participant,
    status_label,
    update_participant,
)
from budgetkring.text import NAME_MAX
from ui.context import AppContext
from ui.date_field import check_dates
from ui.fit import fit_dialog, free_area
from ui.goals_panel import GoalsPanel
from ui.radar_view import ProgressView
from ui.widgets import (
    date_edit,
    error_label,
    heading,
    hint_label,
    save_cancel_buttons,
    tab_in_shown_order,
)


def person_title(person: Participant, hide_alias: bool) -> str:
    """'K1-07 — Els', or just the code when there is no alias or aliases are hidden."""
    if person.alias and not hide_alias:
        return f"{person.code} — {person.alias}"
    return person.code


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
        self.consent_date.setAccessibleName(_("Date of consent"))
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
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view
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
        if not check_dates(self.joined, self.consent_date):
            return
        consent = self.consent_date.date() if self.consent.isChecked() else None
        alias = None if self.hide_alias else self.alias.text()
        try:
            if self.person is None:
                self.saved = add_participant(
                    self.ctx.store,
                    self.circle_id,
                    self.ctx.today(),
                    alias=alias,
                    consent=consent,
                    joined=self.joined.date(),
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
            fit_dialog(self)
            return
        self.instrument = current_instrument(ctx.store)
        self.domains = self.instrument.domains()
        self.labels = {d: domain_label(d) for d in self.domains}
        self.tabs = QTabWidget()
        self.progress_view = ProgressView()
        self.tabs.addTab(self.progress_view, _("Progress"))
        self.goals = GoalsPanel(ctx, participant_id=self.person.id, domains=self.domains)
        self.goals.changed.connect(self._goals_changed)
        self.tabs.addTab(self.goals, _("Goals"))
        self.tabs.addTab(_scrolling(self._assessment_tab()), _("Self-assessment"))
        layout.addWidget(self.tabs, 1)
        # The participant's own sheet: chart, change in words and goals, by code (a nickname
        # only when asked for, in Bestand → Afdrukken).
        self.print_button = close.addButton(
            _("Print progress sheet…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.clicked.connect(self.print_progress)
        tab_in_shown_order(close)
        layout.addWidget(close)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view
        self._fit_to_screen()
        self.show_progress()

    def _fit_to_screen(self) -> None:
        """Room for the chart beside its words, but never larger than the screen."""
        line = self.fontMetrics().height()
        wanted = QSize(line * 46, line * 34)
        area = free_area(self)
        screen = area.size() if area is not None else wanted
        self.resize(wanted.boundedTo(screen * 0.9))

    def _goals_changed(self) -> None:
        self.changed = True

    def print_progress(self) -> None:
        """Preview the progress sheet, ready to save or print."""
        from budgetkring.documents.kinds import Request
        from ui.pdf_preview import show_document

        show_document(self.ctx, self, Request("progress-sheet", participant_id=self.person.id))

    def show_progress(self) -> None:
        """Chart and words from the assessments as stored now."""
        self.progress_view.show_progress(progress(self.ctx.store, self.person.id), self.instrument)

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
            self.assessed_on.setDate(found.dates[moment])
            self.assessment_note.setText(
                _("Saving replaces the self-assessment of {date}.").format(
                    date=format_date(found.dates[moment], "d MMM yyyy")
                )
            )
        else:
            self.assessed_on.setDate(self.ctx.today())
            self.assessment_note.setText("")
        self.assessment_problem.hide()

    def save_assessment(self) -> None:
        """Store the scores chosen for the moment; show why not in red."""
        scores = {d: c.currentData() for d, c in self.scores.items() if c.currentData() is not None}
        moment = self.moment.currentData()
        if not check_dates(self.assessed_on):
            return
        try:
            assess(
                self.ctx.store,
                self.person.id,
                moment,
                scores,
                self.assessed_on.checked_date(),
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
