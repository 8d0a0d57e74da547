"""One facade over the repositories: what screens and the CLI hold on to."""

from __future__ import annotations

import os
import sqlite3

from aiops_tui.clock import Clock, system_clock
from aiops_tui.storage.app_state import AppStateRepo
from aiops_tui.storage.changes import ChangesRepo
from aiops_tui.storage.data_classes import DataClassesRepo
from aiops_tui.storage.db import Database
from aiops_tui.storage.health import HealthRepo
from aiops_tui.storage.metrics import MetricsRepo
from aiops_tui.storage.opening import open_database
from aiops_tui.storage.people import PeopleRepo
from aiops_tui.storage.prompts import PromptsRepo
from aiops_tui.storage.reviews import ReviewsRepo
from aiops_tui.storage.rituals import RitualsRepo
from aiops_tui.storage.tools import ToolsRepo
from aiops_tui.storage.workflows import WorkflowsRepo


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.people = PeopleRepo(db)
        self.workflows = WorkflowsRepo(db)
        self.tools = ToolsRepo(db)
        self.data_classes = DataClassesRepo(db)
        self.prompts = PromptsRepo(db)
        self.reviews = ReviewsRepo(db)
        self.rituals = RitualsRepo(db)
        self.metrics = MetricsRepo(db)
        self.changes = ChangesRepo(db)
        self.health = HealthRepo(db)
        self.state = AppStateRepo(db)

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], clock: Clock = system_clock, actor: str = ""
    ) -> Store:
        return cls(open_database(path, clock=clock, actor=actor))

    @property
    def clock(self) -> Clock:
        return self.db.clock

    @property
    def actor(self) -> str:
        return self.db.actor

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
