"""The funder report: what the circles did in a period, from anonymous figures only.

What each figure means (the schema keeps no date of stopping or finishing, so those are
derived; see ``store.reports``):

- period: from ``start`` to ``end``, both days included; by default 1 January of this year up
  to today.
- circles: circles that held at least one meeting in the period (not: circles whose status
  says running, which a coordinator's copy may not keep up to date).
- meetings held: meetings in the period that were held (stored as held, or not cancelled and
  before today).
- started: participants who joined in the period (the day they joined, else their consent).
- finished / stopped: participants with that status whose day of leaving falls in the period:
  the last meeting they were present at, or their end self-assessment when that is later.
- attendance: present / marked over the meetings held in the period; and the same per month of
  the period, all circles together (for the chart on paper), hidden for a month in which fewer
  than 5 people were marked.
- per life domain: participants whose end self-assessment falls in the period and who also
  have a start one; the average score at start and at end over those who answered that domain
  both times, the number of them, and the change (end minus start). Scores of another
  instrument version's scale are put on the current instrument's scale first.
- per municipality: the same counts per town; the totals are the sum of the towns.

Small numbers (``suppression``): every count of people below 5 (zero too) is hidden, no
average is given for fewer than 5 people, and more town figures are hidden where a small one
could be worked out from the totals. A hidden figure is ``None`` here, ``null`` in JSON (with
``"suppressed": true`` on the object it is in) and "<5" on paper and in spreadsheets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from babel.numbers import format_decimal, format_percent

from budgetkring.domains import DOMAINS, domain_label
from budgetkring.errors import UserError
from budgetkring.exchange.suppression import SHOWN, Table, is_small, protected, publish
from budgetkring.i18n import N_, _, current_locale, format_date
from budgetkring.participants.assessments import current_instrument
from budgetkring.store import Store
from budgetkring.store import reports as sql

COUNTS = ("started", "finished", "stopped")
NO_FIGURE = "—"  # a hidden average, change or share
FIGURES = {
    "circles": N_("Circles that met"),
    "meetings_held": N_("Meetings held"),
    "started": N_("Participants who started"),
    "finished": N_("Participants who finished"),
    "stopped": N_("Participants who stopped"),
    "attendance_rate": N_("Attendance (present of all marks)"),
}


def report_period(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The period asked for, with the defaults filled in (1 January of this year, today); a
    UserError when it starts after it ends."""
    first = start or date(today.year, 1, 1)
    last = end or today
    if first > last:
        raise UserError(
            _("The period starts on {start}, after its end on {end}.").format(
                start=format_date(first), end=format_date(last)
            )
        )
    return first, last


@dataclass(frozen=True)
class Totals:
    """The whole organisation's figures; None where a figure is hidden."""

    circles: int
    meetings_held: int
    started: int | None
    finished: int | None
    stopped: int | None
    attendance_rate: float | None  # the share of marks that were "present", 0 to 1

    @property
    def suppressed(self) -> bool:
        """Whether any figure is hidden."""
        return None in (self.started, self.finished, self.stopped, self.attendance_rate)


@dataclass(frozen=True)
class DomainRow:
    """One life domain: how many people, their average at start and end, and the change."""

    domain: str
    n: int | None
    start: float | None = None
    end: float | None = None

    @property
    def change(self) -> float | None:
        """End minus start (None when hidden)."""
        return None if self.start is None or self.end is None else self.end - self.start

    @property
    def suppressed(self) -> bool:
        """Whether the row is hidden (fewer than 5 people)."""
        return self.n is None


@dataclass(frozen=True)
class TownRow:
    """One municipality's figures; None where a count is hidden."""

    municipality: str
    circles: int
    meetings_held: int
    started: int | None
    finished: int | None
    stopped: int | None

    @property
    def suppressed(self) -> bool:
        """Whether any count is hidden."""
        return None in (self.started, self.finished, self.stopped)


@dataclass(frozen=True)
class MonthRow:
    """Attendance in one month of the period, all circles together. ``rate`` is None when no
    meeting with marks was held that month, or when fewer than 5 people were marked (hidden)."""

    month: date  # the first day of the month
    meetings: int  # held meetings with marks
    rate: float | None

    @property
    def hidden(self) -> bool:
        """Whether the month's share is hidden (meetings were held, but too few people)."""
        return self.meetings > 0 and self.rate is None


@dataclass(frozen=True)
class FunderReport:
    """The report as it may be published: hidden figures are already None."""

    start: date
    end: date
    totals: Totals
    domains: list[DomainRow] = field(default_factory=list)
    municipalities: list[TownRow] = field(default_factory=list)
    scale: tuple[int, int] = (1, 5)
    months: list[MonthRow] = field(default_factory=list)  # every month of the period

    def to_json(self) -> dict:
        """``{from, to, totals: {…}, domains: [{domain, n, start, end, change}], …}``: a
        hidden figure is null, and the object it is in says ``"suppressed": true``."""
        t = self.totals
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "totals": {
                "circles": t.circles,
                "meetings_held": t.meetings_held,
                "started": t.started,
                "finished": t.finished,
                "stopped": t.stopped,
                "attendance_rate": _rounded(t.attendance_rate, 3),
                "suppressed": t.suppressed,
            },
            "domains": [
                {
                    "domain": d.domain,
                    "n": d.n,
                    "start": _rounded(d.start, 2),
                    "end": _rounded(d.end, 2),
                    "change": _rounded(d.change, 2),
                    "suppressed": d.suppressed,
                }
                for d in self.domains
            ],
            "municipalities": [
                {
                    "municipality": m.municipality,
                    "circles": m.circles,
                    "meetings_held": m.meetings_held,
                    "started": m.started,
                    "finished": m.finished,
                    "stopped": m.stopped,
                    "suppressed": m.suppressed,
                }
                for m in self.municipalities
            ],
            "scale": {"min": self.scale[0], "max": self.scale[1]},
        }


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


# --- making it --------------------------------------------------------------------------------


def funder_report(
    store: Store, today: date, start: date | None = None, end: date | None = None
) -> FunderReport:
    """The report for a period (defaults: 1 January of this year up to today), with every
    small figure hidden. Four queries over the whole organisation, whatever its size."""
    first, last = report_period(start, end, today)
    span = (first.isoformat(), last.isoformat())
    towns = _towns(
        sql.meeting_counts(store.db, *span, today.isoformat()),
        sql.participant_counts(store.db, *span),
    )
    marks = sql.attendance_counts(store.db, *span, today.isoformat())
    instrument = current_instrument(store)
    scale = (instrument.scale.minimum, instrument.scale.maximum)
    rate = None if is_small(marks["people"]) else marks["present"] / marks["marked"]
    table = protected(Table.of([[t[k] for k in COUNTS] for t in towns], column_totals=True))
    counts = [table.column_total(i) if towns else None for i in range(len(COUNTS))]
    totals = Totals(
        circles=sum(t["circles"] for t in towns),
        meetings_held=sum(t["meetings_held"] for t in towns),
        started=counts[0],
        finished=counts[1],
        stopped=counts[2],
        attendance_rate=rate,
    )
    rows = [
        TownRow(
            t["municipality"],
            t["circles"],
            t["meetings_held"],
            *(table.cell(r, i) for i in range(len(COUNTS))),
        )
        for r, t in enumerate(towns)
    ]
    domains = _domains(sql.domain_changes(store.db, *span, *scale), instrument.domains())
    months = _months(first, last, sql.monthly_marks(store.db, *span, today.isoformat()))
    return FunderReport(first, last, totals, domains, rows, scale, months)


def _months(first: date, last: date, rows: list[dict]) -> list[MonthRow]:
    """A row for every month from ``first`` to ``last``; a month with fewer than 5 people
    marked has no share."""
    found = {row["month"]: row for row in rows}
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        row = found.get(f"{year:04d}-{month:02d}")
        if row is None:
            months.append(MonthRow(date(year, month, 1), 0, None))
        else:
            rate = None if is_small(row["people"]) else row["present"] / row["marks"]
            months.append(MonthRow(date(year, month, 1), row["meetings"], rate))
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return months


def _towns(meetings: list[dict], people: list[dict]) -> list[dict]:
    """One row per municipality with something in the period, by name."""
    found: dict[str, dict] = {}
    for row in [*meetings, *people]:
        town = found.setdefault(
            row["municipality"].casefold(),
            {"municipality": row["municipality"], "circles": 0, "meetings_held": 0}
            | dict.fromkeys(COUNTS, 0),
        )
        for key in ("circles", "meetings_held", *COUNTS):
            town[key] += row.get(key) or 0
    rows = [t for t in found.values() if any(t[k] for k in ("circles", *COUNTS))]
    return sorted(rows, key=lambda t: t["municipality"].casefold())


def _domains(rows: list[dict], asked: list[str]) -> list[DomainRow]:
    """A row per life domain of the instrument (and any other found), hidden below 5 people."""
    by_domain = {r["domain"]: r for r in rows}
    order = list(dict.fromkeys([*asked, *(d for d in DOMAINS if d in by_domain)]))
    order += sorted(d for d in by_domain if d not in order)
    found = []
    for domain in order:
        row = by_domain.get(domain, {"n": 0})
        n = publish(row["n"])
        if n is None:
            found.append(DomainRow(domain, None))
        else:
            found.append(DomainRow(domain, n, row["start_average"], row["end_average"]))
    return found


# --- the report as text, for paper, spreadsheets and the terminal -----------------------------


@dataclass(frozen=True)
class Value:
    """One figure of a table and how it reads: a count, a share, an average or a change."""

    value: int | float | str | None
    kind: str = "count"  # count, rate, average, change, text

    def text(self) -> str:
        """As the reader sees it, in the current language. Hidden: a count is "<5"; an
        average, change or share has no figure at all ("—"), so it never reads as "below 5"."""
        if self.value is None:
            return SHOWN if self.kind == "count" else NO_FIGURE
        if isinstance(self.value, str):
            return self.value
        locale = current_locale()
        if self.kind == "rate":
            return format_percent(self.value, locale=locale)
        if self.kind == "average":
            return format_decimal(self.value, "0.0", locale=locale)
        if self.kind == "change":
            return format_decimal(self.value, "+0.0;-0.0", locale=locale)
        return str(self.value)


@dataclass(frozen=True)
class Section:
    """A table of the report: a heading, a note under it, the column names and the rows."""

    heading: str
    header: list[str]
    rows: list[list[Value]]
    note: str = ""


def report_title(report: FunderReport) -> str:
    """The title with the period written out."""
    return _("Report for funders: {start} to {end}").format(
        start=format_date(report.start), end=format_date(report.end)
    )


def report_notes() -> list[str]:
    """What the reader must know to read the figures right."""
    return [
        _(
            "Anonymous: no names, codes or personal notes. Every number of fewer than 5 people "
            "(0 too) is shown as <5, and no average or percentage is given for it (—). Where a "
            "small number could be worked out from a total, more numbers are shown as <5."
        ),
        _(
            "Stopped and finished count by the last meeting someone was present at (or their "
            "end self-assessment, if that is later)."
        ),
    ]


def report_sections(report: FunderReport) -> list[Section]:
    """The report as tables, the same for paper, spreadsheets and the terminal."""
    t = report.totals
    values = {
        "circles": Value(t.circles),
        "meetings_held": Value(t.meetings_held),
        "started": Value(t.started),
        "finished": Value(t.finished),
        "stopped": Value(t.stopped),
        "attendance_rate": Value(t.attendance_rate, "rate"),
    }
    totals = Section(
        _("Totals"),
        [_("Figure"), _("Number")],
        [[Value(_(label), "text"), values[key]] for key, label in FIGURES.items()],
    )
    domains = Section(
        _("Self-assessment per life domain"),
        [_("Life domain"), _("People"), _("Start"), _("End"), _("Change")],
        [
            [
                Value(domain_label(d.domain), "text"),
                Value(d.n),
                Value(d.start, "average"),
                Value(d.end, "average"),
                Value(d.change, "change"),
            ]
            for d in report.domains
        ],
        _(
            "Participants with a self-assessment at the start and at the end (the end in this "
            "period). Scores from {low} to {high}."
        ).format(low=report.scale[0], high=report.scale[1]),
    )
    header = [_("Municipality"), _("Circles"), _("Meetings"), _("Started"), _("Finished")]
    town_rows = [
        [Value(m.municipality, "text"), *map(Value, _town_figures(m))]
        for m in report.municipalities
    ]
    all_towns = [Value(_("All municipalities"), "text"), Value(t.circles), Value(t.meetings_held)]
    all_towns += [Value(t.started), Value(t.finished), Value(t.stopped)]
    towns = Section(
        _("Per municipality"), [*header, _("Stopped")], [*town_rows, all_towns] if town_rows else []
    )
    return [totals, domains, towns]


def _town_figures(m: TownRow) -> list[int | None]:
    return [m.circles, m.meetings_held, m.started, m.finished, m.stopped]
