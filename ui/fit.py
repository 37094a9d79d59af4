"""Making every window fit a small or zoomed screen, and never cutting text without a way to
read it.

At 200% on a 1366×768 laptop a window has 683×384 points, minus the taskbar. Forms therefore
scroll instead of growing off the screen, rows of buttons wrap, two columns stack when there is
no room side by side, and text that has to be shortened keeps its whole wording in a tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QListView,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)


class ElidedLabel(QLabel):
    """One line of text that ends in "…" when there is no room; then the tooltip has it all."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._own_tip = ""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt name
        """Show ``text`` (shortened with "…" when it does not fit)."""
        super().setText(text)
        self._update_tip()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """A few letters wide: the label gives way to everything else."""
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("M…") * 3, super().minimumSizeHint().height())

    def is_elided(self) -> bool:
        """True when the text is shown shortened."""
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt name
        """Keep the tooltip right for the new width."""
        super().resizeEvent(event)
        self._update_tip()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt name
        """Draw the text, shortened with "…" at the end when it is too long."""
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), text)

    def set_tip(self, tip: str) -> None:
        """A tooltip to show always (else the tooltip is the text, when it is shortened)."""
        self._own_tip = tip
        self._update_tip()

    def _update_tip(self) -> None:
        self.setToolTip(self._own_tip or (self.text() if self.is_elided() else ""))


class WrappingRadioButton(QRadioButton):
    """A radio button whose text goes on over several lines instead of being cut off."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _option(self) -> QStyleOptionButton:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        return option

    def _indent(self) -> int:
        """Room taken by the round indicator and the space after it."""
        style, option = self.style(), self._option()
        return style.pixelMetric(
            QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, option, self
        ) + style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing, option, self)

    def _text_rect(self, width: int) -> QRect:
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        bounds = QRect(0, 0, max(1, width - self._indent() - 4), 100000)
        return self.fontMetrics().boundingRect(bounds, flags, self.text())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt name
        """The height depends on the width (the text wraps)."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt name
        """Height of the wrapped text at ``width``, at least the indicator's."""
        indicator = self.style().pixelMetric(
            QStyle.PixelMetric.PM_ExclusiveIndicatorHeight, self._option(), self
        )
        least = self.style().sizeFromContents(  # the style's smallest (ui/app_style.py)
            QStyle.ContentsType.CT_RadioButton, self._option(), QSize(0, 0), self
        )
        return max(max(indicator, self._text_rect(width).height()) + 4, least.height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """The text on one line when it is short; else about 50 letters a line."""
        metrics = self.fontMetrics()
        width = min(metrics.horizontalAdvance(self.text()), metrics.averageCharWidth() * 50)
        width += self._indent() + 6
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """About fifteen letters wide; the text wraps to fit (the layout asks the height for
        the width it gives, so the height here is that of the usual width)."""
        width = self._indent() + self.fontMetrics().averageCharWidth() * 15
        return QSize(width, self.sizeHint().height())

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 - Qt name
        """A click anywhere on the text chooses it."""
        return self.rect().contains(pos)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt name
        """The indicator next to the first line, then the wrapped text."""
        painter = QStylePainter(self)
        option = self._option()
        style = self.style()
        size = style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, option, self)
        line = self.fontMetrics().height()
        indicator = QStyleOptionButton(option)
        indicator.rect = QRect(0, 2 + max(0, (line - size) // 2), size, size)
        painter.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorRadioButton, indicator)
        text_rect = self.rect().adjusted(self._indent(), 2, 0, 0)
        painter.setPen(self.palette().color(self.foregroundRole()))
        flags = int(
            Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        )
        painter.drawText(text_rect, flags, self.text())
        if self.hasFocus():
            focus = QStyleOptionButton(option)
            focus.rect = (
                self._text_rect(self.width()).translated(text_rect.topLeft()).adjusted(-1, 0, 1, 1)
            )
            painter.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus)


class FlowLayout(QLayout):
    """Widgets side by side, going on to a next line when the row is full (like words).

    It takes the place of a row of buttons (a QHBoxLayout): stretches and spacings are
    ignored, the widgets follow each other from the left.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        if parent is None:
            self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt name
        """Qt calls this for addWidget."""
        self._items.append(item)

    def addWidget(self, widget: QWidget, _stretch: int = 0, *_alignment) -> None:  # noqa: N802
        """Add a widget at the end (a stretch factor, as a row of buttons has, is ignored)."""
        super().addWidget(widget)

    def addStretch(self, _stretch: int = 0) -> None:  # noqa: N802 - Qt name
        """Nothing to stretch: the widgets follow each other."""

    def addSpacing(self, _size: int) -> None:  # noqa: N802 - Qt name
        """No extra room: the widgets follow each other."""

    def count(self) -> int:
        """Number of widgets."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt name
        """The item at ``index``."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt name
        """Remove and return the item at ``index``."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt name
        """Never asks for more room than its rows need."""
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt name
        """The number of rows depends on the width."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt name
        """The height of all rows at ``width``."""
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt name
        """Place the widgets in rows."""
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """Everything on one row."""
        width = sum(i.sizeHint().width() for i in self._visible()) + self._gap * max(
            0, len(self._visible()) - 1
        )
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        return QSize(width, height) + self._margin_size()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt name
        """As wide as the widest widget."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size + self._margin_size()

    def _margin_size(self) -> QSize:
        margins = self.contentsMargins()
        return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() and i.widget().isHidden())]

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint()
            width = max(min(hint.width(), area.width()), item.minimumSize().width())
            height = item.heightForWidth(width) if item.hasHeightForWidth() else hint.height()
            if x > area.x() and x + width > area.right() + 1:
                x, y, row_height = area.x(), y + row_height + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + self._gap
            row_height = max(row_height, height)
        return y + row_height - rect.y() + margins.bottom()


class Columns(QWidget):
    """Two (or more) parts side by side when the window is wide enough, else one below the
    other, so a form never needs scrolling sideways."""

    def __init__(self, *parts: QWidget | QLayout, parent: QWidget | None = None, stretch=None):
        super().__init__(parent)
        # The parts sit on an inner widget: a layout on this widget itself would answer Qt's
        # questions about sizes instead of the methods below.
        self._inner = QWidget(self)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self._inner)
        self.box.setContentsMargins(0, 0, 0, 0)
        self._parts: list[QWidget] = []
        for n, part in enumerate(parts):
            if isinstance(part, QLayout):
                holder = QWidget()
                part.setContentsMargins(0, 0, 0, 0)
                holder.setLayout(part)
                part = holder
            self._parts.append(part)
            self.box.addWidget(part, (stretch or [0] * len(parts))[n])
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _side_by_side_width(self) -> int:
        spacing = self.box.spacing() * (len(self._parts) - 1)
        return sum(p.minimumSizeHint().width() for p in self._parts) + spacing

    def side_by_side(self) -> bool:
        """True when the parts are next to each other now."""
        return self.box.direction() == QBoxLayout.Direction.LeftToRight

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """As wide as the widest part: below each other they always fit."""
        width = max((p.minimumSizeHint().width() for p in self._parts), default=0)
        return QSize(width, self.heightForWidth(width))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """Side by side."""
        spacing = self.box.spacing() * (len(self._parts) - 1)
        width = max(
            sum(p.sizeHint().width() for p in self._parts) + spacing, self._side_by_side_width()
        )
        height = max((p.sizeHint().height() for p in self._parts), default=0)
        return QSize(width, height)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt name
        """Stacked parts need more height."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt name
        """The height side by side or stacked, whichever ``width`` allows."""
        if width >= self._side_by_side_width():
            return max(self._part_height(p, None) for p in self._parts)
        spacing = self.box.spacing() * (len(self._parts) - 1)
        return sum(self._part_height(p, width) for p in self._parts) + spacing

    @staticmethod
    def _part_height(part: QWidget, width: int | None) -> int:
        if width is not None and part.hasHeightForWidth():
            return max(part.heightForWidth(width), part.minimumSizeHint().height())
        return max(part.sizeHint().height(), part.minimumSizeHint().height())

    def event(self, event: QEvent) -> bool:
        """A part changed size (a hint appeared, say): let the window make room for it."""
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
            self._inner.setGeometry(self.rect())
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt name
        """Side by side when there is room for it, else stacked."""
        wide = event.size().width() >= self._side_by_side_width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if direction != self.box.direction():
            self.box.setDirection(direction)
            self.updateGeometry()
        self._inner.setGeometry(0, 0, event.size().width(), event.size().height())
        super().resizeEvent(event)


def narrow_combo(box: QComboBox, letters: int = 18) -> QComboBox:
    """Let a chooser with long choices be narrow: it shows the start of the choice; the tooltip
    and the opened list show every choice in full."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(letters)
    box.view().setTextElideMode(Qt.TextElideMode.ElideNone)

    def rows_added(_parent=None, first: int = 0, last: int | None = None) -> None:
        last = box.count() - 1 if last is None else last
        for row in range(first, last + 1):
            if not box.itemData(row, Qt.ItemDataRole.ToolTipRole):
                box.setItemData(row, box.itemText(row), Qt.ItemDataRole.ToolTipRole)
        # the opened list is as wide as its longest choice (within the screen)
        area = free_area(box)
        screen = area.width() if area is not None else 10000
        wanted = box.view().sizeHintForColumn(0) + 2 * box.view().frameWidth() + 24
        box.view().setMinimumWidth(min(wanted, screen - 20))

    box.model().rowsInserted.connect(rows_added)
    box.currentTextChanged.connect(box.setToolTip)
    rows_added()
    box.setToolTip(box.currentText())
    return box


def wrap_list(view: QListView) -> QListView:
    """Let the lines of a list go on over more lines instead of being cut off at the edge."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    return view


class FitScrollArea(QScrollArea):
    """A borderless scroll area that asks for all the room its content wants, but needs only
    its content's width and a few lines of height: on a small screen the content scrolls up
    and down, never sideways."""

    def __init__(self, content: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidget(content)

    def _bar(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """What the content wants, with no scrolling."""
        content = self.widget()
        hint = content.sizeHint().expandedTo(content.minimumSizeHint())
        if content.hasHeightForWidth():  # e.g. two columns: side by side at this width
            hint.setHeight(content.heightForWidth(hint.width()))
        return hint + QSize(2 * self.frameWidth(), 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """The content's minimum width (plus a scroll bar) and a few lines of height."""
        content = self.widget().minimumSizeHint().expandedTo(self.widget().minimumSize())
        lines = self.fontMetrics().height() * 5
        return QSize(
            content.width() + self._bar() + 2 * self.frameWidth(), min(content.height(), lines)
        )


def scroll_page(page: QWidget) -> FitScrollArea:
    """A page in a scroll area, so a small window shows it all by scrolling."""
    return FitScrollArea(page)


def fit_dialog(dialog: QDialog) -> FitScrollArea:
    """Put a dialog's form in a scroll area, keeping its buttons (and the red message above
    them) in view below it; and size the dialog for its screen.

    Call it at the end of the dialog's ``__init__``: the widgets stay in the same window, so
    their tab order is kept.
    """
    old = dialog.layout()
    # A minimum width set on the dialog would stop its form from asking for the width it needs
    # (Qt then squeezes it); the form keeps that width as its own minimum instead.
    wanted_width = dialog.minimumWidth()
    dialog.setMinimumSize(0, 0)
    below: list[QWidget] = []
    while old.count():
        widget = old.itemAt(old.count() - 1).widget()
        is_buttons = isinstance(widget, QDialogButtonBox)
        if not (
            is_buttons or (below and widget is not None and widget.objectName() == "fieldError")
        ):
            break
        old.removeWidget(widget)
        below.insert(0, widget)
    content = QWidget()
    content.setMinimumWidth(wanted_width)
    scroll = FitScrollArea(content, dialog)
    content.setLayout(old)  # takes the layout (and its widgets) off the dialog
    outer = QVBoxLayout(dialog)
    margins = old.contentsMargins()
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(0)
    outer.addWidget(scroll, 1)
    if below:
        foot = QVBoxLayout()
        foot.setContentsMargins(margins.left(), 0, margins.right(), margins.bottom())
        for widget in below:
            foot.addWidget(widget)
        outer.addLayout(foot)
        old.setContentsMargins(margins.left(), margins.top(), margins.right(), old.spacing())
    size_for_screen(dialog)
    return scroll


def free_area(widget: QWidget) -> QRect | None:
    """The part of the screen a widget is on that windows may use (None without a screen).

    Not ``widget.screen()``: PySide could later delete the QScreen it returned (during a garbage
    collection), and the next window crashed in Qt.
    """
    centre = widget.mapToGlobal(widget.rect().center()) if widget.isVisible() else QPoint(0, 0)
    screen = QGuiApplication.screenAt(centre) or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def size_for_screen(window: QWidget) -> None:
    """Give ``window`` the size it asks for, as far as its screen has room (less a title bar and
    borders). Call it once the window is built; when a dialog opens, Qt centres it on its parent
    and keeps it wholly on the screen.

    (Done now rather than when the window is shown: a Python event filter on a window can be
    called while Qt takes the window down, which may crash.)
    """
    # Not window.screen(): called from here on a window being built, PySide later deleted the
    # QScreen itself (during a garbage collection), and the next window crashed in Qt.
    screen = QGuiApplication.screenAt(window.geometry().center()) or QGuiApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry().size()
    frame = QSize(8, max(32, window.fontMetrics().height() * 2))
    asked = window.size() if window.testAttribute(Qt.WidgetAttribute.WA_Resized) else QSize()
    wanted = asked.expandedTo(window.sizeHint())
    window.resize(wanted.boundedTo(free - frame).expandedTo(window.minimumSize()))
