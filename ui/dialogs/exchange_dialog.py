"""File → Exchange data…: join the organisation, send, invite and receive with the mouse.

What the dialog shows depends on the gegevensbestand (``shared_folder.exchange_role``):

- a new one: both ways in, until one is taken: open an invitation (a facilitator), or invite a
  facilitator (the coordinator);
- a facilitator's, once joined: the organisation and the name they send as, the shared folder,
  "Send now" (into the folder) and "Save as file…" (for e-mail or a USB stick);
- the coordinator's: who sends for which circles and when it last arrived, inviting, the
  shared folder, "Fetch now" and "Send programmes".

Sending and receiving run through ``ctx.runner`` (they write: not cancellable). Every problem is
said in red above the buttons, and nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from budgetkring.exchange import shared_folder as exchange
from budgetkring.exchange.membership import membership, senders
from budgetkring.i18n import _
from budgetkring.organisation.organisation import organisation_name
from ui.context import AppContext
from ui.dialogs.exchange_actions import ExchangeActions
from ui.fit import ElidedLabel, FlowLayout, fit_dialog, wrap_list
from ui.help import FIRST_STEPS, HelpDialog
from ui.widgets import error_label, hint_label

HELP_ANCHOR = "uitwisselen"  # the section on exchange in the first steps


def _plain_label(text: str = "") -> QLabel:
    """A label that wraps and never reads names or reasons as formatting."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ExchangeDialog(QDialog, ExchangeActions):
    """Join, send, invite and receive; shows what this gegevensbestand can do now."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        now: Callable[[], datetime] | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        if now is None:
            from ui.exchange_watch import default_now

            now = lambda: default_now(ctx)  # noqa: E731 - a clock, replaced in tests
        self.now = now
        self.received = False  # something was taken in: the pages should show it
        self.role = ""
        self.view: QWidget | None = None
        self._first: QWidget | None = None  # where the keyboard starts
        self.setWindowTitle(_("Exchange data"))
        self.setMinimumWidth(420)
        self.problem = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        # Enter elsewhere closes, as in any dialog (else Qt picks the first button it finds)
        self.close_button.setDefault(True)
        self._holder = QVBoxLayout()
        self._holder.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addLayout(self._holder, 1)
        self.show_role()  # before the buttons: Tab reads the view first, then Close
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self).activated.connect(
            self.show_help
        )
        fit_dialog(self)  # the views scroll on a small screen; the buttons stay in view

    # --- the views ----------------------------------------------------------------------------

    def show_role(self) -> None:
        """Show the view for what this gegevensbestand is now (after joining or inviting, too)."""
        self.role = exchange.exchange_role(self.ctx.store)
        view = QWidget()
        parts = QVBoxLayout(view)
        parts.setContentsMargins(0, 0, 0, 0)
        if self.role == exchange.FACILITATOR:
            self._facilitator_view(parts)
        elif self.role == exchange.COORDINATOR:
            self._coordinator_view(parts)
        else:
            self._new_view(parts)
        self.outcome = _plain_label()
        self.outcome.setAccessibleName(_("What happened"))
        self.outcome.hide()
        parts.addWidget(self.outcome)
        parts.addStretch(1)
        if self.view is not None:
            self._holder.removeWidget(self.view)
            self.view.deleteLater()
        self.view = view
        self._holder.addWidget(view)
        self._order_tab()

    def _order_tab(self) -> None:
        """The keyboard starts at the view's first field; Tab goes from its last one on to Close
        (a view made later, after joining or inviting, would otherwise come after Close)."""
        first, last = {
            exchange.FACILITATOR: lambda: (self.folder_button, self.take_in_button),
            exchange.COORDINATOR: lambda: (self.senders, self.take_in_button),
        }.get(self.role, lambda: (self.join_button, self.invite_button))()
        self._first = first
        # (Named here rather than found by walking the focus chain from Python: such a walk
        # left a dangling widget behind, which crashed a later test.)
        if self.buttons.parentWidget() is not None:  # not while the dialog is being built
            QWidget.setTabOrder(last, self.close_button)
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Open on the first field: a dialog that starts with a button would open on Close."""
        super().showEvent(event)
        if self._first is not None:
            self._first.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter in the name field invites (and does not close the dialog)."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.focusWidget() is getattr(self, "name_edit", None):
            self.invite_facilitator()
            return
        super().keyPressEvent(event)

    def _new_view(self, parts: QVBoxLayout) -> None:
        parts.addWidget(hint_label(_privacy_words()))
        joining = QGroupBox(_("Are you a facilitator?"))
        box = QVBoxLayout(joining)
        box.addWidget(
            _plain_label(
                _(
                    "Your coordinator gives you an invitation. That is a file. Open it once. "
                    "After that you can send your circles."
                )
            )
        )
        self.join_button = QPushButton(_("Open invitation…"))
        self.join_button.clicked.connect(self.open_invitation)
        box.addWidget(self.join_button, 0, Qt.AlignmentFlag.AlignLeft)
        parts.addWidget(joining)
        parts.addWidget(self._invite_box(_("Are you the coordinator?")))

    def _invite_box(self, title: str) -> QGroupBox:
        inviting = QGroupBox(title)
        form = QFormLayout(inviting)
        form.addRow(
            _plain_label(
                _(
                    "Invite each facilitator. Give the invitation to that person yourself, for "
                    "example on a USB stick. It holds a secret key."
                )
            )
        )
        self.name_edit = QLineEdit()
        self.invite_button = QPushButton(_("Invite facilitator…"))
        self.invite_button.clicked.connect(self.invite_facilitator)
        form.addRow(_("Name of the facilitator"), self.name_edit)
        form.addRow("", self.invite_button)
        return inviting

    def _facilitator_view(self, parts: QVBoxLayout) -> None:
        member = membership(self.ctx.store)
        assert member is not None
        if member.organisation_name:
            text = _("You send the data of your circles to {organisation}, as {name}.")
        else:  # a coordinator who never named the organisation
            text = _("You send the data of your circles to your coordinator, as {name}.")
        parts.addWidget(
            _plain_label(
                text.format(organisation=member.organisation_name, name=member.sender_name)
            )
        )
        parts.addWidget(hint_label(_privacy_words()))
        parts.addWidget(
            self._folder_box(
                _(
                    "Budgetkring puts your file in it. New programmes from the coordinator are "
                    "taken in from it by themselves."
                )
            )
        )
        self.send_button = QPushButton(_("Send now"))
        self.send_button.clicked.connect(self.send_now)
        self.save_button = QPushButton(_("Save as file…"))
        self.save_button.setToolTip(_("To send by e-mail or on a USB stick"))
        self.save_button.clicked.connect(self.save_as_file)
        parts.addLayout(self._row(self.send_button, self.save_button, self._take_in_button()))
        self._folder_shown()

    def _coordinator_view(self, parts: QVBoxLayout) -> None:
        organisation = organisation_name(self.ctx.store)
        if organisation:
            text = _(
                "You are the coordinator of {organisation}. The facilitators send the data of "
                "their circles to you."
            )
        else:
            text = _(
                "You are the coordinator. The facilitators send the data of their circles to you."
            )
        parts.addWidget(_plain_label(text.format(organisation=organisation)))
        people = QGroupBox(_("Facilitators who send"))
        box = QVBoxLayout(people)
        self.senders = QListWidget()
        wrap_list(self.senders)
        self.senders.setAccessibleName(_("Facilitators who send"))
        lines = self.fontMetrics().height()
        self.senders.setMinimumHeight(lines * 4)
        self.senders.setMaximumHeight(lines * 8)  # the buttons below stay near on a small screen
        box.addWidget(self.senders)
        parts.addWidget(people)
        parts.addWidget(self._invite_box(_("Invite a facilitator")))
        parts.addWidget(
            self._folder_box(
                _("Budgetkring takes in the facilitators' files from it while it is open.")
            )
        )
        self.fetch_button = QPushButton(_("Fetch now"))
        self.fetch_button.clicked.connect(self.fetch_now)
        self.programmes_button = QPushButton(_("Send programmes"))
        self.programmes_button.setToolTip(
            _("The programmes and self-assessment lists, for every facilitator")
        )
        self.programmes_button.clicked.connect(self.send_programmes)
        parts.addLayout(
            self._row(self.fetch_button, self.programmes_button, self._take_in_button())
        )
        self._load_senders()
        self._folder_shown()

    def _folder_box(self, what: str) -> QGroupBox:
        box = QGroupBox(_("Shared folder"))
        layout = QVBoxLayout(box)
        layout.addWidget(
            hint_label(
                _(
                    "Choose the folder your organisation shares, for example with Nextcloud, "
                    "OneDrive or Syncthing."
                )
                + " "
                + what
            )
        )
        self.folder_label = ElidedLabel()
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_button = QPushButton(_("Choose folder…"))
        self.folder_button.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder_label, 1)
        row.addWidget(self.folder_button)
        layout.addLayout(row)
        return box

    def _take_in_button(self) -> QPushButton:
        button = QPushButton(_("Take in a file…"))
        button.setToolTip(_("A file that came by e-mail or on a USB stick"))
        button.clicked.connect(self.take_in_file)
        self.take_in_button = button
        return button

    @staticmethod
    def _row(*buttons: QPushButton) -> FlowLayout:
        row = FlowLayout()  # on a narrow screen the buttons go on the next line
        for button in buttons:
            row.addWidget(button)
        return row

    def _folder_shown(self) -> None:
        folder = self.ctx.settings.exchange_folder
        self.folder_label.setText(folder or _("No shared folder chosen yet."))
        if self.role == exchange.FACILITATOR:
            self.send_button.setEnabled(bool(folder))
            self.send_button.setToolTip(
                "" if folder else _("Choose a shared folder first, or save the file.")
            )
        else:
            self.fetch_button.setEnabled(bool(folder))
            self.fetch_button.setToolTip("" if folder else _("Choose a shared folder first."))

    def _load_senders(self) -> None:
        self.senders.clear()
        today = self.ctx.today()
        for sender in senders(self.ctx.store):
            text = "{name}: {circles} · {received}".format(
                name=sender.name,
                circles=", ".join(sender.circles) or _("no circles yet"),
                received=exchange.last_received_words(sender.last_received, today),
            )
            item = QListWidgetItem(text)
            item.setToolTip(text)
            self.senders.addItem(item)

    def show_help(self) -> None:
        """F1: the help on exchanging data (a part of the first steps)."""
        dialog = HelpDialog(FIRST_STEPS, self)
        dialog.browser.scrollToAnchor(HELP_ANCHOR)
        self.ctx.prompter.run_dialog(dialog)


def _privacy_words() -> str:
    return _(
        "With an exchange, the coordinator of your organisation sees how all circles are doing. "
        "Only codes and figures travel: never nicknames, goals or notes."
    )
