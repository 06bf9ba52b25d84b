"""The one module of ui/ that imports Qt. Everything else in ui/ does `from ui.qt import ...`."""

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

__all__ = [
    "QAction",
    "QApplication",
    "QCoreApplication",
    "QKeySequence",
    "QLabel",
    "QMainWindow",
    "QObject",
    "QTimer",
    "QWidget",
    "Qt",
    "Signal",
    "Slot",
]
