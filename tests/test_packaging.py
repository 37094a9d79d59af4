"""Packaging: the PyInstaller bundle built from a clean clone runs the app and the command line;
the Linux menu entry, software-centre data and icon validate; the per-user installer stays in
the user's own folders and keeps their data; the Windows installer is per user and Dutch."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from budgetkring import __version__
from tests.conftest import process_env
from tests.test_plain_words import forbidden_words, jargon_in

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
ICONS = ROOT / "resources" / "icons"
APP_ID = "nl.budgetkring.budgetkring"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
SIZES = (16, 32, 48, 64, 128, 256)
SKIP_BUNDLE = "BUDGETKRING_SKIP_BUNDLE"


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    """Run a program and capture its text output (never raises on a non-zero exit)."""
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)


def _executables(dist: Path) -> tuple[Path, Path]:
    """(the command line, the app) in a built bundle."""
    folder = dist / "budgetkring"
    if sys.platform == "win32":
        return folder / "budgetkring-cli.exe", folder / "Budgetkring.exe"
    return folder / "budgetkring", folder / "budgetkring"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The bundle built with the spec of a clean clone of the last commit; its dist folder."""
    if os.environ.get(SKIP_BUNDLE) == "1":
        pytest.skip(f"{SKIP_BUNDLE}=1: the bundle is not built")
    work = tmp_path_factory.mktemp("bundle")
    clone = work / "clone"
    cloned = run("git", "clone", "--quiet", ROOT, clone)
    assert cloned.returncode == 0, cloned.stderr
    env = process_env(work / "home")
    built = run(
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--distpath",
        work / "dist",
        "--workpath",
        work / "build",
        clone / "packaging" / "budgetkring.spec",
        cwd=clone,
        env=env,
        timeout=1800,  # a guard against a hang, not a speed requirement
    )
    assert built.returncode == 0, built.stderr[-3000:]
    return work / "dist"


@pytest.mark.bundle
def test_the_bundle_runs_the_command_line(bundle, tmp_path):
    """--version, demo and circles --json work in the built bundle as in the checkout."""
    cli, _app = _executables(bundle)
    env = process_env(tmp_path)
    version = run(cli, "--version", env=env)
    assert version.returncode == 0 and version.stdout.strip() == f"Budgetkring {__version__}"
    db = tmp_path / "demo.db"
    demo = run(cli, "--db", db, "demo", env=env)
    assert demo.returncode == 0, demo.stderr
    circles = run(cli, "--db", db, "circles", "--json", env=env)
    assert circles.returncode == 0, circles.stderr
    names = {c["name"] for c in json.loads(circles.stdout)}
    assert {"Deventer Centrum", "Kampen Brunnepe"} <= names and len(names) == 3


@pytest.mark.bundle
def test_the_bundle_starts_the_app_on_the_demo(bundle, tmp_path):
    """The app starts from the bundle, opens the database and paints its window (it says so
    and quits at once when BUDGETKRING_QUIT_AFTER_START=1), and remembers the database it
    opened."""
    cli, app = _executables(bundle)
    env = process_env(tmp_path)
    db = tmp_path / "demo.db"
    assert run(cli, "--db", db, "demo", env=env).returncode == 0
    env.update(QT_QPA_PLATFORM="offscreen", BUDGETKRING_QUIT_AFTER_START="1")
    started = run(app, "--db", db, env=env, timeout=600)
    assert started.returncode == 0, started.stderr
    assert started.stdout.split() == ["shown"]
    settings = json.loads((tmp_path / "config" / "Budgetkring" / "settings.json").read_text())
    assert settings["last_db"] == str(db)


@pytest.mark.bundle
def test_the_bundle_holds_data_and_leaves_unused_qt_out(bundle):
    """Data, translations (ours and Qt's), fonts, help and icons are in the bundle; Qt modules
    the app does not use, and other languages' locale data, are not."""
    inside = bundle / "budgetkring" / "_internal"
    for part in (
        "data/demo.json",
        "resources/locale/nl/LC_MESSAGES/budgetkring.mo",
        "resources/fonts/DejaVuSans.ttf",
        "resources/help/nl",
        "resources/icons/budgetkring-256.png",
        "budgetkring/store/frozen",
        "PySide6/Qt/translations/qtbase_nl.qm",
    ):
        assert (inside / part).exists(), part
    modules = {p.name.split(".")[0] for p in (inside / "PySide6").glob("Qt*")}
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"} <= modules
    assert not modules & {"QtNetwork", "QtQml", "QtQuick", "QtSql", "QtSvg", "QtDesigner"}
    assert not (inside / "babel" / "locale-data" / "de.dat").exists()
    assert (inside / "babel" / "locale-data" / "nl_NL.dat").exists()


def test_the_menu_entry_is_valid():
    """desktop-file-validate accepts the menu entry (skipped without desktop-file-utils)."""
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    result = run(tool, DESKTOP)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


def test_the_software_centre_data_are_valid():
    """appstreamcli validate --pedantic finds nothing to say about the metainfo (skipped
    without appstream)."""
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (Debian: appstream)")
    result = run(tool, "validate", "--pedantic", "--no-net", METAINFO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^[EWIP]:", result.stdout, re.MULTILINE) is None, result.stdout


def test_menu_entry_metainfo_and_app_name_the_same_thing():
    """The menu entry, the metainfo and the app use one id, one icon name and one command."""
    from ui.app import APP_ID as app_id

    desktop = dict(line.split("=", 1) for line in DESKTOP.read_text().splitlines() if "=" in line)
    meta = METAINFO.read_text()
    assert app_id == APP_ID and desktop["Icon"] == APP_ID and desktop["Exec"] == "budgetkring"
    assert f"<id>{APP_ID}</id>" in meta
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in meta
    assert "<binary>budgetkring</binary>" in meta


def _difference(one, other) -> float:
    """The mean difference of two pictures of one size, per colour channel (0-255): another Qt
    version may smooth edges a little differently, a changed drawing differs far more."""
    from PySide6.QtGui import QImage

    def channels(image) -> bytes:
        return bytes(image.convertToFormat(QImage.Format.Format_RGBA8888).constBits())

    a, b = channels(one), channels(other)
    assert len(a) == len(b)
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def test_the_icon_is_drawn_from_the_svg_at_every_size(qapp):
    """Each PNG is the SVG drawn at its size (run packaging/make_icons.py after changing it),
    and the .ico and .icns hold those same pictures."""
    sys.path.insert(0, str(PACKAGING))
    try:
        import make_icons
    finally:
        sys.path.remove(str(PACKAGING))
    from PySide6.QtGui import QImage

    pngs = {}
    for size in SIZES:
        path = ICONS / f"budgetkring-{size}.png"
        image = QImage(str(path))
        assert (image.width(), image.height()) == (size, size)
        fresh = QImage.fromData(make_icons.render(size))
        assert _difference(image, fresh) < 2, f"{path.name} is out of date"
        pngs[size] = path.read_bytes()
    ico = (ICONS / "budgetkring.ico").read_bytes()
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, len(SIZES))
    assert all(png in ico for png in pngs.values())
    icns = (ICONS / "budgetkring.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert all(pngs[size] in icns for size in make_icons.ICNS_TYPES)


def _fake_bundle(folder: Path) -> Path:
    """A folder shaped like the Linux bundle (the program is a tiny script) with install.sh."""
    (folder / "_internal" / "resources").mkdir(parents=True)
    shutil.copytree(ICONS, folder / "_internal" / "resources" / "icons")
    program = folder / "budgetkring"
    program.write_text("#!/bin/sh\necho 'Budgetkring test'\n")
    program.chmod(0o755)
    for source in (LINUX / "install.sh", DESKTOP, METAINFO):
        shutil.copy2(source, folder / source.name)
    return folder


def _install(bundle: Path, home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    """Run install.sh as a user whose home folder is ``home``."""
    env = {"PATH": os.environ["PATH"], "HOME": str(home), **extra}
    return run("sh", bundle / "install.sh", *args, env=env)


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.skipif(sys.platform == "win32", reason="install.sh is for Linux")
def test_install_puts_everything_in_the_home_folder_and_uninstall_keeps_the_data(tmp_path):
    """install.sh copies the program, a link, the menu entry, the metainfo and the icons into
    the user's own folders; --uninstall removes exactly those and leaves the gegevens."""
    home = tmp_path / "home"
    home.mkdir()
    bundle = _fake_bundle(tmp_path / "unpacked" / "budgetkring")
    result = _install(bundle, home)
    assert result.returncode == 0, result.stderr
    share = home / ".local" / "share"
    entry = share / "applications" / f"{APP_ID}.desktop"
    program = home / ".local" / "lib" / "budgetkring" / "budgetkring"
    assert f'Exec="{program}"' in entry.read_text()
    assert run(home / ".local" / "bin" / "budgetkring").stdout == "Budgetkring test\n"
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").read_text() == METAINFO.read_text()
    for size in SIZES:
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert icon.read_bytes() == (ICONS / f"budgetkring-{size}.png").read_bytes()
    if shutil.which("desktop-file-validate"):
        assert run("desktop-file-validate", entry).stdout == ""
    data = share / "Budgetkring"
    data.mkdir()
    (data / "budgetkring.db").write_bytes(b"the user's own data")
    removed = _install(program.parent, home, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    left = {str(f.relative_to(home)) for f in home.rglob("*") if not f.is_dir()}
    assert left == {".local/share/Budgetkring/budgetkring.db"}
    assert (data / "budgetkring.db").read_bytes() == b"the user's own data"
    assert "gegevens" in removed.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="install.sh is for Linux")
def test_install_refuses_to_write_outside_the_home_folder_or_over_something_else(tmp_path):
    """A data folder outside the home folder, a path with '..', or a 'budgetkring' command that
    is not ours: install.sh refuses in one line and changes nothing."""
    home = tmp_path / "home"
    home.mkdir()
    elsewhere = tmp_path / "elsewhere"
    bundle = _fake_bundle(tmp_path / "unpacked" / "budgetkring")
    for data_home in (str(elsewhere), f"{home}/../elsewhere"):
        refused = _install(bundle, home, XDG_DATA_HOME=data_home)
        assert refused.returncode == 2 and "Er is niets gedaan" in refused.stderr
        assert _files(home) == set() and not elsewhere.exists()
    (home / ".local" / "bin").mkdir(parents=True)
    (home / ".local" / "bin" / "budgetkring").write_text("someone else's\n")
    refused = _install(bundle, home)
    assert refused.returncode == 2 and "niet van Budgetkring" in refused.stderr
    assert _files(home) == {".local", ".local/bin", ".local/bin/budgetkring"}
    assert (home / ".local" / "bin" / "budgetkring").read_text() == "someone else's\n"


def test_the_windows_installer_is_per_user_dutch_and_keeps_the_data():
    """The Inno Setup script installs without administrator rights into the user's own
    programs folder, with a Start-menu entry, in Dutch, and removes nothing it did not put
    there (the data in AppData\\Local\\Budgetkring stay)."""
    iss = (PACKAGING / "budgetkring.iss").read_text(encoding="utf-8-sig")
    settings = dict(
        re.findall(r"^(\w+)=(.*)$", iss.split("[Setup]")[1].split("\n[")[0], re.MULTILINE)
    )
    assert settings["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in settings
    assert settings["DefaultDirName"] == r"{autopf}\Budgetkring"
    assert re.search(r'^Name: "dutch"; MessagesFile: "compiler:Languages\\Dutch.isl"', iss, re.M)
    assert re.search(
        r'^Name: "\{autoprograms\}\\Budgetkring"; Filename: "\{app\}\\Budgetkring.exe"', iss, re.M
    )
    assert "[UninstallDelete]\n" not in iss and "{localappdata}\\Budgetkring" not in iss
    assert r'Source: "..\dist\budgetkring\*"' in iss


def test_the_release_workflow_builds_all_three_with_the_spec():
    """The release workflow builds on a version tag on Linux, Windows and macOS with the spec,
    and makes the three downloads the README names."""
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text()
    assert 'tags: ["v*"]' in workflow
    assert re.search(r"os: \[ubuntu-[\d.]+, windows-[\d]+, macos-[\d]+\]", workflow)
    assert "packaging/budgetkring.spec" in workflow and "packaging/budgetkring.iss" in workflow
    readme = (ROOT / "README.md").read_text()
    for download in ("-setup.exe", "-macos.dmg", "-linux-x86_64.tar.gz"):
        assert download in workflow and download in readme


def test_readme_says_how_to_install_before_the_developer_part():
    """README: 'Installeren' comes before the developer part, which keeps its two commands."""
    readme = (ROOT / "README.md").read_text()
    headings = re.findall(r"^## (.+)$", readme, re.MULTILINE)
    assert headings.index("Installeren") < headings.index("Two commands (for developers)")
    install = readme.split("## Installeren")[1].split("\n## ")[0]
    for words in ("Windows", "Mac", "Linux", "AppData\\Local\\Budgetkring", "Reservekopie"):
        assert words in install
    assert "make run     # set up" in readme and "make test    # set up" in readme


def test_the_dutch_of_the_downloads_uses_the_glossary():
    """The Dutch a user reads while installing (README, menu entry, metainfo, installer,
    install.sh) keeps to the words of docs/glossary.md."""
    texts = [
        (ROOT / "README.md").read_text().split("## Installeren")[1].split("\n## ")[0],
        *re.findall(r"^(?:GenericName|Comment|Keywords)=(.*)$", DESKTOP.read_text(), re.M),
        *re.findall(r'xml:lang="nl">(.*?)</', METAINFO.read_text(), re.S),
        *re.findall(
            r"^dutch\.\w+=(.*)$", (PACKAGING / "budgetkring.iss").read_text("utf-8-sig"), re.M
        ),
        *[
            re.sub(r"\$\w+", " ", said)  # shell variables ($DATA) are not words
            for said in re.findall(r'(?:say|fail) "(.*)"', (LINUX / "install.sh").read_text())
        ],
    ]
    words = forbidden_words()
    assert len(texts) > 10
    assert [(t[:60], jargon_in(t, words)) for t in texts if jargon_in(t, words)] == []
