"""A living example company, so a new user sees a believable system at once.

The company lives in aiops_tui/data/sample_company.json: its people, tools,
workflows, prompts, reviews, metric values and rituals, each with when it
happened (days before the day it is loaded) and who did it. This loader writes
it through the repositories in the order it happened, with the clock and the
actor set to each step's, so the change log, the versions' authors, the last
reviews and the cadence's last-done dates tell one story, and a fixed clock
gives the same database every time (snapshots rely on that).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from importlib.resources import files
from typing import Any

from aiops_tui.clock import fixed_clock
from aiops_tui.domain.models import (
    Completion,
    Decision,
    ExtraSeries,
    MetricEntry,
    Person,
    Prompt,
    ReviewDecision,
    ReviewItem,
    SuccessMetric,
    Tool,
    Workflow,
)
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store

DATA_FILE = "sample_company.json"
CORRECTED = "Hello,\n\nThanks for your time today. The corrected draft is below.\n\nBest regards"
"""What a reviewer's correction reads like where the data file gives none."""
WORK_HOUR = 9
"""Steps of one day happen from 09:00 on, a minute apart, in the file's order."""


def sample_data() -> dict[str, Any]:
    """The sample company as stored in the package."""
    text = files("aiops_tui.data").joinpath(DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def load_sample(store: Store) -> None:
    """Add the example company. Refused on a database that already has workflows.

    One transaction: a lock or a refusal halfway leaves no half a company behind.
    """
    with store.db.transaction():
        _Loader(store, sample_data()).load()


class _Loader:
    def __init__(self, store: Store, data: dict[str, Any]) -> None:
        self.store = store
        self.data = data
        self.today = store.clock().replace(hour=0, minute=0, second=0, microsecond=0)
        self.steps: dict[int, int] = {}
        self.people: dict[str, int] = {}
        self.workflows: dict[str, int] = {}
        self.versions: dict[tuple[str, int], int] = {}

    def at(self, days_ago: float, hours: float = 0) -> datetime:
        """A moment `days_ago` before today: the day's next free minute from 09:00."""
        day = int(days_ago)
        step = self.steps.get(day, 0)
        self.steps[day] = step + 1
        start = self.today - timedelta(days=day) + timedelta(hours=WORK_HOUR + hours)
        return start + timedelta(minutes=step)

    @contextmanager
    def acting(self, who: str | None, days_ago: float, hours: float = 0) -> Iterator[datetime]:
        """Write as `who` on that day: the change log says who and when."""
        db = self.store.db
        clock, actor = db.clock, db.actor
        moment = self.at(days_ago, hours)
        db.clock, db.actor = fixed_clock(moment), who or self.data["founder"]
        try:
            yield moment
        finally:
            db.clock, db.actor = clock, actor

    def person(self, name: str | None) -> int | None:
        return self.people[name] if name else None

    def load(self) -> None:
        store = self.store
        if store.workflows.any():
            raise StoreError(
                "the database already has workflows; the sample goes into an empty one"
            )
        founder, start = self.data["founder"], self.data["started_days_ago"]
        with self.acting(founder, start):
            for p in self.data["people"]:
                self.people[p["name"]] = (
                    store.people.add(Person(name=p["name"], email=p["email"])).id or 0
                )
            tools = {t["name"]: store.tools.add(Tool(**t)).id or 0 for t in self.data["tools"]}
            for ritual in self.data["rituals"]:
                found = store.rituals.by_name(ritual["name"])
                if found is not None:
                    owner = self.person(ritual["owner"])
                    store.rituals.update(found.model_copy(update={"owner_id": owner}))
        for wf in self.data["workflows"]:
            self._workflow(wf, tools)
        for prompt in self.data["prompts"]:
            self._prompt(prompt)
        for review in self.data["reviews"]:
            self._review(review)
        self._metrics()
        for wf in self.data["workflows"]:
            if wf["reviewed"]:
                days, who = wf["reviewed"]
                with self.acting(who, days) as moment:
                    store.workflows.mark_reviewed(self.workflows[wf["name"]], on=moment.date())
        self._completions()

    def _workflow(self, wf: dict[str, Any], tools: dict[str, int]) -> None:
        store = self.store
        days, who, status = wf["created"]
        metric = SuccessMetric(**wf["metric"]) if wf["metric"] else SuccessMetric()
        with self.acting(who, days):
            stored = store.workflows.add(
                Workflow(
                    name=wf["name"],
                    summary=wf["summary"],
                    area=wf["area"],
                    status=status,
                    owner_id=self.person(wf["owner"]),
                    builder_id=self.person(wf["builder"]),
                    reviewer_id=self.person(wf["reviewer"]),
                    doc_owner_id=self.person(wf["doc_owner"]),
                    signoff_id=self.person(wf["signoff"]),
                    frequency_per_month=wf["frequency_per_month"],
                    structure=wf["structure"],
                    value=wf["value"],
                    risk=wf["risk"],
                    customer_facing=wf["customer_facing"],
                    review_rule=wf["review_rule"],
                    max_review_age_days=wf["max_review_age_days"],
                    allowed_data=wf["allowed_data"],
                    current_state=wf["current_state"],
                    target_state=wf["target_state"],
                    metric=metric,
                )
            )
            workflow_id = stored.id or 0
            self.workflows[wf["name"]] = workflow_id
            if wf["tools"]:
                store.tools.set_links(workflow_id, [tools[n] for n in wf["tools"]])
            for extra in wf["extras"]:
                store.metrics.add_series(ExtraSeries(workflow_id=workflow_id, **extra))
        for days, who, status, why in wf["status_history"]:
            with self.acting(who, days):
                store.workflows.set_status(workflow_id, status, why)

    def _prompt(self, spec: dict[str, Any]) -> None:
        store = self.store
        first, *later = spec["versions"]
        with self.acting(first["author"], first["days_ago"]):
            prompt, version = store.prompts.create(
                Prompt(
                    name=spec["name"],
                    workflow_id=self.workflows[spec["workflow"]],
                    description=spec["description"],
                ),
                first["body"],
                first["note"],
                author=first["author"],
            )
        prompt_id = prompt.id or 0
        self.versions[(spec["name"], 1)] = version.id or 0
        moves = sorted(spec["labels"], key=lambda m: -m["days_ago"])
        for number, v in enumerate(later, 2):
            for move in [m for m in moves if m["days_ago"] > v["days_ago"]]:
                self._move(prompt_id, move)
                moves.remove(move)
            with self.acting(v["author"], v["days_ago"]):
                added = store.prompts.add_version(prompt_id, v["body"], v["note"], v["author"])
            self.versions[(spec["name"], number)] = added.id or 0
        for move in moves:
            self._move(prompt_id, move)

    def _move(self, prompt_id: int, move: dict[str, Any]) -> None:
        with self.acting(move["who"], move["days_ago"]):
            self.store.prompts.move_label(
                prompt_id, move["label"], move["version"], move["why"], move["who"]
            )

    def _review(self, spec: dict[str, Any]) -> None:
        store = self.store
        title = spec["title"]
        with self.acting(None, spec["submitted_days_ago"]) as submitted:
            item = store.reviews.add(
                ReviewItem(
                    workflow_id=self.workflows[spec["workflow"]],
                    prompt_version_id=self.versions[(spec["prompt"], spec["version"])],
                    title=title,
                    input=f"Context for {title.lower()}.",
                    output=f"## Draft\n\nHello,\n\nThis is the AI draft for *{title}*.\n\n"
                    "- point one\n- point two\n\nBest regards",
                    source="sample",
                    submitted_at=submitted,
                )
            )
        if spec["decision"] == "pending":
            return
        decided = submitted + timedelta(hours=spec["hours_to_decision"])
        days_ago = (self.today - decided.replace(hour=0, minute=0)).days
        hours = decided.hour + decided.minute / 60 - WORK_HOUR
        ratio = spec["edit_ratio"]
        with self.acting(spec["reviewer"], days_ago, hours) as moment:
            store.reviews.decide(
                ReviewDecision(
                    item_id=item.id or 0,
                    reviewer=spec["reviewer"],
                    decision=Decision(spec["decision"]),
                    note=spec["note"],
                    accuracy=4 if spec["decision"] == "approved" else 2,
                    fit=5 if spec["decision"] == "approved" else 3,
                    corrected_output=spec.get("corrected", CORRECTED)
                    if ratio is not None
                    else None,
                    edit_ratio=ratio,
                    decided_at=moment,
                )
            )

    def _metrics(self) -> None:
        every, last = self.data["metric_every_days"], self.data["metric_last_days_ago"]
        for spec in self.data["metrics"]:
            values = spec["values"]
            for n, value in enumerate(values):
                days = last + every * (len(values) - 1 - n)
                with self.acting(spec["by"], days) as moment:
                    self.store.metrics.add(
                        MetricEntry(
                            workflow_id=self.workflows[spec["workflow"]],
                            date=moment.date(),
                            series=spec["series"],
                            value=value,
                        )
                    )

    def _completions(self) -> None:
        for ritual in self.data["rituals"]:
            found = self.store.rituals.by_name(ritual["name"])
            if found is None:
                continue
            for days, who in ritual["completions"]:
                with self.acting(who, days, hours=7) as moment:
                    self.store.rituals.complete(
                        Completion(
                            ritual_id=found.id or 0,
                            who=who,
                            completed_at=moment,
                            notes="All lines done.",
                            ticked=list(range(len(found.checklist))),
                        )
                    )
