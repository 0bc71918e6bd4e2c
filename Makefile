# zhpipe make targets. `make run` and `make test` each work alone on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
SHARED ?= ../shared

.PHONY: run test system-deps bench lint clean train-ner install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

run: $(STAMP)
	$(BIN)/zhpipe run corpus/ -o outputs/

# Chromium and CJK fonts for the report test: apt-get installs them as root on Debian/Ubuntu, else this stops
# at once with the command to run (.ci/system-deps.sh)
system-deps:
	@sh .ci/system-deps.sh

test: system-deps $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run_all

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests benchmarks

# every shipped NER model and the style guesser from ../shared/data (deterministic; the held-out tenths of
# msra_train.jsonl and gmb.jsonl, pipeline.training.splits, are never trained on); prints how long it took
# (~43 CPU-min). Each comes out byte-identical to the shipped file (pipeline/training/ner_zh.py)
train-ner: $(STAMP)
	@start=$$(date +%s); set -e; \
	$(BIN)/python -m pipeline.training.ner_zh --train $(SHARED)/data/ner/train.jsonl \
	    --dev $(SHARED)/data/ner/dev.jsonl --out pipeline/resources/ner_zh.crfsuite.xz; \
	$(BIN)/python -m pipeline.training.ner_zh --train $(SHARED)/data/ner/train.jsonl --styles --augment 1 \
	    --dev $(SHARED)/data/ner/dev.jsonl --out pipeline/resources/ner_zh_styles.crfsuite.xz; \
	$(BIN)/python -m pipeline.training.ner_zh --train $(SHARED)/data/ner/train.jsonl --only-kind news \
	    --add $(SHARED)/data/ner/msra_train.jsonl --iterations 100 \
	    --dev $(SHARED)/data/ner/dev.jsonl --out pipeline/resources/ner_zh_news.crfsuite.xz; \
	$(BIN)/python -m pipeline.training.style_guesser --train $(SHARED)/data/ner/train.jsonl \
	    --add $(SHARED)/data/ner/msra_train.jsonl --out pipeline/resources/ner_zh.style_ngrams.tsv.gz; \
	$(BIN)/python -m pipeline.training.ner_en --train $(SHARED)/data/ner_en/train.jsonl \
	    $(SHARED)/data/ner_en/crossner.jsonl $(SHARED)/data/ner_en/gum.jsonl --news $(SHARED)/data/ner_en/gmb.jsonl \
	    --dev $(SHARED)/data/ner_en/dev.jsonl --out pipeline/resources/ner_en --setting rows \
	    --max-steps 3000 --max-minutes 0; \
	echo "make train-ner: all models trained in $$(( $$(date +%s) - start )) s"

clean:
	rm -rf outputs build *.egg-info .pytest_cache benchmarks/out
