"""One facade over the repositories: what screens and the CLI hold on to."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING

from aiops_tui.clock import Clock, system_clock
from aiops_tui.storage.db import Database
from aiops_tui.storage.opening import open_database

if TYPE_CHECKING:
    from aiops_tui.domain.undo import UndoEntry
    from aiops_tui.storage.app_state import AppStateRepo
    from aiops_tui.storage.changes import ChangesRepo
    from aiops_tui.storage.data_classes import DataClassesRepo
    from aiops_tui.storage.health import HealthRepo
    from aiops_tui.storage.metrics import MetricsRepo
    from aiops_tui.storage.outcomes import OutcomesRepo
    from aiops_tui.storage.people import PeopleRepo
    from aiops_tui.storage.prompts import PromptsRepo
    from aiops_tui.storage.reviews import ReviewsRepo
    from aiops_tui.storage.ritual_ticks import RitualTicks
    from aiops_tui.storage.rituals import RitualsRepo
    from aiops_tui.storage.search import SearchRepo
    from aiops_tui.storage.tools import ToolsRepo
    from aiops_tui.storage.workflows import WorkflowsRepo


class Store:
    """The repositories, each made (and its module imported) when first used: a command
    such as `aiops check` loads the storage code it reads with, not all of it."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @cached_property
    def people(self) -> PeopleRepo:
        from aiops_tui.storage.people import PeopleRepo

        return PeopleRepo(self.db)

    @cached_property
    def workflows(self) -> WorkflowsRepo:
        from aiops_tui.storage.workflows import WorkflowsRepo

        return WorkflowsRepo(self.db)

    @cached_property
    def tools(self) -> ToolsRepo:
        from aiops_tui.storage.tools import ToolsRepo

        return ToolsRepo(self.db)

    @cached_property
    def data_classes(self) -> DataClassesRepo:
        from aiops_tui.storage.data_classes import DataClassesRepo

        return DataClassesRepo(self.db)

    @cached_property
    def prompts(self) -> PromptsRepo:
        from aiops_tui.storage.prompts import PromptsRepo

        return PromptsRepo(self.db)

    @cached_property
    def reviews(self) -> ReviewsRepo:
        from aiops_tui.storage.reviews import ReviewsRepo

        return ReviewsRepo(self.db)

    @cached_property
    def rituals(self) -> RitualsRepo:
        from aiops_tui.storage.rituals import RitualsRepo

        return RitualsRepo(self.db)

    @cached_property
    def metrics(self) -> MetricsRepo:
        from aiops_tui.storage.metrics import MetricsRepo

        return MetricsRepo(self.db)

    @cached_property
    def outcomes(self) -> OutcomesRepo:
        from aiops_tui.storage.outcomes import OutcomesRepo

        return OutcomesRepo(self.db)

    @cached_property
    def changes(self) -> ChangesRepo:
        from aiops_tui.storage.changes import ChangesRepo

        return ChangesRepo(self.db)

    @cached_property
    def search(self) -> SearchRepo:
        from aiops_tui.storage.search import SearchRepo

        return SearchRepo(self.db)

    @cached_property
    def health(self) -> HealthRepo:
        from aiops_tui.storage.health import HealthRepo

        return HealthRepo(self.db)

    @cached_property
    def state(self) -> AppStateRepo:
        from aiops_tui.storage.app_state import AppStateRepo

        return AppStateRepo(self.db)

    @cached_property
    def ticks(self) -> RitualTicks:
        from aiops_tui.storage.ritual_ticks import RitualTicks

        return RitualTicks(self.db)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        clock: Clock = system_clock,
        actor: str = "",
        create: bool = True,
        check: bool = True,
        reads_only: bool = False,
    ) -> Store:
        return cls(
            open_database(
                path, clock=clock, actor=actor, create=create, check=check, reads_only=reads_only
            )
        )

    @property
    def clock(self) -> Clock:
        return self.db.clock

    @property
    def actor(self) -> str:
        return self.db.actor

    def undo_last(self) -> UndoEntry | None:
        """Undo this session's newest undoable change (None: there is none); a StoreError
        says why it cannot be (changed since, by another window or program)."""
        from aiops_tui.storage.undo import undo_last

        return undo_last(self.db)

    @contextmanager
    def one_change(self) -> Iterator[None]:
        """Writes made inside are one change for undo (a workflow and its tools)."""
        from aiops_tui.storage.undo import one_change

        with one_change(self.db):
            yield

    def keep_dashboard_figures(self) -> None:
        """Work out again, as the app closes, what a write deleted from the kept figures.

        The session's last write would otherwise leave the next start to work out the
        dashboard's figures (35 ms at full bench size, against a few ms at quit). A
        database that refuses the read only means the next start works them out.
        """
        try:
            self.health.health()
            self.health.month_figures()
            self.reviews.ageing_count()
        except sqlite3.Error:
            pass

    def close(self) -> None:
        self.db.close()
