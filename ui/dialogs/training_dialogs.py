"""Small forms for one trainee: an observation, a sign-off, a training day, the start of the
training year, and the certificate. Each lets the core check and save, and shows a refusal in
red (nothing saved)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.training.certificates import Certificate, certify
from budgetkring.training.codes import valid_until
from budgetkring.training.criteria import SCALE, score_label
from budgetkring.training.progress import progress
from budgetkring.training.records import (
    add_training_day,
    led_meetings,
    list_trainers,
    observe,
    set_training_start,
    sign_off,
)
from ui.context import AppContext
from ui.fit import WrappingRadioButton, fit_dialog, narrow_combo
from ui.widgets import date_edit, error_label, hint_label, tab_in_shown_order

GREEN = "color: #1b5e20;"  # what is done, or right


def wrapped_label(text: str, buddy: QWidget, tip: str = "") -> QLabel:
    """A form label that goes on over more lines when it is long, naming its field."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setBuddy(buddy)
    if tip:
        label.setToolTip(tip)
        buddy.setToolTip(tip)
    return label


class _TrainingForm(QDialog):
    """The shared frame: an explanation, a form, a red line for a refusal, OK and Cancel.

    A form builds its fields, then calls ``finish``; ``apply`` does the work and returns what
    to say in the status line.
    """

    ok_text = ""

    def __init__(self, ctx: AppContext, trainee_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.where = progress(ctx.store, trainee_id, ctx.today())
        self.trainee = self.where.person
        self.saved = False
        self.form = QFormLayout()
        self.problem = error_label()

    def trainer_box(self) -> QComboBox:
        """The trainers who can act for this trainee (their own trainer first chosen)."""
        box = QComboBox()
        for person in list_trainers(self.ctx.store):
            if person.id != self.trainee.id:
                box.addItem(person.name, person.id)
        if box.count() == 0:
            box.addItem(_("There is no trainer yet"), None)
            box.setEnabled(False)
        found = box.findData(self.trainee.mentor_id)
        if found >= 0:
            box.setCurrentIndex(found)
        return box

    def finish(self, intro: str) -> None:
        """Add the explanation above and the buttons below the form."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(self.ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        tab_in_shown_order(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(intro))
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view

    def refuse(self, text: str) -> None:
        """Say in red why the form cannot be saved now, and disable OK."""
        self.problem.setText(text)
        self.problem.show()
        self.ok_button.setEnabled(False)

    def apply(self) -> str:  # pragma: no cover - every form has its own
        raise NotImplementedError

    def save(self) -> None:
        """Let the core check and save; a refusal shows in red and nothing is saved."""
        self.problem.hide()
        try:
            said = self.apply()
        except UserError as err:
            self.problem.setText(str(err))
            self.problem.show()
            return
        self.saved = True
        self.ctx.prompter.notify(self, said)
        self.accept()


class ObserveDialog(_TrainingForm):
    """A trainer's observation of a meeting the trainee led: a score per competence, a note."""

    def __init__(self, ctx: AppContext, trainee_id: int, parent: QWidget | None = None):
        self.ok_text = _("Save observation")
        super().__init__(ctx, trainee_id, parent)
        self.setWindowTitle(_("Observation of {name}").format(name=self.trainee.name))
        self.trainer = self.trainer_box()
        self.meeting = narrow_combo(QComboBox(), 24)
        for meeting in reversed(led_meetings(ctx.store, self.trainee.id, ctx.today())):
            text = f"{format_date(meeting.day, 'EEE d MMM yyyy')}, {meeting.circle_name}"
            self.meeting.addItem(text, meeting.session_id)
        self.form.addRow(wrapped_label(_("Trainer"), self.trainer), self.trainer)
        self.form.addRow(wrapped_label(_("Meeting"), self.meeting), self.meeting)
        self.scores: dict[str, QComboBox] = {}
        for competence in self.where.criteria.competences:
            box = QComboBox()
            box.addItem(_("not seen"), None)
            for step in SCALE:
                box.addItem(f"{step} {score_label(step)}", step)
            self.scores[competence.code] = box
            label = QLabel(competence.label)
            label.setBuddy(box)
            label.setToolTip(competence.description)
            box.setToolTip(competence.description)
            self.form.addRow(label, box)
        # Long labels go above their field on a narrow screen, instead of being squeezed.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)  # Tab goes on to the buttons, as in every field
        self.note.setFixedHeight(self.fontMetrics().height() * 4)
        self.form.addRow(wrapped_label(_("Note (if you like)"), self.note), self.note)
        self.form.addRow(hint_label(_("Write no names or other details that show who someone is.")))
        self.finish(
            _(
                "Choose the meeting you watched. Give a score for each competence you saw: "
                "beginning, on the way, sufficient or good."
            )
        )
        if self.meeting.count() == 0:
            self.meeting.setEnabled(False)
            self.refuse(
                _("{name} has not led a meeting that was held yet.").format(name=self.trainee.name)
            )

    def apply(self) -> str:
        """Save the observation."""
        scores = {code: box.currentData() for code, box in self.scores.items()}
        observe(
            self.ctx.store,
            self.trainee.id,
            self.meeting.currentData(),
            self.trainer.currentData(),
            self.ctx.today(),
            {code: score for code, score in scores.items() if score is not None},
            self.note.toPlainText(),
        )
        return _("The observation of {name} is saved.").format(name=self.trainee.name)


class SignOffDialog(_TrainingForm):
    """A trainer signs off one competence the trainee shows."""

    def __init__(self, ctx: AppContext, trainee_id: int, parent: QWidget | None = None):
        self.ok_text = _("Sign off")
        super().__init__(ctx, trainee_id, parent)
        self.setWindowTitle(_("Sign off a competence of {name}").format(name=self.trainee.name))
        self.trainer = self.trainer_box()
        self.competence = narrow_combo(QComboBox(), 24)
        for state in self.where.competences:
            if not state.signed_off:
                self.competence.addItem(state.competence.label, state.competence.code)
        self.form.addRow(wrapped_label(_("Trainer"), self.trainer), self.trainer)
        self.form.addRow(wrapped_label(_("Competence"), self.competence), self.competence)
        self.finish(
            _("Sign off a competence when {name} shows it well and on their own.").format(
                name=self.trainee.name
            )
        )
        if self.competence.count() == 0:
            self.competence.setEnabled(False)
            self.refuse(_("Every competence is signed off already."))

    def apply(self) -> str:
        """Sign the chosen competence off."""
        done = sign_off(
            self.ctx.store,
            self.trainee.id,
            self.competence.currentData(),
            self.trainer.currentData(),
            self.ctx.today(),
        )
        return _("'{competence}' of {name} is signed off.").format(
            competence=done.label, name=self.trainee.name
        )


class TrainingDayDialog(_TrainingForm):
    """A training day the trainee attended: the date and what it was about."""

    def __init__(self, ctx: AppContext, trainee_id: int, parent: QWidget | None = None):
        self.ok_text = _("Save training day")
        super().__init__(ctx, trainee_id, parent)
        self.setWindowTitle(_("Training day of {name}").format(name=self.trainee.name))
        self.day = date_edit(ctx.today())
        self.topic = QLineEdit()
        self.topic.setPlaceholderText(_("for example: leading a round"))
        self.form.addRow(wrapped_label(_("Date"), self.day), self.day)
        self.form.addRow(wrapped_label(_("Topic"), self.topic), self.topic)
        self.finish(
            _("Record a training day once {name} has been there.").format(name=self.trainee.name)
        )

    def apply(self) -> str:
        """Record the training day."""
        day = self.day.checked_date()
        add_training_day(self.ctx.store, self.trainee.id, day, self.topic.text(), self.ctx.today())
        return _("Training day of {name} on {date} is saved.").format(
            name=self.trainee.name, date=format_date(day, "medium")
        )


class StartDialog(_TrainingForm):
    """Where the training year starts: at the first meeting led, or on a date a trainer chose
    (for someone who began before they were entered, or who starts again)."""

    def __init__(self, ctx: AppContext, trainee_id: int, parent: QWidget | None = None):
        self.ok_text = _("Save start")
        super().__init__(ctx, trainee_id, parent)
        self.setWindowTitle(
            _("Start of the training year of {name}").format(name=self.trainee.name)
        )
        led = led_meetings(ctx.store, self.trainee.id, ctx.today())
        first = (
            _("at the first meeting led ({date})").format(date=format_date(led[0].day, "medium"))
            if led
            else _("at the first meeting led")
        )
        self.from_first = WrappingRadioButton(first)
        self.from_date = WrappingRadioButton(_("on this date:"))
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.from_first)
        self.choice.addButton(self.from_date)
        self.day = date_edit(self.where.chosen_start or (led[0].day if led else ctx.today()))
        self.day.setAccessibleName(_("Start date"))
        (self.from_date if self.where.chosen_start else self.from_first).setChecked(True)
        self.day.setEnabled(self.from_date.isChecked())
        self.from_date.toggled.connect(self.day.setEnabled)
        self.form.addRow(self.from_first)
        self.form.addRow(self.from_date)
        self.form.addRow(self.day)
        self.finish(_("Only meetings from the start on count for the training year."))

    def apply(self) -> str:
        """Save the start (None: the first meeting led)."""
        start: date | None = self.day.checked_date() if self.from_date.isChecked() else None
        set_training_start(self.ctx.store, self.trainee.id, start)
        return _("The start of the training year of {name} is saved.").format(
            name=self.trainee.name
        )


class CertifyDialog(_TrainingForm):
    """Give the certificate to a trainee who meets every criterion (a trainer does it)."""

    def __init__(self, ctx: AppContext, trainee_id: int, parent: QWidget | None = None):
        self.ok_text = _("Give certificate")
        super().__init__(ctx, trainee_id, parent)
        self.certificate: Certificate | None = None
        self.setWindowTitle(_("Certificate for {name}").format(name=self.trainee.name))
        self.trainer = self.trainer_box()
        years = ctx.settings.certificate_years
        until = valid_until(ctx.today(), years)
        self.form.addRow(wrapped_label(_("Trainer"), self.trainer), self.trainer)
        self.form.addRow(
            hint_label(
                _("The certificate is dated today and valid until {date}.").format(
                    date=format_date(until, "long")
                )
            )
        )
        self.finish(
            _(
                "{name} becomes a facilitator who finished the training. The certificate gets "
                "a number and a verification code. Next you see it, to save or print it."
            ).format(name=self.trainee.name)
        )
        if not self.where.ready:
            self.refuse(
                _("{name} cannot get the certificate yet. {missing}").format(
                    name=self.trainee.name, missing=self.where.missing()
                )
            )

    def apply(self) -> str:
        """Certify; the facilitator's status changes at once."""
        self.certificate = certify(
            self.ctx.store,
            self.trainee.id,
            self.trainer.currentData(),
            self.ctx.today(),
            self.ctx.settings.certificate_years,
        )
        return _("{name} has finished the training: certificate {number}.").format(
            name=self.trainee.name, number=self.certificate.number
        )
