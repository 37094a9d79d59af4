"""The house rules of the architecture, checked on the source so they cannot quietly erode."""

import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import budgetkring

ROOT = Path(budgetkring.__file__).resolve().parent.parent
CORE = ROOT / "budgetkring"
UI = ROOT / "ui"
SQL_WORDS = re.compile(
    r"\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b"
)
SQL_CALLS = re.compile(
    r"\.(execute|executescript|executemany|query)\(|\bdb\[|\.upsert\(|\.insert_all\("
)


def _python_files(folder: Path, skip: str | None = None):
    for path in sorted(folder.rglob("*.py")):
        if skip is None or skip not in path.relative_to(folder).parts:
            yield path


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_imports_no_qt():
    """Importing every module of budgetkring loads no Qt module."""
    names = [m.name for m in pkgutil.walk_packages(budgetkring.__path__, "budgetkring.")]
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}: importlib.import_module(n)\n"
        "qt = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt6')]\n"
        "sys.exit(1 if qt else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr or "Qt was imported by the core"
    assert len(names) >= 30


def test_core_never_names_the_front_end():
    """No core module imports ui (the launcher starts the app, not the core)."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in _python_files(CORE)
        if any(n == "ui" or n.startswith("ui.") for n in _imports(p))
    ]
    assert offenders == []


def test_only_store_speaks_sql():
    """Outside budgetkring/store — in the core and in ui/ — nothing runs or writes SQL."""
    offenders = []
    for path in [*_python_files(CORE, skip="store"), *_python_files(UI)]:
        text = path.read_text(encoding="utf-8")
        if SQL_WORDS.search(text) or SQL_CALLS.search(text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_sql_guard_catches_writes():
    """The guard above is not blind: it sees every kind of SQL and the sqlite-utils table API."""
    for line in (
        'db.execute("UPDATE circle SET name = 1")',
        "x = 'INSERT INTO circle VALUES (1)'",
        "x = 'DELETE FROM absence'",
        "x = 'CREATE TABLE t (a)'",
        'db["circle"].insert({})',
        'db.query("SELECT 1")',
        "table.upsert({})",
    ):
        assert SQL_WORDS.search(line) or SQL_CALLS.search(line), line


def test_front_end_never_touches_the_store():
    """ui/ goes through core functions; it never imports budgetkring.store."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in _python_files(UI)
        if any(n.startswith("budgetkring.store") for n in _imports(p))
    ]
    assert offenders == []


def test_migrations_are_frozen():
    """A migration uses only its own SQL and the data it carries: no live code, no data/ files."""
    path = CORE / "store" / "migrations.py"
    ours = {n for n in _imports(path) if n.startswith("budgetkring")}
    assert ours == set()
    assert "resource_path" not in path.read_text(encoding="utf-8")


def test_the_clock_is_read_in_one_place():
    """Only dates.today() and the command line read the real date; services are given today."""
    allowed = {CORE / "dates.py", CORE / "cli" / "common.py"}
    offenders = [
        str(p.relative_to(ROOT))
        for p in [*_python_files(CORE), *_python_files(UI)]
        if p not in allowed and "date.today()" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_command_line_starts_without_qt():
    """`budgetkring --version` through the launcher does not load Qt."""
    code = (
        "import sys\n"
        "from ui.launcher import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr or "Qt was loaded for --version"
    assert "Budgetkring" in result.stdout
