# storylens — everything a fresh machine needs is installed from here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEEDS  ?= ../shared/seeds
REPORT ?= storylens-report.html

# Model loading never reaches a hub: the weights ship inside pip packages.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install onnx-model system-deps dictionaries demo test lint bench train clean

install: $(STAMP)

# torch first and pinned: 2.13.0 is the CPU wheel on this machine; anything else pulls CUDA.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install -q --disable-pip-version-check -c requirements.lock -e '.[spark,dev]'
	$(MAKE) onnx-model
	touch $(STAMP)

# The sentence encoder: the shipped MiniLM exported with torch.onnx and quantised to int8 by
# onnxruntime, offline (~10 s). Built, not committed; tests/analyze/test_onnx_minilm.py checks it.
onnx-model:
	$(BIN)/python -m storylens.analyze.onnx_minilm

# Java for Spark and Chromium for the browser tests come from Debian, never from a download; so
# do the FreeDict dictionaries the cross-lingual bridge reads from /usr/share/dictd at run time
# (GPL and CC BY-SA data, never copied into the repository): xxx-eng, and eng-xxx read backwards where
# xxx-eng is small; and Apertium with its Spanish-English pair, run as a separate program (GPL)
# to translate whole Spanish articles for the pair features.
FREEDICT = deu-eng spa-eng fra-eng ita-eng pol-eng tur-eng ara-eng \
	eng-spa eng-fra eng-ita eng-pol eng-tur eng-rus
APERTIUM = apertium apertium-eng-spa

system-deps: dictionaries
	@command -v java >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      $$(command -v java >/dev/null 2>&1 || echo default-jre-headless) \
	      $$(command -v chromium >/dev/null 2>&1 || echo chromium) >/dev/null; \
	  else \
	    echo "storylens: install Java and Chromium: sudo apt-get install default-jre-headless chromium" >&2; \
	  fi; }

dictionaries:
	@missing="$$(for d in $(FREEDICT); do test -f /usr/share/dictd/freedict-$$d.index || \
	  echo dict-freedict-$$d; done; \
	  for p in $(APERTIUM); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done)"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "storylens: install the dictionaries: sudo apt-get install $$missing" >&2; \
	  fi; \
	fi

demo: install
	$(BIN)/storylens compare $(SEEDS)/004_ad8205b13b026261.txt $(SEEDS)/000_5106ceb30cf12f44.txt
	$(BIN)/storylens compare $(SEEDS)/004_ad8205b13b026261.txt $(SEEDS)/000_5106ceb30cf12f44.txt \
	  --format html -o $(REPORT)
	@echo "HTML report: $(REPORT)"

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

test: install system-deps lint
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/run.py

train: install
	$(BIN)/storylens train

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
