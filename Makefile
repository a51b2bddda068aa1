# One task file. `make site` and `make test` each create .venv from the project's own files first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: venv site check serve test lint bench bench-long clean

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $(STAMP)

venv: $(STAMP)

site: $(STAMP)
	$(PY) -m generator build --content content --site-dir site

check: $(STAMP)
	$(PY) -m generator check --content content

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m mypy generator

bench: $(STAMP)
	$(PY) benchmarks/bench_build.py

bench-long: $(STAMP)
	$(PY) benchmarks/bench_long_articles.py

clean:
	rm -rf site .build $(VENV)
