VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench mutate clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/aiops

test: $(STAMP)
	$(VENV)/bin/pytest -n auto

# Style, the layers (import-linter contracts in pyproject.toml), the types and the
# size limits (400 lines a module, 60 a function: tools/check_size.py).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy aiops_tui
	$(PY) tools/check_size.py aiops_tui

# Mutation testing of the rules and the escaping (slower than `make test`, not in CI):
# a score per module; below 95% of non-equivalent mutants caught it fails.
$(VENV)/.mutate-installed: pyproject.toml $(STAMP)
	$(PY) -m pip install -q -e ".[test,mutate]"
	touch $@

mutate: $(VENV)/.mutate-installed
	$(PY) tools/mutation_report.py

bench: $(STAMP)
	$(PY) bench/run.py --quick

clean:
	rm -rf $(VENV)
