# Two commands do the whole setup on a fresh machine with Python 3 and make:
#   make lab    create .venv, install nnviz and its dependencies, open JupyterLab on notebooks/
#   make test   the same setup if needed, then every test (unit, property, notebooks)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.nnviz-installed
UI_STAMP := $(VENV)/.nnviz-ui-installed

.PHONY: lab test test-fast test-ui bench clean slides site student grade lock

# The exact versions of requirements.lock (refresh with `make lock`), then nnviz itself.
# Without make (Windows): python tools/setup.py lab | test  does the same.
# LOCK= (empty) installs the newest versions pyproject.toml allows instead (e.g. Python 3.10,
# which the lock's numpy no longer supports).
LOCK ?= requirements.lock
# The JupyterLab extension that lets widgets render in a RISE slideshow (tools/rise/install.py:
# an editable install does not copy it into the environment).
RISE_SHIM := tools/rise/install.py $(wildcard tools/rise/labextension/*.json tools/rise/labextension/static/*.js)
$(STAMP): pyproject.toml $(LOCK) $(RISE_SHIM)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(if $(LOCK),$(BIN)/python -m pip install --quiet -r $(LOCK) && $(BIN)/python -m pip install --quiet --no-deps -e .,$(BIN)/python -m pip install --quiet -e '.[test]')
	$(BIN)/python -m nnviz.hints --install
	$(BIN)/python tools/rise/install.py
	touch $(STAMP)

$(UI_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,ui]'
	touch $(UI_STAMP)

# JupyterLab refuses to start as root (a container, a fresh VM) unless told it may.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ALLOW_ROOT) notebooks/

test: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest tests notebooks --ignore=tests/ui --ignore=tests/lite \
		--nbval-lax --nbval-current-env -p no:cacheprovider

# The inner loop (under a minute): the unit tests without the slow ones (kernels, notebooks,
# sites, installs; see tests/conftest.py) and without the notebooks. make test runs them all.
test-fast: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest tests --ignore=tests/ui --ignore=tests/lite -m "not slow" \
		-q -p no:cacheprovider -p no:nbval

test-ui: $(UI_STAMP)
	$(BIN)/python -m pytest tests/ui -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

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
	rm -rf $(VENV) $(MIN_VENV) build .pytest_cache

.PHONY: lite test-lite bench-lite test-min

# The whole series in the browser (JupyterLite, Pyodide): build/lite/ is a folder of static
# files, self-contained and under 80 MB; every outside file is pinned and sha256-checked
# (tools/lite/manifest.json, tools/lite/requirements.txt). Downloads are cached in build/lite-cache/.
lite:
	$(PYTHON) tools/lite/build.py --out build/lite

# Every notebook of the site in Chromium with the in-browser kernel (serves build/lite/ on 127.0.0.1).
test-lite: $(UI_STAMP) lite
	$(BIN)/python -m pytest tests/lite -p no:cacheprovider

# The site against JupyterLab with a local kernel, in one Chromium: load, run, slider, play.
bench-lite: $(UI_STAMP) lite
	$(BIN)/python -m benchmarks.lite

# The unit tests on the oldest versions pyproject.toml allows: the browser's (Pyodide 0.27)
# numpy, matplotlib, pyparsing and IPython, the site's ipywidgets and ipympl, and anywidget's
# lower bound (the painted playground).
MIN_VENV := .venv-min
MIN_PINS := numpy==2.0.2 matplotlib==3.8.4 pyparsing==3.1.2 ipython==8.23.0 ipywidgets==8.1.7 ipympl==0.9.7 \
	anywidget==0.9.18
$(MIN_VENV)/.nnviz-installed: pyproject.toml
	$(PYTHON) -m venv $(MIN_VENV)
	$(MIN_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(MIN_VENV)/bin/python -m pip install --quiet -e '.[test]' $(MIN_PINS)
	touch $@

test-min: $(MIN_VENV)/.nnviz-installed
	MPLBACKEND=Agg $(MIN_VENV)/bin/python -m pytest tests --ignore=tests/ui --ignore=tests/lite \
		-p no:cacheprovider
