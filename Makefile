# Two commands for a newcomer: `make run` and `make test`.
# Both create or refresh .venv from pyproject.toml; nothing else is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint translations bench stress clean package install-desktop uninstall-desktop

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Budgetkring needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,package]'  # package: PyInstaller, for the bundle test
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/budgetkring

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check budgetkring ui tests bench main.py
	$(BIN)/ruff format --check budgetkring ui tests bench main.py
	$(BIN)/mypy

# After changing user-visible strings: extract them, merge into the Dutch catalogue
# (translate what is new in resources/locale/nl/LC_MESSAGES/budgetkring.po), recompile.
# The .mo files are committed so that a checkout runs without a build step.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location --sort-output \
		--omit-header -o resources/locale/budgetkring.pot .
	$(BIN)/pybabel update -D budgetkring -i resources/locale/budgetkring.pot -d resources/locale \
		--no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -D budgetkring -d resources/locale --statistics

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/startup.py
	$(BIN)/python bench/plan_year.py
	$(BIN)/python bench/staffing.py
	$(BIN)/python bench/participants.py
	$(BIN)/python bench/printing.py
	$(BIN)/python bench/coordination.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/gui.py

# 1,000 random SIGKILLs of writing commands, each followed by integrity, foreign-key and app
# checks (a few minutes; `$(BIN)/python bench/stress.py 50` for a quick run).
stress: $(STAMP)
	$(BIN)/python bench/stress.py

# The one-folder bundle for this platform in dist/ (packaging/README.md): Linux
# dist/budgetkring/budgetkring, Windows dist/budgetkring/Budgetkring.exe, macOS dist/Budgetkring.app.
package: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
		packaging/budgetkring.spec

# Linux: put the bundle in your own application menu (only under your home folder; no root).
install-desktop:
	test -x dist/budgetkring/budgetkring || $(MAKE) package
	sh dist/budgetkring/install.sh

uninstall-desktop:
	sh packaging/linux/install.sh --uninstall

clean:
	rm -rf $(VENV) build dist *.egg-info
