"""Ticks name who ticked them, read back what older versions stored, and clear."""

from __future__ import annotations

from aiops_tui.domain.cadence import next_open_line
from aiops_tui.storage.ritual_ticks import ticks_key
from aiops_tui.storage.store import Store


def test_next_open_line_is_the_first_not_ticked() -> None:
    assert next_open_line(3, {}) == 0
    assert next_open_line(3, {0: "a", 2: "b"}) == 1
    assert next_open_line(2, {0: "a", 1: "b"}) is None
    assert next_open_line(0, {}) is None


def test_a_tick_names_the_acting_person_and_untick_removes_it(sample_store: Store) -> None:
    ritual = next(r.ritual for r in sample_store.rituals.all_rows() if r.ritual.checklist)
    sample_store.db.actor = "Dev Patel"
    assert sample_store.ticks.toggle(ritual) == 0
    sample_store.db.actor = "Ana Ruiz"
    assert sample_store.ticks.toggle(ritual) == 1
    assert sample_store.ticks.get(ritual) == {0: "Dev Patel", 1: "Ana Ruiz"}
    assert sample_store.ticks.toggle(ritual, 0) == 0
    assert sample_store.ticks.get(ritual) == {1: "Ana Ruiz"}
    sample_store.ticks.toggle(ritual, 1)
    assert sample_store.state.get(ticks_key(ritual.id or 0)) is None


def test_all_ticked_gives_none_and_writes_nothing(sample_store: Store) -> None:
    ritual = next(r.ritual for r in sample_store.rituals.all_rows() if r.ritual.checklist)
    for _ in ritual.checklist:
        sample_store.ticks.toggle(ritual)
    before = sample_store.ticks.get(ritual)
    assert sample_store.ticks.toggle(ritual) is None
    assert sample_store.ticks.get(ritual) == before


def test_old_bare_indexes_and_lines_cut_by_an_edit_are_read_sanely(sample_store: Store) -> None:
    ritual = next(r.ritual for r in sample_store.rituals.all_rows() if len(r.ritual.checklist) > 1)
    key = ticks_key(ritual.id or 0)
    sample_store.state.set(key, [0, [1, "Ana Ruiz"], 99, True, "x", [1, 2, 3]])
    assert sample_store.ticks.get(ritual) == {0: "", 1: "Ana Ruiz"}
    sample_store.state.set(key, {"not": "a list"})
    assert sample_store.ticks.get(ritual) == {}
