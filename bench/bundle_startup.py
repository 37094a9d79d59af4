"""Start-up of the built bundle (Linux): the app against a bare Qt window bundled the same way.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bundle_startup.py [DIST]

Builds both with packaging/budgetkring.spec into a temporary folder (the bare window through
BUDGETKRING_BUNDLE_BARE, so with the same Python and the same Qt parts left out), unless DIST
holds an app bundle already (then only the bare one is built). Each run is a process from start
to exit: the app opens the demo and quits once its first window is painted
(BUDGETKRING_QUIT_AFTER_START=1), the bare window is shown and processed once. "Cold" runs
first drop both bundles' files from the page cache (posix_fadvise DONTNEED: the libraries of
the system itself stay cached), "warm" runs do not. Medians over BENCH_RUNS runs (default 9),
and the peak memory (maximum resident set size) of each.
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
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
SPEC = ROOT / "packaging" / "budgetkring.spec"

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
app.processEvents()
"""


def build(dist: Path, work: Path, env: dict, bare: Path | None = None) -> None:
    """Run PyInstaller on the spec (the bare window instead of the app when ``bare`` is set)."""
    env = dict(env)
    if bare is not None:
        env["BUDGETKRING_BUNDLE_BARE"] = str(bare)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist)]
    command += ["--workpath", str(work), str(SPEC)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


def evict(folder: Path) -> None:
    """Drop a folder's files from the page cache, as after a restart (where the kernel lets
    us: pages in use by a running process stay)."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def timed(command: list[str], env: dict) -> tuple[float, int]:
    """(seconds from start to exit, peak memory in MB) of one process; it must succeed."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command[0]} failed: {child.stderr.read().decode()[-2000:]}")
    child.stderr.close()
    return elapsed, usage.ru_maxrss // 1024


def size_mb(folder: Path) -> float:
    """The size of a folder's files in MB (links to a file inside count once, as the file)."""
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def main() -> None:
    """Build, then time cold and warm runs of both bundles alternately; print the medians."""
    if not sys.platform.startswith("linux"):
        raise SystemExit("this benchmark runs on Linux (page cache, wait4)")
    given = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        env.update(HOME=tmp, XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp)
        dist = given or tmp_path / "dist"
        if given is None:
            began = time.perf_counter()
            build(dist, tmp_path / "build", env)
            print(f"app bundle built in {time.perf_counter() - began:.0f} s")
        bare_script = tmp_path / "bare_window.py"
        bare_script.write_text(BARE)
        build(tmp_path / "bare-dist", tmp_path / "bare-build", env, bare=bare_script)
        app_dir, bare_dir = dist / "budgetkring", tmp_path / "bare-dist" / "bare"
        db = tmp_path / "demo.db"
        subprocess.run([str(app_dir / "budgetkring"), "--db", str(db), "demo"], env=env, check=True,
                       capture_output=True)  # fmt: skip
        app_cmd = [str(app_dir / "budgetkring"), "--db", str(db)]
        bare_cmd = [str(bare_dir / "bare")]
        run_env = dict(env, BUDGETKRING_QUIT_AFTER_START="1")
        timed(app_cmd, run_env)  # the first start of a day makes its daily backup
        results: dict[str, list[tuple[float, int]]] = {}
        for kind in ("cold", "warm"):
            for _ in range(RUNS):
                for name, command, folder in (
                    ("app", app_cmd, app_dir),
                    ("bare", bare_cmd, bare_dir),
                ):
                    if kind == "cold":
                        evict(folder)
                    results.setdefault(f"{kind} {name}", []).append(timed(command, run_env))
        print(f"bundle size: app {size_mb(app_dir):.0f} MB, bare {size_mb(bare_dir):.0f} MB")
        for kind in ("cold", "warm"):
            app = statistics.median(t for t, _m in results[f"{kind} app"])
            bare = statistics.median(t for t, _m in results[f"{kind} bare"])
            print(f"{kind}: app {app:.3f} s, bare {bare:.3f} s, ratio {app / bare:.2f}")
        app_mem = statistics.median(m for _t, m in results["warm app"])
        bare_mem = statistics.median(m for _t, m in results["warm bare"])
        print(f"peak memory: app {app_mem} MB, bare {bare_mem} MB, ratio {app_mem / bare_mem:.2f}")


if __name__ == "__main__":
    main()
