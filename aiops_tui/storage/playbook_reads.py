"""What the playbook reads for each workflow, read for all of them at once.

The playbook has a section per active workflow: its latest metric entries, its
prompts with their production version and labels, its tools, and a line of
the metrics table. Asked workflow by workflow, that was about six queries
each: 5,800 queries for 1,000 workflows. Here each kind of fact is one query
for every workflow, so an export runs a fixed number of queries whatever its
size; the per-workflow limits ("the last 12 entries") are applied inside SQL
by correlated index seeks, not by reading every row.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from aiops_tui.domain.models import MetricEntry, Prompt, PromptVersion, Tool
from aiops_tui.domain.outcomes import Counts
from aiops_tui.storage.db import Database
from aiops_tui.storage.metrics import _entry
from aiops_tui.storage.outcomes import VersionCounts, read_outcomes, read_version_outcomes
from aiops_tui.storage.prompts import _prompt, _version
from aiops_tui.storage.tools import _tool

IDS = "SELECT value FROM json_each(:ids)"


@dataclass
class PlaybookReads:
    """Per workflow (and per prompt) facts, keyed by id; missing keys mean none."""

    recent: dict[int, list[MetricEntry]] = field(default_factory=dict)
    """The success metric's last entries on or before the day, oldest first (as
    MetricsRepo.recent_until)."""
    prompts: dict[int, list[Prompt]] = field(default_factory=dict)
    production: dict[int, PromptVersion] = field(default_factory=dict)
    latest_number: dict[int, int] = field(default_factory=dict)
    labels: dict[int, dict[str, int]] = field(default_factory=dict)
    tools: dict[int, list[Tool]] = field(default_factory=dict)
    main_latest: dict[int, MetricEntry] = field(default_factory=dict)
    """The latest entry of the workflow's success metric on or before the day."""
    entries_between: dict[int, int] = field(default_factory=dict)
    """How many values of its success metric a workflow has in the window."""
    outcomes: dict[int, Counts] = field(default_factory=dict)
    """The counted outcomes of the eight weeks up to the day (storage.outcomes)."""
    versions: dict[int, list[VersionCounts]] = field(default_factory=dict)


def read_playbook(
    db: Database, workflow_ids: Sequence[int], until: date, recent: int, since: date
) -> PlaybookReads:
    """Everything `PlaybookReads` holds for `workflow_ids`, in eight queries."""
    reads = PlaybookReads()
    ids = json.dumps(list(workflow_ids))
    day = until.isoformat()
    for row in db.query(
        "SELECT e.* FROM workflows w JOIN metric_entries e ON e.id IN ("
        "  SELECT x.id FROM metric_entries x WHERE x.workflow_id = w.id AND x.series = ''"
        "  AND x.date <= :until ORDER BY x.date DESC, x.id DESC LIMIT :recent)"
        f" WHERE w.id IN ({IDS}) ORDER BY e.workflow_id, e.date, e.id",
        {"ids": ids, "until": day, "recent": recent},
    ):
        reads.recent.setdefault(row["workflow_id"], []).append(_entry(row))
    _read_prompts(db, reads, ids)
    for row in db.query(
        "SELECT wt.workflow_id AS linked, t.* FROM tools t"
        " JOIN workflow_tools wt ON wt.tool_id = t.id"
        f" WHERE wt.workflow_id IN ({IDS}) ORDER BY t.name COLLATE NOCASE",
        {"ids": ids},
    ):
        reads.tools.setdefault(row["linked"], []).append(_tool(row))
    for row in db.query(
        "SELECT e.* FROM workflows w JOIN metric_entries e ON e.id = ("
        "  SELECT x.id FROM metric_entries x WHERE x.workflow_id = w.id AND x.series = ''"
        "  AND x.date <= :until ORDER BY x.date DESC, x.id DESC LIMIT 1)"
        f" WHERE w.id IN ({IDS})",
        {"ids": ids, "until": day},
    ):
        reads.main_latest[row["workflow_id"]] = _entry(row)
    for workflow_id, count in db.query(
        "SELECT workflow_id, count(*) FROM metric_entries"
        f" WHERE workflow_id IN ({IDS}) AND series = '' AND date >= :since AND date <= :until"
        " GROUP BY workflow_id",
        {"ids": ids, "since": since.isoformat(), "until": day},
    ):
        reads.entries_between[workflow_id] = count
    reads.outcomes = read_outcomes(db, workflow_ids, until)
    reads.versions = read_version_outcomes(db, workflow_ids, until)
    return reads


def _read_prompts(db: Database, reads: PlaybookReads, ids: str) -> None:
    """Prompts, their production versions, latest numbers and labels (four queries)."""
    prompts: dict[int, list[Prompt]] = defaultdict(list)
    for row in db.query(
        f"SELECT * FROM prompts WHERE workflow_id IN ({IDS}) ORDER BY name COLLATE NOCASE, id",
        {"ids": ids},
    ):
        prompts[row["workflow_id"]].append(_prompt(row))
    reads.prompts = dict(prompts)
    prompt_ids = json.dumps([p.id for group in prompts.values() for p in group])
    for row in db.query(
        "SELECT l.prompt_id AS labelled, v.* FROM prompt_labels l"
        " JOIN prompt_versions v ON v.id = l.version_id"
        f" WHERE l.label = 'production' AND l.prompt_id IN ({IDS})",
        {"ids": prompt_ids},
    ):
        reads.production[row["labelled"]] = _version(row)
    for prompt_id, number in db.query(
        f"SELECT prompt_id, max(number) FROM prompt_versions WHERE prompt_id IN ({IDS})"
        " GROUP BY prompt_id",
        {"ids": prompt_ids},
    ):
        reads.latest_number[prompt_id] = number
    for prompt_id, label, number in db.query(
        "SELECT l.prompt_id, l.label, v.number FROM prompt_labels l"
        f" JOIN prompt_versions v ON v.id = l.version_id WHERE l.prompt_id IN ({IDS})"
        " ORDER BY l.prompt_id, l.label",
        {"ids": prompt_ids},
    ):
        reads.labels.setdefault(prompt_id, {})[label] = number
