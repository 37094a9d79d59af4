"""The certificate of a facilitator who finished the training: one A4 page, landscape, in the
house font and style (``documents.pdf``), with the name, date, number, valid-until date, the
trainer and the verification code that anyone with the organisation's app can check."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from budgetkring.documents.kinds import Document
from budgetkring.documents.pdf import BOLD, FONT, LINE_GREY, MARGIN, Writer, build
from budgetkring.i18n import _, format_date
from budgetkring.organisation.organisation import organisation_name
from budgetkring.store import Store
from budgetkring.text import printable
from budgetkring.training.certificates import Certificate, find_certificate

FRAME = colors.Color(0.25, 0.35, 0.3)


def _centred(name: str, size: float, bold: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=BOLD if bold else FONT,
        fontSize=size,
        leading=size * 1.3,
        alignment=TA_CENTER,
        spaceAfter=size * 0.4,
    )


def _facts(writer: Writer, certificate: Certificate) -> Table:
    """Date, number, valid until and trainer side by side, the values under their names."""
    labels = [_("Date"), _("Certificate number"), _("Valid until"), _("Trainer")]
    values = [
        format_date(certificate.day, "long"),
        certificate.number,
        format_date(certificate.valid_until, "long"),
        certificate.trainer or "–",
    ]
    size = writer.sizes.body
    small = _centred("fact-label", writer.sizes.small)
    value = _centred("fact-value", size, bold=True)
    rows = [
        [_plain(label, small) for label in labels],
        [_plain(text, value) for text in values],
    ]
    table = Table(rows, colWidths=[(writer.width - 80) / 4] * 4)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),  # never reportlab's Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, LINE_GREY),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _plain(text: str, style: ParagraphStyle) -> Flowable:
    """A paragraph of user text (escaped, so "<b>" in a name prints as typed)."""
    return Paragraph(escape(printable(text)), style)


def certificate_document(certificate: Certificate, organisation: str) -> Document:
    """The certificate as a finished PDF, with a file name to offer."""
    writer = Writer(wide=True)
    body = _centred("cert-body", writer.sizes.body + 1)
    parts: list[Flowable] = []
    if organisation:
        parts.append(_plain(organisation, _centred("cert-org", writer.sizes.h2)))
    parts += [
        _plain(_("Certificate"), _centred("cert-title", 34, bold=True)),
        _plain(_("Facilitator of a budget circle"), _centred("cert-sub", 16)),
        Spacer(1, 10),
        _plain(_("This certificate is for"), body),
        _plain(certificate.name, _centred("cert-name", 28, bold=True)),
        _plain(
            _(
                "{name} finished the training year: led meetings of a budget circle, was "
                "observed by a trainer and showed every competence."
            ).format(name=certificate.name),
            body,
        ),
        Spacer(1, 18),
        _facts(writer, certificate),
        Spacer(1, 18),
        _plain(
            _("Verification code: {code}").format(code=certificate.code),
            _centred("cert-code", writer.sizes.h2, bold=True),
        ),
        _plain(
            _(
                "Anyone with the app of this organisation can check this certificate with its "
                "number and verification code."
            ),
            _centred("cert-small", writer.sizes.small),
        ),
    ]
    height = writer.page_size[1] - 2 * MARGIN - 12 - writer.sizes.small * 3
    frame = Table([[parts]], colWidths=[writer.width], rowHeights=[height])
    frame.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),
                ("BOX", (0, 0), (-1, -1), 3, FRAME),
                ("INNERGRID", (0, 0), (-1, -1), 0, colors.white),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 40),
                ("RIGHTPADDING", (0, 0), (-1, -1), 40),
            ]
        )
    )
    writer.add(frame)
    title = _("Certificate {number} of {name}").format(
        number=certificate.number, name=certificate.name
    )
    data = build(writer, title, footer=f"Budgetkring — {certificate.number}")
    filename = printable(f"{_('Certificate')} {certificate.number} {certificate.name}.pdf")
    return Document(title, data, filename.replace("/", "-").replace("\\", "-"))


def render_certificate(store: Store, number: str) -> Document:
    """The certificate with this number from the register, as a finished PDF."""
    return certificate_document(find_certificate(store, number), organisation_name(store))
