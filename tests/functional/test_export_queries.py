"""The playbook runs a fixed number of queries, however many workflows it covers."""

from __future__ import annotations

import pytest

from aiops_tui.domain.models import Workflow
from aiops_tui.export.playbook import render_playbook
from aiops_tui.storage.db import Database
from aiops_tui.storage.store import Store


def queries_for_playbook(store: Store, monkeypatch: pytest.MonkeyPatch) -> int:
    seen: list[str] = []
    query, query_one = Database.query, Database.query_one

    def counting(self: Database, sql: str, *args: object, **kwargs: object) -> object:
        seen.append(sql)
        return query(self, sql, *args, **kwargs)  # type: ignore[arg-type]

    def counting_one(self: Database, sql: str, *args: object, **kwargs: object) -> object:
        seen.append(sql)
        return query_one(self, sql, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Database, "query", counting)
    monkeypatch.setattr(Database, "query_one", counting_one)
    render_playbook(store, store.clock().date())
    monkeypatch.undo()
    return len(seen)


def test_more_workflows_mean_no_more_queries(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = queries_for_playbook(sample_store, monkeypatch)
    for n in range(40):
        sample_store.workflows.add(Workflow(name=f"Extra live use {n:02d}", status="live"))
    after = queries_for_playbook(sample_store, monkeypatch)
    assert after == before
