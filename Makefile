# The course's vocabulary: make book | test | serve | lab | bench | chapter CH=name | lint
# Every target creates or reuses the virtual environment in .venv by itself.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
PORT   ?= 8000
JB      = $(BIN)/jupyter-book
# Strict: a warning or a failing cell fails the build.
JBFLAGS = -W -n --keep-going

.PHONY: help venv book test pytest serve lab bench chapter lint clean

help:
	@echo "make book    build the website into _build/html (strict)"
	@echo "make test    build the book strictly, then run every test"
	@echo "make serve   serve _build/html on http://127.0.0.1:$(PORT)"
	@echo "make lab     open the chapters in JupyterLab"
	@echo "make bench   speed targets, measured side by side"
	@echo "make chapter CH=zipf   build one chapter (with the introduction) quickly"

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

book: $(STAMP)
	$(JB) build --all . $(JBFLAGS)
	@echo
	@echo "The site is in _build/html. Open _build/html/index.html, or run: make serve"

test: book pytest

pytest: $(STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	@test -f _build/html/index.html || $(MAKE) book
	@echo "Serving the course on http://127.0.0.1:$(PORT) (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

lab: $(STAMP)
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@cp tools/lab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	$(BIN)/jupyter lab book

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Build one chapter with the introduction, into _build/chapter-$(CH), for quick checks.
chapter: $(STAMP)
	@test -n "$(CH)" || (echo "usage: make chapter CH=power-laws" && exit 2)
	@mkdir -p _build
	@printf 'format: jb-book\nroot: book/intro\nchapters:\n  - file: book/$(CH)\n  - file: book/bibliography\n' > _build/toc-$(CH).yml
	$(JB) build . --toc _build/toc-$(CH).yml --path-output _build/chapter-$(CH) $(JBFLAGS)

lint: $(STAMP)
	$(BIN)/ruff check scaling_lab tests benchmarks

clean:
	rm -rf _build .pytest_cache .hypothesis
