"""What the buttons of the exchange dialog do: join, invite, choose the shared folder, send and
take in. Each calls the same core function as the command line; sending and receiving write, so
they run through ``ctx.runner`` and are not cancellable. A problem is said in red in the dialog,
and nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit

from budgetkring.errors import UserError
from budgetkring.exchange import shared_folder as exchange
from budgetkring.exchange.membership import invite, join, membership, senders
from budgetkring.exchange.receiving import receive
from budgetkring.exchange.sending import send
from budgetkring.i18n import _
from ui.context import AppContext

INVITATION_PATTERN = " (*.bkinvite)"
EXCHANGE_PATTERN = " (*.bkx)"


class ExchangeActions:
    """The actions of ``ExchangeDialog`` (mixed into it; the dialog builds what is shown)."""

    ctx: AppContext
    now: Callable[[], datetime]
    role: str
    received: bool
    problem: QLabel
    outcome: QLabel
    name_edit: QLineEdit

    def _say(self, text: str, more: list[str] | None = None) -> None:
        """Say what happened under the buttons (with ``more`` lines) and in the status line."""
        self.problem.hide()
        self.outcome.setText("\n".join([text, *(more or [])]))
        self.outcome.show()
        self.ctx.prompter.notify(self, text)

    def _refuse(self, error: UserError) -> None:
        self.problem.setText(str(error))
        self.problem.show()

    def open_invitation(self) -> None:
        """Join the organisation of an invitation file; then the facilitator's view."""
        chosen = self.ctx.prompter.open_file(
            self, _("Open invitation"), str(Path.home()), _("Invitation") + INVITATION_PATTERN
        )
        if not chosen:
            return
        try:
            joined = join(self.ctx.store, chosen)
        except UserError as err:
            self._refuse(err)
            return
        self.show_role()
        if joined.organisation_name:
            text = _("You joined {organisation}. You send as {name}.")
        else:
            text = _("You joined the organisation. You send as {name}.")
        self._say(text.format(organisation=joined.organisation_name, name=joined.sender_name))

    def invite_facilitator(self) -> None:
        """Write an invitation for the name typed, where the user chooses."""
        name = self.name_edit.text().strip()
        if not name:
            self._refuse(UserError(_("Give the name of the facilitator you invite.")))
            self.name_edit.setFocus()
            return
        known = {sender.name.casefold() for sender in senders(self.ctx.store)}
        if name.casefold() in known and not self.ctx.prompter.confirm(
            self,
            _("Invite again"),
            _(
                "{name} was invited before. A new invitation replaces the old one: files made "
                "with the old invitation are refused from now on. {name} then opens the new one."
            ).format(name=name),
            _("Make a new invitation"),
        ):
            return
        chosen = self.ctx.prompter.save_file(
            self,
            _("Save invitation"),
            str(Path.home() / f"{name}.bkinvite"),
            _("Invitation") + INVITATION_PATTERN,
        )
        if not chosen:
            return
        try:  # the file chooser asked before replacing a file
            path = invite(self.ctx.store, name, chosen, replace=True)
        except UserError as err:
            self._refuse(err)
            return
        if self.role != exchange.COORDINATOR:
            self.show_role()
        else:
            self._load_senders()
            self.name_edit.clear()
        self._say(
            _(
                "Invitation for {name} saved as {path}. Give this file to {name} yourself: it "
                "holds a secret key."
            ).format(name=name, path=path)
        )

    def choose_folder(self) -> None:
        """Choose the shared folder (remembered for this user, for every gegevensbestand)."""
        settings = self.ctx.settings
        chosen = self.ctx.prompter.choose_folder(
            self, _("Choose the shared folder"), settings.exchange_folder or str(Path.home())
        )
        if not chosen:
            return
        settings.exchange_folder = str(Path(chosen))
        self.ctx.save_settings()
        self._folder_shown()

    def _run(self, work: Callable[[Any], Any], done: Callable[[Any], None], title: str) -> None:
        self.problem.hide()
        self.ctx.runner.run(
            self, work, done, title=title, on_error=self._refuse, cancellable=False
        )  # it writes: once started it finishes

    def send_now(self) -> None:
        """Put a new exchange file with this facilitator's circles into the shared folder."""
        self._send(self.ctx.settings.exchange_folder, None)

    def save_as_file(self) -> None:
        """Write the exchange file where the user chooses (to mail it, or for a USB stick)."""
        member = membership(self.ctx.store)
        name = member.sender_name if member else "budgetkring"
        suggestion = Path.home() / f"Budgetkring {name} {self.ctx.today():%Y-%m-%d}.bkx"
        chosen = self.ctx.prompter.save_file(
            self, _("Save as file"), str(suggestion), _("Exchange file") + EXCHANGE_PATTERN
        )
        if chosen:
            self._send(None, chosen)

    def _send(self, outbox: str | None, output: str | None) -> None:
        now = self.now()
        self._run(
            lambda store: exchange.send_own_circles(store, now, outbox=outbox, output=output),
            lambda sent: self._say(exchange.sent_words(sent, now)),
            _("Sending…"),
        )

    def send_programmes(self) -> None:
        """Put the organisation's programmes into the shared folder (or a file chosen)."""
        outbox, output = self.ctx.settings.exchange_folder or None, None
        if outbox is None:
            output = self.ctx.prompter.save_file(
                self,
                _("Save as file"),
                # named as in the shared folder, where a facilitator's app takes it in
                str(Path.home() / f"{exchange.PROGRAMME_PREFIX}{self.ctx.today():%Y-%m-%d}.bkx"),
                _("Exchange file") + EXCHANGE_PATTERN,
            )
            if not output:
                return
        now = self.now()

        def work(store) -> exchange.Sent:
            path = send(store, now, programme=True, outbox=outbox, output=output, replace=True)
            return exchange.Sent(path, [])

        self._run(work, lambda sent: self._say(exchange.sent_words(sent, now)), _("Sending…"))

    def fetch_now(self) -> None:
        """Take in every new file from the facilitators in the shared folder."""
        folder, role, now = self.ctx.settings.exchange_folder, self.role, self.now()
        self._run(
            lambda store: receive(store, exchange.files_to_take_in(folder, role), now),
            self._received,
            _("Fetching…"),
        )

    def take_in_file(self) -> None:
        """Take in one exchange file that came another way (e-mail, USB stick)."""
        chosen = self.ctx.prompter.open_file(
            self, _("Take in a file"), str(Path.home()), _("Exchange file") + EXCHANGE_PATTERN
        )
        if chosen:
            now = self.now()
            self._run(lambda store: receive(store, [chosen], now), self._received, _("Fetching…"))

    def _received(self, receipts: list) -> None:
        if any(r.status == "imported" for r in receipts):
            self.received = True
            if self.role == exchange.COORDINATOR:
                self._load_senders()
        self._say(exchange.received_words(receipts), exchange.refused_lines(receipts))
