"""The store enforces the prompt rules itself, so the CLI and other callers cannot skip them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from aiops_tui.domain.models import DataClassName, Prompt
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store

KEY = "sk-proj4f9a8b7c6d5e4f3a2b1c0d9e8f7a"


def _workflow_id(store: Store, name: str = "Sales follow-up and pipeline summaries") -> int:
    wf = store.workflows.by_name(name)
    assert wf is not None and wf.id is not None
    return wf.id


def _versions(store: Store, prompt_id: int) -> int:
    return len(store.prompts.versions(prompt_id))


def test_credentials_are_refused_on_create_and_on_new_version(sample_store: Store) -> None:
    store = sample_store
    before = store.changes.count()
    with pytest.raises(StoreError, match="data policy forbids credentials") as refused:
        store.prompts.create(Prompt(name="leaky"), f"Use {KEY} to call the API")
    assert KEY not in str(refused.value) and "api key" in str(refused.value)
    assert store.prompts.by_name("leaky") is None
    prompt = store.prompts.by_name("sales-followup")
    assert prompt is not None and prompt.id is not None
    count = _versions(store, prompt.id)
    with pytest.raises(StoreError, match="forbid"):
        store.prompts.add_version(prompt.id, f"api_key = {KEY}", "add key")
    assert _versions(store, prompt.id) == count
    assert store.changes.count() == before


def test_data_the_workflow_does_not_list_is_refused(sample_store: Store) -> None:
    store = sample_store
    wf = store.workflows.get(_workflow_id(store))
    assert wf is not None
    assert DataClassName.FINANCIAL not in wf.allowed_data
    with pytest.raises(StoreError, match="does not list financial as allowed data"):
        store.prompts.create(
            Prompt(name="billing", workflow_id=wf.id), "Charge card 4111 1111 1111 1111"
        )


def test_personal_data_the_workflow_allows_is_only_a_warning(sample_store: Store) -> None:
    store = sample_store
    wf = store.workflows.get(_workflow_id(store))
    assert wf is not None and DataClassName.CUSTOMER_PERSONAL in wf.allowed_data
    warnings = store.prompts.check_safety("Reply to jane@acme.io", wf.id)
    assert [w.kind for w in warnings] == ["email"]
    prompt, version = store.prompts.create(
        Prompt(name="reply", workflow_id=wf.id), "Reply to jane@acme.io"
    )
    assert version.number == 1 and prompt.id is not None


def test_prompt_without_workflow_only_refuses_the_globally_forbidden(store: Store) -> None:
    prompt, _ = store.prompts.create(Prompt(name="free"), "Email jane@acme.io")
    assert prompt.id is not None
    with pytest.raises(StoreError):
        store.prompts.add_version(prompt.id, f"Email jane@acme.io with {KEY}", "key")


def test_new_version_needs_a_note_and_a_changed_body(store: Store) -> None:
    prompt, first = store.prompts.create(Prompt(name="p"), "Hello {{name}}")
    assert prompt.id is not None
    with pytest.raises(ValidationError):
        store.prompts.add_version(prompt.id, "Hello there {{name}}", "   ")
    with pytest.raises(StoreError, match="unchanged"):
        store.prompts.add_version(prompt.id, first.body, "same again")
    second = store.prompts.add_version(prompt.id, "Hi {{name}}", "shorter", author="Dev Patel")
    assert (second.number, second.author) == (2, "Dev Patel")
    assert _versions(store, prompt.id) == 2


def test_promote_needs_the_checklist_and_rollback_a_reason(store: Store) -> None:
    prompt, _ = store.prompts.create(Prompt(name="p"), "v1 body")
    pid = prompt.id
    assert pid is not None
    store.prompts.add_version(pid, "v2 body", "better")
    with pytest.raises(StoreError, match="tick every line"):
        store.prompts.promote(pid, 1, ["note", "tried"])
    store.prompts.promote(pid, 1, ["note", "tried"], reason="reviewer is away")
    store.prompts.promote(pid, 2, ["note", "tried", "reviewer"])
    assert store.prompts.labels(pid)["production"] == 2
    with pytest.raises(StoreError, match="rollback needs a reason"):
        store.prompts.promote(pid, 1, ["note", "tried", "reviewer"])
    move = store.prompts.promote(pid, 1, ["note", "tried", "reviewer"], reason="v2 rambles")
    assert (move.from_version, move.to_version) == (2, 1)
    assert store.prompts.labels(pid)["production"] == 1
    history = store.prompts.label_history(pid)
    assert [(m.from_version, m.to_version) for m in history] == [(2, 1), (1, 2), (None, 1)]
    assert history[0].why.startswith("rollback: v2 rambles")
    assert "override, not ticked: reviewer" in history[2].why
    assert store.prompts.label_history(pid, limit=1) == history[:1]
    actions = [
        r["action"]
        for r in store.db.query(
            "SELECT action FROM change_events WHERE entity = 'prompt' AND entity_id = ?"
            " ORDER BY id",
            (pid,),
        )
    ]
    assert actions == ["create", "version", "version", "label", "label", "rollback"]


def test_versions_and_quality_page_newest_first(sample_store: Store) -> None:
    prompt = sample_store.prompts.by_name("sales-followup")
    assert prompt is not None and prompt.id is not None
    page = sample_store.prompts.versions(prompt.id, limit=2, offset=1)
    assert [v.number for v in page] == [2, 1]
    quality = sample_store.prompts.quality(prompt.id, limit=1, offset=1)
    assert [q.number for q in quality] == [2] and quality[0].items > 0


def test_for_workflow_lists_only_that_workflows_prompts(sample_store: Store) -> None:
    wf = sample_store.workflows.by_name("Customer support drafting and triage")
    rows = sample_store.prompts.for_workflow(wf.id or 0)
    assert [r.name for r in rows] == ["support-triage"]
    assert rows[0].production_version == 2 and rows[0].versions == 2
    assert sample_store.prompts.for_workflow(999_999) == []
