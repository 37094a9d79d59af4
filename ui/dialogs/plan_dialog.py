"""Plan a circle's year: choose day, time, rhythm, region and programme; see every meeting and
every skipped day before anything is saved."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.organisation.circles import Circle
from budgetkring.planning.plan import (
    PlanPreview,
    PlanRequest,
    circle_plan_settings,
    preview_plan,
    save_plan,
)
from budgetkring.planning.programmes import get_version, list_programmes
from budgetkring.planning.regions import MOST, PART, provinces_by_region, suggest_region
from budgetkring.planning.schedule import CADENCE_LABELS, CADENCES, REGIONS
from ui.context import AppContext
from ui.date_field import check_dates
from ui.fit import fit_dialog, wrap_list
from ui.widgets import date_edit, error_label, tab_in_shown_order

REGION_LABELS = {"noord": "Noord", "midden": "Midden", "zuid": "Zuid"}


def region_overview() -> str:
    """Which provinces belong to which school holiday region, one line per region."""
    marks = {MOST: _("{province} (largest part)"), PART: _("{province} (a part)")}
    lines = []
    for region, provinces in provinces_by_region().items():
        names = [marks.get(share, "{province}").format(province=p) for p, share in provinces]
        lines.append(f"{REGION_LABELS[region]}: {', '.join(names)}")
    return "\n".join(lines)


class PlanDialog(QDialog):
    """The plan form with a live preview; Save stores exactly what the preview shows."""

    def __init__(self, ctx: AppContext, circle: Circle, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.circle = circle
        self.preview: PlanPreview | None = None
        self.setWindowTitle(_("Plan the year of {circle}").format(circle=circle.name))
        self.resize(760, 560)

        self.start = date_edit(ctx.today())
        self.weekday = QComboBox()
        for day in range(7):
            self.weekday.addItem(format_date(QDate(2024, 1, 1 + day).toPython(), "EEEE"), day)
        self.begin = QTimeEdit()
        self.end = QTimeEdit()
        for edit in (self.begin, self.end):
            edit.setDisplayFormat("HH:mm")
        self.begin.setAccessibleName(_("Start time"))
        self.end.setAccessibleName(_("End time"))
        self.cadence = QComboBox()
        for code in CADENCES:
            self.cadence.addItem(_(CADENCE_LABELS[code]), code)
        self.region = QComboBox()
        for code in REGIONS:
            self.region.addItem(REGION_LABELS[code], code)
        self.suggested = suggest_region(circle.municipality)
        self.region_hint = QLabel(self._region_hint())
        self.region_hint.setWordWrap(True)
        self.region_overview = QLabel(region_overview())
        self.region_overview.setWordWrap(True)
        self.programme = QComboBox()
        self._fill_programmes()
        self._fill_defaults()

        times = QHBoxLayout()
        times.addWidget(self.begin)
        times.addWidget(QLabel(_("to")))
        times.addWidget(self.end)
        times.addStretch(1)
        form = QFormLayout()
        form.addRow(_("First meeting on or after"), self.start)
        form.addRow(_("Weekday"), self.weekday)
        form.addRow(_("Time"), times)
        form.addRow(_("How often"), self.cadence)
        self.region.setAccessibleName(_("School holidays of region"))  # its label has no buddy
        region_box = QVBoxLayout()  # the choice, then why it was suggested and the provinces
        for widget in (self.region, self.region_hint, self.region_overview):
            region_box.addWidget(widget)
        form.addRow(_("School holidays of region"), region_box)
        form.addRow(_("Programme"), self.programme)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problem = error_label()
        # long themes and holiday names go on over a second line instead of being cut off
        self.meetings = wrap_list(QListWidget())
        self.skipped = wrap_list(QListWidget())
        self.meetings.setAccessibleName(_("Meetings"))
        self.skipped.setAccessibleName(_("Skipped days"))
        lists = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(QLabel("<b>" + _("Meetings") + "</b>"))
        left.addWidget(self.meetings)
        right.addWidget(QLabel("<b>" + _("Skipped days") + "</b>"))
        right.addWidget(self.skipped)
        lists.addLayout(left, 3)
        lists.addLayout(right, 2)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            _("Save plan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        tab_in_shown_order(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addLayout(lists, 1)
        layout.addWidget(self.buttons)
        fit_dialog(self)  # the form scrolls on a small screen; the buttons stay in view

        for signal in (self.start.dateChanged, self.begin.timeChanged, self.end.timeChanged):
            signal.connect(self.update_preview)
        for combo in (self.weekday, self.cadence, self.region, self.programme):
            combo.currentIndexChanged.connect(self.update_preview)
        self.update_preview()

    def _fill_programmes(self) -> None:
        settings = circle_plan_settings(self.ctx.store, self.circle.id)
        if settings:
            own = get_version(self.ctx.store, settings["version_id"])
            self.programme.addItem(
                _("{name} (version {version}, as planned)").format(
                    name=own.name, version=own.version
                ),
                None,
            )
        for programme in list_programmes(self.ctx.store):
            if settings and programme.version_id == settings["version_id"]:
                continue
            self.programme.addItem(
                _("{name} (version {version})").format(
                    name=programme.name, version=programme.version
                ),
                programme.name,
            )

    def _fill_defaults(self) -> None:
        settings = circle_plan_settings(self.ctx.store, self.circle.id)
        today = self.ctx.today()
        start = self.circle.start_date or today
        if settings:
            start = max(today, start)
            self.weekday.setCurrentIndex(settings["weekday"])
            self.begin.setTime(QTime.fromString(settings["start_time"], "HH:mm"))
            self.end.setTime(QTime.fromString(settings["end_time"], "HH:mm"))
            self.cadence.setCurrentIndex(CADENCES.index(settings["cadence"]))
            self.region.setCurrentIndex(REGIONS.index(settings["region"]))
        else:
            # A weekend start (often just "today") suggests Tuesday rather than Sunday.
            self.weekday.setCurrentIndex(start.weekday() if start.weekday() < 5 else 1)
            self.begin.setTime(QTime(13, 30))
            self.end.setTime(QTime(15, 30))
            self.cadence.setCurrentIndex(CADENCES.index("2w"))
            region = self.suggested.region if self.suggested else "midden"
            self.region.setCurrentIndex(REGIONS.index(region))
        self.start.setDate(start)

    def _region_hint(self) -> str:
        """Which region the circle's town is in, or a question when that is not known."""
        found, town = self.suggested, self.circle.municipality
        if found is None:
            return _(
                "Which region is {town} in? Choose it above. Below you see the provinces."
            ).format(town=town)
        region = REGION_LABELS[found.region]
        if found.place == found.province:
            return _("{province} is in region {region}.").format(
                province=found.province, region=region
            )
        return _("{town} is in {province}: region {region}.").format(
            town=town, province=found.province, region=region
        )

    def request(self) -> PlanRequest:
        """The plan the form describes."""
        begin, end = self.begin.time(), self.end.time()
        return PlanRequest(
            circle_id=self.circle.id,
            start=self.start.checked_date(),
            weekday=self.weekday.currentData(),
            start_time=time(begin.hour(), begin.minute()),
            end_time=time(end.hour(), end.minute()),
            cadence=self.cadence.currentData(),
            region=self.region.currentData(),
            programme=self.programme.currentData(),
        )

    def update_preview(self) -> None:
        """Work out the plan again and show it (nothing is saved)."""
        self.meetings.clear()
        self.skipped.clear()
        self.problem.hide()
        if self.start.date() is None:  # half typed: the date field itself says what is wrong
            self.preview = None
            self.summary.clear()
            self.save_button.setEnabled(False)
            return
        try:
            self.preview = preview_plan(self.ctx.store, self.request(), self.ctx.today())
        except UserError as err:
            self.preview = None
            self.problem.setText(str(err))
            self.problem.show()
            self.summary.clear()
            self.save_button.setEnabled(False)
            return
        self.save_button.setEnabled(True)
        p = self.preview
        for m in p.meetings:
            self.meetings.addItem(
                f"{m.number}. {format_date(m.day, 'EEE d MMM yyyy')} — {m.template.title}"
            )
        for day, reason in p.skipped:
            self.skipped.addItem(f"{format_date(day, 'EEE d MMM yyyy')}: {reason}")
        if not p.skipped:
            self.skipped.addItem(_("No days skipped."))
        text = _("{n} meetings, from {first} to {last}.").format(
            n=len(p.meetings),
            first=format_date(p.meetings[0].day),
            last=format_date(p.meetings[-1].day),
        )
        if p.kept:
            text = (
                _("{kept} meetings already held stay as they are. ").format(
                    kept=len([s for s in p.kept if s.status != "cancelled"])
                )
                + text
            )
        self.summary.setText(" ".join([text, *p.warnings]))

    def save(self) -> None:
        """Save the plan shown in the preview."""
        if not check_dates(self.start):
            return
        try:
            self.preview = save_plan(self.ctx.store, self.request(), self.ctx.today())
        except UserError as err:
            self.problem.setText(str(err))
            self.problem.show()
            return
        self.accept()
