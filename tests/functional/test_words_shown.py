"""Counts read as English where they are shown: "1 completion", "1 active workflow"."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiops_tui.cli import main
from aiops_tui.domain.models import Workflow
from aiops_tui.screens.cadence import CadenceScreen
from aiops_tui.storage.store import Store


async def test_cadence_history_counts_one_completion(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, CadenceScreen)
        assert app.screen.query_one("#history").border_subtitle == "1 completion"


def test_check_counts_one_active_workflow(
    store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.workflows.add(Workflow(name="Only one", status="live"))
    store.close()
    main(["check", "--db", str(db_path)])
    assert "aiops check: 1 active workflow\n" in capsys.readouterr().out
