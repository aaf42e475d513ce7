# Two commands on a fresh machine with python3:
#   make lab    create .venv, install the course, build release/, open JupyterLab on the course
#   make test   create .venv, install the course, run the whole test suite
# Both are idempotent: the install step reruns only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Extra flags for `jupyter lab` (the tests pass --no-browser --port=... here).
LAB_FLAGS ?=
# JupyterLab refuses to run as root unless told to.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: install build lab test check-release clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -e ".[test]"
	touch $(STAMP)

build: install
	$(BIN)/course build

lab: build
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(ROOT_FLAG) $(LAB_FLAGS)

# One BLAS thread: the course's matrices are small, and two threads fighting for two cores
# (pytest, a kernel, nbgrader) can make a notebook 10 to 100 times slower.
test: install
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m pytest $(PYTEST_FLAGS)

check-release: install
	$(BIN)/course build --check

clean:
	rm -rf $(VENV) .pytest_cache .test-reports gradebook.db submitted autograded/*/ feedback
	find source -name '*.ipynb' -delete
