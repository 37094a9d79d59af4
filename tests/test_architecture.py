"""The house rules of the architecture."""

import pkgutil
import subprocess
import sys

import budgetkring


def test_core_imports_no_qt():
    """Importing every module of budgetkring loads no Qt module."""
    names = [
        m.name
        for m in pkgutil.walk_packages(budgetkring.__path__, "budgetkring.")
        if not m.name.endswith("__main__")
    ]
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}: importlib.import_module(n)\n"
        "qt = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt6')]\n"
        "print(len(sys.modules)); sys.exit(1 if qt else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr or "Qt was imported by the core"
    assert len(names) >= 10


def test_only_store_speaks_sql():
    """Outside budgetkring/store, no module executes SQL."""
    from pathlib import Path

    root = Path(budgetkring.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        if "store" in path.relative_to(root).parts:
            continue
        text = path.read_text(encoding="utf-8")
        if ".execute(" in text or ".query(" in text or "SELECT " in text:
            offenders.append(path.name)
    assert offenders == []
