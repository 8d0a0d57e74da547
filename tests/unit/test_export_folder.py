"""The playbook as a folder: the index links every SOP file, every file is sound."""

from __future__ import annotations

import re
from datetime import date

from mdstructure import parse

from aiops_tui.domain.models import ACTIVE_STATUSES
from aiops_tui.export.folder import render_folder
from aiops_tui.export.playbook import render_playbook
from aiops_tui.export.structure import problems
from aiops_tui.storage.store import Store

ON = date(2026, 11, 23)
LINK = re.compile(r"\]\(([^)#]+)\)")


def test_one_sop_file_per_active_workflow_named_by_slug_and_id(sample_store: Store) -> None:
    files = render_folder(sample_store, ON)
    active = sample_store.workflows.with_status(ACTIVE_STATUSES)
    assert sorted(files) == sorted(
        ["index.md"]
        + [
            f"workflows/{wf.name.lower().replace(' ', '-').replace('&', '')}-{wf.id}.md"
            for wf in active
        ]
    )
    assert "workflows/sales-follow-up-and-pipeline-summaries-1.md" in files


def test_the_index_links_each_sop_file_and_each_sop_links_back(sample_store: Store) -> None:
    files = render_folder(sample_store, ON)
    index_links = LINK.findall(files["index.md"])
    assert sorted(index_links) == sorted(p for p in files if p != "index.md")
    for path, text in files.items():
        if path != "index.md":
            assert LINK.findall(text) == ["../index.md"]
            assert parse(text).headings[0][0] == 1


def test_every_file_is_sound_and_the_same_twice(sample_store: Store) -> None:
    files = render_folder(sample_store, ON)
    assert all(problems(text) == [] for text in files.values())
    assert render_folder(sample_store, ON) == files
    assert problems(render_playbook(sample_store, ON)) == []


def test_the_index_is_the_playbook_with_the_workflows_as_links(sample_store: Store) -> None:
    index = parse(render_folder(sample_store, ON)["index.md"])
    whole = parse(render_playbook(sample_store, ON))
    assert [h for h in index.headings if h[0] <= 2] == [h for h in whole.headings if h[0] <= 2]
    assert not [h for h in index.headings if h[0] == 4]  # the bodies are in the SOP files


def test_an_empty_company_has_an_index_only(store: Store) -> None:
    files = render_folder(store, ON)
    assert list(files) == ["index.md"]
    assert problems(files["index.md"]) == []


def test_facts_read_once_for_the_folder_give_each_sop_the_same_bytes(sample_store: Store) -> None:
    from aiops_tui.export.playbook import read_for, render_sop

    active = sample_store.workflows.with_status(ACTIVE_STATUSES)
    reads = read_for(sample_store, active, ON)
    for wf in active:
        assert render_sop(sample_store, wf, ON, reads=reads) == render_sop(sample_store, wf, ON)
