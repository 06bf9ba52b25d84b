"""The one module of ui/ that imports Qt. Everything else in ui/ does `from ui.qt import ...`.

It also neutralises, at import, a reference-count bug of PySide6 6.12.0 on Python 3.11 (see
`_pin_singletons`): importing Qt from anywhere else would skip that.
"""

import sys
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QObject, Signal

# Every other name is looked up in its Qt module on first use (`__getattr__` below): PySide6
# builds each class wrapper when it is first touched, and the unlock screen needs about half of
# them. The imports below are for the type checker.
if TYPE_CHECKING:
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSeries,
        QBarSet,
        QChart,
        QChartView,
        QHorizontalBarSeries,
        QValueAxis,
    )
    from PySide6.QtCore import (
        QAbstractListModel,
        QAbstractTableModel,
        QBuffer,
        QCoreApplication,
        QEvent,
        QEventLoop,
        QIODevice,
        QLibraryInfo,
        QLocale,
        QMarginsF,
        QModelIndex,
        QObject,
        QPersistentModelIndex,
        QPointF,
        QRectF,
        QRunnable,
        QSize,
        QSizeF,
        Qt,
        QThreadPool,
        QTimer,
        QTranslator,
        Signal,
        Slot,
        qVersion,
    )
    from PySide6.QtGui import (
        QAccessible,
        QAccessibleAnnouncementEvent,
        QAction,
        QBrush,
        QColor,
        QFont,
        QFontDatabase,
        QFontMetricsF,
        QGuiApplication,
        QHideEvent,
        QImage,
        QKeyEvent,
        QKeySequence,
        QPageLayout,
        QPageSize,
        QPainter,
        QPalette,
        QPdfWriter,
        QPen,
        QPixmap,
        QShortcut,
        QShowEvent,
        QSyntaxHighlighter,
        QTextCharFormat,
        QTextCursor,
        QTextDocument,
    )
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QApplication,
        QButtonGroup,
        QCheckBox,
        QComboBox,
        QDialog,
        QDialogButtonBox,
        QFileDialog,
        QFormLayout,
        QFrame,
        QGridLayout,
        QGroupBox,
        QHBoxLayout,
        QHeaderView,
        QInputDialog,
        QLabel,
        QLayout,
        QLineEdit,
        QListView,
        QListWidget,
        QListWidgetItem,
        QMainWindow,
        QMessageBox,
        QPlainTextEdit,
        QProgressBar,
        QPushButton,
        QRadioButton,
        QScrollArea,
        QSizePolicy,
        QSlider,
        QSpinBox,
        QSplitter,
        QStackedWidget,
        QTableView,
        QTableWidget,
        QTableWidgetItem,
        QTabWidget,
        QTextBrowser,
        QTextEdit,
        QToolBar,
        QToolButton,
        QVBoxLayout,
        QWidget,
    )

# QtCharts only draws the coordinator's dashboard: its module is imported on first use.
_CHARTS = frozenset(
    {
        "QBarCategoryAxis",
        "QBarSeries",
        "QBarSet",
        "QChart",
        "QChartView",
        "QHorizontalBarSeries",
        "QValueAxis",
    }
)


class _QtNamespace:
    """Stands for `QtCore.Qt` and reads it on the first attribute looked up.

    The first time any member of the `Qt` namespace is touched (even `from PySide6.QtCore
    import Qt`), PySide6 builds all of its ~95 Python enums: about 12 ms, as much as the rest
    of the unlock screen's Qt classes together. Modules import `Qt` at load; the screens shown
    at start set their few Qt-namespace values with `set_enum_property`, so a start paints its
    first screen without them and the enums are built on first real use.
    """

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        return getattr(QtCore.Qt, name)

    def __repr__(self) -> str:
        return repr(QtCore.Qt)


def set_enum_property(obj: QObject, name: str, keys: str) -> None:
    """Set the Qt property `name` of `obj` from its enum key name(s), "A|B" for flags (what a
    .ui file does): no Python enum is built. For the start-up screens (see `_QtNamespace`)."""
    if not obj.setProperty(name, keys):
        raise ValueError(f"{type(obj).__name__} has no property {name!r} accepting {keys!r}")


def set_shortcut(obj: QObject, keys: str) -> None:
    """`obj.setShortcut(QKeySequence(keys))` through the `shortcut` property: QKeySequence's
    class wrapper and its ~70-member enum cost a start ~0.5 ms (see `set_enum_property`)."""
    if not obj.setProperty("shortcut", keys):
        raise ValueError(f"{type(obj).__name__} has no shortcut property accepting {keys!r}")


def __getattr__(name: str) -> Any:
    if name == "Qt":
        qt_namespace: Any = _QtNamespace()
        globals()[name] = qt_namespace
        return qt_namespace
    if name in _CHARTS:
        from PySide6 import QtCharts  # noqa: PLC0415

        modules: tuple[Any, ...] = (QtCharts,)
    elif name in __all__:
        modules = (QtCore, QtGui, QtWidgets)
    else:
        modules = ()
    for module in modules:
        value = getattr(module, name, None)
        if value is not None:
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "PYSIDE_VERSION",
    "SINGLETONS_PINNED",
    "QAbstractButton",
    "QAbstractItemView",
    "QAbstractListModel",
    "QAbstractTableModel",
    "QAccessible",
    "QAccessibleAnnouncementEvent",
    "QAction",
    "QApplication",
    "QBarCategoryAxis",
    "QBarSeries",
    "QBarSet",
    "QBrush",
    "QBuffer",
    "QButtonGroup",
    "QChart",
    "QChartView",
    "QCheckBox",
    "QColor",
    "QComboBox",
    "QCoreApplication",
    "QDialog",
    "QDialogButtonBox",
    "QEvent",
    "QEventLoop",
    "QFileDialog",
    "QFont",
    "QFontDatabase",
    "QFontMetricsF",
    "QFormLayout",
    "QFrame",
    "QGridLayout",
    "QGroupBox",
    "QGuiApplication",
    "QHBoxLayout",
    "QHeaderView",
    "QHideEvent",
    "QHorizontalBarSeries",
    "QIODevice",
    "QImage",
    "QInputDialog",
    "QKeyEvent",
    "QKeySequence",
    "QLabel",
    "QLayout",
    "QLibraryInfo",
    "QLineEdit",
    "QListView",
    "QListWidget",
    "QListWidgetItem",
    "QLocale",
    "QMainWindow",
    "QMarginsF",
    "QMessageBox",
    "QModelIndex",
    "QObject",
    "QPageLayout",
    "QPageSize",
    "QPainter",
    "QPalette",
    "QPdfWriter",
    "QPen",
    "QPersistentModelIndex",
    "QPixmap",
    "QPlainTextEdit",
    "QPointF",
    "QProgressBar",
    "QPushButton",
    "QRadioButton",
    "QRectF",
    "QRunnable",
    "QScrollArea",
    "QShortcut",
    "QShowEvent",
    "QSize",
    "QSizeF",
    "QSizePolicy",
    "QSlider",
    "QSpinBox",
    "QSplitter",
    "QStackedWidget",
    "QSyntaxHighlighter",
    "QTabWidget",
    "QTableView",
    "QTableWidget",
    "QTableWidgetItem",
    "QTextBrowser",
    "QTextCharFormat",
    "QTextCursor",
    "QTextDocument",
    "QTextEdit",
    "QThreadPool",
    "QTimer",
    "QToolBar",
    "QToolButton",
    "QTranslator",
    "QVBoxLayout",
    "QValueAxis",
    "QWidget",
    "Qt",
    "Signal",
    "Slot",
    "qVersion",
    "set_enum_property",
    "set_shortcut",
]


def _lost_references() -> tuple[int, int]:
    """References to (None, True) that eight void Qt calls and eight emits lose (0, 0 if sound)."""

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(8):
        probe.setObjectName("probe")
    none_lost = none_before - sys.getrefcount(None)
    for _ in range(8):
        probe.ping.emit()
    true_lost = true_before - sys.getrefcount(True)
    return none_lost, true_lost


def _pin_singletons() -> bool:
    """Work around a reference-count bug of PySide6 6.12.0 on CPython 3.11.

    That build returns `None` from every void Qt call and `True` from `Signal.emit()` without
    a new reference (code built for Pythons where those are immortal, 3.12+). On 3.11 each such
    call drops one reference, and after a few thousand calls the interpreter aborts
    ("none_dealloc: deallocating None" / "bool_dealloc"). None, True and False are static
    objects that CPython never frees, so giving them a huge reference count (what 3.12 does
    by design) makes the lost references harmless. The probe makes this a no-op wherever the
    bug is absent (another PySide6, Python 3.12+). Real fix: PySide6 6.11.x or Python 3.12+.
    """
    if sys.version_info >= (3, 12):
        return False
    none_lost, true_lost = _lost_references()
    if none_lost <= 0 and true_lost <= 0:
        return False
    # ctypes' own c_ssize_t, declared from its C core: the ctypes package costs ~1.3 ms more.
    from _ctypes import _SimpleCData  # noqa: PLC0415

    class PySsizeT(_SimpleCData):  # type: ignore[type-arg]  # generic in typeshed only
        _type_ = "q" if sys.maxsize > 2**32 else "i"

    for singleton in (None, True, False):
        # ob_refcnt is the first field of every PyObject (CPython 3.11 layout).
        PySsizeT.from_address(id(singleton)).value += 1 << 48
    return True


SINGLETONS_PINNED = _pin_singletons()


def _source_mentions_pyside(upstream: Any) -> Any:
    """PySide6's `__feature__` support asks of every module imported after Qt whether its source
    contains "PySide6", with `inspect.getsource` (tokenizer, line cache): ~9 ms of a start, 70
    modules, none of which we ask a feature of. The same question, answered from the bytes of
    the source file, or else of what the module's loader gives (the frozen app has no .py
    files); modules with neither (built in) get PySide6's own answer."""

    def mentions_pyside(module: Any) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str):
            return bool(upstream(module))
        if path.endswith((".pyc", ".pyo")):
            path = path[:-1]
        if path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        get_source = getattr(getattr(module, "__loader__", None), "get_source", None)
        if get_source is None:
            return bool(upstream(module))
        try:
            text = get_source(module.__name__)
        except (ImportError, OSError, SyntaxError):
            return False
        return isinstance(text, str) and "PySide6" in text

    mentions_pyside.upstream = upstream  # type: ignore[attr-defined]
    return mentions_pyside


def _quicker_feature_scan() -> bool:
    """Install `_source_mentions_pyside` where this PySide6 has that scan (6.x); True if so."""
    feature = sys.modules.get("shibokensupport.feature")
    upstream = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(upstream) or hasattr(upstream, "upstream"):
        return False
    feature._mod_uses_pyside = _source_mentions_pyside(upstream)  # type: ignore[attr-defined]
    return True


FEATURE_SCAN_QUICKENED = _quicker_feature_scan()
