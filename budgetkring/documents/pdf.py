"""How every printed document looks: A4, the embedded DejaVu font, page numbers, large print.

A document is a list of reportlab flowables built with the helpers here (``Writer``), so every
kind shares one look: the same font (it covers accented letters and €), "pagina 2 van 5" at the
bottom of each page, the title in the PDF's properties, and real text (never pictures of text).
Large print makes the body text 16 pt. Nothing relies on colour: grey is only decoration.

Every piece of user text goes through ``Writer.text``, which escapes it, so a theme like
"<b>" prints as written instead of breaking the layout.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from budgetkring import __version__
from budgetkring.i18n import _
from budgetkring.paths import resource_path
from budgetkring.text import printable

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
BOX = "\u2610"  # ☐, a box to tick on paper (in the font, so it is text, not a picture)
MARGIN = 18 * mm
LINE_GREY = colors.Color(0.55, 0.55, 0.55)
SHADE = colors.Color(0.9, 0.9, 0.9)

Progress = Callable[[int, int], None]


def register_fonts() -> None:
    """Load the shipped font once per process (reportlab keeps it registered)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(
        TTFont(FONT, str(resource_path("resources", "fonts", "DejaVuSans.ttf")))
    )
    pdfmetrics.registerFont(
        TTFont(BOLD, str(resource_path("resources", "fonts", "DejaVuSans-Bold.ttf")))
    )
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


@dataclass(frozen=True)
class Sizes:
    """Font sizes in points: normal print, or large print (body text 16 pt)."""

    body: float
    small: float
    h1: float
    h2: float

    @classmethod
    def for_print(cls, large: bool) -> Sizes:
        return cls(16, 14, 24, 19) if large else cls(11, 9, 18, 13.5)


def _style(name: str, size: float, font: str = FONT, **extra) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=size * 1.3, alignment=TA_LEFT, **extra
    )


class Writer:
    """Builds one document's flowables in the house style."""

    def __init__(self, large: bool = False, *, wide: bool = False):
        register_fonts()
        self.large = large
        self.page_size = landscape(A4) if wide else A4
        # what a frame leaves inside the margins (reportlab's frames pad 6 pt on each side)
        self.width = self.page_size[0] - 2 * MARGIN - 12
        self.sizes = Sizes.for_print(large)
        s = self.sizes
        self.styles = {
            "body": _style("body", s.body, spaceAfter=s.body * 0.3),
            "cell": _style("cell", s.body),
            "cell-bold": _style("cell-bold", s.body, BOLD),
            "small": _style("small", s.small, textColor=colors.Color(0.25, 0.25, 0.25)),
            "h1": _style("h1", s.h1, BOLD, spaceAfter=s.body * 0.6),
            "h2": _style("h2", s.h2, BOLD, spaceBefore=s.body * 0.8, spaceAfter=s.body * 0.3),
            "box": _style("box", s.body * 1.4),
            "bullet": _style(
                "bullet",
                s.body,
                leftIndent=stringWidth("•  ", FONT, s.body),
                bulletFontName=FONT,
                spaceAfter=s.body * 0.2,
            ),
        }
        self.story: list[Flowable] = []

    # --- pieces ---------------------------------------------------------------------------

    def para(self, text: str, style: str = "body", bullet: str | None = None) -> Paragraph:
        """A paragraph of plain text (escaped; a line break in the text stays a line break)."""
        chosen = self.styles[style]
        lines = [printable(line) for line in str(text).split("\n")]
        if len(lines) == 1:
            return _plain_paragraph(lines[0], chosen, bullet)
        return Paragraph("<br/>".join(escape(line) for line in lines), chosen, bullet)

    def add(self, *flowables: Flowable) -> None:
        self.story.extend(flowables)

    def block(self, text: str, style: str = "body") -> Flowable:
        """Text that runs across the page: one line that fits is drawn as it is (quick),
        anything longer becomes a paragraph that wraps."""
        chosen = self.styles[style]
        line = printable(str(text))
        if "\n" not in line and stringWidth(line, chosen.fontName, chosen.fontSize) <= self.width:
            return _OneLine(line, chosen)
        return self.para(text, style)

    def title(self, text: str) -> None:
        self.add(self.block(text, "h1"))

    def heading(self, text: str, following: Flowable | list[Flowable] | None = None) -> None:
        """A section heading (with ``following`` after it); a heading never ends a page: when
        less than a few lines are left, it starts the next one."""
        self.add(CondPageBreak(self.sizes.h2 * 2 + self.sizes.body * 4), self.block(text, "h2"))
        if isinstance(following, list):
            self.add(*following)
        elif following is not None:
            self.add(following)

    def text(self, text: str, style: str = "body") -> None:
        self.add(self.block(text, style))

    def bullets(self, items: Iterable[str]) -> list[Flowable]:
        """A list with a bullet before each item. An item that fits on one line is drawn as it
        is (the quickest: a bullet list is most of a session plan); a longer one wraps with its
        lines lined up after the bullet."""
        style = self.styles["bullet"]
        found: list[Flowable] = []
        for item in items:
            text = printable(item)
            line = f"•  {text}"
            if stringWidth(line, FONT, style.fontSize) <= self.width:
                found.append(_OneLine(line, style))
            else:
                found.append(_plain_paragraph(text, style, "•"))
        return found

    def section(self, heading: str, items: Sequence[str]) -> None:
        """A heading with a list under it; nothing at all when the list is empty."""
        if items:
            self.heading(heading, self.bullets(items))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str | Flowable]],
        widths: Sequence[float],
        *,
        centred: Sequence[int] = (),
        row_height: float | None = None,
    ) -> Table:
        """A table whose cells wrap; the header row repeats on every page.

        ``row_height`` is the least height of a body row (room to write in).

        ``widths`` are parts of the page width (they are scaled to fill it); ``centred`` names
        columns whose content is centred (boxes, numbers).
        """
        total = sum(widths)
        col_widths = [self.width * w / total for w in widths]

        size = self.sizes.body
        pad = 6  # reportlab's cell padding, left and right together

        def cell(value: str | Flowable, width: float, bold: bool = False) -> str | Flowable:
            if isinstance(value, Flowable):
                return value
            text = printable(value)
            # Short text is drawn as it is (much quicker); text that needs wrapping gets a
            # paragraph, so it wraps instead of running out of its cell.
            if "\n" not in text and stringWidth(text, BOLD if bold else FONT, size) <= width - pad:
                return text
            return self.para(text, "cell-bold" if bold else "cell")

        data = [[cell(h, w, True) for h, w in zip(header, col_widths, strict=True)]] + [
            [cell(v, w) for v, w in zip(row, col_widths, strict=True)] for row in rows
        ]
        style = [
            ("FONT", (0, 0), (-1, 0), BOLD, size, size * 1.3),
            ("FONT", (0, 1), (-1, -1), FONT, size, size * 1.3),
            ("GRID", (0, 0), (-1, -1), 0.6, LINE_GREY),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        for column in centred:
            style.append(("ALIGN", (column, 0), (column, -1), "CENTER"))
        if row_height is not None:  # a minimum: room to write, while long text still wraps
            room = max(3.0, (row_height - self.sizes.body * 1.3) / 2)
            style += [
                ("TOPPADDING", (0, 1), (-1, -1), room),
                ("BOTTOMPADDING", (0, 1), (-1, -1), room),
            ]
        table = Table(data, colWidths=col_widths, repeatRows=1)
        table.setStyle(TableStyle(style))
        return table

    def box(self) -> Paragraph:
        """A box to tick, centred in its cell."""
        return Paragraph(BOX, ParagraphStyle("b", parent=self.styles["box"], alignment=1))

    def lines(self, count: int, label: str = "") -> None:
        """Ruled lines to write on (for notes)."""
        height = self.sizes.body * 2.2
        rows = [[""] for _ in range(count)]
        table = Table(rows, colWidths=[self.width], rowHeights=[height] * count)
        table.setStyle(
            TableStyle(
                [("FONT", (0, 0), (-1, -1), FONT), ("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE_GREY)]
            )
        )
        if label:
            self.heading(label, table)
        else:
            self.add(table)

    def note_space(self, label: str, most: int) -> None:
        """A heading with ruled lines for notes under it, filling the rest of the page."""
        lines = NoteLines(self.sizes.body * 2.2, most)
        room = self.sizes.h2 * 1.6 + lines.least * lines.line_height
        self.add(CondPageBreak(room), self.para(label, "h2"), lines)

    def space(self, lines: float = 1) -> None:
        self.add(Spacer(1, self.sizes.body * lines))

    def new_page(self) -> None:
        if self.story and not isinstance(self.story[-1], PageBreak):
            self.add(PageBreak())


_FRAGS: dict[tuple, object] = {}


def _plain_paragraph(text: str, style: ParagraphStyle, bullet: str | None) -> Paragraph:
    """A one-line text as a paragraph without reportlab's markup parser (the slow part of
    laying out a page): the text is used as it is, so it needs no escaping either."""
    key = (style.name, style.fontName, style.fontSize, str(style.textColor))
    base = _FRAGS.get(key)
    if base is None:
        base = _FRAGS[key] = Paragraph("x", style).frags[0]
    return Paragraph(text, style, bullet, frags=[base.clone(text=text)])  # type: ignore[attr-defined]


class _OneLine(Flowable):
    """One line of text in a paragraph style (its spacing, font and colour), drawn directly."""

    def __init__(self, text: str, style: ParagraphStyle):
        super().__init__()
        self.text = text
        self.style = style
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    def wrap(self, avail_width, avail_height):  # noqa: D102 - reportlab's protocol
        return avail_width, self.style.leading

    def draw(self):  # noqa: D102 - reportlab's protocol
        style = self.style
        self.canv.setFont(style.fontName, style.fontSize)
        self.canv.setFillColor(style.textColor)
        # the baseline where a paragraph's first line would have it
        self.canv.drawString(0, style.leading - style.fontSize, self.text)


class NoteLines(Flowable):
    """Ruled lines that fill what is left of the page (at most ``most``, at least ``least``;
    when fewer fit, they go to the next page), so notes never take a page of their own."""

    def __init__(self, line_height: float, most: int, least: int = 2):
        super().__init__()
        self.line_height = line_height
        self.most = most
        self.least = least
        self.count = most

    def wrap(self, avail_width, avail_height):  # noqa: D102 - reportlab's protocol
        fits = int(avail_height // self.line_height)
        self.count = max(self.least, min(self.most, fits))
        self.width = avail_width
        return avail_width, self.count * self.line_height

    def draw(self):  # noqa: D102 - reportlab's protocol
        self.canv.setStrokeColor(LINE_GREY)
        self.canv.setLineWidth(0.5)
        for n in range(self.count):
            y = n * self.line_height
            self.canv.line(0, y, self.width, y)


class _NumberedCanvas(canvas.Canvas):
    """Writes "pagina X van Y" on each page once the number of pages is known."""

    footer_text = ""
    footer_size = 9.0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._footer(total)
            super().showPage()
        super().save()

    def _footer(self, total: int) -> None:
        width, _height = self._pagesize
        y = MARGIN / 2
        number = _("page {page} of {total}").format(page=self._pageNumber, total=total)
        self.setFont(FONT, self.footer_size)
        self.setFillColor(colors.black)
        self.drawRightString(width - MARGIN, y, number)
        room = width - 2 * MARGIN - self.stringWidth(number) - self.footer_size * 2
        text = self.footer_text
        while text and self.stringWidth(text) > room:  # never runs into the page number
            text = text[:-2] + "…"
        self.drawString(MARGIN, y, text)


def build(
    writer: Writer,
    title: str,
    *,
    footer: str = "",
    progress: Progress | None = None,
) -> bytes:
    """The finished PDF. ``progress(done, total)`` is told after each part is placed; it may
    raise to stop (nothing is returned then)."""
    story = list(writer.story) or [writer.para("")]
    total = len(story)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=writer.page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=printable(title),
        author="Budgetkring",
        creator=f"Budgetkring {__version__}",
        lang="nl",
        initialFontName=FONT,  # never a font that is not embedded (reportlab's Helvetica)
        initialFontSize=writer.sizes.body,
    )
    placed = {"n": 0}
    top = {id(f) for f in story}

    def after(flowable: Flowable) -> None:
        if progress is not None and id(flowable) in top:
            placed["n"] += 1
            progress(placed["n"], total)

    doc.afterFlowable = after
    size = 12.0 if writer.large else 9.0

    class Numbered(_NumberedCanvas):
        footer_text = printable(footer)[:120]
        footer_size = size

    doc.build(story, canvasmaker=Numbered)
    if progress is not None:
        progress(total, total)  # a part split over two pages is reported as its pieces
    return buffer.getvalue()
