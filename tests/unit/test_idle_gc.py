"""Garbage is collected in the pauses, never while someone types (runtime.py)."""

from __future__ import annotations

import gc

import pytest

from aiops_tui.runtime import (
    FULL_COLLECTION_EVERY,
    IdleCollector,
    freeze_startup_heap,
    hold_collections,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def restore_gc():
    threshold = gc.get_threshold()
    yield
    gc.enable()
    gc.unfreeze()
    gc.set_threshold(*threshold)


def collector(clock: FakeClock, pending: list[int]) -> IdleCollector:
    return IdleCollector(clock=clock, pending=lambda: pending[0], idle_after=1.0, away_after=10.0)


def test_nothing_runs_while_input_keeps_coming(restore_gc) -> None:
    clock, pending = FakeClock(), [5]
    idle = collector(clock, pending)
    ran = []
    for _ in range(50):
        clock.now += 0.3
        idle.input_seen()
        ran.append(idle.collect_if_idle())
    assert ran == [None] * 50


def test_a_pause_collects_what_is_new_and_freezes_it(restore_gc) -> None:
    clock, pending = FakeClock(), [3]
    idle = collector(clock, pending)
    clock.now += 0.9
    assert idle.collect_if_idle() is None
    clock.now += 0.2
    before = gc.get_freeze_count()
    junk = [[] for _ in range(1000)]  # tracked objects alive now end up frozen
    assert idle.collect_if_idle() == "new"
    assert gc.get_freeze_count() >= before + len(junk)
    del junk


def test_no_collection_when_nothing_happened_since(restore_gc) -> None:
    clock, pending = FakeClock(), [0]
    idle = collector(clock, pending)
    clock.now += 5
    assert idle.collect_if_idle() is None


def test_a_long_pause_collects_everything_once(restore_gc) -> None:
    clock, pending = FakeClock(), [2]
    idle = collector(clock, pending)
    ran = []
    clock.now += 1.5
    ran.append(idle.collect_if_idle())
    pending[0] = 0
    clock.now += 9
    ran.append(idle.collect_if_idle())
    clock.now += 30
    ran.append(idle.collect_if_idle())  # nothing frozen since: no second complete pass
    assert ran == ["new", "complete", None]


def test_the_complete_pass_frees_cycles_that_died_after_being_frozen(restore_gc) -> None:
    import weakref

    class Node:
        pass

    clock, pending = FakeClock(), [1]
    idle = collector(clock, pending)
    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle: only the collector frees it
    probe = weakref.ref(a)
    clock.now += 2
    assert idle.collect_if_idle() == "new"  # alive, so frozen
    del a, b
    pending[0] = 0
    gc.collect()
    assert probe() is not None  # frozen: an ordinary collection does not see it
    clock.now += 20
    assert idle.collect_if_idle() == "complete"
    assert probe() is None


def test_startup_makes_automatic_full_collections_rarer(restore_gc) -> None:
    hold_collections()
    assert not gc.isenabled()
    freeze_startup_heap()
    assert gc.isenabled()
    assert gc.get_threshold()[2] == FULL_COLLECTION_EVERY
    assert gc.get_freeze_count() > 0
