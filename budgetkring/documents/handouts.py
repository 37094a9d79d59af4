"""Hand-outs for participants, defined as data (``data/handouts.json``) so an organisation can
change them without touching the program.

Each hand-out names the programme themes (meeting keys, like ``kasboek``) it belongs to and is
made of blocks, printed in order:

* ``{"type": "text", "text": "…"}`` — a paragraph
* ``{"type": "heading", "text": "…"}``
* ``{"type": "list", "items": ["…"]}`` — bullets; ``"checklist"`` gives a box to tick instead
* ``{"type": "table", "columns": ["…"], "widths": [3, 1], "rows": [["…", ""]], "empty_rows": 4}``
  — a table to fill in: the given rows, then empty ones
* ``{"type": "lines", "count": 5, "label": "…"}`` — ruled lines to write on
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from reportlab.platypus import Table, TableStyle

from budgetkring.documents.pdf import BOX, FONT, Writer
from budgetkring.paths import resource_path

FORMAT = "budgetkring-handouts"
BLOCK_TYPES = ("text", "heading", "list", "checklist", "table", "lines")
MAX_EMPTY_ROWS = 40
MAX_LINES = 40


@dataclass
class Handout:
    key: str
    title: str
    themes: list[str]
    blocks: list[dict] = field(default_factory=list)


def _texts(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [str(v) for v in value if isinstance(v, str | int | float)]


def _block(raw: object) -> dict | None:
    """A block as the printer uses it, or None for one that is not understood (skipped)."""
    if not isinstance(raw, dict) or raw.get("type") not in BLOCK_TYPES:
        return None
    kind = raw["type"]
    if kind in ("text", "heading"):
        return {"type": kind, "text": str(raw.get("text", ""))}
    if kind in ("list", "checklist"):
        return {"type": kind, "items": _texts(raw.get("items"))}
    if kind == "lines":
        count = raw.get("count", 4)
        count = count if isinstance(count, int) and not isinstance(count, bool) else 4
        return {
            "type": kind,
            "count": max(1, min(count, MAX_LINES)),
            "label": str(raw.get("label", "")),
        }
    columns = _texts(raw.get("columns"))
    if not columns:
        return None
    widths = [w for w in raw.get("widths", []) if isinstance(w, int | float) and w > 0]
    if len(widths) != len(columns):
        widths = [1] * len(columns)
    rows = [
        (_texts(r) + [""] * len(columns))[: len(columns)]
        for r in raw.get("rows", [])
        if isinstance(r, list)
    ]
    empty = raw.get("empty_rows", 0)
    empty = empty if isinstance(empty, int) and not isinstance(empty, bool) else 0
    rows += [[""] * len(columns) for _ in range(max(0, min(empty, MAX_EMPTY_ROWS)))]
    return {"type": kind, "columns": columns, "widths": widths, "rows": rows}


def parse_handouts(data: object) -> list[Handout]:
    """The hand-outs in a data file; anything not understood is left out rather than fatal,
    so a small mistake in an organisation's own file never stops a meeting's printing."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return []
    found = []
    for raw in data.get("handouts", []):
        if not isinstance(raw, dict) or not isinstance(raw.get("title"), str):
            continue
        blocks = [b for b in map(_block, raw.get("blocks", [])) if b is not None]
        found.append(
            Handout(str(raw.get("key", "")), raw["title"], _texts(raw.get("themes")), blocks)
        )
    return found


@cache
def all_handouts() -> tuple[Handout, ...]:
    """The shipped hand-outs (read once)."""
    path = resource_path("data", "handouts.json")
    try:
        return tuple(parse_handouts(json.loads(path.read_text(encoding="utf-8"))))
    except (OSError, ValueError):
        return ()


def for_theme(theme_key: str) -> list[Handout]:
    """The hand-outs that belong to a programme meeting (by its key), in file order."""
    if not theme_key:
        return []
    return [h for h in all_handouts() if theme_key in h.themes]


def write(w: Writer, handout: Handout, subtitle: str) -> None:
    """One hand-out, starting with its title."""
    w.title(handout.title)
    if subtitle:
        w.text(subtitle, "small")
    for block in handout.blocks:
        kind = block["type"]
        if kind == "text":
            w.text(block["text"])
        elif kind == "heading":
            w.heading(block["text"])
        elif kind == "list":
            w.add(*w.bullets(block["items"]))
        elif kind == "checklist":
            rows = [[BOX, w.para(item, "cell")] for item in block["items"]]
            if rows:
                table = Table(rows, colWidths=[w.sizes.body * 2, w.width - w.sizes.body * 2])
                table.setStyle(
                    TableStyle(
                        [
                            ("FONT", (0, 0), (-1, -1), FONT, w.sizes.body),
                            ("FONT", (0, 0), (0, -1), FONT, w.sizes.body * 1.3),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ]
                    )
                )
                w.add(table)
        elif kind == "lines":
            w.lines(block["count"], block["label"])
        else:
            w.add(
                w.table(
                    block["columns"],
                    block["rows"],
                    block["widths"],
                    row_height=w.sizes.body * 2.2,
                )
            )
        w.space(0.5)
