"""Start-up benchmark: process start until the main window with the demo database is shown,
side by side with a bare PySide6 QMainWindow shown the same way.

    make bench        (or: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup.py)

Last line: ``startup ratio: R (app A s, bare B s)`` with medians over several runs; the line
before it gives the peak memory (maximum resident set size) of both. A third window, with only
the Qt parts the app's first window uses (Qt's names, the app style, a page list, a table with
text, a menu bar and a status line) and none of the app, shows how much of the difference Qt
and PySide6 take by themselves: the line ``qt parts only: ratio F``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "7"))

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
app.processEvents()
print("shown", flush=True)
"""

QT_PARTS = """
from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QListWidget, QMainWindow, QTableView
from PySide6.QtWidgets import QWidget
from ui.app_style import install_app_style

class Rows(QAbstractTableModel):
    def rowCount(self, parent=None):
        return 3
    def columnCount(self, parent=None):
        return 3
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return f"Kring {index.row()}" if role == Qt.ItemDataRole.DisplayRole else None

app = QApplication([])
install_app_style(app)
window = QMainWindow()
central = QWidget()
row = QHBoxLayout(central)
pages = QListWidget()
pages.addItems(["Overzicht", "Kringen", "Planning"])
table = QTableView()
rows = Rows()
table.setModel(rows)
row.addWidget(pages)
row.addWidget(table)
window.setCentralWidget(central)
window.menuBar().addMenu("&Bestand")
window.statusBar().showMessage("Gegevensbestand")
window.show()
app.processEvents()
print("shown", flush=True)
"""

# The app as `budgetkring --db FILE` starts it, in its own order of imports; it says "shown" and
# quits once its first window is painted (BUDGETKRING_QUIT_AFTER_START, ui/app.py).
APP = ["main.py", "--db"]


def time_child(command: list[str], env: dict, memory: list | None = None) -> float:
    """Seconds from starting a Python process until it prints 'shown' (its peak memory in MB
    is added to ``memory``)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *command], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    line = child.stdout.readline().strip()
    elapsed = time.perf_counter() - start
    _pid, status, usage = os.wait4(child.pid, 0)
    child.stdout.close()
    if line != "shown":
        raise SystemExit(f"the child did not show its window (exit {status})")
    if memory is not None:
        memory.append(usage.ru_maxrss / 1024)  # kB on Linux
    return elapsed


def main() -> None:
    """Run both kinds alternately and print the medians and their ratio."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        env.update(XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp, HOME=tmp)
        # An installed app has bytecode (.pyc) for its modules, as PySide6 has for its own:
        # measure that, even where the shell says not to write bytecode.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "budgetkring", "ui"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        db = str(Path(tmp) / "demo.db")
        subprocess.run(
            [sys.executable, "main.py", "--db", db, "demo"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        env["BUDGETKRING_QUIT_AFTER_START"] = "1"
        bare_command, app_command, parts_command = ["-c", BARE], [*APP, db], ["-c", QT_PARTS]
        for command in (bare_command, app_command, parts_command):
            time_child(command, env=env)  # warm the file cache for each
        app, bare, parts, app_mb, bare_mb = [], [], [], [], []
        for _ in range(RUNS):
            bare.append(time_child(bare_command, env=env, memory=bare_mb))
            app.append(time_child(app_command, env=env, memory=app_mb))
            parts.append(time_child(parts_command, env=env))
    a, b, p = statistics.median(app), statistics.median(bare), statistics.median(parts)
    ma, mb = statistics.median(app_mb), statistics.median(bare_mb)
    print(f"runs: {RUNS}; app: {', '.join(f'{t:.3f}' for t in app)}")
    print(f"runs: {RUNS}; bare: {', '.join(f'{t:.3f}' for t in bare)}")
    print(f"qt parts only: ratio {p / b:.2f} ({p:.3f} s)")
    print(f"peak memory: app {ma:.0f} MB, bare {mb:.0f} MB, ratio {ma / mb:.2f}")
    print(f"startup ratio: {a / b:.2f} (app {a:.3f} s, bare {b:.3f} s)")


if __name__ == "__main__":
    main()
