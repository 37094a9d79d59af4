"""Help that ships with the app: F1 opens the help of the page in view, every page has help in
Dutch and English, and "Eerste stappen" opens from the Help menu and the first-run screen."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from budgetkring.i18n import set_language
from ui.help import FIRST_STEPS, LANGUAGES, PAGE_TOPICS, TOPICS, HelpDialog, help_file

CLICK = Qt.MouseButton.LeftButton


def _window(qtbot, ctx):
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    QApplication.processEvents()  # the window becomes the active one: its keys work
    assert QApplication.activeWindow() is window
    return window


def _blocks(path) -> list[str]:
    """The text of each heading, paragraph and list item of a help page."""
    html = path.read_text(encoding="utf-8")
    body = html.split("<body>", 1)[1]
    parts = re.split(r"</?(?:h1|h2|p|li|ol|ul)\b[^>]*>", body)
    return [" ".join(re.sub(r"<[^>]+>", " ", p).split()) for p in parts if p.strip()]


@pytest.mark.parametrize("language", LANGUAGES)
def test_f1_opens_the_help_of_the_page_in_view(qtbot, demo_ctx, prompter, language):
    """On each page, F1 opens that page's help, in the app's language, titled like the page."""
    set_language(language)
    window = _window(qtbot, demo_ctx)
    for row, key in enumerate(PAGE_TOPICS):
        window.show_page(key)
        qtbot.keyClick(window.current_page(), Qt.Key.Key_F1)
        dialog = prompter.dialogs[-1]
        assert isinstance(dialog, HelpDialog) and dialog.topic == key
        assert dialog.page_file() == help_file(key, language)
        assert dialog.page_file().parent.name == language
        # the help page is named as the page is named in the list on the left
        assert dialog.browser.documentTitle() == window.nav.item(row).text()
        assert dialog.windowTitle().endswith(window.nav.item(row).text())
    assert len(prompter.dialogs) == len(PAGE_TOPICS)


def test_every_page_of_the_app_has_help_in_both_languages(qtbot, demo_ctx):
    """Every page in the navigation, and the first steps, has a help page in Dutch and in
    English: what it is for, at least three tasks step by step, what the messages mean; every
    link goes to a page that is there."""
    from ui.main_window import MainWindow

    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    assert set(window._page_makers) == set(PAGE_TOPICS)
    for language in LANGUAGES:
        for topic in TOPICS:
            path = help_file(topic, language)
            assert path.parent.name == language and path.name == f"{topic}.html", path
            html = path.read_text(encoding="utf-8")
            assert re.search(r"<title>[^<]+</title>", html), path
            if topic != FIRST_STEPS:
                assert html.count("<ol>") >= 3, f"{path}: three tasks, step by step"
                assert html.count("<h2>") >= 4, f"{path}: tasks and what the messages mean"
                assert 'href="eerste-stappen.html"' in html, path
            for link in re.findall(r'href="([^"]+)"', html):
                assert (path.parent / link).is_file(), f"{path}: link to {link}"
    first_steps = help_file(FIRST_STEPS, "nl").read_text(encoding="utf-8")
    for topic in PAGE_TOPICS:
        assert f'href="{topic}.html"' in first_steps  # every page is found from there


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_is_written_in_short_sentences(language):
    """Plain language (B1): no sentence in the help is longer than 20 words."""
    for topic in TOPICS:
        for block in _blocks(help_file(topic, language)):
            for sentence in re.split(r"(?<=[.?!])\s+", block):
                assert len(sentence.split()) <= 20, f"{topic} ({language}): {sentence}"


def test_help_menu_opens_the_first_steps(qtbot, demo_ctx, prompter):
    """Help → First steps shows the page "Eerste stappen"; Help for this page shows the page's."""
    window = _window(qtbot, demo_ctx)
    help_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Help"
    )
    actions = {a.text(): a for a in help_menu.actions()}
    actions["First steps"].trigger()
    assert prompter.dialogs[-1].topic == FIRST_STEPS
    assert prompter.dialogs[-1].page_file().name == "eerste-stappen.html"
    window.show_page("planning")
    actions["Help for this page"].trigger()
    assert prompter.dialogs[-1].page_file() == help_file("planning")


def test_first_run_screen_opens_the_first_steps(qtbot, ctx, prompter):
    """The first-run screen has a button (and F1) for "Eerste stappen"; the database stays empty."""
    from ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    QApplication.processEvents()
    qtbot.mouseClick(dialog.help_button, CLICK)
    assert isinstance(prompter.dialogs[-1], HelpDialog)
    assert prompter.dialogs[-1].page_file() == help_file(FIRST_STEPS)
    qtbot.keyClick(dialog.org_name, Qt.Key.Key_F1)
    assert len(prompter.dialogs) == 2 and prompter.dialogs[-1].topic == FIRST_STEPS
    assert dialog.result() == 0 and ctx.store.db["circle"].count == 0


def test_a_link_in_the_help_goes_there_and_back(qtbot):
    """A link chosen with Tab and followed with Enter shows that page; Back returns."""
    dialog = HelpDialog(FIRST_STEPS)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.back_button.isEnabled()
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Tab)  # the first link: Overview
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Return)
    assert dialog.page_file() == help_file("overview")
    assert dialog.back_button.isEnabled()
    qtbot.mouseClick(dialog.back_button, CLICK)
    assert dialog.page_file() == help_file(FIRST_STEPS)


def test_unknown_topic_or_language_falls_back(tmp_path):
    """A topic without a page shows the first steps; a language without help shows Dutch."""
    assert help_file("no-such-page", "en") == help_file(FIRST_STEPS, "en")
    assert help_file("overview", "fy") == help_file("overview", "nl")
