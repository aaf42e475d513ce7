# Two commands on a fresh machine with python3:
#   make lab    create .venv, install the course, build release/, copy new notebooks into work/
#               (the student's own copies, never overwritten), open JupyterLab on work/
#   make test   create .venv, install the course, run the whole test suite
# Both are idempotent: the install step reruns only when pyproject.toml changes, and `course build`
# only releases units whose inputs changed.
# make instructor-lab   JupyterLab on the course root with nbgrader's instructor tools

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Extra flags for `jupyter lab` (the tests pass --no-browser --port=... here).
LAB_FLAGS ?=
# JupyterLab refuses to run as root unless told to.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
# The `course` command works on this folder even when the package is installed from another clone.
export COURSE_ROOT := $(CURDIR)
# The student's Jupyter configuration (JUPYTER_CONFIG_DIR): nbgrader's instructor extensions
# disabled, no news or update checks, build litter hidden; JupyterLab keeps the student's own
# settings and workspaces under it (git-ignored).
STUDENT_JUPYTER := $(CURDIR)/jupyter/student
QUIET_LAB := --LabApp.news_url=None \
	--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate

.PHONY: install build workspace lab instructor-lab test check-release clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -e ".[test]"
	touch $(STAMP)

build: install
	$(BIN)/course build

# Twice: the first copies into work/ what a student may have edited in release/ (as the README
# once said to) before a build can replace it; the second picks up what the build released.
workspace: install
	$(BIN)/course workspace
	$(BIN)/course build
	$(BIN)/course workspace

lab: workspace
	JUPYTER_CONFIG_DIR="$(STUDENT_JUPYTER)" $(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
	  --LabApp.default_url=/lab/tree/work --LabApp.app_settings_dir="$(STUDENT_JUPYTER)/settings" \
	  $(QUIET_LAB) $(ROOT_FLAG) $(LAB_FLAGS)

instructor-lab: build
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(QUIET_LAB) $(ROOT_FLAG) $(LAB_FLAGS)

# One BLAS thread: the course's matrices are small, and two threads fighting for two cores
# (pytest, a kernel, nbgrader) can make a notebook 10 to 100 times slower.
test: install
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m pytest $(PYTEST_FLAGS)

check-release: install
	$(BIN)/course build --check

clean:
	rm -rf $(VENV) .pytest_cache .test-reports gradebook.db submitted autograded/*/ feedback .build-stamp.json
	find source -name '*.ipynb' -delete
