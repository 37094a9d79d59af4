"""The app's style: the platform's look, with targets large enough to hit and a keyboard focus
that can always be seen (WCAG 2.2: 2.5.8 target size, 2.4.7 focus visible).

Installed once at start-up (``install_app_style``). It only makes buttons, tick boxes and
options larger where they are smaller than 24 by 24 pixels, lets a click anywhere on a tick
box or option count (not only on its small square or its words), and draws a ring in the
highlight colour on the button, list, table or text area that has the keyboard focus: the
platform's style shows a focused button just like the default button (Enter), and shows
nothing on an empty list or on a text that cannot be edited.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFrame,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)

SMALLEST = 24  # pixels, each way
FOCUS_RING = 2  # pixels

_SIZED = (
    QStyle.ContentsType.CT_PushButton,
    QStyle.ContentsType.CT_ToolButton,
    QStyle.ContentsType.CT_CheckBox,
    QStyle.ContentsType.CT_RadioButton,
)
_WHOLE_WIDGET = (
    QStyle.SubElement.SE_CheckBoxClickRect,
    QStyle.SubElement.SE_RadioButtonClickRect,
)


class AppStyle(QProxyStyle):
    """The platform's style, with 24×24 targets and a focus ring on lists and text areas."""

    def sizeFromContents(  # noqa: N802 - Qt name
        self,
        kind: QStyle.ContentsType,
        option: QStyleOption,
        size: QSize,
        widget: QWidget | None = None,
    ) -> QSize:
        """The style's size, grown to 24×24 for what can be clicked."""
        result = super().sizeFromContents(kind, option, size, widget)
        if kind in _SIZED:
            result = result.expandedTo(QSize(SMALLEST, SMALLEST))
        return result

    def subElementRect(  # noqa: N802 - Qt name
        self, element: QStyle.SubElement, option: QStyleOption, widget: QWidget | None = None
    ) -> QRect:
        """A click anywhere on a tick box or option counts (the whole 24-pixel-high row)."""
        if element in _WHOLE_WIDGET and widget is not None:
            return widget.rect()
        return super().subElementRect(element, option, widget)

    # Rect, palette and focus come from the widget itself: it is what the ring is drawn for.
    def drawControl(  # noqa: N802 - Qt name
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """A push button with a ring while it has the keyboard focus; the frame of a list, table
        or text area with a ring while it has the focus."""
        super().drawControl(element, option, painter, widget)
        if widget is None or not widget.hasFocus():
            return
        if element == QStyle.ControlElement.CE_PushButtonBevel:
            if widget.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
                # The platform's focus looks like "the default button" (Enter): a ring inside
                # the button tells them apart.
                _ring(painter, widget, widget.rect().adjusted(3, 3, -4, -4), rounded=True)
        elif (
            element == QStyle.ControlElement.CE_ShapedFrame
            and isinstance(widget, QAbstractScrollArea)
            and widget.frameShape() != QFrame.Shape.NoFrame
        ):
            inset = FOCUS_RING // 2  # the pen's middle: the ring covers the frame's pixels
            _ring(painter, widget, widget.rect().adjusted(inset, inset, -inset, -inset))

    def pixelMetric(  # noqa: N802 - Qt name
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        """Frames of lists, tables and text areas wide enough for the focus ring."""
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_DefaultFrameWidth and isinstance(
            widget, QAbstractScrollArea
        ):
            return max(value, FOCUS_RING)
        return value


def _ring(painter: QPainter, widget: QWidget, rect: QRect, rounded: bool = False) -> None:
    """A ring in the highlight colour."""
    painter.save()
    pen = QPen(widget.palette().color(QPalette.ColorRole.Highlight), FOCUS_RING)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if rounded:
        painter.drawRoundedRect(rect, 2, 2)
    else:
        painter.drawRect(rect)
    painter.restore()


def install_app_style(app: QApplication) -> None:
    """Use ``AppStyle`` around the platform's style for every window of the app."""
    if not isinstance(app.style(), AppStyle):
        style = AppStyle(app.style().name())
        app._bk_style = style  # Python keeps it alive as long as Qt uses it
        app.setStyle(style)
