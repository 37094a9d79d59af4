"""Opleiding: everyone in training with a bar per criterion, what is still missing in words and
the observations' scores over time; observe, sign off, add a training day, certify. The
register of certificates, with revoking, and checking a certificate's code.

Glossary: in opleiding = trainee, opgeleid = certified, trainer = trainer, observatie =
observation, aftekenen = sign off, trainingsdag = training day, certificaat = certificate,
controlecode = verification code, intrekken = revoke.
"""

from __future__ import annotations

import itertools

from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLayout,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from budgetkring.i18n import _, format_date
from budgetkring.training.certificates import Certificate, register, state_label
from budgetkring.training.criteria import score_label
from budgetkring.training.progress import Progress, trainees
from ui.context import AppContext
from ui.dialogs.certificate_dialogs import RevokeDialog, TrainersDialog, VerifyDialog
from ui.dialogs.training_dialogs import (
    GREEN,
    CertifyDialog,
    ObserveDialog,
    SignOffDialog,
    StartDialog,
    TrainingDayDialog,
)
from ui.fit import FlowLayout, wrap_list
from ui.table_model import RowTableModel
from ui.widgets import heading, hint_label, row_table


def _day(value) -> str:
    return format_date(value, "d MMM yyyy") if value else ""


def _fill(layout, *items):
    """Add widgets and layouts to a layout; 0 is a stretch, (widget, n) a stretching one."""
    for item in items:
        item, stretch = item if isinstance(item, tuple) else (item, 0)
        if isinstance(item, int):
            layout.addStretch(1)
        elif isinstance(item, QLayout):
            layout.addLayout(item, stretch)
        else:
            layout.addWidget(item, stretch)
    return layout


def _bold(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _fit_rows(view, rows: int, most: int = 10) -> None:
    """Make a list or table as high as its rows (at least two, at most ``most``; more scroll),
    so a short list leaves no empty space and the page below it stays in view."""
    shown = max(2, min(rows, most))
    if isinstance(view, QTableView):
        line = view.verticalHeader().defaultSectionSize()
        header = view.horizontalHeader().sizeHint().height()
    else:
        line, header = max(view.sizeHintForRow(0), view.fontMetrics().height() + 2), 0
    view.setFixedHeight(header + shown * line + 2 * view.frameWidth() + 2)


def trainee_columns():
    """The columns of the list of trainees."""
    return [
        (_("Name"), lambda p: p.person.name),
        (_("Trainer"), lambda p: p.person.mentor),
        (_("Started"), lambda p: _day(p.started) or _("not yet")),
        (_("Meetings led"), lambda p: p.results[0].progress_text()),
        (_("Ready"), lambda p: _("ready for the certificate") if p.ready else _("not yet")),
    ]


def register_columns(today):
    """The columns of the register; ``today`` is the clock to judge validity by."""
    return [
        (_("Number"), lambda c: c.number),
        (_("Name"), lambda c: c.name),
        (_("Given on"), lambda c: _day(c.day)),
        (_("Valid until"), lambda c: _day(c.valid_until)),
        (_("State"), lambda c: state_label(c.state(today()))),
    ]


class TrainingPage(QWidget):
    """Trainees and their progress; the register of certificates."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.trainers_button = QPushButton(_("Trainers…"))
        self.check_button = QPushButton(_("Check a certificate…"))
        self.model = RowTableModel(trainee_columns(), self)
        self.table = row_table(self.model)
        self.table.setAccessibleName(_("Trainees"))
        self.empty_note = hint_label()
        self.observe_button = QPushButton(_("Observe…"))
        self.sign_off_button = QPushButton(_("Sign off…"))
        self.day_button = QPushButton(_("Training day…"))
        self.start_button = QPushButton(_("Start of the year…"))
        self.certify_button = QPushButton(_("Give certificate…"))
        self.detail_title = _bold()
        # Per criterion its name, a bar, and how far in words (beside the bar, not on it:
        # text on a half-filled bar is hard to read).
        self.bars: list[tuple[QLabel, QProgressBar, QLabel]] = []
        bars = QGridLayout()
        for row in range(4):
            label, bar, amount = QLabel(), QProgressBar(), QLabel()
            label.setWordWrap(True)
            amount.setWordWrap(True)
            bar.setTextVisible(False)
            self.bars.append((label, bar, amount))
            bars.addWidget(label, row, 0)
            bars.addWidget(bar, row, 1)
            bars.addWidget(amount, row, 2)
        bars.setColumnStretch(1, 1)
        bars.setColumnStretch(2, 1)
        self.missing = hint_label()
        self.competences = wrap_list(QListWidget())
        self.competences.setAccessibleName(_("Competences"))
        self.scores_title = _bold(_("Scores over time"))
        self.scores = row_table(RowTableModel([], self))
        self.scores.setAccessibleName(_("Scores over time"))
        self.scores_title.setBuddy(self.scores)
        self.notes = hint_label()
        self.register_model = RowTableModel(register_columns(ctx.today), self)
        self.register = row_table(self.register_model)
        self.register.setAccessibleName(_("Register of certificates"))
        self.register_note = hint_label()
        self.show_button = QPushButton(_("Show certificate…"))
        self.revoke_button = QPushButton(_("Revoke…"))
        for signal, slot in (
            (self.trainers_button.clicked, self.edit_trainers),
            (self.check_button.clicked, self.check_certificate),
            (self.observe_button.clicked, lambda: self._open(ObserveDialog)),
            (self.sign_off_button.clicked, lambda: self._open(SignOffDialog)),
            (self.day_button.clicked, lambda: self._open(TrainingDayDialog)),
            (self.start_button.clicked, lambda: self._open(StartDialog)),
            (self.certify_button.clicked, self.certify_selected),
            (self.show_button.clicked, self.show_selected_certificate),
            (self.revoke_button.clicked, self.revoke_selected),
        ):
            signal.connect(slot)

        chosen_buttons = (
            self.observe_button,
            self.sign_off_button,
            self.day_button,
            self.start_button,
            self.certify_button,
        )
        self.detail = QWidget()
        _fill(
            QVBoxLayout(self.detail),
            self.detail_title,
            bars,
            self.missing,
            _bold(_("Competences")),
            self.competences,
            self.scores_title,
            self.scores,
            self.notes,
            0,
        )
        self.detail.layout().setContentsMargins(0, 0, 0, 0)
        in_training = QWidget()
        _fill(
            QVBoxLayout(in_training),
            self.empty_note,
            self.table,  # what works on the chosen trainee comes after it
            _fill(FlowLayout(), *chosen_buttons, 0),
            (self.detail, 1),
        )
        certificates = QWidget()
        _fill(
            QVBoxLayout(certificates),
            self.register_note,
            self.register,
            _fill(FlowLayout(), self.show_button, self.revoke_button, 0),
            0,
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(in_training, _("In training"))
        self.tabs.addTab(certificates, _("Register"))
        top = _fill(FlowLayout(), self.trainers_button, 0, self.check_button)
        _fill(QVBoxLayout(self), heading(_("Training")), top, (self.tabs, 1))
        chain: list[QWidget] = [self.trainers_button, self.check_button, self.tabs, self.table]
        chain += [*chosen_buttons, self.competences, self.scores]
        chain += [self.register, self.show_button, self.revoke_button]
        for first, second in itertools.pairwise(chain):  # Tab goes top to bottom
            QWidget.setTabOrder(first, second)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.register.selectionModel().selectionChanged.connect(self._register_changed)
        self.refresh()

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the trainees (keeping the chosen one) and the register."""
        chosen = self.selected()
        people = trainees(self.ctx.store, self.ctx.today())
        self.model.set_rows(people)
        _fit_rows(self.table, len(people))
        row = next(
            (n for n, p in enumerate(people) if chosen and p.person.id == chosen.person.id), 0
        )
        if people:
            self.table.selectRow(row)
        self.empty_note.setText(
            ""
            if people
            else _(
                "Nobody is in training now. A facilitator with the status 'in training' shows "
                "up here, with the meetings they led."
            )
        )
        self.empty_note.setVisible(not people)
        self._selection_changed()
        chosen_number = self.selected_certificate()
        certificates = list(reversed(register(self.ctx.store)))  # the newest first
        self.register_model.set_rows(certificates)
        _fit_rows(self.register, len(certificates))
        for n, certificate in enumerate(certificates):
            if chosen_number and certificate.number == chosen_number.number:
                self.register.selectRow(n)
        self.register_note.setText(
            "" if certificates else _("No certificates have been given yet.")
        )
        self.register_note.setVisible(not certificates)
        self._register_changed()

    def selected(self) -> Progress | None:
        """The trainee whose row is chosen, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def select(self, facilitator_id: int) -> None:
        """Choose a trainee's row."""
        for row in range(self.model.rowCount()):
            if self.model.row_object(row).person.id == facilitator_id:
                self.table.selectRow(row)

    def selected_certificate(self) -> Certificate | None:
        """The certificate whose row is chosen in the register, if any."""
        rows = self.register.selectionModel().selectedRows()
        return self.register_model.row_object(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        where = self.selected()
        for button in (
            self.observe_button,
            self.sign_off_button,
            self.day_button,
            self.start_button,
            self.certify_button,
        ):
            button.setEnabled(where is not None)
        self.detail.setVisible(where is not None)
        if where is not None:
            self.show_progress(where)

    def _register_changed(self) -> None:
        chosen = self.selected_certificate()
        self.show_button.setEnabled(chosen is not None)
        self.revoke_button.setEnabled(chosen is not None and chosen.revoked_on is None)

    def show_progress(self, where: Progress) -> None:
        """Fill the bars, what is missing, the competences and the scores over time."""
        self.detail_title.setText(_("Progress of {name}").format(name=where.person.name))
        for (label, bar, amount), result in zip(self.bars, where.results, strict=True):
            label.setText(result.label())
            bar.setRange(0, max(1, result.need))
            bar.setValue(min(result.have, result.need) if result.need else 1)
            bar.setAccessibleName(f"{result.label()}: {result.progress_text()}")
            amount.setText(("✓ " if result.met else "") + result.progress_text())
        missing = where.missing()
        self.missing.setText(
            missing or _("Every criterion is met: a trainer can give the certificate.")
        )
        self.missing.setStyleSheet("color: #555;" if missing else GREEN)
        self.competences.clear()
        for state in where.competences:
            if state.signed_off:
                done = _("signed off by {trainer} on {date}").format(
                    trainer=state.by, date=_day(state.day)
                )
                self.competences.addItem(f"✓ {state.competence.label} ({done})")
            else:
                self.competences.addItem(f"○ {state.competence.label} ({_('not yet')})")
        _fit_rows(self.competences, self.competences.count())
        self._show_scores(where)

    def _show_scores(self, where: Progress) -> None:
        """One row per competence, one column per observation, oldest first."""
        columns = [(_("Competence"), lambda c: c.label)]
        for observation in where.observations:
            title = f"{format_date(observation.day, 'd MMM')}\n{observation.trainer}"
            columns.append(
                (title, lambda c, o=observation: score_label(o.scores.get(c.code)) or "–")
            )
        model = RowTableModel(columns, self)
        model.set_rows(list(where.criteria.competences))
        self.scores.setModel(model)
        self.scores_model = model
        _fit_rows(self.scores, model.rowCount())
        self.scores.setVisible(bool(where.observations))
        self.scores_title.setVisible(bool(where.observations))
        notes = [
            f"{_day(o.day)}, {o.trainer}: {o.note}" for o in where.observations if o.note.strip()
        ]
        if not where.observations:
            notes = [_("No observations yet. A trainer adds one with 'Observe…'.")]
        self.notes.setText("\n".join(notes))

    # --- actions ------------------------------------------------------------------------------

    def _open(self, form) -> bool:
        """Open a form for the chosen trainee; reload when it saved something."""
        where = self.selected()
        if where is None:
            return False
        dialog = form(self.ctx, where.person.id, self)
        self.ctx.prompter.run_dialog(dialog)
        if dialog.saved:
            self.refresh()
        return dialog.saved

    def certify_selected(self) -> None:
        """Certify the chosen trainee, then show the certificate to save or print."""
        where = self.selected()
        if where is None:
            return
        dialog = CertifyDialog(self.ctx, where.person.id, self)
        self.ctx.prompter.run_dialog(dialog)
        if dialog.saved and dialog.certificate is not None:
            self.refresh()
            self.show_certificate(dialog.certificate.number)

    def show_selected_certificate(self) -> None:
        """Show the certificate chosen in the register."""
        chosen = self.selected_certificate()
        if chosen is not None:
            self.show_certificate(chosen.number)

    def show_certificate(self, number: str) -> None:
        """Make the certificate's PDF (off the window's thread) and show it to save or print."""
        from budgetkring.documents.certificate import render_certificate
        from ui.pdf_preview import PdfPreviewDialog

        def made(document) -> None:
            self.ctx.prompter.run_dialog(PdfPreviewDialog(self.ctx, document, self))

        self.ctx.runner.run(
            self,
            lambda store: render_certificate(store, number),
            made,
            title=_("Making the certificate…"),
            error_title=_("Nothing to print"),
        )

    def revoke_selected(self) -> None:
        """Revoke the certificate chosen in the register (with a reason)."""
        chosen = self.selected_certificate()
        if chosen is None:
            return
        dialog = RevokeDialog(self.ctx, chosen, self)
        self.ctx.prompter.run_dialog(dialog)
        if dialog.saved:
            self.refresh()

    def check_certificate(self) -> None:
        """Check a certificate's number and verification code."""
        self.ctx.prompter.run_dialog(VerifyDialog(self.ctx, self))

    def edit_trainers(self) -> None:
        """Choose who the trainers are."""
        dialog = TrainersDialog(self.ctx, self)
        self.ctx.prompter.run_dialog(dialog)
        if dialog.saved:
            self.refresh()
