"""Benchmark: the year pack of a circle with 19 meetings, next to plain reportlab writing
comparable pages: the same fonts and the same words, but per page just a title, one paragraph
and one table (no headings, lists, page numbers or notes, and no reading of the database).

    .venv/bin/python bench/printing.py

Aim: the year pack takes <= 1.5x the plain reportlab pages. Medians of 7 runs, in one process
and one run (so the machine's speed cancels out); fonts are registered before timing both.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from budgetkring.documents.kinds import Request, render  # noqa: E402
from budgetkring.documents.pdf import BOLD, FONT, register_fonts  # noqa: E402
from budgetkring.organisation.circles import list_circles  # noqa: E402
from budgetkring.organisation.database import open_database  # noqa: E402
from budgetkring.organisation.demo import load_demo  # noqa: E402
from budgetkring.planning.programmes import get_template  # noqa: E402
from budgetkring.planning.sessions import list_sessions  # noqa: E402

TODAY = date(2026, 11, 29)
RUNS = 7


def plain_pages(store, circle_id: int) -> list[tuple[str, str, list[list[str]]]]:
    """The same words as the year pack, as plain reportlab pages want them: per page a title,
    one paragraph (aims, materials, hand-outs, notes) and a table (agenda, or the schedule)."""
    sessions = list_sessions(store, circle_id, TODAY)
    pages = [
        (
            "Jaarplanning",
            "Plaats: Buurthuis",
            [[str(s.number), f"{s.date:%d-%m-%Y}", f"{s.start:%H:%M}", s.theme] for s in sessions],
        )
    ]
    for s in sessions:
        t = get_template(store, s.template_id)
        text = " ".join([*t.aims, *t.materials, *t.handouts, t.facilitator_notes])
        rows = [[f"{b.minutes} min", b.title] for b in t.agenda]
        pages.append((f"{s.number}. {s.theme}", text, rows))
    return pages


def plain_reportlab(pages: list[tuple[str, str, list[list[str]]]]) -> bytes:
    """Each page: a title, a paragraph and a table, then a page break; nothing else."""
    title_style = ParagraphStyle("t", fontName=BOLD, fontSize=18, leading=23)
    body = ParagraphStyle("b", fontName=FONT, fontSize=11, leading=14)
    story = []
    for title, text, rows in pages:
        table = Table(rows)
        table.setStyle(
            TableStyle(
                [("FONT", (0, 0), (-1, -1), FONT, 11), ("GRID", (0, 0), (-1, -1), 0.5, "grey")]
            )
        )
        story += [Paragraph(title, title_style), Paragraph(text, body), table, PageBreak()]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title="Jaarplanning").build(story[:-1])
    return buffer.getvalue()


def _median(work) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_database(Path(folder) / "bench.db", backups=False)
        load_demo(store, TODAY)
        circle = next(c for c in list_circles(store, TODAY) if c.name == "Zwolle-Zuid")
        meetings = len([s for s in list_sessions(store, circle.id, TODAY)])
        request = Request("year-pack", circle_id=circle.id)
        register_fonts()
        document = render(store, request, TODAY)  # warm up: templates, babel, fonts
        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(document.data)).pages)
        plain_words = plain_pages(store, circle.id)
        plain_pdf = plain_reportlab(plain_words)
        plain_count = len(PdfReader(io.BytesIO(plain_pdf)).pages)
        ours = _median(lambda: render(store, request, TODAY))
        plain = _median(lambda: plain_reportlab(plain_words))
        store.close()
    print(f"year pack: {meetings} meetings, {pages} pages")
    print(f"  Budgetkring year pack     {ours * 1000:7.0f} ms")
    print(f"  plain reportlab, {plain_count} pages {plain * 1000:7.0f} ms  (the same words)")
    print(f"  ratio {ours / plain:.2f}x (aim <= 1.5x)")


if __name__ == "__main__":
    main()
