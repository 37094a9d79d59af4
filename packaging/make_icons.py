"""Draw the app's icon at every size from resources/icons/budgetkring.svg.

    .venv/bin/python packaging/make_icons.py

Writes resources/icons/budgetkring-{16,32,48,64,128,256}.png (Linux menus and the window),
budgetkring.ico (Windows: the program and its installer) and budgetkring.icns (macOS). The ICO
and ICNS files hold the PNGs as they are (both formats allow that), so no image library beyond
Qt is needed. Run it after changing the SVG and commit what it writes.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "budgetkring.svg"
SIZES = (16, 32, 48, 64, 128, 256)
# ICNS entry types that hold a PNG of that many pixels each way.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08"}


def render(size: int) -> bytes:
    """The icon as PNG bytes, ``size`` pixels each way, with a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding the PNGs (a size of 256 is written as 0, as the format says)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in pngs.items():
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding the PNGs of the sizes it has a type for."""
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(png)) + png
        for size, png in pngs.items()
        if size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    """Write every PNG, the .ico and the .icns next to the SVG."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it
    pngs = {size: render(size) for size in SIZES}
    for size, png in pngs.items():
        (ICONS / f"budgetkring-{size}.png").write_bytes(png)
    (ICONS / "budgetkring.ico").write_bytes(ico(pngs))
    (ICONS / "budgetkring.icns").write_bytes(icns(pngs))
    print(f"written: {len(pngs)} PNGs, budgetkring.ico and budgetkring.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
