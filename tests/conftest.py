"""Shared fixtures: a temporary database, a fixed clock and an app factory.

"Today" in every test is Monday 2026-11-23 09:00, so dates in snapshots never drift.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import settings

from aiops_tui.app import AiopsApp
from aiops_tui.clock import fixed_clock
from aiops_tui.config import Settings
from aiops_tui.storage.sample import load_sample
from aiops_tui.storage.store import Store

# `make mutate` runs the property tests once per mutant: the same examples each
# time (so a score is repeatable), fewer of them, and no deadline (tracing slows calls).
settings.register_profile(
    "mutation", max_examples=50, derandomize=True, database=None, deadline=None
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Inside a mutation run (mutmut names the mutant it tests in MUTANT_UNDER_TEST) the
    `big` tests are skipped: megabyte inputs under its tracing cost a minute a mutant,
    and small-limit tests reach the same code paths. `make test` runs them as always."""
    if not os.environ.get("MUTANT_UNDER_TEST"):
        return
    skip = pytest.mark.skip(reason="megabyte input, skipped in mutation runs")
    for item in items:
        if "big" in item.keywords:
            item.add_marker(skip)


TODAY = datetime(2026, 11, 23, 9, 0, 0)
USER = "Ana Ruiz"


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Colours and settings must not leak in from the developer's terminal."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TEXTUAL_THEME", "textual-dark")
    monkeypatch.setenv("AIOPS_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("AIOPS_DB", raising=False)
    monkeypatch.setenv("AIOPS_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return fixed_clock(TODAY)


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A relative path inside tmp_path, so the header (which shows it) is stable."""
    monkeypatch.chdir(tmp_path)
    return Path("aiops.db")


@pytest.fixture
def store(db_path: Path, clock: Callable[[], datetime]) -> Iterator[Store]:
    s = Store.open(db_path, clock=clock, actor=USER)
    yield s
    s.close()


@pytest.fixture
def sample_store(store: Store) -> Store:
    load_sample(store)
    return store


@pytest.fixture
def make_app() -> Callable[[Store], AiopsApp]:
    def factory(store: Store, **settings: object) -> AiopsApp:
        app = AiopsApp(store=store, settings=Settings(theme="textual-dark", **settings))
        # No animations: a snapshot taken while a tab's underline still slides (a loaded
        # machine) differed from the one taken after; the end state is the same.
        app.animation_level = "none"
        return app

    return factory
