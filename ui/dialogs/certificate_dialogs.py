"""Certificates and trainers in the app: revoke a certificate, check a number and code, and
choose who the trainers are (certifying is a form for one trainee, in ``training_dialogs``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.staffing.facilitators import facilitator_status_label, list_facilitators
from budgetkring.training.certificates import Certificate, revoke, verify
from budgetkring.training.records import set_trainers, trainer_ids
from ui.context import AppContext
from ui.dialogs.training_dialogs import GREEN, wrapped_label
from ui.fit import fit_dialog, wrap_list
from ui.widgets import error_label, hint_label, tab_in_shown_order


def _buttons(dialog: QDialog, ok_text: str, close: bool = False):
    """Cancel (or Close) and a button that does the dialog's work; returns both."""
    way_out = QDialogButtonBox.StandardButton
    buttons = QDialogButtonBox(way_out.Close if close else way_out.Cancel)
    ok_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.rejected.connect(dialog.reject)
    tab_in_shown_order(buttons)
    return buttons, ok_button


class RevokeDialog(QDialog):
    """Revoke a certificate, with the reason (kept in the register)."""

    def __init__(self, ctx: AppContext, certificate: Certificate, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.certificate = certificate
        self.saved = False
        self.setWindowTitle(_("Revoke certificate {number}").format(number=certificate.number))
        self.reason = QLineEdit()
        self.problem = error_label()
        form = QFormLayout()
        form.addRow(wrapped_label(_("Reason"), self.reason), self.reason)
        buttons, self.revoke_button = _buttons(self, _("Revoke certificate"))
        buttons.accepted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "After this the certificate of {name} is no longer valid. Without another "
                    "valid certificate, {name} is in training again. Say why."
                ).format(name=certificate.name)
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        fit_dialog(self)

    def save(self) -> None:
        """Revoke; a refusal (no reason) shows in red and nothing changes."""
        self.problem.hide()
        try:
            revoke(self.ctx.store, self.certificate.number, self.reason.text(), self.ctx.today())
        except UserError as err:
            self.problem.setText(str(err))
            self.problem.show()
            return
        self.saved = True
        self.ctx.prompter.notify(
            self,
            _("Certificate {number} of {name} is revoked.").format(
                number=self.certificate.number, name=self.certificate.name
            ),
        )
        self.accept()


class VerifyDialog(QDialog):
    """Check whether a certificate is real and valid: its number and verification code."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Check a certificate"))
        self.number = QLineEdit()
        self.number.setPlaceholderText("BK-2027-0003")
        self.code = QLineEdit()
        self.code.setPlaceholderText("7KQ2-M9XD-PR4T")
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        form = QFormLayout()
        form.addRow(wrapped_label(_("Certificate number"), self.number), self.number)
        form.addRow(wrapped_label(_("Verification code"), self.code), self.code)
        buttons, self.check_button = _buttons(self, _("Check"), close=True)
        buttons.accepted.connect(self.check)
        self.check_button.setDefault(True)  # Enter checks
        for field in (self.number, self.code):
            field.textChanged.connect(self.outcome.hide)  # an answer about other input is stale
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "Type the number and the verification code as they are on the certificate. "
                    "Dashes and small or capital letters do not matter."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        fit_dialog(self)

    def check(self) -> None:
        """Say whether the certificate is valid, or why not (green or red)."""
        found = verify(self.ctx.store, self.number.text(), self.code.text(), self.ctx.today())
        self.outcome.setText(found.message())
        self.outcome.setStyleSheet(GREEN if found.valid else "color: #b00020;")
        self.outcome.show()


class TrainersDialog(QDialog):
    """Tick who is a trainer: facilitators who finished the training (a role, not a status)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saved = False
        self.setWindowTitle(_("Trainers"))
        self.list = wrap_list(QListWidget())
        self.list.setAccessibleName(_("Trainers"))
        ids = trainer_ids(ctx.store)
        for person in list_facilitators(ctx.store, ctx.today()):
            if person.status in ("trainee", "stopped") and person.id not in ids:
                continue
            item = QListWidgetItem(f"{person.name} ({facilitator_status_label(person.status)})")
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if person.id in ids else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.problem = error_label()
        buttons, self.save_button = _buttons(self, _("Save"))
        buttons.accepted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "Only a trainer can observe, sign off and give a certificate. Tick the "
                    "facilitators who are trainers (press Space to tick)."
                )
            )
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        fit_dialog(self)

    def chosen(self) -> dict[int, bool]:
        """Per facilitator id, whether they are ticked as trainer."""
        return {
            self.list.item(row).data(Qt.ItemDataRole.UserRole): self.list.item(row).checkState()
            == Qt.CheckState.Checked
            for row in range(self.list.count())
        }

    def save(self) -> None:
        """Give or take the role where it changed (all, or nothing on a refusal)."""
        try:
            set_trainers(self.ctx.store, self.chosen())
        except UserError as err:
            self.problem.setText(str(err))
            self.problem.show()
            return
        self.saved = True
        self.accept()
