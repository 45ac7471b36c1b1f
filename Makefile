# The course's vocabulary: make book | test | serve | lab | bench | chapter CH=name | lint
# Every target creates or reuses the virtual environment in .venv by itself.

SHELL  := /bin/bash
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
PORT   ?= 8000
JB      = $(BIN)/jupyter-book
# Jupyter refuses to run as root unless told; a container or CI user is often root.
ROOT_FLAG = $(if $(filter 0,$(shell id -u)),--allow-root)
# Strict: a warning or a failing cell fails the build.
JBFLAGS = -W -n --keep-going

.PHONY: help venv book test pytest serve lab bench chapter lint clean slides lecture handouts experiments

help:
	@echo "make book    build the website into _build/html (strict)"
	@echo "make test    build the book strictly, then run every test"
	@echo "make serve   serve _build/html on http://127.0.0.1:$(PORT)"
	@echo "make lab     open the chapters (the readers' notebooks) in JupyterLab"
	@echo "make slides  a reveal.js deck per chapter into _build/slides (offline)"
	@echo "make lecture present the chapters as live slideshows in JupyterLab"
	@echo "make handouts PDFs of the slides, exercise sheets and the book, into _build/handouts"
	@echo "make bench   speed targets, measured side by side"
	@echo "make experiments  retrain the shipped runs of the measure chapter"
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

test: lint book pytest

pytest: $(STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	@test -f _build/html/index.html || $(MAKE) book
	@echo "Serving the course on http://127.0.0.1:$(PORT) (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# The chapters as the readers' notebooks (glued numbers filled in, solutions collapsed,
# from the executed book) in _build/lab, opened in JupyterLab. JupyterLab options go in
# LAB_ARGS, e.g. make lab LAB_ARGS="--port=8890 --no-browser".
lab: $(STAMP)
	@ls _build/jupyter_execute/book/*.ipynb >/dev/null 2>&1 || $(MAKE) book
	$(BIN)/python tools/readernotebook.py --out _build/lab
	$(BIN)/jupyter lab _build/lab --ServerApp.ip=127.0.0.1 $(ROOT_FLAG) $(LAB_ARGS)

# One reveal.js deck per chapter, from the executed notebooks of the book build; they work
# offline (reveal.js and MathJax are copied from installed packages into _build/slides).
slides: $(STAMP)
	@ls _build/jupyter_execute/book/*.ipynb >/dev/null 2>&1 || $(MAKE) book
	$(BIN)/python tools/slides.py

# Lecture notebooks (from the executed notebooks, slide markers from the headings,
# speaker notes from book/instructors.md) in _build/lecture, opened in JupyterLab with
# the jupyterlab-myst-revealjs slideshow. JupyterLab options go in LECTURE_ARGS, e.g.
# make lecture LECTURE_ARGS="--port=8890 --no-browser".
lecture: $(STAMP)
	@ls _build/jupyter_execute/book/*.ipynb >/dev/null 2>&1 || $(MAKE) book
	$(BIN)/python tools/lecture.py -- $(LECTURE_ARGS)

# PDFs printed by headless Chromium, offline, into _build/handouts: per chapter its
# slides, an exercise sheet and a solutions sheet; and the whole book.
handouts: $(STAMP)
	@test -f _build/html/index.html || $(MAKE) book
	$(BIN)/python tools/handouts.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Regenerate the shipped training runs in scaling_lab/data/experiments (about 20 minutes
# of one core: sparse parity, then the character language model).
experiments: $(STAMP)
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m scaling_lab.experiments.regenerate

# Build one chapter (with the introduction and the power-laws chapter) into
# _build/chapter-$(CH), for quick checks. Warnings from pages left out of this small
# table of contents (the introduction's links to them) are expected; any warning from
# the chapter itself fails the target.
chapter: $(STAMP)
	@test -n "$(CH)" || (echo "usage: make chapter CH=power-laws" && exit 2)
	@mkdir -p _build
	@printf 'format: jb-book\nroot: book/intro\nchapters:\n  - file: book/power-laws\n$(if $(filter power-laws,$(CH)),,  - file: book/$(CH)\n)  - file: book/bibliography\n' > _build/toc-$(CH).yml
	set -o pipefail; $(JB) build . --toc _build/toc-$(CH).yml --path-output _build/chapter-$(CH) -n --keep-going 2>&1 | tee _build/chapter-$(CH).log
	@! grep -E "book/$(CH)\.md.*(WARNING|ERROR)" _build/chapter-$(CH).log || (echo "book/$(CH).md has warnings (above)"; exit 1)

lint: $(STAMP)
	$(BIN)/ruff check scaling_lab tests benchmarks tools

clean:
	rm -rf _build .pytest_cache .hypothesis
