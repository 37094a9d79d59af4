"""Start-up benchmark: process start until the main window with the demo database is shown,
side by side with a bare PySide6 QMainWindow shown the same way.

    make bench        (or: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup.py)

Last line: ``startup ratio: R (app A s, bare B s)`` with medians over several runs; the line
before it gives the peak memory (maximum resident set size) of both.
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

APP = """
import sys
from PySide6.QtWidgets import QApplication

def shown_then_quit():
    QApplication.processEvents()
    print("shown", flush=True)
    return 0

QApplication.exec = staticmethod(shown_then_quit)
from ui.launcher import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def time_child(code: str, *args: str, env: dict, memory: list | None = None) -> float:
    """Seconds from starting a Python process until it prints 'shown' (its peak memory in MB
    is added to ``memory``)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
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
        time_child(BARE, env=env)  # warm the file cache for both
        time_child(APP, db, env=env)
        app, bare, app_mb, bare_mb = [], [], [], []
        for _ in range(RUNS):
            bare.append(time_child(BARE, env=env, memory=bare_mb))
            app.append(time_child(APP, db, env=env, memory=app_mb))
    a, b = statistics.median(app), statistics.median(bare)
    ma, mb = statistics.median(app_mb), statistics.median(bare_mb)
    print(f"runs: {RUNS}; app: {', '.join(f'{t:.3f}' for t in app)}")
    print(f"runs: {RUNS}; bare: {', '.join(f'{t:.3f}' for t in bare)}")
    print(f"peak memory: app {ma:.0f} MB, bare {mb:.0f} MB, ratio {ma / mb:.2f}")
    print(f"startup ratio: {a / b:.2f} (app {a:.3f} s, bare {b:.3f} s)")


if __name__ == "__main__":
    main()
