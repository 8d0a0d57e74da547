"""The weekly review's agenda, built from the data at the moment the review opens.

Kept apart from the screen so the steps, the summary export and the tests
read the same lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from aiops_tui.domain.cadence import due_state
from aiops_tui.domain.models import ChangeEvent
from aiops_tui.storage.health_figures import Alert, Question, StaleDoc
from aiops_tui.storage.metrics import LiveMetric
from aiops_tui.storage.reviews import ReviewFilter, ReviewRow
from aiops_tui.storage.rituals import RitualRow
from aiops_tui.storage.store import Store

WEEKLY_RITUAL = "Weekly review"
STATE_KEY = "weekly_review"
PENDING_LIMIT = 200


@dataclass
class Agenda:
    today: date
    since: datetime
    """The last weekly review (or a week ago): prompt changes are counted from here."""
    overdue: list[RitualRow]
    pending: list[ReviewRow]
    pending_total: int
    overdue_revisions: list[ReviewRow]
    """Changes requested longer ago than the workflow allows, and no revision queued."""
    prompt_changes: list[ChangeEvent]
    alerts: list[Alert]
    stale_docs: list[StaleDoc]
    live: list[LiveMetric]
    scorecard: list[Question]


def last_review_at(store: Store) -> datetime:
    return store.rituals.last_done_at(WEEKLY_RITUAL) or (store.clock() - timedelta(days=7))


def overdue_rituals(store: Store, today: date) -> list[RitualRow]:
    """Rituals overdue or due today: what the week must not skip."""
    return [
        r for r in store.rituals.all_rows() if due_state(r.next_due, today) in ("overdue", "today")
    ]


def pending_reviews(store: Store) -> tuple[list[ReviewRow], int]:
    flt = ReviewFilter(status="pending")
    return store.reviews.page(flt, limit=PENDING_LIMIT), store.reviews.count(flt)


def workflow_alerts(store: Store) -> list[Alert]:
    """The health alerts a weekly review walks: critical first; unused tools are for the audit."""
    return sorted(
        (a for a in store.health.health().alerts if a.kind != "unused_tool"),
        key=lambda a: not a.critical,
    )


def build_agenda(store: Store) -> Agenda:
    today = store.clock().date()
    since = last_review_at(store)
    pending, total = pending_reviews(store)
    health = store.health.health()
    return Agenda(
        today=today,
        since=since,
        overdue=overdue_rituals(store, today),
        pending=pending,
        pending_total=total,
        overdue_revisions=store.reviews.overdue_revisions(),
        prompt_changes=store.changes.since_for("prompt", since.isoformat(timespec="seconds")),
        alerts=workflow_alerts(store),
        stale_docs=store.health.stale_documentation(),
        live=store.metrics.live_workflows(),
        scorecard=health.questions,
    )
