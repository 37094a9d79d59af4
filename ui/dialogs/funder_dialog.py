"""Verslag voor financiers and Gegevens opslaan als bestand: the two ways the coordinator's
figures leave the organisation, both anonymous (opened from the Coördinatie page).

``FunderDialog``: a period, the totals of that period on screen as the report gives them
(a hidden figure reads "<5"), and the report saved as PDF, CSV or Excel. ``ExportDialog``: the
anonymous tables as a .zip of CSV files or as one Excel workbook.

Both call what the command line calls (``budgetkring report funder`` and ``budgetkring
export``): ``exchange.funder.funder_report`` with ``exchange.outputs.save_report``, and
``exchange.tables.write_export``, on a worker thread with its own connection (``ctx.runner``).
The file chooser asks before it hands back the name of a file that exists; when the dialog adds
the ending itself ("verslag" becomes "verslag.pdf"), the chooser never saw that name, so the
dialog asks (``choose_file``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from budgetkring.errors import UserError
from budgetkring.exchange.funder import (
    FIGURES,
    FunderReport,
    funder_report,
    report_period,
    report_sections,
    report_title,
)
from budgetkring.i18n import _, ngettext
from ui.context import AppContext
from ui.date_field import check_dates
from ui.fit import FlowLayout, WrappingRadioButton, fit_dialog
from ui.widgets import date_edit, error_label, hint_label, tab_in_shown_order

COUNT_AFTER_MS = 300  # typing a date passes through other dates: count once it has settled
REPORT_TYPES = (".pdf", ".csv", ".xlsx")


def documents_folder() -> Path:
    """Where a saved file is suggested: the user's Documents folder (else their home)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def choose_file(
    ctx: AppContext, parent: QWidget, title: str, suggestion: Path, pattern: str, suffix: str
) -> tuple[str, bool] | None:
    """Where to write: the file the user chose (``suffix`` added when its name lacks it) and
    whether a file already there may be replaced; None when the user cancelled, or said no to
    replacing a file."""
    chosen = ctx.prompter.save_file(parent, title, str(suggestion), pattern)
    if not chosen:
        return None
    if chosen.lower().endswith(suffix):
        return chosen, True  # the file chooser has asked about replacing this name
    path = chosen + suffix  # …but never saw this one
    if not Path(path).exists():
        return path, False
    replace = ctx.prompter.confirm(
        parent,
        _("Replace the file?"),
        _("The file {path} already exists. Do you want to replace it?").format(path=path),
        _("Replace"),
    )
    return (path, True) if replace else None


class FunderDialog(QDialog):
    """The report for funders: a period, its totals on screen, and Save as PDF, CSV or Excel."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.report: FunderReport | None = None  # the figures shown
        self._asked = 0  # the last count asked for; an older answer that comes in is dropped
        self.setWindowTitle(_("Report for funders"))
        first, last = report_period(None, None, ctx.today())
        self.start = date_edit(first)
        self.end = date_edit(last)
        self.start.setAccessibleName(_("From"))
        self.end.setAccessibleName(_("Up to and including"))

        self.values: dict[str, QLabel] = {}  # each figure of the totals, as FIGURES names it
        figures = QGroupBox(_("In this period"))
        self.figures_form = QFormLayout(figures)
        for key, label in FIGURES.items():  # in the order of the report's table of totals
            self.values[key] = QLabel()
            self.figures_form.addRow(_(label) + ":", self.values[key])
        self.domains = QLabel()
        self.domains.setWordWrap(True)
        self.figures_form.addRow(self.domains)
        self.status = hint_label()
        self.problem = error_label()

        self.save_buttons = {
            ".pdf": QPushButton(_("Save as &PDF…")),
            ".csv": QPushButton(_("Save as &CSV…")),
            ".xlsx": QPushButton(_("Save as &Excel (XLSX)…")),
        }
        saves = FlowLayout()  # they wrap on a narrow screen
        for suffix, button in self.save_buttons.items():
            button.clicked.connect(lambda _checked=False, s=suffix: self.save(s))
            saves.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        tab_in_shown_order(buttons)

        period = QFormLayout()
        period.addRow(_("&From:"), self.start)
        period.addRow(_("&Up to and including:"), self.end)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "The figures of all circles over a period, for funders and the "
                    "municipality. Anonymous: a number of fewer than 5 people shows as <5, so "
                    "nobody can be recognised."
                )
            )
        )
        layout.addLayout(period)
        layout.addWidget(figures)
        layout.addWidget(self.status)
        layout.addLayout(saves)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COUNT_AFTER_MS)
        self._timer.timeout.connect(self.count)
        for field in (self.start, self.end):
            field.dateChanged.connect(self._period_changed)
        self.count()  # before sizing: the window makes room for the figures
        self.setMinimumWidth(520)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view
        self.start.setFocus()

    # --- the figures on screen --------------------------------------------------------------

    def _period_changed(self, _day: date | None = None) -> None:
        self.problem.hide()
        self._timer.start()

    def count(self) -> None:
        """Count the figures of the period typed (on a worker thread, without a progress
        window: the user did not ask for it) and show them."""
        self._timer.stop()
        self._asked += 1
        asked = self._asked
        first, last = self.start.date(), self.end.date()
        if first is None or last is None:  # the field says in red why it is not a date
            self._show(None)
            return
        try:
            report_period(first, last, self.ctx.today())
        except UserError as err:
            self._show(None)
            self._refuse(err)
            return
        today = self.ctx.today()
        self.status.setText(_("Counting…"))

        def current() -> bool:  # not an older count, nor a window already gone
            return shiboken6.isValid(self) and asked == self._asked

        def done(report: FunderReport) -> None:
            if current():
                self._show(report)

        def failed(err: UserError) -> None:
            if current():
                self._show(None)
                self._refuse(err)

        self.ctx.runner.run(
            self,
            lambda store: funder_report(store, today, first, last),
            done,
            title=_("Counting…"),
            on_error=failed,
            quiet=True,
        )

    def _show(self, report: FunderReport | None) -> None:
        """The totals of ``report`` (none: no figures) and one line about the life domains."""
        self.report = report
        rows = report_sections(report)[0].rows if report else []  # the totals, as FIGURES
        for n, value in enumerate(self.values.values()):
            value.setText(rows[n][1].text() if rows else "")
        self.domains.setText(domain_words(report) if report else "")
        self.status.setText(
            _("<5 means: fewer than 5 people. Those numbers are hidden in the report too.")
            if report
            else ""
        )

    def _refuse(self, err: UserError) -> None:
        self.problem.setText(str(err))
        self.problem.show()

    # --- saving -----------------------------------------------------------------------------

    def save(self, suffix: str) -> None:
        """Save the report of the period as a file of the type ``suffix`` (.pdf, .csv or
        .xlsx) where the user chooses; a wrong period is refused and nothing is written."""
        self.problem.hide()
        if not check_dates(self.start, self.end):
            return
        today = self.ctx.today()
        try:
            first, last = report_period(self.start.date(), self.end.date(), today)
        except UserError as err:
            self._refuse(err)
            return
        title, pattern = {
            ".pdf": (_("Save as PDF"), _("PDF file (*.pdf)")),
            ".csv": (_("Save as CSV"), _("CSV file (*.csv)")),
            ".xlsx": (_("Save as Excel"), _("Excel workbook (*.xlsx)")),
        }[suffix]
        name = _("Report for funders {start} to {end}").format(
            start=first.isoformat(), end=last.isoformat()
        )
        target = choose_file(
            self.ctx, self, title, documents_folder() / (name + suffix), pattern, suffix
        )
        if target is None:
            return
        path, replace = target

        def work(store) -> tuple[Path, str]:
            from budgetkring.exchange.outputs import save_report

            report = funder_report(store, today, first, last)
            return save_report(report, path, store.path, replace=replace), report_title(report)

        self.ctx.runner.run(
            self,
            work,
            lambda done: self._saved(*done),
            title=_("Saving the report…"),
            on_error=self._refuse,
            cancellable=False,  # it writes: once started it finishes
        )

    def _saved(self, written: Path, title: str) -> None:
        """Say where the report went; a PDF can be looked at (and printed) at once."""
        if written.suffix.lower() != ".pdf":
            self.ctx.prompter.inform(
                self, _("Saved"), _("The report is saved as {path}.").format(path=written)
            )
            return
        if not self.ctx.prompter.confirm(
            self,
            _("Saved"),
            _("The report is saved as {path}. Do you want to see it now?").format(path=written),
            _("Show"),
            _("Not now"),
        ):
            return
        from budgetkring.documents.kinds import Document
        from ui.pdf_preview import PdfPreviewDialog

        try:
            data = written.read_bytes()
        except OSError as err:
            self.ctx.prompter.error(self, _("Cannot show the report"), str(err))
            return
        preview = PdfPreviewDialog(self.ctx, Document(title, data, written.name), self)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # pages and pixels go with it
        self.ctx.prompter.run_dialog(preview)


def domain_words(report: FunderReport) -> str:
    """One line about the life domains: how many have averages, or why none has."""
    shown = sum(1 for d in report.domains if not d.suppressed)
    if not shown:
        return _(
            "Self-assessment per life domain: fewer than 5 people have one at the start and "
            "at the end, so the report gives no averages."
        )
    return ngettext(
        "Self-assessment per life domain: the report gives averages for {n} life domain.",
        "Self-assessment per life domain: the report gives averages for {n} life domains.",
        shown,
    ).format(n=shown)


class ExportDialog(QDialog):
    """The anonymous tables of all circles: as a .zip of CSV files or as an Excel workbook."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Export data"))
        self.csv = WrappingRadioButton(
            _("CSV files: one file per table, together in one .zip file")
        )
        self.xlsx = WrappingRadioButton(_("Excel workbook (XLSX): one sheet per table"))
        self.csv.setChecked(True)
        self.kinds = QButtonGroup(self)
        for button in (self.csv, self.xlsx):
            self.kinds.addButton(button)
        kind_box = QGroupBox(_("Type of file"))
        kind_layout = QVBoxLayout(kind_box)
        kind_layout.addWidget(self.csv)
        kind_layout.addWidget(self.xlsx)
        self.problem = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(_("&Save…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        tab_in_shown_order(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "The data of all circles as tables, to work with in a spreadsheet: "
                    "circles, meetings, attendance per participant code and the scores of "
                    "each self-assessment per code. Never in it: nicknames, goals, notes or "
                    "other free text, reasons, facilitators."
                )
            )
        )
        layout.addWidget(
            hint_label(
                _(
                    "The tables have a line per participant code, so small numbers are not "
                    "hidden. Do not publish them. For funders, use the report for funders."
                )
            )
        )
        layout.addWidget(kind_box)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view
        self.csv.setFocus()

    def format(self) -> str:
        """The format chosen, as the core names it: csv or xlsx."""
        return "xlsx" if self.xlsx.isChecked() else "csv"

    def save(self) -> None:
        """Write the tables where the user chooses, then close; a problem is shown in red and
        the dialog stays open."""
        self.problem.hide()
        fmt = self.format()
        suffix, pattern = {
            "csv": (".zip", _("Zip file with CSV files (*.zip)")),
            "xlsx": (".xlsx", _("Excel workbook (*.xlsx)")),
        }[fmt]
        today = self.ctx.today()
        name = _("Budgetkring tables {day}").format(day=today.isoformat()) + suffix
        target = choose_file(
            self.ctx, self, _("Export data"), documents_folder() / name, pattern, suffix
        )
        if target is None:
            return
        path, replace = target

        def work(store) -> Path:
            from budgetkring.exchange.tables import write_export

            return write_export(store, path, fmt, today, replace=replace)

        self.ctx.runner.run(
            self,
            work,
            self._saved,
            title=_("Saving the tables…"),
            on_error=self._refuse,
            cancellable=False,  # it writes: once started it finishes
        )

    def _saved(self, written: Path) -> None:
        self.ctx.prompter.inform(
            self, _("Saved"), _("The tables are saved as {path}.").format(path=written)
        )
        self.accept()

    def _refuse(self, err: UserError) -> None:
        self.problem.setText(str(err))
        self.problem.show()
