"""Turning parsed draft lines into queued review items.

`resolve` checks names against the store (workflow, prompt@version) and
builds the `ReviewItem`. An import is all or nothing: every line is checked
and staged (in a temporary table, outside the write lock) before anything is
written, and the staged items are written in one short transaction (two
`INSERT ... SELECT`), so a half-imported batch never exists and the app's
writes never wait long for an import.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from pydantic import ValidationError

from aiops_tui.domain.data_check import data_flags
from aiops_tui.domain.intake import (
    IntakeError,
    IntakeLine,
    LineError,
    parse_line,
    parse_prompt_ref,
)
from aiops_tui.domain.models import DataClassName, ReviewItem
from aiops_tui.domain.policy import requires_review
from aiops_tui.domain.words import queued_summary
from aiops_tui.storage.store import Store


def _ids(store: Store, line: IntakeLine) -> tuple[int, int | None]:
    """The workflow's id and the prompt version's id the line names."""
    workflow = store.workflows.by_name(line.workflow)
    if workflow is None:
        raise IntakeError(f"unknown workflow {line.workflow!r}")
    version_id: int | None = None
    if line.prompt:
        name, number = parse_prompt_ref(line.prompt)
        prompt = store.prompts.by_name(name)
        if prompt is None:
            raise IntakeError(f"unknown prompt {name!r}")
        if number is None:
            version = store.prompts.production(prompt.id or 0) or store.prompts.latest(
                prompt.id or 0
            )
            if version is None:
                raise IntakeError(f"prompt {name!r} has no versions")
        else:
            version = store.prompts.version(prompt.id or 0, number)
            if version is None:
                raise IntakeError(f"prompt {name!r} has no version {number}")
        version_id = version.id
    return workflow.id or 0, version_id


def resolve(
    store: Store,
    line: IntakeLine,
    default_source: str = "import",
    known: dict[tuple[str, str | None], tuple[int, int | None]] | None = None,
) -> ReviewItem:
    """Look the names up and build the item; unknown names are errors, never creations.

    `known` keeps the names already looked up (an import names the same few
    workflows on every line).
    """
    key = (line.workflow, line.prompt)
    if known is not None and key in known:
        workflow_id, version_id = known[key]
    else:
        workflow_id, version_id = _ids(store, line)
        if known is not None:
            known[key] = (workflow_id, version_id)
    item = ReviewItem(
        workflow_id=workflow_id,
        prompt_version_id=version_id,
        title=line.title,
        input=line.input,
        output=line.output,
        source=line.source or default_source,
        submitted_at=store.clock(),
        revises_id=line.revises,
    )
    refusal = store.reviews.revision_refusal(item)
    if refusal is not None:
        raise IntakeError(refusal)
    return item


@dataclass(frozen=True)
class ImportResult:
    imported: int
    flagged: int
    errors: list[LineError]


STAGE_BATCH = 500

_STAGE_TABLE = """CREATE TEMP TABLE intake_stage (
    k INTEGER PRIMARY KEY, workflow_id INTEGER, prompt_version_id INTEGER, title TEXT,
    input TEXT, output TEXT, source TEXT, submitted_at TEXT, needs_signoff INTEGER,
    data_flags TEXT, summary TEXT, revises_id INTEGER)"""

_STAGE_ROW = (
    "INSERT INTO temp.intake_stage (k, workflow_id, prompt_version_id, title, input, output,"
    " source, submitted_at, needs_signoff, data_flags, summary, revises_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def read_lines(handle: BinaryIO) -> Iterator[tuple[int, str | None]]:
    """Numbered lines of a file, one at a time; None for a line that is not UTF-8."""
    for number, raw in enumerate(handle, start=1):
        try:
            yield number, raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            yield number, None


class _Stager:
    """Checked items written into a temporary table of this connection, in batches.

    The temporary table lives in SQLite's temp database (a file, not memory), so
    the import's memory stays flat whatever the file's size, and writing it takes
    no lock on the aiops database: other programs (the app) keep writing.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.db.conn
        self.rows: list[tuple[object, ...]] = []
        self.count = 0
        self.flagged = 0
        self.workflows: dict[int, tuple[str, bool, set[DataClassName]]] = {}
        self.known: dict[tuple[str, str | None], tuple[int, int | None]] = {}
        self.conn.execute("DROP TABLE IF EXISTS temp.intake_stage")
        self.conn.execute(_STAGE_TABLE)

    def _workflow(self, workflow_id: int) -> tuple[str, bool, set[DataClassName]]:
        """Name, sign-off need and forbidden data of a workflow, looked up once an import."""
        if workflow_id not in self.workflows:
            row = self.store.db.query_one(
                "SELECT name, customer_facing, risk FROM workflows WHERE id = ?", (workflow_id,)
            )
            assert row is not None  # resolve() found it by name
            self.workflows[workflow_id] = (
                str(row[0]),
                requires_review(bool(row[1]), str(row[2])),
                self.store.reviews.forbidden_for(workflow_id),
            )
        return self.workflows[workflow_id]

    def add(self, item: ReviewItem) -> None:
        name, needs, forbidden = self._workflow(item.workflow_id)
        flags = item.data_flags + data_flags(
            {"input": item.input, "output": item.output}, forbidden
        )
        self.flagged += bool(flags)
        self.rows.append(
            (
                self.count,
                item.workflow_id,
                item.prompt_version_id,
                item.title,
                item.input,
                item.output,
                item.source,
                item.submitted_at.isoformat(timespec="seconds"),
                int(needs),
                json.dumps(flags),
                queued_summary(item.title, name, item.revises_id),
                item.revises_id,
            )
        )
        self.count += 1
        if len(self.rows) >= STAGE_BATCH:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.conn.execute("BEGIN")
            self.conn.executemany(_STAGE_ROW, self.rows)
            self.conn.execute("COMMIT")
            self.rows = []

    def commit(self) -> None:
        """The one short step under the write lock: two INSERT ... SELECT."""
        self.flush()
        db = self.store.db
        with db.transaction() as conn:
            first = db.count("SELECT coalesce(max(id), 0) + 1 FROM review_items")
            conn.execute(
                "INSERT INTO review_items (id, workflow_id, prompt_version_id, title, input,"
                " output, source, submitted_at, status, needs_signoff, data_flags, revises_id)"
                " SELECT ? + k, workflow_id, prompt_version_id, title, input, output, source,"
                " submitted_at, 'pending', needs_signoff, data_flags, revises_id"
                " FROM temp.intake_stage ORDER BY k",
                (first,),
            )
            conn.execute(
                "INSERT INTO change_events (at, who, entity, entity_id, action, summary)"
                " SELECT ?, ?, 'review', ? + k, 'create', summary"
                " FROM temp.intake_stage ORDER BY k",
                (db.now_iso(), db.actor, first),
            )

    def drop(self) -> None:
        self.rows = []
        self.conn.execute("DROP TABLE IF EXISTS temp.intake_stage")


def import_lines(
    store: Store, lines: Iterable[tuple[int, str | None]], skip_invalid: bool = False
) -> ImportResult:
    """Check every line, stage the good ones, then write them in one short transaction.

    Without `skip_invalid`, any bad line means nothing is written and the
    result lists every bad line; with it, the good lines are written and the
    bad ones reported. Lines are read one at a time (`read_lines`), so a file
    of any size is imported in flat memory.
    """
    errors: list[LineError] = []
    revised: dict[int, int] = {}  # item id -> the line revising it
    stager = _Stager(store)
    try:
        for number, text in lines:
            if text is None:
                errors.append(LineError(number, "not UTF-8 text"))
                continue
            if not text.strip():
                continue
            try:
                item = resolve(store, parse_line(text), known=stager.known)
            except IntakeError as error:
                errors.append(LineError(number, str(error)))
                continue
            except ValidationError as error:
                first = error.errors()[0]
                field = ".".join(str(p) for p in first["loc"])
                message = first["msg"].removeprefix("Value error, ")
                errors.append(LineError(number, f"{field!r} {message}"))
                continue
            if item.revises_id is not None:
                if item.revises_id in revised:
                    errors.append(
                        LineError(
                            number,
                            f"review item #{item.revises_id} is already revised"
                            f" by line {revised[item.revises_id]}",
                        )
                    )
                    continue
                revised[item.revises_id] = number
            if errors and not skip_invalid:
                continue  # nothing will be written: only look for more bad lines
            stager.add(item)
        if errors and not skip_invalid:
            return ImportResult(0, 0, errors)
        if stager.count:
            stager.commit()
        return ImportResult(stager.count, stager.flagged, errors)
    finally:
        stager.drop()
