# Two commands do the whole setup on a fresh machine with Python 3 and make:
#   make lab    create .venv, install nnviz and its dependencies, open JupyterLab on notebooks/
#   make test   the same setup if needed, then every test (unit, property, notebooks)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.nnviz-installed
UI_STAMP := $(VENV)/.nnviz-ui-installed

.PHONY: lab test test-ui bench clean slides site student grade lock

# The exact versions of requirements.lock (refresh with `make lock`), then nnviz itself.
# Without make (Windows): python tools/setup.py lab | test  does the same.
# LOCK= (empty) installs the newest versions pyproject.toml allows instead (e.g. Python 3.10,
# which the lock's numpy no longer supports).
LOCK ?= requirements.lock
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(if $(LOCK),$(BIN)/python -m pip install --quiet -r $(LOCK) && $(BIN)/python -m pip install --quiet --no-deps -e .,$(BIN)/python -m pip install --quiet -e '.[test]')
	touch $(STAMP)

$(UI_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,ui]'
	touch $(UI_STAMP)

# JupyterLab refuses to start as root (a container, a fresh VM) unless told it may.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ALLOW_ROOT) notebooks/

test: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest tests notebooks --ignore=tests/ui \
		--nbval-lax --nbval-current-env -p no:cacheprovider

test-ui: $(UI_STAMP)
	$(BIN)/python -m pytest tests/ui -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Classroom copies (tools/publish.py): reveal.js slides of every notebook, and a read-only
# HTML site with every notebook run and its figures. No network needed to build either.
slides: $(STAMP)
	$(BIN)/python tools/publish.py slides --out build/slides

site: $(STAMP)
	$(BIN)/python tools/publish.py site --out build/site

# The student edition: every notebook without its <details> solution blocks.
student: $(STAMP)
	$(BIN)/python tools/publish.py student --out build/student

# Grade a folder of submitted notebooks: make grade DIR=submissions [OUT=grades.csv]
DIR ?= submissions
OUT ?= grades.csv
grade: $(STAMP)
	$(BIN)/python -m nnviz.grade $(DIR) --out $(OUT)

# Refresh requirements.lock from the newest versions pyproject.toml allows (needs PyPI).
lock:
	$(PYTHON) tools/lock.py

clean:
	rm -rf $(VENV) build .pytest_cache
